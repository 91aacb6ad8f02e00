# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class CustomerHandoverWizard(models.TransientModel):
    """Hand-over and the consumption cycle table: a cycle's account manager is its customer's
    (stored related field), so it follows by itself; its open activities (anomalies to ask
    about) move with the customer."""
    _inherit = 'customer.handover.wizard'

    @api.model
    def _handover_activity_models(self):
        return super()._handover_activity_models() + ['customer.consumption.cycle']
