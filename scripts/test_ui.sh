#!/usr/bin/env bash
# `make test-ui`: real-browser tests (ui_tests/, plain pytest + selenium + headless Chromium)
# against an Odoo HTTP server started here on the database `make test` built ($TEST_DB, with
# demo data). Loads zh_TW into it if missing. The server is stopped on every exit path.
# Screenshots: docs/screenshots/ (CM_UI_SCREENSHOTS); failure screenshots and the server log:
# .local/ui-failures/, .local/test-ui-server.log. Extra pytest arguments: ARGS="-k chen".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
db_exists "$TEST_DB" || die "database $TEST_DB does not exist: run 'make test' first (make test-ui uses the database it builds)"
[ -f "$CONF" ] || die "$CONF missing: run 'make setup'"
command -v chromium >/dev/null && command -v chromedriver >/dev/null || die "chromium/chromedriver missing: run 'make setup'"

# Odoo 11's CLI ignores db options from the environment, but pytest-odoo-like HOST/PORT vars
# exported by make (PORT for `make run`) must not leak into Odoo or the tests.
unset HOST PORT USER PASSWORD || true

if [ "$(psql_odoo -d "$TEST_DB" -tAc "SELECT active FROM res_lang WHERE code = 'zh_TW'")" != t ]; then
    say "Loading zh_TW into $TEST_DB"
    "$ODOO" -c "$CONF" -d "$TEST_DB" --load-language=zh_TW --stop-after-init --log-level=warn \
        --logfile="$LOCAL/test-ui-lang.log" || { tail -30 "$LOCAL/test-ui-lang.log"; die "loading zh_TW failed"; }
fi

http_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
lp_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$LOCAL/test-ui-server.log"
: > "$log"
say "Starting Odoo on http://127.0.0.1:$http_port (database $TEST_DB, log $log)"
# TZ, NODE_PATH (lessc) and PATH (wkhtmltopdf) are set by the launcher itself
"$ODOO" -c "$CONF" -d "$TEST_DB" --db-filter="^${TEST_DB}\$" --http-port="$http_port" \
    --longpolling-port="$lp_port" --workers=0 --max-cron-threads=0 --logfile="$log" &
server=$!
stop_server() {
    if kill -0 "$server" 2>/dev/null; then
        kill "$server" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$server" 2>/dev/null || true
    fi
    wait "$server" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 130' INT TERM

url="http://127.0.0.1:$http_port"
# No request before the registry is loaded: the first HTTP request imports every addon
# (http.Root.load_addons) while the main thread imports them for the registry, and two
# threads importing the same addons can leave a model half-defined (seen: KeyError
# 'calendar_event_id', "Failed to initialize database").
for i in $(seq 1 300); do
    kill -0 "$server" 2>/dev/null || { tail -30 "$log"; die "the Odoo server exited while starting (log: $log)"; }
    grep -q 'odoo.modules.loading: Modules loaded.' "$log" && break
    grep -qE ' (ERROR|CRITICAL) ' "$log" && { tail -30 "$log"; die "the Odoo server failed to load $TEST_DB (log: $log)"; }
    [ "$i" = 300 ] && { tail -30 "$log"; die "the registry of $TEST_DB was not loaded after 150 s"; }
    sleep 0.5
done
for i in $(seq 1 120); do
    kill -0 "$server" 2>/dev/null || { tail -30 "$log"; die "the Odoo server exited while starting (log: $log)"; }
    if curl -sf -o /dev/null "$url/web/login?db=$TEST_DB"; then break; fi
    [ "$i" = 120 ] && { tail -30 "$log"; die "no answer from $url/web/login after 120 s"; }
    sleep 1
done
say "Odoo is up; running the UI tests"
rc=0
CM_UI_URL="$url" CM_UI_DB="$TEST_DB" CM_UI_FAILURE_DIR="$LOCAL/ui-failures" \
    "$VENV/bin/pytest" -p no:odoo -p no:cacheprovider -W ignore::DeprecationWarning \
    --rootdir=ui_tests ${ARGS:-} ui_tests || rc=$?
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    say "the server logged errors during the UI tests (above; full log: $log)"
    [ "$rc" = 0 ] && rc=1
fi
exit "$rc"
