# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Values of the customer profile card (客戶資料卡).

The card has the lecture's four parts: basic data, characteristics, business status and
transaction status. This model builds what the management capability knows (address,
contacts, team and tier, sales figures, orders, invoices, the business-maintenance ledgers).
Other capabilities add to it without touching this file:
- fields shown as labelled rows: extend `_characteristic_fields`, `_business_fields` or
  `_contact_fields` (values are formatted here, as Odoo formats them);
- anything else: extend `_card(partner, today)` (call super, add keys) and show the keys with
  a template inheriting `report_profile_card_document` at one of its sections
  (`//div[@name='cm_characteristics']`, `cm_business`, `cm_transactions`, `cm_end`).
"""
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import format_amount, format_date, formatLang

from ..queries.management import profile_card_sales
from ..tools.customer_rollup import customer_domain
from ..tools.today import today as cm_today


class ReportProfileCard(models.AbstractModel):
    _name = 'report.customer_maintenance.report_profile_card'
    _description = 'Customer Profile Card'

    # ------------------------------------------------------------ extension points
    @api.model
    def _characteristic_fields(self):
        """Partner fields of part 2 (customer characteristics), in order."""
        return ['customer_tier_id', 'customer_team_ids', 'executive_sponsor_id']

    @api.model
    def _business_fields(self):
        """Partner fields of part 3 (business status), in order."""
        return []

    @api.model
    def _contact_fields(self):
        """Fields of a contact person shown beside name, role, phone and email."""
        return []

    @api.model
    def _card_contacts(self, partner):
        """The contact persons printed on the card."""
        return partner.child_ids.filtered(lambda c: c.type == 'contact' and c.active)

    # ------------------------------------------------------------ formatting
    @api.model
    def _display(self, record, fname):
        """A field's value as text, formatted as Odoo formats it, in the user's language;
        '' when empty."""
        field = record._fields[fname]
        value = record[fname]
        if field.type == 'boolean':
            return '✔' if value else ''
        if not value and field.type not in ('integer', 'float', 'monetary'):
            return ''
        if field.type == 'selection':
            return dict(field._description_selection(self.env)).get(value, '')
        if field.type == 'many2one':
            return value.display_name or ''
        if field.type in ('many2many', 'one2many'):
            return ', '.join(value.mapped('display_name'))
        if field.type == 'monetary':
            currency = record[field.get_currency_field(record)] if hasattr(
                field, 'get_currency_field') else self.env.company.currency_id
            return format_amount(self.env, value, currency or self.env.company.currency_id) \
                if value else ''
        if field.type == 'float':
            digits = field.get_digits(self.env)
            return formatLang(self.env, value, digits=digits[1] if digits else 2) \
                if value else ''
        if field.type == 'integer':
            return formatLang(self.env, value, digits=0) if value else ''
        if field.type == 'date':
            return format_date(self.env, value)
        if field.type == 'datetime':
            return format_date(self.env, fields.Datetime.context_timestamp(record, value))
        return str(value)

    @api.model
    def _label(self, record, fname):
        return record._fields[fname]._description_string(self.env)

    @api.model
    def _rows(self, record, fnames):
        """[{'label', 'value'}] of the fields that have a value."""
        rows = []
        for fname in fnames:
            if fname not in record._fields:
                continue
            value = self._display(record, fname)
            if value:
                rows.append({'label': self._label(record, fname), 'value': value})
        return rows

    # ------------------------------------------------------------ figures
    @api.model
    def _sales_figures(self, customers, today):
        """Sales (company currency) of the last 12 months per quarter, oldest first, and of
        the 12 months before, per commercial partner."""
        result = {pid: {'quarters': [0.0] * 4, 'last_12': 0.0, 'previous_12': 0.0}
                  for pid in customers.ids}
        if customers:
            self.env['sale.order'].flush_model(
                ['state', 'partner_id', 'date_order', 'amount_untaxed', 'currency_rate'])
            self.env['res.partner'].flush_model(['commercial_partner_id'])
            query = profile_card_sales(customers.ids, today - relativedelta(months=24), today)
            for pid, back, amount in self.env.execute_query(query):
                fig = result[pid]
                if back < 4:
                    fig['quarters'][3 - back] += amount
                    fig['last_12'] += amount
                else:
                    fig['previous_12'] += amount
        for fig in result.values():
            fig['trend'] = (((fig['last_12'] - fig['previous_12']) / fig['previous_12'] * 100.0)
                            if fig['previous_12'] else None)
        return result

    @api.model
    def _ledger(self, model, partner, domain_extra, limit=10):
        return self.env[model].search(customer_domain(partner) + domain_extra, limit=limit)

    @api.model
    def _open_invoices(self, partner):
        Move = self.env['account.move']
        if not Move.has_access('read'):
            return Move
        return Move.search([
            ('partner_id', 'child_of', partner.commercial_partner_id.id),
            ('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),
            ('payment_state', 'in', ('not_paid', 'partial'))],
            order='invoice_date_due, id', limit=10)

    # ------------------------------------------------------------ the card
    @api.model
    def _card(self, partner, sales, today):
        """What the card of `partner` shows; capabilities extend it (super, then add keys)."""
        customer = partner.commercial_partner_id
        card = {'partner': partner, 'sales': sales}
        card['contacts'] = [{
            'name': c.name, 'function': c.function or '', 'phone': c.phone or c.mobile or '',
            'email': c.email or '', 'extra': self._rows(c, self._contact_fields()),
        } for c in self._card_contacts(partner)]
        card['characteristics'] = self._rows(customer, self._characteristic_fields())
        card['business'] = self._rows(customer, self._business_fields())
        card['orders'] = self.env['sale.order'].search(
            [('partner_id', 'child_of', customer.id), ('state', '=', 'sale'),
             ('date_order', '<', fields.Datetime.to_datetime(today + relativedelta(days=1)))],
            order='date_order desc, id desc', limit=10)
        card['invoices'] = self._open_invoices(partner)
        card['promotions'] = self._ledger('customer.promotion.support', partner,
                                          [('state', '!=', 'cancelled')])
        card['services'] = self._ledger('customer.value.service', partner, [])
        card['agreements'] = self._ledger('customer.agreement', partner,
                                          [('state', 'in', ('draft', 'active'))])
        return card

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env['res.partner'].browse(docids)
        day = cm_today(self.env)
        figures = self._sales_figures(partners.commercial_partner_id, day)
        cards = {p.id: self._card(p, figures[p.commercial_partner_id.id], day)
                 for p in partners}
        return {
            'doc_ids': partners.ids,
            'doc_model': 'res.partner',
            'docs': partners,
            'cards': cards,
            'today': day,
            'currency': self.env.company.currency_id,
            'print_user': self.env.user,
            # the language the user works in (the web client's context), else the user's
            'print_lang': self.env.context.get('lang') or self.env.user.lang,
        }
