# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The supervisors' weekly review digest: one email per supervisor, a block per account manager.

A block is {'name', 'figures': [{'label', 'value'}], 'sections': [{'title', 'count', 'items':
[{'name', 'url'}]}]}; the mail template renders figures and sections whatever they are, so a
capability adds its own (consumption cycles...) by
extending `_digest_manager_block` (super, then append), without touching the template (a
noupdate record).
"""
import logging
from datetime import timedelta

from werkzeug.urls import url_join

from odoo import _, api, fields, models
from odoo.tools import format_date

from ..queries.management import customers_won
from ..services.overdue import overdue_domain
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .res_config_settings_management import management_param

_logger = logging.getLogger(__name__)

JOB = 'weekly_review_digest'
SENT_KEY = 'customer_maintenance.review_digest_sent'
LIST_LIMIT = 10  # records listed per manager and section; the counts are complete


class CustomerReviewDigest(models.AbstractModel):
    _name = 'customer.review.digest'
    _description = 'Weekly Review Digest'

    @api.model
    def _week(self, week_start=None):
        """(Monday, next Monday) of the reviewed week: by default the week before today."""
        if week_start:
            start = fields.Date.to_date(week_start)
        else:
            day = cm_today(self.env)
            start = day - timedelta(days=day.weekday() + 7)
        return start, start + timedelta(days=7)

    @api.model
    def _url(self, record):
        return url_join(record.get_base_url(), '/odoo/%s/%d' % (record._name, record.id))

    @api.model
    def _items(self, records, names=None):
        return [{'name': names[record] if names else record.display_name,
                 'url': self._url(record)} for record in records[:LIST_LIMIT]]

    @api.model
    def _section(self, title, records, names=None, count=None):
        return {'title': title, 'count': len(records) if count is None else count,
                'items': self._items(records, names)}

    @api.model
    def _digest_context(self, start, end):
        """What the blocks share, computed once for every manager (set-based)."""
        self.env['sale.order'].flush_model()
        self.env['res.partner'].flush_model(['user_id', 'commercial_partner_id'])
        self.env.cr.execute(customers_won(start, end))
        won = {}
        for user_id, partner_id in self.env.cr.fetchall():
            won.setdefault(user_id, []).append(partner_id)
        # contacts of the week per responsible: planned (not cancelled) and done; overdue:
        # overdue on the day the digest is sent for (the week's end)
        Event = self.env['customer.relationship.event']
        week = [('date', '>=', start), ('date', '<', end), ('user_id', '!=', False)]
        contacts = {}
        for key, domain in (('planned', week + [('state', '!=', 'cancelled')]),
                            ('done', week + [('state', '=', 'done')]),
                            ('overdue', self._overdue_contacts_domain(end))):
            for user, count in Event._read_group(domain, ['user_id'], ['__count']):
                contacts.setdefault(user.id, {})[key] = count
        return {'won': won, 'contacts': contacts,
                'agreement_days': management_param(self.env, 'agreement_reminder_days')}

    @api.model
    def _overdue_contacts_domain(self, end):
        """The contacts overdue (services/overdue.py) on the day after the week [start, end),
        the Monday the digest is sent: today when it is sent on time."""
        return overdue_domain(end) + [('user_id', '!=', False)]

    @api.model
    def _digest_manager_block(self, user, start, end, shared):
        """The block of account manager `user` for the week [start, end)."""
        Partner = self.env['res.partner']
        won = Partner.browse(shared['won'].get(user.id, [])).sorted('name')
        # ending by the last day of the week plus the renewal-reminder window
        ending_by = end - timedelta(days=1) + timedelta(days=shared['agreement_days'])
        agreements = self.env['customer.agreement'].search([
            ('partner_id.commercial_partner_id.user_id', '=', user.id), ('state', '=', 'active'),
            ('date_end', '!=', False), ('date_end', '<=', ending_by)], order='date_end, id')
        week = [('date', '>=', start), ('date', '<', end)]
        # key accounts whose team is too small or lacks a sponsor (companies only)
        at_risk = Partner.search([('user_id', '=', user.id), ('parent_id', '=', False),
                                  ('has_team_warning', '=', True)], order='name, id')
        history = self.env['customer.abc.history'].search(
            [('partner_id.user_id', '=', user.id)] + week, order='date desc, id desc')
        claims = self.env['customer.prospect.claim'].search(
            [('user_id', '=', user.id), ('state', '=', 'active'),
             ('date_expiry', '<', end + timedelta(days=7))], order='date_expiry, id')
        contacts = shared['contacts'].get(user.id, {})
        figures = [{'label': _('Contacts planned'), 'value': contacts.get('planned', 0)},
                   {'label': _('done'), 'value': contacts.get('done', 0)},
                   {'label': _('overdue'), 'value': contacts.get('overdue', 0)}]
        if not any(figure['value'] for figure in figures):
            figures = []  # no contact in the week, none overdue: no line of zeros
        sections = []
        if contacts.get('overdue'):
            overdue = self.env['customer.relationship.event'].search(
                self._overdue_contacts_domain(end) + [('user_id', '=', user.id)],
                order='date, id', limit=LIST_LIMIT)
            names = {e: '%s: %s (%s)' % (e.partner_id.display_name, e.name,
                                         format_date(self.env, e.date)) for e in overdue}
            sections.append(self._section(_('Overdue contacts:'), overdue, names,
                                          count=contacts['overdue']))
        if at_risk:
            sections.append(self._section(_('Key accounts at risk (team warning):'), at_risk))
        if history:
            names = {h: '%s: %s → %s' % (h.partner_id.display_name, h.old_class or '-',
                                          h.new_class or '-') for h in history[:LIST_LIMIT]}
            sections.append(self._section(_('Customers that changed ABC class:'),
                                          history, names))
            # the link opens the customer, not the history line
            for item, line in zip(sections[-1]['items'], history):
                item['url'] = self._url(line.partner_id)
        if claims:
            sections.append(self._section(_('Prospect claims expiring:'), claims))
        if won:
            sections.append(self._section(_('New customers (first order in the week):'), won))
        if agreements:
            names = {a: '%s: %s (%s)' % (a.partner_id.display_name, a.name,
                                         format_date(self.env, a.date_end))
                     for a in agreements[:LIST_LIMIT]}
            sections.append(self._section(
                _('Agreements ending by %s:', format_date(self.env, ending_by)),
                agreements, names))
        return {'name': user.name, 'figures': figures, 'sections': sections}

    @api.model
    def _digest_values(self, week_start=None):
        """Everything the digest shows for the week, per account manager with something to
        show (sudo: the digest summarises every manager's work for the supervisors). Texts and
        dates are in the language of the context (the reader's): dates in its date format,
        formatted here rather than in the template, a noupdate record that upgrades keep."""
        self = self.sudo()
        start, end = self._week(week_start)
        shared = self._digest_context(start, end)
        users = self.env.ref('customer_maintenance.group_user').users.filtered(
            lambda u: u.active and not u.share)
        managers = []
        for user in users.sorted('name'):
            block = self._digest_manager_block(user, start, end, shared)
            if block['sections'] or any(f['value'] for f in block['figures']):
                managers.append(block)
        return {'week_start': format_date(self.env, start),
                'week_end': format_date(self.env, end - timedelta(days=1)),
                'managers': managers}

    @api.model
    @single_run(JOB)
    def cron_weekly_review_digest(self, week_start=None, automatic=False):
        """Send each supervisor the digest of the week starting `week_start` (default: last
        week); returns the mails queued. Idempotent: a second run for the same week (a
        retried cron) skips the supervisors who already got it. A supervisor whose mail fails
        is logged and skipped."""
        template = self.env.ref('customer_maintenance.mail_template_weekly_review_digest')
        supervisors = self.env.ref('customer_maintenance.group_manager').users.filtered(
            lambda u: u.active and not u.share and u.email)
        # sudo: the cron's bookkeeping, not the user's settings
        params = self.env['ir.config_parameter'].sudo()
        week = self._week(week_start)[0].isoformat()  # the bookkeeping's key, not a text
        sent_week, _sep, sent_ids = (params.get_param(SENT_KEY) or '').partition(':')
        sent = {int(i) for i in sent_ids.split(',') if i} if sent_week == week else set()
        digests = {}
        mails = self.env['mail.mail']

        def send(ids):
            nonlocal mails
            for supervisor in self.env['res.users'].browse(ids):
                lang = supervisor.lang or 'en_US'
                if lang not in digests:
                    digests[lang] = self.with_context(lang=lang)._digest_values(week_start)
                if not digests[lang]['managers']:
                    continue
                mail_id = template.with_context(lang=lang, digest=digests[lang]).send_mail(
                    supervisor.id, force_send=False)
                params.set_param(SENT_KEY, '%s:%s' % (week, ','.join(
                    str(i) for i in sorted(sent | {supervisor.id}))))
                sent.add(supervisor.id)
                mails |= self.env['mail.mail'].browse(mail_id)

        todo = [s.id for s in supervisors if s.id not in sent]
        done, failed = run_batches(self.env, JOB, todo, send, batch_size=1,
                                   automatic=automatic)
        _logger.info('%s: %d emails, %d supervisors failed', JOB, len(mails), len(failed))
        return mails
