# Shared by run.sh and writer-latency.sh (sourced, not run): logging, the port check, and starting the fake
# upstream and the gateway with the bench platforms file, then waiting until both answer.
# Expects: START_TIME RAW TMP ADMIN_KEY FAKE_PORT GATEWAY_PORT GATEWAY_CORE LOAD_CORE SERVER_DIR FAKE_DLL FAKE_URL GATEWAY_URL.
# Sets: FAKE_PID GATEWAY_PID.

log() { printf '[%4ds] %s\n' "$(( $(date +%s) - START_TIME ))" "$*" >&2; }
die() { log "error: $*"; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() {
    port_free "$FAKE_PORT" || die "port $FAKE_PORT is in use (set FAKE_PORT)"
    port_free "$GATEWAY_PORT" || die "port $GATEWAY_PORT is in use (set GATEWAY_PORT)"
}

# start_fake [FAKE ARGS...]: the fake upstream on the load core.
start_fake() {
    taskset -c "$LOAD_CORE" dotnet "$FAKE_DLL" --port "$FAKE_PORT" "$@" >"$RAW/fake.log" 2>&1 &
    FAKE_PID=$!
}

# start_gateway [NAME=VALUE...]: the gateway on its own core, fronting the fake as model "bench" (OpenAI wire) and
# "claude-bench" (Anthropic Messages wire), with extra environment; PLATFORMS_EXTRA is appended to the platforms file.
start_gateway() {
    cat >"$TMP/platforms.yaml" <<YAML
platforms:
  benchup:
    kind: openai
    base_url: http://127.0.0.1:$FAKE_PORT/v1
    api_key: sk-bench
    models:
      bench: gpt-bench
  benchclaude:
    kind: anthropic
    base_url: http://127.0.0.1:$FAKE_PORT/v1
    api_key: sk-bench
    models:
      claude-bench: claude-bench
${PLATFORMS_EXTRA:-}
YAML
    (
        cd "$SERVER_DIR"
        export SWITCHBOARD_ADMIN_KEY=$ADMIN_KEY SWITCHBOARD_CONFIG=$TMP/platforms.yaml SWITCHBOARD_DATA_DIR=$TMP/data \
            SWITCHBOARD_MASTER_KEY=bench-master-key-0123456789abcdef-not-a-secret
        exec env "$@" taskset -c "$GATEWAY_CORE" dotnet Switchboard.Server.dll --urls "http://127.0.0.1:$GATEWAY_PORT"
    ) >"$RAW/gateway.log" 2>&1 &
    GATEWAY_PID=$!
}

# wait_ready NAME PID URL: until the process answers a chat request with 200 (60 s at most).
wait_ready() {
    local name=$1 pid=$2 url=$3 i
    for i in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$RAW/$name.log" >&2; die "$name exited during startup"; }
        if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
            -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "$url" || true)" = 200 ]; then
            return 0
        fi
        sleep 0.5
    done
    die "$name did not answer 200 within 60 s"
}
