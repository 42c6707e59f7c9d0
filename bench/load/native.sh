#!/usr/bin/env bash
# The native (AOT) build beside the JIT build, in one run: start to ready (/readyz 200), resident memory at idle, and
# requests per second, memory after and peak memory under a short wrk run of the built-in demo model (no upstream).
#
# Usage: bench/load/native.sh NATIVE_BINARY [JIT_DIR]
#   NATIVE_BINARY  a published `switchboard` executable (dotnet publish src/Switchboard.Server -c Release -r linux-x64 -p:PublishAot=true)
#   JIT_DIR        the JIT build's folder [src/Switchboard.Server/bin/Release/net10.0]
# Environment: STARTS (5) start-ups per build, LOAD_SECONDS (10), CONNECTIONS (50), PORT (18791),
#   GATEWAY_CORE (0) and LOAD_CORE (1): the gateway and wrk each pinned to one core.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NATIVE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
JIT_DIR=$(cd "${2:-$ROOT/src/Switchboard.Server/bin/Release/net10.0}" && pwd)
STARTS=${STARTS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18791}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
URL="http://127.0.0.1:$PORT"
KEY="sk-bench-admin-key-0123456789"
TMP=$(mktemp -d /tmp/switchboard-native-bench.XXXXXX)
PID=""
trap 'if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$TMP"' EXIT
command -v wrk >/dev/null 2>&1 || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -x "$NATIVE" ] || { echo "no executable at $NATIVE" >&2; exit 1; }
[ -f "$JIT_DIR/Switchboard.Server.dll" ] || { echo "no JIT build at $JIT_DIR" >&2; exit 1; }

now_ms() { date +%s%3N; }
rss_mb() { awk -v k="$2" '$1 == k":" {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# start BUILD: starts the gateway (native or jit) with a fresh data folder; sets PID and prints ms to /readyz 200.
start() {
    rm -rf "$TMP/data"
    local t0
    t0=$(now_ms)
    if [ "$1" = native ]; then
        (cd "$(dirname "$NATIVE")" && SWITCHBOARD_ADMIN_KEY=$KEY SWITCHBOARD_DATA_DIR=$TMP/data exec taskset -c "$GATEWAY_CORE" "$NATIVE" --urls "$URL") >"$TMP/gateway.log" 2>&1 &
    else
        (cd "$JIT_DIR" && SWITCHBOARD_ADMIN_KEY=$KEY SWITCHBOARD_DATA_DIR=$TMP/data exec taskset -c "$GATEWAY_CORE" dotnet Switchboard.Server.dll --urls "$URL") >"$TMP/gateway.log" 2>&1 &
    fi
    PID=$!
    for _ in $(seq 1 1200); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz" || true)" = 200 ]; then
            echo $(( $(now_ms) - t0 ))
            return 0
        fi
        kill -0 "$PID" 2>/dev/null || { tail -20 "$TMP/gateway.log" >&2; exit 1; }
        sleep 0.01
    done
    echo "no /readyz within 12 s" >&2
    exit 1
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cat >"$TMP/chat.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $KEY"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"demo","messages":[{"role":"user","content":"Hello"}]}'
LUA

printf '| build | start to ready, median of %s (ms) | RSS idle (MB) | demo req/s, %s conn, %ss | RSS after (MB) | peak RSS (MB) |\n' "$STARTS" "$CONNECTIONS" "$LOAD_SECONDS"
printf '|---|---:|---:|---:|---:|---:|\n'
for build in jit native; do
    : >"$TMP/starts"
    for _ in $(seq 1 "$STARTS"); do
        start "$build" >>"$TMP/starts"
        stop
    done
    start "$build" >/dev/null
    sleep 2
    idle=$(rss_mb "$PID" VmRSS)
    rps=$(taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${LOAD_SECONDS}s" -s "$TMP/chat.lua" "$URL/v1/chat/completions" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    after=$(rss_mb "$PID" VmRSS)
    peak=$(rss_mb "$PID" VmHWM)
    stop
    printf '| %s | %s | %s | %s | %s | %s |\n' "$build" "$(median <"$TMP/starts")" "$idle" "$rps" "$after" "$peak"
done
