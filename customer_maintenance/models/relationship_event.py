# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# The seven kinds of relationship maintenance (客情維護) of the lecture, in its order.
EVENT_KINDS = [
    ('periodic', 'Periodic'),          # 周期型
    ('business', 'Business Event'),    # 重大事件
    ('personal', 'Personal'),          # 個人客情
    ('favour', 'Favour'),              # 幫忙式
    ('regional', 'Regional Event'),    # 重大環境事件
    ('hobby', 'Hobby'),                # 個性與愛好
    ('personnel', 'Personnel Change'), # 人事變動
]
EVENT_CHANNELS = [
    ('call', 'Business Call'),
    ('care_call', 'Care Call'),
    ('visit', 'Visit'),
    ('message', 'Message'),
    ('gift', 'Gift'),
    ('meeting', 'Meeting'),
    ('other', 'Other'),
]


class CustomerRelationshipEvent(models.Model):
    """One contact with a customer, planned or done: a call, a visit, a greeting, a gift."""
    _name = 'customer.relationship.event'
    _description = 'Relationship Event'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date desc, id desc'

    name = fields.Char(string='Subject', required=True, track_visibility='onchange')
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], track_visibility='onchange')
    contact_id = fields.Many2one(
        'res.partner', string='Contact Person', index=True, ondelete='set null',
        help='The person met or called at the customer.')
    user_id = fields.Many2one(
        'res.users', string='Responsible', index=True, track_visibility='onchange',
        default=lambda self: self.env.user)
    kind = fields.Selection(EVENT_KINDS, required=True, default='periodic', index=True,
                            track_visibility='onchange')
    channel = fields.Selection(EVENT_CHANNELS, required=True, default='call')
    date = fields.Date(required=True, index=True, default=fields.Date.context_today,
                       track_visibility='onchange')
    state = fields.Selection(
        [('planned', 'Planned'), ('done', 'Done'), ('cancelled', 'Cancelled')],
        required=True, default='planned', index=True, track_visibility='onchange')
    outcome = fields.Text(help='What happened, what the customer said, what to follow up.')
    cost = fields.Float(help='What this contact cost: travel, gift, meal.')
    company_id = fields.Many2one('res.company', default=lambda self: self.env.user.company_id)
