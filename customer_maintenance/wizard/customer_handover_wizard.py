# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Hand the customers of a leaving account manager over to a successor, in one go.

What moves: the customers and their contacts, seats in customer teams, open activities on the
customers and on their records, planned promotion support. Other capabilities move their own
records by extending `_handover_records` (claims, planned relationship events, consumption
cycles...) and `_handover_activity_models` (their models with a `partner_id`), and refresh
what depends on the account manager by extending `_handover_done`.
"""
from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.notify import notification
from ..tools.sender import company_sender


class CustomerHandoverWizard(models.TransientModel):
    _name = 'customer.handover.wizard'
    _description = 'Customer Hand-over'

    from_user_id = fields.Many2one('res.users', string='From Account Manager', required=True)
    to_user_id = fields.Many2one('res.users', string='To Account Manager', required=True,
                                 domain=[('share', '=', False)])
    partner_ids = fields.Many2many(
        'res.partner', string='Customers',
        help='Leave empty to hand over all customers of the leaving account manager.')
    note = fields.Text(help='Posted on every customer handed over.')

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        ctx = self.env.context
        if ctx.get('active_model') == 'res.partner' and ctx.get('active_ids'):
            partners = self.env['res.partner'].browse(ctx['active_ids'])
            res.setdefault('partner_ids', [Command.set(partners.ids)])
            users = partners.user_id
            if len(users) == 1:
                res.setdefault('from_user_id', users.id)
        elif ctx.get('active_model') == 'res.users' and ctx.get('active_id'):
            res.setdefault('from_user_id', ctx['active_id'])
        return res

    @api.onchange('from_user_id')
    def _onchange_from_user_id(self):
        if self.from_user_id and self.env.context.get('active_model') != 'res.partner':
            self.partner_ids = self._customers_of(self.from_user_id)

    @api.model
    def _customers_of(self, user):
        return self.env['res.partner'].search(
            [('user_id', '=', user.id), ('parent_id', '=', False)])

    def _check_input(self):
        self.ensure_one()
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can hand customers over.'))
        if self.from_user_id == self.to_user_id:
            raise UserError(_('The successor must be another account manager than %s.',
                              self.from_user_id.name))
        if not self.to_user_id.active:
            raise UserError(_('%s is archived: choose an active successor.',
                              self.to_user_id.name))
        if not self.to_user_id.has_group('customer_maintenance.group_user'):
            # a successor outside the group could not even open the customers handed over
            raise UserError(_('%s is not an account manager: give them the Account Manager '
                              'group first, or choose another successor.', self.to_user_id.name))
        partners = self.partner_ids or self._customers_of(self.from_user_id)
        if not partners:
            raise UserError(_('%s has no customers to hand over.', self.from_user_id.name))
        others = partners.filtered(lambda p: p.user_id != self.from_user_id)
        if others:
            # the hand-over moves what the leaving manager works; a colleague's customer
            # would change hands without its manager's events, claims and activities
            raise UserError(_('%(customers)s: not customers of %(user)s. Hand over only the '
                              "leaving manager's customers (remove the others).",
                              customers=', '.join(others.mapped('display_name')),
                              user=self.from_user_id.name))
        return partners

    # ------------------------------------------------------------ extension points
    @api.model
    def _handover_activity_models(self):
        """Models whose open activities follow their customer (a `partner_id` each)."""
        return ['res.partner', 'customer.promotion.support', 'customer.value.service',
                'customer.agreement']

    def _handover_records(self, partners, old, new):
        """Move the records of `partners` that `old` works to `new` (sudo); returns what
        moved, as [(count, 'phrase with %(count)s')], for the notification. Capabilities
        extend it (super, then their records)."""
        promotions = self.env['customer.promotion.support'].search([
            ('partner_id', 'in', partners.ids), ('state', '=', 'planned'),
            ('user_id', '=', old.id)])
        promotions.write({'user_id': new.id})
        return [(len(promotions), _('%(count)s planned promotion supports'))]

    def _handover_done(self, partners, old, new):
        """Called once everything moved (sudo): refresh what depends on the manager (the KPI
        snapshot of the two managers concerned, not of everyone)."""
        self.env['customer.manager.kpi.snapshot']._refresh_managers(old | new)
        return True

    # ------------------------------------------------------------ the moves
    def _move_team_seats(self, partners, old, new, whole_book):
        """Seats on the customers handed over; when the whole book goes, also the leaving
        manager's seats in colleagues' customer teams."""
        Partner = self.env['res.partner'].with_context(active_test=False)
        if whole_book:
            seats = Partner.search([('customer_team_ids', 'in', old.ids),
                                    ('parent_id', '=', False)])
        else:
            seats = partners.filtered(lambda p: old in p.customer_team_ids)
        for partner in seats:
            commands = [Command.unlink(old.id)]
            if new not in partner.customer_team_ids:
                commands.append(Command.link(new.id))
            partner.customer_team_ids = commands
        return seats

    def _move_activities(self, partners, old, new):
        # no "assigned to you" mail per activity: the successor gets the hand-over at once
        Activity = self.env['mail.activity'].with_context(mail_activity_quick_update=True)
        moved = Activity
        for model in self._handover_activity_models():
            if model not in self.env:
                continue
            if model == 'res.partner':
                res_ids = partners.ids
            else:
                res_ids = self.env[model].with_context(active_test=False).search(
                    [('partner_id', 'in', partners.ids)]).ids
            if res_ids:
                moved |= Activity.search([('res_model', '=', model), ('res_id', 'in', res_ids),
                                          ('user_id', '=', old.id)])
        moved.write({'user_id': new.id})
        return moved

    def action_handover(self):
        """Move customers, contacts, team seats, open activities and the records of the
        capabilities; post a note on each customer; tell what moved and print the
        successor's profile cards."""
        partners = self._check_input()
        old, new = self.from_user_id, self.to_user_id
        author = self.env.user.partner_id
        # the supervisor was checked above; the moves need rights a supervisor need not hold
        # (editing partners, other people's activities)
        wizard = self.sudo()
        partners = partners.sudo()
        whole_book = not (self._customers_of(old) - partners)
        everyone = wizard.env['res.partner'].with_context(active_test=False).search(
            [('id', 'child_of', partners.ids)])
        contacts = everyone.filtered(lambda p: p.user_id == old) - partners
        contacts.write({'user_id': new.id})
        partners.write({'user_id': new.id})
        wizard._move_team_seats(partners, old, new, whole_book)
        activities = wizard._move_activities(everyone, old, new)
        moved = wizard._handover_records(partners, old, new)
        wizard._handover_done(partners, old, new)

        body = escape(_('Customer handed over from %(old)s to %(new)s.', old=old.name,
                        new=new.name))
        if self.note:
            body += Markup('<br/>') + escape(self.note)
        # a supervisor who logs in with a name only: the note is sent as the company
        email_from = author.email_formatted or company_sender(self.env, author) \
            or self.env.company.name
        for partner in partners:
            partner.message_post(body=body, subtype_xmlid='mail.mt_note', author_id=author.id,
                                 email_from=email_from)

        parts = [_('%(count)s customers', count=len(partners)),
                 _('%(count)s contacts', count=len(contacts)),
                 _('%(count)s open activities', count=len(activities))]
        parts += [phrase % {'count': count} for count, phrase in moved]
        message = _('Handed over from %(old)s to %(new)s: %(what)s.', old=old.name,
                    new=new.name, what=', '.join(parts))
        report = self.env.ref('customer_maintenance.action_report_profile_card')
        return notification(_('Hand-over done'), message, sticky=True,
                            next_action=report.report_action(partners.with_env(self.env)))
