# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).


def _module_model_names(env):
    """The persistent models the module defines (not the ones it only extends)."""
    data = env['ir.model.data'].search(
        [('module', '=', 'customer_maintenance'), ('model', '=', 'ir.model')])
    names = env['ir.model'].browse(data.mapped('res_id')).mapped('model')
    return [name for name in names if name in env and not env[name]._abstract
            and not env[name]._transient]


def uninstall_hook(env):
    """Remove what Odoo keeps about the module's records in its own tables (activities,
    followers, chatter messages) and the module's settings, while the registry still knows
    the models: afterwards they would be orphans pointing to dropped tables."""
    names = _module_model_names(env)
    env['mail.activity'].sudo().search([('res_model', 'in', names)]).unlink()
    env['mail.followers'].sudo().search([('res_model', 'in', names)]).unlink()
    env['mail.message'].sudo().search([('model', 'in', names)]).unlink()
    env['ir.config_parameter'].sudo().search(
        [('key', '=like', 'customer_maintenance.%')]).unlink()
