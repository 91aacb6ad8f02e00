#!/usr/bin/env bash
# `make bench SIZE=N`: builds or reuses $BENCH_DB (module installed, no demo data), upgrades
# the module in it (BENCH_UPGRADE=0 skips that), then runs bench/bench.py with the arguments.
# The big runs stay out of `make test`. BENCH_FRESH=1 drops the database first: growing
# reuses the data, shrinking is refused (start fresh instead).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
BENCH_DB="${BENCH_DB:-cm_bench_db}"
export BENCH_DB
log="$LOCAL/bench-install.log"
: > "$log"
if [ "${BENCH_FRESH:-0}" = 1 ] && db_exists "$BENCH_DB"; then
    say "Dropping $BENCH_DB (BENCH_FRESH=1)"
    psql_odoo -d postgres -c "DROP DATABASE \"$BENCH_DB\""
    rm -f "$ROOT/bench/out/results.json"
fi
if db_exists "$BENCH_DB"; then
    if [ "${BENCH_UPGRADE:-1}" = 1 ]; then
        say "Upgrading customer_maintenance in $BENCH_DB"
        "$PY" "$ODOO" -c "$CONF" -d "$BENCH_DB" -u customer_maintenance --stop-after-init \
            --logfile="$log" || { tail -30 "$log"; die "upgrade failed (log: $log)"; }
    fi
else
    say "Creating $BENCH_DB (module installed, without demo data)"
    "$PY" "$ODOO" -c "$CONF" -d "$BENCH_DB" -i customer_maintenance --without-demo=all \
        --stop-after-init --logfile="$log" || { tail -30 "$log"; die "install failed (log: $log)"; }
fi
cd "$ROOT"
"$PY" bench/bench.py "$@"
