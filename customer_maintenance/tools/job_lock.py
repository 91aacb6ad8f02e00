# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""One run of a nightly job at a time, across processes and machines (two cron workers, or a
cron and a supervisor's "Run now"): a PostgreSQL advisory lock per job.

The lock is transaction-level (`pg_try_advisory_xact_lock`) on a connection of its own, held
until the job ends: the job's cursor commits after each batch when run by ir.cron, which would
release a lock taken on it; a crashed job or process releases the lock with its connection.
"""
import contextlib
import functools
import logging

from odoo import sql_db
from odoo.tools import SQL

from .caller import check_job_caller

_logger = logging.getLogger(__name__)

LOCK_PREFIX = 'customer_maintenance.'


@contextlib.contextmanager
def job_lock(env, job):
    """Yield True when this process holds the lock of `job`, False when another one runs it."""
    lock_cr = sql_db.db_connect(env.cr.dbname).cursor()
    try:
        lock_cr.execute(SQL('SELECT pg_try_advisory_xact_lock(hashtext(%s))', LOCK_PREFIX + job))
        locked = lock_cr.fetchone()[0]
        if not locked:
            _logger.info('%s: already running in another process, this run is skipped', job)
        yield locked
    finally:
        lock_cr.rollback()  # ends the lock's transaction, which releases the lock
        lock_cr.close()


def single_run(job):
    """Decorator of a `cron_<verb>` method: it runs only for the scheduler and the
    supervisors (`tools/caller.py`: anyone else gets an AccessError before any work, the lock
    included), and only when no other process runs `job`; otherwise it logs and returns False
    (the other run does the work).

    Called by ir.cron (`automatic=True`), the job's work is committed before the lock is
    released: otherwise a second process could take the lock in the moment between the end of
    the method and the runner's commit, not see the first run's last writes, and redo them.
    """
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            check_job_caller(self.env, self._name, method.__name__)
            with job_lock(self.env, job) as locked:
                if not locked:
                    return False
                if kwargs.get('automatic'):
                    # a fresh snapshot: the runner's transaction may have begun before another
                    # process committed its run and released the lock, and would then update
                    # the rows that run wrote (serialization failure under REPEATABLE READ)
                    self.env.cr.commit()
                result = method(self, *args, **kwargs)
                if kwargs.get('automatic'):
                    self.env.cr.commit()
                return result
        return wrapper
    return decorator
