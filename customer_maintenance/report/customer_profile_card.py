# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# What the card shows of the partner, part by part (客戶資料卡).
CHARACTERISTIC_FIELDS = ['customer_tier_id', 'loyalty_type', 'purchase_purpose_ids',
                         'is_key_account', 'customer_team_ids', 'executive_sponsor_id',
                         'team_warning', 'pipeline_stage']
BUSINESS_FIELDS = ['abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share', 'credit_rating']
CONTACT_FIELDS = ['hobby_ids', 'contact_preferences']


class ReportProfileCard(models.AbstractModel):
    """Values of the customer profile card (客戶資料卡): the template only shows what is here."""
    _name = 'report.customer_maintenance.report_profile_card'
    _description = 'Customer Profile Card'

    @api.model
    def _display(self, record, fname):
        """A field's value as text, in the user's language; '' when empty."""
        field = record._fields[fname]
        value = record[fname]
        if field.type == 'selection':
            return dict(field._description_selection(self.env)).get(value, '') if value else ''
        if field.type == 'many2one':
            return value.display_name or ''
        if field.type in ('many2many', 'one2many'):
            return ', '.join(value.mapped('display_name'))
        if field.type == 'boolean':
            return value
        if field.type == 'float':
            return value and round(value, 2) or ''
        return value or ''

    @api.model
    def _label(self, model, fname):
        return self.env[model]._fields[fname].get_description(self.env)['string']

    @api.model
    def _rows(self, record, fnames):
        rows = []
        for fname in fnames:
            value = self._display(record, fname)
            if value not in ('', False, None):
                rows.append({'label': self._label(record._name, fname),
                             'value': value if value is not True else '✔'})
        return rows

    @api.model
    def _birthday(self, contact):
        """'Lunar 8/15' or 'Solar 1979-03-02': how the manager greets on the right day."""
        if not (contact.birthday_month and contact.birthday_day):
            return ''
        calendar = self._display(contact, 'birthday_calendar') or ''
        if contact.birth_year:
            day = '%04d-%02d-%02d' % (contact.birth_year, contact.birthday_month,
                                      contact.birthday_day)
        else:
            day = '%d/%d' % (contact.birthday_month, contact.birthday_day)
        return ('%s %s' % (calendar, day)).strip()

    @api.model
    def _sales_figures(self, partners, today):
        """Sales of the last 12 months per quarter and of the 12 months before, per customer."""
        start = today - relativedelta(months=24)
        self.env.cr.execute("""
            SELECT p.commercial_partner_id,
                   FLOOR((%s::date - so.confirmation_date::date) / 91.3125)::int
                       AS quarter_back,
                   SUM(so.amount_untaxed)
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE p.commercial_partner_id = ANY(%s) AND so.state IN ('sale', 'done')
               AND so.confirmation_date >= %s AND so.confirmation_date < %s::date + 1
             GROUP BY 1, 2
        """, (fields.Date.to_string(today), partners.ids, fields.Date.to_string(start),
              fields.Date.to_string(today)))
        result = {pid: {'quarters': [0.0] * 4, 'last_12': 0.0, 'previous_12': 0.0}
                  for pid in partners.ids}
        for pid, back, amount in self.env.cr.fetchall():
            fig = result[pid]
            if back < 4:
                fig['quarters'][3 - back] += amount
                fig['last_12'] += amount
            else:
                fig['previous_12'] += amount
        for fig in result.values():
            fig['trend'] = (((fig['last_12'] - fig['previous_12']) / fig['previous_12'] * 100.0)
                            if fig['previous_12'] else None)
        return result

    @api.model
    def _ledger(self, model, partner, domain_extra, limit=10):
        return self.env[model].search(
            [('partner_id', '=', partner.commercial_partner_id.id)] + domain_extra,
                                      limit=limit)

    @api.model
    def _card(self, partner, sales, today):
        since_6m = fields.Date.to_string(today - relativedelta(months=6))
        since_12m = fields.Date.to_string(today - relativedelta(months=12))
        customer = partner.commercial_partner_id
        card = {'partner': partner, 'sales': sales}
        # former contacts (who left the customer) stay on the partner but not on the card
        contacts = partner.child_ids.filtered(
            lambda c: c.type == 'contact' and c.active and not c.is_former_contact)
        card['contacts'] = [{
            'name': c.name, 'function': c.function or '', 'phone': c.phone or c.mobile or '',
            'email': c.email or '', 'birthday': self._birthday(c),
            'extra': self._rows(c, CONTACT_FIELDS)} for c in contacts]
        card['characteristics'] = self._rows(partner, CHARACTERISTIC_FIELDS)
        card['business'] = self._rows(partner, BUSINESS_FIELDS)
        cycles = self.env['customer.consumption.cycle'].with_context(
            cm_today=fields.Date.to_string(today)).search(
                [('partner_id', '=', customer.id)],
                order='next_due_date, id', limit=20)
        card['cycles'] = [{
            'product': c.product_id.display_name,
            'interval': c.manual_interval_days or round(c.avg_interval_days or 0),
            'qty': c.avg_qty,
            'uom': c.product_uom_id.name or '',
            'next_due': c.next_due_date or '',
            'overdue': c.is_overdue,
            'anomaly': self._display(c, 'anomaly') if c.anomaly != 'none' else '',
        } for c in cycles]
        card['orders'] = self.env['sale.order'].search(
            [('partner_id', 'child_of', partner.id), ('state', 'in', ('sale', 'done'))],
            order='confirmation_date desc', limit=10)
        card['invoices'] = self.env['account.invoice'].search(
            [('partner_id', 'child_of', partner.id), ('type', '=', 'out_invoice'),
             ('state', '=', 'open')], order='date_due', limit=10)
        today_s = fields.Date.to_string(today)
        Event = self.env['customer.relationship.event']
        card['events'] = Event.search(
            [('partner_id', '=', customer.id), ('date', '>=', since_6m), ('date', '<=', today_s),
             ('state', '!=', 'cancelled')], order='date desc, id desc', limit=30)
        # gifts given are the events that carry one (customer.gift is the catalogue)
        card['gifts'] = Event.search(
            [('partner_id', '=', customer.id), ('gift_id', '!=', False), ('state', '=', 'done'),
             ('date', '>=', since_12m), ('date', '<=', today_s)], order='date desc', limit=20)
        card['gift_total'] = sum(card['gifts'].mapped('gift_value'))
        card['gift_budget'] = customer.customer_tier_id.annual_gift_budget
        card['promotions'] = self._ledger('customer.promotion.support', partner,
                                          [('state', '!=', 'cancelled')])
        card['services'] = self._ledger('customer.value.service', partner, [])
        card['agreements'] = self._ledger('customer.agreement', partner,
                                          [('state', 'in', ('draft', 'active'))])
        return card

    @api.model
    def get_report_values(self, docids, data=None):
        partners = self.env['res.partner'].browse(docids)
        today = fields.Date.from_string(
            self.env.context.get('cm_today') or fields.Date.context_today(self))
        figures = self._sales_figures(partners.mapped('commercial_partner_id'), today)
        cards = {p.id: self._card(p, figures[p.commercial_partner_id.id], today)
                 for p in partners}
        return {
            'doc_ids': partners.ids,
            'doc_model': 'res.partner',
            'docs': partners,
            'cards': cards,
            'today': fields.Date.to_string(today),
            'print_user': self.env.user,
        }
