# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..services.overdue import is_overdue, overdue_domain
from ..tools.activities import create_activities
from ..tools.today import today as cm_today

# The seven kinds of relationship maintenance (客情維護) of the lecture, in its order.
EVENT_KINDS = [
    ('periodic', 'Periodic'),          # 周期型
    ('business', 'Business Event'),    # 重大事件
    ('personal', 'Personal'),          # 個人客情
    ('favour', 'Favour'),              # 幫忙式
    ('regional', 'Regional Event'),    # 重大環境事件
    ('hobby', 'Hobby'),                # 個性與愛好
    ('personnel', 'Personnel Change'),  # 人事變動
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
# the activity type (data/mail_activity_type_relationship_data.xml) of each channel
ACTIVITY_TYPES = {
    'call': 'customer_maintenance.mail_activity_type_relationship_call',
    'care_call': 'customer_maintenance.mail_activity_type_relationship_call',
    'visit': 'customer_maintenance.mail_activity_type_relationship_visit',
    'meeting': 'customer_maintenance.mail_activity_type_relationship_visit',
    'message': 'customer_maintenance.mail_activity_type_relationship_greeting',
    'gift': 'customer_maintenance.mail_activity_type_relationship_greeting',
}
ACTIVITY_TYPE_DEFAULT = 'customer_maintenance.mail_activity_type_relationship_greeting'
SYNC_FIELDS = {'date', 'user_id', 'state', 'name', 'channel'}


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
        'res.users', string='Responsible', index=True, tracking=True,
        default=lambda self: self.env.user)
    kind = fields.Selection(EVENT_KINDS, required=True, default='periodic', index=True,
                            tracking=True)
    channel = fields.Selection(EVENT_CHANNELS, required=True, default='call')
    state = fields.Selection(
        [('planned', 'Planned'), ('done', 'Done'), ('cancelled', 'Cancelled')],
        required=True, default='planned', index=True, tracking=True)
    outcome = fields.Text(help='What happened, what the customer said, what to follow up.')
    cost = fields.Float(help='What this contact cost: travel, gift, meal.')
    description = fields.Text(string='Purpose', help='What to do or say in this contact.')
    gift_id = fields.Many2one('customer.gift', string='Gift', ondelete='restrict', tracking=True)
    gift_value = fields.Float(
        string='Gift Value', help="Value of the gift given; counted against the tier's annual "
                                  'gift budget of the customer.')
    gift_story = fields.Text(related='gift_id.story', string='Story of the Gift')
    festival_id = fields.Many2one('customer.festival', string='Festival', ondelete='set null',
                                  index='btree_not_null')
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
                              ondelete='set null',
                              help='The tier whose policy planned this contact.')
    followup_of_id = fields.Many2one('customer.relationship.event', string='Follow-up Of',
                                     ondelete='set null', readonly=True, index='btree_not_null')
    contact_preferences = fields.Text(related='contact_id.contact_preferences',
                                      string='Contact Preferences')
    contact_hobby_ids = fields.Many2many(related='contact_id.hobby_ids', string='Contact Hobbies')
    customer_contact_preferences = fields.Text(
        related='partner_id.contact_preferences', string='Customer Preferences')
    gift_over_budget = fields.Boolean(compute='_compute_gift_budget', string='Over Gift Budget')
    gift_budget_message = fields.Char(compute='_compute_gift_budget', string='Gift Budget')
    is_overdue = fields.Boolean(compute='_compute_is_overdue', search='_search_is_overdue',
                                string='Overdue')
    color = fields.Integer(compute='_compute_color')

    def init(self):
        # the planner's guarantee: one open event per customer and periodic item, one event per
        # greeting occurrence or regional care call, whatever its state
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_relationship_event_plan_key_uniq
                ON customer_relationship_event (plan_key)
             WHERE plan_key IS NOT NULL
               AND (state = 'planned' OR plan_item NOT IN ('call', 'care_call', 'visit'))"""))
        self.env.cr.execute(SQL("""
            CREATE INDEX IF NOT EXISTS customer_relationship_event_partner_channel_date_idx
                ON customer_relationship_event (partner_id, channel, date)"""))
        # the planner's question for every customer and item: is one still open?
        self.env.cr.execute(SQL("""
            CREATE INDEX IF NOT EXISTS customer_relationship_event_open_item_idx
                ON customer_relationship_event (partner_id, plan_item)
             WHERE state = 'planned'"""))

    # --- computes ------------------------------------------------------------------------

    @api.depends('state', 'date')
    @api.depends_context('cm_today')
    def _compute_is_overdue(self):
        # the one meaning of overdue: services/overdue.py
        today = cm_today(self.env)
        for event in self:
            event.is_overdue = is_overdue(event.state, event.date, today)

    def _search_is_overdue(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_('Overdue can only be searched as true or false.'))
        return overdue_domain(cm_today(self.env), negate=(operator == '=') != bool(value))

    @api.depends('state', 'date')
    @api.depends_context('cm_today')
    def _compute_color(self):
        today = cm_today(self.env)
        for event in self:
            if event.state == 'planned':
                event.color = 1 if is_overdue(event.state, event.date, today) else (
                    3 if event.date == today else 0)
            else:
                event.color = 10 if event.state == 'done' else 0

    @api.depends('gift_id', 'gift_value', 'date', 'partner_id', 'state')
    def _compute_gift_budget(self):
        """The gifts of the customer's year against the tier's annual gift budget, this one
        included while it is not done yet."""
        for event in self:
            event.gift_over_budget = False
            event.gift_budget_message = False
            tier = event.partner_id.customer_tier_id
            if not event.gift_id or not tier or not event.date:
                continue
            year = event.date.year
            spent = event.partner_id.sudo()._gift_spend(year).get(event.partner_id.id, 0.0)
            if event.state != 'done':
                spent += event.gift_value
            budget = tier.annual_gift_budget
            event.gift_budget_message = _(
                'Gifts %(year)s: %(spent).2f of %(budget).2f budget',
                year=year, spent=spent, budget=budget)
            event.gift_over_budget = spent > budget

    # --- onchanges and constraints -------------------------------------------------------

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
                    'Event "%(event)s": the customer must be a company or an individual '
                    'customer, not a contact person (%(contact)s). Choose the company and set '
                    'the person as contact.',
                    event=event.name, contact=event.partner_id.display_name))
            if event.contact_id and event.contact_id.commercial_partner_id != event.partner_id:
                raise ValidationError(_(
                    'Event "%(event)s": %(contact)s is not a contact person of %(customer)s.',
                    event=event.name, contact=event.contact_id.display_name,
                    customer=event.partner_id.display_name))

    @api.constrains('cost', 'gift_value', 'gift_id')
    def _check_amounts(self):
        for event in self:
            if event.cost < 0 or event.gift_value < 0:
                raise ValidationError(_('Event "%s": cost and gift value cannot be negative.',
                                        event.name))
            if event.gift_value and not event.gift_id:
                # the tier's gift budget counts the gifts given (events with a gift): a value
                # without its gift would escape the budget yet count as a KPI gift cost
                raise ValidationError(_('Event "%s": a gift value needs its gift. Choose the '
                                        'gift given, or clear the gift value.', event.name))

    @api.constrains('partner_id', 'followup_of_id')
    def _check_followup(self):
        # the record rules let an assignee create the follow-up of his event: only for the
        # same customer, or following up would open any customer to him
        for event in self:
            if event.followup_of_id and event.followup_of_id.partner_id != event.partner_id:
                raise ValidationError(_(
                    'Event "%(event)s" follows up "%(previous)s" of %(customer)s: a follow-up '
                    'is for the same customer. Log an event of its own for %(other)s.',
                    event=event.name, previous=event.followup_of_id.name,
                    customer=event.followup_of_id.partner_id.display_name,
                    other=event.partner_id.display_name))

    # --- CRUD ----------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(self._complete_create_vals(vals_list))
        events._sync_activities()
        return events

    @api.model
    def _complete_create_vals(self, vals_list):
        """The customer's account manager as responsible and the gift's value as gift value,
        where not given (by create() and by the nightly jobs' insert alike)."""
        partners = self.env['res.partner'].browse(
            {vals['partner_id'] for vals in vals_list
             if vals.get('partner_id') and not vals.get('user_id')})
        managers = {partner.id: partner.user_id.id for partner in partners}
        gifts = self.env['customer.gift'].browse(
            {vals['gift_id'] for vals in vals_list if vals.get('gift_id')})
        gift_values = {gift.id: gift.value for gift in gifts}
        for vals in vals_list:
            if not vals.get('user_id') and managers.get(vals.get('partner_id')):
                vals['user_id'] = managers[vals['partner_id']]
            if vals.get('gift_id') and 'gift_value' not in vals:
                vals['gift_value'] = gift_values.get(vals['gift_id'], 0.0)
        return vals_list

    def write(self, vals):
        if vals.get('partner_id'):
            self._check_customer_of_user(vals['partner_id'])
        res = super().write(vals)
        if SYNC_FIELDS & set(vals):
            self._sync_activities()
        return res

    def _check_customer_of_user(self, partner_id):
        """An account manager moves an event only to a customer he manages or is in the team
        of: the record rules let him change an event assigned to him on a colleague's
        customer, and after the change it is still assigned to him."""
        if self.env.su or self.env.user.has_group('customer_maintenance.group_manager'):
            return
        partner = self.env['res.partner'].browse(partner_id)
        if self.env.user not in partner.user_id | partner.customer_team_ids:
            raise AccessError(_(
                '%(customer)s is not a customer of yours: an event can only be moved to a '
                'customer you manage or are in the team of. Ask a supervisor to move it.',
                customer=partner.display_name))

    # --- activities ----------------------------------------------------------------------

    @api.model
    def _activity_type_ids(self):
        """{channel: activity type id}, and the default under key None."""
        ref = self.env['ir.model.data']._xmlid_to_res_id
        types = {channel: ref(xmlid, raise_if_not_found=False)
                 for channel, xmlid in ACTIVITY_TYPES.items()}
        types[None] = ref(ACTIVITY_TYPE_DEFAULT, raise_if_not_found=False)
        return types

    def _activity_vals(self, model_id, types):
        self.ensure_one()
        return {
            'res_model_id': model_id, 'res_id': self.id, 'summary': self.name,
            'date_deadline': self.date, 'user_id': self.user_id.id,
            'activity_type_id': types.get(self.channel) or types[None],
        }

    def _sync_activities(self):
        """Planned events appear in Odoo's activity menu of their user: one mail.activity each,
        following the event's date and user; closed events have none. New activities are
        created with one create() for the whole batch."""
        model_id = self.env['ir.model']._get_id(self._name)
        types = self._activity_type_ids()
        to_create, to_unlink = [], self.env['mail.activity']
        activities = self.env['mail.activity'].search(
            [('res_model', '=', self._name), ('res_id', 'in', self.ids)])
        by_event = defaultdict(lambda: self.env['mail.activity'])
        for activity in activities:
            by_event[activity.res_id] |= activity
        for event in self:
            current = by_event[event.id]
            if event.state != 'planned' or not event.user_id:
                to_unlink |= current
                continue
            vals = event._activity_vals(model_id, types)
            if not current:
                to_create.append(vals)
                continue
            to_unlink |= current[1:]
            first = current[:1]
            changed = {key: value for key, value in vals.items()
                       if key not in ('res_model_id', 'res_id')
                       and (first[key].id if key in ('user_id', 'activity_type_id')
                            else first[key]) != value}
            if changed:
                first.write(changed)
        if to_unlink:
            to_unlink.unlink()
        if to_create and self.env.context.get('mail_activity_quick_update'):
            # the nightly jobs (planner, replenishment calls): nobody is notified, so the
            # activities are created set-based (tools/activities.py)
            self._create_quick_activities([
                (vals['res_id'], vals['summary'], vals['date_deadline'], vals['user_id'],
                 vals['activity_type_id']) for vals in to_create])
        elif to_create:
            # flushed at once: the activities' document names (res_name) are computed now,
            # from the events still in cache, not by one SELECT per event at a later flush
            self.env['mail.activity'].create(to_create).flush_recordset()

    @api.model
    def _create_quick_activities(self, items):
        """The activities of new planned events, set-based: items are (event id, name, date,
        user id, activity type id); the event's name is its display name, the activity's
        document name."""
        create_activities(self, [(event_id, name, name, None, date, user_id, type_id)
                                 for event_id, name, date, user_id, type_id in items])

    # --- actions -------------------------------------------------------------------------

    def _check_open(self):
        closed = self.filtered(lambda e: e.state != 'planned')
        if closed:
            raise UserError(_(
                'Only planned events can be done or cancelled; already closed: %s.',
                ', '.join(closed.mapped('name'))))

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

    def _mark_done(self, outcome=None, extra_vals=None):
        """Close planned events as done with their outcome (used by the wizard and by code)."""
        self._check_open()
        vals = dict(extra_vals or {}, state='done')
        if outcome:
            vals['outcome'] = outcome
        # close the activities with the outcome, so the chatter keeps what was done
        self.activity_ids.action_feedback(feedback=outcome or False)
        self.write(vals)
        return True

    def action_send_greeting(self):
        """Open the mail composer with the greeting template of the festival (or the default)."""
        self.ensure_one()
        xmlid = {'birthday': 'mail_template_relationship_birthday',
                 'anniversary': 'mail_template_relationship_anniversary'}.get(
                     self.plan_item, 'mail_template_relationship_greeting')
        template = self.festival_id.mail_template_id or self.env.ref(
            'customer_maintenance.' + xmlid, raise_if_not_found=False)
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'mail.compose.message',
            'view_mode': 'form',
            'target': 'new',
            'context': {
                'default_model': self._name, 'default_res_ids': self.ids,
                'default_template_id': template.id if template else False,
                'default_composition_mode': 'comment',
                'default_partner_ids': (self.contact_id or self.partner_id).ids,
            },
        }

    def action_cancel(self):
        """Cancel planned events; the planner plans the next contact of their policy item."""
        self._check_open()
        self.write({'state': 'cancelled'})
        return True
