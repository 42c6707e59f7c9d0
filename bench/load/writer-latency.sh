#!/usr/bin/env bash
# Does the usage writer disturb the request path? Measures the gateway's non-streaming p50/p99 latency at a paced,
# moderate rate three times in one run: idle; while a background flood of usage records (the real UsageQueue +
# UsageWriterService, in a separate process) writes FLOOD_RATE records/s into a SQLite file of its own; and while the
# same flood writes into the gateway's own SQLite file. The first flood only takes CPU from the gateway's core; the
# second also holds the file's write lock, which the gateway's own writer then waits for. Comparing the two isolates
# what sharing the writer costs the request path. Traffic goes to 127.0.0.1 only; about 100 s after the build.
#
# The flood runs on the gateway's core by default (FLOOD_CORE), which is where an in-process writer competes with the
# request path on this pinned setup; FLOOD_CORE=1 puts it beside wrk and the fake instead. The direct (fake-only)
# latency is measured in every phase too, so load-generator disturbance shows up separately from the gateway's.
#
# Environment (defaults in brackets): CONNECTIONS [4] DELAY_MS [4] (each connection pauses this long between requests,
# ~900 req/s in all), WARMUP [15] MEASURE [12] seconds, FLOOD_RATE [25000] records/s, FLOOD_CORE [GATEWAY_CORE],
# FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1], SKIP_BUILD [0].
# Output: printed, and bench/results/writer-latency.md (raw output in bench/results/writer-latency-raw/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RESULTS=$BENCH/results
RAW=$RESULTS/writer-latency-raw
OUT=$RESULTS/writer-latency.md
LUA=$BENCH/load/chat.lua

CONNECTIONS=${CONNECTIONS:-4}
DELAY_MS=${DELAY_MS:-4}
WARMUP=${WARMUP:-15}
MEASURE=${MEASURE:-12}
FLOOD_RATE=${FLOOD_RATE:-25000}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
FLOOD_CORE=${FLOOD_CORE:-$GATEWAY_CORE}
SKIP_BUILD=${SKIP_BUILD:-0}

ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
SERVER_DIR=$ROOT/src/Switchboard.Server/bin/Release/net10.0
FAKE_DLL=$BENCH/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
BENCH_DLL=$BENCH/Switchboard.Benchmarks/bin/Release/net10.0/Switchboard.Benchmarks.dll

START_TIME=$(date +%s)
# shellcheck source=common.sh
. "$BENCH/load/common.sh"

for tool in wrk curl taskset awk dotnet; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required (wrk: apt-get install -y wrk)"
done
mkdir -p "$RESULTS"
rm -rf "$RAW"
mkdir -p "$RAW"

if [ "$SKIP_BUILD" != 1 ]; then
    log "building Release (gateway, fake upstream, benchmarks)"
    for project in src/Switchboard.Server/Switchboard.Server.csproj bench/FakeUpstream/FakeUpstream.csproj bench/Switchboard.Benchmarks/Switchboard.Benchmarks.csproj; do
        dotnet build "$ROOT/$project" -c Release -nologo -v q >>"$RAW/build.log" 2>&1 || { tail -30 "$RAW/build.log" >&2; die "build of $project failed"; }
    done
fi
for file in "$SERVER_DIR/Switchboard.Server.dll" "$FAKE_DLL" "$BENCH_DLL"; do
    [ -f "$file" ] || die "no Release build at $file"
done

TMP=$(mktemp -d /tmp/switchboard-writer-latency.XXXXXX)
FAKE_PID=""
GATEWAY_PID=""
FLOOD_PID=""
cleanup() {
    local pid
    for pid in $FLOOD_PID $GATEWAY_PID $FAKE_PID; do kill "$pid" 2>/dev/null || true; done
    for pid in $FLOOD_PID $GATEWAY_PID $FAKE_PID; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

require_free_ports
start_fake
# No call-counting delay: a one-CPU process otherwise runs unoptimised code for about a minute (bench/README.md).
start_gateway DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"

wait_ready fake "$FAKE_PID" "$FAKE_URL"
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"

declare -A R
# run_wrk NAME URL SECONDS: paced load, stores R[NAME.rps|p50|p99|errors] (latencies in ms)
run_wrk() {
    local name=$1 url=$2 seconds=$3 line kv key value
    DELAY_MS=$DELAY_MS BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" \
        wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s --latency -s "$LUA" "$url" >"$RAW/$name.txt" 2>&1 \
        || die "wrk $name failed: $(tail -3 "$RAW/$name.txt")"
    line=$(grep '^WRK_RESULT' "$RAW/$name.txt") || die "wrk $name printed no result"
    for kv in ${line#WRK_RESULT }; do
        key=${kv%%=*}
        value=${kv#*=}
        case $key in
            p50_us | p99_us) R[$name.${key%_us}]=$(awk -v v="$value" 'BEGIN { printf "%.3f", v / 1000 }') ;;
            rps) R[$name.rps]=$value ;;
            errors | non2xx) R[$name.errors]=$(( ${R[$name.errors]:-0} + value )) ;;
        esac
    done
    log "  $name: ${R[$name.rps]} req/s, p50 ${R[$name.p50]} ms, p99 ${R[$name.p99]} ms, errors ${R[$name.errors]}"
}

