#!/usr/bin/env bash
# Response cache load test: non-streamed requests answered from the cache (x-switchboard-cache: on, the same body
# every time, so all but the first are hits) against the same requests sent upstream to the fake, in one run,
# alternating ROUNDS times so both see the same machine. Gateway pinned to one core, fake + wrk to the other.
# Prints each round and the medians; see bench/README.md ("Response cache").
#   DURATION [8] seconds per measurement   ROUNDS [3]   WARMUP [30] seconds of alternating warm-up
#   CONNECTIONS [50]   FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1]   SKIP_BUILD [0]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RAW=$BENCH/results/cache-raw
LUA=$BENCH/load/chat.lua
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-50}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
SERVER_DIR=${SERVER_DIR:-$ROOT/src/Switchboard.Server/bin/Release/net10.0}
FAKE_DLL=$BENCH/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
START_TIME=$(date +%s)
# shellcheck source=common.sh
. "$BENCH/load/common.sh"

prepare_run cache-bench

require_free_ports
start_fake
start_gateway
wait_ready fake "$FAKE_PID" "$FAKE_URL"
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"

# rps NAME CACHE SECONDS: one wrk run against the gateway, non-streamed; prints req/s (and checks there were no errors).
rps() {
    local name=$1 cache=$2 seconds=$3 line
    CACHE=$cache STREAM=0 BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" \
        wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LUA" "$GATEWAY_URL" >"$RAW/$name.txt" 2>&1 || die "wrk $name failed"
    line=$(grep '^WRK_RESULT' "$RAW/$name.txt") || die "wrk $name printed no result"
    case $line in *" errors=0 non2xx=0"*) ;; *) die "wrk $name saw errors: $line" ;; esac
    sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line"
}

[ "$(curl -s -o /dev/null -D - -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' -H 'x-switchboard-cache: on' \
    -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "$GATEWAY_URL" | tr -d '\r' | grep -ci '^x-switchboard-cache: miss')" = 1 ] \
    || die "the first cached request was not a miss"

log "warm-up: ${WARMUP}s alternating"
for i in $(seq 1 $(( (WARMUP + 9) / 10 ))); do
    rps warm-plain-$i "" 5 >/dev/null
    rps warm-cached-$i on 5 >/dev/null
done

PLAIN=()
CACHED=()
for i in $(seq 1 "$ROUNDS"); do
    PLAIN+=("$(rps plain-$i "" "$DURATION")")
    CACHED+=("$(rps cached-$i on "$DURATION")")
    log "round $i: uncached ${PLAIN[-1]} req/s, cache hit ${CACHED[-1]} req/s"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
P=$(median "${PLAIN[@]}")
C=$(median "${CACHED[@]}")
log "median: uncached $P req/s, cache hit $C req/s, ratio $(awk -v c="$C" -v p="$P" 'BEGIN { printf "%.2f", c / p }')x (load at end: $(cut -d' ' -f1-3 /proc/loadavg))"
