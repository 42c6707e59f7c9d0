# Shared by the load scripts (sourced, not run): logging, the port check, a run's setup and cleanup, and starting the
# fake upstream and the gateway with the bench platforms file, then waiting until both answer.
# Expects: START_TIME RAW TMP ADMIN_KEY FAKE_PORT GATEWAY_PORT GATEWAY_CORE LOAD_CORE SERVER_DIR FAKE_DLL FAKE_URL GATEWAY_URL.
# Sets: FAKE_PID GATEWAY_PID (and TMP, through prepare_run).

log() { printf '[%4ds] %s\n' "$(( $(date +%s) - START_TIME ))" "$*" >&2; }
die() { log "error: $*"; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() {
    port_free "$FAKE_PORT" || die "port $FAKE_PORT is in use (set FAKE_PORT)"
    port_free "$GATEWAY_PORT" || die "port $GATEWAY_PORT is in use (set GATEWAY_PORT)"
}

# prepare_run NAME: wrk at hand (installed from Debian when missing), a fresh RAW folder, the Release build of the
# gateway and the fake unless SKIP_BUILD=1, a temporary folder in TMP, and a cleanup on exit that stops the gateway and
# the fake, then runs the script's own extra_cleanup when it defines one.
prepare_run() {
    command -v wrk >/dev/null 2>&1 || { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; }; } \
        || die "could not install wrk"
    rm -rf "$RAW"
    mkdir -p "$RAW"
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        log "building Release (gateway and fake upstream)"
        dotnet build "$ROOT/src/Switchboard.Server/Switchboard.Server.csproj" -c Release -nologo -v q >"$RAW/build.log" 2>&1 || die "build failed; see $RAW/build.log"
        dotnet build "$BENCH/FakeUpstream/FakeUpstream.csproj" -c Release -nologo -v q >>"$RAW/build.log" 2>&1 || die "build failed; see $RAW/build.log"
    fi

    TMP=$(mktemp -d "/tmp/switchboard-$1.XXXXXX")
    FAKE_PID=""
    GATEWAY_PID=""
    trap stop_run EXIT
    trap 'exit 130' INT TERM
}

stop_run() {
    local pid
    for pid in $GATEWAY_PID $FAKE_PID; do kill "$pid" 2>/dev/null || true; done
    for pid in $GATEWAY_PID $FAKE_PID; do wait "$pid" 2>/dev/null || true; done
    if declare -F extra_cleanup >/dev/null; then extra_cleanup; fi
    rm -rf "$TMP"
}

# start_fake [FAKE ARGS...]: the fake upstream on the load core.
start_fake() {
    taskset -c "$LOAD_CORE" dotnet "$FAKE_DLL" --port "$FAKE_PORT" "$@" >"$RAW/fake.log" 2>&1 &
    FAKE_PID=$!
}

# start_gateway [NAME=VALUE...]: the gateway on its own core, fronting the fake as model "bench" (OpenAI wire) and
# "claude-bench" (Anthropic Messages wire), with extra environment; PLATFORMS_EXTRA is appended to the platforms file.
# The JIT build (SERVER_DIR) on GATEWAY_PORT; sets GATEWAY_PID.
start_gateway() {
    launch_gateway jit "$GATEWAY_PORT" gateway "$@"
    GATEWAY_PID=$LAUNCHED_PID
}

# launch_gateway BUILD PORT LOG [NAME=VALUE...]: one gateway process, BUILD "jit" (dotnet SERVER_DIR/Switchboard.Server.dll)
# or "native" (the executable NATIVE_BINARY, run from its own folder so it finds its appsettings.json), with its own
# data folder ($TMP/data for the log name "gateway"), logging to RAW/LOG.log; sets LAUNCHED_PID.
launch_gateway() {
    local build=$1 port=$2 log_name=$3 dir data
    shift 3
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
    if [ "$build" = native ]; then dir=$(dirname "$NATIVE_BINARY"); else dir=$SERVER_DIR; fi
    data=$TMP/data
    [ "$log_name" = gateway ] || data=$TMP/data-$log_name
    (
        cd "$dir"
        export SWITCHBOARD_ADMIN_KEY=$ADMIN_KEY SWITCHBOARD_CONFIG=$TMP/platforms.yaml SWITCHBOARD_DATA_DIR=$data \
            SWITCHBOARD_MASTER_KEY=bench-master-key-0123456789abcdef-not-a-secret
        if [ "$build" = native ]; then
            exec env "$@" taskset -c "$GATEWAY_CORE" "$NATIVE_BINARY" --urls "http://127.0.0.1:$port"
        fi
        exec env "$@" taskset -c "$GATEWAY_CORE" dotnet Switchboard.Server.dll --urls "http://127.0.0.1:$port"
    ) >"$RAW/$log_name.log" 2>&1 &
    LAUNCHED_PID=$!
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
