-- wrk script: a till-shaped mix. 80 % barcode lookups, 15 % sales, 5 % a
-- manager's sales summary. Status counts are reported per kind.
local cashier = os.getenv("BENCH_TOKEN")
local manager = os.getenv("BENCH_MANAGER_TOKEN")
local store = os.getenv("BENCH_STORE")
local products, barcodes = {}, {}
for id in string.gmatch(os.getenv("BENCH_PRODUCTS"), "[^,]+") do products[#products + 1] = id end
for code in string.gmatch(os.getenv("BENCH_BARCODES"), "[^,]+") do barcodes[#barcodes + 1] = code end
local counter, thread_id = 0, 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local roll = math.random(100)
  if roll <= 80 then
    return wrk.format("GET", "/api/v1/products?barcode=" .. barcodes[math.random(#barcodes)],
      { ["Authorization"] = "Bearer " .. cashier })
  elseif roll <= 95 then
    local a = math.random(#products)
    local b = (a % #products) + 1
    local body = string.format('{"store_id":"%s","items":[{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":2}],"payments":[{"method":"cash","amount":"100000"}]}',
      store, products[a], products[b])
    return wrk.format("POST", "/api/v1/sales", {
      ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. cashier,
      ["Idempotency-Key"] = string.format("load-%d-%d-%d-%d", os.time(), tid or 0, counter, math.random(1e9)),
    }, body)
  else
    return wrk.format("GET", "/api/v1/reports/sales-summary", { ["Authorization"] = "Bearer " .. manager })
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.status))
end
