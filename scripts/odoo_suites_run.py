# Odoo's own server and test runner (the `odoo` command: same options, same loader, suites,
# result, log lines and summary) with one change, for `make test-odoo-suites`: the at_install
# tests of the selected modules run after the whole registry is loaded, just before the
# post_install tests, instead of while the module graph is still being loaded.
#
# Why: Odoo runs a module's at_install tests right after that module is loaded, when the
# registry holds only the modules loaded before it. Every module we extend (sale, product,
# calendar, ...) comes before customer_maintenance in the graph, so stock Odoo would run their
# at_install tests without a line of our Python code (our overrides of res.partner,
# sale.order, ...) and compare nothing. Deferred, they run against the registry that includes
# customer_maintenance when it is installed, and against the same registry without it in the
# baseline database.
#
# Stock order on a database that has all the modules installed does not work either: there the
# at_install tests of sales_team run with a registry of base..sales_team against tables that
# account has extended (res_partner.autopost_bills NOT NULL, no default in the registry), and
# every test class errors in setUpClass, with or without our module (tried, 2026-12-01).
#
# Usage: python odoo_suites_run.py <odoo server options>  (as `odoo <options>`). It logs, before
# the tests, whether customer_maintenance is in the registry they run against.
import os

# as odoo-bin does: the server's timezone is UTC before the time module is imported
os.environ['TZ'] = 'UTC'

import logging  # noqa: E402

import odoo  # noqa: E402

_logger = logging.getLogger('odoo.tests.odoo_suites_run')
_stock_preload_registries = odoo.service.server.preload_registries


def _preload_registries(dbnames):
    """Odoo's preload_registries (load the registry, run the tests) with make_suite replaced.

    odoo.tests is imported here, once the command line is parsed: imported earlier, it logs an
    error because the test mode is not on yet.
    """
    from odoo.tests import loader  # noqa: PLC0415
    global _stock_make_suite
    _stock_make_suite = loader.make_suite
    loader.make_suite = _deferred_make_suite
    return _stock_preload_registries(dbnames)


def _deferred_make_suite(module_names, position='at_install'):
    """loader.make_suite, with the at_install tests moved into the post_install phase.

    Odoo calls make_suite([module], 'at_install') once per module while loading the graph (the
    empty suite makes it skip the module) and make_suite(all_modules, 'post_install') once the
    registry is complete: that call returns the at_install tests first (the order Odoo runs
    them in: installed, then post-installed), then the post_install ones, each part sorted by
    test_sequence as Odoo sorts them.
    """
    from odoo.tests.suite import OdooSuite  # noqa: PLC0415
    if position == 'at_install':
        return OdooSuite([])
    for dbname, reg in odoo.modules.registry.Registry.registries.d.items():
        # the proof, in the log, of what registry the tests run against
        _logger.info(
            "registry of %s: %d modules, customer_maintenance %s; "
            "at_install tests deferred to here",
            dbname, len(reg._init_modules),
            'LOADED' if 'customer_maintenance' in reg._init_modules else 'NOT LOADED')
    at_install = _stock_make_suite(module_names, 'at_install')
    post_install = _stock_make_suite(module_names, 'post_install')
    return OdooSuite(list(at_install) + list(post_install))


# ThreadedServer.run calls the module's global preload_registries
odoo.service.server.preload_registries = _preload_registries

if __name__ == '__main__':
    odoo.cli.main()
