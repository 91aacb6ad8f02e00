# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import timedelta

from odoo import api, fields, models

from .cron_lock import single_run

_logger = logging.getLogger(__name__)

SENT_KEY = 'customer_maintenance.review_digest_sent'

LIST_LIMIT = 10  # records listed per manager and section; the counts are complete


class CustomerReviewDigest(models.AbstractModel):
    """The supervisors' weekly review digest: one email per supervisor, a block per manager."""
    _name = 'customer.review.digest'
    _description = 'Weekly Review Digest'

    @api.model
    def _week(self, week_start=None):
        """(Monday, next Monday) of the reviewed week: by default the week before today."""
        if week_start:
            start = fields.Date.from_string(week_start)
        else:
            today = fields.Date.from_string(
                self.env.context.get('cm_today') or fields.Date.context_today(self))
            start = today - timedelta(days=today.weekday() + 7)
        return start, start + timedelta(days=7)

    @api.model
    def _url(self, record):
        base = self.env['ir.config_parameter'].sudo().get_param('web.base.url', '')
        return '%s/web#id=%d&model=%s&view_type=form' % (base, record.id, record._name)

    @api.model
    def _items(self, records):
        return [{'name': r.display_name, 'url': self._url(r)} for r in records]

    @api.model
    def _count_by_user(self, model, domain):
        data = self.env[model].read_group(domain, ['user_id'], ['user_id'])
        return {d['user_id'][0]: d['user_id_count'] for d in data if d['user_id']}

    @api.model
    def _digest_values(self, week_start=None):
        """Everything the digest shows for the week, per account manager with something to show."""
        start, end = self._week(week_start)
        start_s, end_s = fields.Date.to_string(start), fields.Date.to_string(end)
        env = self.env
        Event = env['customer.relationship.event']
        Partner = env['res.partner']
        week = [('date', '>=', start_s), ('date', '<', end_s)]
        planned = self._count_by_user(Event._name, week + [('state', '!=', 'cancelled')])
        done = self._count_by_user(Event._name, week + [('state', '=', 'done')])
        overdue_domain = [('state', '=', 'planned'), ('date', '<', end_s)]
        overdue = self._count_by_user(Event._name, overdue_domain)
        users = env.ref('customer_maintenance.group_user').users.filtered(
            lambda u: u.active and not u.share)
        soon = fields.Date.to_string(end + timedelta(days=7))
        managers = []
        for user in users.sorted('name'):
            mine = [('user_id', '=', user.id)]
            history = env['customer.abc.history'].search(
                [('partner_id.user_id', '=', user.id), ('date', '>=', start_s),
                 ('date', '<', end_s)], order='date desc, id desc', limit=LIST_LIMIT)
            block = {
                'name': user.name,
                'planned': planned.get(user.id, 0),
                'done': done.get(user.id, 0),
                'overdue_count': overdue.get(user.id, 0),
                'overdue': self._items(Event.search(
                    overdue_domain + mine, order='date', limit=LIST_LIMIT)),
                # key accounts whose team is too small or lacks a sponsor (companies only)
                'at_risk': self._items(Partner.search(
                    mine + [('parent_id', '=', False), ('team_warning', '!=', False)],
                    limit=LIST_LIMIT)),
                'abc_changes': [{
                    'name': '%s: %s → %s' % (h.partner_id.display_name,
                                              self._value(h, 'old_class') or '-',
                                              self._value(h, 'new_class') or '-'),
                    'url': self._url(h.partner_id)} for h in history],
                # due before the end of the week and not reordered since
                'overdue_cycles': self._items(env['customer.consumption.cycle'].search(
                    mine + [('next_due_date', '<', end_s)],
                    order='next_due_date', limit=LIST_LIMIT)),
                'claims_expiring': self._items(env['customer.prospect.claim'].search(
                    mine + [('state', '=', 'active'), ('date_expiry', '<', soon)],
                    order='date_expiry', limit=LIST_LIMIT)),
            }
            if any([block['planned'], block['done'], block['overdue_count'],
                    block.get('at_risk'), block.get('abc_changes'),
                    block.get('overdue_cycles'), block.get('claims_expiring')]):
                managers.append(block)
        return {'week_start': start_s,
                'week_end': fields.Date.to_string(end - timedelta(days=1)),
                'managers': managers}

    @api.model
    def _value(self, record, fname):
        field = record._fields[fname]
        value = record[fname]
        if field.type == 'selection' and value:
            return dict(field._description_selection(self.env)).get(value, value)
        return value or ''

    @api.model
    @single_run('weekly_review_digest')
    def cron_weekly_review_digest(self, week_start=None):
        """Send each supervisor the digest of the week starting `week_start` (default last week)."""
        template = self.env.ref('customer_maintenance.mail_template_weekly_review_digest')
        supervisors = self.env.ref('customer_maintenance.group_manager').users.filtered(
            lambda u: u.active and not u.share and u.email)
        mails = self.env['mail.mail']
        digests = {}
        # idempotent: a second run for the same week (a retried cron) skips the supervisors
        # who already got it; sudo: the cron's bookkeeping, not the user's settings
        params = self.env['ir.config_parameter'].sudo()
        week = fields.Date.to_string(self._week(week_start)[0])
        sent_week, _sep, sent_ids = (params.get_param(SENT_KEY) or '').partition(':')
        sent = set(int(i) for i in sent_ids.split(',') if i) if sent_week == week else set()
        for supervisor in supervisors:
            if supervisor.id in sent:
                continue
            lang = supervisor.lang or 'en_US'
            if lang not in digests:
                digests[lang] = self.with_context(lang=lang)._digest_values(week_start)
            digest = digests[lang]
            if not digest['managers']:
                continue
            try:
                with self.env.cr.savepoint():
                    mail_id = template.with_context(lang=lang, digest=digest).send_mail(
                        supervisor.id, force_send=False)
                    mails |= self.env['mail.mail'].browse(mail_id)
                    sent.add(supervisor.id)
                    params.set_param(SENT_KEY, '%s:%s' % (week, ','.join(
                        str(i) for i in sorted(sent))))
            except Exception:
                _logger.exception('Weekly review digest failed for res.users %s', supervisor.id)
                if not self.env.context.get('cm_cron_commit'):
                    raise
        _logger.info('Weekly review digest: %d emails', len(mails))
        return mails
