# Shared by scripts/run and scripts/test: find or start PostgreSQL and Redis.
# Sets PG_BASE (a server URL without a database) and REDIS_URL (may stay empty).
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$ROOT/.local"
LOCAL_PG_PORT="${LOCAL_PG_PORT:-55432}"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
    log "installing $* with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
    }
}

pg_up() { pg_isready -q -h "$1" -p "$2" 2>/dev/null; }

pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# The server part of a postgres URL: postgres://u@h:p/db?x -> postgres://u@h:p
url_base() { printf '%s' "$1" | sed -E 's#^(postgres(ql)?://[^/]+).*#\1#'; }

ensure_postgres() {
    if [ -n "${DATABASE_URL:-}" ]; then
        PG_BASE="$(url_base "$DATABASE_URL")"
        log "using DATABASE_URL's server $PG_BASE"
        return
    fi
    command -v pg_isready >/dev/null || apt_install postgresql
    if pg_up 127.0.0.1 5432; then
        PG_BASE="postgres://postgres@127.0.0.1:5432"
        log "using the local PostgreSQL on 5432"
        return
    fi
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
        log "starting the system PostgreSQL cluster"
        as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start >/dev/null 2>&1 || true
        for _ in $(seq 1 20); do pg_up 127.0.0.1 5432 && break; sleep 0.5; done
        if pg_up 127.0.0.1 5432 && psql -h 127.0.0.1 -U postgres -Atc 'select 1' >/dev/null 2>&1; then
            PG_BASE="postgres://postgres@127.0.0.1:5432"
            return
        fi
    fi
    start_local_cluster
    PG_BASE="postgres://postgres@127.0.0.1:$LOCAL_PG_PORT"
}

# A project-local cluster under .local/pg (ignored by git), trust auth.
start_local_cluster() {
    local bin data run
    bin="$(pg_bin_dir)"
    [ -n "$bin" ] || { apt_install postgresql; bin="$(pg_bin_dir)"; }
    data="$LOCAL_DIR/pg/data"
    run="$LOCAL_DIR/pg/run"
    mkdir -p "$LOCAL_DIR/pg" "$run"
    local owner=()
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres:postgres "$LOCAL_DIR/pg"
        owner=(runuser -u postgres --)
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        log "creating a project-local PostgreSQL cluster in $data"
        "${owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
    fi
    if ! pg_up 127.0.0.1 "$LOCAL_PG_PORT"; then
        log "starting the project-local PostgreSQL on port $LOCAL_PG_PORT"
        "${owner[@]}" "$bin/pg_ctl" -D "$data" -l "$LOCAL_DIR/pg/server.log" -w \
            -o "-p $LOCAL_PG_PORT -k $run -c listen_addresses=127.0.0.1" start >/dev/null
    fi
}

ensure_redis() {
    if [ -n "${REDIS_URL:-}" ]; then
        log "using REDIS_URL"
        return
    fi
    if command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        REDIS_URL="redis://127.0.0.1:6379"
        log "using the local Redis on 6379"
        return
    fi
    command -v redis-server >/dev/null || apt_install redis-server || true
    if command -v redis-server >/dev/null; then
        log "starting Redis on 6379"
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
        for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
        REDIS_URL="redis://127.0.0.1:6379"
        return
    fi
    log "no Redis available: the API keeps lockout, revocation and caches in-process (single instance only)"
    REDIS_URL=""
}

ensure_database() {
    local name="$1"
    if ! psql "$PG_BASE/postgres" -Atc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
        psql "$PG_BASE/postgres" -qc "create database \"$name\"" >/dev/null
    fi
}

ensure_web_deps() {
    if [ ! -d "$ROOT/web-ui/node_modules" ] || [ "$ROOT/web-ui/package-lock.json" -nt "$ROOT/web-ui/node_modules/.package-lock.json" ]; then
        log "installing the SPA's npm packages"
        (cd "$ROOT/web-ui" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

build_web() {
    ensure_web_deps
    log "building the SPA"
    (cd "$ROOT/web-ui" && npm run --silent build >/dev/null)
}

build_api() {
    log "building the API (${POS_PROFILE:-debug})"
    if [ "${POS_PROFILE:-debug}" = release ]; then
        (cd "$ROOT" && SQLX_OFFLINE=true cargo build --quiet --release --bin pos-api)
        API_BIN="$ROOT/target/release/pos-api"
    else
        (cd "$ROOT" && SQLX_OFFLINE=true cargo build --quiet --bin pos-api)
        API_BIN="$ROOT/target/debug/pos-api"
    fi
}

# Waits until $1/health answers.
wait_for_api() {
    for _ in $(seq 1 120); do
        curl -fsS "$1/health" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    return 1
}
