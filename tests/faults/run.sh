#!/usr/bin/env bash
# Fault tests (see tests/faults/faults.py): Redis stops, PostgreSQL restarts,
# the API is killed -9 -- all against PRIVATE instances this script starts
# (Redis on $FAULTS_REDIS_PORT, default 6390; a PostgreSQL cluster in
# .local/faults-pg on $FAULTS_PG_PORT, default 55499), never the shared ones.
# Ends with `faults: N passed, M failed`; exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/../../scripts/lib/services.sh"
cd "$ROOT"
command -v redis-server >/dev/null || apt_install redis-server
[ -n "$(pg_bin_dir)" ] || apt_install postgresql
if [ -n "${API_BIN:-}" ] && [ -x "$API_BIN" ]; then :; else build_api || exit 1; fi
export API_BIN
exec python3 "$ROOT/tests/faults/faults.py"
