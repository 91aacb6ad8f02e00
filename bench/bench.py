# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""`make bench` / `make bench-curve`: the nightly jobs at scale.

    python bench/bench.py run --size 200000 [--size 10000 ...]
    python bench/bench.py generate --size 10000
    python bench/bench.py child MODE [--job JOB] --size N   (one measurement, JSON on stdout)

`run` does not import Odoo itself: every measurement runs in its own subprocess with Odoo
loaded as a library, so peak RSS is the job's process alone. Results are merged into
bench/out/results.json (one row per job and size) and printed as a table.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, 'out')
RESULTS = os.path.join(OUT, 'results.json')
JOBS = ('abc', 'cycles', 'plan', 'kpi_refresh')
MARK = 'CM_BENCH_RESULT '


# ------------------------------------------------------------------- child (Odoo loaded)
def odoo_env(conf, db):
    os.environ['TZ'] = 'UTC'
    time.tzset()
    import odoo
    odoo.tools.config.parse_config(['-c', conf, '-d', db, '--log-level=warn'])
    registry = odoo.registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def child(args):
    import odoo
    with odoo.api.Environment.manage():
        _child(args)


def _child(args):
    sys.path.insert(0, HERE)
    env = odoo_env(args.conf, args.db)
    import cm_bench_data
    import cm_bench_jobs as jobs
    # one "today" for the floor, the module's cron (cm_today) and the naive loop: the crons
    # would otherwise take the user's context_today, another day than UTC's near midnight
    today = datetime.date.today()
    try:
        if args.mode == 'generate':
            res = cm_bench_data.generate(env, args.size)
        elif args.mode == 'module':
            if args.job == 'plan':
                jobs.reset_plan(env)
                env.cr.commit()
            res = jobs.run_module(env, args.job, today)
        elif args.mode == 'floor':
            if args.job == 'plan':
                jobs.reset_plan(env)
            res = jobs.run_floor(env, args.job, today)
        elif args.mode == 'naive':
            if args.job == 'plan':
                jobs.reset_plan(env)
            res = jobs.run_naive(env, args.job, args.size, today, budget_s=args.naive_budget)
        elif args.mode == 'list':
            res = jobs.run_partner_list(env)
        elif args.mode == 'kpi':
            res = jobs.run_kpi(env)
        else:
            raise SystemExit('unknown mode %s' % args.mode)
        env.cr.commit()
    finally:
        env.cr.close()
    print(MARK + json.dumps(res, default=str))


# ------------------------------------------------------------------------ orchestration
def call(args, mode, size, job=None):
    cmd = [sys.executable, os.path.abspath(__file__), 'child', mode, '--size', str(size),
           '--conf', args.conf, '--db', args.db]
    cmd += ['--naive-budget', str(args.naive_budget or 0)]
    if job:
        cmd += ['--job', job]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    sys.stderr.write(proc.stderr[-4000:])
    return {'job': job or mode, 'mode': mode, 'error': 'rc %s: %s' % (
        proc.returncode, (proc.stderr.strip().splitlines() or ['?'])[-1])}


def load_results():
    if os.path.exists(RESULTS):
        with open(RESULTS) as f:
            return json.load(f)
    return {'runs': [], 'generation': []}


