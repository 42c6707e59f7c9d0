-- wrk script: POSTs a small Chat Completions body (model "bench"), or the same request as Anthropic Messages.
--   STREAM=1     ask for SSE ("stream":true); wrk counts each completed stream as one request
--   PROTOCOL     "openai" (default) or "anthropic" (a Messages body, x-api-key and anthropic-version headers)
--   MODEL        the model to ask for (default "bench")
--   BENCH_KEY    bearer key (the fake upstream ignores it; the gateway requires it)
--   CACHE        an x-switchboard-cache header value to send (e.g. "on": every request after the first is a cache hit)
--   DELAY_MS     pause each connection this long before its next request (a paced, moderate rate instead of flat out)
-- At the end it prints one machine-readable line for run.sh:
--   WRK_RESULT requests=N duration_us=N rps=N p50_us=N p90_us=N p99_us=N max_us=N errors=N non2xx=N
local stream = os.getenv("STREAM") == "1"
local key = os.getenv("BENCH_KEY") or "sk-admin-bench"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local model = os.getenv("MODEL") or "bench"
-- CACHE: an x-switchboard-cache value ("on", "off", "refresh") to send; unset sends none.
if os.getenv("CACHE") then
  wrk.headers["x-switchboard-cache"] = os.getenv("CACHE")
end
if os.getenv("PROTOCOL") == "anthropic" then
  wrk.headers["x-api-key"] = key
  wrk.headers["anthropic-version"] = "2023-06-01"
  wrk.body = '{"model":"' .. model .. '","max_tokens":64,' .. (stream and '"stream":true,' or '"temperature":0.2,')
    .. '"system":"You are terse.","messages":[{"role":"user","content":"Say something about foxes."}]}'
elseif stream then
  wrk.body = '{"model":"' .. model .. '","stream":true,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about foxes."}]}'
else
  wrk.body = '{"model":"' .. model .. '","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about foxes."}],"max_tokens":64,"temperature":0.2}'
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  delay = function() return delay_ms end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
