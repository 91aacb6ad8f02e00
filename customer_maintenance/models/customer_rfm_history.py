# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

RFM_SEGMENTS = [
    ('champions', 'Champions'),
    ('loyal', 'Loyal'),
    ('potential', 'Potential'),
    ('new', 'New'),
    ('at_risk', 'At Risk'),
    ('cant_lose', "Can't Lose"),
    ('hibernating', 'Hibernating'),
    ('lost', 'Lost'),
]


class CustomerRfmHistory(models.Model):
    """One move of a customer between RFM segments, written by the nightly segmentation
    (never by hand)."""
    _name = 'customer.rfm.history'
    _description = 'Customer RFM Segment Move'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True, index=True,
                                 ondelete='cascade', readonly=True)
    old_segment = fields.Selection(RFM_SEGMENTS, string='Previous Segment', readonly=True)
    new_segment = fields.Selection(RFM_SEGMENTS, string='New Segment', readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    user_id = fields.Many2one(related='partner_id.user_id', string='Account Manager')
    is_slipping = fields.Boolean(
        string='Slipping Away', readonly=True,
        help="Moved into at risk, can't lose, hibernating or lost from a better segment (or "
             "segmented there the first time).")
