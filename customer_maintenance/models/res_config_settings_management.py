# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    """Settings of the management feature: KPI lost-customer window, ledger reminders."""
    _inherit = 'res.config.settings'

    cm_kpi_lost_months = fields.Integer(
        string='Customer Lost After (months)', default=6,
        help='A customer who bought in the previous 12 months but not in this many months '
             'counts as lost in the account-manager KPIs.')
    cm_promotion_effect_months = fields.Integer(
        string='Promotion Effect Window (months)', default=3,
        help='Sales compared before and after a promotion support, over this many months.')
    cm_agreement_reminder_days = fields.Integer(
        string='Agreement Renewal Reminder (days)', default=30,
        help='The account manager is reminded this many days before an agreement ends.')

    @api.constrains('cm_kpi_lost_months', 'cm_promotion_effect_months',
                    'cm_agreement_reminder_days')
    def _check_management_settings(self):
        for settings in self:
            if not 1 <= settings.cm_kpi_lost_months <= 12:
                raise ValidationError(_('A customer can only count as lost after 1 to 12 months '
                                        'without orders.'))
            if not 1 <= settings.cm_promotion_effect_months <= 24:
                raise ValidationError(_('The promotion effect window must be 1 to 24 months.'))
            if not 0 <= settings.cm_agreement_reminder_days <= 366:
                raise ValidationError(_('The agreement renewal reminder must be 0 to 366 days '
                                        'before the end.'))

    @api.multi
    def set_values(self):
        """A new lost-customer window changes the kept/lost figures: refresh them now rather
        than show the old window's figures until the night."""
        key = 'customer_maintenance.kpi_lost_months'
        before = self.cm_get_param(key, int, 6)
        super(ResConfigSettings, self).set_values()
        if self.cm_get_param(key, int, 6) != before:
            self.env['customer.manager.kpi.snapshot'].sudo()._refresh()

    @api.model
    def _cm_params(self):
        res = super(ResConfigSettings, self)._cm_params()
        res.update({
            'cm_kpi_lost_months': ('customer_maintenance.kpi_lost_months', int, 6),
            'cm_promotion_effect_months': ('customer_maintenance.promotion_effect_months', int, 3),
            'cm_agreement_reminder_days': ('customer_maintenance.agreement_reminder_days', int, 30),
        })
        return res
