# scripts/bench load (sourced by scripts/bench): the till-shaped mix for
# BENCH_LOAD_SECONDS (default 60) at BENCH_LOAD_CLIENTS (default 16), then the
# API's peak resident memory (VmHWM).
export BENCH_TOKEN="$(login nbo.cashier1 'Demo#2026')" BENCH_MANAGER_TOKEN="$(login nbo.manager 'Demo#2026')"
export BENCH_STORE="$STORE" BENCH_PRODUCTS="$PRODUCTS"
export BENCH_BARCODES="$(sql -c "select string_agg(barcode, ',') from (select barcode from products where barcode is not null order by sku limit 500) b")"
secs="${BENCH_LOAD_SECONDS:-60}"
clients="${BENCH_LOAD_CLIENTS:-16}"
echo "mix: 80% barcode lookups, 15% sales, 5% sales summaries; ${clients} clients for ${secs}s"
result="$(wrk -t2 -c"$clients" -d"${secs}s" -s scripts/bench.d/load.lua "$BASE" | grep '^RESULT')"
rss_kib="$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")"
echo
echo "| clients | req/s | p50 ms | p99 ms | errors (incl. non-2xx) | API peak RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '| %s | %s | %s | %s | %s | %.1f |\n' "$clients" \
    "$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$result")" "$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$result")" \
    "$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$result")" "$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$result")" \
    "$(python3 -c "print($rss_kib/1024)")"
