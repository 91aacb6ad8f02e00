# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, models

from ..tools.customer_rollup import customer_domain


class CustomerHandoverWizard(models.TransientModel):
    """A hand-over moves the planned relationship events too (their activities follow)."""
    _inherit = 'customer.handover.wizard'

    def _handover_records(self, partners, old, new):
        moved = super()._handover_records(partners, old, new)
        events = self.env['customer.relationship.event'].sudo().search(
            customer_domain(partners) + [('state', '=', 'planned'), ('user_id', '=', old.id)])
        events.write({'user_id': new.id})
        return moved + [(len(events), _('%(count)s planned relationship events'))]
