# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..queries.management_kpi import kpi_horizon, kpi_lost_window_users
from ..tools.today import today as cm_today

# setting field -> (parameter key without the module prefix, default, (min, max))
MANAGEMENT_PARAMS = {
    'cm_kpi_lost_months': ('kpi_lost_months', 6, (1, 12)),
    'cm_promotion_effect_months': ('promotion_effect_months', 3, (1, 24)),
    'cm_agreement_reminder_days': ('agreement_reminder_days', 30, (0, 366)),
}
_BY_KEY = {key: (default, bounds) for key, default, bounds in MANAGEMENT_PARAMS.values()}


def management_param(env, key):
    """A management setting as an int (the default when unset or unreadable, clamped to its
    range), for crons and computes."""
    default, (low, high) = _BY_KEY[key]
    raw = env['ir.config_parameter'].sudo().get_param('customer_maintenance.' + key)
    try:
        value = int(raw) if raw not in (None, False, '') else default
    except ValueError:
        value = default
    return min(max(value, low), high)


class ResConfigSettings(models.TransientModel):
    """Settings of the management feature: KPI lost-customer window, ledger reminders."""
    _inherit = 'res.config.settings'

    cm_kpi_lost_months = fields.Integer(
        string='Customer Lost After (months)', default=6,
        config_parameter='customer_maintenance.kpi_lost_months',
        help='A customer who bought in the previous 12 months but not in this many months '
             'counts as lost in the account-manager KPIs.')
    cm_promotion_effect_months = fields.Integer(
        string='Promotion Effect Window (months)', default=3,
        config_parameter='customer_maintenance.promotion_effect_months',
        help='Sales compared before and after a promotion support, over this many months.')
    cm_agreement_reminder_days = fields.Integer(
        string='Agreement Renewal Reminder (days)', default=30,
        config_parameter='customer_maintenance.agreement_reminder_days',
        help='The account manager is reminded this many days before an agreement ends.')

    @api.constrains(*MANAGEMENT_PARAMS)
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

    def set_values(self):
        """A new lost-customer window changes the kept/lost figures: refresh them now, for
        the managers whose figures it changes only (rather than show the old window's
        figures until the night, or recompute every manager inside the request)."""
        before = management_param(self.env, 'kpi_lost_months')
        res = super().set_values()
        after = management_param(self.env, 'kpi_lost_months')
        if after != before:
            Snapshot = self.env['customer.manager.kpi.snapshot']
            self.env.flush_all()
            self.env.cr.execute(kpi_lost_window_users(min(before, after),
                                                      kpi_horizon(cm_today(self.env))))
            users = self.env['res.users'].browse(row[0] for row in self.env.cr.fetchall())
            Snapshot._refresh_managers(users)
        return res
