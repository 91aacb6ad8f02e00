# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The segmentation parts of the customer profile card (客戶資料卡), through the card's
extension points.

- Characteristics: loyalty (忠誠客戶 / 品牌轉移客戶 / 無品牌忠誠客戶), purchase purposes (用途),
  key account (大客戶) and why it is at risk, the pipeline stage of a potential customer, and
  the maintenance policy of the customer's tier.
- Business status: the ABC class with the sales it rests on (company currency), the rank, the
  cumulative share, the day and the period of the classification, the credit rating.

Values are the commercial partner's (contacts print their company's), read as the printing
user, formatted as Odoo formats them."""
from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import is_html_empty
from odoo.tools.misc import format_amount, format_date

from ..models.res_config_settings_segmentation import segmentation_config

# what the classification leaves on the partner, in the order printed after the class and
# its sales
ABC_FIELDS = ['abc_rank', 'abc_share', 'abc_date']


class ReportProfileCard(models.AbstractModel):
    _inherit = 'report.customer_maintenance.report_profile_card'

    # ------------------------------------------------------------ extension points
    @api.model
    def _characteristic_fields(self):
        return super()._characteristic_fields() + [
            'loyalty_type', 'purchase_purpose_ids', 'is_key_account']

    @api.model
    def _tier_policy_fields(self):
        """Fields of the tier's maintenance policy, in order ('0 = never' intervals and
        unticked options are left out, as every empty value of the card)."""
        return ['call_interval_days', 'care_call_interval_days', 'visit_interval_days',
                'birthday_greeting', 'annual_gift_budget', 'min_team_size',
                'requires_sponsor']

    # ------------------------------------------------------------ formatting
    @api.model
    def _company_amount(self, value):
        """An amount in the company currency, as Odoo's monetary widget prints it."""
        return format_amount(self.env, value, self.env.company.currency_id)

    @api.model
    def _tier_policy(self, tier):
        """[{'label', 'value'}] of the tier's policy; the gift budget is an amount."""
        rows = []
        for fname in self._tier_policy_fields():
            if fname == 'annual_gift_budget':
                if tier.annual_gift_budget:
                    rows.append({'label': self._label(tier, fname),
                                 'value': self._company_amount(tier.annual_gift_budget)})
            else:
                rows.extend(self._rows(tier, [fname]))
        return rows

    @api.model
    def _abc_rows(self, customer):
        """The ABC classification: class, sales (company currency), rank, share, day and
        period; nothing for a customer never classified."""
        if not customer.abc_date:
            return []
        rows = self._rows(customer, ['abc_class'])
        if customer.abc_class:
            rows.append({'label': self._label(customer, 'abc_sales_amount'),
                         'value': self._company_amount(customer.abc_sales_amount)})
            rows += self._rows(customer, ABC_FIELDS)
        else:
            # classified without sales in the period: no class, no rank
            rows += self._rows(customer, ['abc_date'])
        # the period the nightly classification uses (the settings), ending on its day
        Settings = self.env['res.config.settings']
        months = segmentation_config(self.env)['cm_abc_period_months']
        start = customer.abc_date - relativedelta(months=months)
        rows.append({
            'label': Settings._fields['cm_abc_period_months']._description_string(self.env),
            'value': '%s (%s – %s)' % (months, format_date(self.env, start),
                                       format_date(self.env, customer.abc_date))})
        return rows

    # ------------------------------------------------------------ the card
    @api.model
    def _card(self, partner, sales, today):
        card = super()._card(partner, sales, today)
        customer = partner.commercial_partner_id
        rows = card['characteristics']
        # why a key account is at risk, right after the key-account row
        if customer.has_team_warning:
            key_label = self._label(customer, 'is_key_account')
            at = next((index + 1 for index, row in enumerate(rows)
                       if row['label'] == key_label), len(rows))
            rows.insert(at, {'label': self._label(customer, 'has_team_warning'),
                             'value': customer.team_warning})
        # the stage tells a potential customer from a real one (the lecture's first use of
        # the card); on a real customer's card it would say nothing
        if customer.pipeline_stage and customer.pipeline_stage != 'customer':
            rows += self._rows(customer, ['pipeline_stage'])
        tier = customer.customer_tier_id
        card['tier_name'] = tier.display_name or ''
        card['tier_policy'] = self._tier_policy(tier) if tier else []
        card['tier_plan'] = tier.description if tier and not is_html_empty(
            tier.description) else ''
        # ABC and credit first in the business status, before the sales figures
        card['business'] = (self._abc_rows(customer)
                            + self._rows(customer, ['credit_rating', 'credit_rating_override'])
                            + card['business'])
        return card
