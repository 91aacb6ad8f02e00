# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, models


class CustomerHandoverWizard(models.TransientModel):
    """The leaving manager's active prospect claims on the customers handed over go to the
    successor: a claim is the right to win a prospect, it must not lapse with the person."""
    _inherit = 'customer.handover.wizard'

    def _handover_records(self, partners, old, new):
        moved = super()._handover_records(partners, old, new)
        claims = self.env['customer.prospect.claim'].search([
            ('partner_id', 'in', partners.ids), ('user_id', '=', old.id),
            ('state', '=', 'active')])
        claims.write({'user_id': new.id})
        return moved + [(len(claims), _('%(count)s prospect claims'))]

    def _handover_activity_models(self):
        return super()._handover_activity_models() + ['customer.prospect.claim']
