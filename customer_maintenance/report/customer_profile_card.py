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

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_amount, format_date, formatLang

from ..queries.management import profile_card_sales
from ..tools.customer_rollup import customer_domain
from ..tools.today import today as cm_today


# what a section of the card says when the reader's rights hide some of its records (a
# section never reads "No orders." when there are orders he may not see); capabilities add
# theirs with `_hidden_notes`
HIDDEN_NOTES = {
    'orders': _lt("Your access rights hide some or all of this customer's orders: this list "
                  "is not complete."),
    'invoices': _lt("Your access rights hide some or all of this customer's open invoices: "
                    "this list is not complete."),
    'promotions': _lt("Your access rights hide some or all of this customer's promotion "
                      "support: this list is not complete."),
    'services': _lt("Your access rights hide some or all of this customer's value-added "
                    "services: this list is not complete."),
    'agreements': _lt("Your access rights hide some or all of this customer's agreements: "
                      "this list is not complete."),
}


class ReportProfileCard(models.AbstractModel):
    """Who may print the card: the customer's account manager, the members of its customer
    team and the supervisors, the people who work the customer (客戶經理責任制, 營銷團隊).
    Anyone else is refused: the card's sales figures come from SQL that no record rule
    filters, and a card whose every list is hidden reads as a customer without history. A
    reader who may print it but whose rights hide records of a section (a team member does
    not see the orders of another salesperson) reads so in that section, never an empty
    list."""
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

    @api.model
    def _hidden_notes(self):
        """{section key: the note printed when the reader may not see all its records}."""
        return dict(HIDDEN_NOTES)

    # ------------------------------------------------------------ what the reader may see
    @api.model
    def _may_print(self, customer):
        """True when the current user works `customer` (a commercial partner)."""
        user = self.env.user
        if user.has_group('customer_maintenance.group_manager'):
            return True
        # sudo: who works the customer decides the right, whatever the reader may read
        customer = customer.sudo()
        return customer.user_id == user or user in customer.customer_team_ids

    @api.model
    def _check_may_print(self, partners):
        refused = partners.commercial_partner_id.filtered(lambda c: not self._may_print(c))
        if refused:
            raise AccessError(_(
                'You may print the profile card only of the customers you manage or whose '
                'customer team you are in. %(customers)s: ask their account manager or a '
                'supervisor.', customers=', '.join(refused.mapped('display_name'))))

    @api.model
    def _visible(self, card, key, Model, domain, **search):
        """The records of `domain` the reader may see (`search`: order, limit); when his
        rights hide some, the section's note goes into card['hidden'][key]."""
        readable = Model.has_access('read')
        seen = Model.search_count(domain) if readable else 0
        if Model.sudo().search_count(domain, limit=seen + 1) > seen:
            card['hidden'][key] = self.env._(self._hidden_notes()[key])
        return Model.search(domain, **search) if readable else Model

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
    def _ledger(self, card, key, model, partner, domain_extra, limit=10):
        return self._visible(card, key, self.env[model],
                             customer_domain(partner.commercial_partner_id) + domain_extra,
                             limit=limit)

    @api.model
    def _open_invoices(self, card, partner):
        return self._visible(card, 'invoices', self.env['account.move'], [
            ('partner_id', 'child_of', partner.commercial_partner_id.id),
            ('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),
            ('payment_state', 'in', ('not_paid', 'partial'))],
            order='invoice_date_due, id', limit=10)

    # ------------------------------------------------------------ the card
    @api.model
    def _card(self, partner, sales, today):
        """What the card of `partner` shows; capabilities extend it (super, then add keys)."""
        customer = partner.commercial_partner_id
        card = {'partner': partner, 'sales': sales, 'hidden': {}}
        card['contacts'] = [{
            'name': c.name, 'function': c.function or '', 'phone': c.phone or c.mobile or '',
            'email': c.email or '', 'extra': self._rows(c, self._contact_fields()),
        } for c in self._card_contacts(partner)]
        card['characteristics'] = self._rows(customer, self._characteristic_fields())
        card['business'] = self._rows(customer, self._business_fields())
        card['orders'] = self._visible(card, 'orders', self.env['sale.order'], [
            ('partner_id', 'child_of', customer.id), ('state', '=', 'sale'),
            ('date_order', '<', fields.Datetime.to_datetime(today + relativedelta(days=1)))],
            order='date_order desc, id desc', limit=10)
        card['invoices'] = self._open_invoices(card, partner)
        card['promotions'] = self._ledger(card, 'promotions', 'customer.promotion.support',
                                          partner, [('state', '!=', 'cancelled')])
        card['services'] = self._ledger(card, 'services', 'customer.value.service', partner,
                                        [])
        card['agreements'] = self._ledger(card, 'agreements', 'customer.agreement', partner,
                                          [('state', 'in', ('draft', 'active'))])
        return card

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env['res.partner'].browse(docids)
        self._check_may_print(partners)
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
