#!/usr/bin/env bash
# `make test-concurrency`: every job of scripts/concurrency_jobs.txt runs in two Odoo
# processes at once against one throwaway database (cm_concurrency_<pid>, a copy of
# $CONCURRENCY_TEMPLATE, default $TEST_DB; dropped at the end, KEEP_DB=1 keeps it); then the
# job's duplicate SQL must return no row (the format of a job: the header of
# scripts/concurrency_jobs.txt; the worker: scripts/concurrency_worker.py, which runs crons
# through ir.cron._run_job as the 18.0 cron worker does). JOBS="name1 name2" runs only those
# jobs; without JOBS the self-check (expect = duplicates) must run and find its duplicates.
# CONCURRENCY_JOBS_FILE=<file> reads another list (proofs that the runner fails).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
CC_DB="${CONCURRENCY_DB:-cm_concurrency_$$}"
case "$CC_DB" in cm_concurrency_*) ;; *) die "CONCURRENCY_DB must start with cm_concurrency_ (it is dropped)";; esac
TEMPLATE="${CONCURRENCY_TEMPLATE:-$TEST_DB}"
db_exists "$TEMPLATE" || die "database $TEMPLATE does not exist: run 'make test' first"
work="$LOCAL/concurrency"
mkdir -p "$work"
pids=()
cleanup() {
    for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
    if [ "${KEEP_DB:-0}" = 1 ]; then say "KEEP_DB=1: keeping $CC_DB"; return; fi
    psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$CC_DB\"" || true
}
trap cleanup EXIT

psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$CC_DB\""
psql_odoo -d postgres -c "CREATE DATABASE \"$CC_DB\" TEMPLATE \"$TEMPLATE\"" \
    || die "cannot copy $TEMPLATE (is a server or shell still connected to it?)"

failures=0
ran=0
selfchecks=0
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue;; esac
    IFS='|' read -r name expect model method args dup_sql prepare_sql <<< "$line"
    trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
    name=$(trim "$name"); expect=$(trim "$expect"); model=$(trim "$model"); method=$(trim "$method")
    args=$(trim "$args"); dup_sql=$(trim "$dup_sql"); prepare_sql=$(trim "${prepare_sql:-}")
    if [ -n "${JOBS:-}" ] && [[ " $JOBS " != *" $name "* ]]; then continue; fi
    case "$expect" in clean|duplicates) ;; *) die "job $name: expect is '$expect', not clean or duplicates";; esac
    [ -n "$dup_sql" ] || die "job $name: no duplicate SQL"
    ran=$((ran + 1))
    say "concurrency: $name ($model.$method, two processes at once, expect $expect)"
    [ -n "$prepare_sql" ] && psql_odoo -d "$CC_DB" -c "$prepare_sql"
    barrier="$work/$name.barrier"
    rm -rf "$barrier"; mkdir -p "$barrier"
    rm -f "$work/$name".worker?.log "$work/$name".worker?.out  # Odoo appends to --logfile
    pids=()
    for w in 1 2; do
        CM_JOB_MODEL="$model" CM_JOB_METHOD="$method" CM_JOB_ARGS="$args" CM_JOB_BARRIER="$barrier" \
        CM_JOB_WORKER="worker$w" "$ODOO" shell -c "$CONF" -d "$CC_DB" --no-http --log-level=warn \
            --logfile="$work/$name.worker$w.log" < scripts/concurrency_worker.py \
            > "$work/$name.worker$w.out" 2>&1 &
        pids+=($!)
    done
    for i in $(seq 1 1200); do
        [ -f "$barrier/worker1.ready" ] && [ -f "$barrier/worker2.ready" ] && break
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || break 2; done
        sleep 0.1
    done
    touch "$barrier/go"
    rcs=()
    for pid in "${pids[@]}"; do rc=0; wait "$pid" || rc=$?; rcs+=("$rc"); done
    pids=()
    for w in 1 2; do
        result=$(grep -h '^{"worker"' "$work/$name.worker$w.out" || true)
        echo "  worker$w: rc=${rcs[$((w - 1))]} ${result:-(no result: see $work/$name.worker$w.out)}"
    done
    # how long the two runs overlapped (from the workers' start/end times)
    "$PY" - "$work/$name.worker1.out" "$work/$name.worker2.out" <<'PY' || true
import json, sys
runs = []
for path in sys.argv[1:]:
    for line in open(path, errors='replace'):
        if line.startswith('{"worker"'):
            runs.append(json.loads(line))
if len(runs) == 2:
    overlap = min(r['end'] for r in runs) - max(r['start'] for r in runs)
    print('  started %.3f s apart; %s' % (
        abs(runs[0]['start'] - runs[1]['start']),
        'ran at the same time for %.3f s' % overlap if overlap > 0 else
        'WARNING: did not run at the same time (one finished %.3f s before the other started)' % -overlap))
PY
    dups=$(psql_odoo -d "$CC_DB" -tA -F ' ' -c "$dup_sql" | head -20)
    workers_ok=1
    [ "${rcs[0]}" = 0 ] && [ "${rcs[1]}" = 0 ] || workers_ok=0
    errors=$(grep -hE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$work/$name".worker?.log || true)
    if [ "$expect" = duplicates ]; then
        selfchecks=$((selfchecks + 1))
        # the runner's self-check: the known race must show, or the two never overlapped
        if [ -n "$dups" ]; then
            echo "  self-check OK: the known race produced duplicates, so the processes overlapped:"
            echo "$dups" | head -5 | sed 's/^/    /'
        else
            echo "  SELF-CHECK FAILED: the known race produced no duplicate: the two processes did not overlap"
            failures=$((failures + 1))
        fi
    elif [ -n "$dups" ]; then
        echo "  FAILED: duplicates after two concurrent runs of $model.$method:"
        echo "$dups" | sed 's/^/    /'
        failures=$((failures + 1))
    elif [ "$workers_ok" != 1 ] || [ -n "$errors" ]; then
        echo "  FAILED: a worker failed (no duplicates, but the job must survive a concurrent run):"
        [ -n "$errors" ] && echo "$errors" | head -10 | sed 's/^/    /'
        tail -n 15 "$work/$name".worker?.out | sed 's/^/    /'
        failures=$((failures + 1))
    else
        echo "  OK: both processes finished, no duplicates"
    fi
done < "${CONCURRENCY_JOBS_FILE:-scripts/concurrency_jobs.txt}"
[ "$ran" -gt 0 ] || die "no job ran (JOBS=${JOBS:-})"
if [ -z "${JOBS:-}" ] && [ "$selfchecks" = 0 ]; then
    die "no self-check job (expect = duplicates) in scripts/concurrency_jobs.txt: nothing proves that the two processes overlap"
fi
[ "$failures" = 0 ] || die "$failures of $ran concurrency jobs failed (logs: $work/)"
say "concurrency: $ran jobs, all passed"
