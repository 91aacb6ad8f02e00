# Run INSIDE `odoo shell` (stdin) by scripts/test_concurrency.sh, twice at once: one worker.
# Loads the registry, says it is ready, waits for the "go" file, runs the job, commits.
import json
import os
import sys
import time
import traceback

model = os.environ['CM_JOB_MODEL']
method = os.environ['CM_JOB_METHOD']
args_expr = os.environ.get('CM_JOB_ARGS', '').strip()
barrier = os.environ['CM_JOB_BARRIER']
name = os.environ['CM_JOB_WORKER']
cr = env.cr  # noqa: F821 (odoo shell)

args = eval(args_expr) if args_expr else []  # expression from scripts/concurrency_jobs.txt
cron = env['ir.cron'].search([('model_id.model', '=', model), ('code', 'like', method)], limit=1)  # noqa: F821
how = 'ir.cron %r (%s)' % (cron.name, cron.code.strip()) if cron else '%s.%s(%d args)' % (
    model, method, len(args))
env['res.users'].browse(1).read(['name'])  # warm up: connection and caches before the barrier  # noqa: F821
open(os.path.join(barrier, name + '.ready'), 'w').close()
deadline = time.time() + 300
while not os.path.exists(os.path.join(barrier, 'go')):
    if time.time() > deadline:
        raise SystemExit('%s: no go signal within 300 s' % name)
    time.sleep(0.005)
start = time.time()
try:
    if cron:
        # what the cron worker runs (ir.cron._callback): the server action, as the cron's user
        cron.ir_actions_server_id.sudo(cron.user_id).run()
    else:
        getattr(env[model], method)(*args)  # noqa: F821
    cr.commit()
except Exception:
    cr.rollback()
    traceback.print_exc()
    print(json.dumps({'worker': name, 'ok': False, 'how': how, 'start': start,
                      'seconds': round(time.time() - start, 3)}))
    sys.stdout.flush()
    raise SystemExit(1)
print(json.dumps({'worker': name, 'ok': True, 'how': how, 'start': start,
                  'seconds': round(time.time() - start, 3)}))
