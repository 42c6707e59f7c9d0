#!/usr/bin/env bash
# Throughput of a freshly started gateway in consecutive slices, to see how long JIT tiering takes to reach
# steady state on one core. Starts its own fake upstream and gateway (pinned like run.sh), traffic to 127.0.0.1 only.
# Any DOTNET_* variables in the environment reach the gateway, so runtime settings can be compared:
#   bench/load/warmup-curve.sh                      # defaults
#   DOTNET_TieredPGO=0 bench/load/warmup-curve.sh   # no instrumented tier
# Environment: SLICES [12], SLICE_SECONDS [5], STREAM [0] (1 = 24-event streams), CONNECTIONS [50],
#              FAKE_PORT [5199], GATEWAY_PORT [5198], GATEWAY_CORE [0], LOAD_CORE [1]. Needs a Release build (run.sh builds).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SLICES=${SLICES:-12}
SLICE_SECONDS=${SLICE_SECONDS:-5}
STREAM=${STREAM:-0}
CONNECTIONS=${CONNECTIONS:-50}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
ADMIN_KEY=sk-admin-bench
SERVER_DIR=$ROOT/src/Switchboard.Server/bin/Release/net10.0
FAKE_DLL=$ROOT/bench/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions

TMP=$(mktemp -d /tmp/switchboard-warmup.XXXXXX)
FAKE_PID=""
GATEWAY_PID=""
cleanup() {
    local pid
    for pid in $GATEWAY_PID $FAKE_PID; do kill "$pid" 2>/dev/null || true; done
    for pid in $GATEWAY_PID $FAKE_PID; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf 'platforms:\n  benchup:\n    kind: openai\n    base_url: http://127.0.0.1:%s/v1\n    api_key: sk-bench\n    models:\n      bench: gpt-bench\n' "$FAKE_PORT" >"$TMP/platforms.yaml"
taskset -c "$LOAD_CORE" dotnet "$FAKE_DLL" --port "$FAKE_PORT" >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!
(
    cd "$SERVER_DIR"
    export SWITCHBOARD_ADMIN_KEY=$ADMIN_KEY SWITCHBOARD_CONFIG=$TMP/platforms.yaml SWITCHBOARD_DATA_DIR=$TMP/data \
        SWITCHBOARD_MASTER_KEY=bench-master-key-0123456789abcdef-not-a-secret
    exec taskset -c "$GATEWAY_CORE" dotnet Switchboard.Server.dll --urls "http://127.0.0.1:$GATEWAY_PORT"
) >"$TMP/gateway.log" 2>&1 &
GATEWAY_PID=$!

for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "$URL" || true)
    [ "$code" = 200 ] && break
    sleep 0.5
done
[ "$code" = 200 ] || { cat "$TMP/gateway.log" >&2; echo "gateway did not start" >&2; exit 1; }

echo "runtime settings: $(env | grep '^DOTNET_' | grep -v -E '^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET)' | tr '\n' ' ' || true)"
echo "slice  seconds  req/s  p50_ms  p99_ms  rss_mb"
for slice in $(seq 1 "$SLICES"); do
    line=$(STREAM=$STREAM BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${SLICE_SECONDS}s" --timeout 10s \
        -s "$ROOT/bench/load/chat.lua" "$URL" | grep '^WRK_RESULT')
    rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$GATEWAY_PID/status")
    printf '%5d  %7d  %5.0f  %6.2f  %6.2f  %6s\n' "$slice" $((slice * SLICE_SECONDS)) "$rps" "$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" \
        "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" "$rss"
done
