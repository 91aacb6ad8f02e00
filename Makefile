# customer_maintenance: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
DB ?= customer_maintenance_demo
PORT ?= 8069
TEST_DB ?= customer_maintenance_test
export DB PORT TEST_DB

.PHONY: setup run test stop i18n

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
