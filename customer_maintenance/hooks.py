# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tools import mute_logger


def uninstall_hook(cr, registry):
    """Remove the chatter records (activities, followers, messages) of the module's models
    while the registry still knows them.

    Odoo 11 drops the module's columns first and its models afterwards; deleting a model then
    deletes its activities through the ORM, which recomputes partner fields and reads
    res_partner with the already-dropped columns (abc_date, ...) — the uninstall aborts.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    model_ids = env['ir.model.data'].search(
        [('module', '=', 'customer_maintenance'), ('model', '=', 'ir.model')]).mapped('res_id')
    names = [m.model for m in env['ir.model'].browse(model_ids)
             if m.model in env and not env[m.model]._abstract]
    env['mail.activity'].search([('res_model', 'in', names)]).unlink()
    env['mail.followers'].search([('res_model', 'in', names)]).unlink()
    env['mail.message'].search([('model', 'in', names)]).unlink()
    # The module's rows go with their tables anyway; removing them first lets Odoo delete the
    # module's own records (demo users, tiers) without tripping over references to them.
    cr.execute("UPDATE res_partner SET customer_tier_id = NULL WHERE customer_tier_id IS NOT NULL")
    tables = [env[name]._table for name in names
              if env[name]._auto and not env[name]._transient]
    # tables reference each other (events -> gifts, ...): empty the referencing ones first,
    # by passes, each delete in a savepoint so that a refused one is tried again later
    while tables:
        left = []
        for table in tables:
            try:
                with mute_logger('odoo.sql_db'), cr.savepoint():
                    # the table name comes from the registry, never from input
                    cr.execute('DELETE FROM "%s"' % table)
            except psycopg2.IntegrityError:
                left.append(table)
        if len(left) == len(tables):
            break
        tables = left
