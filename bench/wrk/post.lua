-- POSTs one fixed request: body from $BENCH_BODY, headers ("name: value" lines) from $BENCH_HEADERS,
-- path from $BENCH_PATH. Prints one machine-readable RESULT line at the end.
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/anthropic/v1/messages"
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
for line in io.lines(os.getenv("BENCH_HEADERS")) do
  local k, v = line:match("^([^:]+):%s*(.-)%s*$")
  -- wrk sends Host (host:port of the URL) itself; a second one would be a 400
  if k and k:lower() ~= "host" then wrk.headers[k] = v end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d "
      .. "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
