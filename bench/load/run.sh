#!/usr/bin/env bash
# Load test of the Switchboard gateway against the fake upstream it fronts, with the fake measured
# directly as the baseline, all in one run. Gateway pinned to one core, fake + load generators to another.
# Traffic goes to 127.0.0.1 only. Prints a summary table and writes it to bench/results/latest.md
# (raw wrk/curl output in bench/results/latest-raw/). See bench/README.md.
#
# Durations and ports are configurable through the environment (defaults in brackets):
#   DURATION [10]          seconds of each 50-connection throughput run (non-stream and stream)
#   LATENCY_DURATION [8]   seconds of each 1-connection latency run
#   WARMUP_MIN [16] WARMUP_MAX [96] WARMUP_SLICE [8]
#                          mixed-load warm-up until JIT tiering has settled (see below), within these bounds
#   TTFB_REQUESTS [200]    sequential streamed requests for the time-to-first-byte median
#   SOAK_DURATION [60]     seconds of the mixed RSS soak run
#   CONNECTIONS [50]       connections of the throughput runs
#   FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1]
#   STREAM_DELAY_MS [0]    spacing between the fake's stream events
#   SKIP_BUILD [0]         1 = use the existing Release build
#   SERVER_DIR [src/Switchboard.Server/bin/Release/net10.0]  the gateway build to run (e.g. a copy, while builds go on)
#   TIER1_MIN [500]        tier-1 methods required before the warm-up may end
#   NATIVE [1]             0 = leave out the native build's rows
#   NATIVE_BINARY          the native executable to run [published by this script to /tmp/switchboard-native-bench/switchboard,
#                          or reused from there when SKIP_BUILD=1]; NATIVE_PORT [5197]
#   STARTS [5]             cold starts of each build for the start-to-ready median
#   FLOOR [1]              0 = leave out the floor rows: bench/BareProxy, a reverse proxy on the same stack (Kestrel,
#                          HttpClient) that does none of the gateway's work; BARE_PORT [5196]
# Any DOTNET_* runtime setting in the environment reaches the gateway (e.g. DOTNET_TC_CallCountingDelayMs=0), and the
# fake too; GATEWAY_ENV ["NAME=VALUE ..."] reaches the gateway only.
#
# Warm-up: a gateway pinned to one core sees a single CPU, and the runtime then waits ten times its call-counting delay
# after the last tier-0 JIT before it starts promoting hot methods. The server sets that delay to 10 ms (100 ms on one
# CPU; the runtime's default, 1 s there, kept it on tier-0/instrumented code for about a minute), so the tier-1 burst
# comes 15-30 s into the load. The gateway runs with DOTNET_PerfMapEnabled=3 (a JIT symbol map in /tmp), and the
# warm-up continues until the burst of tier-1 promotions is over (a slice adds < 5 % tier-1 methods, and
# < 1/10 of the largest slice's additions).
#
# Native build: the published executable runs beside the JIT build, on the same core, with its own port and data folder.
# Each measurement runs direct, JIT and native back to back, so all three share the machine's state at that moment; only
# the process under load is busy (the other gateway idles). The native build needs no JIT warm-up: it gets a short one
# (connections, pools, caches).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RESULTS=$BENCH/results
RAW=$RESULTS/latest-raw
OUT=$RESULTS/latest.md
LUA=$BENCH/load/chat.lua

DURATION=${DURATION:-10}
LATENCY_DURATION=${LATENCY_DURATION:-8}
WARMUP_MIN=${WARMUP_MIN:-16}
WARMUP_MAX=${WARMUP_MAX:-96}
WARMUP_SLICE=${WARMUP_SLICE:-8}
TTFB_REQUESTS=${TTFB_REQUESTS:-200}
SOAK_DURATION=${SOAK_DURATION:-60}
CONNECTIONS=${CONNECTIONS:-50}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
STREAM_DELAY_MS=${STREAM_DELAY_MS:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
NATIVE=${NATIVE:-1}
NATIVE_PORT=${NATIVE_PORT:-5197}
STARTS=${STARTS:-5}
FLOOR=${FLOOR:-1}
BARE_PORT=${BARE_PORT:-5196}

ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
NATIVE_URL=http://127.0.0.1:$NATIVE_PORT/v1/chat/completions
BARE_URL=http://127.0.0.1:$BARE_PORT/v1/chat/completions
BARE_DLL=$BENCH/BareProxy/bin/Release/net10.0/BareProxy.dll
SERVER_DIR=${SERVER_DIR:-$ROOT/src/Switchboard.Server/bin/Release/net10.0}
FAKE_DLL=$BENCH/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
STREAM_BODY='{"model":"bench","stream":true,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about foxes."}]}'

START_TIME=$(date +%s)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck source=common.sh
. "$BENCH/load/common.sh"

# ---------------------------------------------------------------------------------------- tools
if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } \
        || die "could not install wrk (apt-get install -y wrk)"
fi
for tool in curl taskset awk dotnet; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
[ "$(nproc)" -ge 2 ] || log "warning: fewer than 2 cores; the gateway and the load generator will share one"

