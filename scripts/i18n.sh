#!/usr/bin/env bash
# `make i18n`: regenerate customer_maintenance.pot from the module installed in $TEST_DB
# (run `make test` first) and merge it into zh_TW.po and zh_CN.po, keeping what is translated.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
I18N="$ROOT/customer_maintenance/i18n"
mkdir -p "$I18N"
# Odoo 11 only accepts .po/.csv/.tgz; a .po exported without --language is the template.
TMP_PO="$(mktemp --suffix=.po)"
trap 'rm -f "$TMP_PO"' EXIT
"$ODOO" -c "$CONF" -d "$TEST_DB" --i18n-export="$TMP_PO" \
    --modules=customer_maintenance --stop-after-init --log-level=warn
cp "$TMP_PO" "$I18N/customer_maintenance.pot"
"$PY" - "$I18N" <<'PYEOF'
import os, sys
import polib
i18n = sys.argv[1]
pot = polib.pofile(os.path.join(i18n, 'customer_maintenance.pot'))
for lang in ('zh_TW', 'zh_CN'):
    path = os.path.join(i18n, lang + '.po')
    po = polib.pofile(path) if os.path.exists(path) else polib.POFile()
    po.metadata = dict(pot.metadata, Language=lang,
                       **{'Plural-Forms': 'nplurals=1; plural=0;'})
    po.merge(pot)
    po.save(path)
    untranslated = [e for e in po if not e.msgstr and not e.obsolete]
    print('%s: %d entries, %d untranslated, %d fuzzy' % (
        lang, len(po), len(untranslated), len(po.fuzzy_entries())))
PYEOF
