# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Values of the day sheet: one print for the road (要求客戶經理出去訪問只攜帶要訪問的客戶資料卡).

Per manager and day of the visits printed: the route (order, estimated arrival, customer and
address, distance from the previous stop, running total, the way back), then the profile card
(客戶資料卡) of each customer of the day in route order, from the card's own report model."""
from collections import defaultdict

from odoo import api, models

from ..services import routing
from ..tools.today import today as cm_today

CARD_REPORT = 'report.customer_maintenance.report_profile_card'


class ReportRouteDaySheet(models.AbstractModel):
    _name = 'report.customer_maintenance.report_route_day_sheet'
    _description = 'Visit Day Sheet'

    @api.model
    def _sheets(self, visits):
        """[{'user', 'date', 'visits' in route order, 'back_km', 'total_km'}] per manager and
        day, cancelled visits left out."""
        Event = self.env['customer.relationship.event']
        settings = Event._route_settings()
        by_day = defaultdict(lambda: self.env['customer.relationship.event'])
        for visit in visits.filtered(lambda v: v.state != 'cancelled'):
            by_day[(visit.user_id, visit.date)] |= visit
        sheets = []
        for (user, date), day_visits in sorted(by_day.items(),
                                               key=lambda item: (item[0][1], item[0][0].id)):
            ordered = day_visits.sorted(lambda v: (not v.route_sequence, v.route_sequence, v.id))
            home = Event._route_start_point(user.sudo())
            last = ordered.filtered('route_sequence')[-1:].partner_id
            back_km = 0.0
            if home and last and not last.route_to_locate:
                back_km = routing.road_km((last.partner_latitude, last.partner_longitude), home,
                                          settings['road_factor'])
            total = max(ordered.mapped('route_total_km') or [0.0])
            sheets.append({'user': user, 'date': date, 'visits': ordered,
                           'back_km': back_km, 'total_km': total + back_km})
        return sheets

    @api.model
    def _get_report_values(self, docids, data=None):
        visits = self.env['customer.relationship.event'].browse(docids)
        sheets = self._sheets(visits)
        partners = self.env['res.partner']
        for sheet in sheets:
            sheet['partners'] = sheet['visits'].partner_id
            partners |= sheet['partners']
        values = self.env[CARD_REPORT]._get_report_values(partners.ids, data)
        values.update({
            'doc_ids': visits.ids,
            'doc_model': 'customer.relationship.event',
            'docs': visits,
            'sheets': sheets,
            'today': cm_today(self.env),
        })
        return values
