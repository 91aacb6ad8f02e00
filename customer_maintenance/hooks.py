# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

import psycopg2

from odoo.tools import SQL, mute_logger

_logger = logging.getLogger(__name__)


def _module_model_names(env):
    """The persistent models the module defines (not the ones it only extends).

    Not the ir.model rows with an xmlid of the module: Odoo gives one to every model a module
    extends too (customer_maintenance.model_res_partner), and the hook would then delete the
    chatter of every partner."""
    return [name for name, model in env.registry.items()
            if model._original_module == 'customer_maintenance' and not model._abstract
            and not model._transient and model._auto]


def _empty_module_tables(env, names):
    """Empty the module's tables before Odoo deletes its records by xmlid.

    Odoo deletes the module's own records (the default tiers, demo users' data...) before it
    drops the tables; a partner's `customer_tier_id` (ondelete='restrict') or a record of
    another module model pointing to them makes those deletes fail and log errors. The rows go
    with their tables anyway: clear the references to them from the other models' tables (only
    the module's own fields can point to its models), then delete the rows, the referencing
    tables first, by passes, each delete in a savepoint so that a refused one is tried again.
    """
    tables = {env[name]._table for name in names}
    for model in env.registry.values():
        if model._abstract or not model._auto or model._table in tables:
            continue
        for field in model._fields.values():
            if field.type == 'many2one' and field.store and field.comodel_name in names:
                env.cr.execute(SQL('UPDATE %s SET %s = NULL WHERE %s IS NOT NULL',
                                   SQL.identifier(model._table), SQL.identifier(field.name),
                                   SQL.identifier(field.name)))
    left = sorted(tables)
    while left:
        refused = []
        for table in left:
            try:
                with mute_logger('odoo.sql_db'), env.cr.savepoint():
                    env.cr.execute(SQL('DELETE FROM %s', SQL.identifier(table)))
            except psycopg2.IntegrityError:
                refused.append(table)
        if len(refused) == len(left):
            _logger.warning('uninstall: could not empty %s before dropping them', refused)
            break
        left = refused
    env.invalidate_all()


def uninstall_hook(env):
    """Remove what Odoo keeps about the module's records in its own tables (activities,
    followers, chatter messages) and the module's settings, while the registry still knows
    the models: afterwards they would be orphans pointing to dropped tables. Then empty the
    module's tables so that Odoo's removal of the module's records by xmlid cannot trip over
    references to them."""
    names = _module_model_names(env)
    # activities of the module's models, and of the module's activity types on any record
    # (Odoo could not delete those types: activity_type_id is ondelete='restrict')
    type_ids = env['ir.model.data'].search([('module', '=', 'customer_maintenance'),
                                            ('model', '=', 'mail.activity.type')]).mapped('res_id')
    env['mail.activity'].sudo().search(['|', ('res_model', 'in', names),
                                        ('activity_type_id', 'in', type_ids)]).unlink()
    env['mail.followers'].sudo().search([('res_model', 'in', names)]).unlink()
    env['mail.message'].sudo().search([('model', 'in', names)]).unlink()
    env['ir.config_parameter'].sudo().search(
        [('key', '=like', 'customer_maintenance.%')]).unlink()
    _empty_module_tables(env, names)
