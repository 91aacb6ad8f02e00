# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The three ways to run each nightly job, measured: the module's cron method, the SQL floor
and the naive ORM loop; plus the partner list and the KPI read_group.

Every function takes an Odoo `env` and returns a dict (seconds, queries, peak RSS, notes).
The floor and the naive loop run inside a savepoint that is rolled back, so they never change
what the module's job finds. Used by bench.py (one subprocess per measurement) and by the
in-suite test (one transaction, rolled back).
"""
import datetime
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

import cm_bench_floors as floors
from cm_bench_data import column_exists

JOB_METHODS = {
    'abc': ('res.partner', 'cron_classify_customers'),
    'cycles': ('customer.consumption.cycle', 'cron_learn_consumption_cycles'),
    'plan': ('customer.relationship.event', 'cron_plan_relationship_events'),
    'kpi_refresh': ('customer.manager.kpi.snapshot', 'cron_refresh_manager_kpi'),
}
KPI_MODEL = 'customer.manager.kpi.report'
NAIVE_MAX_SIZE = 20000


class QueryCounter(object):
    """Counts every statement executed through odoo.sql_db.Cursor while active."""
    count = 0

    @contextmanager
    def counting(self):
        from odoo import sql_db
        original = sql_db.Cursor.execute
        counter = self

        def execute(cr, *args, **kwargs):
            counter.count += 1
            return original(cr, *args, **kwargs)

        sql_db.Cursor.execute = execute
        try:
            yield self
        finally:
            sql_db.Cursor.execute = original


class PeakRss(object):
    """Samples this process' RSS every 20 ms (psutil) while active: peak and baseline in MB."""

    def __init__(self):
        import psutil
        self.proc = psutil.Process()
        self.before = self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()

    def _run(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    @contextmanager
    def watching(self):
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def result(self):
        return {'peak_rss_mb': round(self.peak / 1048576.0, 1),
                'rss_before_mb': round(self.before / 1048576.0, 1)}


@contextmanager
def measured(res, key):
    """Time, query count and peak RSS of the block into res[key], res['queries'], ..."""
    rss = PeakRss()
    counter = QueryCounter()
    with rss.watching(), counter.counting():
        t0 = time.time()
        yield
        res[key] = round(time.time() - t0, 3)
    res['queries'] = counter.count
    res.update(rss.result())


@contextmanager
def rolled_back(env, name='cm_bench'):
    env.cr.execute('SAVEPOINT %s' % name)  # fixed name
    try:
        yield
    finally:
        env.cr.execute('ROLLBACK TO SAVEPOINT %s' % name)
        env.clear()


def job_method(env, job):
    model, method = JOB_METHODS[job]
    if model not in env.registry or not hasattr(env[model], method):
        return None
    return getattr(env[model], method)


def reset_plan(env):
    """The plan job is measured from the same start every time: no open planned events."""
    env.cr.execute("DELETE FROM customer_relationship_event WHERE state = 'planned'")
    env.clear()


# ---------------------------------------------------------------------------- module
def run_module(env, job, today=None, commit=True):
    """Run the module's cron method; then check its result against the SQL floor."""
    res = {'job': job, 'mode': 'module'}
    method = job_method(env, job)
    if method is None:
        res.update(module_s=None, note='%s.%s() not in this database (pending merge)'
                   % JOB_METHODS[job])
        return res
    compute, _write, compare = floors.JOBS[job]
    if compute(env.cr, today) is None:  # before the job: the plan floor reads open events
        res['check'] = 'floor not computable (module columns missing)'
        compare = None
    if today:
        # the floor's "today" for the module too: the crons default to the user's
        # context_today, which is another date than UTC's near midnight
        model, name = JOB_METHODS[job]
        method = getattr(env[model].with_context(cm_today=str(today)), name)
    with measured(res, 'module_s'):
        method()
        if commit:
            env.cr.commit()
    env.clear()
    if compare:
        res['mismatches'] = mism = compare(env.cr)
        res['equal_to_floor'] = not any(v for k, v in mism.items()
                                        if k not in ('rows', 'classified', 'partners'))
    return res


# ----------------------------------------------------------------------------- floor
def run_floor(env, job, today=None):
    res = {'job': job, 'mode': 'floor'}
    compute, write, _compare = floors.JOBS[job]
    with rolled_back(env, 'cm_bench_floor'):
        with measured(res, 'sql_floor_s'):
            t0 = time.time()
            rows = compute(env.cr, today)
            res['sql_floor_compute_s'] = round(time.time() - t0, 3)
            wrote = rows is not None and write(env.cr)
        res['rows'] = rows
        if rows is None:
            res.update(sql_floor_s=None, note='res_partner.customer_tier_id missing (pending merge)')
        elif not wrote:
            res['note'] = 'compute only: the module storage for this job is not there yet'
    return res


# ----------------------------------------------------------------------------- naive
class Budget(object):
    """Stops a naive loop after `seconds` (None: never) and counts the customers it did.

    The naive loops take from minutes to hours at 20k customers; with a budget, a loop that
    runs out of time still measured something real at that size: it had not finished after
    `seconds`, so its full run takes longer (a lower bound, reported as such)."""

    def __init__(self, seconds=None):
        self.deadline = seconds and time.time() + seconds
        self.done = 0
        self.complete = True

    def customers(self, records, count=True):
        """The records until the deadline; `count`: they are the customers of the job (not
        a later phase's rows, e.g. the writes after the ranking of the naive abc)."""
        for record in records:
            if self.deadline and time.time() > self.deadline:
                self.complete = False
                return
            yield record
            self.done += count


def _today(today):
    return floors._date(today)


def naive_abc(env, today, limit=None, budget=None):
    Partner, Order = env['res.partner'], env['sale.order']
    since = _today(today) - relativedelta(months=12)
    sales = {}
    for partner in budget.customers(Partner.search(
            [('parent_id', '=', False), ('customer', '=', True)], order='id', limit=limit)):
        orders = Order.search([('partner_id', 'child_of', partner.id),
                               ('state', 'in', ('sale', 'done')),
                               ('confirmation_date', '>=', str(since))])
        amount = sum(order.amount_untaxed for order in orders)
        if amount > 0:
            sales[partner.id] = amount
    total = sum(sales.values())
    before = 0.0
    has_field = 'abc_class' in Partner._fields
    result = {}
    ranked = sorted(sales.items(), key=lambda kv: (-kv[1], kv[0]))
    for pid, amount in budget.customers(ranked, count=False):
        cls = 'A' if before < 0.8 * total else 'B' if before < 0.95 * total else 'C'
        before += amount
        result[pid] = cls
        if has_field:
            partner = Partner.browse(pid)
            (partner | partner.child_ids).write({'abc_class': cls})
    return len(result)


def naive_cycles(env, today, limit=None, budget=None):
    """Per customer: search its lines, then the module's math (services/consumption.py) in
    Python per product, then search + write/create each cycle row."""
    from odoo.addons.customer_maintenance.services import consumption as estimation
    Partner, Line = env['res.partner'], env['sale.order.line']
    since = floors.cycles_since(_today(today), 24)
    has_model = 'customer.consumption.cycle' in env.registry
    n = 0
    for partner in budget.customers(Partner.search(
            [('parent_id', '=', False), ('customer', '=', True)], order='id', limit=limit)):
        lines = Line.search([('order_id.partner_id', 'child_of', partner.id),
                             ('order_id.state', 'in', ('sale', 'done')),
                             ('order_id.confirmation_date', '>=', str(since)),
                             ('order_id.confirmation_date', '<',
                              str(_today(today) + datetime.timedelta(days=1))),
                             ('product_uom_qty', '>', 0)])
        orders = defaultdict(list)
        for line in lines:
            day = datetime.datetime.strptime(line.order_id.confirmation_date[:10], '%Y-%m-%d')
            orders[line.product_id.id].append((day.date(), line.product_uom._compute_quantity(
                line.product_uom_qty, line.product_id.uom_id, round=False)))
        for product_id, history in orders.items():
            res = estimation.estimate_cycle(history, 1.5)
            if not res:
                continue
            vals = {k: (str(v) if isinstance(v, datetime.date) else v)
                    for k, v in res.items()}
            vals = {k: (False if v is None else v) for k, v in vals.items()}
            n += 1
            if has_model:
                Cycle = env['customer.consumption.cycle']
                cycle = Cycle.search([('partner_id', '=', partner.id),
                                      ('product_id', '=', product_id)], limit=1)
                if cycle:
                    cycle.write(vals)
                else:
                    vals.update(partner_id=partner.id, product_id=product_id)
                    Cycle.create(vals)
    return n


def naive_plan(env, today, limit=None, budget=None):
    Partner, Event = env['res.partner'], env['customer.relationship.event']
    if 'customer_tier_id' not in Partner._fields:
        return None
    today = _today(today)
    until = today + datetime.timedelta(days=floors.PLAN_HORIZON_DAYS)
    n = 0
    for partner in budget.customers(Partner.search(
            [('parent_id', '=', False), ('user_id', '!=', False),
             ('customer_tier_id', '!=', False)], order='id', limit=limit)):
        tier = partner.customer_tier_id
        for channel, days in (('call', tier.call_interval_days),
                              ('care_call', tier.care_call_interval_days),
                              ('visit', tier.visit_interval_days)):
            if days <= 0 or Event.search_count([('partner_id', '=', partner.id),
                                                ('channel', '=', channel),
                                                ('state', '=', 'planned')]):
                continue
            last = Event.search([('partner_id', '=', partner.id), ('channel', '=', channel),
                                 ('state', '=', 'done')], order='date desc', limit=1)
            due = (floors._date(last.date) + datetime.timedelta(days=days)) if last else today
            if due <= until:
                Event.create({'name': 'Planned %s' % channel, 'partner_id': partner.id,
                              'user_id': partner.user_id.id, 'channel': channel,
                              'kind': 'periodic', 'date': str(max(due, today)),
                              'state': 'planned'})
                n += 1
    return n


def _month_index(day):
    return day.year * 12 + day.month - 1


def naive_kpi(env, today, limit=None, budget=None):
    """Per customer with a manager: search its confirmed orders, then walk its months from
    the first order to this month in Python (kept, lost, new, revenue); then every event and
    ledger line read one by one for contacts and costs; summed per manager and month, and
    the snapshot replaced by one create per row. Returns the rows as a dict
    {(user_id, 'YYYY-MM-01'): figures} (the in-suite test compares it with the module's).
    """
    Partner, Order = env['res.partner'], env['sale.order']
    lost_after = min(12, max(1, floors._param(env.cr, 'customer_maintenance.kpi_lost_months', 6)))
    # the module's query uses PostgreSQL's CURRENT_DATE, so the naive loop does too
    env.cr.execute('SELECT CURRENT_DATE')
    current_date = floors._date(env.cr.fetchone()[0])
    now = _month_index(current_date)
    rows = defaultdict(lambda: dict.fromkeys(floors.kpi_figures(), 0))

    def add(user, day, **figures):
        row = rows[(user.id, day[:8] + '01')]
        for name, value in figures.items():
            row[name] += value

    for partner in budget.customers(Partner.search(
            [('parent_id', '=', False), ('user_id', '!=', False)], order='id', limit=limit)):
        revenue = defaultdict(float)
        for order in Order.search([('partner_id', 'child_of', partner.id),
                                   ('state', 'in', ('sale', 'done')),
                                   ('confirmation_date', '!=', False)]):
            revenue[_month_index(floors._date(order.confirmation_date[:10]))] += \
                order.amount_untaxed
        if not revenue:
            continue
        first, last_order = min(revenue), None
        for month in range(first, now + 1):
            if month in revenue:
                last_order = month
            figures = {'customers_new': int(month == first),
                       'customers_kept': int(month != first and month - last_order < lost_after),
                       'customers_lost': int(lost_after <= month - last_order < 12)}
            if month in revenue:
                key = 'revenue_existing' if month >= first + 12 else 'revenue_new'
                figures.update({key: revenue[month], 'revenue_total': revenue[month]})
            elif not (figures['customers_kept'] or figures['customers_lost']):
                continue
            add(partner.user_id, '%04d-%02d-01' % (month // 12, month % 12 + 1), **figures)
    if 'customer.relationship.event' in env.registry:
        for event in budget.customers(env['customer.relationship.event'].search(
                [('user_id', '!=', False)]), count=False):
            live = event.state != 'cancelled'
            cost = (event.cost if live else 0) + (event.gift_value if event.state == 'done'
                                                   else 0)
            add(event.user_id, event.date, contacts_planned=int(live),
                contacts_done=int(event.state == 'done'),
                contacts_overdue=int(event.state == 'planned'
                                     and floors._date(event.date) < current_date),
                event_cost=event.cost if live else 0,
                gift_cost=event.gift_value if event.state == 'done' else 0,
                maintenance_cost=cost)
    for model, figure, domain in (
            ('customer.promotion.support', 'promotion_cost', [('state', '!=', 'cancelled')]),
            ('customer.value.service', 'service_cost', [])):
        if model not in env.registry:
            continue
        for line in budget.customers(env[model].search(domain), count=False):
            manager = line.partner_id.commercial_partner_id.user_id
            if manager:
                add(manager, line.date, maintenance_cost=line.cost, **{figure: line.cost})
    if 'customer.manager.kpi.snapshot' in env.registry:
        Snapshot = env['customer.manager.kpi.snapshot']
        Snapshot.search([]).unlink()
        for (user_id, date), figures in budget.customers(list(rows.items()), count=False):
            Snapshot.create(dict(figures, user_id=user_id, date=date))
    return dict(rows)


NAIVE = {'abc': naive_abc, 'cycles': naive_cycles, 'plan': naive_plan,
         'kpi_refresh': naive_kpi}


def run_naive(env, job, size, today=None, limit=None, budget_s=None):
    """`limit`: only the first customers (the in-suite test keeps it short); `budget_s`: stop
    after that many seconds (`complete` False, `customers_done` says how far it got)."""
    res = {'job': job, 'mode': 'naive'}
    if size > NAIVE_MAX_SIZE:
        res.update(naive_orm_s=None, note='naive ORM only up to %d customers' % NAIVE_MAX_SIZE)
        return res
    env = env(context=dict(env.context, tracking_disable=True))
    with rolled_back(env, 'cm_bench_naive'):
        with measured(res, 'naive_orm_s'):
            budget = Budget(budget_s)
            rows = NAIVE[job](env, today, limit, budget)
        res.update(rows=len(rows) if isinstance(rows, dict) else rows,
                   complete=budget.complete, customers_done=budget.done)
        if rows is None:
            res.update(naive_orm_s=None, note='res.partner.customer_tier_id missing (pending merge)')
    return res


# ------------------------------------------------------------------ list and KPI report
def run_partner_list(env, user_login='bench_supervisor'):
    """The partner list filtered by tier / ABC class as a supervisor: first page + count."""
    res = {'job': 'partner_list', 'mode': 'module'}
    user = env['res.users'].search([('login', '=', user_login)], limit=1) or env.user
    Partner = env['res.partner'].sudo(user)
    domain = [('customer', '=', True), ('parent_id', '=', False)]
    filters = []
    if 'customer_tier_id' in Partner._fields:
        tier = env['customer.tier'].search([], order='sequence, id', limit=1)
        domain.append(('customer_tier_id', '=', tier.id))
        filters.append('tier')
    if 'abc_class' in Partner._fields:
        domain.append(('abc_class', '=', 'A'))
        filters.append('abc_class')
    res['filters'] = filters or ['customer companies only (tier/ABC fields pending merge)']
    fields = [f for f in ('display_name', 'phone', 'email', 'user_id', 'city', 'country_id',
                          'customer_tier_id', 'abc_class') if f in Partner._fields]
    best = None
    for _ in range(3):  # warm: the first run pays the registry and cache warm-up
        env.clear()
        one = {}
        with measured(one, 'module_s'):
            Partner.search_read(domain, fields, limit=80)
            one['count'] = Partner.search_count(domain)
        if best is None or one['module_s'] < best['module_s']:
            best = one
    res.update(best)
    return res


def run_kpi(env):
    res = {'job': 'kpi_report', 'mode': 'module'}
    if KPI_MODEL not in env.registry:
        res.update(module_s=None, note='%s not in this database (pending merge)' % KPI_MODEL)
        return res
    Kpi = env[KPI_MODEL]
    numeric = [n for n, f in Kpi._fields.items()
               if f.type in ('integer', 'float', 'monetary') and f.store and n != 'id']
    groupby = [g for g in ('user_id',) if g in Kpi._fields] or [
        n for n, f in Kpi._fields.items() if f.type == 'many2one' and f.store][:1]
    best = None
    for _ in range(3):
        env.clear()
        one = {}
        with measured(one, 'module_s'):
            one['groups'] = len(Kpi.read_group([], numeric + groupby, groupby, lazy=False))
        if best is None or one['module_s'] < best['module_s']:
            best = one
    res.update(best)
    return res
