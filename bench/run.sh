#!/usr/bin/env bash
# The benchmark command (see BENCHMARKS.md). One run, everything on 127.0.0.1:
#   cold        requests 1-1,000 after launch, one client at a time and 8 at a time: the mock (short-term key
#               and SigV4, generated answers; plain and with an AppCDS archive) vs WireMock vs bare Javalin
#   throughput  plain POST /anthropic/v1/messages: the mock's full pipeline (SigV4, a static token or a
#               short-term key; fixture or generator; journal on) vs WireMock 3.13.2 standalone (journal and
#               logging off) vs a bare Javalin handler, all answering the same canned bytes; each server warmed
#               until its rate stops rising, then rounds in a new random order each
#   streams     unpaced 10-event SSE streams, same three servers
#   memory      resident memory and live heap before and after a million requests
#   paced       concurrent paced streams (20 tokens/s) held, event timing error, resident memory
#   saturation  the throughput part's SigV4 + fixture POST at rising connection counts: does the mock slow
#               down or fail once clients outnumber its threads (errors per kind, threads, memory per step)
#   startup     JVM start to first 200 (java -jar ... --port N, SigV4 POSTs until a 200), plain and with
#               the JVM flags that shorten it (C1 only, Serial GC, an AppCDS archive), for the record
#   profile     JFR on the mock under the short-term key + generator load (BENCH_PROFILE_SECONDS=60 of it, after BENCH_PROFILE_WARMUP=60 s):
#               where the request threads' CPU goes, by stage of the pipeline (bench/profile.py)
#   jmh         the JMH micro-benchmarks (SigV4 verifier, SseEncoder)
#
# usage: bench/run.sh [part ...]        (default: all parts, in the order above)
# env:   BENCH_DURATION=10 (s per wrk run)  BENCH_ROUNDS=3  BENCH_CONNECTIONS=64
#        BENCH_WARMUP_CAP=120 (s of warm-up at most per variant; 5 s slices until two in a row are no new high by 2%)
#        BENCH_WARMUP_MIN=60 (s of warm-up at least per variant)
#        BENCH_COLD_ROUNDS=5  BENCH_COLD_REQUESTS=1000  BENCH_COLD_CONCURRENCY="1 8"
#        BENCH_PACED_STEPS="1000 2500 5000 10000"  BENCH_MILLION=1000000  BENCH_JMH_ARGS=""
#        BENCH_SAT_STEPS="16 64 256 1024 4096"  BENCH_SAT_TIMEOUT=10 (s before wrk counts a request as timed out)
#        BENCH_OUT=bench/out/<utc time>   BENCH_SKIP_BUILD=1 (use the jars already built)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
B=bench
OUT=${BENCH_OUT:-$B/out/$(date -u +%Y%m%dT%H%M%SZ)}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNECTIONS:-64}
PACED_STEPS=${BENCH_PACED_STEPS:-"1000 2500 5000 10000"}
MILLION=${BENCH_MILLION:-1000000}
SAT_STEPS=${BENCH_SAT_STEPS:-"16 64 256 1024 4096"}
SAT_TIMEOUT=${BENCH_SAT_TIMEOUT:-10}
COLD_ROUNDS=${BENCH_COLD_ROUNDS:-5}
COLD_REQUESTS=${BENCH_COLD_REQUESTS:-1000}
COLD_CONCURRENCY=${BENCH_COLD_CONCURRENCY:-"1 8"}
WARMUP_CAP=${BENCH_WARMUP_CAP:-120}
# the mock's rate can sit on a plateau for half a minute before C2 lifts it (the final run's warm-up curves)
WARMUP_MIN=${BENCH_WARMUP_MIN:-60}
PARTS=${*:-cold throughput streams memory paced saturation startup profile jmh}
MOCK_PORT=18080 BARE_PORT=18081 WM_PORT=18082 START_PORT=18083
JAR=mock-server/target/mock-server.jar
WARMUP=${BENCH_WARMUP:-15}   # the memory and saturation parts' fixed warm-up
WM_JAR=$B/lib/wiremock-standalone-3.13.2.jar
mkdir -p "$OUT"
# the mock under test runs from a copy, so a teammate's "pkill -f mock-server.jar" cannot end a run
UNDER_TEST=$OUT/mantle-mock-under-test.jar
RESULTS=$OUT/results.tsv
: > "$RESULTS"

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
wait_for() { # url [tries of 10 ms]
  for _ in $(seq 1 "${2:-3000}"); do curl -sf -o /dev/null "$1" && return 0; sleep 0.01; done
  echo "not up: $1" >&2; return 1
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
live_heap_kb() { # used heap after a full GC
  jcmd "$1" GC.run >/dev/null; sleep 1
  jcmd "$1" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print v}}'
}

