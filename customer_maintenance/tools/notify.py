# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What a button did, told to the user with Odoo 18's notification client action (replaces
the 11.0 dialog model `customer.maintenance.result`)."""


def notification(title, message, *, kind='success', sticky=False, next_action=None):
    """The `display_notification` action showing `message`; `next_action` (an action dict,
    e.g. the records to open or a report to print) runs right after it."""
    params = {'title': title, 'message': message, 'type': kind, 'sticky': sticky}
    if next_action:
        params['next'] = next_action
    return {'type': 'ir.actions.client', 'tag': 'display_notification', 'params': params}
