# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import random

from odoo import api, fields, models

DEMO_HOBBIES = ['Golf 高爾夫', 'Tea 品茶', 'Fishing 釣魚', 'Calligraphy 書法', 'Football 足球',
                'Chinese Chess 象棋', 'Hiking 登山', 'Photography 攝影']
DEMO_PREFERENCES = [
    'Prefers calls after 9 pm 晚上九點後來電', 'No calls on Monday mornings 週一上午勿擾',
    'Likes WeChat messages better than calls 偏好微信', 'Does not drink alcohol 不喝酒',
    'Busy at month end (closing) 月底忙', False, False,
]
DEMO_GIFTS = [
    ('Wuyi rock tea gift box 武夷岩茶禮盒', 380.0,
     'From the tea garden of our founder\'s home town in Fujian; the owner drinks tea every morning.'),
    ('Mid-Autumn mooncakes 中秋月餅', 160.0,
     'Made by a century-old bakery in Guangzhou; shared with the whole workshop team.'),
    ('Engraved fountain pen 刻字鋼筆', 520.0,
     'Engraved with the customer\'s company name, to sign the next long-term supply contract.'),
    ('Oil analysis kit 油品檢測套件', 260.0,
     'A useful gift: lets the maintenance team check oil condition themselves (small technical training).'),
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
    ('favour', 'other', 'Helped find a school for the owner\'s son 幫忙聯繫學校',
     'Introduced him to a friend at the district school; the owner was very grateful.'),
    ('hobby', 'meeting', 'Golf afternoon 高爾夫球敘',
     'Played nine holes with the purchasing manager; talked about next year\'s needs.'),
    ('personal', 'gift', 'Wedding of the maintenance head 設備主管婚禮',
     'Sent a red envelope and a card signed by the team.'),
    ('regional', 'care_call', 'Typhoon care call 颱風慰問',
     'Factory roof slightly damaged, nobody hurt; offered priority delivery next week.'),
]


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_hobby(self, name):
        Hobby = self.env['customer.hobby']
        return Hobby.search([('name', '=', name)], limit=1) or Hobby.create({'name': name})

    @api.model
    def _prepare_demo_contact_vals(self, contact, parent):
        vals = super(CustomerMaintenanceDemo, self)._prepare_demo_contact_vals(contact, parent)
        rng = random.Random(contact.get('email') or contact['name'])  # deterministic per contact
        if contact.get('birthday_month') and contact.get('birthday_day'):
            vals.update({
                'birthday_calendar': 'lunar' if contact.get('lunar_birthday') else 'solar',
                'birthday_month': contact['birthday_month'],
                'birthday_day': contact['birthday_day'],
                'birth_year': rng.randint(1960, 1992) if rng.random() < 0.5 else False,
            })
        hobbies = rng.sample(DEMO_HOBBIES, rng.choice([0, 1, 1, 2]))
        if hobbies:
            vals['hobby_ids'] = [(6, 0, [self._demo_hobby(name).id for name in hobbies])]
        vals['contact_preferences'] = rng.choice(DEMO_PREFERENCES)
        return vals

    @api.model
    def generate_relationship_demo(self, seed=42, today=None):
        """Gifts, a few months of done contacts with outcomes, then the planner's first run."""
        today = fields.Date.from_string(today) if today else datetime.date.today()
        rng = random.Random(seed)
        self = self.with_context(tracking_disable=True, mail_create_nolog=True,
                                 mail_notrack=True, mail_create_nosubscribe=True)
        Gift = self.env['customer.gift']
        gifts = Gift.browse()
        for name, value, story in DEMO_GIFTS:
            gifts |= Gift.search([('name', '=', name)], limit=1) or Gift.create(
                {'name': name, 'value': value, 'story': story})
        customers = self.env['res.partner'].search(
            [('ref', '=like', 'CM%'), ('is_company', '=', True), ('user_id', '!=', False)],
            order='id')
        tiers = [self.env.ref('customer_maintenance.customer_tier_key'),
                 self.env.ref('customer_maintenance.customer_tier_important'),
                 self.env.ref('customer_maintenance.customer_tier_ordinary')]
        Event = self.env['customer.relationship.event']
        for index, customer in enumerate(customers):
            if not customer.customer_tier_id:
                # only where the segmentation feature did not grade the customer already
                tier = tiers[0] if index % 10 == 0 else tiers[1] if index % 10 < 4 else tiers[2]
                customer.customer_tier_id = tier
            if rng.random() < 0.3:
                customer.founding_date = fields.Date.to_string(datetime.date(
                    rng.randint(1990, 2018), rng.randint(1, 12), rng.randint(1, 28)))
            if Event.search_count([('partner_id', '=', customer.id)]):
                continue
            for _i in range(rng.choice([0, 1, 2, 3])):
                channel = rng.choice(['call', 'call', 'care_call', 'visit'])
                gift = rng.choice(gifts) if channel == 'visit' and rng.random() < 0.6 else Gift
                contact = customer.child_ids[:1]
                Event.create({
                    'name': {'call': 'Business call', 'care_call': 'Care call',
                             'visit': 'Visit'}[channel],
                    'partner_id': customer.id, 'contact_id': contact.id,
                    'user_id': customer.user_id.id, 'kind': 'periodic', 'channel': channel,
                    'date': fields.Date.to_string(today - datetime.timedelta(days=rng.randint(3, 150))),
                    'state': 'done', 'outcome': rng.choice(DEMO_OUTCOMES),
                    'gift_id': gift.id, 'cost': (gift.value if gift else 0.0) + (
                        rng.choice([0, 50, 120]) if channel == 'visit' else 0.0),
                })
            if rng.random() < 0.25:
                kind, channel, name, outcome = rng.choice(DEMO_OTHER_EVENTS)
                Event.create({
                    'name': name, 'partner_id': customer.id,
                    'contact_id': customer.child_ids[-1:].id, 'user_id': customer.user_id.id,
                    'kind': kind, 'channel': channel, 'state': 'done', 'outcome': outcome,
                    'date': fields.Date.to_string(today - datetime.timedelta(days=rng.randint(5, 120))),
                    'cost': rng.choice([0, 0, 80, 200]),
                })
        Event._plan_relationship_events(today)
        return True
