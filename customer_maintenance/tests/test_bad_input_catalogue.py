# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The catalogue of bad input: every capability, each case refused with a clear message and
nothing written.

One table (`_cases`): who acts, the tables the case could write, the exception class expected,
a fragment of the message that says what to fix, and the call. Each case runs as its user in a
savepoint, in English and in zh_TW: it must raise exactly that class, say the fragment, and
leave the tables concerned as they were, both at the moment of the refusal (nothing reached the
database before the refusal) and after the rollback. Messages are translatable: a message of
the module's zh_TW.po comes out in Chinese (its msgstr) for a zh_TW user (`make i18n` merges a
new message's translation into the module's .po files: the test reads nothing outside the
module); a message of Odoo itself (access rights) must differ in zh_TW.
"""
import datetime
import logging
import os
import re

import polib
import psycopg2.extensions

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.today import today as cm_today
from .common import CustomerMaintenanceCase

_logger = logging.getLogger(__name__)

MODULE_DIR = os.path.dirname(os.path.dirname(__file__))
PO_FILE = os.path.join(MODULE_DIR, 'i18n', 'zh_TW.po')
MINIMUM_CASES = 60
PLACEHOLDER = re.compile(r'%(?:\\\(\w+\\\))?[-+ #0]*\d*(?:\\\.\d+)?[sdfir]')

V = ValidationError
U = UserError
A = AccessError
PARAMS = 'ir.config_parameter'


def message_regex(text):
    """A regex matching `text` (a msgid or msgstr) with its placeholders filled in."""
    escaped = re.escape(text).replace('%%', '%')
    return re.compile(PLACEHOLDER.sub(lambda _m: '.*?', escaped) + r'\Z', re.DOTALL)


def literal_length(text):
    return len(PLACEHOLDER.sub('', re.escape(text)).replace('\\', ''))


def catalogue(path):
    """[(literal length, msgid regex, msgstr regex)] of the translated entries of a .po file
    that say something of their own (not a bare "%s")."""
    if not os.path.exists(path):
        return []
    return [(literal_length(entry.msgid), message_regex(entry.msgid),
             message_regex(entry.msgstr))
            for entry in polib.pofile(path) if entry.msgstr and 'fuzzy' not in entry.flags
            and literal_length(entry.msgid) >= 12]


class TestBadInputCatalogue(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Users = env['res.users'].with_context(no_reset_password=True)
        group_user = env.ref('customer_maintenance.group_user')
        cls.archived_manager = Users.create({
            'name': 'Archived Manager', 'login': 'cm_bad_archived',
            'groups_id': [Command.set([group_user.id])]})
        cls.archived_manager.active = False
        cls.lonely_manager = Users.create({
            'name': 'Manager Without Customers', 'login': 'cm_bad_lonely',
            'groups_id': [Command.set([group_user.id])]})
        cls.employee = Users.create({
            'name': 'Plain Employee', 'login': 'cm_bad_employee',
            'groups_id': [Command.set([env.ref('base.group_user').id])]})
        cls.users = {'manager_a': cls.manager_a, 'manager_b': cls.manager_b,
                     'supervisor': cls.supervisor, 'admin': cls.admin}
        Partner = env['res.partner']
        # a customer by its stage; customer_a/b already buy (customer_rank) without a stage
        cls.customer_c = Partner.create({
            'name': 'Staged Customer', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id})
        Claim = env['customer.prospect.claim']
        cls.converted = Claim.create({
            'partner_id': cls.customer_c.id, 'user_id': cls.manager_a.id, 'state': 'converted',
            'date_claim': '2025-01-01', 'date_expiry': '2025-04-01'})
        cls.customer_c.pipeline_stage = 'customer'
        cls.prospect = Partner.create({'name': 'Claimed Prospect', 'is_company': True,
                                       'pipeline_stage': 'prospect'})
        cls.free_prospect = Partner.create({'name': 'Free Prospect', 'is_company': True,
                                            'pipeline_stage': 'prospect'})
        cls.claim = Claim.create({
            'partner_id': cls.prospect.id, 'user_id': cls.manager_a.id,
            'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'})
        cls.released = Claim.create({
            'partner_id': cls.free_prospect.id, 'user_id': cls.manager_b.id,
            'state': 'released', 'date_claim': '2026-01-01', 'date_expiry': '2026-02-01'})
        env['customer.purchase.purpose'].create({'name': 'Resale (catalogue)'})
        cls.tier = env['customer.tier'].create({'name': 'Catalogue Tier', 'code': 'CATALOGUE'})
        cls.festival = env['customer.festival'].create({
            'name': 'Catalogue Day', 'calendar': 'solar', 'month': 3, 'day': 3})
        cls.gift = env['customer.gift'].create({'name': 'Catalogue Tea', 'value': 40})
        Event = env['customer.relationship.event']
        cls.event = Event.create({'name': 'Catalogue call', 'partner_id': cls.customer_a.id,
                                  'date': '2026-03-02'})
        cls.done_event = Event.create({'name': 'Catalogue visit', 'state': 'done',
                                       'partner_id': cls.customer_a.id, 'date': '2026-02-02'})
        cls.cancelled_event = Event.create({'name': 'Catalogue greeting', 'state': 'cancelled',
                                            'partner_id': cls.customer_a.id,
                                            'date': '2026-02-03'})
        cls.contact_a2 = Partner.create({'name': 'Second Contact of A', 'type': 'contact',
                                         'parent_id': cls.customer_a.id})
        cls.contact_b = Partner.create({'name': 'Contact of B', 'type': 'contact',
                                        'parent_id': cls.customer_b.id})
        cls.former_contact = Partner.create({
            'name': 'Former Contact of A', 'type': 'contact', 'parent_id': cls.customer_a.id,
            'is_former_contact': True, 'contact_left_date': '2026-01-15',
            'contact_left_reason': 'Retired'})
        cls.cycle = env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id})
        cls.promotion = env['customer.promotion.support'].create({
            'name': 'Catalogue POP', 'partner_id': cls.customer_a.id, 'cost': 10})
        cls.agreement = env['customer.agreement'].create({
            'name': 'Catalogue agreement', 'partner_id': cls.customer_a.id,
            'date_start': '2026-01-01', 'date_end': '2026-12-31'})
        cls.state = env['res.country.state'].search([], limit=1)
        cls.customer_a.state_id = cls.state
        cls.collection_call = Event.create({
            'name': 'Catalogue collection call', 'partner_id': cls.customer_a.id,
            'kind': 'collection', 'channel': 'collection', 'plan_item': 'collection',
            'date': cm_today(env), 'collection_amount': 500.0})
        cls._incentive_fixture()
        cls.po = catalogue(PO_FILE)

    @classmethod
    def _incentive_fixture(cls):
        """A plan of 2026 on, manager A's statement of the running month (open) and of a
        month gone by (confirmed)."""
        env = cls.env
        # the demo's plan runs from two years ago: these tests bring their own
        env['customer.incentive.plan'].search([]).active = False
        cls.incentive_plan = env['customer.incentive.plan'].create({
            'name': 'Catalogue plan', 'date_from': '2026-01-01', 'existing_rate': 2})
        Statement = env['customer.incentive.statement']
        month = cm_today(env).replace(day=1)
        cls.open_statement = Statement.create({'user_id': cls.manager_a.id, 'month': month})
        cls.confirmed_statement = Statement.create({
            'user_id': cls.manager_a.id, 'month': month.replace(year=month.year - 1)})
        cls.confirmed_statement.action_confirm()

    @staticmethod
    def _correction(statement, vals):
        def run(t, e):
            return e['customer.incentive.correction.wizard'].create(dict(
                {'statement_id': getattr(t, statement).id, 'amount': 50,
                 'reason': 'Order booked late'}, **vals)).action_apply()
        return run

    # ---------------------------------------------------------------- helpers of the calls
    @staticmethod
    def _settings(vals):
        return lambda t, e: e['res.config.settings'].create(vals).execute()

    @staticmethod
    def _param_then(key, value, call):
        """A bad value stored in a parameter (an import, a script, the technical menu), then
        the job or button that reads it."""
        def run(t, e):
            t.env['ir.config_parameter'].set_param('customer_maintenance.' + key, value)
            return call(t, e)
        return run

    @staticmethod
    def _done(vals, event='event'):
        def run(t, e):
            wizard = e['customer.relationship.event.done.wizard'].create(dict(
                {'event_id': getattr(t, event).id, 'outcome': 'Talked', 'date': '2026-03-02'},
                **vals))
            return wizard.action_confirm()
        return run

    @staticmethod
    def _left(vals):
        def run(t, e):
            values = dict({'contact_id': t.contact_a.id, 'reason': 'Moved to Taichung',
                           'left_date': '2026-04-01', 'meeting_date': '2026-04-08'}, **vals)
            values = {key: (getattr(t, value[1:]).id if isinstance(value, str)
                            and value.startswith('@') else value)
                      for key, value in values.items()}
            return e['customer.contact.left.wizard'].create(values).action_confirm()
        return run

    @staticmethod
    def _handover(vals):
        def run(t, e):
            values = dict({'from_user_id': t.manager_a.id, 'to_user_id': t.manager_b.id}, **vals)
            for key in ('from_user_id', 'to_user_id'):
                if isinstance(values[key], str):
                    values[key] = getattr(t, values[key]).id
            if 'partner_ids' in values:
                values['partner_ids'] = [Command.set(
                    [getattr(t, name).id for name in values['partner_ids']])]
            return e['customer.handover.wizard'].create(values).action_handover()
        return run

    @staticmethod
    def _regional(vals):
        def run(t, e):
            return e['customer.regional.care.wizard'].create(dict(
                {'description': 'Typhoon Haikui', 'state_ids': [Command.set(t.state.ids)]},
                **vals)).action_create_events()
        return run

    @staticmethod
    def _create(model, vals):
        """Create with values; a string value naming a fixture attribute is its id."""
        def run(t, e):
            values = {key: (getattr(t, value[1:]).id if isinstance(value, str)
                            and value.startswith('@') else value)
                      for key, value in vals.items()}
            return e[model].create(values)
        return run

    @staticmethod
    def _collected(vals):
        """Close the catalogue's collection call with the Done wizard and `vals`."""
        def run(t, e):
            e['customer.relationship.event.done.wizard'].create(dict(
                vals, event_id=t.collection_call.id, outcome='Called')).action_confirm()
        return run

    @staticmethod
    def _write(record, vals):
        return lambda t, e: getattr(t, record).with_env(e).write(vals)

    @staticmethod
    def _method(record, method):
        return lambda t, e: getattr(getattr(t, record).with_env(e), method)()

    @staticmethod
    def _search(model, domain):
        return lambda t, e: e[model].search(domain)

    # ---------------------------------------------------------------- the catalogue
    def _cases(self):
        """(label, who acts, tables concerned, exception, fragment of the message, the call)."""
        tier, festival, event, claim = ('customer.tier', 'customer.festival',
                                        'customer.relationship.event', 'customer.prospect.claim')
        partner, cycle, history = ('res.partner', 'customer.consumption.cycle',
                                   'customer.abc.history')
        promotion, service, agreement = ('customer.promotion.support', 'customer.value.service',
                                         'customer.agreement')
        activity = 'mail.activity'
        c, w, m = self._create, self._write, self._method
        next_year = cm_today(self.env).year + 1
        return [
            # ------------------------------------------------ tiers and their policy
            ('tier: negative call interval', 'supervisor', (tier,), V, 'whole number of days',
             c(tier, {'name': 'T1', 'code': 'T1', 'call_interval_days': -1})),
            ('tier: negative care-call interval', 'supervisor', (tier,), V,
             'whole number of days',
             c(tier, {'name': 'T2', 'code': 'T2', 'care_call_interval_days': -30})),
            ('tier: visit interval made negative', 'supervisor', (tier,), V,
             'whole number of days', w('tier', {'visit_interval_days': -7})),
            ('tier: negative minimum team size', 'supervisor', (tier,), V,
             'minimum team size cannot be negative',
             c(tier, {'name': 'T4', 'code': 'T4', 'min_team_size': -1})),
            ('tier: negative gift budget', 'supervisor', (tier,), V,
             'annual gift budget cannot be negative', w('tier', {'annual_gift_budget': -100})),
            ('tier: policy changed by an account manager', 'manager_a', (tier,), A,
             'customer.tier', w('tier', {'call_interval_days': 1})),
            # ------------------------------------------------ ABC settings and the classification
            ('ABC settings: thresholds out of order', 'admin', (PARAMS,), V,
             'thresholds must satisfy 0 < A < B < 100',
             self._settings({'cm_abc_threshold_a': 90, 'cm_abc_threshold_b': 80})),
            ('ABC settings: threshold over 100', 'admin', (PARAMS,), V,
             'thresholds must satisfy 0 < A < B < 100',
             self._settings({'cm_abc_threshold_a': 80, 'cm_abc_threshold_b': 120})),
            ('ABC settings: threshold A zero', 'admin', (PARAMS,), V,
             'thresholds must satisfy 0 < A < B < 100',
             self._settings({'cm_abc_threshold_a': 0, 'cm_abc_threshold_b': 90})),
            ('ABC settings: period of 0 months', 'admin', (PARAMS,), V,
             'ABC Period (months)" must be between 1 and 120',
             self._settings({'cm_abc_period_months': 0})),
            ('ABC settings: negative period', 'admin', (PARAMS,), V,
             'ABC Period (months)" must be between 1 and 120',
             self._settings({'cm_abc_period_months': -3})),
            ('claim settings: claim of 0 days', 'admin', (PARAMS,), V,
             'Claim Duration (days)" must be between 1 and 3660',
             self._settings({'cm_claim_duration_days': 0})),
            ('ABC: Classify Now by an account manager', 'manager_a', (partner, history), A,
             'Only a supervisor can run the ABC classification',
             lambda t, e: e['res.partner'].action_classify_now()),
            # ------------------------------------------------ prospect claims
            ('claim: button on a customer', 'manager_a', (claim, partner), U,
             'already a customer', m('customer_c', 'action_claim_prospect')),
            ('claim: button on a partner that already buys (no stage)', 'manager_a',
             (claim, partner), U, 'set its pipeline stage to Prospect',
             m('customer_b', 'action_claim_prospect')),
            ('claim: created on a customer (import, RPC)', 'supervisor', (claim,), V,
             'already a customer', c(claim, {'partner_id': '@customer_c',
                                             'user_id': '@manager_b'})),
            ('claim: created on a partner that already buys', 'supervisor', (claim,), V,
             'set its pipeline stage to Prospect',
             c(claim, {'partner_id': '@customer_b', 'user_id': '@manager_b'})),
            ('claim: converted claim made active again on a customer', 'supervisor', (claim,),
             V, 'already a customer', w('converted', {'state': 'active'})),
            ('claim: second active claim (import, RPC)', 'supervisor', (claim,), V,
             'already claimed', c(claim, {'partner_id': '@prospect', 'user_id': '@manager_b'})),
            ('claim: second active claim (button)', 'manager_b', (claim, partner), V,
             'already claimed', m('prospect', 'action_claim_prospect')),
            ('claim: expiry before the claim date', 'manager_a', (claim,), V, 'cannot expire',
             c(claim, {'partner_id': '@free_prospect', 'date_claim': '2026-05-01',
                       'date_expiry': '2026-04-01'})),
            ('claim: expiry moved before the claim date', 'manager_a', (claim,), V,
             'cannot expire', w('claim', {'date_expiry': '2026-01-01'})),
            ('claim: released by another manager', 'manager_b', (claim,), U,
             'or a supervisor can release', m('prospect', 'action_release_claim')),
            ('claim: a released claim released again', 'supervisor', (claim,), U,
             'Only an active claim can be released', m('released', 'action_release')),
            ('claim: a released claim renewed', 'supervisor', (claim,), U,
             'Only an active or expired claim can be renewed', m('released', 'action_renew')),
            ('claim: release where nothing is claimed', 'supervisor', (claim,), U,
             'no active claim to release', m('free_prospect', 'action_release_claim')),
            ('claim: renew where nothing is claimed', 'supervisor', (claim,), U,
             'no active claim to renew', m('free_prospect', 'action_renew_claim')),
            # ------------------------------------------------ supervisor-only segmentation
            ('segmentation: tier set by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can change the tier',
             w('customer_a', {'customer_tier_id': self.env.ref(
                 'customer_maintenance.customer_tier_key').id})),
            ('segmentation: key account set by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can change the tier', w('customer_a', {'is_key_account': True})),
            ('segmentation: tier locked by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can change the tier', w('customer_a', {'tier_locked': True})),
            ('segmentation: ABC class set by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can change the tier', w('customer_a', {'abc_class': 'A'})),
            # ------------------------------------------------ RFM segments (health)
            ('RFM: segment set by an account manager', 'manager_a', (partner,), A,
             'only a supervisor can correct them', w('customer_a', {'rfm_segment': 'champions'})),
            ('RFM: score above 5', 'supervisor', (partner,), V, 'RFM score goes from 1',
             w('customer_a', {'rfm_recency': 9})),
            ('RFM: negative score', 'supervisor', (partner,), V, 'RFM score goes from 1',
             w('customer_a', {'rfm_monetary': -1})),
            # ------------------------------------------------ customer health
            ('health: weights adding up to 90', 'admin', (PARAMS,), V,
             'add up to 100', self._settings({'cm_health_weight_recency': 25})),
            ('health: negative weight', 'admin', (PARAMS,), V, 'at least 0 that add up to 100',
             self._settings({'cm_health_weight_trend': -5, 'cm_health_weight_recency': 65})),
            ('health: score out of range', 'supervisor', (partner,), V,
             'health score goes from 0 to 100', w('customer_a', {'health_score': 140})),
            ('health: override without a reason', 'supervisor', (partner,), V,
             'say why you set the health by hand',
             w('customer_a', {'health_override_label': 'healthy',
                              'health_override_until': '2030-01-01'})),
            ('health: override without an end date', 'supervisor', (partner,), V,
             'say why you set the health by hand',
             w('customer_a', {'health_override_label': 'at_risk',
                              'health_override_reason': 'Strike at the plant'})),
            ('health: override by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can set the health',
             w('customer_a', {'health_override_label': 'healthy',
                              'health_override_reason': 'I know them',
                              'health_override_until': '2030-01-01'})),
            ('credit: rating set by hand by an account manager', 'manager_a', (partner,), A,
             'Only a supervisor can change the tier',
             w('customer_a', {'credit_rating_override': True})),
            ('key accounts at risk: searched with a list', 'manager_a', (partner,), U,
             'Unsupported search on the team warning',
             self._search('res.partner', [('has_team_warning', 'in', [True])])),
            ('purchase purpose: duplicate name', 'supervisor', ('customer.purchase.purpose',),
             V, 'already exists', c('customer.purchase.purpose', {'name': 'resale (catalogue)'})),
            # ------------------------------------------------ relationship events
            ('event: negative cost', 'manager_a', (event, activity), V, 'cannot be negative',
             c(event, {'name': 'E1', 'partner_id': '@customer_a', 'cost': -1})),
            ('event: negative gift value', 'manager_a', (event, activity), V,
             'cannot be negative', c(event, {'name': 'E2', 'partner_id': '@customer_a',
                                             'gift_id': '@gift', 'gift_value': -10})),
            ('event: gift value without the gift', 'manager_a', (event, activity), V,
             'a gift value needs its gift',
             c(event, {'name': 'E3', 'partner_id': '@customer_a', 'gift_value': 25})),
            ('event: contact person of another customer', 'manager_a', (event, activity), V,
             'is not a contact person of',
             c(event, {'name': 'E4', 'partner_id': '@customer_a', 'contact_id': '@contact_b'})),
            ('event: a contact person as the customer', 'manager_a', (event, activity), V,
             'not a contact person', c(event, {'name': 'E5', 'partner_id': '@contact_a'})),
            ("event: logged on another manager's customer", 'manager_a', (event, activity), A,
             'customer.relationship.event',
             c(event, {'name': 'E6', 'partner_id': '@customer_b'})),
            ('event: a done event done again', 'manager_a', (event, activity), U,
             'Only planned events can be done or cancelled', m('done_event', 'action_done')),
            ('event: a cancelled event cancelled again', 'manager_a', (event, activity), U,
             'Only planned events can be done or cancelled',
             m('cancelled_event', 'action_cancel')),
            ('event: overdue searched with a list', 'manager_a', (event,), U,
             'Overdue can only be searched as true or false',
             self._search(event, [('is_overdue', 'in', [True])])),
            ('done: blank outcome', 'manager_a', (event, activity), U, 'Write the outcome',
             self._done({'outcome': '   '})),
            ('done: negative cost', 'manager_a', (event, activity), U, 'cannot be negative',
             self._done({'cost': -3})),
            ('done: gift value without the gift', 'manager_a', (event, activity), U,
             'A gift value needs its gift', self._done({'gift_value': 30})),
            ('done: follow-up before the contact', 'manager_a', (event, activity), U,
             'follow-up needs a date on or after',
             self._done({'followup': True, 'followup_date': '2026-03-01'})),
            ('done: follow-up without a date', 'manager_a', (event, activity), U,
             'follow-up needs a date on or after', self._done({'followup': True})),
            ('done: an event already done', 'manager_a', (event, activity), U,
             'Only planned events can be done or cancelled', self._done({}, 'done_event')),
            # ------------------------------------------------ festivals and lunar dates
            ('festival: month 13', 'supervisor', (festival,), V, 'month must be 1 to 12',
             c(festival, {'name': 'F1', 'calendar': 'solar', 'month': 13, 'day': 1})),
            ('festival: lunar month 0', 'supervisor', (festival,), V, 'month must be 1 to 12',
             c(festival, {'name': 'F2', 'calendar': 'lunar', 'month': 0, 'day': 5})),
            ('festival: lunar day 31', 'supervisor', (festival,), V,
             'a lunar day must be 1 to 30',
             c(festival, {'name': 'F3', 'calendar': 'lunar', 'month': 8, 'day': 31})),
            ('festival: 30 February', 'supervisor', (festival,), V,
             'is not a date of the solar calendar',
             c(festival, {'name': 'F4', 'calendar': 'solar', 'month': 2, 'day': 30})),
            ('festival: lead time of 400 days', 'supervisor', (festival,), V,
             'lead time must be 0 to 365 days', w('festival', {'lead_days': 400})),
            ('festival: negative lead time', 'supervisor', (festival,), V,
             'lead time must be 0 to 365 days',
             c(festival, {'name': 'F6', 'month': 1, 'day': 1, 'lead_days': -1})),
            ('festival: changed by an account manager', 'manager_a', (festival,), A,
             'customer.festival', w('festival', {'lead_days': 3})),
            # ------------------------------------------------ birthdays
            ('birthday: 31 April', 'manager_a', (partner,), V,
             'is not a date of the solar calendar',
             w('contact_a', {'birthday_month': 4, 'birthday_day': 31})),
            ('birthday: lunar month 13', 'manager_a', (partner,), V, 'month must be 1 to 12',
             w('contact_a', {'birthday_calendar': 'lunar', 'birthday_month': 13,
                             'birthday_day': 30})),
            ('birthday: lunar day 0', 'manager_a', (partner,), V, 'a lunar day must be 1 to 30',
             w('contact_a', {'birthday_calendar': 'lunar', 'birthday_month': 5,
                             'birthday_day': 0})),
            ('birthday: birth year without the birthday', 'manager_a', (partner,), V,
             'a birth year needs the birthday month and day', w('contact_a', {'birth_year': 1980})),
            ('birthday: born in 1850', 'manager_a', (partner,), V,
             'birth year must be between 1900',
             w('contact_a', {'birthday_month': 5, 'birthday_day': 5, 'birth_year': 1850})),
            ('birthday: born next year', 'manager_a', (partner,), V,
             'birth year must be between 1900',
             w('contact_a', {'birthday_month': 5, 'birthday_day': 5, 'birth_year': next_year})),
            # ------------------------------------------------ gifts
            ('gift: negative value', 'supervisor', ('customer.gift',), V,
             'value cannot be negative', c('customer.gift', {'name': 'Bad gift', 'value': -5})),
            ('gift: value changed by an account manager', 'manager_a', ('customer.gift',), A,
             'customer.gift', w('gift', {'value': 1})),
            # ------------------------------------------------ regional care campaigns
            ('regional care: no region', 'supervisor', (event, activity), U,
             'Choose at least one region', self._regional({'state_ids': [Command.clear()]})),
            ('regional care: blank description', 'supervisor', (event, activity), U,
             'Describe what happened', self._regional({'description': '   '})),
            ('regional care: by an account manager', 'manager_a', (event, activity), A,
             'customer.regional.care.wizard', self._regional({})),
            # ------------------------------------------------ contact left (personnel change)
            ('contact left: successor at another customer', 'manager_a', (partner, event), U,
             'The successor must be a contact of', self._left({'successor_id': '@contact_b'})),
            ('contact left: successor is the person who left', 'manager_a', (partner, event), U,
             'successor cannot be the person who left', self._left({'successor_id': '@contact_a'})),
            ('contact left: meeting before the day they left', 'manager_a', (partner, event), U,
             'Meet the successor on or after', self._left({'meeting_date': '2026-03-01'})),
            ('contact left: already recorded as left', 'manager_a', (partner, event), U,
             'already recorded as having left', self._left({'contact_id': '@former_contact'})),
            ('contact left: a company instead of a person', 'manager_a', (partner, event), U,
             'is not a contact person of a customer', self._left({'contact_id': '@customer_a'})),
            ('contact left: blank reason', 'manager_a', (partner, event), U,
             'Say why the person left', self._left({'reason': '   '})),
            ("contact left: another manager's customer", 'manager_b', (partner, event), U,
             'Only the account manager of', self._left({})),
            # ------------------------------------------------ consumption cycles and products
            ('cycle: negative known interval', 'manager_a', (cycle,), V,
             'between 0 (use the learned one) and 3650',
             w('cycle', {'manual_interval_days': -5})),
            ('cycle: known interval of 20 years', 'manager_a', (cycle,), V,
             'between 0 (use the learned one) and 3650',
             w('cycle', {'manual_interval_days': 7300})),
            ('cycle: a learned figure changed by a manager', 'manager_a', (cycle,), A,
             'Only the known interval and the note',
             w('cycle', {'next_due_date': '2030-01-01', 'note': 'x'})),
            ('cycle: a second cycle for the same customer and product', 'supervisor', (cycle,),
             V, 'already has a consumption cycle for',
             c(cycle, {'partner_id': '@customer_a', 'product_id': '@product'})),
            ('cycle: on a contact person', 'supervisor', (cycle,), V, 'not a contact person',
             lambda t, e: e[cycle].create({
                 'partner_id': t.contact_a.id,
                 'product_id': t.env['product.product'].create({'name': 'Grease'}).id})),
            ('cycle: added by an account manager', 'manager_a', (cycle,), A,
             'customer.consumption.cycle', lambda t, e: e[cycle].create({
                 'partner_id': t.customer_a.id,
                 'product_id': t.env['product.product'].create({'name': 'Gear oil'}).id})),
            ('cycle: days to due compared with text', 'manager_a', (cycle,), V,
             'compared with a whole number', self._search(cycle, [('days_to_due', '<=', 'soon')])),
            ('cycle: overdue searched with a list', 'manager_a', (cycle,), V,
             'Overdue can only be searched as true or false',
             self._search(cycle, [('is_overdue', 'in', [True])])),
            ('cycle: lapsed searched with a list', 'manager_a', (cycle,), V,
             'Lapsed can only be searched as true or false',
             self._search(cycle, [('is_lapsed', 'in', [True])])),
            ('customer: lapsed consumer searched with text', 'manager_a', (partner,), V,
             'Lapsed Consumer can only be searched',
             self._search('res.partner', [('consumption_lapsed', '=', 'yes')])),
            ('consumption settings: look-back of 0 months', 'admin', (PARAMS,), V,
             'Look-back (months)" must be between 1 and 120',
             self._settings({'consumption_lookback_months': 0})),
            ('consumption settings: anomaly factor 1', 'admin', (PARAMS,), V,
             'Anomaly Factor" must be above 1.0 and at most 100.0',
             self._settings({'consumption_anomaly_factor': 1.0})),
            ('consumption settings: negative reminder lead', 'admin', (PARAMS,), V,
             'Reminder Lead (days)" must be between 0 and 366',
             self._settings({'reminder_lead_days': -1})),
            # ------------------------------------------------ promotion support
            ('promotion: negative cost', 'manager_a', (promotion,), V,
             'cost of a promotion support cannot be negative',
             c(promotion, {'name': 'P1', 'partner_id': '@customer_a', 'cost': -50})),
            ('promotion: cost made negative', 'manager_a', (promotion,), V,
             'cost of a promotion support cannot be negative', w('promotion', {'cost': -1})),
            ("promotion: for another manager's customer", 'manager_a', (promotion,), A,
             'customer.promotion.support',
             c(promotion, {'name': 'P3', 'partner_id': '@customer_b'})),
            ('promotion: deleted by an account manager', 'manager_a', (promotion,), A,
             'customer.promotion.support', m('promotion', 'unlink')),
            # ------------------------------------------------ value-added services
            ('service: negative cost', 'manager_a', (service,), V,
             'cost of a service cannot be negative',
             c(service, {'name': 'S1', 'partner_id': '@customer_a', 'cost': -1})),
            ('service: negative hours', 'manager_a', (service,), V,
             'hours of a service cannot be negative',
             c(service, {'name': 'S2', 'partner_id': '@customer_a', 'hours': -2})),
            # ------------------------------------------------ agreements
            ('agreement: ends before it starts', 'manager_a', (agreement,), V,
             'ends before it starts',
             c(agreement, {'name': 'AG1', 'partner_id': '@customer_a',
                           'date_start': '2026-05-01', 'date_end': '2026-04-30'})),
            ('agreement: end moved before the start', 'manager_a', (agreement,), V,
             'ends before it starts', w('agreement', {'date_end': '2025-12-31'})),
            # ------------------------------------------------ hand-over
            ('hand-over: to the leaving manager himself', 'supervisor', (partner, event), U,
             'must be another account manager', self._handover({'to_user_id': 'manager_a'})),
            ('hand-over: to an archived user', 'supervisor', (partner, event), U,
             'is archived', self._handover({'to_user_id': 'archived_manager'})),
            ('hand-over: to a user who is not an account manager', 'supervisor',
             (partner, event), U, 'is not an account manager',
             self._handover({'to_user_id': 'employee'})),
            ("hand-over: a colleague's customer among the leaving manager's", 'supervisor',
             (partner, event), U, 'not customers of',
             self._handover({'partner_ids': ['customer_a', 'customer_b']})),
            ('hand-over: a manager without customers', 'supervisor', (partner, event), U,
             'has no customers to hand over', self._handover({'from_user_id': 'lonely_manager'})),
            ('hand-over: by an account manager', 'manager_a', (partner, event), A,
             'customer.handover.wizard', self._handover({})),
            # ------------------------------------------------ KPI, review and digest settings
            ('KPI settings: customer lost after 0 months', 'admin', (PARAMS,), V,
             'Lost After (months)" must be between 1 and 12',
             self._settings({'cm_kpi_lost_months': 0})),
            ('KPI settings: customer lost after 13 months', 'admin', (PARAMS,), V,
             'Lost After (months)" must be between 1 and 12',
             self._settings({'cm_kpi_lost_months': 13})),
            ('KPI settings: negative promotion window', 'admin', (PARAMS,), V,
             'Effect Window (months)" must be between 1 and 24',
             self._settings({'cm_promotion_effect_months': -3})),
            ('KPI settings: promotion window of 25 months', 'admin', (PARAMS,), V,
             'Effect Window (months)" must be between 1 and 24',
             self._settings({'cm_promotion_effect_months': 25})),
            ('digest settings: negative agreement reminder', 'admin', (PARAMS,), V,
             'Renewal Reminder (days)" must be between 0 and 366',
             self._settings({'cm_agreement_reminder_days': -30})),
            ('digest settings: agreement reminder of 400 days', 'admin', (PARAMS,), V,
             'Renewal Reminder (days)" must be between 0 and 366',
             self._settings({'cm_agreement_reminder_days': 400})),
            ('KPIs: refreshed by an account manager', 'manager_a',
             ('customer.manager.kpi.snapshot',), A,
             "Only supervisors can refresh the account managers' KPIs",
             lambda t, e: e['customer.manager.kpi.snapshot'].action_refresh()),
            ('review: customer marked reviewed by an account manager', 'manager_a', (partner,),
             A, 'Only a supervisor can mark a customer as reviewed',
             m('customer_a', 'action_mark_reviewed')),
            ("profile card: printed by an account manager for a colleague's customer",
             'manager_a', (partner, 'customer.relationship.event'), A,
             'print the profile card only of the customers you manage',
             lambda t, e: e['report.customer_maintenance.report_profile_card']
             ._get_report_values(t.customer_b.ids)),
            # ------------------------------------------------ planner settings
            ('planner settings: horizon of 400 days', 'admin', (PARAMS,), V,
             'must be between 0 and 366', self._settings({'cm_planning_horizon_days': 400})),
            ('planner settings: birthday lead of 90 days', 'admin', (PARAMS,), V,
             'must be between 0 and 60', self._settings({'cm_birthday_lead_days': 90})),
            ('planner settings: negative calls a day', 'admin', (PARAMS,), V,
             'must be between 0 and 500', self._settings({'cm_calls_per_day': -1})),
            ('planner settings: 101 visits a day', 'admin', (PARAMS,), V,
             'must be between 0 and 100', self._settings({'cm_visits_per_day': 101})),
            ('planner settings: horizon of 100000 days', 'admin', (PARAMS,), V,
             'must be between 0 and 366', self._settings({'cm_planning_horizon_days': 100000})),
            ('ABC settings: period of 121 months', 'admin', (PARAMS,), V,
             'ABC Period (months)" must be between 1 and 120',
             self._settings({'cm_abc_period_months': 121})),
            ('claim settings: claim of 4000 days', 'admin', (PARAMS,), V,
             'Claim Duration (days)" must be between 1 and 3660',
             self._settings({'cm_claim_duration_days': 4000})),
            ('consumption settings: anomaly factor 101', 'admin', (PARAMS,), V,
             'Anomaly Factor" must be above 1.0 and at most 100.0',
             self._settings({'consumption_anomaly_factor': 101})),
            ('consumption settings: look-back of 121 months', 'admin', (PARAMS,), V,
             'Look-back (months)" must be between 1 and 120',
             self._settings({'consumption_lookback_months': 121})),
            ('settings: changed by a supervisor who is no administrator', 'supervisor',
             (PARAMS,), A, 'res.config.settings', self._settings({'cm_calls_per_day': 5})),
            # ------------------------------------------------ collection calls (收款)
            ('collection: done without an outcome', 'manager_a', (event, activity), U,
             'Choose the outcome of the collection call', self._collected({})),
            ('collection: promise to pay in the past', 'manager_a', (event, activity), U,
             'promised payment date must be today or later',
             self._collected({'collection_outcome': 'promise', 'promise_amount': 100.0,
                              'promise_date': cm_today(self.env) - datetime.timedelta(days=1)})),
            ('collection: promise of a negative amount', 'manager_a', (event, activity), U,
             'promised amount must be above zero',
             self._collected({'collection_outcome': 'promise', 'promise_amount': -100.0,
                              'promise_date': cm_today(self.env)})),
            ('collection: disputed without why', 'manager_a', (event, activity), U,
             'Say why the customer disputes the invoices',
             self._collected({'collection_outcome': 'disputed', 'dispute_reason': '  '})),
            ('collection: negative promised amount written', 'manager_a', (event,), V,
             'promised amount cannot be negative',
             w('collection_call', {'promise_amount': -5.0})),
            ('collection: promise written without its date', 'manager_a', (event,), V,
             'needs the date promised and an amount above zero',
             w('collection_call', {'collection_outcome': 'promise', 'promise_amount': 50.0})),
            ('collection: disputed written without why', 'manager_a', (event,), V,
             'say why the customer disputes the invoices',
             w('collection_call', {'collection_outcome': 'disputed'})),
        ] + self._incentive_cases() + self._route_cases()

    def _route_cases(self):
        tier, event, partner = 'customer.tier', 'customer.relationship.event', 'res.partner'
        activity = 'mail.activity'
        c, w = self._create, self._write
        return [
            # ------------------------------------------------ visit routes
            ('route: latitude out of range', 'manager_a', (partner,), V,
             'latitude must be between -90 and 90', w('customer_a', {'partner_latitude': 95.0})),
            ('route: longitude out of range', 'manager_a', (partner,), V,
             'longitude between -180 and 180',
             c(partner, {'name': 'Nowhere Ltd', 'partner_latitude': 25.0,
                         'partner_longitude': -181.5})),
            ('route settings: negative driving speed', 'admin', (PARAMS,), V,
             'must be above 0.0 and at most 200.0',
             self._settings({'cm_route_speed_kmh': -40.0})),
            ('route settings: road factor under 1', 'admin', (PARAMS,), V,
             'must be between 1.0 and 5.0', self._settings({'cm_route_road_factor': 0.5})),
            ('route: visit window ending before it begins', 'manager_a', (event, activity), V,
             'ends', c(event, {'name': 'Window visit', 'partner_id': '@customer_a',
                               'channel': 'visit', 'route_window_start': '2026-03-10',
                               'route_window_end': '2026-03-05'})),
            ('route: visit window end moved before its start', 'manager_a', (event,), V,
             'Set "Visit Until" on or after "Visit From"',
             w('event', {'route_window_start': '2026-03-04', 'route_window_end': '2026-03-01'})),
            ('route: visit of no minutes in a tier', 'supervisor', (tier,), V,
             'a visit lasts between 1 and 720 minutes',
             w('tier', {'visit_duration_minutes': 0})),
        ]

    def _incentive_cases(self):
        plan, statement = 'customer.incentive.plan', 'customer.incentive.statement'
        line = 'customer.incentive.statement.line'
        m = self._method
        new_plan = {'name': 'Bad plan', 'date_from': '2030-01-01'}
        return [
            ('incentive plan: negative existing-customer rate', 'supervisor', (plan,), V,
             'must be between 0 and 100',
             self._create(plan, dict(new_plan, existing_rate=-2))),
            ('incentive plan: drop deduction of 120 %', 'supervisor', (plan,), V,
             'must be between 0 and 100', self._create(plan, dict(new_plan, drop_rate=120))),
            ('incentive plan: new for 0 months', 'supervisor', (plan,), V,
             'new for 1 to 36 months', self._create(plan, dict(new_plan, new_months=0))),
            ('incentive plan: negative target bonus', 'supervisor', (plan,), V,
             'cannot be negative', self._create(plan, dict(new_plan, new_customer_bonus=-5))),
            ('incentive plan: starts in the middle of a month', 'supervisor', (plan,), V,
             'first day of a month', self._create(plan, dict(new_plan, date_from='2030-01-15'))),
            ('incentive plan: ends before the end of a month', 'supervisor', (plan,), V,
             'last day of a month',
             self._create(plan, dict(new_plan, date_to='2030-03-30'))),
            ('incentive plan: validity overlaps another plan', 'supervisor', (plan,), V,
             'overlaps the plan Catalogue plan',
             self._create(plan, {'name': 'Overlapping', 'date_from': '2025-06-01',
                                 'date_to': '2026-05-31'})),
            ('incentive plan: created by an account manager', 'manager_a', (plan,), A,
             'customer.incentive.plan', self._create(plan, new_plan)),
            ('incentive statement: confirmed by an account manager', 'manager_a', (statement,),
             A, 'Only a supervisor can confirm',
             m('open_statement', 'action_confirm')),
            ('incentive statements: computed by an account manager', 'manager_a',
             (statement, line), A, 'Only a supervisor can compute the incentive statements',
             lambda t, e: e[statement].action_compute_now()),
            ('incentive statement: month not over', 'supervisor', (statement,), U,
             'is not over', m('open_statement', 'action_confirm')),
            ('incentive statement: confirmed one edited', 'supervisor', (statement,), U,
             'is confirmed: it can no longer be changed',
             self._write('confirmed_statement', {'customers_won': 3})),
            ('incentive statement: confirmed one deleted', 'admin', (statement,), U,
             'is confirmed: it can no longer be changed', m('confirmed_statement', 'unlink')),
            ('incentive statement: confirmed twice', 'supervisor', (statement,), U,
             'is confirmed: it can no longer be changed',
             m('confirmed_statement', 'action_confirm')),
            ('incentive correction: on an open month', 'supervisor', (line,), U,
             'is still open', self._correction('open_statement', {})),
            ('incentive correction: without amount', 'supervisor', (line,), U,
             'amount of the correction', self._correction('confirmed_statement',
                                                         {'amount': 0})),
            ('incentive correction: blank reason', 'supervisor', (line,), U,
             'why the statement is corrected',
             self._correction('confirmed_statement', {'reason': '  '})),
            ('incentive correction: by an account manager', 'manager_a', (line,), A,
             'customer.incentive.correction.wizard',
             self._correction('confirmed_statement', {})),
        ]

    # ---------------------------------------------------------------- running a case
    def _snapshot(self, models, upto=None):
        """Each table concerned: its highest id, row count and a digest of all its rows, read
        by SQL (nothing flushed: what is in the database now); with `upto` ({model: id}) only
        the rows that existed then."""
        state = []
        for model in models:
            table = SQL.identifier(self.env[model]._table)
            limit = SQL('WHERE t.id <= %s', upto[model]) if upto else SQL()
            self.env.cr.execute(SQL(
                "SELECT max(t.id), count(*), "
                "md5(COALESCE(string_agg(t::text, '|' ORDER BY t.id), '')) FROM %s t %s",
                table, limit))
            state.append((model,) + self.env.cr.fetchone())
        return state

    def _attempt(self, who, models, call, lang):
        """Run the call as `who` in `lang` (the user's language too, as a zh_TW user has it:
        Odoo words record-rule errors in the user's language) inside a savepoint always rolled
        back. Returns (the exception or None, the tables before, at the refusal and after).
        At the refusal only the rows that existed before are compared: Odoo inserts a new
        record before it checks its constraints and record rules, so a refused create has a
        row until the rollback; an update of an existing row before the refusal is caught."""
        user = self.users[who]
        outer = self.env.cr.savepoint()
        try:
            if lang != 'en_US':
                user.lang = lang
            env = self.env(user=user, context=dict(self.env.context, lang=lang))
            self.env.flush_all()
            before = self._snapshot(models)
            upto = {model: max_id or 0 for model, max_id, _count, _digest in before}
            error = during = None
            savepoint = self.env.cr.savepoint()
            try:
                call(self, env)
                self.env.flush_all()
            except Exception as caught:  # noqa: BLE001 - the class is asserted by the caller
                error = caught
                status = self.env.cr._cnx.info.transaction_status
                if status != psycopg2.extensions.TRANSACTION_STATUS_INERROR:
                    during = self._snapshot(models, upto)
            finally:
                savepoint.close(rollback=True)
                # a stored parameter read during the call stays in get_param's cache
                self.env.registry.clear_cache()
            after = self._snapshot(models)
            existing = self._snapshot(models, upto)
        finally:
            outer.close(rollback=True)
            self.env.registry.clear_cache()
        return error, before, during, existing, after

    @staticmethod
    def _text(error):
        return str(error.args[0]) if error.args else str(error)

    def _translation(self, message):
        """'module' (with the regex of its msgstr) or 'odoo' for an English message."""
        # the most specific msgid matching the whole message
        found = sorted((length, msgstr) for length, msgid, msgstr in self.po
                       if msgid.match(message))
        if found:
            return 'module', found[-1][1]
        return 'odoo', None

    def test_bad_inputs(self):
        cases = self._cases()
        figures = {'module': 0, 'odoo': 0}
        for label, who, models, error_class, fragment, call in cases:
            with self.subTest(case=label):
                error, before, during, existing, after = self._attempt(
                    who, models, call, 'en_US')
                self.assertIsNotNone(error, 'accepted')
                self.assertIs(type(error), error_class, repr(error))
                message = self._text(error)
                self.assertIn(fragment.lower(), message.lower())
                self.assertEqual(during, existing, 'existing rows written before the refusal')
                self.assertEqual(after, before, 'written')
                kind, msgstr = self._translation(message)
                figures[kind] += 1
                error_tw, before, during, existing, after = self._attempt(
                    who, models, call, 'zh_TW')
                self.assertIs(type(error_tw), error_class, 'zh_TW: %r' % error_tw)
                self.assertEqual((during, after), (existing, before), 'written (zh_TW)')
                message_tw = self._text(error_tw)
                if kind == 'module':
                    # the module's msgid has a msgstr: the zh_TW user reads it
                    self.assertNotEqual(message_tw, message)
                    self.assertRegex(message_tw, msgstr)
                elif kind == 'odoo':
                    # Odoo's own message (access rights): Odoo's zh_TW translation
                    self.assertNotEqual(message_tw, message)
        labels = [case[0] for case in cases]
        self.assertEqual(len(labels), len(set(labels)), 'each bad input is distinct')
        self.assertGreaterEqual(len(cases), MINIMUM_CASES)
        print('bad inputs: %d refused with a clear message and nothing written (messages: %d '
              'of zh_TW.po, %d of Odoo)' % (len(cases), figures['module'], figures['odoo']))
        _logger.info('bad input catalogue: %d cases', len(cases))
