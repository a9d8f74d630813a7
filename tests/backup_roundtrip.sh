#!/usr/bin/env bash
# Proves that scripts/backup + scripts/restore give back the same data, on the
# real PostgreSQL: a fresh database is seeded with the demo, a few sales and a
# return are made through a briefly started API, then it is backed up,
# restored into a second database, and the two are compared table by table
# (row counts and a checksum of every table's rows), plus sequence positions
# and the sales ledger. Both databases are dropped on exit.
#
# Environment (defaults in brackets):
#   PG_BASE    server URL without a database [postgres://postgres@127.0.0.1:5432]
#   REDIS_URL  for the API; empty = in-process  [redis://127.0.0.1:6379]
#   API_BIN    the pos-api binary               [target/debug/pos-api]
# Prints `backup round trip: ok (N tables, M sales)` or fails non-zero.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PG_BASE="${PG_BASE:-postgres://postgres@127.0.0.1:5432}"
PG_BASE="${PG_BASE%/}"
REDIS_URL="${REDIS_URL-redis://127.0.0.1:6379}"
API_BIN="${API_BIN:-target/debug/pos-api}"

src="duka_backup_src_$$"
dst="duka_backup_dst_$$"
work="$(mktemp -d)"
api_pid=""

fail() { echo "backup round trip: FAILED: $*" >&2; exit 1; }
step() { echo "backup round trip: $*" >&2; }

cleanup() {
    local status=$?
    if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
    if [ "$status" -ne 0 ] && [ -s "$work/api.log" ]; then
        echo "--- last lines of the API log ---" >&2
        tail -n 20 "$work/api.log" >&2
    fi
    for db in "$src" "$dst"; do
        psql -X -q "$PG_BASE/postgres" -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

[ -x "$API_BIN" ] || fail "no API binary at $API_BIN (SQLX_OFFLINE=true cargo build --bin pos-api)"
psql -X -q "$PG_BASE/postgres" -c "create database $src" >/dev/null || fail "cannot create a database on $PG_BASE"

step "seeding $src"
DATABASE_URL="$PG_BASE/$src" RUST_LOG=warn "$API_BIN" seed-demo --products 300 >/dev/null

# --- a few sales and a return through the API ---------------------------------
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
DATABASE_URL="$PG_BASE/$src" REDIS_URL="$REDIS_URL" POS_REDIS_PREFIX="backup:$$:" POS_BIND="127.0.0.1:$port" \
    POS_ENV=dev POS_RATE_LIMIT=0 POS_WEB_DIR="" RUST_LOG=warn "$API_BIN" serve >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    kill -0 "$api_pid" 2>/dev/null || fail "the API exited at start"
    sleep 0.5
done
curl -fsS "$base/health" >/dev/null || fail "the API did not answer /health"

# json FILE EXPR: prints a value of the JSON in FILE (EXPR is Python on `d`).
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

# call METHOD PATH [BODY [IDEMPOTENCY-KEY]]: the response body lands in $work/out.json.
call() {
    local args=(-sS -o "$work/out.json" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json')
    [ -z "${token:-}" ] || args+=(-H "Authorization: Bearer $token")
    [ -z "${4:-}" ] || args+=(-H "Idempotency-Key: $4")
    [ -z "${3:-}" ] || args+=(--data "$3")
    local code
    code="$(curl "${args[@]}" "$base$2")"
    case "$code" in 2??) ;; *) fail "$1 $2 answered $code: $(head -c 400 "$work/out.json")" ;; esac
}

token=""
call POST /api/v1/auth/login '{"username":"nbo.cashier1","password":"Demo#2026"}'
token="$(json "$work/out.json" 'd["access_token"]')"
store="$(json "$work/out.json" 'd["user"]["store_id"]')"
call POST /api/v1/shifts "{\"store_id\":\"$store\",\"till\":\"Backup test\",\"opening_float\":\"1000.00\"}"
call GET "/api/v1/stores/$store/inventory?per_page=50"
read -r -a products <<<"$(json "$work/out.json" '" ".join([i["product_id"] for i in d["items"] if i["quantity"] >= 5][:3])')"
[ "${#products[@]}" -eq 3 ] || fail "the demo store has fewer than 3 products in stock"

