#!/usr/bin/env bash
# Times creating one virtual key through the admin API with many keys and users already stored, for one or two
# gateway builds side by side (before/after), on SQLite and, when psql reaches the test server, on PostgreSQL.
# Usage: bench/load/config-change.sh LABEL=SERVER_BIN_DIR [LABEL=SERVER_BIN_DIR ...]
#   e.g. bench/load/config-change.sh main=/tmp/base/src/Switchboard.Server/bin/Release/net10.0 \
#                                    branch=src/Switchboard.Server/bin/Release/net10.0
# Environment: SIZES ["5000:500 100000:10000"] (keys:users), CALLS [20], GATEWAY_PORT [5188],
#   PG_URL [postgresql://sb:sb@127.0.0.1:5432/postgres] (empty to skip PostgreSQL).
# Seeding is bulk SQL (one statement per table); every timed call is a real POST /api/admin/keys answered 201.
set -euo pipefail
SIZES=${SIZES:-"5000:500 100000:10000"}
CALLS=${CALLS:-20}
GATEWAY_PORT=${GATEWAY_PORT:-5188}
PG_URL=${PG_URL-postgresql://sb:sb@127.0.0.1:5432/postgres}
ADMIN_KEY=sb-bench-config-admin-0123456789
TMP=$(mktemp -d /tmp/sb-config-bench.XXXXXX)
trap 'kill "${GATEWAY_PID:-0}" 2>/dev/null || true; rm -rf "$TMP"' EXIT

log() { printf '%s\n' "$*" >&2; }

seed_sql() { # KEYS USERS DIALECT
    if [ "$3" = postgres ]; then
        echo "INSERT INTO users (id, tier, created_at, updated_at) SELECT 'bulk-user-' || i, 'free', now(), now() FROM generate_series(1, $2) AS i;
INSERT INTO virtual_keys (hash, masked, name, user_id, created_at) SELECT 'bulk-hash-' || i, 'sb-...bulk', 'bulk', 'bulk-user-' || (i % $2 + 1), now() FROM generate_series(1, $1) AS i;"
    else
        echo "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) INSERT INTO users (id, tier, created_at, updated_at) SELECT 'bulk-user-' || i, 'free', 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) INSERT INTO virtual_keys (hash, masked, name, user_id, created_at) SELECT 'bulk-hash-' || i, 'sb-...bulk', 'bulk', 'bulk-user-' || (i % $2 + 1), 0 FROM n;"
    fi
}

run_one() { # LABEL BIN DIALECT KEYS USERS
    local label=$1 bin=$2 dialect=$3 keys=$4 users=$5 data=$TMP/$1-$3-$4 connection db=""
    mkdir -p "$data"
    if [ "$dialect" = postgres ]; then
        db=sbbench_$RANDOM$RANDOM
        psql "$PG_URL" -qc "CREATE DATABASE $db" >/dev/null
        connection="Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=$db"
    else
        connection="Data Source=$data/switchboard.db"
    fi
    (cd "$bin" && exec env SWITCHBOARD_ADMIN_KEY=$ADMIN_KEY SWITCHBOARD_DATA_DIR=$data ConnectionStrings__Switchboard="$connection" \
        SWITCHBOARD_MASTER_KEY=bench-master-key-0123456789abcdef-not-a-secret Logging__LogLevel__Default=Warning \
        dotnet Switchboard.Server.dll --urls "http://127.0.0.1:$GATEWAY_PORT") >"$data/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$GATEWAY_PORT/readyz" >/dev/null && break; sleep 0.5; done
    if [ "$dialect" = postgres ]; then
        seed_sql "$keys" "$users" postgres | psql "${PG_URL%/*}/$db" -q >/dev/null
    else
        seed_sql "$keys" "$users" sqlite | sqlite3 -cmd ".timeout 30000" "$data/switchboard.db"
    fi
    curl -sf -X POST -H "Authorization: Bearer $ADMIN_KEY" "http://127.0.0.1:$GATEWAY_PORT/api/admin/reload" >/dev/null
    local times=() i code
    for i in $(seq 1 $((CALLS + 3))); do
        read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -H "Authorization: Bearer $ADMIN_KEY" \
            -H 'Content-Type: application/json' -d "{\"name\":\"timed-$i\"}" "http://127.0.0.1:$GATEWAY_PORT/api/admin/keys")
        [ "$code" = 201 ] || { tail -5 "$data/gateway.log" >&2; log "create answered $code"; exit 1; }
        [ "$i" -gt 3 ] && times+=("$t") # the first calls warm the route up
    done
    kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true
    [ -n "$db" ] && psql "$PG_URL" -qc "DROP DATABASE $db" >/dev/null
    printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" -v d="$dialect" -v k="$keys" -v u="$users" \
        '{ a[NR] = $1 * 1000 } END { printf "%-8s %-8s keys=%-7d users=%-6d median %6.1f ms  p90 %6.1f ms  (%d calls)\n", l, d, k, u, a[int((NR + 1) / 2)], a[int(NR * 0.9)], NR }'
}

dialects=sqlite
if [ -n "$PG_URL" ] && psql "$PG_URL" -qc 'SELECT 1' >/dev/null 2>&1; then dialects="sqlite postgres"; fi
for size in $SIZES; do
    for dialect in $dialects; do
        for build in "$@"; do
            run_one "${build%%=*}" "$(cd "${build#*=}" && pwd)" "$dialect" "${size%%:*}" "${size##*:}"
        done
    done
done
