# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, models


class CustomerReviewDigest(models.AbstractModel):
    """The weekly digest lists the customers of the manager whose health turned at risk in
    the week (each has its win-back call)."""
    _inherit = 'customer.review.digest'

    @api.model
    def _digest_manager_block(self, user, start, end, shared):
        block = super()._digest_manager_block(user, start, end, shared)
        turned = self.env['res.partner'].search(
            [('user_id', '=', user.id), ('parent_id', '=', False),
             ('health_at_risk_date', '>=', start), ('health_at_risk_date', '<', end)],
            order='health_score, name, id')
        if turned:
            names = {partner: '%s (%d/100)' % (partner.display_name, partner.health_score)
                     for partner in turned}
            block['sections'].append(self._section(
                _('Customers turned at risk (a win-back call is planned):'), turned, names))
        return block
