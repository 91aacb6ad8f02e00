# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class CustomerIncentiveCorrectionWizard(models.TransientModel):
    """A correction of a confirmed incentive statement: a new line with its amount, the
    customer it concerns (optional), who added it and why. The statement itself stays as
    confirmed."""
    _name = 'customer.incentive.correction.wizard'
    _description = 'Incentive Statement Correction'

    statement_id = fields.Many2one('customer.incentive.statement', required=True,
                                   ondelete='cascade')
    currency_id = fields.Many2one(related='statement_id.currency_id')
    partner_id = fields.Many2one('res.partner', string='Customer')
    amount = fields.Monetary(help='Positive: paid in addition; negative: taken back.')
    reason = fields.Char(required=True)

    def action_apply(self):
        """Add the correction line to the confirmed statement."""
        self.ensure_one()
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can correct an incentive statement.'))
        statement = self.statement_id
        if statement.state != 'confirmed':
            raise UserError(_('The statement %s is still open: the nightly job recomputes '
                              'it. Correct it once it is confirmed.', statement.name))
        if not self.amount:
            raise UserError(_('Enter the amount of the correction.'))
        if not (self.reason or '').strip():
            raise UserError(_('Say why the statement is corrected.'))
        # the lines are written by the job and this wizard only (no write right on them)
        self.env['customer.incentive.statement.line'].sudo().create({
            'statement_id': statement.id, 'partner_id': self.partner_id.id,
            'rule': 'correction', 'amount': self.amount, 'note': self.reason.strip()})
        return {'type': 'ir.actions.act_window_close'}
