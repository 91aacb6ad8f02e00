# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import json

from odoo import _, api, fields, models


class CustomerMaintenanceResult(models.TransientModel):
    """What a long operation did (classify now, hand-over, ...), shown in a dialog with the
    counts; Odoo 11 has no notification action, so this is the dialog's record."""
    _name = 'customer.maintenance.result'
    _description = 'Operation Result'

    title = fields.Char(readonly=True)
    message = fields.Text(readonly=True, help='What the operation did, with counts.')
    res_model = fields.Char(readonly=True)
    res_ids = fields.Char(readonly=True, help='JSON list of the ids the Open button shows.')
    report_xmlid = fields.Char(readonly=True,
                               help='If set, the Open button prints this report of the records.')

    @api.model
    def show(self, title, message, records=None, report_xmlid=None):
        """Return the dialog action showing `message`; `records` (optional) get an Open button
        (or Print Profile Cards when `report_xmlid` is given)."""
        wizard = self.create({
            'title': title, 'message': message,
            'res_model': records._name if records else False,
            'res_ids': json.dumps(records.ids) if records else False,
            'report_xmlid': report_xmlid or False,
        })
        return {
            'type': 'ir.actions.act_window', 'name': title, 'res_model': self._name,
            'res_id': wizard.id, 'view_mode': 'form', 'views': [(False, 'form')],
            'target': 'new',
        }

    @api.multi
    def _records(self):
        self.ensure_one()
        if not self.res_model:
            return None
        return self.env[self.res_model].browse(json.loads(self.res_ids or '[]')).exists()

    @api.multi
    def action_open_records(self):
        """Open (or print) the records the operation made or changed."""
        records = self._records()
        if not records:
            return {'type': 'ir.actions.act_window_close'}
        if self.report_xmlid:
            return self.env.ref(self.report_xmlid).report_action(records)
        return {
            'type': 'ir.actions.act_window', 'name': self.title or _('Records'),
            'res_model': records._name, 'domain': [('id', 'in', records.ids)],
            'view_mode': 'tree,form', 'views': [(False, 'tree'), (False, 'form')],
            'target': 'current',
        }
