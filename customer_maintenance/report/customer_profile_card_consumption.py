# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The consumption-cycle table (客戶用油周期表) on the customer profile card (客戶資料卡),
through the card's extension points: per product the learned interval, the usual quantity,
the last order, the next due date and what the cycle is now (learning, active, overdue,
lapsed, consumption rising or falling), so that the manager visiting the customer knows what
to offer before the customer runs out.

The cycles are the commercial partner's, searched as the printing user: an account manager
prints only the cycles their record rules let them read. Column labels are the fields'
labels, dates and numbers formatted as Odoo formats them, in the reader's language."""
from odoo import _lt, api, models
from odoo.tools.misc import format_date

CYCLE_LIMIT = 20  # the cycles due first; the full table is in the Consumption menu
COLUMNS = ('product_id', 'avg_interval_days', 'manual_interval_days', 'avg_qty',
           'last_order_date', 'next_due_date', 'state')
HIDDEN_NOTE = _lt("Your access rights hide some or all of this customer's consumption "
                  "cycles: this table is not complete.")


class ReportProfileCard(models.AbstractModel):
    _inherit = 'report.customer_maintenance.report_profile_card'

    @api.model
    def _hidden_notes(self):
        return dict(super()._hidden_notes(), cycles=HIDDEN_NOTE)

    @api.model
    def _card_cycles(self, card, customer, today):
        """The customer's cycles the reader may read, the first due first (learning cycles
        without a due date last)."""
        # "overdue" and "lapsed" are measured from the card's day
        Cycle = self.env['customer.consumption.cycle'].with_context(cm_today=today)
        return self._visible(card, 'cycles', Cycle, [('partner_id', '=', customer.id)],
                             order='next_due_date, id', limit=CYCLE_LIMIT)

    @api.model
    def _cycle_status(self, cycle):
        """'Active · Overdue · Anomaly: Rising': the state, then lapsed (overdue by more than
        two intervals: a customer to win back) or overdue, then an abnormal consumption."""
        parts = [self._display(cycle, 'state')]
        if cycle.is_lapsed:
            parts.append(self._label(cycle, 'is_lapsed'))
        elif cycle.is_overdue:
            parts.append(self._label(cycle, 'is_overdue'))
        if cycle.anomaly != 'none':
            parts.append('%s: %s' % (self._label(cycle, 'anomaly'),
                                     self._display(cycle, 'anomaly')))
        return ' · '.join(part for part in parts if part)

    @api.model
    def _cycle_row(self, cycle):
        qty = self._display(cycle, 'avg_qty')
        return {
            'product': cycle.product_id.display_name,
            'interval': self._display(cycle, 'avg_interval_days'),
            'known_interval': self._display(cycle, 'manual_interval_days'),
            'qty': ('%s %s' % (qty, cycle.product_uom_id.name or '')).strip() if qty else '',
            'last_order': format_date(self.env, cycle.last_order_date),
            'next_due': format_date(self.env, cycle.next_due_date),
            'status': self._cycle_status(cycle),
            'late': cycle.is_overdue,
            'anomaly': cycle.anomaly != 'none',
        }

    @api.model
    def _card(self, partner, sales, today):
        card = super()._card(partner, sales, today)
        cycles = self._card_cycles(card, partner.commercial_partner_id, today)
        card['cycles'] = [self._cycle_row(cycle) for cycle in cycles]
        Cycle = self.env['customer.consumption.cycle']
        card['cycle_labels'] = {fname: self._label(Cycle, fname) for fname in COLUMNS}
        # the known-interval column only when a manager recorded one
        card['cycle_known_interval'] = any(row['known_interval'] for row in card['cycles'])
        return card