# ---------------------------------------------------------------- machine, build, WireMock
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  free -h | sed 's/^/free: /'
  echo "jdk: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "wrk: $(wrk --version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  log "building the mock and the JMH jar"
  mvn -B -q -DskipTests package -pl mock-server,benchmarks -am
fi
if [ ! -f "$WM_JAR" ]; then
  log "fetching WireMock standalone 3.13.2"
  mvn -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory="$B/lib"
fi

# ---------------------------------------------------------------- request variants
# headers files: one "name: value" per line; SigV4 ones are signed now (X-Amz-Date = now; the mock's
# skew window in bench/mock.yaml keeps them valid for the run)
H=$OUT/headers; mkdir -p "$H"
python3 $B/sign.py 127.0.0.1:$MOCK_PORT $B/request.json "x-mock-scenario: bench" > "$H/sigv4-fixture"
python3 $B/sign.py 127.0.0.1:$MOCK_PORT $B/request.json > "$H/sigv4-generator"
python3 $B/sign.py 127.0.0.1:$MOCK_PORT $B/request-stream.json "x-mock-scenario: bench" > "$H/sigv4-stream"
printf 'content-type: application/json\nanthropic-version: 2023-06-01\nauthorization: Bearer bench-static-token\n' > "$H/bearer-generator"
# a short-term key as the SDKs' token generator makes it (the example principal, 12 hours), minted by the mock's own minter
printf 'content-type: application/json\nanthropic-version: 2023-06-01\nauthorization: Bearer %s\n' \
  "$(java -cp $JAR dev.mantlemock.auth.ShortTermKeyMinter)" > "$H/stk-generator"
{ cat "$H/stk-generator"; echo "x-mock-scenario: bench"; } > "$H/stk-fixture"
{ cat "$H/bearer-generator"; echo "x-mock-scenario: bench"; } > "$H/bearer-fixture"
printf 'content-type: application/json\nanthropic-version: 2023-06-01\n' > "$H/plain"

start_mock() { # extra args...
  cp $JAR "$UNDER_TEST"
  java ${MOCK_JAVA_OPTS:-} -jar "$UNDER_TEST" --port $MOCK_PORT --config $B/mock.yaml --fixtures $B/fixtures "$@" > "$OUT/mock.log" 2>&1 &
  MOCK_PID=$!; PIDS+=("$MOCK_PID")
  wait_for http://127.0.0.1:$MOCK_PORT/_mock/health
}

# wrk one variant: label port path body headers
run_wrk() {
  local label=$1 port=$2 path=$3 body=$4 headers=$5 round=${6:-warmup} secs=${7:-$DURATION}
  local line
  line=$(BENCH_PATH=$path BENCH_BODY=$body BENCH_HEADERS=$headers \
    wrk -t2 -c"$CONNS" -d"${secs}s" -s $B/wrk/post.lua "http://127.0.0.1:$port" | grep '^RESULT' || echo "RESULT failed=1")
  echo "$line" | grep -q 'non2xx=0 ' || log "WARNING $label: $line"
  [ "$round" = warmup ] || printf '%s\t%s\t%s\n' "$label" "$round" "${line#RESULT }" >> "$RESULTS"
  log "$label [$round] ${line#RESULT }"
}

# warm one variant: wrk slices of 5 s until two in a row are not 2% above the best so far, or WARMUP_CAP
warm_until_flat() { # label port path body headers
  local label=$1 port=$2 path=$3 body=$4 headers=$5 best=0 flat=0 spent=0 rate line
  [ -f "$OUT/warmup.tsv" ] || echo -e "variant\tseconds\trps" > "$OUT/warmup.tsv"
  while [ "$spent" -lt "$WARMUP_CAP" ]; do
    line=$(BENCH_PATH=$path BENCH_BODY=$body BENCH_HEADERS=$headers \
      wrk -t2 -c"$CONNS" -d5s -s $B/wrk/post.lua "http://127.0.0.1:$port" | grep '^RESULT' || echo "RESULT rps=0")
    spent=$((spent + 5))
    rate=$(echo "$line" | sed 's/.*rps=\([0-9.]*\).*/\1/')
    printf '%s\t%d\t%s\n' "$label" "$spent" "$rate" >> "$OUT/warmup.tsv"
    if awk -v r="$rate" -v b="$best" 'BEGIN {exit !(r > b * 1.02)}'; then best=$rate; flat=0; else flat=$((flat + 1)); fi
    [ "$flat" -ge 2 ] && [ "$spent" -ge "$WARMUP_MIN" ] && break
  done
  log "warm-up $label: ${spent}s, best 5 s slice ${best} req/s$([ "$flat" -ge 2 ] || echo ' (cap reached, still rising)')"
}

# ---------------------------------------------------------------- cold path: requests 1 to N after launch
# bench/ColdClient.java (compiled once) warms itself against a warm bare Javalin, then launches each server
# and times its first N requests: launch to first answer, first to N-th, the latency of each. Servers and
# concurrencies run in a new random order each round. The mock runs with its default configuration (the
# example principal, generated answers) and quotas lifted; "mock-appcds" maps an archive made by
# `--training-run` (docs/performance.md).
if [[ " $PARTS " == *" cold "* ]]; then
  CC=$OUT/cold; mkdir -p "$CC/classes" "$CC/wm/mappings" "$CC/wm/__files"
  javac -d "$CC/classes" -cp $JAR $B/ColdClient.java $B/BareJavalin.java
  start_mock
  curl -sf -H @"$H/stk-generator" --data-binary @$B/request.json http://127.0.0.1:$MOCK_PORT/anthropic/v1/messages > "$CC/canned.json"
  stop $MOCK_PID
  cp "$CC/canned.json" "$CC/wm/__files/canned.json"
  cat > "$CC/wm/mappings/messages.json" <<'JSON'
{"request": {"method": "POST", "url": "/anthropic/v1/messages"},
 "response": {"status": 200, "bodyFileName": "canned.json", "headers": {"Content-Type": "application/json"}}}
JSON
  cat > "$CC/no-quota.yaml" <<'YAML'
quota:
  input-tokens-per-minute: 1000000000000
  output-tokens-per-minute: 1000000000000
YAML
  java -cp "$JAR:$CC/classes" BareJavalin $BARE_PORT "$CC/canned.json" "$CC/canned.json" > "$OUT/bare-warm.log" 2>&1 &
  WARM_PID=$!; PIDS+=("$WARM_PID")
  wait_for http://127.0.0.1:$BARE_PORT/health
  cp $JAR "$UNDER_TEST"
  java -XX:ArchiveClassesAtExit="$CC/mock.jsa" -jar "$UNDER_TEST" --training-run --config "$CC/no-quota.yaml" > "$CC/training.log" 2>&1
  COLD=(  # label|headers|command
    "mock-stk|$H/stk-generator|java -jar $UNDER_TEST --port $START_PORT --config $CC/no-quota.yaml"
    "mock-sigv4|$CC/sigv4-headers|java -jar $UNDER_TEST --port $START_PORT --config $CC/no-quota.yaml"
    "mock-stk-appcds|$H/stk-generator|java -XX:SharedArchiveFile=$CC/mock.jsa -jar $UNDER_TEST --port $START_PORT --config $CC/no-quota.yaml"
    "wiremock|$H/plain|java -jar $WM_JAR --port $START_PORT --root-dir $CC/wm --no-request-journal --disable-request-logging"
    "bare-javalin|$H/plain|java -cp $JAR:$CC/classes BareJavalin $START_PORT $CC/canned.json $CC/canned.json"
  )
  echo -e "server\tconcurrency\tround\tresult" > "$OUT/cold.tsv"
  for r in $(seq 1 "$COLD_ROUNDS"); do
    mapfile -t ORDER < <(for v in "${COLD[@]}"; do for c in $COLD_CONCURRENCY; do echo "$c|$v"; done; done | shuf)
    for o in "${ORDER[@]}"; do
      IFS='|' read -r c label headers cmd <<< "$o"
      python3 $B/sign.py 127.0.0.1:$START_PORT $B/request.json > "$CC/sigv4-headers"   # X-Amz-Date now: within the default skew
      # shellcheck disable=SC2086  # the command is words
      line=$(java -cp "$CC/classes" ColdClient $BARE_PORT $START_PORT /anthropic/v1/messages $B/request.json "$headers" \
        "$COLD_REQUESTS" "$c" "$CC/$label-c$c-r$r.tsv" -- $cmd 2>&1 | grep '^RESULT' || echo "RESULT failed=1")
      printf '%s\t%s\t%s\t%s\n' "$label" "$c" "$r" "${line#RESULT }" >> "$OUT/cold.tsv"
      log "cold $label c=$c [$r] ${line#RESULT }"
      sleep 1
    done
  done
  stop $WARM_PID
fi

# ---------------------------------------------------------------- throughput and streams
if [[ " $PARTS " == *" throughput "* || " $PARTS " == *" streams "* ]]; then
  start_mock
  # the canned bytes WireMock and bare Javalin serve are the mock's own answers
  C=$OUT/canned; mkdir -p "$C/wm/mappings" "$C/wm/__files"
  curl_h() { local a=(); while IFS= read -r l; do a+=(-H "$l"); done < "$1"; printf '%s\0' "${a[@]}"; }
  mapfile -d '' HB < <(curl_h "$H/bearer-fixture")
  curl -sf "${HB[@]}" --data-binary @$B/request.json http://127.0.0.1:$MOCK_PORT/anthropic/v1/messages > "$C/canned.json"
  curl -sf "${HB[@]}" --data-binary @$B/request-stream.json http://127.0.0.1:$MOCK_PORT/anthropic/v1/messages > "$C/canned.sse"
  cp "$C/canned.json" "$C/wm/__files/canned.json"; cp "$C/canned.sse" "$C/wm/__files/canned.sse"
  cat > "$C/wm/mappings/messages.json" <<'JSON'
{"request": {"method": "POST", "url": "/anthropic/v1/messages"},
 "response": {"status": 200, "bodyFileName": "canned.json", "headers": {"Content-Type": "application/json"}}}
JSON
  cat > "$C/wm/mappings/stream.json" <<'JSON'
{"request": {"method": "POST", "url": "/stream"},
 "response": {"status": 200, "bodyFileName": "canned.sse", "headers": {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache"}}}
JSON
  log "canned JSON $(wc -c < "$C/canned.json") bytes, stream $(grep -c '^event:' "$C/canned.sse") events"
  java -jar "$WM_JAR" --port $WM_PORT --root-dir "$C/wm" --no-request-journal --disable-request-logging > "$OUT/wiremock.log" 2>&1 &
  WM_PID=$!; PIDS+=("$WM_PID")
  java -cp $JAR $B/BareJavalin.java $BARE_PORT "$C/canned.json" "$C/canned.sse" > "$OUT/bare.log" 2>&1 &
  BARE_PID=$!; PIDS+=("$BARE_PID")
  wait_for http://127.0.0.1:$WM_PORT/__admin/health
  wait_for http://127.0.0.1:$BARE_PORT/health
  M=/anthropic/v1/messages
  TP=(  # label port path body headers
    "mock-sigv4-fixture $MOCK_PORT $M $B/request.json $H/sigv4-fixture"
    "mock-bearer-fixture $MOCK_PORT $M $B/request.json $H/bearer-fixture"
    "mock-sigv4-generator $MOCK_PORT $M $B/request.json $H/sigv4-generator"
    "mock-bearer-generator $MOCK_PORT $M $B/request.json $H/bearer-generator"
    "mock-stk-fixture $MOCK_PORT $M $B/request.json $H/stk-fixture"
    "mock-stk-generator $MOCK_PORT $M $B/request.json $H/stk-generator"
    "wiremock $WM_PORT $M $B/request.json $H/plain"
    "bare-javalin $BARE_PORT $M $B/request.json $H/plain"
  )
  ST=(
    "mock-stream-sigv4 $MOCK_PORT $M $B/request-stream.json $H/sigv4-stream"
    "wiremock-stream $WM_PORT /stream $B/request-stream.json $H/plain"
    "bare-javalin-stream $BARE_PORT /stream $B/request-stream.json $H/plain"
  )
  log "warming up every server and variant until its rate stops rising (at most ${WARMUP_CAP}s each)"
  for v in "${TP[@]}" "${ST[@]}"; do warm_until_flat $v; done
  VARIANTS=()
  if [[ " $PARTS " == *" throughput "* ]]; then VARIANTS+=("${TP[@]}"); fi
  if [[ " $PARTS " == *" streams "* ]]; then VARIANTS+=("${ST[@]}"); fi
  for r in $(seq 1 "$ROUNDS"); do
    # a new random order each round: no variant always runs first (or after the heaviest) in its round
    mapfile -t ORDER < <(printf '%s\n' "${VARIANTS[@]}" | shuf)
    log "round $r order: $(printf '%s\n' "${ORDER[@]}" | cut -d' ' -f1 | tr '\n' ' ')"
    for v in "${ORDER[@]}"; do run_wrk $v "$r"; done
  done
  log "mock resident memory after the throughput runs: $(( $(rss_kb $MOCK_PID) / 1024 )) MB"
  stop $WM_PID; stop $BARE_PID; stop $MOCK_PID
fi

# ---------------------------------------------------------------- memory across a million requests
if [[ " $PARTS " == *" memory "* ]]; then
  start_mock
  log "memory: warming up"
  run_wrk mem-warmup $MOCK_PORT /anthropic/v1/messages $B/request.json "$H/sigv4-fixture" warmup 10
  total=0; slice=0
  echo -e "requests\trss_mb\tlive_heap_mb" > "$OUT/memory.tsv"
  printf '0\t%d\t%d\n' $(( $(rss_kb $MOCK_PID) / 1024 )) $(( $(live_heap_kb $MOCK_PID) / 1024 )) >> "$OUT/memory.tsv"
  while [ "$total" -lt "$MILLION" ]; do
    slice=$((slice + 1))
    line=$(BENCH_BODY=$B/request.json BENCH_HEADERS=$H/sigv4-fixture wrk -t2 -c"$CONNS" -d10s -s $B/wrk/post.lua \
      http://127.0.0.1:$MOCK_PORT | grep '^RESULT')
    n=$(echo "$line" | sed 's/.*requests=\([0-9]*\).*/\1/'); total=$((total + n))
    printf '%d\t%d\t\n' "$total" $(( $(rss_kb $MOCK_PID) / 1024 )) >> "$OUT/memory.tsv"
    log "memory: $total requests, RSS $(( $(rss_kb $MOCK_PID) / 1024 )) MB ($line)"
  done
  printf '%d\t%d\t%d\n' "$total" $(( $(rss_kb $MOCK_PID) / 1024 )) $(( $(live_heap_kb $MOCK_PID) / 1024 )) >> "$OUT/memory.tsv"
  echo "journal: $(curl -s 'http://127.0.0.1:'$MOCK_PORT'/_mock/requests?limit=1' | head -c 40)" >> "$OUT/memory.tsv"
  cat "$OUT/memory.tsv" >&2
  stop $MOCK_PID
fi

# the mock's own answers, captured once, for the bare control to serve (paced and saturation parts)
capture_canned() {
  C=$OUT/canned
  [ -f "$C/canned.sse" ] && return 0
  mkdir -p "$C"; start_mock
  mapfile -d '' HB < <(a=(); while IFS= read -r l; do a+=(-H "$l"); done < "$H/bearer-fixture"; printf '%s\0' "${a[@]}")
  curl -sf "${HB[@]}" --data-binary @$B/request.json http://127.0.0.1:$MOCK_PORT/anthropic/v1/messages > "$C/canned.json"
  curl -sf "${HB[@]}" --data-binary @$B/request-stream.json http://127.0.0.1:$MOCK_PORT/anthropic/v1/messages > "$C/canned.sse"
  stop $MOCK_PID
}

# ---------------------------------------------------------------- paced streams
# Per step: the mock (fixture "bench-paced": 125 deltas of 4 tokens at 20 tokens/s, one event per 200 ms,
# 25 s per stream), then the control, bare Javalin pacing the same events from a shared 2-thread timer
# (the mock's design, with nothing else): what the client sees from the control is the error of this
# machine and client, not of the mock.
if [[ " $PARTS " == *" paced "* ]]; then
  echo -e "server\tstreams\tclient_result\tpeak_rss_mb\tpeak_open_streams_gauge" > "$OUT/paced.tsv"
  capture_canned
  paced_client() { # port path streams ramp_ms -> stdout
    java -Xmx1g -Dpath="$2" $B/PacedClient.java "$1" "$3" "$4" 200 $B/request-paced.json \
      'content-type: application/json' 'anthropic-version: 2023-06-01' 'authorization: Bearer bench-static-token' \
      'x-mock-scenario: bench-paced'
  }
  for n in $PACED_STEPS; do
    ramp=$(( n / 2 )); [ $ramp -lt 1000 ] && ramp=1000   # at most 2,000 new streams a second
    for server in mock bare-javalin; do
      if [ $server = mock ]; then
        start_mock; PID=$MOCK_PID; PORT=$MOCK_PORT; P=/anthropic/v1/messages   # a fresh mock per step: its memory is that step's
      else
        java -cp $JAR $B/BareJavalin.java $BARE_PORT "$C/canned.json" "$C/canned.sse" > "$OUT/bare.log" 2>&1 &
        PID=$!; PIDS+=("$PID"); PORT=$BARE_PORT; P=/paced
        wait_for http://127.0.0.1:$BARE_PORT/health
      fi
      paced_client $PORT $P 50 500 > /dev/null || true   # the JIT sees the path first
      peak=0; gauge=0
      paced_client $PORT $P "$n" "$ramp" > "$OUT/paced-$server-$n.txt" 2>&1 &
      CLIENT=$!
      while kill -0 $CLIENT 2>/dev/null; do
        r=$(rss_kb $PID); [ "${r:-0}" -gt "$peak" ] && peak=$r
        if [ $server = mock ]; then
          g=$(curl -s --max-time 2 http://127.0.0.1:$MOCK_PORT/_mock/metrics | awk '/^mantle_mock_open_streams/ {print int($2)}' || true)
          [ -n "$g" ] && [ "$g" -gt "$gauge" ] && gauge=$g
        fi
        sleep 1
      done
      wait $CLIENT || true
      kill -0 $PID 2>/dev/null || log "WARNING: $server (pid $PID) was gone at the end of the $n-stream step"
      res=$(grep '^RESULT' "$OUT/paced-$server-$n.txt" || echo "RESULT failed_to_run=1")
      printf '%s\t%d\t%s\t%d\t%d\n' $server "$n" "${res#RESULT }" $((peak / 1024)) "$gauge" >> "$OUT/paced.tsv"
      log "paced $server $n: ${res#RESULT } peak RSS $((peak / 1024)) MB, open-streams gauge peak $gauge"
      stop $PID
      sleep 2
    done
  done
fi

# ---------------------------------------------------------------- saturation
# The throughput part's request (SigV4 + fixture, full pipeline) from ever more connections, 10 s per step:
# Jetty's pool has 250 threads, so the later steps have far more clients than threads. What the table must
# show is how the mock degrades: throughput flat and latency up, or errors. Each step runs against the mock,
# then against the bare Javalin control (same Javalin and Jetty, same canned bytes, nothing else), so what
# the machine, wrk and Jetty do at that many connections is told apart from what the mock does. One server
# of each for all steps. wrk's --timeout is raised to BENCH_SAT_TIMEOUT (10 s) so a slow answer is measured
# as slow, not as an error (an SDK waits minutes); wrk's errors are kept by kind (connect, read, write, timeout).
sat_step() { # server pid port headers health_url connections
  local server=$1 pid=$2 port=$3 headers=$4 health_url=$5 c=$6 wrk_pid peak_t=0 peak_r=0 t r health res
  BENCH_PATH=/anthropic/v1/messages BENCH_BODY=$B/request.json BENCH_HEADERS=$headers \
    wrk -t2 -c"$c" -d"${DURATION}s" --timeout "${SAT_TIMEOUT}s" -s $B/wrk/post.lua "http://127.0.0.1:$port" \
    > "$OUT/saturation-$server-$c.txt" 2>&1 &
  wrk_pid=$!
  while kill -0 $wrk_pid 2>/dev/null; do
    t=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    r=$(rss_kb "$pid")
    [ "${t:-0}" -gt "$peak_t" ] && peak_t=$t; [ "${r:-0}" -gt "$peak_r" ] && peak_r=$r
    sleep 0.5
  done
  wait $wrk_pid || true
  health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$health_url" || true)
  res=$(grep '^RESULT' "$OUT/saturation-$server-$c.txt" || echo "RESULT failed=1")
  printf '%s\t%d\t%s\t%d\t%d\t%s\n' "$server" "$c" "${res#RESULT }" "$peak_t" $((peak_r / 1024)) "$health" >> "$OUT/saturation.tsv"
  log "saturation $server $c connections: ${res#RESULT } threads peak $peak_t, RSS peak $((peak_r / 1024)) MB, health $health"
  sleep 2   # let the closed connections drain before the next step
}
if [[ " $PARTS " == *" saturation "* ]]; then
  echo -e "server\tconnections\tresult\tpeak_threads\tpeak_rss_mb\thealth_after" > "$OUT/saturation.tsv"
  echo "saturation: wrk -t2 -d${DURATION}s --timeout ${SAT_TIMEOUT}s per step" >> "$OUT/machine.txt"
  capture_canned
  start_mock
  java -cp $JAR $B/BareJavalin.java $BARE_PORT "$C/canned.json" "$C/canned.sse" > "$OUT/bare.log" 2>&1 &
  BARE_PID=$!; PIDS+=("$BARE_PID")
  wait_for http://127.0.0.1:$BARE_PORT/health
  log "saturation: warming up both servers until their rates stop rising (at $CONNS connections)"
  warm_until_flat sat-warmup-mock $MOCK_PORT /anthropic/v1/messages $B/request.json "$H/sigv4-fixture"
  warm_until_flat sat-warmup-bare $BARE_PORT /anthropic/v1/messages $B/request.json "$H/plain"
  fds=$(ulimit -n)
  for c in $SAT_STEPS; do
    if [ "$c" -gt $(( fds / 2 - 100 )) ]; then   # wrk and the server each hold one descriptor per connection
      log "saturation: skipping $c connections, over half of ulimit -n ($fds)"; continue
    fi
    sat_step mock $MOCK_PID $MOCK_PORT "$H/sigv4-fixture" http://127.0.0.1:$MOCK_PORT/_mock/health "$c"
    sat_step bare-javalin $BARE_PID $BARE_PORT "$H/plain" http://127.0.0.1:$BARE_PORT/health "$c"
  done
  kill -0 $MOCK_PID 2>/dev/null || log "WARNING: the mock was gone at the end of the saturation steps"
  stop $MOCK_PID; stop $BARE_PID
fi

# ---------------------------------------------------------------- start to first 200
# The issue's measure: `java -jar ... --port N` (default config), then a SigV4 POST every 10 ms until
# the first 200; "ready" is when the start-up line appears. The JVM flags that shorten it are measured
# in the same rounds, for the record only (the documented command takes none); the AppCDS archive is
# made once, by a training run that serves one request and is stopped.
if [[ " $PARTS " == *" startup "* ]]; then
  echo -e "server\trun\tms_to_ready\tms_to_first_200" > "$OUT/startup.tsv"
  ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
  signed_post() {
    curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$START_PORT/anthropic/v1/messages \
      --aws-sigv4 "aws:amz:us-east-1:bedrock-mantle" --user "AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" \
      -H "content-type: application/json" -H "anthropic-version: 2023-06-01" --data-binary @$B/request.json
  }
  JSA=$OUT/mock.jsa
  java -XX:ArchiveClassesAtExit=$JSA -jar $JAR --port $START_PORT > "$OUT/startup-cds-training.log" 2>&1 &
  P=$!; PIDS+=("$P")
  until [ "$(signed_post)" = 200 ]; do sleep 0.01; done
  stop $P
  STARTUP_VARIANTS=(  # label|JVM flags
    "mock|"
    "mock-c1|-XX:TieredStopAtLevel=1"
    "mock-serialgc|-XX:+UseSerialGC"
    "mock-appcds|-XX:SharedArchiveFile=$JSA"
    "mock-all-three|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=$JSA"
  )
  for i in 1 2 3 4 5; do
    for v in "${STARTUP_VARIANTS[@]}"; do
      rm -f "$OUT/startup-ready"; : > "$OUT/startup-mock.log"
      t0=$(date +%s%N)
      # The start-up line is timed by a reader blocked on the pipe (the POST in flight when it is printed
      # waits for the 200, and polling the log would compete with the JVM for the CPU).
      # shellcheck disable=SC2086  # the flags are words
      java ${v#*|} -jar $JAR --port $START_PORT > >(while IFS= read -r line; do
          [[ $line == "Mantle mock ready"* ]] && ms $t0 > "$OUT/startup-ready"
          printf '%s\n' "$line" >> "$OUT/startup-mock.log"; done) 2>&1 &
      P=$!; PIDS+=("$P")
      until [ "$(signed_post)" = 200 ]; do sleep 0.01; done
      tf=$(ms $t0)
      printf '%s\t%d\t%s\t%d\n' "${v%%|*}" $i "$(cat "$OUT/startup-ready" 2>/dev/null)" $tf >> "$OUT/startup.tsv"; stop $P
    done
    if [ -f "$OUT/canned/wm/mappings/messages.json" ]; then
      t0=$(date +%s%N)
      java -jar "$WM_JAR" --port $START_PORT --root-dir "$OUT/canned/wm" --no-request-journal --disable-request-logging > /dev/null 2>&1 &
      P=$!; PIDS+=("$P")
      until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @$B/request.json http://127.0.0.1:$START_PORT/anthropic/v1/messages)" = 200 ]; do sleep 0.01; done
      tf=$(ms $t0); printf 'wiremock\t%d\t\t%d\n' $i $tf >> "$OUT/startup.tsv"; stop $P
    fi
  done
  cat "$OUT/startup.tsv" >&2
fi

# ---------------------------------------------------------------- profile
if [[ " $PARTS " == *" profile "* ]]; then
  PW=${BENCH_PROFILE_WARMUP:-60}
  PS=${BENCH_PROFILE_SECONDS:-60}
  log "profile: mock under the short-term key + generator load, JFR for ${PS} s after ${PW} s"
  cp $JAR "$UNDER_TEST"
  # JFR from launch (started later by jcmd, its instrumentation sends the JIT back to the start)
  java -XX:StartFlightRecording=delay=${PW}s,duration=${PS}s,filename="$OUT/profile.jfr",settings=profile \
    -jar "$UNDER_TEST" --port $MOCK_PORT --config $B/mock.yaml --fixtures $B/fixtures > "$OUT/mock.log" 2>&1 &
  MOCK_PID=$!; PIDS+=("$MOCK_PID")
  wait_for http://127.0.0.1:$MOCK_PORT/_mock/health
  run_wrk profile-load $MOCK_PORT /anthropic/v1/messages $B/request.json "$H/stk-generator" warmup $((PW + PS + 5))
  for _ in $(seq 1 30); do [ -s "$OUT/profile.jfr" ] && break; sleep 1; done
  stop $MOCK_PID
  python3 $B/profile.py "$OUT/profile.jfr" > "$OUT/profile.md" && cat "$OUT/profile.md" >&2
fi

# ---------------------------------------------------------------- JMH
if [[ " $PARTS " == *" jmh "* ]]; then
  log "JMH"
  java -jar benchmarks/target/benchmarks.jar ${BENCH_JMH_ARGS:-} -rf text -rff "$OUT/jmh.txt" > "$OUT/jmh.log" 2>&1
  cat "$OUT/jmh.txt" >&2
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 $B/summarize.py "$OUT" | tee "$OUT/summary.md"
