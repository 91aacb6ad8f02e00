# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""SQL of the account managers' KPIs (評估和考核): the nightly snapshot and the live report.

Customers count for their current account manager (the commercial partner's user_id). At the
end of a month a customer is *kept* when it bought in the last N months (setting
`kpi_lost_months`) and before this month, *lost* when its last order is N to 12 months old,
*new* in the month of its first order; revenue is *new* for customers won in the last 12
months. Kept and lost come from order-month transitions with a running sum (no customer ×
month expansion): linear in the orders. Costs count for the customer's manager.
`services/manager_kpi.py` is the pure-Python oracle of the sales figures.
"""
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .management import confirmed_orders
from .overdue import overdue_event

# the stored figures, in this order in every select list
SALES_FIGURES = ('customers_kept', 'customers_lost', 'customers_new', 'revenue_existing',
                 'revenue_new', 'revenue_total')
CONTACT_FIGURES = ('contacts_planned', 'contacts_done', 'contacts_overdue', 'event_cost',
                   'gift_cost')
COST_FIGURES = ('promotion_cost', 'service_cost')
# contacts and costs: live in the report for the current month, from the snapshot before
LIVE_FIGURES = CONTACT_FIGURES + COST_FIGURES + ('maintenance_cost',)
FIGURES = SALES_FIGURES + LIVE_FIGURES


def kpi_horizon(today):
    """The first day of the month after `today`: the snapshot's months end before it."""
    return today.replace(day=1) + relativedelta(months=1)


def _columns(names, alias=None):
    """`alias.a, alias.b` / `a, b` (identifiers, never text pasted into SQL)."""
    return SQL(', ').join(SQL.identifier(alias, name) if alias else SQL.identifier(name)
                          for name in names)


def _coalesced(alias, names):
    """`COALESCE(alias.name, 0) AS name, ...`: a month without a row counts 0."""
    return SQL(', ').join(SQL('COALESCE(%s, 0) AS %s', SQL.identifier(alias, name),
                              SQL.identifier(name)) for name in names)


def _users_filter(column, user_ids):
    if user_ids is None:
        return SQL()
    return SQL('AND %s = ANY(%s)', column, list(user_ids))


def _customer_months(user_ids=None):
    """(customer, manager, order month, revenue) of the confirmed orders."""
    return SQL("""
        SELECT cp.id AS partner_id, cp.user_id, date_trunc('month', o.day)::date AS month,
               SUM(o.amount) AS revenue
          FROM (%(orders)s) o
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE cp.user_id IS NOT NULL %(users)s
         GROUP BY cp.id, cp.user_id, date_trunc('month', o.day)
    """, orders=confirmed_orders(), users=_users_filter(SQL('cp.user_id'), user_ids))


def kpi_sales(lost_months, horizon, user_ids=None):
    """Sales figures (SALES_FIGURES) per manager and month up to the month before `horizon`
    (the first day of the month after today); only months with something to count."""
    return SQL("""
        WITH orders AS (%(customer_months)s),
        act AS (
            SELECT o.*, MIN(o.month) OVER (PARTITION BY o.partner_id) AS first_month,
                   LEAD(o.month) OVER (PARTITION BY o.partner_id ORDER BY o.month) AS next_month
              FROM orders o
        ),
        ranges AS (
            -- kept: from the order month (the month after, for the first one) until the next
            -- order month or N months later; lost: from N months after the order until the
            -- next order or 12 months after it. Both stop at the horizon.
            SELECT a.user_id,
                   CASE WHEN a.month = a.first_month THEN (a.month + interval '1 month')::date
                        ELSE a.month END AS kept_from,
                   LEAST(COALESCE(a.next_month, 'infinity'::date),
                         (a.month + make_interval(months => %(n)s))::date, %(horizon)s::date)
                       AS kept_to,
                   (a.month + make_interval(months => %(n)s))::date AS lost_from,
                   LEAST(COALESCE(a.next_month, 'infinity'::date),
                         (a.month + interval '12 months')::date, %(horizon)s::date) AS lost_to
              FROM act a
        ),
        deltas AS (
            SELECT user_id, kept_from AS month, 1 AS kept, 0 AS lost
              FROM ranges WHERE kept_from < kept_to
            UNION ALL
            SELECT user_id, kept_to, -1, 0 FROM ranges WHERE kept_from < kept_to
            UNION ALL
            SELECT user_id, lost_from, 0, 1 FROM ranges WHERE lost_from < lost_to
            UNION ALL
            SELECT user_id, lost_to, 0, -1 FROM ranges WHERE lost_from < lost_to
        ),
        delta_month AS (
            SELECT user_id, month, SUM(kept) AS kept, SUM(lost) AS lost
              FROM deltas GROUP BY user_id, month
        ),
        revenue AS (
            SELECT a.user_id, a.month,
                   COUNT(*) FILTER (WHERE a.month = a.first_month) AS customers_new,
                   SUM(a.revenue) FILTER (
                       WHERE a.month >= (a.first_month + interval '12 months')::date)
                       AS revenue_existing,
                   SUM(a.revenue) FILTER (
                       WHERE a.month < (a.first_month + interval '12 months')::date)
                       AS revenue_new,
                   SUM(a.revenue) AS revenue_total
              FROM act a GROUP BY a.user_id, a.month
        ),
        bounds AS (
            SELECT user_id, MIN(month) AS first_month, MAX(month) AS last_month
              FROM (SELECT user_id, month FROM delta_month
                    UNION ALL SELECT user_id, month FROM revenue) m
             GROUP BY user_id
        ),
        spine AS (
            SELECT b.user_id, gs::date AS month
              FROM bounds b,
                   generate_series(b.first_month,
                                   GREATEST(b.last_month,
                                            (%(horizon)s::date - interval '1 month')::date),
                                   interval '1 month') gs
        ),
        series AS (
            SELECT s.user_id, s.month,
                   SUM(COALESCE(d.kept, 0)) OVER w AS customers_kept,
                   SUM(COALESCE(d.lost, 0)) OVER w AS customers_lost
              FROM spine s
              LEFT JOIN delta_month d ON d.user_id = s.user_id AND d.month = s.month
            WINDOW w AS (PARTITION BY s.user_id ORDER BY s.month)
        )
        SELECT s.user_id, s.month AS date, s.customers_kept::int AS customers_kept,
               s.customers_lost::int AS customers_lost,
               COALESCE(r.customers_new, 0)::int AS customers_new,
               COALESCE(r.revenue_existing, 0) AS revenue_existing,
               COALESCE(r.revenue_new, 0) AS revenue_new,
               COALESCE(r.revenue_total, 0) AS revenue_total
          FROM series s
          LEFT JOIN revenue r ON r.user_id = s.user_id AND r.month = s.month
         WHERE s.month < %(horizon)s::date
           AND (s.customers_kept != 0 OR s.customers_lost != 0 OR r.user_id IS NOT NULL)
    """, customer_months=_customer_months(user_ids), n=lost_months, horizon=horizon)


def kpi_costs(since=None, user_ids=None):
    """Promotion support (not cancelled) and value-added services per customer's manager and
    month, of the ledger lines dated from `since` (all when None: an index range on date)."""
    since_cond = SQL('AND date >= %s', since) if since else SQL()
    return SQL("""
        SELECT cp.user_id, date_trunc('month', l.date)::date AS month,
               SUM(l.cost) FILTER (WHERE l.kind = 'promotion') AS promotion_cost,
               SUM(l.cost) FILTER (WHERE l.kind = 'service') AS service_cost
          FROM (SELECT partner_id, date, COALESCE(cost, 0) AS cost, 'promotion' AS kind
                  FROM customer_promotion_support
                 WHERE state != 'cancelled' %(since)s
                UNION ALL
                SELECT partner_id, date, COALESCE(cost, 0), 'service'
                  FROM customer_value_service
                 WHERE TRUE %(since)s) l
          JOIN res_partner p ON p.id = l.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE cp.user_id IS NOT NULL %(users)s
         GROUP BY cp.user_id, date_trunc('month', l.date)
    """, since=since_cond, users=_users_filter(SQL('cp.user_id'), user_ids))


def kpi_contacts(today, since=None, user_ids=None):
    """Contacts (relationship events) and their costs per event responsible and month, of the
    events dated from `since` (all when None: an index range on date). Planned counts every
    event not cancelled, overdue those overdue on `today` (queries/overdue.py); the contact's own
    cost (travel, meal) of every event not cancelled, the gift's value of the gifts given
    (done events)."""
    since_cond = SQL('AND e.date >= %s', since) if since else SQL()
    return SQL("""
        SELECT e.user_id, date_trunc('month', e.date)::date AS month,
               COUNT(*) FILTER (WHERE e.state != 'cancelled') AS contacts_planned,
               COUNT(*) FILTER (WHERE e.state = 'done') AS contacts_done,
               COUNT(*) FILTER (WHERE %(overdue)s) AS contacts_overdue,
               COALESCE(SUM(e.cost) FILTER (WHERE e.state != 'cancelled'), 0) AS event_cost,
               COALESCE(SUM(e.gift_value) FILTER (WHERE e.state = 'done'), 0) AS gift_cost
          FROM customer_relationship_event e
         WHERE e.user_id IS NOT NULL %(since)s %(users)s
         GROUP BY e.user_id, date_trunc('month', e.date)
    """, overdue=overdue_event('e', today), since=since_cond,
        users=_users_filter(SQL('e.user_id'), user_ids))


def _live_columns(ev, l):
    """The LIVE_FIGURES from the aggregates of `kpi_contacts` (alias `ev`) and `kpi_costs`
    (alias `l`); maintenance cost = contacts + gifts given + promotion support + services."""
    total = SQL(' + ').join(SQL('COALESCE(%s, 0)', SQL.identifier(alias, name)) for alias, name in (
        (ev, 'event_cost'), (ev, 'gift_cost'), (l, 'promotion_cost'), (l, 'service_cost')))
    return SQL('%s, %s, %s AS maintenance_cost', _coalesced(ev, CONTACT_FIGURES),
               _coalesced(l, COST_FIGURES), total)


def kpi_snapshot(lost_months, horizon, today, user_ids=None):
    """Every stored figure (FIGURES) per manager and month, in one query (overdue as of
    `today`)."""
    return SQL("""
        WITH sales AS (%(sales)s),
        contacts AS (%(contacts)s),
        costs AS (%(costs)s),
        keys AS (
            SELECT user_id, date AS month FROM sales
            UNION SELECT user_id, month FROM contacts
            UNION SELECT user_id, month FROM costs
        )
        SELECT k.user_id, k.month AS date, %(sales_cols)s, %(live_cols)s
          FROM keys k
          LEFT JOIN sales s ON s.user_id = k.user_id AND s.date = k.month
          LEFT JOIN contacts ev ON ev.user_id = k.user_id AND ev.month = k.month
          LEFT JOIN costs l ON l.user_id = k.user_id AND l.month = k.month
    """, sales=kpi_sales(lost_months, horizon, user_ids),
        contacts=kpi_contacts(today, None, user_ids), costs=kpi_costs(None, user_ids),
        sales_cols=_coalesced('s', SALES_FIGURES), live_cols=_live_columns('ev', 'l'))


def kpi_snapshot_upsert(lost_months, horizon, today, uid, user_ids=None):
    """Bring customer_manager_kpi_snapshot to the figures of the data as it is now, for the
    managers `user_ids` (all when None): changed rows updated in place, new manager-months
    inserted, vanished ones deleted; unchanged rows are not written (same ids, same
    write_date). Returns one row (fresh rows, written rows, deleted rows)."""
    figures = _columns(FIGURES)
    excluded = _columns(FIGURES, 'excluded')
    return SQL("""
        WITH fresh AS (%(fresh)s),
        upserted AS (
            INSERT INTO customer_manager_kpi_snapshot AS s
                   (user_id, date, %(figures)s, create_uid, create_date, write_uid, write_date)
            SELECT f.user_id, f.date, %(fresh_cols)s, %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM fresh f
            ON CONFLICT (user_id, date) DO UPDATE
               SET (%(figures)s, write_uid, write_date) =
                   (%(excluded)s, EXCLUDED.write_uid, EXCLUDED.write_date)
             WHERE (%(old_cols)s) IS DISTINCT FROM (%(excluded)s)
            RETURNING 1
        ),
        deleted AS (
            DELETE FROM customer_manager_kpi_snapshot s
             WHERE NOT EXISTS (SELECT 1 FROM fresh f
                                WHERE f.user_id = s.user_id AND f.date = s.date)
                   %(users)s
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM upserted),
               (SELECT count(*) FROM deleted)
    """, fresh=kpi_snapshot(lost_months, horizon, today, user_ids), figures=figures,
        fresh_cols=_columns(FIGURES, 'f'), excluded=excluded, old_cols=_columns(FIGURES, 's'),
        uid=uid, users=_users_filter(SQL('s.user_id'), user_ids))


def kpi_managers():
    """Every user whose KPIs may have rows: the account managers of partners, the
    responsibles of relationship events, and the users of the snapshot (whose rows may have
    to go)."""
    return SQL("""
        SELECT DISTINCT user_id FROM res_partner WHERE user_id IS NOT NULL
        UNION SELECT user_id FROM customer_relationship_event WHERE user_id IS NOT NULL
        UNION SELECT user_id FROM customer_manager_kpi_snapshot
    """)


def kpi_lost_window_users(low_months, horizon):
    """The managers whose kept/lost figures depend on the lost-after setting between
    `low_months` and any larger value: those with a customer whose gap after an order month
    (until the next order month or the horizon) is longer than `low_months`."""
    return SQL("""
        WITH orders AS (%(customer_months)s)
        SELECT DISTINCT user_id FROM (
            SELECT o.user_id, o.month,
                   LEAD(o.month) OVER (PARTITION BY o.partner_id ORDER BY o.month) AS next_month
              FROM orders o) a
         WHERE (a.month + make_interval(months => %(n)s))::date
               < LEAST(COALESCE(a.next_month, 'infinity'::date), %(horizon)s::date)
    """, customer_months=_customer_months(), n=low_months, horizon=horizon)


def kpi_report(month_start, today):
    """The KPI report: sales figures and past months' contacts and costs from the snapshot;
    the contacts and costs of the current month (from `month_start`) and later ones live
    from the events and ledgers (index ranges on their date), overdue as of `today`."""
    live = SQL(', ').join(
        SQL('CASE WHEN k.month < %s THEN COALESCE(%s, 0) ELSE %s END AS %s',
            month_start, SQL.identifier('s', name), SQL.identifier('live', name),
            SQL.identifier(name))
        for name in LIVE_FIGURES)
    return SQL("""
        WITH contacts AS (%(contacts)s),
        costs AS (%(costs)s),
        keys AS (
            SELECT user_id, date AS month FROM customer_manager_kpi_snapshot
            UNION SELECT user_id, month FROM contacts
            UNION SELECT user_id, month FROM costs
        )
        SELECT row_number() OVER (ORDER BY k.user_id, k.month) AS id,
               k.user_id, u.sale_team_id AS team_id, k.month AS date,
               %(sales_cols)s, %(live)s
          FROM keys k
          JOIN res_users u ON u.id = k.user_id
          LEFT JOIN customer_manager_kpi_snapshot s ON s.user_id = k.user_id
                                                   AND s.date = k.month
          LEFT JOIN contacts ev ON ev.user_id = k.user_id AND ev.month = k.month
          LEFT JOIN costs l ON l.user_id = k.user_id AND l.month = k.month
         CROSS JOIN LATERAL (SELECT %(live_cols)s) live
    """, contacts=kpi_contacts(today, month_start), costs=kpi_costs(month_start),
        sales_cols=_coalesced('s', SALES_FIGURES), live=live,
        live_cols=_live_columns('ev', 'l'))