def save_results(data):
    os.makedirs(OUT, exist_ok=True)
    data['runs'].sort(key=lambda r: (r['size_customers'], r['job']))
    data['generation'].sort(key=lambda r: r['size'])
    with open(RESULTS + '.tmp', 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.replace(RESULTS + '.tmp', RESULTS)


def merge(rows, new, keys):
    kept = [r for r in rows if tuple(r.get(k) for k in keys) != tuple(new.get(k) for k in keys)]
    return kept + [new]


def run(args):
    data = load_results()
    jobs = args.jobs.split(',') if args.jobs else JOBS
    for size in args.size:
        say('generating %d customers' % size)
        gen = call(args, 'generate', size)
        if 'error' in gen:
            raise SystemExit('generation failed: %s' % gen['error'])
        say('generated in %ss: %s' % (gen['seconds'], {k: gen[k] for k in (
            'companies', 'contacts', 'orders', 'lines', 'added')}))
        gen['date'] = datetime.date.today().isoformat()
        data['generation'] = merge(data.get('generation', []), gen, ('size',))
        stamp = {'size_customers': gen['companies'], 'size_lines': gen['lines'],
                 'date': gen['date']}
        for job in jobs:
            row = dict(stamp, job=job, module_s=None, sql_floor_s=None, naive_orm_s=None,
                       peak_rss_mb=None, queries=None)
            floor = call(args, 'floor', size, job)
            say('%s floor: %s' % (job, floor))
            row.update(sql_floor_s=floor.get('sql_floor_s'),
                       sql_floor_compute_s=floor.get('sql_floor_compute_s'),
                       floor_rows=floor.get('rows'), floor_note=floor.get('note'))
            module = call(args, 'module', size, job)
            say('%s module: %s' % (job, module))
            row.update(module_s=module.get('module_s'), peak_rss_mb=module.get('peak_rss_mb'),
                       rss_before_mb=module.get('rss_before_mb'), queries=module.get('queries'),
                       equal_to_floor=module.get('equal_to_floor'),
                       mismatches=module.get('mismatches'),
                       module_note=module.get('note') or module.get('error'))
            if size <= args.naive_max and (not args.naive_jobs or job in args.naive_jobs.split(',')):
                naive = call(args, 'naive', size, job)
                say('%s naive: %s' % (job, naive))
                row.update(naive_orm_s=naive.get('naive_orm_s'),
                           naive_queries=naive.get('queries'),
                           naive_peak_rss_mb=naive.get('peak_rss_mb'),
                           naive_complete=naive.get('complete'),
                           naive_customers_done=naive.get('customers_done'),
                           naive_note=naive.get('note') or naive.get('error'))
            data['runs'] = merge(data['runs'], row, ('job', 'size_customers'))
            save_results(data)
        for mode in ([] if args.no_ui else ['list', 'kpi']):
            res = call(args, mode, size)
            say('%s: %s' % (mode, res))
            row = dict(stamp, job=res.get('job', mode), module_s=res.get('module_s'),
                       sql_floor_s=None, naive_orm_s=None, peak_rss_mb=res.get('peak_rss_mb'),
                       queries=res.get('queries'), count=res.get('count'),
                       filters=res.get('filters'), module_note=res.get('note') or res.get('error'))
            data['runs'] = merge(data['runs'], row, ('job', 'size_customers'))
        save_results(data)
    print_table(data)


def fmt(v):
    if v is None:
        return 'null'
    if isinstance(v, float):
        return '%.3f' % v
    return str(v)


def print_table(data):
    cols = ('job', 'size_customers', 'size_lines', 'module_s', 'sql_floor_s', 'naive_orm_s',
            'peak_rss_mb', 'queries')
    rows = [[('>' if c == 'naive_orm_s' and r.get('naive_complete') is False else '')
             + fmt(r.get(c)) for c in cols] for r in data['runs']]
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c)
              for i, c in enumerate(cols)]
    line = ' | '.join(c.ljust(w) for c, w in zip(cols, widths))
    print(line)
    print('-+-'.join('-' * w for w in widths))
    for r in rows:
        print(' | '.join(v.rjust(w) for v, w in zip(r, widths)))
    for g in data.get('generation', []):
        print('generation %(size)s customers: %(seconds)ss (%(orders)s orders, %(lines)s lines)' % g)
    print('results: %s' % os.path.relpath(RESULTS, ROOT))


def _ratio(a, b):
    return '%.2f×' % (a / b) if a and b else ''


def print_markdown(data):
    """The README's Performance table: one row per job and size, ratios of the same run."""
    print('| job | customers / order lines | module | SQL floor | module / floor | naive ORM '
          '| naive / module | peak RSS | queries |')
    print('|---|---|---|---|---|---|---|---|---|')
    for r in data['runs']:
        naive = r.get('naive_orm_s')
        lower = r.get('naive_complete') is False
        naive_txt = ''
        if naive is not None:
            naive_txt = ('> %.0f s (%s customers done)' % (naive, r.get('naive_customers_done'))
                         if lower else '%.1f s' % naive)
        speedup = _ratio(naive, r.get('module_s'))
        print('| `%s` | %dk / %.2fM | %s | %s | %s | %s | %s | %s | %s |' % (
            r['job'], r['size_customers'] // 1000, r['size_lines'] / 1e6,
            '%.2f s' % r['module_s'] if r.get('module_s') is not None else 'null',
            '%.2f s' % r['sql_floor_s'] if r.get('sql_floor_s') is not None else '',
            _ratio(r.get('module_s'), r.get('sql_floor_s')), naive_txt,
            ('≥ ' if lower else '') + speedup if speedup else '',
            '%.0f MB' % r['peak_rss_mb'] if r.get('peak_rss_mb') else '',
            r.get('queries') if r.get('queries') is not None else ''))


def say(msg):
    print('\033[1m==> %s\033[0m' % msg, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=('run', 'generate', 'child', 'table'))
    parser.add_argument('mode', nargs='?')
    parser.add_argument('--size', type=int, action='append')
    parser.add_argument('--job')
    parser.add_argument('--jobs', help='comma-separated subset of %s' % ','.join(JOBS))
    parser.add_argument('--no-ui', action='store_true', help='skip partner list and KPI timings')
    parser.add_argument('--naive-max', type=int, default=20000)
    parser.add_argument('--naive-jobs', help='naive ORM only for these jobs (it is slow)')
    parser.add_argument('--naive-budget', type=float, default=300,
                        help='stop each naive loop after this many seconds (default 300, 0: '
                             'never): its time is then a lower bound (naive_complete false in '
                             'results.json); unbounded, the naive loops take hours at 20k')
    parser.add_argument('--markdown', action='store_true', help='table: as in the README')
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    parser.add_argument('--db', default=os.environ.get('BENCH_DB', 'customer_maintenance_bench'))
    args = parser.parse_args()
    args.size = args.size or [int(os.environ.get('SIZE') or 200000)]
    if args.command == 'child':
        args.size = args.size[-1]
        return child(args)
    if args.command == 'generate':
        for size in args.size:
            print(json.dumps(call(args, 'generate', size)))
        return
    if args.command == 'table':
        if args.markdown:
            return print_markdown(load_results())
        return print_table(load_results())
    run(args)


if __name__ == '__main__':
    main()