mkdir -p "$RESULTS"
rm -rf "$RAW"
mkdir -p "$RAW"
exec 2> >(tee -a "$RAW/run.log" >&2)

# ---------------------------------------------------------------------------------------- build
build() {
    local project=$1 attempt
    for attempt in 1 2 3; do
        if dotnet build "$project" -c Release -nologo -v q >>"$RAW/build.log" 2>&1; then
            return 0
        fi
        log "build of $project failed (attempt $attempt; other builds may hold a lock), retrying"
        sleep 10
    done
    tail -30 "$RAW/build.log" >&2
    die "build of $project failed; see $RAW/build.log"
}
if [ "$SKIP_BUILD" != 1 ]; then
    log "building Release (gateway and fake upstream)"
    build "$ROOT/src/Switchboard.Server/Switchboard.Server.csproj"
    build "$BENCH/FakeUpstream/FakeUpstream.csproj"
    [ "$FLOOR" = 0 ] || build "$BENCH/BareProxy/BareProxy.csproj"
fi
[ "$FLOOR" = 0 ] || [ -f "$BARE_DLL" ] || die "no Release build at $BARE_DLL"
[ -f "$SERVER_DIR/Switchboard.Server.dll" ] || die "no Release build at $SERVER_DIR"
[ -f "$FAKE_DLL" ] || die "no Release build at $FAKE_DLL"
if [ "$NATIVE" != 0 ] && [ -z "${NATIVE_BINARY:-}" ]; then
    NATIVE_BINARY=/tmp/switchboard-native-bench/switchboard
    if [ "$SKIP_BUILD" != 1 ] || [ ! -x "$NATIVE_BINARY" ]; then
        log "publishing the native build (a few minutes)"
        dotnet publish "$ROOT/src/Switchboard.Server" -c Release -r linux-x64 -p:PublishAot=true -p:SwitchboardConsole=false \
            -o "$(dirname "$NATIVE_BINARY")" -nologo -v q >>"$RAW/build.log" 2>&1 || { tail -30 "$RAW/build.log" >&2; die "native publish failed"; }
    fi
fi
[ "$NATIVE" = 0 ] || [ -x "$NATIVE_BINARY" ] || die "no native executable at $NATIVE_BINARY"
[ "$NATIVE" = 0 ] || NATIVE_BINARY=$(realpath "$NATIVE_BINARY") # it is started from its own folder

# ---------------------------------------------------------------------------------------- processes
TMP=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
FAKE_PID=""
GATEWAY_PID=""
NATIVE_PID=""
SAMPLER_PID=""
NATIVE_SAMPLER_PID=""
BARE_PID=""
cleanup() {
    local pid
    for pid in $SAMPLER_PID $NATIVE_SAMPLER_PID $GATEWAY_PID $NATIVE_PID $BARE_PID $FAKE_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $SAMPLER_PID $NATIVE_SAMPLER_PID $GATEWAY_PID $NATIVE_PID $BARE_PID $FAKE_PID; do
        wait "$pid" 2>/dev/null || true
    done
    [ -n "$GATEWAY_PID" ] && rm -f "/tmp/perf-$GATEWAY_PID.map" "/tmp/perfinfo-$GATEWAY_PID.map"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require_free_ports
[ "$NATIVE" = 0 ] || port_free "$NATIVE_PORT" || die "port $NATIVE_PORT is in use (set NATIVE_PORT)"
[ "$FLOOR" = 0 ] || port_free "$BARE_PORT" || die "port $BARE_PORT is in use (set BARE_PORT)"

log "starting fake upstream on core $LOAD_CORE, port $FAKE_PORT"
start_fake --stream-delay-ms "$STREAM_DELAY_MS"
wait_ready fake "$FAKE_PID" "$FAKE_URL"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# start_to_ready BUILD PORT: STARTS cold starts of a build, each with a fresh data folder, timed from launch to /readyz 200
# (polled every 10 ms); prints the median in ms.
start_to_ready() {
    local build=$1 port=$2 i t0 ready
    : >"$TMP/starts"
    for i in $(seq 1 "$STARTS"); do
        rm -rf "$TMP/data-starts"
        t0=$(now_ms)
        launch_gateway "$build" "$port" starts
        ready=""
        for _ in $(seq 1 3000); do
            if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)" = 200 ]; then
                ready=$(($(now_ms) - t0))
                break
            fi
            kill -0 "$LAUNCHED_PID" 2>/dev/null || { tail -20 "$RAW/starts.log" >&2; die "$build gateway exited during startup"; }
            sleep 0.01
        done
        kill "$LAUNCHED_PID" 2>/dev/null || true
        wait "$LAUNCHED_PID" 2>/dev/null || true
        [ -n "$ready" ] || die "$build gateway: no /readyz 200 within 30 s"
        echo "$ready" >>"$TMP/starts"
    done
    median <"$TMP/starts"
}
log "start to ready: $STARTS cold starts of each build"
START_JIT=$(start_to_ready jit "$GATEWAY_PORT")
log "  JIT build: median $START_JIT ms"
if [ "$NATIVE" != 0 ]; then
    START_NATIVE=$(start_to_ready native "$NATIVE_PORT")
    log "  native build: median $START_NATIVE ms"
