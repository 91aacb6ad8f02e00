# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""`make bench`: the nightly jobs at scale.

    python bench/bench.py run --size 200000 [--size 10000 ...]
    python bench/bench.py table [--markdown]
    python bench/bench.py child MODE [--job JOB] --size N   (one measurement, JSON on stdout)

`run` does not import Odoo itself: every measurement runs in its own subprocess with Odoo
loaded as a library, so peak RSS is the job's process alone. Results are merged into
bench/out/results.json (one row per job and size) and printed as a table. The run fails
(exit 1) when a module job's stored result differs from its floor's, or a step fails.
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
JOBS = ('abc', 'cycles', 'plan', 'kpi_refresh', 'collections', 'rfm', 'health', 'incentives')
MARK = 'CM_BENCH_RESULT '


# ------------------------------------------------------------------- child (Odoo loaded)
def child(args):
    os.environ['TZ'] = 'UTC'
    time.tzset()
    sys.path.insert(0, HERE)
    import odoo
    from odoo.modules.registry import Registry
    odoo.tools.config.parse_config(['-c', args.conf, '-d', args.db, '--log-level=warn'])
    registry = Registry(args.db)
    import cm_bench_data
    import cm_bench_jobs as jobs
    today = datetime.date.fromisoformat(args.today)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US', 'tz': 'UTC'})
        if args.mode == 'generate':
            res = cm_bench_data.generate(env, args.size)
        elif args.mode == 'reset':
            jobs.reset(env, args.job, today)
            res = {'job': args.job, 'mode': 'reset'}
        elif args.mode == 'module':
            res = jobs.run_module(env, args.job, today)
        elif args.mode == 'floor':
            res = jobs.run_floor(env, args.job, today)
        elif args.mode == 'naive':
            res = jobs.run_naive(env, args.job, args.size, today, budget_s=args.naive_budget)
        elif args.mode == 'list':
            res = jobs.run_partner_list(env)
        elif args.mode == 'kpi':
            res = jobs.run_kpi(env, today)
        else:
            raise SystemExit('unknown mode %s' % args.mode)
        cr.commit()
    print(MARK + json.dumps(res, default=str))


