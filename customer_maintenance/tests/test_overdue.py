# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Overdue has one meaning (issue 20 §3, services/overdue.py): every consumer agrees on each
kind of late and not-late contact — the event's field and its search (the "Overdue" filter),
the list decoration and the kanban colour, the KPI SQL and its oracle, the KPI report, the
weekly digest, the My Maintenance cards and the profile card."""
import datetime

from lxml import etree

from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..queries.management_kpi import kpi_contacts
from ..queries.overdue import overdue_event
from ..services import manager_kpi
from ..services.overdue import is_overdue
from .common import CustomerMaintenanceCase

D = datetime.date
TODAY = D(2026, 3, 16)  # a Monday: the digest of the week before is sent today


def _day(offset):
    return TODAY + datetime.timedelta(days=offset)


class TestOverdue(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Event = cls.env['customer.relationship.event']
        cycle = cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id})
        # name: (values, overdue on TODAY); all A's, on A's customer, in TODAY's month
        cases = {
            'late call': ({'channel': 'call', 'date': _day(-3)}, True),
            'late visit': ({'channel': 'visit', 'date': _day(-10)}, True),
            'late greeting': ({'channel': 'message', 'plan_item': 'birthday',
                               'date': _day(-1)}, True),
            'late replenishment call': ({'consumption_cycle_id': cycle.id,
                                         'consumption_due_date': _day(-1),
                                         'date': _day(-5)}, True),
            # planned this morning for a customer already past his due date: due today
            'replenishment call of today': ({'consumption_cycle_id': cycle.id,
                                             'consumption_due_date': _day(-6),
                                             'date': TODAY}, False),
            'greeting due today': ({'channel': 'message', 'plan_item': 'festival',
                                    'date': TODAY}, False),
            'call due today': ({'channel': 'call', 'date': TODAY}, False),
            'done late call': ({'date': _day(-4), 'state': 'done'}, False),
            'cancelled late visit': ({'channel': 'visit', 'date': _day(-4),
                                      'state': 'cancelled'}, False),
            'call tomorrow': ({'date': _day(1)}, False),
        }
        cls.events = {}
        cls.expected = {}
        for name, (vals, overdue) in cases.items():
            cls.events[name] = Event.create(dict(
                vals, name=name, partner_id=cls.customer_a.id, user_id=cls.manager_a.id))
            cls.expected[name] = overdue
        cls.all_events = Event.browse([e.id for e in cls.events.values()])
        cls.overdue = cls.all_events.filtered(lambda e: cls.expected[e.name])

    def _as_manager(self, model):
        return self.env[model].with_user(self.manager_a).with_context(cm_today=TODAY)

    def test_the_rule_itself(self):
        for name, event in self.events.items():
            with self.subTest(name):
                self.assertEqual(is_overdue(event.state, event.date, TODAY),
                                 self.expected[name])

    def test_field_search_and_colour(self):
        Event = self._as_manager('customer.relationship.event')
        mine = [('id', 'in', self.all_events.ids)]
        found = Event.search(mine + [('is_overdue', '=', True)])
        self.assertEqual(found, self.overdue)
        self.assertEqual(Event.search(mine + [('is_overdue', '=', False)]),
                         self.all_events - self.overdue)
        self.assertEqual(Event.search(mine + [('is_overdue', '!=', True)]),
                         self.all_events - self.overdue)
        for name, event in self.events.items():
            with self.subTest(name):
                event = event.with_user(self.manager_a).with_context(cm_today=TODAY)
                self.assertEqual(event.is_overdue, self.expected[name])
                self.assertEqual(event.color == 1, self.expected[name])

    def test_list_decorations(self):
        """The red of every list of events (the list and My Contacts) says what is_overdue
        says, evaluated as the web client does with the record's values."""
        Event = self._as_manager('customer.relationship.event')
        for xmlid in ('customer_maintenance.customer_relationship_event_view_list',
                      'customer_maintenance.customer_relationship_event_view_list_my'):
            view = self.env.ref(xmlid)
            arch = Event.get_views([(view.id, 'list')])['views']['list']['arch']
            expression = etree.fromstring(arch).get('decoration-danger')
            fnames = [f.get('name') for f in etree.fromstring(arch).iter('field')]
            for name, event in self.events.items():
                with self.subTest(view=xmlid, event=name):
                    values = Event.browse(event.id).read(
                        [f for f in fnames if f in Event._fields])[0]
                    values['current_date'] = TODAY.isoformat()
                    for fname, value in list(values.items()):
                        if isinstance(value, tuple):
                            values[fname] = value[0]
                        elif isinstance(value, datetime.date):
                            values[fname] = value.isoformat()
                    self.assertEqual(bool(safe_eval(expression, values)),
                                     self.expected[name])

    def test_kpi_sql_oracle_and_report(self):
        self.env.flush_all()
        # the SQL condition, event by event
        rows = self.env.execute_query(SQL(
            'SELECT e.id FROM customer_relationship_event e WHERE e.id = ANY(%s) AND %s',
            self.all_events.ids, overdue_event('e', TODAY)))
        self.assertEqual({row[0] for row in rows}, set(self.overdue.ids))
        # the KPI query and its oracle, for A's month
        figures = {(user, month): row for user, month, *row in self.env.execute_query(
            kpi_contacts(TODAY, TODAY.replace(day=1), [self.manager_a.id]))}
        overdue_sql = figures[(self.manager_a.id, TODAY.replace(day=1))][2]
        oracle = manager_kpi.contact_figures(
            [(e.user_id.id, e.date, e.state, e.cost, e.gift_value) for e in self.env[
                'customer.relationship.event'].search([
                    ('user_id', '=', self.manager_a.id), ('date', '>=', TODAY.replace(day=1))])],
            TODAY)
        self.assertEqual(oracle[(self.manager_a.id, TODAY.replace(day=1))][2], overdue_sql)
        self.assertEqual(overdue_sql, len(self.overdue))
        # the KPI report a supervisor reads (this month: live)
        report = self.env['customer.manager.kpi.report'].with_user(
            self.supervisor).with_context(cm_today=TODAY).search(
            [('user_id', '=', self.manager_a.id), ('date', '=', TODAY.replace(day=1))])
        self.assertEqual(report.contacts_overdue, len(self.overdue))

    def test_weekly_digest(self):
        Digest = self.env['customer.review.digest'].with_context(cm_today=TODAY, lang='en_US')
        start, end = Digest._week()
        self.assertEqual(end, TODAY)
        shared = Digest._digest_context(start, end)
        self.assertEqual(shared['contacts'][self.manager_a.id]['overdue'], len(self.overdue))
        block = Digest._digest_manager_block(self.manager_a, start, end, shared)
        section = next(s for s in block['sections'] if s['title'] == 'Overdue contacts:')
        self.assertEqual(section['count'], len(self.overdue))
        listed = {item['url'].rsplit('/', 1)[1] for item in section['items']}
        self.assertEqual(listed, {str(i) for i in self.overdue.ids})

    def test_my_maintenance_cards(self):
        cards = {card.code: card for card in self._as_manager('customer.maintenance.home')
                 .search([('code', 'in', ('contacts', 'greetings'))])}
        self.assertEqual(cards['contacts'].overdue_count, len(self.overdue))
        greetings = self.overdue.filtered(
            lambda e: e.plan_item in ('festival', 'birthday', 'anniversary'))
        self.assertEqual(cards['greetings'].overdue_count, len(greetings))
        self.assertEqual(len(greetings), 1)

    def test_profile_card(self):
        report = self.env['report.customer_maintenance.report_profile_card'].with_user(
            self.manager_a).with_context(cm_today=TODAY)
        card = report._get_report_values([self.customer_a.id])['cards'][self.customer_a.id]
        # the card lists the contacts up to today, cancelled ones left out
        shown = {row['name']: row['overdue'] for row in card['events']}
        self.assertEqual(shown, {name: self.expected[name] for name, event in
                                 self.events.items()
                                 if event.date <= TODAY and event.state != 'cancelled'})
