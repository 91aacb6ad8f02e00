# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The bench of the collection calls (收款, `cron_plan_collection_calls`): its invoices, its
SQL floor, what is compared, and its naive ORM loop.

Invoices: ~5 posted customer invoices per bench customer (1M at 200k), inserted once by SQL
(only the columns the job reads, plus Odoo's NOT NULL ones), due from 90 days ago to 30 days
ahead, each paid, partly paid or open by a hash of its customer and number: about 60% of the
customers owe something overdue. The floor is the module's own query
(queries/collections.due_collections) written with its activities and followers in one
statement, every call on the bench's "today" moved to the next working day when it is off
(the bench database has no daily capacity: BENCH_PARAMS)."""
import datetime

from odoo.tools import SQL

INVOICES_PER_CUSTOMER = 5


def ensure_invoices(env, today):
    """Insert the bench invoices of the customers that have none; returns how many."""
    cr = env.cr
    journal = env['account.journal'].search(
        [('type', '=', 'sale'), ('company_id', '=', env.company.id)], limit=1)
    if not journal:
        journal = env['account.journal'].create({
            'name': 'Bench Sales', 'type': 'sale', 'code': 'BSAL',
            'company_id': env.company.id})
    # h: a stable pseudo-random number per customer and invoice
    cr.execute(SQL("""
        WITH inv AS (
            SELECT p.id AS partner_id, n,
                   ('x' || substr(md5(p.id || ':' || n), 1, 8))::bit(32)::int & 2147483647 AS h
              FROM res_partner p
             CROSS JOIN generate_series(1, %(per)s) AS n
             WHERE p.parent_id IS NULL AND p.customer_rank > 0
               AND NOT EXISTS (SELECT 1 FROM account_move m
                                WHERE m.commercial_partner_id = p.id)
        ), v AS (
            SELECT partner_id, n, %(today)s::date - 90 + mod(h, 120) AS due,
                   round((100 + mod(h / 120, 5000))::numeric, 2) AS total,
                   CASE mod(h / 600000, 5) WHEN 0 THEN 'paid' WHEN 1 THEN 'paid'
                        WHEN 2 THEN 'partial' ELSE 'not_paid' END AS pay
              FROM inv
        )
        INSERT INTO account_move (journal_id, company_id, currency_id, date, invoice_date,
                                  invoice_date_due, move_type, state, auto_post, name,
                                  partner_id, commercial_partner_id, payment_state,
                                  amount_total, amount_total_signed, amount_residual,
                                  amount_residual_signed, amount_untaxed,
                                  amount_untaxed_signed, create_uid, create_date, write_uid,
                                  write_date)
        SELECT %(journal)s, %(company)s, %(currency)s, due - 30, due - 30, due,
               'out_invoice', 'posted', 'no', 'BENCH/' || partner_id || '/' || n, partner_id,
               partner_id, pay, total, total,
               CASE pay WHEN 'paid' THEN 0 WHEN 'partial' THEN round(total / 3, 2) ELSE total END,
               CASE pay WHEN 'paid' THEN 0 WHEN 'partial' THEN round(total / 3, 2) ELSE total END,
               total, total, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM v""", per=INVOICES_PER_CUSTOMER, today=today, journal=journal.id,
                   company=env.company.id, currency=env.company.currency_id.id, uid=env.uid))
    count = cr.rowcount
    if count:
        cr.execute(SQL('ANALYZE account_move'))
    return count


def reset(env, today):
    """Before a first night: no collection call, and the invoices there."""
    cr = env.cr
    cr.execute(SQL("""DELETE FROM mail_activity WHERE res_model = 'customer.relationship.event'
                        AND res_id IN (SELECT id FROM customer_relationship_event
                                        WHERE kind = 'collection')"""))
    cr.execute(SQL("DELETE FROM customer_relationship_event WHERE kind = 'collection'"))
    return ensure_invoices(env, today)


def params(env, today):
    Event = env['customer.relationship.event']
    off = Event._non_working_days(env.company.id, {
        'today': today, 'last_day': today + datetime.timedelta(days=14), 'non_working': {}})
    day = today
    while day in off:
        day += datetime.timedelta(days=1)
    return dict(today=today, day=day, uid=env.uid,
                model=env['ir.model']._get_id('customer.relationship.event'),
                type=Event._activity_type_ids()['collection'])


def floor(env, p, activities, followers):
    """The module's query for every customer at once, written with its activities and the
    managers as followers."""
    from odoo.addons.customer_maintenance.queries import collections as queries
    from odoo.addons.customer_maintenance.services import collections as rules
    cr = env.cr
    cr.execute(SQL("SET LOCAL work_mem = '256MB'"))
    cr.execute(SQL("""
        WITH ev AS (
            INSERT INTO customer_relationship_event (name, partner_id, user_id, company_id,
                kind, channel, date, state, plan_item, collection_amount, collection_due_date,
                cost, gift_value, create_uid, create_date, write_uid, write_date)
            SELECT 'Collection call: ' || d.name, d.partner_id, d.user_id, d.company_id,
                   'collection', 'collection', %(day)s, 'planned', 'collection', d.amount,
                   d.oldest_due, 0, 0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                   now() AT TIME ZONE 'UTC'
              FROM (%(due)s) d
            RETURNING id, name, user_id, date)
        %(activities)s""", day=p['day'], uid=p['uid'],
                   activities=activities(p['model'], p['type'], p['uid']),
                   due=queries.due_collections(p['today'], rules.RETRY_DAYS, rules.TOLERANCE)))
    rows = cr.rowcount
    cr.execute(followers(env, 'customer.relationship.event'))
    return rows


def captures(events_followers, join):
    """What the job stores: the calls with their activity and followers, dates included (no
    capacity in the bench: every call on the first working day)."""
    return {'collection_call': SQL("""
        SELECT e.partner_id, e.name, e.user_id, e.company_id, e.kind, e.channel, e.date,
               e.state, e.plan_item, e.collection_amount, e.collection_due_date,
               count(a.id) AS activities, min(a.activity_type_id) AS activity_type,
               bool_and(a.date_deadline = e.date) AS activity_on_date,
               min(a.user_tz) AS activity_tz, %s
          FROM customer_relationship_event e
          LEFT JOIN mail_activity a ON a.res_model = 'customer.relationship.event'
                                   AND a.res_id = e.id
          %s
         WHERE e.kind = 'collection'
         GROUP BY e.id""", events_followers, join)}


def naive(env, today, budget):
    """Per customer: its overdue invoices, its open and last collection calls, by the ORM;
    then the calls created with the ORM, most urgent first, each on the first working day
    with room in its manager's day."""
    from odoo.addons.customer_maintenance.services import collections as rules
    Move, Event = env['account.move'], env['customer.relationship.event']
    dues = []
    customers = env['res.partner'].search([('parent_id', '=', False), ('customer_rank', '>', 0),
                                           ('user_id', '!=', False)], order='id')
    for partner in budget.customers(customers):
        moves = Move.search([('commercial_partner_id', '=', partner.id),
                             ('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),
                             ('payment_state', 'in', ('not_paid', 'partial')),
                             ('invoice_date_due', '<', today)])
        if not moves or Event.search_count([('partner_id', '=', partner.id),
                                            ('kind', '=', 'collection'),
                                            ('state', '=', 'planned')]):
            continue
        last = Event.search([('partner_id', '=', partner.id), ('kind', '=', 'collection'),
                             ('state', '=', 'done')], order='date desc, id desc', limit=1)
        if last and (last.promise_date or last.date + datetime.timedelta(
                days=rules.RETRY_DAYS - 1)) >= today:
            continue
        urgency = sum(m.amount_residual_signed * (today - m.invoice_date_due).days
                      for m in moves)
        dues.append((-urgency, not partner.is_key_account, partner.id, partner,
                     sum(moves.mapped('amount_residual_signed')),
                     min(moves.mapped('invoice_date_due'))))
    dues.sort(key=lambda due: due[:3])
    # the creation within the same budget: the loop's time stays a lower bound when cut
    created = 0
    for _u, _k, _id, partner, amount, oldest in budget.customers(dues, count=False):
        day = today
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        Event.create({'name': 'Collection call: %s' % partner.name, 'partner_id': partner.id,
                      'user_id': partner.user_id.id, 'kind': 'collection',
                      'channel': 'collection', 'plan_item': 'collection', 'date': day,
                      'state': 'planned', 'collection_amount': amount,
                      'collection_due_date': oldest})
        created += 1
    return created
