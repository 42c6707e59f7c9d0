#!/usr/bin/env bash
# Client protocols against each other, in one run: what the gateway adds to time to first byte and to latency when
# an OpenAI client reaches an OpenAI upstream (passthrough), an Anthropic client an Anthropic upstream (passthrough),
# and an Anthropic client an OpenAI upstream (translated through the canonical events). Each passthrough is measured
# against calling the fake upstream directly in its own wire format; the translated path against the OpenAI
# passthrough, which reaches the same fake endpoint. Gateway pinned to one core, fake and load to the other.
# Traffic goes to 127.0.0.1 only. Prints a table and writes bench/results/protocols.md (raw output in
# bench/results/protocols-raw/).
#
#   ROUNDS [5]            interleaved rounds; each round measures every path once, so drift hits all alike
#   TTFB_REQUESTS [100]   sequential streams per path and round (one kept-alive curl connection)
#   LATENCY_DURATION [4]  seconds of each 1-connection non-streaming wrk run per path and round
#   WARMUP [40]           seconds of warm-up load spread over the three gateway paths
#   FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1] SKIP_BUILD [0] SERVER_DIR
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RESULTS=$BENCH/results
RAW=$RESULTS/protocols-raw
OUT=$RESULTS/protocols.md
LUA=$BENCH/load/chat.lua

ROUNDS=${ROUNDS:-5}
TTFB_REQUESTS=${TTFB_REQUESTS:-100}
LATENCY_DURATION=${LATENCY_DURATION:-4}
WARMUP=${WARMUP:-40}
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

prepare_run protocols

require_free_ports
start_fake
start_gateway DOTNET_TC_CallCountingDelayMs=0
wait_ready fake "$FAKE_PID" "$FAKE_URL"
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"

# Each path: NAME URL PROTOCOL MODEL
PATHS=(
    "openai-direct http://127.0.0.1:$FAKE_PORT/v1/chat/completions openai bench"
    "openai-openai http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions openai bench"
    "anthropic-direct http://127.0.0.1:$FAKE_PORT/v1/messages anthropic claude-bench"
    "anthropic-anthropic http://127.0.0.1:$GATEWAY_PORT/v1/messages anthropic claude-bench"
    "anthropic-openai http://127.0.0.1:$GATEWAY_PORT/v1/messages anthropic bench"
)

body() { # PROTOCOL MODEL STREAM
    if [ "$1" = anthropic ]; then
        printf '{"model":"%s","max_tokens":64,%s"system":"You are terse.","messages":[{"role":"user","content":"Say something about foxes."}]}' "$2" \
            "$([ "$3" = 1 ] && echo '"stream":true,' || echo '"temperature":0.2,')"
    else
        printf '{"model":"%s",%s"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something about foxes."}]}' "$2" \
            "$([ "$3" = 1 ] && echo '"stream":true,' || echo '"max_tokens":64,"temperature":0.2,')"
    fi
}

for path in "${PATHS[@]}"; do
    read -r name url protocol model <<<"$path"
    events=$(curl -sN -H "Authorization: Bearer $ADMIN_KEY" -H "x-api-key: $ADMIN_KEY" -H 'anthropic-version: 2023-06-01' -H 'Content-Type: application/json' \
        -d "$(body "$protocol" "$model" 1)" "$url" | tee "$RAW/$name-sample.txt" | grep -c '^data:' || true)
    [ "$events" -ge 20 ] || die "$name: the stream has $events events (see $RAW/$name-sample.txt)"
    log "$name streams $events data events"
done

log "warming up for ${WARMUP} s"
for path in "${PATHS[@]}"; do
    read -r name url protocol model <<<"$path"
    case $name in *-direct) continue ;; esac
    STREAM=1 PROTOCOL=$protocol MODEL=$model BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c16 -d"$((WARMUP / 6))s" -s "$LUA" "$url" >/dev/null 2>&1
    STREAM=0 PROTOCOL=$protocol MODEL=$model BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c16 -d"$((WARMUP / 6))s" -s "$LUA" "$url" >/dev/null 2>&1
done

for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for path in "${PATHS[@]}"; do
        read -r name url protocol model <<<"$path"
        urls=()
        for i in $(seq 0 "$TTFB_REQUESTS"); do urls+=("$url"); done
        taskset -c "$LOAD_CORE" curl -s -w '%{stderr}%{http_code} %{time_starttransfer}\n' \
            -H "Authorization: Bearer $ADMIN_KEY" -H "x-api-key: $ADMIN_KEY" -H 'anthropic-version: 2023-06-01' -H 'Content-Type: application/json' \
            -d "$(body "$protocol" "$model" 1)" "${urls[@]}" 2>>"$RAW/$name.ttfb" >/dev/null || die "curl $name failed"
        STREAM=0 PROTOCOL=$protocol MODEL=$model BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" \
            wrk -t1 -c1 -d"${LATENCY_DURATION}s" --latency -s "$LUA" "$url" 2>&1 | grep '^WRK_RESULT' >>"$RAW/$name.latency" || die "wrk $name failed"
    done
done

# median of column 2 (seconds) in ms, skipping each round's first (connection-opening) request and non-200s
ttfb_median() { awk -v n="$TTFB_REQUESTS" 'NR % (n + 1) != 1 && $1 == 200 { print $2 * 1000 }' "$RAW/$1.ttfb" | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }
non200() { awk '$1 != 200' "$RAW/$1.ttfb" | wc -l; }
# median over the rounds of each wrk run's p50 (ms)
latency_median() { sed -E 's/.* p50_us=([0-9]+).*/\1/' "$RAW/$1.latency" | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] / 1000 }'; }
errors() { sed -E 's/.* errors=([0-9]+) non2xx=([0-9]+).*/\1 \2/' "$RAW/$1.latency" | awk '{ s += $1 + $2 } END { print s + 0 }'; }

declare -A T L
for path in "${PATHS[@]}"; do
    read -r name _ <<<"$path"
    T[$name]=$(ttfb_median "$name")
    L[$name]=$(latency_median "$name")
done
diff() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; }

{
    echo "# Client protocols: added time to first byte and latency ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "Gateway on core $GATEWAY_CORE, fake upstream and load on core $LOAD_CORE; $ROUNDS interleaved rounds of $TTFB_REQUESTS sequential streams"
    echo "(TTFB, median) and ${LATENCY_DURATION} s of 1-connection non-streaming requests (latency, median of the rounds' p50) per path."
    echo
    echo "| path | TTFB median ms | non-stream p50 ms | non-200 / errors |"
    echo "|---|---|---|---|"
    for path in "${PATHS[@]}"; do
        read -r name _ <<<"$path"
        echo "| $name | ${T[$name]} | ${L[$name]} | $(non200 "$name") / $(errors "$name") |"
    done
    echo
    echo "| what the gateway adds | TTFB ms | non-stream p50 ms |"
    echo "|---|---|---|"
    echo "| OpenAI → OpenAI passthrough (over direct) | $(diff "${T[openai-openai]}" "${T[openai-direct]}") | $(diff "${L[openai-openai]}" "${L[openai-direct]}") |"
    echo "| Anthropic → Anthropic passthrough (over direct) | $(diff "${T[anthropic-anthropic]}" "${T[anthropic-direct]}") | $(diff "${L[anthropic-anthropic]}" "${L[anthropic-direct]}") |"
    echo "| Anthropic client → OpenAI upstream, translated (over the OpenAI passthrough) | $(diff "${T[anthropic-openai]}" "${T[openai-openai]}") | $(diff "${L[anthropic-openai]}" "${L[openai-openai]}") |"
} | tee "$OUT"
