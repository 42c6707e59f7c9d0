#!/usr/bin/env bash
# Smoke test of the native (ahead-of-time compiled) gateway: publish it, start it on loopback with a platforms file,
# then check readiness, a chat answer, a stream, a limited virtual key and a clean stop. Ends with one line:
# "native smoke: PASS" or "native smoke: FAIL (reason)", and exits non-zero on failure.
#
# Usage: scripts/native-smoke.sh [BINARY]
#   BINARY  an already published `switchboard` executable; without it the script publishes one into a temporary folder
#           (dotnet publish src/Switchboard.Server -c Release -r linux-x64 -p:PublishAot=true) and reports the time taken.
# Environment: SMOKE_PORT (default 18790).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-18790}
URL="http://127.0.0.1:$PORT"
ADMIN_KEY="sk-smoke-admin-key-0123456789"
WORK=$(mktemp -d /tmp/switchboard-native-smoke.XXXXXX)
PID=""

fail() {
    echo "native smoke: FAIL ($*)"
    if [ -f "$WORK/gateway.log" ]; then
        echo "-- last lines of the gateway's output:"
        tail -n 30 "$WORK/gateway.log"
    fi
    exit 1
}

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -KILL "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

BINARY=${1:-}
if [ -z "$BINARY" ]; then
    echo "== publishing the native gateway (this takes minutes)"
    started=$(now_ms)
    # The console is left out: the smoke test is about the native gateway, and its WebAssembly publish doubles the time.
    if ! dotnet publish src/Switchboard.Server -c Release -r linux-x64 -p:PublishAot=true -p:SwitchboardConsole=false \
        -o "$WORK/publish" -nologo -clp:ErrorsOnly >"$WORK/publish.log" 2>&1; then
        tail -n 40 "$WORK/publish.log"
        fail "dotnet publish -p:PublishAot=true failed"
    fi
    echo "published in $(( ($(now_ms) - started) / 1000 )) s"
    BINARY="$WORK/publish/switchboard"
fi
[ -x "$BINARY" ] || fail "no executable at $BINARY"
echo "binary: $BINARY ($(( $(stat -c %s "$BINARY") / 1024 / 1024 )) MB)"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && fail "port $PORT is in use (set SMOKE_PORT)"

# The platforms file is read by the native YAML reader; kind demo is the built-in offline model (no upstream, no key).
cat >"$WORK/platforms.yaml" <<'YAML'
platforms:
  offline:
    kind: demo
    models: { fast-chat: demo }
YAML

# It runs from its own folder, as deployed: appsettings.json (log levels, defaults) is read from the working directory.
BINARY=$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")
started=$(now_ms)
(
    cd "$(dirname "$BINARY")"
    SWITCHBOARD_ADMIN_KEY=$ADMIN_KEY SWITCHBOARD_CONFIG="$WORK/platforms.yaml" SWITCHBOARD_DATA_DIR="$WORK/data" \
        exec "$BINARY" --urls "$URL"
) >"$WORK/gateway.log" 2>&1 &
PID=$!

ready=""
for _ in $(seq 1 600); do
    kill -0 "$PID" 2>/dev/null || fail "the gateway exited during startup"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz" || true)" = 200 ]; then
        ready=$(( $(now_ms) - started ))
        break
    fi
    sleep 0.05
done
[ -n "$ready" ] || fail "/readyz did not answer 200 within 30 s"
echo "ready in $ready ms (start to /readyz 200, polled every 50 ms)"

# call METHOD PATH KEY [BODY]: prints the status line "CODE" then the body, into $WORK/answer.
call() {
    local method=$1 path=$2 key=$3 body=${4:-}
    local args=(-s -o "$WORK/answer" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $key")
    if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' -d "$body"); fi
    curl "${args[@]}" "$URL$path" || echo 000
}
expect() {
    local what=$1 want=$2 got=$3 pattern=$4
    [ "$got" = "$want" ] || fail "$what: HTTP $got, expected $want: $(head -c 300 "$WORK/answer")"
    grep -q -- "$pattern" "$WORK/answer" || fail "$what: the answer lacks $pattern: $(head -c 300 "$WORK/answer")"
    echo "ok  $what"
}

expect "healthz" 200 "$(call GET /healthz "$ADMIN_KEY")" '"status":"ok"'
expect "models list" 200 "$(call GET /v1/models "$ADMIN_KEY")" '"fast-chat"'
expect "demo chat" 200 "$(call POST /v1/chat/completions "$ADMIN_KEY" '{"model":"fast-chat","messages":[{"role":"user","content":"Hello"}]}')" '"choices"'
expect "demo stream" 200 "$(call POST /v1/chat/completions "$ADMIN_KEY" '{"model":"fast-chat","stream":true,"messages":[{"role":"user","content":"Hello"}]}')" 'data: \[DONE\]'
expect "bad JSON is a 400 in the error shape" 400 "$(call POST /v1/chat/completions "$ADMIN_KEY" '{"model":')" '"error"'

# A limited key: one request a minute, so the second is refused with 429 in the documented error shape.
expect "create a limited key" 201 "$(call POST /api/admin/keys "$ADMIN_KEY" '{"name":"smoke","rpm":1,"allowed_models":["fast-chat"]}')" '"key":"'
LIMITED=$(grep -o '"key":"[^"]*"' "$WORK/answer" | head -n 1 | cut -d'"' -f4)
[ -n "$LIMITED" ] || fail "the created key is missing from the answer"
expect "list keys" 200 "$(call GET /api/admin/keys "$ADMIN_KEY")" '"name":"smoke"'
expect "limited key, first request" 200 "$(call POST /v1/chat/completions "$LIMITED" '{"model":"fast-chat","messages":[{"role":"user","content":"Hi"}]}')" '"choices"'
expect "limited key, second request refused" 429 "$(call POST /v1/chat/completions "$LIMITED" '{"model":"fast-chat","messages":[{"role":"user","content":"Hi"}]}')" '"code"'
expect "limited key, model outside its allowlist" 403 "$(call POST /v1/chat/completions "$LIMITED" '{"model":"demo","messages":[{"role":"user","content":"Hi"}]}')" '"error"'
expect "audit log recorded the key" 200 "$(call GET '/api/admin/audit?limit=5' "$ADMIN_KEY")" '"virtual_key.create"'

rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
echo "RSS after the checks: $(( rss_kb / 1024 )) MB"

kill -TERM "$PID"
for _ in $(seq 1 200); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
done
kill -0 "$PID" 2>/dev/null && fail "the gateway did not stop within 10 s of SIGTERM"
code=0
wait "$PID" || code=$?
PID=""
[ "$code" = 0 ] || fail "the gateway exited with code $code after SIGTERM"
echo "ok  stop on SIGTERM"
echo "native smoke: PASS"
