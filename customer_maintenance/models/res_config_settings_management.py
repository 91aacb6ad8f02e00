# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..queries.management_kpi import kpi_horizon, kpi_lost_window_users
from ..tools.settings import SETTINGS, setting
from ..tools.today import today as cm_today

# setting field -> (parameter key without the module prefix, default, (min, max))


def management_param(env, key):
    """A management setting by its parameter key (`kpi_lost_months`...), read by the module's
    settings reader (tools/settings.py)."""
    return setting(env, FIELD_OF_KEY[key])


FIELD_OF_KEY = {SETTINGS[name].key: name for name in (
    'cm_kpi_lost_months', 'cm_promotion_effect_months', 'cm_agreement_reminder_days')}


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
