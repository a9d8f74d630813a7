-- wrk script: POST /api/v1/sales with a fresh Idempotency-Key per request,
-- three lines drawn from the products listed in $BENCH_PRODUCTS.
local token = os.getenv("BENCH_TOKEN")
local store = os.getenv("BENCH_STORE")
local products = {}
for id in string.gmatch(os.getenv("BENCH_PRODUCTS"), "[^,]+") do products[#products + 1] = id end
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local a = math.random(#products)
  local b = (a % #products) + 1
  local c = (b % #products) + 1
  local body = string.format(
    '{"store_id":"%s","items":[{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":1}],"payments":[{"method":"cash","amount":"100000"}]}',
    store, products[a], products[b], products[c])
  return wrk.format("POST", "/api/v1/sales", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d-%d", os.time(), tid or 0, counter, math.random(1e9)),
  }, body)
end

local non201 = 0
function response(status, headers, body)
  if status ~= 201 then non201 = non201 + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.status))
end
