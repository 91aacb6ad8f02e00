# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Who may start the module's work that the access rights of its models do not protect.

A public method (no leading `_`) can be called by any logged-in user, portal users included,
through `/web/dataset/call_kw` and XML-RPC's `execute_kw`. The nightly jobs work through raw
SQL or `sudo()`, where record rules never apply: their entry points check the caller here,
before any work, once for all of them (`tools/job_lock.single_run` calls it).

The scheduler is recognised the way `ir.cron` calls a job: as the superuser (the module's
crons run as `base.user_root`, and "Run Manually" runs a cron as its user), or as the user of
the scheduled action named by `cron_id` in the context (`ir.cron._run_job` sets it; a caller
can put any id in its context, so the action must exist, be active and belong to the caller:
the administrator chose that user to run it).
"""
from odoo.exceptions import AccessError

SUPERVISOR_GROUP = 'customer_maintenance.group_manager'


def is_scheduler(env):
    """True when `env` is the scheduler running a job (see the module docstring)."""
    if env.su:
        return True
    cron_id = env.context.get('cron_id')
    if not isinstance(cron_id, int) or isinstance(cron_id, bool):
        return False
    cron = env['ir.cron'].sudo().browse(cron_id).exists()
    return bool(cron) and cron.active and cron.user_id.id == env.uid


def is_supervisor(env):
    return env.user.has_group(SUPERVISOR_GROUP)


def check_job_caller(env, model, method):
    """Refuse, with an AccessError that says who may, anyone but the scheduler and the
    supervisors (who may "Run now" what the scheduler runs)."""
    if is_scheduler(env) or is_supervisor(env):
        return
    raise AccessError(env._(
        'Only the scheduler and the Customer Maintenance supervisors may run "%(method)s" of '
        '%(model)s. An administrator can start its scheduled action at once (Settings > '
        'Technical > Scheduled Actions > Run Manually).', method=method,
        model=env[model]._description))


def window_action(records, xmlid):
    """The window action `xmlid` as a dict, for a user who may read `records` (the record a
    button is on, or an empty recordset of the button's model) and the action's records. The
    buttons that open a list of the module's records start here: an employee without the
    module's groups or a portal user gets an AccessError, not a list he may not read."""
    records.check_access('read')
    action = records.env['ir.actions.act_window']._for_xml_id(xmlid)
    records.env[action['res_model']].check_access('read')
    return action


def report_action(records, xmlid):
    """The print action of report `xmlid` on `records`, for a user of the report's groups
    who may read them (checked here, before the PDF is rendered)."""
    records.check_access('read')
    report = records.env.ref(xmlid)
    if report.groups_id and not report.groups_id & records.env.user.groups_id:
        raise AccessError(records.env._(
            'You may not print "%(report)s": it is for %(groups)s.', report=report.name,
            groups=', '.join(report.groups_id.mapped('full_name'))))
    return report.report_action(records)