# ------------------------------------------------------------------------ orchestration
def call(args, mode, size, job=None):
    cmd = [sys.executable, os.path.abspath(__file__), 'child', mode, '--size', str(size),
           '--conf', args.conf, '--db', args.db, '--today', args.today,
           '--naive-budget', str(args.naive_budget or 0)]
    if job:
        cmd += ['--job', job]
    t0 = time.time()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            res = json.loads(line[len(MARK):])
            res['process_s'] = round(time.time() - t0, 1)
            return res
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
    order = {j: i for i, j in enumerate(JOBS + ('cycles_next', 'partner_list', 'kpi_report'))}
    data['runs'].sort(key=lambda r: (order.get(r['job'], 99), r['size_customers']))
    data['generation'].sort(key=lambda r: r['size'])
    with open(RESULTS + '.tmp', 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.replace(RESULTS + '.tmp', RESULTS)


def merge(rows, new, keys):
    kept = [r for r in rows if tuple(r.get(k) for k in keys) != tuple(new.get(k) for k in keys)]
    return kept + [new]


def run_job(args, size, job, stamp, failures):
    """Floor, then the module's job (compared with the floor), then the naive loop."""
    row = dict(stamp, job=job, module_s=None, sql_floor_s=None, naive_orm_s=None,
               peak_rss_mb=None, queries=None)
    if job in ('cycles', 'plan', 'collections', 'incentives'):
        reset = call(args, 'reset', size, job)
        if 'error' in reset:
            failures.append('%s reset at %d: %s' % (job, size, reset['error']))
            return row
    floor = call(args, 'floor', size, job)
    say('%s floor: %s' % (job, floor))
    row.update(sql_floor_s=floor.get('sql_floor_s'), floor_rows=floor.get('rows'),
               floor_queries=floor.get('queries'), floor_peak_rss_mb=floor.get('peak_rss_mb'))
    if 'error' in floor:
        failures.append('%s floor at %d: %s' % (job, size, floor['error']))
        return row
    module = call(args, 'module', size, job)
    say('%s module: %s' % (job, module))
    row.update(module_s=module.get('module_s'), peak_rss_mb=module.get('peak_rss_mb'),
               rss_before_mb=module.get('rss_before_mb'), queries=module.get('queries'),
               module_result=module.get('result'), equal_to_floor=module.get('equal_to_floor'),
               comparison=module.get('comparison'), module_error=module.get('error'))
    if 'error' in module:
        failures.append('%s module at %d: %s' % (job, size, module['error']))
    elif not module.get('equal_to_floor'):
        failures.append('%s at %d: the module\'s stored result differs from the floor\'s: %s'
                        % (job, size, module.get('comparison')))
        say('\033[31mFAIL: %s' % failures[-1])
    if job != 'cycles_next' and size <= args.naive_max \
            and (not args.naive_jobs or job in args.naive_jobs.split(',')):
        if job in ('plan', 'collections', 'incentives'):  # the naive loop starts from scratch too
            call(args, 'reset', size, job)
        naive = call(args, 'naive', size, job)
        say('%s naive: %s' % (job, naive))
        row.update(naive_orm_s=naive.get('naive_orm_s'), naive_queries=naive.get('queries'),
                   naive_peak_rss_mb=naive.get('peak_rss_mb'), naive_complete=naive.get('complete'),
                   naive_customers_done=naive.get('customers_done'), naive_rows=naive.get('rows'),
                   naive_note=naive.get('note') or naive.get('error'))
        if 'error' in naive:
            failures.append('%s naive at %d: %s' % (job, size, naive['error']))
    return row


def run(args):
    data = load_results()
    jobs = args.jobs.split(',') if args.jobs else list(JOBS)
    failures = []
    t_run = time.time()
    for size in args.size:
        say('generating %d customers' % size)
        gen = call(args, 'generate', size)
        if 'error' in gen:
            raise SystemExit('generation failed: %s' % gen['error'])
        say('generated in %ss: %s' % (gen['seconds'], {k: gen[k] for k in (
            'companies', 'contacts', 'orders', 'lines', 'events', 'added')}))
        gen['date'] = args.today
        if gen['added'] or not any(g['size'] == size for g in data.get('generation', [])):
            # a resumed run (nothing added) keeps the time of the generation it reuses
            data['generation'] = merge(data.get('generation', []), gen, ('size',))
        stamp = {'size_customers': gen['companies'], 'size_lines': gen['lines'],
                 'date': args.today}
        for job in jobs:
            for one in ([job, 'cycles_next'] if job == 'cycles' else [job]):
                row = run_job(args, size, one, stamp, failures)
                data['runs'] = merge(data['runs'], row, ('job', 'size_customers'))
                save_results(data)
        for mode in ([] if args.no_ui else ['list', 'kpi']):
            res = call(args, mode, size)
            say('%s: %s' % (mode, res))
            if 'error' in res:
                failures.append('%s at %d: %s' % (mode, size, res['error']))
            row = dict(stamp, job=res.get('job', mode), module_s=res.get('module_s'),
                       sql_floor_s=None, naive_orm_s=None, peak_rss_mb=res.get('peak_rss_mb'),
                       queries=res.get('queries'), count=res.get('count'),
                       groups=res.get('groups'))
            data['runs'] = merge(data['runs'], row, ('job', 'size_customers'))
        save_results(data)
    data['last_run'] = {'sizes': args.size, 'seconds': round(time.time() - t_run, 1),
                        'date': args.today, 'failures': failures}
    save_results(data)
    print_table(data)
    say('whole run: %.0f s' % (time.time() - t_run))
    if failures:
        for failure in failures:
            print('\033[31mFAIL: %s\033[0m' % failure)
        raise SystemExit(1)
    say('every module job equal to its floor')


def fmt(v):
    if v is None:
        return 'null'
    if isinstance(v, float):
        return '%.3f' % v
    return str(v)


def print_table(data):
    cols = ('job', 'size_customers', 'size_lines', 'module_s', 'sql_floor_s', 'naive_orm_s',
            'peak_rss_mb', 'queries', 'equal_to_floor')
    rows = [[('>' if c == 'naive_orm_s' and r.get('naive_complete') is False else '')
             + fmt(r.get(c)) for c in cols] for r in data['runs']]
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c)
              for i, c in enumerate(cols)]
    print(' | '.join(c.ljust(w) for c, w in zip(cols, widths)))
    print('-+-'.join('-' * w for w in widths))
    for r in rows:
        print(' | '.join(v.rjust(w) for v, w in zip(r, widths)))
    for g in data.get('generation', []):
        print('generation %(size)s customers: %(seconds)ss (%(orders)s orders, %(lines)s lines, '
              '%(events)s events)' % g)
    print('results: %s' % os.path.relpath(RESULTS, ROOT))


