#!/usr/bin/env bash
# The limited path against the unlimited one, in one run: the same non-streamed chat on a priced catalog model
# ("priced", $1 in / $2 out per 1M) through a virtual key with a budget, rpm and tpm (limits high enough never to
# refuse) and through the admin key (no limits). Rounds interleave the two, so drift hits both alike. Gateway pinned
# to one core, fake and wrk to the other. SQLite by default; POSTGRES=<admin connection string> runs the gateway on a
# fresh PostgreSQL database. Writes bench/results/limits.md (raw output in bench/results/limits-raw/).
#
#   ROUNDS [3]            interleaved rounds
#   DURATION [8]          seconds of each 50-connection wrk run
#   WARMUP [30]           seconds of warm-up load, half on each key
#   CONNECTIONS [50]
#   POSTGRES []           e.g. Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=postgres
#   FAKE_PORT [5199] GATEWAY_PORT [5198] GATEWAY_CORE [0] LOAD_CORE [1] SKIP_BUILD [0] SERVER_DIR FAKE_DLL (another build, e.g. main's, for a before/after)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/bench
RESULTS=$BENCH/results
RAW=$RESULTS/limits-raw
OUT=$RESULTS/limits.md
LUA=$BENCH/load/chat.lua

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-50}
POSTGRES=${POSTGRES:-}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
SKIP_BUILD=${SKIP_BUILD:-0}

ADMIN_KEY=sk-admin-bench
FAKE_URL=http://127.0.0.1:$FAKE_PORT/v1/chat/completions
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
SERVER_DIR=${SERVER_DIR:-$ROOT/src/Switchboard.Server/bin/Release/net10.0}
FAKE_DLL=${FAKE_DLL:-$BENCH/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll}
START_TIME=$(date +%s)
# shellcheck source=common.sh
. "$BENCH/load/common.sh"

DB_NAME=""
extra_cleanup() {
    if [ -n "$DB_NAME" ]; then psql "$(pg_uri)" -qc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true; fi
}
prepare_run limits

# The admin connection string as psql keywords (Host=..;Port=.. -> host=.. port=..).
pg_uri() { echo "$POSTGRES" | tr ';' '\n' | sed -E 's/^Host=/host=/I; s/^Port=/port=/I; s/^Username=/user=/I; s/^Password=/password=/I; s/^Database=/dbname=/I' | tr '\n' ' '; }

GATEWAY_ENV=(DOTNET_TC_CallCountingDelayMs=0)
STORE=sqlite
if [ -n "$POSTGRES" ]; then
    DB_NAME=sb_limits_bench_$$
    psql "$(pg_uri)" -qc "CREATE DATABASE $DB_NAME" >/dev/null || die "could not create the PostgreSQL database"
    GATEWAY_ENV+=("ConnectionStrings__Switchboard=$(echo "$POSTGRES" | sed -E "s/Database=[^;]*/Database=$DB_NAME/I")")
    STORE=postgresql
fi

export PLATFORMS_EXTRA="catalog:
  priced:
    user_input_price: 1.0
    user_output_price: 2.0
    sources: [{ platform: benchup, model: bench }]"
require_free_ports
start_fake
start_gateway "${GATEWAY_ENV[@]}"
wait_ready fake "$FAKE_PID" "$FAKE_URL"
wait_ready gateway "$GATEWAY_PID" "$GATEWAY_URL"

# Limits far above what the run can reach: every request passes every check, none is refused.
created=$(curl -sf -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench-limited","budget":1000000,"budget_period":"month","rpm":100000000,"tpm":100000000000}' \
    "http://127.0.0.1:$GATEWAY_PORT/api/admin/keys") || die "could not create the limited key"
LIMITED_KEY=$(echo "$created" | sed -E 's/.*"key":"([^"]+)".*/\1/')
[ -n "$LIMITED_KEY" ] || die "no key in: $created"

# wrk_run NAME KEY SECONDS: one throughput run; prints rps. Non-2xx answers (a limit store too slow to admit: 503
# limits_unavailable) are counted in $RAW/NAME.non2xx and shown in the table, not fatal: they are a finding.
wrk_run() {
    local name=$1 key=$2 seconds=$3 out
    out=$(BENCH_KEY=$key MODEL=priced taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$LUA" "$GATEWAY_URL" 2>&1)
    echo "$out" >>"$RAW/$name.txt"
    local line
    line=$(echo "$out" | grep WRK_RESULT) || die "wrk gave no result for $name"
    echo "$line" | sed -E 's/.* non2xx=([0-9]+).*/\1/' >>"$RAW/$name.non2xx"
    echo "$line" | sed -E 's/.* rps=([0-9.]+).*/\1/'
}

# non2xx NAME: the non-2xx answers of all of NAME's runs.
non2xx() { awk '{s += $1} END {print s + 0}' "$RAW/$1.non2xx"; }

log "warm-up ${WARMUP}s"
wrk_run warmup-admin "$ADMIN_KEY" $((WARMUP / 2)) >/dev/null
wrk_run warmup-limited "$LIMITED_KEY" $((WARMUP / 2)) >/dev/null

admin=()
limited=()
for round in $(seq 1 "$ROUNDS"); do
    a=$(wrk_run admin "$ADMIN_KEY" "$DURATION")
    l=$(wrk_run limited "$LIMITED_KEY" "$DURATION")
    log "round $round: admin $a req/s, limited $l req/s"
    admin+=("$a")
    limited+=("$l")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
A=$(median "${admin[@]}")
L=$(median "${limited[@]}")
RATIO=$(awk -v l="$L" -v a="$A" 'BEGIN {printf "%.0f", 100 * l / a}')
{
    echo "# Limited key vs admin key ($STORE, $(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "| key | median req/s | rounds | non-2xx |"
    echo "|---|---:|---|---:|"
    echo "| admin (no limits) | $A | ${admin[*]} | $(non2xx admin) |"
    echo "| virtual key with budget, rpm, tpm | $L | ${limited[*]} | $(non2xx limited) (warm-up: $(non2xx warmup-limited)) |"
    echo
    echo "Limited / admin: **$RATIO %** ($ROUNDS rounds of ${DURATION}s, $CONNECTIONS connections, load $(cut -d' ' -f1-3 /proc/loadavg))"
} | tee "$OUT"