log "warm-up: ${WARMUP}s of the same paced load on the gateway"
run_wrk warmup "$GATEWAY_URL" "$WARMUP"

log "idle: ${MEASURE}s gateway, ${MEASURE}s direct"
run_wrk idle-gateway "$GATEWAY_URL" "$MEASURE"
run_wrk idle-direct "$FAKE_URL" "$MEASURE"

FLOOD_SECONDS=$((2 * MEASURE + 4))
# run_flood NAME DB: floods DB on FLOOD_CORE while measuring the gateway and the direct path; stores R[NAME.flood]
run_flood() {
    local name=$1 db=$2 line
    log "$name: $FLOOD_RATE records/s into $db for ${FLOOD_SECONDS}s, on core $FLOOD_CORE"
    taskset -c "$FLOOD_CORE" dotnet "$BENCH_DLL" usage-flood --db "Data Source=$db" --rate "$FLOOD_RATE" --seconds "$FLOOD_SECONDS" \
        >"$RAW/$name-flood.txt" 2>&1 &
    FLOOD_PID=$!
    sleep 3
    run_wrk "$name-gateway" "$GATEWAY_URL" "$MEASURE"
    run_wrk "$name-direct" "$FAKE_URL" "$MEASURE"
    wait "$FLOOD_PID" || log "warning: the $name flood did not store every record it offered"
    FLOOD_PID=""
    line=$(grep '^FLOOD_RESULT' "$RAW/$name-flood.txt") || die "the $name flood printed no result: $(tail -5 "$RAW/$name-flood.txt")"
    R[$name.flood]=$(sed -E 's/.* rate=([0-9]+).*/\1/' <<<"$line")
}

# The same flood twice: into a file of its own (it only takes CPU from the gateway's core), then into the gateway's
# own file (it also holds the write lock the gateway's writer needs). The difference is what sharing the writer costs.
run_flood cpu "$TMP/other.db"
run_flood shared "$TMP/data/switchboard.db"
GATEWAY_USAGE_ERRORS=$(grep -c -i -E 'usage.*(fail|could not)|journal' "$RAW/gateway.log" || true)

calc() { awk "BEGIN { printf \"$1\", $2 }"; }
{
    echo "# Usage writer vs. request latency — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores, $(uname -sr). Gateway on core $GATEWAY_CORE, fake + wrk on core $LOAD_CORE, flood on core $FLOOD_CORE."
    echo "Load: $CONNECTIONS connections, each pausing ${DELAY_MS} ms between non-streaming requests; ${MEASURE}s per measurement after ${WARMUP}s warm-up."
    echo
    echo "Flood: the real UsageQueue + UsageWriterService (batches of 2,000), target $FLOOD_RATE records/s, first into a file of its own"
    echo "(it only competes for the CPU), then into the gateway's own SQLite file (it also holds the write lock the gateway's writer needs)."
    echo
    echo "| measure | idle | flood, own file | flood, gateway's file | ratio gateway's file / own file |"
    echo "|---|---:|---:|---:|---:|"
    for metric in p50 p99; do
        echo "| gateway $metric ms | ${R[idle-gateway.$metric]} | ${R[cpu-gateway.$metric]} | ${R[shared-gateway.$metric]} | $(calc "%.2f" "${R[shared-gateway.$metric]} / ${R[cpu-gateway.$metric]}") |"
    done
    echo "| gateway req/s | ${R[idle-gateway.rps]} | ${R[cpu-gateway.rps]} | ${R[shared-gateway.rps]} | |"
    for metric in p50 p99; do
        echo "| direct (fake only) $metric ms | ${R[idle-direct.$metric]} | ${R[cpu-direct.$metric]} | ${R[shared-direct.$metric]} | |"
    done
    echo "| gateway added p50 ms (gateway − direct) | $(calc "%.3f" "${R[idle-gateway.p50]} - ${R[idle-direct.p50]}") | $(calc "%.3f" "${R[cpu-gateway.p50]} - ${R[cpu-direct.p50]}") | $(calc "%.3f" "${R[shared-gateway.p50]} - ${R[shared-direct.p50]}") | |"
    echo
    echo "Flood achieved: ${R[cpu.flood]} records/s (own file), ${R[shared.flood]} records/s (gateway's file)."
    echo "Errors (socket + non-2xx): idle ${R[idle-gateway.errors]}, own file ${R[cpu-gateway.errors]}, gateway's file ${R[shared-gateway.errors]}. Gateway log lines about failed usage writes: $GATEWAY_USAGE_ERRORS."
} >"$OUT"

echo
cat "$OUT"
echo
log "written to ${OUT#"$ROOT"/}"
