# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo relationship maintenance: gifts with their story, hobbies and preferences of the
contacts (solar and lunar birthdays come from the plan), founding dates, a few months of done
contacts with outcomes and costs, some overdue contacts, then the planner's first night, whose
levelled load spreads the planned contacts over the working days."""
import datetime
import logging
import random

from odoo import Command, api, models

_logger = logging.getLogger(__name__)
DAY = datetime.timedelta(days=1)

DEMO_HOBBIES = ['Golf 高爾夫', 'Tea 品茶', 'Fishing 釣魚', 'Calligraphy 書法', 'Football 足球',
                'Chinese Chess 象棋', 'Hiking 登山', 'Photography 攝影']
DEMO_PREFERENCES = [
    'Prefers calls after 9 pm 晚上九點後來電', 'No calls on Monday mornings 週一上午勿擾',
    'Likes WeChat messages better than calls 偏好微信', 'Does not drink alcohol 不喝酒',
    'Busy at month end (closing) 月底忙', False, False,
]
DEMO_GIFTS = [
    ('Wuyi rock tea gift box 武夷岩茶禮盒', 380.0,
     "From the tea garden of our founder's home town in Fujian; the owner drinks tea every "
     "morning."),
    ('Mid-Autumn mooncakes 中秋月餅', 160.0,
     'Made by a century-old bakery in Guangzhou; shared with the whole workshop team.'),
    ('Engraved fountain pen 刻字鋼筆', 520.0,
     "Engraved with the customer's company name, to sign the next long-term supply contract."),
    ('Oil analysis kit 油品檢測套件', 260.0,
     'A useful gift: lets the maintenance team check oil condition themselves (small '
     'technical training).'),
]
DEMO_OUTCOMES = [
    'Talked about the new production line; they will need more hydraulic oil next quarter.',
    'Owner was happy with the last delivery; asked about a price list for gear oil.',
    'Delivered the gift, the purchasing manager told the story to his team.',
    'Short call, all fine; invited us to their factory anniversary.',
    'Trained two mechanics on grease selection (30 minutes).',
]
DEMO_OTHER_EVENTS = [
    ('business', 'visit', 'Store opening 開業慶典',
     'Sent a flower basket and attended the opening with our regional director.'),
    ('favour', 'other', "Helped find a school for the owner's son 幫忙聯繫學校",
     'Introduced him to a friend at the district school; the owner was very grateful.'),
    ('hobby', 'meeting', 'Golf afternoon 高爾夫球敘',
     "Played nine holes with the purchasing manager; talked about next year's needs."),
    ('personal', 'gift', 'Wedding of the maintenance head 設備主管婚禮',
     'Sent a red envelope and a card signed by the team.'),
    ('regional', 'care_call', 'Typhoon care call 颱風慰問',
     'Factory roof slightly damaged, nobody hurt; offered priority delivery next week.'),
]
LABELS = {'call': 'Business call', 'care_call': 'Care call', 'visit': 'Visit'}


def _working_day_before(day):
    while day.weekday() >= 5:
        day -= DAY
    return day


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _prepare_demo_contact_vals(self, contact, parent):
        vals = super()._prepare_demo_contact_vals(contact, parent)
        rng = random.Random(contact.get('email') or contact['name'])  # deterministic
        if contact.get('birthday_month') and contact.get('birthday_day'):
            vals.update({
                'birthday_calendar': 'lunar' if contact.get('lunar_birthday') else 'solar',
                'birthday_month': contact['birthday_month'],
                'birthday_day': contact['birthday_day'],
                'birth_year': rng.randint(1960, 1992) if rng.random() < 0.5 else False,
            })
        hobbies = rng.sample(DEMO_HOBBIES, rng.choice([0, 1, 1, 2]))
        if hobbies:
            vals['hobby_ids'] = [Command.set([self._demo_hobby(name).id for name in hobbies])]
        vals['contact_preferences'] = rng.choice(DEMO_PREFERENCES)
        return vals

    @api.model
    def _demo_hobby(self, name):
        Hobby = self.env['customer.hobby']
        return Hobby.search([('name', '=', name)], limit=1) or Hobby.create({'name': name})

    @api.model
    def _demo_after_world(self, plan, world, today):
        res = super()._demo_after_world(plan, world, today)
        self._demo_relationship(plan, world, today)
        return res

    @api.model
    def _demo_relationship(self, plan, world, today, seed=42):
        rng = random.Random(seed)
        gifts = self._demo_gifts()
        customers = [world['partners'][company['ref']] for company in plan['companies']
                     if company['pattern_orders']]
        customers = [customer for customer in customers if customer.user_id]
        self._demo_tiers(customers)
        Event = self.env['customer.relationship.event']
        history = []
        for index, customer in enumerate(customers):
            if rng.random() < 0.3:
                customer.founding_date = datetime.date(
                    rng.randint(1990, 2018), rng.randint(1, 12), rng.randint(1, 28))
            history += self._demo_history_vals(rng, customer, gifts, today)
            if index % 8 == 3:  # a contact planned by hand and not done yet: overdue
                history.append({
                    'name': 'Call back about the price list 回電報價', 'partner_id': customer.id,
                    'contact_id': customer.child_ids[:1].id, 'user_id': customer.user_id.id,
                    'kind': 'periodic', 'channel': 'call', 'state': 'planned',
                    'date': _working_day_before(today - DAY * rng.randint(2, 6)),
                })
        Event.create(history)
        stats = Event._plan_relationship_events(today)
        _logger.info('customer_maintenance demo: %d past contacts, planner %s',
                     len(history), stats)
        return True

    @api.model
    def _demo_gifts(self):
        Gift = self.env['customer.gift']
        gifts = Gift.browse()
        for name, value, story in DEMO_GIFTS:
            gifts |= Gift.search([('name', '=', name)], limit=1) or Gift.create(
                {'name': name, 'value': value, 'story': story})
        return gifts

    @api.model
    def _demo_tiers(self, customers):
        """Where the classification left a customer without a tier, grade it by rank."""
        tiers = [self.env.ref('customer_maintenance.customer_tier_key'),
                 self.env.ref('customer_maintenance.customer_tier_important'),
                 self.env.ref('customer_maintenance.customer_tier_ordinary')]
        for index, customer in enumerate(customers):
            if not customer.customer_tier_id:
                customer.customer_tier_id = tiers[0] if index % 10 == 0 else \
                    tiers[1] if index % 10 < 4 else tiers[2]

    @api.model
    def _demo_history_vals(self, rng, customer, gifts, today):
        """Done calls, care calls and visits of the last months (working days), with outcome
        and cost; so that the next contacts are due on different days, not all today."""
        vals_list = []
        tier = customer.customer_tier_id
        intervals = {'call': tier.call_interval_days, 'care_call': tier.care_call_interval_days,
                     'visit': tier.visit_interval_days}
        contact = customer.child_ids[:1]
        for channel, interval in intervals.items():
            if not interval or rng.random() < 0.15:
                continue  # never contacted on this item: a staggered first contact
            # the last one somewhere in the last interval (a few overdue by a little)
            day = _working_day_before(today - DAY * rng.randint(1, int(interval * 1.1) + 1))
            for _n in range(rng.choice([1, 1, 2])):
                gift = rng.choice(gifts) if channel == 'visit' and rng.random() < 0.6 \
                    else gifts.browse()
                vals_list.append({
                    'name': LABELS[channel], 'partner_id': customer.id,
                    'contact_id': contact.id, 'user_id': customer.user_id.id,
                    'kind': 'periodic', 'channel': channel, 'date': day, 'state': 'done',
                    'outcome': rng.choice(DEMO_OUTCOMES), 'gift_id': gift.id,
                    'gift_value': gift.value if gift else 0.0,
                    'cost': (gift.value if gift else 0.0) + (
                        rng.choice([0, 50, 120]) if channel == 'visit' else 0.0),
                })
                day = _working_day_before(day - DAY * interval)
        if rng.random() < 0.25:
            kind, channel, name, outcome = rng.choice(DEMO_OTHER_EVENTS)
            vals_list.append({
                'name': name, 'partner_id': customer.id,
                'contact_id': customer.child_ids[-1:].id, 'user_id': customer.user_id.id,
                'kind': kind, 'channel': channel, 'state': 'done', 'outcome': outcome,
                'date': _working_day_before(today - DAY * rng.randint(5, 120)),
                'cost': rng.choice([0, 0, 80, 200]),
            })
        return vals_list
