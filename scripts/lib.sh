# Shared paths for the project's scripts (sourced, not run).
# Everything the scripts create lives in the work tree: .venv/ and .local/ (both git-ignored),
# except the PostgreSQL cluster when the postgres OS user cannot reach the work tree.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
LOCAL="$ROOT/.local"
CONF="$LOCAL/odoo.conf"
ODOO="$VENV/bin/odoo"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# Where the private cluster lives. PostgreSQL refuses to run as root, so it runs as the
# `postgres` OS user, which must be able to enter every directory above the data dir.
pg_dir() {
    if [ -n "${CM_PG_DIR:-}" ]; then echo "$CM_PG_DIR"; return; fi
    if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        echo "$LOCAL/pg"
    else
        # e.g. a clone inside a 0700 temporary directory: keep the cluster outside, keyed by path
        echo "${TMPDIR:-/tmp}/customer_maintenance-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    fi
}

# Connection for psql and Odoo: the server in PGHOST when given, else the private cluster.
if [ -n "${PGHOST:-}" ]; then
    DB_HOST="$PGHOST"
    DB_PORT="${PGPORT:-5432}"
    DB_USER="${PGUSER:-odoo}"
    DB_PASSWORD="${PGPASSWORD:-}"
    PRIVATE_PG=0
else
    PGDIR=$(pg_dir)
    DB_HOST="$PGDIR/run"
    DB_PORT=5432
    DB_USER=odoo
    DB_PASSWORD=""
    PRIVATE_PG=1
fi

psql_odoo() {
    PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -v ON_ERROR_STOP=1 -X -q "$@"
}

db_exists() {
    [ "$(psql_odoo -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}