fi

log "starting gateway on core $GATEWAY_CORE, port $GATEWAY_PORT"
# shellcheck disable=SC2086 # GATEWAY_ENV is a list of NAME=VALUE words
start_gateway DOTNET_PerfMapEnabled="${DOTNET_PerfMapEnabled:-3}" ${GATEWAY_ENV:-}
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"
if [ "$NATIVE" != 0 ]; then
    log "starting the native gateway on core $GATEWAY_CORE, port $NATIVE_PORT"
    # shellcheck disable=SC2086
    launch_gateway native "$NATIVE_PORT" native ${GATEWAY_ENV:-}
    NATIVE_PID=$LAUNCHED_PID
    wait_ready native "$NATIVE_PID" "$NATIVE_URL"
fi
if [ "$FLOOR" != 0 ]; then
    log "starting the bare proxy (the floor) on core $GATEWAY_CORE, port $BARE_PORT"
    taskset -c "$GATEWAY_CORE" dotnet "$BARE_DLL" --port "$BARE_PORT" --upstream "http://127.0.0.1:$FAKE_PORT" >"$RAW/bare.log" 2>&1 &
    BARE_PID=$!
    wait_ready bare "$BARE_PID" "$BARE_URL"
fi
for url in "$GATEWAY_URL" ${NATIVE_PID:+"$NATIVE_URL"} ${BARE_PID:+"$BARE_URL"}; do
    [ "$(curl -sN -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' -d "$STREAM_BODY" "$url" | grep -c '^data:')" = 25 ] \
        || die "the stream of $url does not have 24 events + [DONE]"
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/${1:-$GATEWAY_PID}/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
tier1_count() { grep -c -E '\[(OptimizedTier1|Tier1)[^]]*\]$' "/tmp/perf-$GATEWAY_PID.map" 2>/dev/null || true; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/${1:-$GATEWAY_PID}/status"; }
# sample_rss PID: every second, the time, VmRSS, VmHWM, then RssAnon RssFile RssShmem (kB): which kind of memory a peak is made of
sample_rss() {
    while kill -0 "$1" 2>/dev/null; do
        printf '%s %s %s %s\n' "$(date +%s)" "$(rss_kb "$1")" "$(hwm_kb "$1")" "$(awk '/^Rss(Anon|File|Shmem):/ { printf "%s ", $2 }' "/proc/$1/status")"
        sleep 1
    done 2>/dev/null
}
RSS_STARTUP=$(rss_kb)
sample_rss "$GATEWAY_PID" >"$RAW/rss.tsv" &
SAMPLER_PID=$!
if [ -n "$NATIVE_PID" ]; then
    NATIVE_RSS_STARTUP=$(rss_kb "$NATIVE_PID")
    sample_rss "$NATIVE_PID" >"$RAW/rss-native.tsv" &
    NATIVE_SAMPLER_PID=$!
fi

# ---------------------------------------------------------------------------------------- measurement helpers
declare -A R
# settle: waits (at most 5 s) until neither gateway uses more than ~4 % of a core, so a run does not share the core
# with what the previous run left behind (the other gateway's usage backlog, its tier-1 compiles, a collection).
gateway_ticks() {
    local ticks
    ticks=$(cpu_ticks "$GATEWAY_PID")
    [ -z "$NATIVE_PID" ] || ticks=$((ticks + $(cpu_ticks "$NATIVE_PID")))
    echo "$ticks"
}
settle() {
    local before after _
    for _ in $(seq 1 10); do
        before=$(gateway_ticks)
        sleep 0.5
        after=$(gateway_ticks)
        [ $((after - before)) -le $((TICKS / 50)) ] && return 0
    done
}

# run_wrk NAME URL CONNECTIONS SECONDS STREAM(0|1) [GATEWAY PID]: stores R[NAME.rps|p50|p90|p99|errors|non2xx|gwcpu|fakecpu]
# (latencies in ms; CPU in % of one core over the run, for the gateway [GATEWAY_PID] and the fake upstream)
run_wrk() {
    local name=$1 url=$2 connections=$3 seconds=$4 stream=$5 pid=${6:-$GATEWAY_PID} line key value gw0 fake0 t0 t1
    settle
    gw0=$(cpu_ticks "$pid"); fake0=$(cpu_ticks "$FAKE_PID"); t0=$(date +%s%N)
    STREAM=$stream BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" \
        wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$LUA" "$url" >"$RAW/$name.txt" 2>&1 \
        || die "wrk $name failed: $(tail -3 "$RAW/$name.txt")"
    t1=$(date +%s%N)
    R[$name.gwcpu]=$(awk -v a="$gw0" -v b="$(cpu_ticks "$pid")" -v hz="$TICKS" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * (b - a) / hz / (ns / 1e9) }')
    R[$name.fakecpu]=$(awk -v a="$fake0" -v b="$(cpu_ticks "$FAKE_PID")" -v hz="$TICKS" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * (b - a) / hz / (ns / 1e9) }')
    line=$(grep '^WRK_RESULT' "$RAW/$name.txt") || die "wrk $name printed no result"
    for kv in ${line#WRK_RESULT }; do
        key=${kv%%=*}
        value=${kv#*=}
        case $key in
            p50_us | p90_us | p99_us | max_us) R[$name.${key%_us}]=$(awk -v v="$value" 'BEGIN { printf "%.3f", v / 1000 }') ;;
            *) R[$name.$key]=$value ;;
        esac
    done
    log "  $name: ${R[$name.rps]} req/s, p50 ${R[$name.p50]} ms, p99 ${R[$name.p99]} ms, errors ${R[$name.errors]}, non-2xx ${R[$name.non2xx]}, CPU gateway ${R[$name.gwcpu]} % fake ${R[$name.fakecpu]} %"
}

# run_mixed NAME SECONDS [URL]: half the connections non-streaming, half streaming, against a gateway [GATEWAY_URL] at once;
# sets MIXED_RPS (responses/s of both) and MIXED_ERRORS.
run_mixed() {
    local name=$1 seconds=$2 url=${3:-$GATEWAY_URL} a b
    STREAM=0 BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c$((CONNECTIONS / 2)) -d"${seconds}s" --timeout 10s -s "$LUA" "$url" \
        >"$RAW/$name-nonstream.txt" 2>&1 &
    a=$!
    STREAM=1 BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c$((CONNECTIONS - CONNECTIONS / 2)) -d"${seconds}s" --timeout 10s -s "$LUA" "$url" \
        >"$RAW/$name-stream.txt" 2>&1 &
    b=$!
    wait "$a" "$b" || die "wrk $name failed"
    MIXED_RPS=$(cat "$RAW/$name-nonstream.txt" "$RAW/$name-stream.txt" | grep '^WRK_RESULT' | sed -E 's/.* rps=([0-9.]+).*/\1/' | awk '{ s += $1 } END { printf "%.0f", s }')
    MIXED_ERRORS=$(cat "$RAW/$name-nonstream.txt" "$RAW/$name-stream.txt" | grep '^WRK_RESULT' \
        | sed -E 's/.* errors=([0-9]+) non2xx=([0-9]+).*/\1 \2/' | awk '{ s += $1 + $2 } END { print s + 0 }')
}

# run_ttfb NAME URL: median and p90 time to first byte (ms) of TTFB_REQUESTS sequential streams on one kept-alive connection
run_ttfb() {
    local name=$1 url=$2 urls=() i
    settle
    for i in $(seq 0 "$TTFB_REQUESTS"); do urls+=("$url"); done
    taskset -c "$LOAD_CORE" curl -s -w '%{stderr}%{http_code} %{time_starttransfer}\n' \
        -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' -d "$STREAM_BODY" "${urls[@]}" \
        2>"$RAW/$name.txt" >/dev/null || die "curl $name failed"
    # The first request opens the connection; the rest reuse it.
    R[$name.non2xx]=$(tail -n +2 "$RAW/$name.txt" | awk '$1 != 200' | wc -l)
    read -r "R[$name.p50]" "R[$name.p90]" < <(tail -n +2 "$RAW/$name.txt" | awk '{ print $2 * 1000 }' | sort -n \
        | awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }')
    log "  $name: TTFB median ${R[$name.p50]} ms, p90 ${R[$name.p90]} ms over $TTFB_REQUESTS streams, non-200 ${R[$name.non2xx]}"
}

# ---------------------------------------------------------------------------------------- runs
log "warm-up: mixed load in ${WARMUP_SLICE}s slices until tier-1 JIT settles (${WARMUP_MIN}-${WARMUP_MAX}s)"
run_wrk warmup-fake "$FAKE_URL" "$CONNECTIONS" 2 0
run_wrk warmup-fake-stream "$FAKE_URL" "$CONNECTIONS" 2 1
WARMUP_ELAPSED=0
WARMUP_CURVE=""
WARMUP_SETTLED=no
previous_tier1=$(tier1_count)
largest_growth=0
while [ "$WARMUP_ELAPSED" -lt "$WARMUP_MAX" ]; do
    run_mixed "warmup-$WARMUP_ELAPSED" "$WARMUP_SLICE"
    WARMUP_ELAPSED=$((WARMUP_ELAPSED + WARMUP_SLICE))
    tier1=$(tier1_count)
    log "  warm-up ${WARMUP_ELAPSED}s: $MIXED_RPS responses/s, tier-1 methods $previous_tier1 -> $tier1"
    WARMUP_CURVE="$WARMUP_CURVE ${WARMUP_ELAPSED}s:$MIXED_RPS"
    growth=$((tier1 - previous_tier1))
    [ "$growth" -gt "$largest_growth" ] && largest_growth=$growth
    # Settled: the burst of tier-1 promotions happened (one slice grew >= 10x this one) and this slice grew < 5 %.
    # (The gateway has ~2,500 tier-1 methods once warm; TIER1_MIN [500] rules out the slow trickle before the burst.)
    if [ "$WARMUP_ELAPSED" -ge "$WARMUP_MIN" ] && [ "$tier1" -ge "${TIER1_MIN:-500}" ] && [ "$growth" -lt $((tier1 / 20 + 1)) ] \
        && [ "$largest_growth" -ge $((10 * growth)) ]; then
        WARMUP_SETTLED=yes
        break
    fi
    previous_tier1=$tier1
done
[ "$WARMUP_SETTLED" = yes ] || log "  warning: tier-1 JIT still growing after ${WARMUP_MAX}s (no perf map? set WARMUP_MAX higher)"
RSS_WARM=$(rss_kb)
if [ -n "$NATIVE_PID" ]; then
    log "native warm-up: 8s of mixed load (no JIT to settle: connections, pools and caches)"
    run_mixed native-warmup 8 "$NATIVE_URL"
    NATIVE_RSS_WARM=$(rss_kb "$NATIVE_PID")
fi
if [ -n "$BARE_PID" ]; then
    # The bare proxy is a JIT build too: it gets the same kind of warm-up, long enough for its tier-1 burst.
    log "bare proxy warm-up: 32s of mixed load"
    run_mixed bare-warmup 32 "$BARE_URL"
fi

log "a. non-streaming, $CONNECTIONS connections, ${DURATION}s each"
run_wrk direct-c50 "$FAKE_URL" "$CONNECTIONS" "$DURATION" 0
run_wrk gateway-c50 "$GATEWAY_URL" "$CONNECTIONS" "$DURATION" 0
[ -z "$NATIVE_PID" ] || run_wrk native-c50 "$NATIVE_URL" "$CONNECTIONS" "$DURATION" 0 "$NATIVE_PID"
[ -z "$BARE_PID" ] || run_wrk bare-c50 "$BARE_URL" "$CONNECTIONS" "$DURATION" 0 "$BARE_PID"

log "b. non-streaming latency, 1 connection, ${LATENCY_DURATION}s each"
run_wrk direct-c1 "$FAKE_URL" 1 "$LATENCY_DURATION" 0
run_wrk gateway-c1 "$GATEWAY_URL" 1 "$LATENCY_DURATION" 0
[ -z "$NATIVE_PID" ] || run_wrk native-c1 "$NATIVE_URL" 1 "$LATENCY_DURATION" 0 "$NATIVE_PID"
[ -z "$BARE_PID" ] || run_wrk bare-c1 "$BARE_URL" 1 "$LATENCY_DURATION" 0 "$BARE_PID"

log "c. streaming: time to first byte (1 connection) and streams/s ($CONNECTIONS connections)"
run_ttfb direct-ttfb "$FAKE_URL"
run_ttfb gateway-ttfb "$GATEWAY_URL"
[ -z "$NATIVE_PID" ] || run_ttfb native-ttfb "$NATIVE_URL"
[ -z "$BARE_PID" ] || run_ttfb bare-ttfb "$BARE_URL"
run_wrk direct-stream-c50 "$FAKE_URL" "$CONNECTIONS" "$DURATION" 1
run_wrk gateway-stream-c50 "$GATEWAY_URL" "$CONNECTIONS" "$DURATION" 1
[ -z "$NATIVE_PID" ] || run_wrk native-stream-c50 "$NATIVE_URL" "$CONNECTIONS" "$DURATION" 1 "$NATIVE_PID"
[ -z "$BARE_PID" ] || run_wrk bare-stream-c50 "$BARE_URL" "$CONNECTIONS" "$DURATION" 1 "$BARE_PID"

log "d. RSS soak: ${SOAK_DURATION}s, $((CONNECTIONS / 2)) non-streaming + $((CONNECTIONS - CONNECTIONS / 2)) streaming connections"
RSS_SOAK_START=$(rss_kb)
SOAK_BEGIN=$(date +%s)
SOAK_CPU0=$(cpu_ticks "$GATEWAY_PID")
run_mixed soak "$SOAK_DURATION"
SOAK_FINISH=$(date +%s)
SOAK_CPU=$(awk -v a="$SOAK_CPU0" -v b="$(cpu_ticks "$GATEWAY_PID")" -v hz="$TICKS" -v s=$((SOAK_FINISH - SOAK_BEGIN)) 'BEGIN { printf "%.0f", 100 * (b - a) / hz / s }')
RSS_SOAK_END=$(rss_kb)
RSS_PEAK=$(hwm_kb)
SOAK_RPS=$MIXED_RPS
SOAK_ERRORS=$MIXED_ERRORS
read -r SOAK_MIN SOAK_MAX < <(awk -v a="$SOAK_BEGIN" -v b="$SOAK_FINISH" '$1 >= a && $1 <= b && $2 > 0 { if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2 } END { print min + 0, max + 0 }' "$RAW/rss.tsv")
log "  soak: $SOAK_RPS responses/s, $SOAK_ERRORS errors; RSS $((RSS_SOAK_START / 1024)) -> $((RSS_SOAK_END / 1024)) MB, peak $((RSS_PEAK / 1024)) MB"
if [ -n "$NATIVE_PID" ]; then
    log "d'. the same soak against the native build"
    NATIVE_RSS_SOAK_START=$(rss_kb "$NATIVE_PID")
    run_mixed native-soak "$SOAK_DURATION" "$NATIVE_URL"
    NATIVE_RSS_SOAK_END=$(rss_kb "$NATIVE_PID")
    NATIVE_RSS_PEAK=$(hwm_kb "$NATIVE_PID")
    NATIVE_SOAK_RPS=$MIXED_RPS
    NATIVE_SOAK_ERRORS=$MIXED_ERRORS
    log "  soak: $NATIVE_SOAK_RPS responses/s, $NATIVE_SOAK_ERRORS errors; RSS $((NATIVE_RSS_SOAK_START / 1024)) -> $((NATIVE_RSS_SOAK_END / 1024)) MB, peak $((NATIVE_RSS_PEAK / 1024)) MB"
fi
GATEWAY_LOG_LINES=$(wc -l <"$RAW/gateway.log")

# ---------------------------------------------------------------------------------------- report
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
mb() { calc "%.1f" "$1 / 1024"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo "**MISS**"; fi; }

RATIO_C50=$(calc "%.2f" "${R[gateway-c50.rps]} / ${R[direct-c50.rps]}")
RATIO_STREAM=$(calc "%.2f" "${R[gateway-stream-c50.rps]} / ${R[direct-stream-c50.rps]}")
ADDED_C1_P50=$(calc "%.3f" "${R[gateway-c1.p50]} - ${R[direct-c1.p50]}")
ADDED_C1_P99=$(calc "%.3f" "${R[gateway-c1.p99]} - ${R[direct-c1.p99]}")
ADDED_C50_P50=$(calc "%.3f" "${R[gateway-c50.p50]} - ${R[direct-c50.p50]}")
ADDED_C50_P99=$(calc "%.3f" "${R[gateway-c50.p99]} - ${R[direct-c50.p99]}")
ADDED_TTFB=$(calc "%.3f" "${R[gateway-ttfb.p50]} - ${R[direct-ttfb.p50]}")
ADDED_TTFB_P90=$(calc "%.3f" "${R[gateway-ttfb.p90]} - ${R[direct-ttfb.p90]}")
ADDED_S_P50=$(calc "%.3f" "${R[gateway-stream-c50.p50]} - ${R[direct-stream-c50.p50]}")
ADDED_S_P99=$(calc "%.3f" "${R[gateway-stream-c50.p99]} - ${R[direct-stream-c50.p99]}")
RSS_GROWTH=$(calc "%.1f" "($RSS_SOAK_END - $RSS_SOAK_START) / 1024")
RSS_GROWTH_PCT=$(calc "%.1f" "100 * ($RSS_SOAK_END - $RSS_SOAK_START) / $RSS_SOAK_START")
if [ -n "$NATIVE_PID" ]; then
    NATIVE_ADDED_C1_P50=$(calc "%.3f" "${R[native-c1.p50]} - ${R[direct-c1.p50]}")
    NATIVE_ADDED_TTFB=$(calc "%.3f" "${R[native-ttfb.p50]} - ${R[direct-ttfb.p50]}")
fi
ERRORS_TOTAL=0
for k in "${!R[@]}"; do
    case $k in *.errors | *.non2xx) ERRORS_TOTAL=$((ERRORS_TOTAL + R[$k])) ;; esac
