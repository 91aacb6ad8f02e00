# Run INSIDE `odoo shell` (stdin) by scripts/test_concurrency.sh, twice at once: one worker.
# Loads the registry, warms up, ends its transaction, says it is ready, waits for the "go"
# file, then runs the job in a transaction of its own (started after "go": neither worker
# reads a snapshot older than the release) and prints one JSON line with its timings.
#
# The job (see the header of scripts/concurrency_jobs.txt):
#   - model "-": a function of this file (WORKER_FUNCTIONS), for the runner's own checks;
#   - an ir.cron exists whose model is `model` and whose code calls `model.<method>(`: run the
#     18.0 way, as the cron worker does (ir.cron._run_job: the cron's user, context lastcall
#     and cron_id, an ir.cron.progress record, the server action through ir.cron._callback,
#     the code's own `automatic=True`, repeated while it reports remaining work);
#   - otherwise `env[model].<method>(*args)`, committed.
import json
import os
import sys
import time
import traceback

from odoo.addons.customer_maintenance.tools.job_lock import single_run

model = os.environ['CM_JOB_MODEL']
method = os.environ['CM_JOB_METHOD']
args_expr = os.environ.get('CM_JOB_ARGS', '').strip()
barrier = os.environ['CM_JOB_BARRIER']
name = os.environ['CM_JOB_WORKER']
registry = env.registry  # noqa: F821 (odoo shell)

SELFCHECK_TAG = 'CM concurrency self-check'


def _find_or_create_tag(categories):
    """A find-or-create without a unique constraint (res.partner.category has none on its
    name), with the work a real job does between finding and creating (1 s): two processes
    that overlap both find nothing and both create."""
    found = categories.search([('name', '=', SELFCHECK_TAG)])
    time.sleep(1.0)
    if not found:
        categories.create({'name': SELFCHECK_TAG})
    return 'found' if found else 'created'


def selfcheck_find_or_create(env):
    """The known race: MUST produce duplicates when the two workers overlap."""
    return _find_or_create_tag(env['res.partner.category'])


@single_run('concurrency_selfcheck')
def _locked_find_or_create(categories):
    result = _find_or_create_tag(categories)
    categories.env.cr.commit()  # inside the lock, as run_batches(automatic=True) does
    return result


def single_run_find_or_create(env):
    """The same race under the module's @single_run (tools/job_lock.py): no duplicate; the
    worker that does not get the lock skips (returns False)."""
    return _locked_find_or_create(env['res.partner.category']) or 'skipped: lock held'


WORKER_FUNCTIONS = {
    'selfcheck_find_or_create': selfcheck_find_or_create,
    'single_run_find_or_create': single_run_find_or_create,
}


def find_cron():
    if model == '-':
        return None
    return env['ir.cron'].with_context(active_test=False).search(  # noqa: F821
        [('model_id.model', '=', model), ('code', 'like', '.%s(' % method)], limit=1)


def run_cron(cron):
    """ir.cron._run_job on this cron's row, as ir.cron._process_job calls it (without taking
    the cron's row lock, which is what lets two of them run at once here)."""
    env.cr.execute("""SELECT id, cron_name, user_id, lastcall, ir_actions_server_id, active,
                             0 AS timed_out_counter
                        FROM ir_cron WHERE id = %s""", [cron.id])  # noqa: F821
    job = env.cr.dictfetchall()[0]  # noqa: F821
    env.cr.rollback()  # noqa: F821
    status = registry['ir.cron']._run_job(job)
    if status == 'failed':
        raise RuntimeError('ir.cron._run_job: %s (the server action raised: see the log)' % status)
    return status


def run_call():
    args = eval(args_expr) if args_expr else []  # expression from scripts/concurrency_jobs.txt
    with registry.cursor() as job_cr:  # commits at the end
        job_env = env(cr=job_cr)  # noqa: F821
        if model == '-':
            return WORKER_FUNCTIONS[method](job_env, *args)
        return getattr(job_env[model], method)(*args)


if model == '-' and method not in WORKER_FUNCTIONS:
    raise SystemExit('%s: no worker function %r in scripts/concurrency_worker.py' % (name, method))
if model != '-' and model not in registry:
    raise SystemExit('%s: no model %r in the registry' % (name, model))
cron = find_cron()
how = ('ir.cron %r (%s)' % (cron.cron_name, cron.code.strip()) if cron else
       '%s(%s)' % (method if model == '-' else '%s.%s' % (model, method), args_expr))
env['res.users'].browse(1).read(['name'])  # noqa: F821 (warm up: connection and caches)
env.cr.rollback()  # noqa: F821 (no transaction, no snapshot across the barrier)
open(os.path.join(barrier, name + '.ready'), 'w').close()
deadline = time.time() + 300
while not os.path.exists(os.path.join(barrier, 'go')):
    if time.time() > deadline:
        raise SystemExit('%s: no go signal within 300 s' % name)
    time.sleep(0.005)
start = time.time()
try:
    result = run_cron(cron) if cron else run_call()
except Exception:  # noqa: BLE001 - reported as the worker's result
    traceback.print_exc()
    print(json.dumps({'worker': name, 'ok': False, 'how': how, 'start': start,
                      'end': time.time()}))
    sys.stdout.flush()
    raise SystemExit(1)
print(json.dumps({'worker': name, 'ok': True, 'how': how, 'result': str(result)[:200],
                  'start': start, 'end': time.time()}))
