#!/usr/bin/env bash
# `make screenshots`: the README's screenshots (docs/screenshots/<page>.<lang>.png), in English
# and in zh_TW, taken from the demo data as the demo users see it.
#  1. the database $SHOTS_DB is created like `make run` creates its own (module, demo data,
#     zh_TW/zh_CN loaded), or upgraded when it is there already; it is kept for the next run
#     (FRESH=1 drops it first);
#  2. Odoo serves it on 127.0.0.1:$SHOTS_PORT in the background (log .local/screenshots.log)
#     and is stopped when the script ends, however it ends;
#  3. scripts/screenshots.py drives headless Chromium through the DevTools protocol: it logs in
#     as chen (account manager), zhang (supervisor) and admin (the settings), each pass once with
#     the user's language set to en_US and once to zh_TW (then set back), waits for the page to
#     be idle and fails on an error dialog, a login page or a missing element.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
SHOTS_DB="${SHOTS_DB:-customer_maintenance_screenshots}"
SHOTS_PORT="${SHOTS_PORT:-8079}"
OUT="${SHOTS_OUT:-$ROOT/docs/screenshots}"
[ -f "$CONF" ] || die "$CONF missing: run 'make setup'"
command -v chromium >/dev/null || die "chromium missing: run 'make setup'"
command -v pdftoppm >/dev/null || die "pdftoppm missing (poppler-utils): run 'make setup'"
"$PY" -c 'import websocket' 2>/dev/null || die "websocket-client missing from the venv: run 'make setup'"
export PATH="$LOCAL/bin:$PATH"  # the patched wkhtmltopdf: the card's header and footer
start=$SECONDS

if [ "${FRESH:-0}" = 1 ] && db_exists "$SHOTS_DB"; then
    say "Dropping database $SHOTS_DB (FRESH=1)"
    psql_odoo -d postgres -c "DROP DATABASE \"$SHOTS_DB\""
fi
if db_exists "$SHOTS_DB"; then
    say "Upgrading customer_maintenance in database $SHOTS_DB"
    "$ODOO" -c "$CONF" -d "$SHOTS_DB" -u customer_maintenance --stop-after-init --no-http --log-level=warn
else
    say "Creating database $SHOTS_DB with demo data (about two minutes)"
    "$ODOO" -c "$CONF" -d "$SHOTS_DB" -i customer_maintenance --stop-after-init --no-http --log-level=warn
    "$ODOO" shell -c "$CONF" -d "$SHOTS_DB" --no-http --log-level=warn < "$ROOT/scripts/load_languages.py"
fi
# wkhtmltopdf fetches the card's stylesheets from web.base.url: this server, not make run's
psql_odoo -d "$SHOTS_DB" -c "UPDATE ir_config_parameter SET value = 'http://127.0.0.1:$SHOTS_PORT' WHERE key = 'web.base.url'"

"$PY" -c "import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(('127.0.0.1', $SHOTS_PORT)) == 0)" \
    || die "port $SHOTS_PORT is in use: stop what listens there or give SHOTS_PORT=<free port>"
log="$LOCAL/screenshots.log"
: > "$log"
say "Starting Odoo on http://127.0.0.1:$SHOTS_PORT (database $SHOTS_DB, log $log)"
# threaded (no workers): one process, and the browser's websocket is served on the same port
"$ODOO" -c "$CONF" -d "$SHOTS_DB" --db-filter="^$SHOTS_DB\$" --http-port="$SHOTS_PORT" \
    --workers=0 --max-cron-threads=0 --log-level=info --logfile="$log" &
odoo_pid=$!
stop_odoo() {
    if kill -0 "$odoo_pid" 2>/dev/null; then
        kill "$odoo_pid" 2>/dev/null || true
        wait "$odoo_pid" 2>/dev/null || true
        say "Odoo stopped"
    fi
}
trap stop_odoo EXIT

for _ in $(seq 120); do
    kill -0 "$odoo_pid" 2>/dev/null || { tail -20 "$log"; die "Odoo exited at start (log $log)"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SHOTS_PORT/web/health")" = 200 ] && break
    sleep 1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SHOTS_PORT/web/health")" = 200 ] \
    || die "Odoo does not answer on port $SHOTS_PORT after two minutes (log $log)"

mkdir -p "$OUT"
"$PY" "$ROOT/scripts/screenshots.py" --url "http://127.0.0.1:$SHOTS_PORT" --db "$SHOTS_DB" \
    --out "$OUT" ${SHOTS_ONLY:+--only "$SHOTS_ONLY"}
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    die "the server logged errors while the screenshots were taken (above; log $log)"
fi
say "Screenshots in ${OUT#"$ROOT"/} ($((SECONDS - start)) s)"
