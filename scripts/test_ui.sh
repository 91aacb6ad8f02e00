#!/usr/bin/env bash
# `make test-ui`: the browser tours (customer_maintenance/static/tests/tours/*.js, started by
# HttpCase.start_tour from tests/test_ui*.py) in headless Chromium, run by Odoo's own test
# runner on the database `make test` built ($TEST_DB: demo data, zh_TW loaded):
#   odoo --test-tags customer_maintenance_ui/customer_maintenance --stop-after-init
# selects every test class of the module tagged `customer_maintenance_ui` (a capability adds
# its own tour classes with that tag; UI_TAGS=<test-tags spec> runs others, e.g.
# "/customer_maintenance:TestUi.test_admin_in_traditional_chinese"). Post-install tests run in
# a transaction that is rolled back: $TEST_DB is left as it was.
# Not pytest-odoo (make test): it skips every HttpCase unless given --odoo-http (scripts/test.sh leaves them out).
# Fails when Odoo's summary "N failed, M error(s) of T tests" is not "0 failed, 0 error(s)" with
# T > 0, when a test was skipped, or on any ERROR/CRITICAL line. Log: .local/test-ui.log.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
db_exists "$TEST_DB" || die "database $TEST_DB does not exist: run 'make test' first (make test-ui uses the database it builds)"
[ -f "$CONF" ] || die "$CONF missing: run 'make setup'"
command -v chromium >/dev/null || die "chromium missing: run 'make setup'"

# Odoo's browser tests need websocket-client (requirements.txt): without it Odoo skips them
"$PY" -c 'import websocket' 2>/dev/null || die "websocket-client missing from the venv: run 'make setup'"

TAGS="${UI_TAGS:-customer_maintenance_ui/customer_maintenance}"
http_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$LOCAL/test-ui.log"
: > "$log"  # Odoo appends to --logfile
say "Browser tours ($TAGS) on $TEST_DB, Odoo on port $http_port (log $log)"
start=$SECONDS
rc=0
PATH="$LOCAL/bin:$PATH" "$ODOO" -c "$CONF" -d "$TEST_DB" --test-tags "$TAGS" --stop-after-init \
    --http-port="$http_port" --workers=0 --max-cron-threads=0 --log-level=info \
    --logfile="$log" || rc=$?

summary=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -1 || true)
# the tours, their steps and what failed, as Odoo logged them
grep -E ' (ERROR|CRITICAL|WARNING) | (FAIL|ERROR): |skipped |Starting |tour succeeded|test successful' "$log" \
    | grep -v 'Running as user' | cut -c1-1500 | tail -40 || true
echo "odoo: ${summary:-no test summary in the log} (exit code $rc, $((SECONDS - start)) s)"
[ -n "$summary" ] || { tail -30 "$log"; die "Odoo ran no test (tags $TAGS): no summary line in $log"; }
read -r failed _ errors _ _ total _ <<< "$summary"
[ "$total" -gt 0 ] || die "no browser test ran (tags $TAGS)"
if grep -qE ' INFO [^ ]+ odoo\.[^ ]+: skipped ' "$log"; then
    die "a browser test was skipped (above): a tour must run or fail"
fi
if [ "$failed" != 0 ] || [ "$errors" != 0 ] || [ "$rc" != 0 ]; then
    die "browser tours failed: $summary (log: $log)"
fi
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    die "the browser tests logged errors (above; full log: $log)"
fi
say "browser tours: $total tests, all passed"
