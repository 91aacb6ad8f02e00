# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

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


PLAN_ITEMS = [
    ('call', 'Business Call'),
    ('care_call', 'Care Call'),
    ('visit', 'Visit'),
    ('festival', 'Festival Greeting'),
    ('birthday', 'Birthday Greeting'),
    ('anniversary', 'Anniversary Greeting'),
    ('regional', 'Regional Care'),
]
# the periodic policy items: one open event each; greetings and regional care: one per occurrence
PERIODIC_ITEMS = ('call', 'care_call', 'visit')
ACTIVITY_TYPES = {
    'call': 'mail.mail_activity_data_call',
    'care_call': 'mail.mail_activity_data_call',
    'visit': 'mail.mail_activity_data_meeting',
    'meeting': 'mail.mail_activity_data_meeting',
    'message': 'mail.mail_activity_data_email',
}


class CustomerRelationshipEvent(models.Model):
    """One contact with a customer, planned or done: a call, a visit, a greeting, a gift."""
    _name = 'customer.relationship.event'
    _description = 'Relationship Event'
    _inherit = 'customer.partner.record.mixin'
    _order = 'date desc, id desc'

    contact_id = fields.Many2one(
        'res.partner', string='Contact Person', index=True, ondelete='set null',
        help='The person met or called at the customer.')
    user_id = fields.Many2one(
        'res.users', string='Responsible', index=True, track_visibility='onchange',
        default=lambda self: self.env.user)
    kind = fields.Selection(EVENT_KINDS, required=True, default='periodic', index=True,
                            track_visibility='onchange')
    channel = fields.Selection(EVENT_CHANNELS, required=True, default='call')
    state = fields.Selection(
        [('planned', 'Planned'), ('done', 'Done'), ('cancelled', 'Cancelled')],
        required=True, default='planned', index=True, track_visibility='onchange')
    outcome = fields.Text(help='What happened, what the customer said, what to follow up.')
    cost = fields.Float(help='What this contact cost: travel, gift, meal.')

    description = fields.Text(string='Purpose', help='What to do or say in this contact.')
    gift_id = fields.Many2one('customer.gift', string='Gift', ondelete='restrict',
                              track_visibility='onchange')
    gift_value = fields.Float(
        string='Gift Value', help="Value of the gift given; counted against the tier's annual "
                                  'gift budget of the customer.')
    gift_story = fields.Text(related='gift_id.story', readonly=True, string='Story of the Gift')
    festival_id = fields.Many2one('customer.festival', string='Festival', ondelete='set null',
                                  index=True)
    occasion_date = fields.Date(string='Occasion Date',
                                help='Date of the festival, birthday or anniversary greeted.')
    plan_item = fields.Selection(
        PLAN_ITEMS, string='Planned By', readonly=True, index=True,
        help='The policy item of the tier that planned this contact; empty for contacts '
             'planned or logged by hand.')
    plan_key = fields.Char(
        readonly=True, copy=False,
        help='Technical: identifies what the planner planned, so that it never plans twice.')
    tier_id = fields.Many2one('customer.tier', string='Policy Tier', readonly=True,
                              ondelete='set null', help='The tier whose policy planned this contact.')
    followup_of_id = fields.Many2one('customer.relationship.event', string='Follow-up Of',
                                     ondelete='set null', readonly=True)
    contact_preferences = fields.Text(related='contact_id.contact_preferences', readonly=True,
                                      string='Contact Preferences')
    contact_hobby_ids = fields.Many2many(related='contact_id.hobby_ids', readonly=True,
                                         string='Contact Hobbies')
    customer_contact_preferences = fields.Text(
        related='partner_id.contact_preferences', readonly=True, string='Customer Preferences')
    is_overdue = fields.Boolean(compute='_compute_is_overdue', search='_search_is_overdue',
                                string='Overdue')
    gift_over_budget = fields.Boolean(compute='_compute_gift_budget', string='Over Gift Budget')
    gift_budget_message = fields.Char(compute='_compute_gift_budget', string='Gift Budget')
    color = fields.Integer(compute='_compute_color')

    @api.model_cr
    def init(self):
        # the planner's guarantee: one open event per customer and periodic item, one event per
        # greeting occurrence or regional care call, whatever its state
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_relationship_event_plan_key_uniq
                ON customer_relationship_event (plan_key)
             WHERE plan_key IS NOT NULL
               AND (state = 'planned' OR plan_item NOT IN ('call', 'care_call', 'visit'))""")
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS customer_relationship_event_partner_channel_date_idx
                ON customer_relationship_event (partner_id, channel, date)""")
        # the self-referencing foreign key: without it, deleting N events scans the table N
        # times (200k customers: minutes for the 11k open events the planner replaces)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS customer_relationship_event_followup_of_id_idx
                ON customer_relationship_event (followup_of_id)
             WHERE followup_of_id IS NOT NULL""")

    @api.model
    def _today(self):
        today = self.env.context.get('cm_today') or fields.Date.context_today(self)
        return fields.Date.from_string(today) if isinstance(today, str) else today

    @api.multi
    def _compute_is_overdue(self):
        today = fields.Date.to_string(self._today())
        for event in self:
            event.is_overdue = event.state == 'planned' and event.date < today

    @api.model
    def _search_is_overdue(self, operator, value):
        today = fields.Date.to_string(self._today())
        overdue = [('state', '=', 'planned'), ('date', '<', today)]
        if (operator == '=') == bool(value):
            return overdue
        return ['|', ('state', '!=', 'planned'), ('date', '>=', today)]

    @api.multi
    def _compute_color(self):
        today = fields.Date.to_string(self._today())
        for event in self:
            if event.state == 'planned':
                event.color = 1 if event.date < today else (3 if event.date == today else 0)
            else:
                event.color = 10 if event.state == 'done' else 0

    @api.multi
    @api.depends('gift_id', 'gift_value', 'date', 'partner_id')
    def _compute_gift_budget(self):
        for event in self:
            event.gift_over_budget = False
            event.gift_budget_message = False
            tier = event.partner_id.customer_tier_id
            if not event.gift_id or not tier or not event.date:
                continue
            year = fields.Date.from_string(event.date).year
            spent = event.partner_id.sudo()._gift_spend(year).get(event.partner_id.id, 0.0)
            if event.state != 'done':
                spent += event.gift_value
            budget = tier.annual_gift_budget
            event.gift_budget_message = _('Gifts %s: %.2f of %.2f budget') % (year, spent, budget)
            event.gift_over_budget = spent > budget

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.partner_id.user_id:
            self.user_id = self.partner_id.user_id
        if self.contact_id and self.contact_id.commercial_partner_id != self.partner_id:
            self.contact_id = False

    @api.onchange('gift_id')
    def _onchange_gift_id(self):
        if self.gift_id:
            self.gift_value = self.gift_id.value
            if self.channel not in ('visit', 'meeting'):
                self.channel = 'gift'

    @api.constrains('partner_id', 'contact_id')
    def _check_contact(self):
        for event in self:
            if event.partner_id.parent_id:
                raise ValidationError(_(
                    'Event "%s": the customer must be a company or an individual customer, not '
                    'a contact person (%s). Choose the company and set the person as contact.')
                    % (event.name, event.partner_id.display_name))
            if event.contact_id and event.contact_id.commercial_partner_id != event.partner_id:
                raise ValidationError(_(
                    'Event "%s": %s is not a contact person of %s.')
                    % (event.name, event.contact_id.display_name, event.partner_id.display_name))

    @api.constrains('cost', 'gift_value')
    def _check_amounts(self):
        for event in self:
            if event.cost < 0 or event.gift_value < 0:
                raise ValidationError(_('Event "%s": cost and gift value cannot be negative.')
                                      % event.name)

    @api.model
    def create(self, vals):
        if not vals.get('user_id') and vals.get('partner_id'):
            partner = self.env['res.partner'].browse(vals['partner_id'])
            if partner.user_id:
                vals['user_id'] = partner.user_id.id
        if vals.get('gift_id') and 'gift_value' not in vals:
            vals['gift_value'] = self.env['customer.gift'].browse(vals['gift_id']).value
        event = super(CustomerRelationshipEvent, self).create(vals)
        event._sync_activities()
        return event

    @api.multi
    def write(self, vals):
        res = super(CustomerRelationshipEvent, self).write(vals)
        if {'date', 'user_id', 'state', 'name', 'channel'} & set(vals):
            self._sync_activities()
        return res

    @api.multi
    def _activity_type(self):
        self.ensure_one()
        return self.env.ref(ACTIVITY_TYPES.get(self.channel, 'mail.mail_activity_data_todo'),
                            raise_if_not_found=False)

    @api.multi
    def _sync_activities(self):
        """Planned events appear in Odoo's activity menu of their user: one mail.activity each,
        following the event's date and user; closed events have none."""
        model_id = self.env['ir.model']._get_id(self._name)
        Activity = self.env['mail.activity'].sudo()
        for event in self:
            activities = event.sudo().activity_ids
            if event.state != 'planned' or not event.user_id:
                activities.unlink()
                continue
            vals = {
                'res_model_id': model_id, 'res_id': event.id, 'summary': event.name,
                'date_deadline': event.date, 'user_id': event.user_id.id,
                'activity_type_id': event._activity_type().id,
            }
            if activities:
                activities[1:].unlink()
                activities[:1].write(vals)
            else:
                Activity.create(vals)

    @api.multi
    def action_done(self):
        """Open the "Done" wizard: outcome, cost, gift, and the follow-up in one step."""
        self._check_open()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Mark as Done'),
            'res_model': 'customer.relationship.event.done.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_event_id': self[:1].id, 'active_ids': self.ids},
        }

    @api.multi
    def _check_open(self):
        closed = self.filtered(lambda e: e.state != 'planned')
        if closed:
            raise UserError(_('Only planned events can be done or cancelled; already closed: %s.')
                            % ', '.join(closed.mapped('name')))

    @api.multi
    def _mark_done(self, outcome=None, extra_vals=None):
        """Close planned events as done with their outcome (used by the wizard and by code)."""
        self._check_open()
        vals = dict(extra_vals or {}, state='done')
        if outcome:
            vals['outcome'] = outcome
        # close the activities with the outcome, so the chatter keeps what was done
        self.mapped('activity_ids').action_feedback(feedback=outcome or False)
        self.write(vals)
        return True

    @api.multi
    def action_cancel(self):
        """Cancel planned events; the planner plans the next contact of their policy item."""
        self._check_open()
        self.write({'state': 'cancelled'})
        return True

    @api.multi
    def action_send_greeting(self):
        """Open the mail composer with the greeting template of the festival (or the default)."""
        self.ensure_one()
        xmlid = {'birthday': 'mail_template_relationship_birthday',
                 'anniversary': 'mail_template_relationship_anniversary'}.get(
                     self.plan_item, 'mail_template_relationship_greeting')
        template = self.festival_id.mail_template_id or self.env.ref(
            'customer_maintenance.' + xmlid, raise_if_not_found=False)
        ctx = {
            'default_model': self._name, 'default_res_id': self.id,
            'default_use_template': bool(template),
            'default_template_id': template and template.id or False,
            'default_composition_mode': 'comment',
            'default_partner_ids': [(self.contact_id or self.partner_id).id],
        }
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'mail.compose.message',
            'view_mode': 'form',
            'target': 'new',
            'context': ctx,
        }
