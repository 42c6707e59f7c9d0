#!/usr/bin/env bash
# Managed bytes allocated per request under load, for one or more gateway builds in one sitting: the allocation rate
# from the runtime's own counter (dotnet-counters, System.Runtime dotnet.gc.heap.total_allocated) divided by the
# request rate wrk reaches at the same time. Unlike req/s, this figure hardly moves with a busy machine, so it shows
# what a change to the request path saves. Gateway pinned to one core, fake + wrk to the other; 127.0.0.1 only.
# Usage: bench/load/allocations.sh LABEL=SERVER_BIN_DIR [LABEL=SERVER_BIN_DIR ...]
#   e.g. bench/load/allocations.sh before=/tmp/base/src/Switchboard.Server/bin/Release/net10.0 \
#                                  after=src/Switchboard.Server/bin/Release/net10.0
# Environment: STREAM [0] (24-event streams instead of single answers), WARMUP [20] and DURATION [10] seconds,
#   CONNECTIONS [20], FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1]. Installs dotnet-counters
#   as a global .NET tool when it is missing. The gateway and the fake must be built (Release).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RAW=$BENCH/results/allocations-raw
LUA=$BENCH/load/chat.lua
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-20}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
FAKE_DLL=$BENCH/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
START_TIME=$(date +%s)
SKIP_BUILD=1
# shellcheck source=common.sh
. "$BENCH/load/common.sh"

[ $# -gt 0 ] || die "usage: $0 LABEL=SERVER_BIN_DIR [LABEL=SERVER_BIN_DIR ...]"
COUNTERS=$HOME/.dotnet/tools/dotnet-counters
[ -x "$COUNTERS" ] || dotnet tool install -g dotnet-counters >/dev/null || die "could not install dotnet-counters"
require_free_ports
prepare_run allocations
start_fake
wait_ready fake "$FAKE_PID" "$FAKE_URL"

drive() { # SECONDS: wrk against the gateway; prints its machine-readable result line
    STREAM=${STREAM:-0} taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"$1s" -s "$LUA" "$GATEWAY_URL" | grep '^WRK_RESULT'
}

for build in "$@"; do
    label=${build%%=*}
    SERVER_DIR=$(cd "${build#*=}" && pwd)
    start_gateway
    wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"
    drive "$WARMUP" >/dev/null
    "$COUNTERS" collect -p "$GATEWAY_PID" --counters System.Runtime --format csv -o "$RAW/$label.csv" --refresh-interval 1 \
        --duration "00:00:$(printf %02d $((DURATION + 3)))" >/dev/null 2>&1 &
    counters=$!
    sleep 1
    result=$(drive "$DURATION")
    wait "$counters" || true
    kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
    GATEWAY_PID=""
    python3 - "$RAW/$label.csv" "$result" "$label" <<'PY'
import csv, re, statistics, sys
path, result, label = sys.argv[1:]
rates = [float(r[4]) for r in csv.reader(open(path)) if len(r) >= 5 and "total_allocated" in r[2]]
rps = float(re.search(r"rps=([0-9.]+)", result).group(1))
# The counter samples once a second; the busiest two thirds are the seconds wrk ran through (not the idle edges).
busy = sorted(rates)[len(rates) // 3:]
rate = statistics.median(busy)
print(f"{label:<10} {rps:8.0f} req/s   {rate / 1e6:6.1f} MB/s allocated   {rate / rps:7.0f} bytes per request")
PY
done
