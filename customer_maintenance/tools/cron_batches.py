# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Batched work of a nightly job that survives one bad record.

`run_batches` cuts the ids to process into batches; each batch runs in a savepoint. When a
batch fails, its records are retried one by one, each in its own savepoint: the bad record is
logged and skipped, the rest of the batch is kept. With `automatic=True` (the job was started
by ir.cron, which passes it explicitly) every batch is committed and reported with
`ir.cron._notify_progress`, so that a crash later in the night keeps the work done and the
runner reschedules the job at once; tests and buttons pass `automatic=False` and the whole
run stays in their transaction.
"""
import logging

from odoo.tools import split_every

_logger = logging.getLogger(__name__)


def run_batches(env, job, ids, process, *, batch_size, automatic=False):
    """Call `process(ids_of_batch)` for every batch of `ids`; returns (done, failed_ids).

    `process` returns nothing; it must be idempotent (a batch may be retried record by record).
    """
    ids = list(ids)
    done, failed = 0, []
    for batch in split_every(batch_size, ids, list):
        try:
            with env.cr.savepoint():
                process(batch)
        except Exception:  # noqa: BLE001 - one bad record must not stop the night
            _logger.warning('%s: a batch of %d records failed, retrying them one by one',
                            job, len(batch), exc_info=True)
            for record_id in batch:
                try:
                    with env.cr.savepoint():
                        process([record_id])
                except Exception:  # noqa: BLE001
                    _logger.exception('%s: record %s failed and is skipped', job, record_id)
                    failed.append(record_id)
        done += len(batch)
        if automatic:
            env['ir.cron']._notify_progress(done=done, remaining=len(ids) - done)
            env.cr.commit()
    return done, failed
