#!/usr/bin/env bash
# `make i18n`: regenerate customer_maintenance.pot from the module installed in $TEST_DB
# (run `make test` first), merge it into zh_TW.po and zh_CN.po, and fill what is untranslated
# from the translation memory: the .po files themselves, i18n_fragments/*.<lang>.po (new
# strings written while porting) and the 11.0 translations (git tag 11.0), matched by msgid.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
I18N="$ROOT/customer_maintenance/i18n"
mkdir -p "$I18N"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$ODOO" -c "$CONF" -d "$TEST_DB" --i18n-export="$TMP/customer_maintenance.pot" \
    --modules=customer_maintenance --stop-after-init --no-http --log-level=warn
cp "$TMP/customer_maintenance.pot" "$I18N/customer_maintenance.pot"
for lang in zh_TW zh_CN; do
    git -C "$ROOT" show "11.0:customer_maintenance/i18n/$lang.po" > "$TMP/11.0.$lang.po" 2>/dev/null || true
done
# Odoo's own translations of the modules we extend: the terms our models inherit (chatter,
# activities) are translated there
ODOO_DIR=$(sed -n 's/^addons_path = \([^,]*\)\/addons,.*/\1/p' "$CONF")
"$PY" "$ROOT/scripts/i18n_fill.py" "$I18N" "$ROOT/i18n_fragments" "$TMP" \
    "$ODOO_DIR"/odoo/addons/base/i18n \
    "$ODOO_DIR"/addons/{mail,sale,sales_team,account,calendar,contacts,resource,product,web}/i18n
