#!/usr/bin/env bash
# `make stop`: stop the private PostgreSQL cluster (nothing to do with $PGHOST).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ "$PRIVATE_PG" = 1 ] || { say "PGHOST is set: not ours to stop"; exit 0; }
[ -f "$PGDIR/data/PG_VERSION" ] || { say "no private cluster"; exit 0; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if as_pg "$(pg_config --bindir)/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    as_pg "$(pg_config --bindir)/pg_ctl" -D "$PGDIR/data" -m fast -w stop
else
    say "PostgreSQL is not running"
fi
