#!/usr/bin/env bash
# `make test-wheel`: the module packaged as the OCA publishes add-ons. `pip wheel` builds
# odoo-addon-customer_maintenance from customer_maintenance/pyproject.toml (whool backend),
# a fresh venv (.local/wheel-venv) gets Odoo 18.0 (editable, compat mode, as make setup) and
# the wheel, and a fresh database (cm_wheel_<pid>, dropped at the end) installs the module
# from site-packages, with an addons path that holds Odoo's add-ons only (not this clone).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
WHEEL_DB="cm_wheel_$$"
dist="$LOCAL/wheel-dist"
wvenv="$LOCAL/wheel-venv"
wconf="$LOCAL/wheel-odoo.conf"
log="$LOCAL/test-wheel.log"
: > "$log"
trap 'psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$WHEEL_DB\"" >/dev/null 2>&1 || true' EXIT
rm -rf "$dist" "$wvenv"
say "Building the wheel (whool)"
"$PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$dist" ./customer_maintenance
wheel=$(ls "$dist"/odoo_addon_customer_maintenance-18.0.*-py3-none-any.whl)
"$PY" - "$wheel" <<'PY'
import sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
meta = next(n for n in wheel.namelist() if n.endswith('.dist-info/METADATA'))
text = wheel.read(meta).decode()
for needed in ('Name: odoo-addon-customer_maintenance', 'Requires-Dist: odoo==18.0.*',
               'Requires-Dist: borax'):
    assert needed in text, (needed, text[:600])
assert 'odoo/addons/customer_maintenance/__manifest__.py' in wheel.namelist()
assert 'odoo/addons/customer_maintenance/i18n/zh_TW.po' in wheel.namelist()
print('wheel:', sys.argv[1].rsplit('/', 1)[1])
PY
say "A fresh venv with Odoo 18.0 and the wheel"
base_python=$("$PY" -c 'import sys; print(sys._base_executable)')
"$base_python" -m venv "$wvenv"
ODOO_DIR=$(sed -n 's/^addons_path = \([^,]*\)\/addons,.*/\1/p' "$CONF")
# Odoo's dependencies as pinned for the project (all but the tests' and the OCA check's)
grep -v -E '^(pytest|pytest-odoo|odoo-addon-)' requirements.txt > "$LOCAL/wheel-requirements.txt"
"$wvenv/bin/pip" install -q --disable-pip-version-check --no-deps -r "$LOCAL/wheel-requirements.txt"
"$wvenv/bin/pip" install -q --disable-pip-version-check --no-deps \
    --config-settings editable_mode=compat -e "$ODOO_DIR"
"$wvenv/bin/pip" install -q --disable-pip-version-check "$wheel"
"$wvenv/bin/pip" check
sed -e "s|^addons_path = .*|addons_path = $ODOO_DIR/addons,$ODOO_DIR/odoo/addons|" "$CONF" > "$wconf"
say "Installing customer_maintenance from the wheel in $WHEEL_DB"
PATH="$LOCAL/bin:$PATH" "$wvenv/bin/odoo" -c "$wconf" -d "$WHEEL_DB" -i customer_maintenance \
    --without-demo=all --stop-after-init --no-http --log-level=info --logfile="$log" \
    || { tail -30 "$log"; die "installing from the wheel failed (log: $log)"; }
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    die "the install logged errors (above; full log: $log)"
fi
"$wvenv/bin/odoo" shell -c "$wconf" -d "$WHEEL_DB" --no-http --log-level=warn <<'PY'
import odoo.addons.customer_maintenance as module
state = env['ir.module.module'].search([('name', '=', 'customer_maintenance')]).state
assert state == 'installed', state
assert '/site-packages/' in module.__file__, module.__file__
print('wheel check: customer_maintenance installed from %s' % module.__file__)
PY
say "The wheel installs beside Odoo: ok"
