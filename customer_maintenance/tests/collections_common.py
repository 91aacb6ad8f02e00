# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Posted customer invoices and their payments for the tests of the collection calls."""
from odoo import Command


class CollectionsMixin:

    @classmethod
    def _invoice(cls, partner, date, due, amount, post=True):
        """A customer invoice of `amount` (no tax) dated `date`, due on `due`, posted."""
        move = cls.env['account.move'].create({
            'move_type': 'out_invoice', 'partner_id': partner.id, 'invoice_date': date,
            'invoice_date_due': due,
            'invoice_line_ids': [Command.create({
                'product_id': cls.product.id, 'quantity': 1, 'price_unit': amount,
                'tax_ids': [Command.clear()]})]})
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, move, day, amount=None):
        """Register a payment of `move` on `day`: all of it, or `amount`."""
        vals = {'payment_date': day}
        if amount is not None:
            vals['amount'] = amount
        cls.env['account.payment.register'].with_context(
            active_model='account.move', active_ids=move.ids).create(vals)._create_payments()
