#!/usr/bin/env bash
# Contract tests: schemathesis (all checks) against the served OpenAPI
# document, authenticated as each role, on a freshly seeded database.
#
#   tests/contract/run.sh            # every role
#   CONTRACT_ROLES="admin" tests/contract/run.sh
#   CONTRACT_EXAMPLES=20 tests/contract/run.sh   # examples per operation
#
# Uses PostgreSQL and Redis as scripts/test does (scripts/lib/services.sh).
# Exits non-zero if any schemathesis run reports a failure or an error.
set -uo pipefail
source "$(dirname "$0")/../../scripts/lib/services.sh"
cd "$ROOT"
set -e

SCHEMATHESIS_VERSION="4.32.5"
EXAMPLES="${CONTRACT_EXAMPLES:-25}"
SEED="${CONTRACT_SEED:-20260101}"
ROLES="${CONTRACT_ROLES:-nbo.cashier1 nbo.manager admin}"
VENV="$LOCAL_DIR/venv"
LOGS="$LOCAL_DIR/test-logs/contract"

ensure_postgres
ensure_redis
mkdir -p "$LOGS"

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
if [ -n "${API_BIN:-}" ] && [ -x "$API_BIN" ]; then :; else build_api; fi

db="duka_contract_$$"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    psql "$PG_BASE/postgres" -qc "drop database if exists $db with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql "$PG_BASE/postgres" -qc "create database $db" >/dev/null
DATABASE_URL="$PG_BASE/$db" "$API_BIN" seed-demo >/dev/null
DATABASE_URL="$PG_BASE/$db" REDIS_URL="$REDIS_URL" POS_REDIS_PREFIX="contract:$$:" POS_BIND="127.0.0.1:$port" \
    POS_RATE_LIMIT=0 RUST_LOG="${RUST_LOG:-warn}" "$API_BIN" serve >"$LOGS/api.log" 2>&1 &
pid=$!
wait_for_api "$base" || { echo "contract: the API did not start; see $LOGS/api.log"; exit 1; }
set +e

password_of() { [ "$1" = admin ] && echo 'Admin#2026' || echo 'Demo#2026'; }

login() { # username -> access token on stdout
    curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"$(password_of "$1")\"}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# Every token is taken before any run starts, so nothing a run does (an
# admin deactivating or re-passwording a demo user, failed logins) can keep a
# later run from authenticating. Tokens live 15 minutes, longer than a run.
declare -A TOKEN LOGOUT_TOKEN
for role in $ROLES; do
    TOKEN[$role]="$(login "$role")" && LOGOUT_TOKEN[$role]="$(login "$role")" || {
        echo "contract: cannot log in as $role"; exit 1; }
done

failed=()
summaries=()
st() { # name, token, extra schemathesis args...
    local name="$1" token="$2"; shift 2
    log "schemathesis as $name"
    "$VENV/bin/schemathesis" --config-file "$ROOT/tests/contract/schemathesis.toml" run "$base/api-docs/openapi.json" \
        --checks all \
        --max-examples "$EXAMPLES" \
        --seed "$SEED" \
        --workers 2 \
        --request-timeout 15 \
        --suppress-health-check all \
        --no-color \
        -H "Authorization: Bearer $token" \
        "$@" 2>&1 | tee "$LOGS/$name.log"
    local status=${PIPESTATUS[0]}
    summaries+=("$name: $(grep -E '^(=+ )?(Test cases|Summary|[0-9]+ (passed|failed)|No issues found|.* in [0-9.]+s)' "$LOGS/$name.log" | tail -1)")
    [ "$status" -eq 0 ] || failed+=("$name")
}

for role in $ROLES; do
    # Logout revokes the token it is called with: it runs on its own token,
    # after everything else for this role.
    st "$role" "${TOKEN[$role]}" --exclude-path /api/v1/auth/logout
    st "$role-logout" "${LOGOUT_TOKEN[$role]}" --include-path /api/v1/auth/logout
done

echo
echo "==================== contract summary ===================="
for s in "${summaries[@]}"; do echo "$s"; done
if [ ${#failed[@]} -gt 0 ]; then
    echo "contract: FAILED: ${failed[*]}"
    exit 1
fi
echo "contract: all schemathesis runs passed"
