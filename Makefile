# customer_maintenance: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
DB ?= customer_maintenance_demo
PORT ?= 8069
TEST_DB ?= customer_maintenance_test
export DB PORT TEST_DB

.PHONY: setup run test stop i18n
.PHONY: test-ui test-lifecycle test-concurrency

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run.sh

test: setup
	@bash scripts/test.sh

stop:
	@bash scripts/stop.sh

# regenerate the .pot and merge it into zh_TW.po / zh_CN.po (needs the database of make test)
i18n: setup
	@bash scripts/i18n.sh

# the checks .ci/run runs after `make test`, each on the database `make test` built ($(TEST_DB)):
# the JS tours (HttpCase.start_tour in Chromium) with Odoo's own test runner
test-ui: setup
	@bash scripts/test_ui.sh

# upgrade keeps the data, uninstall leaves Odoo working (throwaway copy of $(TEST_DB))
test-lifecycle: setup
	@bash scripts/test_lifecycle.sh

# the jobs of scripts/concurrency_jobs.txt in two Odoo processes at once: no duplicates
test-concurrency: setup
	@bash scripts/test_concurrency.sh

# the README's screenshots (docs/screenshots/<page>.<lang>.png, English and zh_TW) in headless
# Chromium, from the demo database $(SHOTS_DB) (created like make run's, upgraded when there;
# FRESH=1 recreates it) served on port $(SHOTS_PORT) while they are taken
SHOTS_DB ?= customer_maintenance_screenshots
SHOTS_PORT ?= 8079
export SHOTS_DB SHOTS_PORT
.PHONY: screenshots
screenshots: setup
	@bash scripts/screenshots.sh

# an OCA add-on from its PyPI wheel (pinned in requirements.txt) installed beside the module
.PHONY: test-oca
test-oca: setup
	@bash scripts/test_oca_addon.sh

# the module as a wheel (whool, customer_maintenance/pyproject.toml) in a fresh venv beside Odoo
.PHONY: test-wheel
test-wheel: setup
	@bash scripts/test_wheel.sh

# Odoo's own tests of sale, sales_team, product, calendar and contacts in two fresh databases
# (without and with customer_maintenance): none may fail with the module that passes without
.PHONY: test-odoo-suites
test-odoo-suites: setup
	@bash scripts/test_odoo_suites.sh

# the nightly jobs at scale against their SQL floors and naive ORM loops (bench/,
# docs/performance.md): builds or grows $(BENCH_DB) (default cm_bench_db, BENCH_FRESH=1 drops it);
# `make bench SIZE=1000 BENCH_DB=cm_bench_smoke BENCH_FRESH=1` is the smoke check
SIZE ?= 200000
BENCH_ARGS ?=
.PHONY: bench
bench: setup
	@bash bench/bench.sh run --size $(SIZE) $(BENCH_ARGS)
