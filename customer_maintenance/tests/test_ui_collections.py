# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Browser tour of the collections (static/tests/tours/customer_maintenance_collections_tours.js),
run by `make test-ui` (not by pytest: see tests/test_ui.py): an account manager closes a
collection call planned by the nightly job with a promise to pay, then sees it on the
customer's Collections tab."""
import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..tools.today import today as cm_today


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiCollections(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chen = cls.env.ref('customer_maintenance.user_am_chen')
        cls.customer = cls.env['res.partner'].create({
            'name': 'CM Tour Customer Owing', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.chen.id})
        # today as the browser's server sees it: the real day (no cm_today in a tour)
        today = cm_today(cls.env)
        product = cls.env['product.product'].create({'name': 'CM Tour Oil', 'list_price': 10})
        invoice = cls.env['account.move'].create({
            'move_type': 'out_invoice', 'partner_id': cls.customer.id,
            'invoice_date': today - datetime.timedelta(days=40),
            'invoice_date_due': today - datetime.timedelta(days=10),
            'invoice_line_ids': [Command.create({'product_id': product.id, 'quantity': 1,
                                                 'price_unit': 2400.0,
                                                 'tax_ids': [Command.clear()]})]})
        invoice.action_post()
        Event = cls.env['customer.relationship.event']
        Event.cron_plan_collection_calls()
        cls.call = Event.search([('partner_id', '=', cls.customer.id),
                                 ('kind', '=', 'collection')])
        cls.promise_date = today + datetime.timedelta(days=5)

    def test_account_manager_records_a_promise(self):
        self.assertEqual(self.call.state, 'planned')
        self.assertEqual(self.call.user_id, self.chen)
        url = '/odoo/action-customer_maintenance.customer_relationship_event_action/%d' % (
            self.call.id)
        self.start_tour(url, 'customer_maintenance_collection_promise', login='chen')
        self.call.invalidate_recordset()
        self.assertEqual(self.call.state, 'done')
        self.assertEqual(self.call.collection_outcome, 'promise')
        self.assertEqual(self.call.promise_amount, 2000.0)
        self.assertEqual(self.call.promise_date, self.promise_date)
        self.assertEqual(self.call.write_uid, self.chen)
        self.assertFalse(self.call.activity_ids)