sale_ids=()
for i in 0 1 2; do
    a="${products[$i]}"; b="${products[$(((i + 1) % 3))]}"
    call POST /api/v1/sales "{\"store_id\":\"$store\",\"items\":[{\"product_id\":\"$a\",\"quantity\":2},{\"product_id\":\"$b\",\"quantity\":1}],\"payments\":[{\"method\":\"cash\",\"amount\":\"100000.00\"}]}" "backup-$$-$i"
    sale_ids+=("$(json "$work/out.json" 'd["id"]')")
done
call POST "/api/v1/sales/${sale_ids[0]}/returns" "{\"items\":[{\"product_id\":\"${products[0]}\",\"quantity\":1}],\"reason\":\"backup round trip\",\"refund_method\":\"cash\"}"
kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""

# --- back up, restore, compare ----------------------------------------------
step "backing up $src"
file="$(BACKUP_DIR="$work/backups" BACKUP_RETENTION_DAYS=14 scripts/backup --database-url "$PG_BASE/$src")"
[ -s "$file" ] || fail "scripts/backup printed '$file', which is not a non-empty file"

step "restoring into $dst"
scripts/restore "$file" --database-url "$PG_BASE/$dst"
set +e
scripts/restore "$file" --database-url "$PG_BASE/$dst" 2>/dev/null
refused=$?
set -e
[ "$refused" -eq 2 ] || fail "restoring over a non-empty database should be refused with exit 2, got $refused"

# One line per table: name, row count, md5 of all its rows (in a stable order).
# Then one line per sequence with its position, and the sales ledger checksums.
fingerprint() {
    psql -X -q -A -t -v ON_ERROR_STOP=1 "$PG_BASE/$1" <<'SQL'
select format('select %L || '' '' || count(*) || '' '' || coalesce(md5(string_agg(t::text, E''\n'' order by t::text)), ''-'') from %I.%I t',
              tablename, schemaname, tablename)
from pg_tables where schemaname = 'public' order by tablename
\gexec
select 'sequence ' || sequencename || ' ' || coalesce(last_value::text, 'unused')
from pg_sequences where schemaname = 'public' order by sequencename;
select 'ledger sales ' || count(*) || ' ' || coalesce(md5(string_agg(id::text || receipt_number || total::text, ',' order by id)), '-') from sales;
select 'ledger stock_movements ' || count(*) || ' ' || coalesce(md5(string_agg(store_id::text || id::text || product_id::text || delta::text || quantity_after::text, ',' order by store_id, id)), '-') from stock_movements;
SQL
}
fingerprint "$src" >"$work/src.txt"
fingerprint "$dst" >"$work/dst.txt"
if ! diff -u "$work/src.txt" "$work/dst.txt" >&2; then
    fail "the restored database differs from the original (diff above: - original, + restored)"
fi

tables="$(grep -vcE '^(sequence|ledger) ' "$work/src.txt")"
sales="$(sed -nE 's/^ledger sales ([0-9]+) .*/\1/p' "$work/src.txt")"
[ "$tables" -ge 10 ] || fail "only $tables tables were compared"
[ "$sales" -ge 3 ] || fail "expected at least the 3 sales made here, found $sales"
grep -qE '^returns 1 ' "$work/src.txt" || fail "the return made here is missing from the original"

# The API accepts the restored database as its own (migration checksums match).
DATABASE_URL="$PG_BASE/$dst" RUST_LOG=warn "$API_BIN" migrate >/dev/null || fail "pos-api migrate refused the restored database"

echo "backup round trip: ok ($tables tables, $sales sales)"
