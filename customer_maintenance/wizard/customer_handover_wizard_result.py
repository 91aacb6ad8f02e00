# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, models


class CustomerHandoverWizardResult(models.TransientModel):
    """The hand-over says what it moved (counts) before printing the profile cards."""
    _inherit = 'customer.handover.wizard'

    @api.multi
    def action_handover(self):
        partners = self._check_input()
        old = self.from_user_id
        env = self.sudo().env
        counts = {
            'customers': len(partners),
            'contacts': env['res.partner'].with_context(active_test=False).search_count(
                [('id', 'child_of', partners.ids), ('id', 'not in', partners.ids),
                 ('user_id', '=', old.id)]),
            'events': env['customer.relationship.event'].search_count(
                [('partner_id', 'in', partners.ids), ('state', '=', 'planned'),
                 ('user_id', '=', old.id)]),
            'claims': env['customer.prospect.claim'].search_count(
                [('partner_id', 'in', partners.ids), ('state', '=', 'active'),
                 ('user_id', '=', old.id)]),
        }
        report = super(CustomerHandoverWizardResult, self).action_handover()
        if self.env.context.get('cm_handover_report_only'):
            return report
        message = _('%(customers)d customers (with %(contacts)d contacts), %(events)d planned '
                    'contacts and %(claims)d active claims handed over from %(old)s to %(new)s.') % dict(
            counts, old=old.name, new=self.to_user_id.name)
        return self.env['customer.maintenance.result'].show(
            _('Hand-over done'), message, records=partners,
            report_xmlid='customer_maintenance.action_report_profile_card')
