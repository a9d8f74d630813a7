"""Fault tests: the API against private PostgreSQL and Redis instances that
this script starts, stops, restarts and kills. Run by tests/faults/run.sh,
which builds the API and passes its path in API_BIN.

  1. redis: Redis stops while a till keeps selling -> every answer is 201 or
     a clean 503 problem+json (never 500, never a hang), /ready is 503 naming
     redis, and selling and /ready recover when Redis returns.
  2. postgres: the cluster restarts during a stream of sales whose clients
     retry with the same Idempotency-Key -> every acknowledged sale exists
     exactly once, no key made two sales, stock equals its movement ledger.
  3. api-kill: kill -9 of the API mid-load, then a restart -> the same checks.

Prints PASS/FAIL per check and `faults: N passed, M failed`; exits 1 on any
failure.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOCAL = os.path.join(ROOT, ".local")
API_BIN = os.environ.get("API_BIN", os.path.join(ROOT, "target", "debug", "pos-api"))
PG_BIN = os.environ.get("FAULTS_PG_BIN") or sorted(
    (os.path.join("/usr/lib/postgresql", v, "bin") for v in os.listdir("/usr/lib/postgresql")),
    key=lambda p: [int(x) for x in p.split("/")[-2].split(".") if x.isdigit()],
)[-1]
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "55499"))
PG_DIR = os.path.join(LOCAL, "faults-pg")
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6390"))
DB = "duka_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB}"
LOGS = os.path.join(LOCAL, "test-logs", "faults")
REQUEST_TIMEOUT = 15  # seconds; a request slower than this is a hang
AS_PG = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

results = []  # (ok, name, detail)


def check(ok, name, detail=""):
    results.append((bool(ok), name, detail))
    print(f"{'PASS' if ok else 'FAIL'}: {name}" + (f" ({detail})" if detail else ""), flush=True)
    return ok


def log(msg):
    print(f"==> {msg}", flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- services

def psql(sql, db=DB):
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-d", db, "-XAtqc", sql],
        capture_output=True, text=True, timeout=60,
    )
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}")
    return out.stdout.strip()


def pg_ctl(*args):
    subprocess.run(AS_PG + [os.path.join(PG_BIN, "pg_ctl"), "-D", os.path.join(PG_DIR, "data"), *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def pg_start():
    data = os.path.join(PG_DIR, "data")
    run = os.path.join(PG_DIR, "run")
    os.makedirs(run, exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", PG_DIR], check=True)
    if not os.path.exists(os.path.join(data, "PG_VERSION")):
        log(f"creating a private PostgreSQL cluster in {data}")
        subprocess.run(AS_PG + [os.path.join(PG_BIN, "initdb"), "-D", data, "-U", "postgres", "--auth=trust"],
                       check=True, stdout=subprocess.DEVNULL)
    if subprocess.run([os.path.join(PG_BIN, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)]).returncode != 0:
        log(f"starting the private PostgreSQL on {PG_PORT}")
        pg_ctl("-l", os.path.join(PG_DIR, "server.log"), "-w",
               "-o", f"-p {PG_PORT} -k {run} -c listen_addresses=127.0.0.1 -c fsync=off", "start")


def pg_stop():
    try:
        pg_ctl("-m", "fast", "-w", "stop")
    except Exception:
        pass


class Redis:
    def __init__(self):
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
            stdout=open(os.path.join(LOGS, "redis.log"), "a"), stderr=subprocess.STDOUT)
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True).stdout.strip() == b"PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


class Api:
    def __init__(self):
        self.port = free_port()
        self.proc = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=DATABASE_URL, REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}",
                   POS_REDIS_PREFIX=f"faults:{os.getpid()}:", POS_BIND=f"127.0.0.1:{self.port}",
                   POS_RATE_LIMIT="0", POS_DB_ACQUIRE_TIMEOUT_SECS="3", RUST_LOG="warn")
        env.pop("POS_WEB_DIR", None)
        self.proc = subprocess.Popen([API_BIN, "serve"], env=env, stdout=open(os.path.join(LOGS, "api.log"), "a"),
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request("GET", "/health", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the API did not start; see " + os.path.join(LOGS, "api.log"))

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


api = None


def request(method, path, body=None, token=None, headers=None, timeout=REQUEST_TIMEOUT):
    """-> (status, content_type, parsed body or text). Raises OSError on connection failure/timeouts."""
    conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=timeout)
    h = dict(headers or {})
    if token:
        h["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body)
        h["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
        raw = res.read().decode()
        ctype = res.getheader("Content-Type", "")
    finally:
        conn.close()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw
    return res.status, ctype, parsed


# ---------------------------------------------------------------- the till

class Till:
    def __init__(self):
        status, _, body = request("POST", "/api/v1/auth/login", {"username": "nbo.cashier1", "password": "Demo#2026"})
        assert status == 200, f"login: {status} {body}"
        self.token = body["access_token"]
        self.store_id = body["user"]["store_id"]
        self.user_id = body["user"]["id"]
        status, _, body = request("POST", "/api/v1/shifts", {"store_id": self.store_id, "till": "Faults", "opening_float": "0.00"},
                                  token=self.token)
        assert status in (201, 409), f"open shift: {status} {body}"
        status, _, body = request("GET", f"/api/v1/stores/{self.store_id}/inventory?per_page=200", token=self.token)
        assert status == 200, f"inventory: {status} {body}"
        stocked = sorted((i for i in body["items"] if i["quantity"] >= 20), key=lambda i: -i["quantity"])[:8]
        assert stocked, "no product with stock"
        self.products = [i["product_id"] for i in stocked]
        # Enough stock that three fast tills cannot run the products dry
        # across all three scenarios (a sold-out product is a 409, not a sale).
        status, _, body = request("POST", "/api/v1/auth/login", {"username": "nbo.manager", "password": "Demo#2026"})
        assert status == 200, f"manager login: {status} {body}"
        manager = body["access_token"]
        for product_id in self.products:
            status, _, body = request("POST", f"/api/v1/stores/{self.store_id}/inventory/adjustments",
                                      {"product_id": product_id, "delta": 100000, "reason": "received"}, token=manager)
            assert status == 201, f"stock top-up: {status} {body}"

    def body(self, n):
        return {"store_id": self.store_id,
                "items": [{"product_id": self.products[n % len(self.products)], "quantity": 1}],
                "payments": [{"method": "cash", "amount": "100000.00"}]}


class Clients:
    """Threads that sell continuously; each sale is retried with the same
    key and body until it is acknowledged, refused for good, or time is up."""

    def __init__(self, till, threads=3, retry=True):
        self.till, self.threads, self.retry = till, threads, retry
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acked = {}          # key -> sale id
        self.refused = {}        # key -> final 4xx status (never committed)
        self.unresolved = set()  # keys given up on at shutdown (may or may not have committed)
        self.statuses = {}       # status -> count, every answer seen
        self.bad = []            # answers that break the rules (500, non-problem errors, hangs)
        self.workers = []

    def note(self, status, ctype, body):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500 and status != 503:
                self.bad.append(f"{status}: {str(body)[:200]}")
            elif status >= 400 and "application/problem+json" not in ctype:
                self.bad.append(f"{status} without problem+json: {ctype}")

    def run(self, n0):
        n = n0
        while not self.stop.is_set():
            key = str(uuid.uuid4())
            body = self.till.body(n)
            n += 1
            while True:
                t0 = time.time()
                try:
                    status, ctype, res = request("POST", "/api/v1/sales", body, token=self.till.token,
                                                 headers={"Idempotency-Key": key})
                except (socket.timeout, TimeoutError):
                    with self.lock:
                        self.bad.append(f"hang: no answer in {REQUEST_TIMEOUT}s")
                    status = None
                except OSError:
                    status = None  # API down: connection refused/reset
                    with self.lock:
                        self.statuses["no-connection"] = self.statuses.get("no-connection", 0) + 1
                else:
                    self.note(status, ctype, res)
                if status in (200, 201):
                    with self.lock:
                        self.acked[key] = res["id"]
                    break
                if status is not None and 400 <= status < 500 and status != 409 and status != 429:
                    with self.lock:
                        self.refused[key] = status
                        if status != 422:
                            self.bad.append(f"unexpected {status}: {str(res)[:200]}")
                    break
                if status == 409 and isinstance(res, dict) and "insufficient-stock" in str(res.get("type")):
                    with self.lock:
                        self.refused[key] = 409
                    break
                if not self.retry or self.stop.is_set():
                    with self.lock:
                        if status is None or status >= 500:
                            self.unresolved.add(key)
                    break
                time.sleep(max(0.0, 0.2 - (time.time() - t0)))
            time.sleep(0.02)

    def __enter__(self):
        for i in range(self.threads):
            t = threading.Thread(target=self.run, args=(i * 1000,), daemon=True)
            t.start()
            self.workers.append(t)
        return self

    def finish(self, grace=30):
        """Lets in-flight keys finish retrying (up to `grace` seconds), then stops."""
        self.stop.set()
        for t in self.workers:
            t.join(timeout=grace)
        return all(not t.is_alive() for t in self.workers)

    def __exit__(self, *exc):
        self.stop.set()


def ledger_checks(label, clients, since):
    """Each acknowledged key made exactly one sale; no key made two; stock = ledger."""
    acked = clients.acked
    rows = psql(f"select key, sale_id from idempotency_keys where created_at >= '{since}'")
    by_key = {}
    for line in rows.splitlines():
        k, s = line.split("|")
        by_key.setdefault(k, []).append(s)
    missing = [k for k in acked if k not in by_key]
    wrong = [k for k in acked if k in by_key and by_key[k] != [acked[k]]]
    check(acked and not missing and not wrong, f"{label}: every acknowledged sale exists exactly once under its key",
          f"{len(acked)} acknowledged, {len(missing)} missing, {len(wrong)} with another sale")
    refused_committed = [k for k in clients.refused if k in by_key]
    check(not refused_committed, f"{label}: no refused request made a sale", f"{len(refused_committed)} did")
    ids = set(acked.values())
    sale_count = int(psql(f"select count(*) from sales where cashier_id = '{clients.till.user_id}' and created_at >= '{since}'"))
    keyed = sum(len(v) for v in by_key.values())
    expected_max = len(acked) + len(clients.unresolved)
    check(sale_count == keyed and len(ids) == len(acked) and len(acked) <= sale_count <= expected_max,
          f"{label}: no duplicate sales (sales = keys)",
          f"{sale_count} sales, {keyed} keys, {len(acked)} acknowledged, {len(clients.unresolved)} unresolved")
    drift = psql("""
        select count(*) from inventory i
        where i.quantity <> coalesce((select sum(delta) from stock_movements m
                                      where m.store_id = i.store_id and m.product_id = i.product_id), 0)""")
    sold = psql(f"""
        select coalesce((select sum(si.quantity) from sale_items si join sales s on s.id = si.sale_id
                          where s.store_id = '{clients.till.store_id}'), 0)
             + coalesce((select sum(delta) from stock_movements
                          where store_id = '{clients.till.store_id}' and cause = 'sale'), 0)""")
    check(drift == "0" and sold == "0", f"{label}: stock equals the sum of stock movements; sold units match the ledger",
          f"{drift} rows drift, sold-vs-ledger difference {sold}")


def db_now():
    return psql("select now()")


# ---------------------------------------------------------------- faults

def fault_redis(till, redis):
    log("fault 1: Redis stops while a till keeps selling")
    clients = Clients(till, threads=2, retry=False)
    with clients:
        time.sleep(2)
        before = len(clients.acked)
        redis.stop()
        time.sleep(1)
        status, ctype, body = request("GET", "/ready", timeout=REQUEST_TIMEOUT)
        check(status == 503 and "redis" in json.dumps(body) and "problem+json" in ctype,
              "redis: /ready answers 503 naming redis while Redis is down", f"{status} {str(body)[:120]}")
        t0 = time.time()
        while time.time() - t0 < 5:
            time.sleep(0.5)
        down = dict(clients.statuses)
        redis.start()
        deadline = time.time() + 20
        ready = None
        while time.time() < deadline:
            ready = request("GET", "/ready")[0]
            if ready == 200:
                break
            time.sleep(0.5)
        check(ready == 200, "redis: /ready is 200 again after Redis returns", f"last {ready}")
        acked_at_return = len(clients.acked)
        deadline = time.time() + 20
        while time.time() < deadline and len(clients.acked) < acked_at_return + 5:
            time.sleep(0.25)
        check(len(clients.acked) >= acked_at_return + 5, "redis: sales succeed again after Redis returns",
              f"{len(clients.acked) - acked_at_return} new sales")
    clients.finish()
    check(before > 0, "redis: sales were acknowledged before the fault", f"{before}")
    check(not clients.bad, "redis: every answer was 201 or a clean 503 problem+json (no 500, no hang)",
          f"statuses {clients.statuses}; bad {clients.bad[:3]}")
    check(set(down) <= {200, 201, 503, "no-connection"} and "no-connection" not in down, "redis: while Redis was down, sales answered only 201 or 503", f"{down}")


def fault_postgres(till):
    log("fault 2: PostgreSQL restarts during a stream of retried sales")
    since = db_now()
    clients = Clients(till, threads=3)
    with clients:
        time.sleep(3)
        before = len(clients.acked)
        pg_ctl("-m", "fast", "-w", "restart")
        after_restart = len(clients.acked)
        deadline = time.time() + 30
        while time.time() < deadline and len(clients.acked) < after_restart + 10:
            time.sleep(0.25)
        check(len(clients.acked) >= after_restart + 10, "postgres: sales succeed again after the restart",
              f"{before} before, {len(clients.acked) - after_restart} after")
        time.sleep(1)
    done = clients.finish(grace=30)
    check(done, "postgres: every client's retries ended")
    check(not clients.bad, "postgres: no 500, no hang, errors are problem+json",
          f"statuses {clients.statuses}; bad {clients.bad[:3]}")
    ledger_checks("postgres", clients, since)


def fault_api_kill(till):
    log("fault 3: kill -9 of the API mid-load, then a restart")
    since = db_now()
    clients = Clients(till, threads=3)
    with clients:
        time.sleep(3)
        api.kill9()
        time.sleep(1)
        api.start()
        at_start = len(clients.acked)
        deadline = time.time() + 30
        while time.time() < deadline and len(clients.acked) < at_start + 10:
            time.sleep(0.25)
        check(len(clients.acked) >= at_start + 10, "api-kill: sales succeed again after the restart",
              f"{len(clients.acked) - at_start} after")
        time.sleep(1)
    done = clients.finish(grace=30)
    check(done, "api-kill: every client's retries ended")
    check(not clients.bad, "api-kill: no 500, no hang, errors are problem+json",
          f"statuses {clients.statuses}; bad {clients.bad[:3]}")
    ledger_checks("api-kill", clients, since)


def main():
    global api
    os.makedirs(LOGS, exist_ok=True)
    for tool in ("redis-server", "redis-cli", "psql"):
        if not shutil.which(tool):
            print(f"faults: {tool} is not installed")
            return 1
    redis = Redis()
    api = Api()
    started = time.time()
    try:
        pg_start()
        psql(f"drop database if exists {DB} with (force)", db="postgres")
        psql(f"create database {DB}", db="postgres")
        subprocess.run([API_BIN, "seed-demo"], env=dict(os.environ, DATABASE_URL=DATABASE_URL), check=True,
                       stdout=subprocess.DEVNULL)
        redis.start()
        api.start()
        till = Till()
        for fault in (lambda: fault_redis(till, redis), lambda: fault_postgres(till), lambda: fault_api_kill(till)):
            try:
                fault()
            except Exception as e:  # a broken fault is a failure, the others still run
                check(False, f"fault raised {type(e).__name__}", str(e)[:300])
                for _ in range(20):  # make sure the services are back for the next one
                    try:
                        if api.proc.poll() is not None:
                            api.start()
                        if redis.proc is None:
                            redis.start()
                        break
                    except Exception:
                        time.sleep(1)
    finally:
        api.stop()
        redis.stop()
        try:
            psql(f"drop database if exists {DB} with (force)", db="postgres")
        except Exception:
            pass
        if os.environ.get("FAULTS_KEEP_PG") != "1":
            pg_stop()
    passed = sum(1 for ok, _, _ in results if ok)
    failed = len(results) - passed
    print(f"faults: {passed} passed, {failed} failed (in {time.time() - started:.0f}s)")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
