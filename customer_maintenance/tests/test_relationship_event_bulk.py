# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The set-based insert of the nightly jobs' events (models/relationship_event_bulk.py)
stores what create() stores: the same event rows, activities and followers, the same
constraints; and it leaves the work to create() where it could not stand for it."""
import datetime
from unittest.mock import patch

from odoo.exceptions import ValidationError

from ..models import relationship_event_bulk as bulk
from .common import CustomerMaintenanceCase

D = datetime.date
JOB_CONTEXT = {'tracking_disable': True, 'mail_create_nolog': True,
               'mail_activity_quick_update': True, 'mail_notrack': True}
EVENT_FIELDS = ['name', 'partner_id', 'user_id', 'company_id', 'kind', 'channel', 'state',
                'date', 'plan_item', 'plan_key', 'tier_id', 'contact_id', 'occasion_date',
                'cost', 'gift_value', 'outcome', 'description', 'consumption_due_date']


class TestRelationshipEventBulk(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event'].sudo().with_context(**JOB_CONTEXT)
        cls.tier = cls.env['customer.tier'].create({'name': 'Bulk tier', 'code': 'BULK'})

    def _vals(self, key):
        """The shapes of values the jobs give: a periodic contact, a greeting to a contact
        person (other keys), an event whose user and company come from the defaults."""
        return [
            {'name': 'Business call: %s' % key, 'partner_id': self.customer_a.id,
             'user_id': self.manager_a.id, 'company_id': self.env.company.id,
             'kind': 'periodic', 'channel': 'call', 'date': D(2026, 7, 6), 'state': 'planned',
             'plan_item': 'call', 'plan_key': 'call:%s' % key, 'tier_id': self.tier.id},
            {'name': 'Birthday greeting: %s' % key, 'partner_id': self.customer_a.id,
             'user_id': self.manager_a.id, 'kind': 'personal', 'channel': 'message',
             'date': D(2026, 7, 7), 'plan_item': 'birthday', 'plan_key': 'birthday:%s' % key,
             'contact_id': self.contact_a.id, 'occasion_date': D(2026, 7, 9)},
            {'name': 'Replenishment call: %s' % key, 'partner_id': self.customer_b.id,
             'date': D(2026, 7, 8), 'consumption_due_date': D(2026, 7, 15)},
        ]

    def _stored(self, events):
        """What a user and the activity menu see of the events, in the order created."""
        result = []
        for event in events.sorted('id'):
            values = event.read(EVENT_FIELDS)[0]
            values.pop('id')
            result.append((
                {k: v.replace('bulk', 'X').replace('orm', 'X') if isinstance(v, str) else v
                 for k, v in values.items()},
                [(a.user_id, a.date_deadline, a.activity_type_id, a.res_name.replace(
                    'bulk', 'X').replace('orm', 'X'), a.automated)
                 for a in event.activity_ids],
                event.message_partner_ids,
                event.message_ids.mapped('body')))
        return result

    def test_same_rows_as_create(self):
        by_orm = self.Event.create(self._vals('orm'))
        by_insert = self.Event._create_planned_events(self._vals('bulk'))
        self.assertEqual(len(by_insert), 3)
        self.assertNotEqual(by_insert, by_orm)
        stored = self._stored(by_insert)
        self.assertEqual(stored, self._stored(by_orm))
        # and what that is: defaults applied, one activity for the assignee, who follows
        (call, greeting, replenishment) = stored
        self.assertEqual(call[0]['tier_id'][0], self.tier.id)
        self.assertEqual(greeting[0]['state'], 'planned')
        self.assertEqual(greeting[0]['company_id'][0], self.env.company.id)
        # the customer's account manager, as create() chooses him
        self.assertEqual(replenishment[0]['user_id'][0], self.manager_b.id)
        self.assertEqual(replenishment[0]['kind'], 'periodic')
        self.assertEqual(call[1][0][:2], (self.manager_a, D(2026, 7, 6)))
        self.assertIn(self.manager_a.partner_id, call[2])
        self.assertEqual(call[3], [])

    def test_single_row_as_create(self):
        """A batch of one row (a failed batch retried record by record): every column is
        the same in all rows, and the insert still needs one array to unnest."""
        by_orm = self.Event.create(self._vals('orm')[:1])
        by_insert = self.Event._create_planned_events(self._vals('bulk')[:1])
        self.assertEqual(len(by_insert), 1)
        self.assertEqual(self._stored(by_insert), self._stored(by_orm))

    def test_constraints_checked(self):
        cases = [
            ('contact of another customer', {'contact_id': self.contact_a.id,
                                             'partner_id': self.customer_b.id}),
            ('contact person as customer', {'partner_id': self.contact_a.id}),
            ('negative cost', {'cost': -5.0}),
            # a check the insert skips when no row gives its field (CHECKS_OF_EMPTY_FIELD)
            ('follow-up of another customer', {'followup_of_id': self.Event.create({
                'name': 'Elsewhere', 'partner_id': self.customer_b.id}).id}),
        ]
        for label, change in cases:
            with self.subTest(label):
                before = self.Event.search_count([])
                vals = self._vals(label)
                vals[0].update(change)
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    self.Event._create_planned_events(vals)
                self.assertEqual(self.Event.search_count([]), before)

    def test_falls_back_to_create(self):
        """create() does the work (no SQL insert) when the context tracks changes, when a
        value is not a stored column the insert converts, and when a module the insert does
        not reproduce overrides create()."""
        Model = type(self.env['customer.relationship.event'])
        # a class of another module defining create(), as the registry would put it in the MRO
        another = type('AnotherModuleEvent', (), {'_module': 'another_module',
                                                   'create': lambda self, vals_list: self})
        cases = [
            ('the nightly job', self.Event, {}, [], True),
            ('tracking on', self.Event.with_context(tracking_disable=False), {}, [], False),
            ('a value of a field not stored', self.Event, {'activity_ids': []}, [], False),
            ('create() overridden elsewhere', self.Event, {}, [another], False),
        ]
        for label, Event, change, extra, by_sql in cases:
            with self.subTest(label):
                vals = self._vals(label)
                vals[0].update(change)
                with patch.object(Model, 'mro', return_value=extra + Model.mro()), \
                        patch.object(bulk.queries, 'insert_events',
                                     wraps=bulk.queries.insert_events) as insert:
                    events = Event._create_planned_events(vals)
                self.assertEqual(insert.called, by_sql)
                self.assertEqual(events.mapped('plan_key'),
                                 ['call:%s' % label, 'birthday:%s' % label, False])
                self.assertEqual(events.activity_ids.user_id, self.manager_a | self.manager_b)
