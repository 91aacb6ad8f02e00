#!/usr/bin/env bash
# `make test-oca`: an OCA add-on installed from its PyPI wheel (odoo-addon-partner-firstname,
# pinned in requirements.txt, so in the venv after make setup) lives beside the module: the
# `odoo` command still works, and a fresh database (cm_oca_<pid>, dropped at the end) installs
# partner_firstname and customer_maintenance together without an error in the log; an
# account manager then creates a customer by first and last name.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
unset HOST PORT USER PASSWORD || true
OCA_DB="cm_oca_$$"
log="$LOCAL/test-oca.log"
: > "$log"
trap 'psql_odoo -d postgres -c "DROP DATABASE IF EXISTS \"$OCA_DB\"" >/dev/null 2>&1 || true' EXIT
"$ODOO" --version | grep -q 'Odoo Server 18.0' || die "the odoo command does not run beside the OCA wheel"
"$PY" -c 'import odoo.addons.partner_firstname' \
    || die "the OCA wheel odoo-addon-partner-firstname is not importable (make setup)"
say "Installing partner_firstname (OCA wheel) and customer_maintenance in $OCA_DB"
"$ODOO" -c "$CONF" -d "$OCA_DB" -i partner_firstname,customer_maintenance --without-demo=all \
    --stop-after-init --no-http --log-level=info --logfile="$log" \
    || { tail -30 "$log"; die "the install failed (log: $log)"; }
if grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
    die "the install logged errors (above; full log: $log)"
fi
"$ODOO" shell -c "$CONF" -d "$OCA_DB" --no-http --log-level=warn <<'PY'
from odoo import Command
mods = env['ir.module.module'].search([('name', 'in', ['partner_firstname', 'customer_maintenance'])])
assert set(mods.mapped('state')) == {'installed'} and len(mods) == 2, mods.read(['name', 'state'])
manager = env['res.users'].with_context(no_reset_password=True).create({
    'name': 'OCA check manager', 'login': 'cm_oca_check',
    'groups_id': [Command.set([env.ref('customer_maintenance.group_user').id,
                               env.ref('base.group_partner_manager').id])]})
partner = env['res.partner'].with_user(manager).create({
    'firstname': 'Mei', 'lastname': 'Lin', 'customer_rank': 1, 'user_id': manager.id})
assert partner.name in ('Lin Mei', 'Mei Lin'), partner.name
print('OCA check: partner_firstname and customer_maintenance installed together; %s created '
      'by an account manager' % partner.name)
PY
say "OCA add-on beside the module: ok"
