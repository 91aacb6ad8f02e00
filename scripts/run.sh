#!/usr/bin/env bash
# `make run`: create (or upgrade) $DB with the module and its demo data, then serve it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export PATH="$LOCAL/bin:$PATH"  # the patched wkhtmltopdf first: PDFs with header and footer
if db_exists "$DB"; then
    say "Upgrading customer_maintenance in database $DB"
    "$ODOO" -c "$CONF" -d "$DB" -u customer_maintenance --stop-after-init --no-http --log-level=warn
else
    say "Creating database $DB with demo data (about two minutes the first time)"
    "$ODOO" -c "$CONF" -d "$DB" -i customer_maintenance --stop-after-init --no-http --log-level=warn
    "$ODOO" shell -c "$CONF" -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/load_languages.py"
fi
say "Customer Maintenance: http://127.0.0.1:$PORT/odoo?db=$DB  login admin / admin"
say "  account managers chen / chen, lin / lin, wang / wang; supervisor zhang / zhang  (Ctrl-C stops)"
exec "$ODOO" -c "$CONF" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
    --workers=2 --max-cron-threads=1 --log-level=info