done

{
    echo "# Switchboard load test — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(uname -sr), .NET SDK $(dotnet --version)," \
        "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')."
    echo "Gateway pinned to core $GATEWAY_CORE (Release, one process); fake upstream and wrk/curl share core $LOAD_CORE. Load average at start: $LOAD_AT_START."
    echo "Gateway runtime settings: $(env | grep '^DOTNET_' | grep -v -E '^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET)' | tr '\n' ' ')DOTNET_PerfMapEnabled=${DOTNET_PerfMapEnabled:-3}${GATEWAY_ENV:+ $GATEWAY_ENV} (defaults otherwise)."
    echo "Warm-up: ${WARMUP_ELAPSED}s of mixed load, tier-1 JIT settled: $WARMUP_SETTLED (responses/s per slice:$WARMUP_CURVE)."
    echo "\"direct\" = the same load sent straight to the fake upstream (the baseline the gateway adds to)."
    echo "Runs: ${DURATION}s throughput at $CONNECTIONS connections, ${LATENCY_DURATION}s latency at 1 connection, $TTFB_REQUESTS streams for TTFB, ${SOAK_DURATION}s soak."
    echo "Stream = 24 \`data:\` events (role, 21 content, finish, usage) + \`[DONE]\`, fake stream delay ${STREAM_DELAY_MS} ms."
    echo
    echo "| measure | gateway | direct | added (gw − direct) | ratio gw/direct | target | result |"
    echo "|---|---:|---:|---:|---:|---|---|"
    echo "| non-stream req/s @ $CONNECTIONS conn | ${R[gateway-c50.rps]} | ${R[direct-c50.rps]} | | $RATIO_C50 | ≥ 8000 | $(verdict "${R[gateway-c50.rps]} >= 8000") |"
    echo "| non-stream p50 ms @ $CONNECTIONS conn | ${R[gateway-c50.p50]} | ${R[direct-c50.p50]} | $ADDED_C50_P50 | | | |"
    echo "| non-stream p99 ms @ $CONNECTIONS conn | ${R[gateway-c50.p99]} | ${R[direct-c50.p99]} | $ADDED_C50_P99 | | | |"
    echo "| gateway CPU % of its core, non-stream / stream @ $CONNECTIONS conn | ${R[gateway-c50.gwcpu]} / ${R[gateway-stream-c50.gwcpu]} | | | | | |"
    echo "| non-stream req/s @ 1 conn | ${R[gateway-c1.rps]} | ${R[direct-c1.rps]} | | $(calc "%.2f" "${R[gateway-c1.rps]} / ${R[direct-c1.rps]}") | | |"
    echo "| non-stream p50 ms @ 1 conn | ${R[gateway-c1.p50]} | ${R[direct-c1.p50]} | $ADDED_C1_P50 | | added ≤ 0.3 | $(verdict "$ADDED_C1_P50 <= 0.3") |"
    echo "| non-stream p99 ms @ 1 conn | ${R[gateway-c1.p99]} | ${R[direct-c1.p99]} | $ADDED_C1_P99 | | | |"
    echo "| stream TTFB median ms @ 1 conn | ${R[gateway-ttfb.p50]} | ${R[direct-ttfb.p50]} | $ADDED_TTFB | | added ≤ 1 | $(verdict "$ADDED_TTFB <= 1") |"
    echo "| stream TTFB p90 ms @ 1 conn | ${R[gateway-ttfb.p90]} | ${R[direct-ttfb.p90]} | $ADDED_TTFB_P90 | | | |"
    echo "| streams/s (24 events) @ $CONNECTIONS conn | ${R[gateway-stream-c50.rps]} | ${R[direct-stream-c50.rps]} | | $RATIO_STREAM | ≥ 3000 | $(verdict "${R[gateway-stream-c50.rps]} >= 3000") |"
    echo "| whole-stream p50 ms @ $CONNECTIONS conn | ${R[gateway-stream-c50.p50]} | ${R[direct-stream-c50.p50]} | $ADDED_S_P50 | | | |"
    echo "| whole-stream p99 ms @ $CONNECTIONS conn | ${R[gateway-stream-c50.p99]} | ${R[direct-stream-c50.p99]} | $ADDED_S_P99 | | | |"
    echo "| gateway peak RSS MB (VmHWM) | $(mb "$RSS_PEAK") | | | | < 175 | $(verdict "$RSS_PEAK < 175 * 1024") |"
    echo "| gateway RSS MB: soak start → end (${SOAK_DURATION}s) | $(mb "$RSS_SOAK_START") → $(mb "$RSS_SOAK_END") | | $RSS_GROWTH MB ($RSS_GROWTH_PCT %) | | flat (≤ +10 %) | $(verdict "$RSS_SOAK_END <= $RSS_SOAK_START * 1.10") |"
    echo
    echo "RSS: $(mb "$RSS_STARTUP") MB after startup, $(mb "$RSS_WARM") MB after warm-up, soak min/max $(mb "$SOAK_MIN")/$(mb "$SOAK_MAX") MB (sampled every second: latest-raw/rss.tsv)."
    echo "Soak: $SOAK_RPS responses/s ($((CONNECTIONS / 2)) non-streaming + $((CONNECTIONS - CONNECTIONS / 2)) streaming connections), gateway CPU $SOAK_CPU %, $SOAK_ERRORS errors or non-2xx."
    echo "Start to ready (launch to /readyz 200, median of $STARTS cold starts): JIT build $START_JIT ms."
    echo "Socket errors + non-2xx over the measured runs: $ERRORS_TOTAL. Gateway log: $GATEWAY_LOG_LINES lines."
    if [ -n "$NATIVE_PID" ]; then
        echo
        echo "## Native build ($(du -m "$NATIVE_BINARY" | cut -f1) MB executable), beside the JIT build and the direct call"
        echo
        echo "| measure | native | JIT | direct | native added (− direct) | native / JIT | target | result |"
        echo "|---|---:|---:|---:|---:|---:|---|---|"
        echo "| non-stream req/s @ $CONNECTIONS conn | ${R[native-c50.rps]} | ${R[gateway-c50.rps]} | ${R[direct-c50.rps]} | | $(calc "%.2f" "${R[native-c50.rps]} / ${R[gateway-c50.rps]}") | ≥ 16000 | $(verdict "${R[native-c50.rps]} >= 16000") |"
        echo "| non-stream p50 ms @ 1 conn | ${R[native-c1.p50]} | ${R[gateway-c1.p50]} | ${R[direct-c1.p50]} | $NATIVE_ADDED_C1_P50 | | added ≤ 0.15 | $(verdict "$NATIVE_ADDED_C1_P50 <= 0.15") |"
        echo "| stream TTFB median ms @ 1 conn | ${R[native-ttfb.p50]} | ${R[gateway-ttfb.p50]} | ${R[direct-ttfb.p50]} | $NATIVE_ADDED_TTFB | | added ≤ 0.3 | $(verdict "$NATIVE_ADDED_TTFB <= 0.3") |"
        echo "| streams/s (24 events) @ $CONNECTIONS conn | ${R[native-stream-c50.rps]} | ${R[gateway-stream-c50.rps]} | ${R[direct-stream-c50.rps]} | | $(calc "%.2f" "${R[native-stream-c50.rps]} / ${R[gateway-stream-c50.rps]}") | ≥ 8000 | $(verdict "${R[native-stream-c50.rps]} >= 8000") |"
        echo "| gateway CPU % of its core, non-stream / stream @ $CONNECTIONS conn | ${R[native-c50.gwcpu]} / ${R[native-stream-c50.gwcpu]} | ${R[gateway-c50.gwcpu]} / ${R[gateway-stream-c50.gwcpu]} | | | | | |"
        echo "| peak RSS MB (VmHWM) | $(mb "$NATIVE_RSS_PEAK") | $(mb "$RSS_PEAK") | | | $(calc "%.2f" "$NATIVE_RSS_PEAK / $RSS_PEAK") | ≤ 60 | $(verdict "$NATIVE_RSS_PEAK <= 60 * 1024") |"
        echo "| RSS MB: soak start → end (${SOAK_DURATION}s) | $(mb "$NATIVE_RSS_SOAK_START") → $(mb "$NATIVE_RSS_SOAK_END") | $(mb "$RSS_SOAK_START") → $(mb "$RSS_SOAK_END") | | | | flat (≤ +10 %) | $(verdict "$NATIVE_RSS_SOAK_END <= $NATIVE_RSS_SOAK_START * 1.10") |"
        echo "| start to ready ms (median of $STARTS) | $START_NATIVE | $START_JIT | | | $(calc "%.2f" "$START_NATIVE / $START_JIT") | ≤ 150 | $(verdict "$START_NATIVE <= 150") |"
        echo
        echo "Native RSS: $(mb "$NATIVE_RSS_STARTUP") MB after startup, $(mb "$NATIVE_RSS_WARM") MB after its warm-up (sampled every second: latest-raw/rss-native.tsv)."
        echo "Native soak: $NATIVE_SOAK_RPS responses/s, $NATIVE_SOAK_ERRORS errors or non-2xx (JIT: $SOAK_RPS). Native gateway log: $(wc -l <"$RAW/native.log") lines."
    fi
    if [ -n "$BARE_PID" ]; then
        echo
        echo "## The floor: a bare reverse proxy on the same stack (bench/BareProxy, JIT), beside the gateway"
        echo
        echo "It relays the same requests through Kestrel and HttpClient to the same fake, on the same core, and does nothing"
        echo "else: no key, parsing, routing, limits, usage record or metrics. The gateway's own work is the difference."
        echo
        echo "| measure | bare proxy | JIT gateway | direct | bare added (− direct) | JIT gateway / bare |"
        echo "|---|---:|---:|---:|---:|---:|"
        echo "| non-stream req/s @ $CONNECTIONS conn | ${R[bare-c50.rps]} | ${R[gateway-c50.rps]} | ${R[direct-c50.rps]} | | $(calc "%.2f" "${R[gateway-c50.rps]} / ${R[bare-c50.rps]}") |"
        echo "| non-stream p50 ms @ 1 conn | ${R[bare-c1.p50]} | ${R[gateway-c1.p50]} | ${R[direct-c1.p50]} | $(calc "%.3f" "${R[bare-c1.p50]} - ${R[direct-c1.p50]}") | |"
        echo "| stream TTFB median ms @ 1 conn | ${R[bare-ttfb.p50]} | ${R[gateway-ttfb.p50]} | ${R[direct-ttfb.p50]} | $(calc "%.3f" "${R[bare-ttfb.p50]} - ${R[direct-ttfb.p50]}") | |"
        echo "| streams/s (24 events) @ $CONNECTIONS conn | ${R[bare-stream-c50.rps]} | ${R[gateway-stream-c50.rps]} | ${R[direct-stream-c50.rps]} | | $(calc "%.2f" "${R[gateway-stream-c50.rps]} / ${R[bare-stream-c50.rps]}") |"
        echo "| CPU % of its core, non-stream / stream @ $CONNECTIONS conn | ${R[bare-c50.gwcpu]} / ${R[bare-stream-c50.gwcpu]} | ${R[gateway-c50.gwcpu]} / ${R[gateway-stream-c50.gwcpu]} | | | |"
        echo "| peak RSS MB (VmHWM) | $(mb "$(hwm_kb "$BARE_PID")") | $(mb "$RSS_PEAK") | | | |"
    fi
} >"$OUT"

echo
cat "$OUT"
echo
log "written to ${OUT#"$ROOT"/} (raw output in ${RAW#"$ROOT"/}/)"
