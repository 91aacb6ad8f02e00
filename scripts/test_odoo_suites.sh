#!/usr/bin/env bash
# `make test-odoo-suites`: Odoo's own test suites of the modules customer_maintenance extends
# (sale, sales_team, product, calendar, contacts) must not fail more with the module installed
# than without it (issue 15, §6).
#   1. cm_suites_<pid>_without: a fresh database with demo data (Odoo 18's default, which
#      these suites are written for; our `make test` database has it too) and those five
#      modules plus every module of customer_maintenance's manifest `depends`, so the same
#      modules as 2. but customer_maintenance; no test runs while installing.
#   2. cm_suites_<pid>_with: a copy of 1. (database and filestore: the same records, ids and
#      images) with `-i customer_maintenance`, its demo data included. The installed modules of
#      1. and 2. must differ by customer_maintenance alone.
#   3. in each, Odoo's runner: `--test-tags /sale,/sales_team,/product,/calendar,/contacts
#      --stop-after-init`, at_install and post_install tests, through
#      scripts/odoo_suites_run.py, which runs the at_install tests after the whole registry is
#      loaded (stock Odoo runs them while the graph loads, before customer_maintenance, whose
#      overrides would then be absent): both runs log the registry they test against.
#   4. scripts/odoo_suites_compare.py reads the two logs: fails when the two runs did not run
#      the same tests, when a module ran no test, or when a run did not finish; a test that
#      fails or errors with the module but not without is run again alone in both databases
#      (a browser tour can time out on a busy machine) and fails the check when it fails again
#      with the module and passes without.
# Both databases are dropped at the end (KEEP_DB=1 keeps them; SUITES_DB=cm_suites_<pid> then
# runs only the tests again on them). Logs: .local/odoo-suites/.
# SUITE_MODULES=sale,product runs fewer suites (while investigating).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
[ -f "$CONF" ] || die "$CONF missing: run 'make setup'"
command -v chromium >/dev/null || die "chromium missing (the suites hold browser tours): run 'make setup'"
"$PY" -c 'import websocket' 2>/dev/null || die "websocket-client missing from the venv (Odoo would skip every tour): run 'make setup'"

