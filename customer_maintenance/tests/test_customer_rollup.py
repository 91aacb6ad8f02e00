# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The company and its contacts (issue 20 §3, tools/customer_rollup.py): a promotion support,
a value-added service or an agreement logged on a contact person is the company's, in the
KPIs as in the company's smart buttons, its profile card, the digest, the hand-over and the
account managers' rights."""
import datetime

from odoo import Command

from .common import CustomerMaintenanceCase

D = datetime.date
TODAY = D(2026, 3, 16)  # a Monday


class TestCustomerRollup(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # B sits in the customer team of A's customer; the contact has no account manager of
        # its own (its company's changed after it was created)
        cls.customer_a.customer_team_ids = [Command.link(cls.manager_b.id)]
        cls.contact_a.user_id = False
        cls.manager_c = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Account Manager C', 'login': 'cm_test_am_c',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        Promotion = cls.env['customer.promotion.support']
        Service = cls.env['customer.value.service']
        Agreement = cls.env['customer.agreement']
        cls.records = {}
        for who, partner in (('company', cls.customer_a), ('contact', cls.contact_a)):
            cls.records[who] = (
                Promotion.create({'name': 'Gifts via %s' % who, 'partner_id': partner.id,
                                  'date': TODAY, 'support_type': 'gift', 'cost': 40.0,
                                  'user_id': cls.manager_a.id}),
                Service.create({'name': 'Training via %s' % who, 'partner_id': partner.id,
                                'date': TODAY, 'service_type': 'training', 'hours': 2,
                                'cost': 10.0}),
                Agreement.create({'name': 'Supply via %s' % who, 'partner_id': partner.id,
                                  'state': 'active', 'agreement_type': 'long_term_supply',
                                  'date_start': '2026-01-01', 'date_end': '2026-03-20'}))
        cls.company_records = cls.records['company']
        cls.all_records = tuple(a | b for a, b in zip(*cls.records.values()))

    def _readers(self):
        """The roles that see A's customer: its manager, a team member, a supervisor."""
        return (self.manager_a, self.manager_b, self.supervisor)

    def test_rights_follow_the_company(self):
        for user in self._readers():
            for records in self.all_records:
                with self.subTest(user=user.name, model=records._name):
                    found = self.env[records._name].with_user(user).search(
                        [('id', 'in', records.ids)])
                    self.assertEqual(set(found.ids), set(records.ids))
        # a manager of other customers sees neither
        for records in self.all_records:
            with self.subTest(user='other manager', model=records._name):
                self.assertFalse(self.env[records._name].with_user(self.manager_c).search(
                    [('id', 'in', records.ids)]))

    def test_smart_buttons(self):
        actions = (('promotion_support_count', 'action_view_promotion_support'),
                   ('value_service_count', 'action_view_value_service'),
                   ('agreement_count', 'action_view_agreement'))
        for user in self._readers():
            company = self.customer_a.with_user(user)
            contact = self.contact_a.with_user(user)
            for (count_field, method), records, own in zip(
                    actions, self.all_records, self.records['contact']):
                with self.subTest(user=user.name, button=count_field):
                    # the company counts its contacts' records; the contact its own
                    self.assertEqual(company[count_field], 2)
                    self.assertEqual(contact[count_field], 1)
                    action = getattr(company, method)()
                    self.assertEqual(self.env[action['res_model']].with_user(user).search(
                        action['domain']), records.with_user(user))
                    action = getattr(contact, method)()
                    self.assertEqual(self.env[action['res_model']].with_user(user).search(
                        action['domain']), own.with_user(user))

    def test_kpis_count_the_same(self):
        report = self.env['customer.manager.kpi.report'].with_user(self.supervisor) \
            .with_context(cm_today=TODAY).search([('user_id', '=', self.manager_a.id),
                                                  ('date', '=', TODAY.replace(day=1))])
        promotions, services, _agreements = self.all_records
        self.assertEqual(report.promotion_cost, sum(promotions.mapped('cost')))
        self.assertEqual(report.service_cost, sum(services.mapped('cost')))
        self.assertEqual(self.customer_a.with_user(self.manager_a).promotion_support_count,
                         len(promotions))

    def test_profile_card(self):
        Report = self.env['report.customer_maintenance.report_profile_card']
        for user in self._readers():
            with self.subTest(user=user.name):
                card = Report.with_user(user).with_context(cm_today=TODAY)._get_report_values(
                    [self.customer_a.id])['cards'][self.customer_a.id]
                promotions, services, agreements = self.all_records
                self.assertEqual(set(card['promotions'].ids), set(promotions.ids))
                self.assertEqual(set(card['services'].ids), set(services.ids))
                self.assertEqual(set(card['agreements'].ids), set(agreements.ids))

    def test_digest_lists_the_contacts_agreement(self):
        Digest = self.env['customer.review.digest'].with_context(cm_today=TODAY, lang='en_US')
        start, end = Digest._week()
        block = Digest._digest_manager_block(self.manager_a, start, end,
                                             Digest._digest_context(start, end))
        section = next(s for s in block['sections'] if s['title'].startswith('Agreements'))
        self.assertEqual(section['count'], 2)
        self.assertEqual({item['name'].split(':')[1].strip().split(' (')[0]
                          for item in section['items']},
                         {'Supply via company', 'Supply via contact'})
        _promotion, _service, agreement = self.records['contact']
        self.assertEqual(agreement.user_id, self.manager_a)

    def test_handover_moves_the_contacts_records(self):
        wizard = self.env['customer.handover.wizard'].with_user(self.supervisor).create({
            'from_user_id': self.manager_a.id, 'to_user_id': self.manager_c.id,
            'partner_ids': [Command.set(self.customer_a.ids)]})
        wizard.action_handover()
        promotions = self.all_records[0]
        self.assertEqual(promotions.mapped('user_id'), self.manager_c)
        # the successor now sees and counts them on the company
        self.assertEqual(self.customer_a.with_user(self.manager_c).promotion_support_count, 2)
