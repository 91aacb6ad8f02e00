# pytest (make test, pytest-odoo) only; Odoo's own runner never reads this file. At the root of
# the repository, not in customer_maintenance/tests: a conftest inside the add-on would make
# pytest import the add-on as `customer_maintenance`, not `odoo.addons.customer_maintenance`.
#
# tests/test_ui*.py hold the HttpCase browser tours. pytest-odoo runs an HttpCase only with
# --odoo-http (it then starts Odoo's HTTP server inside pytest) and reports every one as
# skipped otherwise; `make test` (scripts/test.sh) does not pass it, so the tours would show up
# as silent "s" in every run. They are left out of pytest here, on purpose, and run by
# `make test-ui` with Odoo's own test runner (scripts/test_ui.sh), which fails on a skip.
collect_ignore_glob = ['customer_maintenance/tests/test_ui*.py']
