# customer_maintenance: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
DB ?= customer_maintenance_demo
PORT ?= 8069
TEST_DB ?= customer_maintenance_test
SIZE ?= 200000
export DB PORT TEST_DB SIZE

.PHONY: setup run test stop
.PHONY: test-ui test-lifecycle test-concurrency

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run.sh

test: setup
	@bash scripts/test.sh

stop:
	@bash scripts/stop.sh

.PHONY: i18n
i18n: setup
	@bash scripts/i18n.sh

# real-browser tests against the database `make test` built (make test first)
test-ui: setup
	@bash scripts/test_ui.sh

# upgrade keeps the data, uninstall leaves Odoo working (throwaway copy of $(TEST_DB))
test-lifecycle: setup
	@bash scripts/test_lifecycle.sh

# the jobs of scripts/concurrency_jobs.txt in two Odoo processes at once: no duplicates
test-concurrency: setup
	@bash scripts/test_concurrency.sh

# --- bench (issue 8): the nightly jobs at scale; see README "Performance" and bench/
BENCH_DB ?= customer_maintenance_bench
export BENCH_DB
.PHONY: bench bench-curve
bench: setup
	@bash bench/bench.sh run --size $(SIZE)
bench-curve: setup
	@bash bench/bench.sh curve
