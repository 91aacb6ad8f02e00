# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A deterministic plan of the demo world: a lubricant supplier's customers and their orders.

Pure Python, no ORM: `build_plan(seed, today)` returns plain dicts that
`customer.maintenance.demo` turns into records. Same seed and same `today` give the same plan,
so the demo (and the tests that read it) are reproducible.

The world follows the seed lecture: dealers (經銷商) and industrial end customers (工礦企業)
buying engine, hydraulic and gear oils and greases. Sales follow a long tail (a Pareto
distribution of customer size) so that the ABC analysis finds a real 80/20 split, and each
customer reorders its products on a cycle that is steady, speeding up, slowing down,
irregular or lapsed, so that the consumption-cycle table has something to learn.
"""
import datetime
import random

PRODUCTS = [
    # (default_code, English name, Chinese name, list price per unit)
    ('EO-1540-200', 'Diesel Engine Oil 15W-40, 200 L drum', '柴油機油 15W-40 200升桶', 3200.0),
    ('EO-1040-18', 'Diesel Engine Oil 10W-40, 18 L pail', '柴油機油 10W-40 18升桶', 420.0),
    ('GO-0530-4', 'Gasoline Engine Oil 5W-30, 4 L can', '汽油機油 5W-30 4升罐', 160.0),
    ('HO-AW46-200', 'Anti-wear Hydraulic Oil AW46, 200 L drum', '抗磨液壓油 AW46 200升桶', 2600.0),
    ('HO-AW68-18', 'Anti-wear Hydraulic Oil AW68, 18 L pail', '抗磨液壓油 AW68 18升桶', 300.0),
    ('GR-8590-200', 'Gear Oil 85W-90 GL-5, 200 L drum', '齒輪油 85W-90 GL-5 200升桶', 3500.0),
    ('IG-220-200', 'Industrial Gear Oil CKD 220, 200 L drum', '工業齒輪油 CKD 220 200升桶', 3900.0),
    ('TO-32-200', 'Turbine Oil 32, 200 L drum', '汽輪機油 32 200升桶', 4100.0),
    ('CO-46-200', 'Air Compressor Oil 46, 200 L drum', '空壓機油 46 200升桶', 4400.0),
    ('GS-EP2-15', 'Lithium Grease EP2, 15 kg pail', '鋰基潤滑脂 EP2 15公斤桶', 520.0),
    ('CF-SOL-200', 'Soluble Cutting Fluid, 200 L drum', '水溶性切削液 200升桶', 2900.0),
    ('AT-DEX-4', 'Automatic Transmission Fluid, 4 L can', '自動變速箱油 4升罐', 190.0),
]

# (state code, English name, Chinese name, cities)
PROVINCES = [
    ('GD', 'Guangdong', '廣東', ['廣州 Guangzhou', '深圳 Shenzhen', '佛山 Foshan', '東莞 Dongguan']),
    ('JS', 'Jiangsu', '江蘇', ['南京 Nanjing', '蘇州 Suzhou', '無錫 Wuxi']),
    ('ZJ', 'Zhejiang', '浙江', ['杭州 Hangzhou', '寧波 Ningbo', '溫州 Wenzhou']),
    ('SD', 'Shandong', '山東', ['濟南 Jinan', '青島 Qingdao', '煙台 Yantai']),
    ('SH', 'Shanghai', '上海', ['上海 Shanghai']),
    ('HE', 'Hebei', '河北', ['石家莊 Shijiazhuang', '唐山 Tangshan']),
    ('SC', 'Sichuan', '四川', ['成都 Chengdu', '綿陽 Mianyang']),
    ('FJ', 'Fujian', '福建', ['廈門 Xiamen', '福州 Fuzhou']),
]

_NAME_PARTS = [
    ('宏達', 'Hongda'), ('金龍', 'Jinlong'), ('華盛', 'Huasheng'), ('永興', 'Yongxing'),
    ('恆通', 'Hengtong'), ('順發', 'Shunfa'), ('東方', 'Dongfang'), ('鑫源', 'Xinyuan'),
    ('長城', 'Changcheng'), ('天成', 'Tiancheng'), ('聯合', 'Lianhe'), ('騰飛', 'Tengfei'),
    ('匯豐', 'Huifeng'), ('瑞祥', 'Ruixiang'), ('新世紀', 'Xinshiji'), ('泰山', 'Taishan'),
    ('海鷗', 'Haiou'), ('明珠', 'Mingzhu'), ('博遠', 'Boyuan'), ('群益', 'Qunyi'),
]
_DEALER_SUFFIX = [('潤滑油經銷部', 'Lubricants Trading'), ('汽配商行', 'Auto Parts'),
                  ('油品貿易有限公司', 'Oil Trading Co., Ltd.')]
_INDUSTRY_SUFFIX = [('機械廠', 'Machinery Works'), ('礦業有限公司', 'Mining Co., Ltd.'),
                    ('鋼鐵集團', 'Steel Group'), ('物流運輸公司', 'Logistics'),
                    ('水泥廠', 'Cement Plant'), ('紡織廠', 'Textile Mill'),
                    ('建設工程公司', 'Construction Co.')]
_SURNAMES = [('陳', 'Chen'), ('林', 'Lin'), ('王', 'Wang'), ('張', 'Zhang'), ('李', 'Li'),
             ('黃', 'Huang'), ('吳', 'Wu'), ('劉', 'Liu'), ('蔡', 'Cai'), ('楊', 'Yang'),
             ('許', 'Xu'), ('鄭', 'Zheng'), ('謝', 'Xie'), ('郭', 'Guo'), ('周', 'Zhou')]
_GIVEN = [('志明', 'Zhiming'), ('淑芬', 'Shufen'), ('建國', 'Jianguo'), ('美玲', 'Meiling'),
          ('俊傑', 'Junjie'), ('麗華', 'Lihua'), ('家豪', 'Jiahao'), ('秀英', 'Xiuying'),
          ('文彬', 'Wenbin'), ('雅婷', 'Yating'), ('國強', 'Guoqiang'), ('佳穎', 'Jiaying')]
_FUNCTIONS = [('採購經理', 'Purchasing Manager'), ('老闆', 'Owner'), ('設備主管', 'Maintenance Head'),
              ('廠長', 'Plant Manager'), ('財務', 'Accountant'), ('倉管', 'Storekeeper')]

# How a customer's reorder interval evolves over the history.
PATTERNS = ('steady', 'steady', 'steady', 'rising', 'falling', 'irregular', 'lapsed')

HISTORY_DAYS = 548  # about 18 months
# every NEW_CUSTOMER_EVERY-th customer was won within the last year: its history starts later
NEW_CUSTOMER_EVERY = 9


def _company(rng, index):
    part_zh, part_en = _NAME_PARTS[index % len(_NAME_PARTS)]
    dealer = rng.random() < 0.45
    suffix_zh, suffix_en = rng.choice(_DEALER_SUFFIX if dealer else _INDUSTRY_SUFFIX)
    code, prov_en, prov_zh, cities = PROVINCES[rng.randrange(len(PROVINCES))]
    city = rng.choice(cities)
    city_zh, city_en = city.split(' ', 1)
    # the city in front keeps the names unique although the name parts repeat
    return {
        'ref': 'CM%03d' % (index + 1),
        'name': '%s%s%s %s %s %s' % (city_zh, part_zh, suffix_zh, city_en, part_en, suffix_en),
        'kind': 'dealer' if dealer else 'industrial',
        'state_code': code,
        'city': city_en,
        'street': '%s路%d號' % (rng.choice(['中山', '人民', '建設', '解放', '工業']), rng.randint(1, 999)),
        'phone': '+86 %d %04d %04d' % (rng.choice([20, 21, 25, 531, 571, 28]),
                                       rng.randint(1000, 9999), rng.randint(1000, 9999)),
    }


def _contacts(rng, company):
    contacts = []
    for position in range(rng.choice([1, 2, 2, 3])):
        sur_zh, sur_en = rng.choice(_SURNAMES)
        giv_zh, giv_en = rng.choice(_GIVEN)
        fn_zh, fn_en = _FUNCTIONS[position] if position < 2 else rng.choice(_FUNCTIONS)
        contacts.append({
            'name': '%s%s %s %s' % (sur_zh, giv_zh, giv_en, sur_en),
            'function': '%s %s' % (fn_zh, fn_en),
            'email': '%s.%s@%s.example.com' % (giv_en.lower(), sur_en.lower(), company['ref'].lower()),
            'birthday_month': rng.randint(1, 12),
            'birthday_day': rng.randint(1, 28),
            'lunar_birthday': rng.random() < 0.3,
        })
    return contacts


def _order_dates(rng, today, pattern, interval, history_days=HISTORY_DAYS):
    """Dates (oldest first) on which a customer orders one product over the history."""
    start = today - datetime.timedelta(days=history_days)
    stop = today - datetime.timedelta(days=rng.randint(120, 240)) if pattern == 'lapsed' else today
    dates = []
    day = start + datetime.timedelta(days=rng.randint(0, interval))
    step = float(interval)
    while day <= stop:
        dates.append(day)
        if pattern == 'rising':
            step = max(5.0, step * 0.93)  # consumption grows: reorders come sooner
        elif pattern == 'falling':
            step = step * 1.07
        jitter = 0.35 if pattern == 'irregular' else 0.1
        gap = max(3, int(round(step * rng.uniform(1 - jitter, 1 + jitter))))
        day += datetime.timedelta(days=gap)
    return dates


def build_plan(seed=42, today=None, company_count=60):
    """Return the demo plan: {'products', 'provinces', 'companies'}, each company with its
    contacts, account manager index, and orders [(date, [(product_code, qty), ...])]."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    companies = []
    for index in range(company_count):
        company = _company(rng, index)
        company['contacts'] = _contacts(rng, company)
        company['manager'] = index % 3
        # a few customers were won within the year (the KPI "new customers"): they start
        # buying 60 to 310 days ago, deterministically (no draw from rng)
        history_days = HISTORY_DAYS
        if index % NEW_CUSTOMER_EVERY == NEW_CUSTOMER_EVERY // 2:
            history_days = 60 + (index * 41) % 250
        # long tail: a Pareto-distributed size makes a few customers buy most
        size = min(40.0, rng.paretovariate(1.16))
        lines_by_date = {}
        product_count = 1 + min(2, int(size / 2))
        for product_index in rng.sample(range(len(PRODUCTS)), product_count):
            pattern = rng.choice(PATTERNS)
            interval = rng.choice([21, 30, 45, 60, 60, 90])
            qty = max(1, int(round(size * rng.uniform(1.0, 3.0))))
            for date in _order_dates(rng, today, pattern, interval, history_days):
                lines = lines_by_date.setdefault(date, [])
                lines.append((PRODUCTS[product_index][0], max(1, int(round(qty * rng.uniform(0.8, 1.2))))))
        company['pattern_orders'] = sorted(lines_by_date.items())
        company['won_within_year'] = bool(lines_by_date) and history_days < 365
        companies.append(company)
    # a handful of suspects and prospects with no orders yet: the pipeline (潛在客戶)
    for index in range(company_count, company_count + 8):
        company = _company(rng, index)
        company['contacts'] = _contacts(rng, company)[:1]
        company['manager'] = None
        company['pattern_orders'] = []
        company['pipeline'] = 'prospect' if index % 2 else 'suspect'
        company['won_within_year'] = False
        companies.append(company)
    return {'products': PRODUCTS, 'provinces': PROVINCES, 'companies': companies}
