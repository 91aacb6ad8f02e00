#!/usr/bin/env bash
# `make bench SIZE=N` / `make bench-curve`: builds or reuses $BENCH_DB (module installed,
# no demo data), upgrades the module in it (BENCH_UPGRADE=0 skips that), then runs
# bench/bench.py. The big runs stay out of `make test`. BENCH_FRESH=1 drops the database
# first: growing reuses the data, but shrinking by many customers is slow (deleting partners
# pays a foreign-key check per row in every referencing table), so start fresh instead.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
BENCH_DB="${BENCH_DB:-customer_maintenance_bench}"
log="$LOCAL/bench-install.log"
: > "$log"
if [ "${BENCH_FRESH:-0}" = 1 ] && db_exists "$BENCH_DB"; then
    say "Dropping $BENCH_DB (BENCH_FRESH=1)"
    psql_odoo -d postgres -c "DROP DATABASE \"$BENCH_DB\""
fi
if db_exists "$BENCH_DB"; then
    if [ "${BENCH_UPGRADE:-1}" = 1 ]; then
        say "Upgrading customer_maintenance in $BENCH_DB"
        "$ODOO" -c "$CONF" -d "$BENCH_DB" -u customer_maintenance --stop-after-init \
            --logfile="$log" || { tail -30 "$log"; die "upgrade failed (log: $log)"; }
    fi
else
    say "Creating $BENCH_DB (module installed, without demo data)"
    "$ODOO" -c "$CONF" -d "$BENCH_DB" -i customer_maintenance --without-demo=all \
        --stop-after-init --logfile="$log" || { tail -30 "$log"; die "install failed (log: $log)"; }
fi
cd "$ROOT"
export PGHOST="$DB_HOST" PGPORT="$DB_PORT"
if [ "${1:-run}" = curve ]; then
    "$PY" bench/bench.py run --size 10000 --size 50000 --size 200000
    "$PY" bench/plot_curve.py
else
    "$PY" bench/bench.py "$@"
fi
