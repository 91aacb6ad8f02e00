# customer_maintenance: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
DB ?= customer_maintenance_demo
PORT ?= 8069
TEST_DB ?= customer_maintenance_test
SIZE ?= 200000
export DB PORT TEST_DB SIZE

.PHONY: setup run test stop

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run.sh

test: setup
	@bash scripts/test.sh

stop:
	@bash scripts/stop.sh

# --- bench (issue 8): the nightly jobs at scale; see README "Performance" and bench/
BENCH_DB ?= customer_maintenance_bench
export BENCH_DB
.PHONY: bench bench-curve

bench: setup
	@bash bench/bench.sh run --size $(SIZE)

bench-curve: setup
	@bash bench/bench.sh curve