def _ratio(a, b):
    return '%.2f×' % (a / b) if a and b else ''


def _secs(v):
    return '' if v is None else '%.2f s' % v


def print_markdown(data):
    """The Performance table (docs/performance.md): one row per job and size, ratios of the same run."""
    print('| job | customers / order lines | module | SQL floor | module / floor | naive ORM '
          '| naive / module | peak RSS | queries | equal |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for r in data['runs']:
        naive = r.get('naive_orm_s')
        lower = r.get('naive_complete') is False
        naive_txt = ''
        if naive is not None:
            naive_txt = ('> %.0f s (%s customers)' % (naive, r.get('naive_customers_done'))
                         if lower else '%.1f s' % naive)
        speedup = _ratio(naive, r.get('module_s'))
        job = {'cycles': '`cycles` first night', 'cycles_next': '`cycles` next night',
               'partner_list': 'partner list, tier + class A (first page + count)',
               'kpi_report': 'KPI report `_read_group` by manager'}.get(r['job'], '`%s`' % r['job'])
        equal = {True: 'yes', False: '**NO**'}.get(r.get('equal_to_floor'), '')
        print('| %s | %dk / %.2fM | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            job, r['size_customers'] // 1000, r['size_lines'] / 1e6,
            _secs(r.get('module_s')) or 'null', _secs(r.get('sql_floor_s')),
            _ratio(r.get('module_s'), r.get('sql_floor_s')), naive_txt,
            ('≥ ' if lower else '') + speedup if speedup else '',
            '%.0f MB' % r['peak_rss_mb'] if r.get('peak_rss_mb') else '',
            r.get('queries') if r.get('queries') is not None else '', equal))
    gens = data.get('generation', [])
    if gens:
        print('| data generation | %s | %s | | | | | | | |' % (
            ' → '.join('%dk' % (g['size'] // 1000) for g in gens),
            '; '.join('+%dk: %.0f s' % (g['added'] // 1000, g['seconds']) for g in gens)))


def say(msg):
    print('\033[1m==> %s\033[0m' % msg, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('command', choices=('run', 'child', 'table'))
    parser.add_argument('mode', nargs='?')
    parser.add_argument('--size', type=int, action='append')
    parser.add_argument('--job')
    parser.add_argument('--jobs', help='comma-separated subset of %s' % ','.join(JOBS))
    parser.add_argument('--no-ui', action='store_true', help='skip partner list and KPI timings')
    parser.add_argument('--naive-max', type=int, default=20000,
                        help='naive ORM loops only up to this size (0: never)')
    parser.add_argument('--naive-jobs', help='naive ORM only for these jobs (it is slow)')
    parser.add_argument('--naive-budget', type=float, default=150,
                        help='stop each naive loop after this many seconds (default 150, 0: '
                             'never): its time is then a lower bound (naive_complete false in '
                             'results.json); unbounded, the naive loops take hours at 20k')
    parser.add_argument('--today', default=datetime.date.today().isoformat(),
                        help='the "today" of every job (default: the UTC date)')
    parser.add_argument('--markdown', action='store_true', help='table: as in docs/performance.md')
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    parser.add_argument('--db', default=os.environ.get('BENCH_DB', 'cm_bench_db'))
    args = parser.parse_args()
    args.size = args.size or [int(os.environ.get('SIZE') or 200000)]
    if args.command == 'child':
        args.size = args.size[-1]
        return child(args)
    if args.command == 'table':
        return print_markdown(load_results()) if args.markdown else print_table(load_results())
    run(args)


if __name__ == '__main__':
    main()
