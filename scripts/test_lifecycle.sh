#!/usr/bin/env bash
# `make test-lifecycle`: upgrade and uninstall of customer_maintenance in a throwaway database
# (cm_lifecycle_<pid>), dropped at the end whatever happens (KEEP_DB=1 keeps it).
#   1. the database: a copy of $LIFECYCLE_TEMPLATE (CREATE DATABASE ... TEMPLATE; default
#      $TEST_DB, which `make test` has just built with demo data and the module installed),
#      or, with LIFECYCLE_TEMPLATE= (empty) or when that database is missing, built from
#      scratch with demo data and `-i customer_maintenance` (~3 min).
#   2. data on top of the demo (scripts/lifecycle_data/*.py, one file per capability, each
#      probing the registry); snapshot of every table of the module's models (found through
#      ir.model, every value but write_date/write_uid), its many2many tables (ir.model.relation),
#      its columns on other tables (ir.model.fields: res_partner.customer_tier_id, ...) and its
#      settings (ir.config_parameter customer_maintenance.*).
#   3. `-u customer_maintenance` → the same rows and values.
#   4. uninstall (button_immediate_uninstall in odoo shell, which runs hooks.uninstall_hook)
#      → tables, columns, fields, xmlids, settings and the chatter of its records gone;
#      partners read, partner/sale/user views load (get_views), a sale order is created and
#      confirmed for a customer (customer_rank > 0).
# The steps themselves are in scripts/lifecycle_check.py.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
LIFE_DB="${LIFECYCLE_DB:-cm_lifecycle_$$}"
case "$LIFE_DB" in cm_lifecycle_*) ;; *) die "LIFECYCLE_DB must start with cm_lifecycle_ (it is dropped)";; esac
TEMPLATE="${LIFECYCLE_TEMPLATE-$TEST_DB}"
work="$LOCAL/lifecycle"
mkdir -p "$work"
log="$work/odoo.log"
: > "$log"
snapshot="$work/$LIFE_DB.json"

drop_db() {
    if [ "${KEEP_DB:-0}" = 1 ]; then say "KEEP_DB=1: keeping $LIFE_DB"; return; fi
    psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$LIFE_DB\"" || true
}
trap drop_db EXIT

check_log() {  # fail on any ERROR/CRITICAL line Odoo logged in the step ($1)
    if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        die "$1 logged errors (above; full log: $log)"
    fi
}
shell_step() {  # run one step of lifecycle_check.py in odoo shell
    say "lifecycle: $1"
    : > "$log"
    CM_LIFECYCLE_STEP="$1" CM_LIFECYCLE_SNAPSHOT="$snapshot" CM_LIFECYCLE_DATA_DIR="$ROOT/scripts/lifecycle_data" \
        "$ODOO" shell -c "$CONF" -d "$LIFE_DB" --no-http --logfile="$log" --log-level=warn \
        < scripts/lifecycle_check.py || { tail -30 "$log"; die "lifecycle step $1 failed (log: $log)"; }
    check_log "step $1"
}

psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$LIFE_DB\""
start=$SECONDS
if [ -n "$TEMPLATE" ] && db_exists "$TEMPLATE"; then
    say "lifecycle: $LIFE_DB as a copy of $TEMPLATE (module installed with demo data)"
    psql_odoo -d postgres -c "CREATE DATABASE \"$LIFE_DB\" TEMPLATE \"$TEMPLATE\"" \
        || die "cannot copy $TEMPLATE (is a server or shell still connected to it?)"
    [ "$(psql_odoo -d "$LIFE_DB" -tAc "SELECT state FROM ir_module_module WHERE name = 'customer_maintenance'")" = installed ] \
        || die "customer_maintenance is not installed in $TEMPLATE"
else
    say "lifecycle: $LIFE_DB from scratch with demo data, installing customer_maintenance"
    "$ODOO" -c "$CONF" -d "$LIFE_DB" -i customer_maintenance --stop-after-init --no-http \
        --logfile="$log" --log-level=warn || { tail -30 "$log"; die "installing the module failed"; }
    check_log "the install"
fi

shell_step create_data

say "lifecycle: -u customer_maintenance"
: > "$log"
"$ODOO" -c "$CONF" -d "$LIFE_DB" -u customer_maintenance --stop-after-init --no-http \
    --logfile="$log" --log-level=warn || { tail -30 "$log"; die "upgrading the module failed (log: $log)"; }
check_log "the upgrade"
shell_step compare_after_upgrade

shell_step uninstall
shell_step check_uninstalled
say "lifecycle: upgrade kept all data, uninstall left Odoo working ($((SECONDS - start)) s)"
