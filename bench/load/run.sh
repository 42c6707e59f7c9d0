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
# Any DOTNET_* runtime setting in the environment reaches the gateway (e.g. DOTNET_TC_CallCountingDelayMs=0), and the
# fake too; GATEWAY_ENV ["NAME=VALUE ..."] reaches the gateway only.
#
# Warm-up: a gateway pinned to one core sees a single CPU, and the runtime then waits 10x longer (1 s) after the
# last tier-0 JIT before it starts promoting hot methods, so under load it runs tier-0/instrumented code for
# roughly the first minute. The gateway runs with DOTNET_PerfMapEnabled=3 (a JIT symbol map in /tmp), and the
# warm-up continues until the burst of tier-1 promotions is over (a slice adds < 5 % tier-1 methods, and
# < 1/10 of the largest slice's additions).
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

ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
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
fi
[ -f "$SERVER_DIR/Switchboard.Server.dll" ] || die "no Release build at $SERVER_DIR"
[ -f "$FAKE_DLL" ] || die "no Release build at $FAKE_DLL"

# ---------------------------------------------------------------------------------------- processes
TMP=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
FAKE_PID=""
GATEWAY_PID=""
SAMPLER_PID=""
cleanup() {
    local pid
    for pid in $SAMPLER_PID $GATEWAY_PID $FAKE_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $SAMPLER_PID $GATEWAY_PID $FAKE_PID; do
        wait "$pid" 2>/dev/null || true
    done
    [ -n "$GATEWAY_PID" ] && rm -f "/tmp/perf-$GATEWAY_PID.map" "/tmp/perfinfo-$GATEWAY_PID.map"
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require_free_ports

log "starting fake upstream on core $LOAD_CORE, port $FAKE_PORT"
start_fake --stream-delay-ms "$STREAM_DELAY_MS"

log "starting gateway on core $GATEWAY_CORE, port $GATEWAY_PORT"
# shellcheck disable=SC2086 # GATEWAY_ENV is a list of NAME=VALUE words
start_gateway DOTNET_PerfMapEnabled="${DOTNET_PerfMapEnabled:-3}" ${GATEWAY_ENV:-}

wait_ready fake "$FAKE_PID" "$FAKE_URL"
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"
[ "$(curl -sN -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' -d "$STREAM_BODY" "$GATEWAY_URL" | grep -c '^data:')" = 25 ] \
    || die "the gateway's stream does not have 24 events + [DONE]"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$GATEWAY_PID/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
tier1_count() { grep -c -E '\[(OptimizedTier1|Tier1)[^]]*\]$' "/tmp/perf-$GATEWAY_PID.map" 2>/dev/null || true; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$GATEWAY_PID/status"; }
RSS_STARTUP=$(rss_kb)
(
    while kill -0 "$GATEWAY_PID" 2>/dev/null; do
        # time, VmRSS, VmHWM, then RssAnon RssFile RssShmem (kB): which kind of memory a peak is made of
        printf '%s %s %s %s\n' "$(date +%s)" "$(rss_kb)" "$(hwm_kb)" "$(awk '/^Rss(Anon|File|Shmem):/ { printf "%s ", $2 }' "/proc/$GATEWAY_PID/status")"
        sleep 1
    done
) >"$RAW/rss.tsv" 2>/dev/null &
SAMPLER_PID=$!

# ---------------------------------------------------------------------------------------- measurement helpers
declare -A R
# run_wrk NAME URL CONNECTIONS SECONDS STREAM(0|1): stores R[NAME.rps|p50|p90|p99|errors|non2xx|gwcpu|fakecpu]
# (latencies in ms; CPU in % of one core over the run, for the gateway and the fake upstream)
run_wrk() {
    local name=$1 url=$2 connections=$3 seconds=$4 stream=$5 line key value gw0 fake0 t0 t1
    gw0=$(cpu_ticks "$GATEWAY_PID"); fake0=$(cpu_ticks "$FAKE_PID"); t0=$(date +%s%N)
    STREAM=$stream BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" \
        wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$LUA" "$url" >"$RAW/$name.txt" 2>&1 \
        || die "wrk $name failed: $(tail -3 "$RAW/$name.txt")"
    t1=$(date +%s%N)
    R[$name.gwcpu]=$(awk -v a="$gw0" -v b="$(cpu_ticks "$GATEWAY_PID")" -v hz="$TICKS" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * (b - a) / hz / (ns / 1e9) }')
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

# run_mixed NAME SECONDS: half the connections non-streaming, half streaming, against the gateway at once;
# sets MIXED_RPS (responses/s of both) and MIXED_ERRORS.
run_mixed() {
    local name=$1 seconds=$2 a b
    STREAM=0 BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c$((CONNECTIONS / 2)) -d"${seconds}s" --timeout 10s -s "$LUA" "$GATEWAY_URL" \
        >"$RAW/$name-nonstream.txt" 2>&1 &
    a=$!
    STREAM=1 BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c$((CONNECTIONS - CONNECTIONS / 2)) -d"${seconds}s" --timeout 10s -s "$LUA" "$GATEWAY_URL" \
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

log "a. non-streaming, $CONNECTIONS connections, ${DURATION}s each"
run_wrk direct-c50 "$FAKE_URL" "$CONNECTIONS" "$DURATION" 0
run_wrk gateway-c50 "$GATEWAY_URL" "$CONNECTIONS" "$DURATION" 0

log "b. non-streaming latency, 1 connection, ${LATENCY_DURATION}s each"
run_wrk direct-c1 "$FAKE_URL" 1 "$LATENCY_DURATION" 0
run_wrk gateway-c1 "$GATEWAY_URL" 1 "$LATENCY_DURATION" 0

log "c. streaming: time to first byte (1 connection) and streams/s ($CONNECTIONS connections)"
run_ttfb direct-ttfb "$FAKE_URL"
run_ttfb gateway-ttfb "$GATEWAY_URL"
run_wrk direct-stream-c50 "$FAKE_URL" "$CONNECTIONS" "$DURATION" 1
run_wrk gateway-stream-c50 "$GATEWAY_URL" "$CONNECTIONS" "$DURATION" 1

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
    echo "| gateway peak RSS MB (VmHWM) | $(mb "$RSS_PEAK") | | | | ≤ 150 | $(verdict "$RSS_PEAK <= 150 * 1024") |"
    echo "| gateway RSS MB: soak start → end (${SOAK_DURATION}s) | $(mb "$RSS_SOAK_START") → $(mb "$RSS_SOAK_END") | | $RSS_GROWTH MB ($RSS_GROWTH_PCT %) | | flat (≤ +10 %) | $(verdict "$RSS_SOAK_END <= $RSS_SOAK_START * 1.10") |"
    echo
    echo "RSS: $(mb "$RSS_STARTUP") MB after startup, $(mb "$RSS_WARM") MB after warm-up, soak min/max $(mb "$SOAK_MIN")/$(mb "$SOAK_MAX") MB (sampled every second: latest-raw/rss.tsv)."
    echo "Soak: $SOAK_RPS responses/s ($((CONNECTIONS / 2)) non-streaming + $((CONNECTIONS - CONNECTIONS / 2)) streaming connections), gateway CPU $SOAK_CPU %, $SOAK_ERRORS errors or non-2xx."
    echo "Socket errors + non-2xx over the measured runs: $ERRORS_TOTAL. Gateway log: $GATEWAY_LOG_LINES lines."
} >"$OUT"

echo
cat "$OUT"
echo
log "written to ${OUT#"$ROOT"/} (raw output in ${RAW#"$ROOT"/}/)"
