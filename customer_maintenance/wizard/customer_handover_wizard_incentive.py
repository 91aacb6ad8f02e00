# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models

from ..tools.today import today as cm_today


class CustomerHandoverWizard(models.TransientModel):
    """A hand-over is logged with its date: the incentive statements split the customers'
    month there between the leaving manager and the successor."""
    _inherit = 'customer.handover.wizard'

    def _handover_records(self, partners, old, new):
        moved = super()._handover_records(partners, old, new)
        day = cm_today(self.env)
        self.env['customer.handover.log'].create([
            {'partner_id': partner.id, 'date': day, 'from_user_id': old.id,
             'to_user_id': new.id} for partner in partners])
        return moved
