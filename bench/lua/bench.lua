-- One wrk script for every scenario, chosen by BENCH_MODE:
--   get      plain GET of the URL given to wrk
--   user     POST /v1/users with a unique email per request
--   payment  POST /v1/payments for BENCH_USER_ID with a unique Idempotency-Key per request
-- BENCH_PREFIX goes before the POSTs' paths (the floor's single-insert endpoints: /single-insert).
-- done() prints one machine-readable line that bench/report.py parses.
local mode = os.getenv("BENCH_MODE") or "get"
local user_id = os.getenv("BENCH_USER_ID") or ""
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local prefix = os.getenv("BENCH_PREFIX") or ""

local threads = {}
local counter = 0
local tid = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tid = wrk.thread:get("tid") or 0
end

-- wrk.format replaces wrk.headers (Host, Authorization from -H) when given a table: merge them.
local function headers(extra)
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  for k, v in pairs(extra) do h[k] = v end
  return h
end

function request()
  counter = counter + 1
  local unique = string.format("%s-%d-%d", run_id, tid, counter)
  if mode == "user" then
    local body = string.format('{"email":"b%s@example.com","name":"Bench User %s"}', unique, unique)
    return wrk.format("POST", prefix .. "/v1/users", headers({ ["Content-Type"] = "application/json" }), body)
  elseif mode == "payment" then
    local body = string.format(
      '{"userId":"%s","amount":%d,"currency":"EUR","source":"pm_card_visa","description":"bench %s"}',
      user_id, 100 + (counter % 9000), unique)
    return wrk.format("POST", prefix .. "/v1/payments",
      headers({ ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. unique }), body)
  end
  return wrk.format(nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"non2xx":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