MODULES="${SUITE_MODULES:-sale,sales_team,product,calendar,contacts}"
# what the baseline installs: the suites' modules and customer_maintenance's own dependencies
DEPENDS=$("$PY" -c '
import ast
manifest = ast.literal_eval(open("customer_maintenance/__manifest__.py").read())
print(",".join(manifest["depends"]))')
BASE=$(printf '%s\n' ${MODULES//,/ } ${DEPENDS//,/ } | awk '!seen[$0]++' | paste -sd, -)
TAGS=$(printf '/%s,' ${MODULES//,/ }); TAGS="${TAGS%,}"

prefix="${SUITES_DB:-cm_suites_$$}"
case "$prefix" in cm_suites_*) ;; *) die "SUITES_DB must start with cm_suites_ (its databases are dropped)";; esac
DB_WITHOUT="${prefix}_without"
DB_WITH="${prefix}_with"
reuse=0
if [ -n "${SUITES_DB:-}" ] && db_exists "$DB_WITHOUT" && db_exists "$DB_WITH"; then
    reuse=1  # the databases of an earlier KEEP_DB=1 run: only the tests run again
    KEEP_DB=1
fi
work="$LOCAL/odoo-suites"
mkdir -p "$work"
filestore="$LOCAL/data/filestore"

drop_dbs() {
    if [ "${KEEP_DB:-0}" = 1 ]; then say "KEEP_DB=1: keeping $DB_WITHOUT and $DB_WITH"; return; fi
    for db in "$DB_WITHOUT" "$DB_WITH"; do
        psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" || true
        rm -rf "${filestore:?}/$db"
    done
}
trap drop_dbs EXIT

check_log() {  # $1: log, $2: what it was: fail on any ERROR/CRITICAL line Odoo logged
    if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"; then
        die "$2 logged errors (above; full log: $1)"
    fi
}

start=$SECONDS
if [ "$reuse" = 1 ]; then
    say "odoo suites: reusing $DB_WITHOUT and $DB_WITH (SUITES_DB=$prefix)"
else
    say "odoo suites: $DB_WITHOUT with demo data and $BASE (no customer_maintenance)"
    log="$work/install-without.log"; : > "$log"
    PATH="$LOCAL/bin:$PATH" "$ODOO" -c "$CONF" -d "$DB_WITHOUT" -i "$BASE" --stop-after-init --no-http \
        --log-level=info --logfile="$log" || { tail -30 "$log"; die "installing $BASE failed (log: $log)"; }
    check_log "$log" "installing $BASE"

    say "odoo suites: $DB_WITH = copy of $DB_WITHOUT + customer_maintenance ($((SECONDS - start)) s so far)"
    psql_odoo -d postgres -c "CREATE DATABASE \"$DB_WITH\" TEMPLATE \"$DB_WITHOUT\""
    if [ -d "$filestore/$DB_WITHOUT" ]; then
        rm -rf "${filestore:?}/$DB_WITH"
        cp -a "$filestore/$DB_WITHOUT" "$filestore/$DB_WITH"
    fi
    log="$work/install-with.log"; : > "$log"
    PATH="$LOCAL/bin:$PATH" "$ODOO" -c "$CONF" -d "$DB_WITH" -i customer_maintenance --stop-after-init --no-http \
        --log-level=info --logfile="$log" || { tail -30 "$log"; die "installing customer_maintenance failed (log: $log)"; }
    check_log "$log" "installing customer_maintenance"
fi

installed() {
    psql_odoo -d "$1" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed' ORDER BY name"
}
extra=$(comm -13 <(installed "$DB_WITHOUT") <(installed "$DB_WITH") | paste -sd' ' -)
missing=$(comm -23 <(installed "$DB_WITHOUT") <(installed "$DB_WITH") | paste -sd' ' -)
[ "$extra" = customer_maintenance ] && [ -z "$missing" ] \
    || die "the two databases must differ by customer_maintenance alone: only with it: '$extra'; only without: '$missing'"
say "odoo suites: $(installed "$DB_WITHOUT" | wc -l) modules installed without, the same + customer_maintenance with ($((SECONDS - start)) s so far)"

run_tests() {  # $1: without|with, $2: test tags, $3: log; Odoo's runner through odoo_suites_run.py
    local db="${prefix}_$1" log="$3" http_port rc=0 t0=$SECONDS
    : > "$log"
    http_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    say "odoo suites: $2 on $db (at_install tests after the registry, port $http_port, log $log)"
    # exit code 1 = some test failed, which both runs may do: the comparison decides
    PATH="$LOCAL/bin:$PATH" "$PY" scripts/odoo_suites_run.py -c "$CONF" -d "$db" --test-tags "$2" --stop-after-init \
        --http-port="$http_port" --workers=0 --max-cron-threads=0 --log-level=info \
        --logfile="$log" || rc=$?
    echo "  $1: $(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -1 || echo 'no summary') (exit code $rc, $((SECONDS - t0)) s)"
}

t_tests=$SECONDS
for side in without with; do
    run_tests "$side" "$TAGS" "$work/tests-$side.log"
done
t_tests=$((SECONDS - t_tests))

say "odoo suites: comparing the two runs"
rc=0
"$PY" scripts/odoo_suites_compare.py compare "$work/tests-without.log" "$work/tests-with.log" "$MODULES" \
    "$work/new-failures.txt" || rc=$?
if [ "$rc" = 3 ]; then
    # a test failing only with the module: run it again alone in both databases (a browser
    # tour can time out on a busy machine); it counts when it fails again with, passes without
    rerun_tags=$("$PY" scripts/odoo_suites_compare.py tags "$work/new-failures.txt")
    say "odoo suites: running again, alone, what failed only with the module: $rerun_tags"
    for side in without with; do
        run_tests "$side" "$rerun_tags" "$work/rerun-$side.log"
    done
    rc=0
    "$PY" scripts/odoo_suites_compare.py confirm "$work/rerun-without.log" "$work/rerun-with.log" \
        "$work/new-failures.txt" || rc=$?
fi
echo "odoo suites: the two test runs took $t_tests s; $((SECONDS - start)) s in all"
[ "$rc" = 0 ] || die "Odoo's own suites fail more with customer_maintenance, or did not run comparably (above; logs: $work/)"
say "odoo suites: no test of $MODULES fails more with customer_maintenance"
