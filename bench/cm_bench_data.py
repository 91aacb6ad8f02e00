# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Synthetic data for the benchmark, generated with SQL (generate_series), not the ORM.

`generate(env, size)` makes the database hold `size` benchmark customer companies
(`res_partner.ref` = 'BENCH0000001' ...): it only adds the customers that are missing, so
10k -> 20k -> 200k grows incrementally (shrinking is refused: drop the database instead,
BENCH_FRESH=1).

Per customer: an account manager (a few dozen users of the module's user group), a tier, 1-2
contacts, and about 10 order lines over 24 months with a reorder pattern: steady, speeding up,
slowing down, irregular or lapsed (5% prospects never order). Sales follow a Pareto law (about
80/20). Some orders are cancelled or quotations, some same-day twins, and 1% of the lines are
returns (negative quantity), so the jobs' rules are all exercised. Two years of done (and a
few cancelled) calls, care calls and visits, about 20 per customer, some with costs and gifts.

The few dozen users and products are created with the ORM (idempotent); everything that
scales with `size` is one INSERT ... SELECT per table (odoo.tools.SQL, values as parameters).
"""
import logging
import time

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

N_PRODUCTS = 60
# planner settings of the bench database: no daily capacity, so that every due contact is
# planned and the module's plan can be compared with the floor's (see docs/performance.md)
BENCH_PARAMS = {
    'customer_maintenance.calls_per_day': '0',
    'customer_maintenance.visits_per_day': '0',
}
TABLES = ('res_partner', 'sale_order', 'sale_order_line', 'customer_relationship_event')


def n_managers(size):
    """A few dozen account managers at 200k, at least 3."""
    return max(3, min(40, size // 5000))


def _ensure_users(env, size):
    Users = env['res.users'].with_context(no_reset_password=True, tracking_disable=True)
    group_user = env.ref('customer_maintenance.group_user')
    group_manager = env.ref('customer_maintenance.group_manager')
    ids = []
    for k in range(1, n_managers(size) + 1):
        login = 'bench_am_%03d' % k
        user = Users.search([('login', '=', login)], limit=1)
        if not user:
            user = Users.create({'name': 'Bench Manager %03d' % k, 'login': login, 'tz': 'UTC',
                                 'groups_id': [(6, 0, [group_user.id])]})
        ids.append(user.id)
    sup = Users.search([('login', '=', 'bench_supervisor')], limit=1)
    if not sup:
        sup = Users.create({'name': 'Bench Supervisor', 'login': 'bench_supervisor', 'tz': 'UTC',
                            'groups_id': [(6, 0, [group_manager.id])]})
    return ids, sup


def _ensure_products(env):
    Product = env['product.product'].with_context(tracking_disable=True)
    existing = Product.search([('default_code', '=like', 'BENCH-P%')])
    have = set(existing.mapped('default_code'))
    for k in range(1, N_PRODUCTS + 1):
        code = 'BENCH-P%03d' % k
        if code not in have:
            existing |= Product.create({
                'name': 'Bench Lubricant %03d' % k, 'default_code': code, 'type': 'consu',
                'list_price': 20.0 + (k * 37) % 480, 'taxes_id': [(6, 0, [])]})
    return existing.sorted('default_code')


def existing_size(cr):
    cr.execute(SQL("""SELECT coalesce(max(substr(ref, 6)::int), 0) FROM res_partner
                       WHERE ref LIKE %s AND is_company AND parent_id IS NULL""", 'BENCH%'))
    return cr.fetchone()[0]


def generate(env, size, seed=0.42):
    """Make the database hold `size` benchmark customers; return statistics."""
    cr = env.cr
    t0 = time.time()
    user_ids, supervisor = _ensure_users(env, size)
    products = _ensure_products(env)
    for key, value in BENCH_PARAMS.items():
        env['ir.config_parameter'].sudo().set_param(key, value)
    env.flush_all()
    start = existing_size(cr)
    if start > size:
        raise SystemExit('the database holds %d customers, more than %d: drop it '
                         '(BENCH_FRESH=1) instead of shrinking' % (start, size))
    if start < size:
        _insert(cr, start, size, user_ids, products, seed)
    for table in TABLES:
        cr.execute(SQL('ANALYZE %s', SQL.identifier(table)))
    stats = stats_of(cr)
    stats.update(seconds=round(time.time() - t0, 2), added=size - start, size=size,
                 supervisor_id=supervisor.id, manager_ids=user_ids)
    return stats


def stats_of(cr):
    cr.execute(SQL("""SELECT count(*) FILTER (WHERE is_company AND parent_id IS NULL),
                             count(*) FILTER (WHERE parent_id IS NOT NULL)
                        FROM res_partner WHERE ref LIKE %s""", 'BENCH%'))
    companies, contacts = cr.fetchone()
    cr.execute(SQL("SELECT count(*) FROM sale_order WHERE name LIKE %s", 'BSO%'))
    orders = cr.fetchone()[0]
    cr.execute(SQL("""SELECT count(*) FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id
                       WHERE o.name LIKE %s""", 'BSO%'))
    lines = cr.fetchone()[0]
    cr.execute(SQL("SELECT count(*) FROM customer_relationship_event"))
    events = cr.fetchone()[0]
    return {'companies': companies, 'contacts': contacts, 'orders': orders, 'lines': lines,
            'events': events}


def _insert(cr, start, size, user_ids, products, seed):
    cr.execute(SQL("SELECT setseed(%s)", seed * (1 + start % 997) / 998.0))
    cr.execute(SQL("SELECT id, currency_id FROM res_company ORDER BY id LIMIT 1"))
    company_id, currency_id = cr.fetchone()
    cr.execute(SQL("SELECT id FROM customer_tier WHERE active ORDER BY sequence, id"))
    tier_ids = [r[0] for r in cr.fetchall()]
    tier_ids = (tier_ids + tier_ids[-1:] * 3)[:3]
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY pp.id) - 1 AS k, pp.id AS product_id,
               pt.uom_id, pt.list_price
          FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE pp.id = ANY(%s)""", products.ids))
    # one row per customer with its pattern; ids are taken from the sequences up front
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_cust ON COMMIT DROP AS
        SELECT i, nextval('res_partner_id_seq') AS pid,
               nextval('res_partner_id_seq') AS contact1, nextval('res_partner_id_seq') AS contact2,
               random() < 0.5 AS two_contacts,
               (%(users)s::int[])[1 + mod(i, array_length(%(users)s::int[], 1))] AS user_id,
               CASE WHEN r_tier < 0.1 THEN %(t1)s WHEN r_tier < 0.4 THEN %(t2)s
                    ELSE %(t3)s END AS tier_id,
               -- Pareto(alpha 1.16) order value: about 80/20
               least(200.0, power(1.0 - random() * 0.999, -1 / 1.16)) AS weight,
               1 + floor(random() * 3)::int AS n_products,
               floor(random() * %(np)s)::int AS p0,
               60 + random() * 180 AS interval_days,
               random() AS phase,
               CASE WHEN r_pat < 0.05 THEN 'prospect' WHEN r_pat < 0.55 THEN 'steady'
                    WHEN r_pat < 0.65 THEN 'speeding' WHEN r_pat < 0.75 THEN 'slowing'
                    WHEN r_pat < 0.90 THEN 'irregular' ELSE 'lapsed' END AS pattern
          FROM (SELECT i, random() AS r_tier, random() AS r_pat
                  FROM generate_series(%(start)s + 1, %(size)s) AS i) s""",
                   users=user_ids, t1=tier_ids[0], t2=tier_ids[1], t3=tier_ids[2],
                   np=len(products), start=start, size=size))
    cr.execute(SQL("""
        INSERT INTO res_partner (id, name, complete_name, ref, is_company, customer_rank,
            supplier_rank, active, type, lang, tz, company_id, user_id, commercial_partner_id,
            color, employee, city, invoice_warn, sale_warn, create_uid, write_uid, create_date,
            write_date, partner_share, customer_tier_id, autopost_bills)
        SELECT c.pid, 'Bench Customer ' || lpad(c.i::text, 7, '0'),
               'Bench Customer ' || lpad(c.i::text, 7, '0'), 'BENCH' || lpad(c.i::text, 7, '0'),
               true, 1, 0, true, 'contact', 'en_US', 'UTC', %(company)s, c.user_id,
               c.pid, 0, false, 'City ' || mod(c.i, 97), 'no-message', 'no-message', 1, 1,
               now() at time zone 'UTC', now() at time zone 'UTC', true, c.tier_id, 'ask'
          FROM bench_cust c""", company=company_id))
    cr.execute(SQL("""
        INSERT INTO res_partner (id, name, complete_name, ref, is_company, customer_rank,
            supplier_rank, active, type, lang, tz, company_id, user_id, commercial_partner_id,
            parent_id, color, employee, invoice_warn, sale_warn, create_uid, write_uid,
            create_date, write_date, partner_share, email, email_normalized, autopost_bills)
        SELECT x.cid, x.name, 'Bench Customer ' || lpad(c.i::text, 7, '0') || ', ' || x.name,
               'BENCH' || lpad(c.i::text, 7, '0') || '-' || x.n, false, 0, 0, true,
               'contact', 'en_US', 'UTC', %(company)s, c.user_id, c.pid, c.pid, 0, false,
               'no-message', 'no-message', 1, 1, now() at time zone 'UTC',
               now() at time zone 'UTC', true,
               'contact' || x.n || '.' || c.i || '@bench.example.com',
               'contact' || x.n || '.' || c.i || '@bench.example.com', 'ask'
          FROM bench_cust c
         CROSS JOIN LATERAL (VALUES (c.contact1, 1, 'Contact A' || c.i),
                                    (c.contact2, 2, 'Contact B' || c.i)) x(cid, n, name)
         WHERE x.n = 1 OR c.two_contacts""", company=company_id))
    # orders: j-th reorder of the customer, 24 months back from today
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_order ON COMMIT DROP AS
        SELECT nextval('sale_order_id_seq') AS oid, o.*,
               CASE WHEN r_state < 0.03 THEN 'cancel' WHEN r_state < 0.05 THEN 'draft'
                    ELSE 'sale' END AS state
          FROM (
            SELECT d.*, twin,
                   CASE WHEN random() < 0.3 AND twin = 0 THEN d.contact1 ELSE d.pid END AS order_partner,
                   random() AS r_state
              FROM (
                SELECT c.i, c.pid, c.contact1, c.user_id, c.weight, c.n_products, c.p0, j,
                       (current_date - 730 + (c.phase * c.interval_days
                         + c.interval_days * j * CASE c.pattern WHEN 'speeding' THEN 1.3 - 0.04 * j
                                                               WHEN 'slowing' THEN 0.7 + 0.06 * j
                                                               ELSE 1 END
                         + c.interval_days * (random() - 0.5)
                           * CASE c.pattern WHEN 'irregular' THEN 0.8 ELSE 0.1 END)::int) AS day,
                       c.pattern, random() AS r_twin
                  FROM bench_cust c
                 CROSS JOIN generate_series(0, 14) AS j
                 WHERE c.pattern <> 'prospect'
              ) d
             -- 2 in 100: same-day twin orders (one line of the first product)
             CROSS JOIN generate_series(0, 1) AS twin
             WHERE twin = 0 OR d.r_twin < 0.02
          ) o
         WHERE o.day <= current_date - 1 AND o.day >= current_date - 730
           AND (o.pattern <> 'lapsed' OR o.day < current_date - 270)"""))
    cr.execute(SQL("""
        CREATE TEMP TABLE bench_line ON COMMIT DROP AS
        SELECT o.oid, o.state, o.order_partner, o.user_id, p.product_id, p.uom_id, g.k,
               p.list_price AS price,
               CASE WHEN random() < 0.01 THEN -1
                    ELSE greatest(1, round((1 + o.weight * 2) * (0.8 + random() * 0.4)))
               END AS qty
          FROM bench_order o
         CROSS JOIN generate_series(0, 2) AS g(k)
          JOIN bench_product p ON p.k = mod(o.p0 + g.k * 7, %(np)s)
         WHERE g.k < CASE WHEN o.twin = 1 THEN 1 ELSE o.n_products END""", np=len(products)))
    cr.execute(SQL("""
        INSERT INTO sale_order (id, name, partner_id, partner_invoice_id, partner_shipping_id,
            company_id, currency_id, currency_rate, user_id, state, date_order,
            amount_untaxed, amount_tax, amount_total, invoice_status, locked, create_uid,
            write_uid, create_date, write_date)
        SELECT o.oid, 'BSO' || lpad(o.oid::text, 9, '0'), o.order_partner, o.pid, o.pid,
               %(company)s, %(currency)s, 1.0, o.user_id, o.state, o.day + time '09:00',
               t.amount, 0, t.amount, 'no', false, 1, 1, o.day + time '09:00',
               o.day + time '09:00'
          FROM bench_order o
          JOIN (SELECT oid, sum(qty * price) AS amount FROM bench_line GROUP BY oid) t
            ON t.oid = o.oid""", company=company_id, currency=currency_id))
    cr.execute(SQL("""
        INSERT INTO sale_order_line (order_id, name, sequence, product_id, product_uom,
            product_uom_qty, price_unit, price_subtotal, price_tax, price_total,
            price_reduce_taxexcl, price_reduce_taxinc, discount, customer_lead, state,
            company_id, currency_id, order_partner_id, salesman_id, qty_delivered,
            qty_invoiced, qty_to_invoice, untaxed_amount_invoiced, untaxed_amount_to_invoice,
            invoice_status, is_downpayment, create_uid, write_uid, create_date, write_date)
        SELECT l.oid, 'Bench Lubricant', 10 + l.k, l.product_id, l.uom_id, l.qty, l.price,
               l.qty * l.price, 0, l.qty * l.price, l.price, l.price, 0, 0, l.state,
               %(company)s, %(currency)s, l.order_partner, l.user_id, 0, 0, 0, 0, 0, 'no',
               false, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM bench_line l""", company=company_id, currency=currency_id))
    # two years of contacts, as a maintained customer base has them: a business call about
    # every 45 days, a care call every 100, a visit every 180 (each one skipped now and then,
    # 3 in 100 cancelled; visits cost travel, one in ten care calls brought a gift): ~20 events per
    # customer, the history the planner and the KPI report read every time
    cr.execute(SQL("""
        INSERT INTO customer_relationship_event (name, partner_id, user_id, kind, channel,
            date, state, cost, gift_value, company_id, create_uid, write_uid, create_date,
            write_date)
        SELECT 'Bench ' || x.channel, c.pid, c.user_id, 'periodic', x.channel,
               current_date - g * x.every - (random() * x.every / 3)::int,
               CASE WHEN random() < 0.03 THEN 'cancelled' ELSE 'done' END,
               CASE x.channel WHEN 'visit' THEN 150 ELSE 0 END,
               CASE WHEN x.channel = 'care_call' AND random() < 0.1 THEN 300 ELSE 0 END,
               %(company)s, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM bench_cust c
         CROSS JOIN LATERAL (VALUES ('call', 45, 0.9), ('care_call', 100, 0.7),
                                    ('visit', 180, 0.6)) x(channel, every, share)
         CROSS JOIN LATERAL generate_series(0, 730 / x.every - 1) g
         -- not random(): the lateral rows do not depend on the customer, PostgreSQL filters
         -- them once and every customer would get the same skips
         WHERE (hashtext(c.pid || ':' || x.channel || ':' || g) & 1023) < x.share * 1024""",
                   company=company_id))
    for table in ('bench_line', 'bench_order', 'bench_cust', 'bench_product'):
        cr.execute(SQL('DROP TABLE %s', SQL.identifier(table)))
