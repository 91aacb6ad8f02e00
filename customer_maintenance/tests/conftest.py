# pytest (make test, pytest-odoo) only. Odoo's runner never reads this file.
#
# test_ui*.py hold the HttpCase browser tours. pytest-odoo runs an HttpCase only with
# --odoo-http (it then starts Odoo's HTTP server in the pytest process); without it, it
# reports every one as skipped. `make test` (scripts/test.sh) does not pass it, so the tours
# would show up as silent "s" in every run: they are left out of pytest here, on purpose, and
# run by `make test-ui` with Odoo's own test runner instead (scripts/test_ui.sh).
collect_ignore_glob = ['test_ui*.py']
