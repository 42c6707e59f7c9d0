#!/usr/bin/env bash
# CPU profile of the gateway under steady load with `perf` (if installed): starts the fake upstream and the gateway
# pinned like run.sh, warms the JIT up, records the gateway for PROFILE_SECONDS while wrk drives it, and prints
# where the time goes (by DSO, by thread, and the heaviest managed/native frames, self and inclusive).
# Traffic goes to 127.0.0.1 only. Needs a Release build (run.sh builds) and python3.
#   bench/load/profile.sh            # non-streaming, 50 connections
#   STREAM=1 bench/load/profile.sh   # 24-event streams
# Environment: STREAM [0], CONNECTIONS [50], WARMUP_SECONDS [30], PROFILE_SECONDS [12], TOP [40],
#              FAKE_PORT [5199], GATEWAY_PORT [5198], GATEWAY_CORE [0], LOAD_CORE [1].
# The gateway runs with DOTNET_PerfMapEnabled=1 (JIT symbols), DOTNET_EnableWriteXorExecute=0 (so perf can attribute
# JIT code) and DOTNET_TC_CallCountingDelayMs=0 (reach tier-1 in seconds, see bench/README.md); the raw
# `perf script` output is kept in bench/results/profile-<mode>.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STREAM=${STREAM:-0}
CONNECTIONS=${CONNECTIONS:-50}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
PROFILE_SECONDS=${PROFILE_SECONDS:-12}
TOP=${TOP:-40}
FAKE_PORT=${FAKE_PORT:-5199}
GATEWAY_PORT=${GATEWAY_PORT:-5198}
GATEWAY_CORE=${GATEWAY_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
ADMIN_KEY=sk-admin-bench
SERVER_DIR=${SERVER_DIR:-$ROOT/src/Switchboard.Server/bin/Release/net10.0}
FAKE_DLL=$ROOT/bench/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll
URL=http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions
MODE=$([ "$STREAM" = 1 ] && echo stream || echo nonstream)
mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/profile-$MODE.txt

command -v perf >/dev/null 2>&1 || { echo "perf is not installed" >&2; exit 1; }
# ANALYZE_ONLY=1 re-prints the summary of the last recording (bench/results/profile-<mode>.txt) without running anything.
if [ "${ANALYZE_ONLY:-0}" != 1 ]; then
command -v python3 >/dev/null 2>&1 || { echo "python3 is required" >&2; exit 1; }

TMP=$(mktemp -d /tmp/switchboard-profile.XXXXXX)
FAKE_PID=""
GATEWAY_PID=""
cleanup() {
    local pid
    for pid in $GATEWAY_PID $FAKE_PID; do kill "$pid" 2>/dev/null || true; done
    for pid in $GATEWAY_PID $FAKE_PID; do wait "$pid" 2>/dev/null || true; done
    [ -n "$GATEWAY_PID" ] && rm -f "/tmp/perf-$GATEWAY_PID.map" "/tmp/perfinfo-$GATEWAY_PID.map" "/tmp/jit-$GATEWAY_PID.dump"
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
        SWITCHBOARD_MASTER_KEY=bench-master-key-0123456789abcdef-not-a-secret \
        DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_TC_CallCountingDelayMs=${DOTNET_TC_CallCountingDelayMs:-0}
    exec taskset -c "$GATEWAY_CORE" dotnet Switchboard.Server.dll --urls "http://127.0.0.1:$GATEWAY_PORT"
) >"$TMP/gateway.log" 2>&1 &
GATEWAY_PID=$!

code=000
for _ in $(seq 1 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "$URL" || true)
    [ "$code" = 200 ] && break
    sleep 0.5
done
[ "$code" = 200 ] || { cat "$TMP/gateway.log" >&2; echo "gateway did not start" >&2; exit 1; }

echo "warming up ${WARMUP_SECONDS}s ($MODE, $CONNECTIONS connections)" >&2
STREAM=$STREAM BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" -s "$ROOT/bench/load/chat.lua" "$URL" \
    | grep '^WRK_RESULT' >&2
echo "recording ${PROFILE_SECONDS}s" >&2
STREAM=$STREAM BENCH_KEY=$ADMIN_KEY taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"$((PROFILE_SECONDS + 4))s" -s "$ROOT/bench/load/chat.lua" "$URL" \
    >"$TMP/wrk.txt" &
WRK_PID=$!
sleep 2
perf record -F 999 -g -p "$GATEWAY_PID" -o "$TMP/perf.data" -- sleep "$PROFILE_SECONDS" >/dev/null 2>&1
wait "$WRK_PID"
grep '^WRK_RESULT' "$TMP/wrk.txt" >&2
perf script -i "$TMP/perf.data" >"$OUT" 2>/dev/null
fi

python3 - "$OUT" "$TOP" "$PROFILE_SECONDS" <<'EOF'
import collections, re, sys

path, top, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
TIER = re.compile(r'\[(QuickJitted|InstrumentedTier|InstrumentedTierOptimized|Tier1|OptimizedTier1|Optimized|OSR|Tier0|PreJIT)[^\]]*\]')

def frame(line):
    line = re.sub(r'^\s*[0-9a-f]+\s+', '', line.strip())
    dso = re.search(r'\(([^()]*)\)$', line)
    dso = dso.group(1).rsplit('/', 1)[-1] if dso else '?'
    name = re.sub(r'\s+\([^()]*\)$', '', line)
    name = re.sub(r'\+0x[0-9a-f]+$', '', TIER.sub('', name))
    if '::' in name:
        # Drop the return type: keep from the "[Assembly]" that precedes the method's type.
        name = re.sub(r'^.*?(\[[A-Za-z0-9_.]+\] [^\[\]<>]*::)', r'\1', name)
    return name[:150], dso

samples = [s.strip().split('\n') for s in open(path).read().split('\n\n') if s.strip()]
total = len(samples)
threads, dsos, self_time, inclusive = (collections.Counter() for _ in range(4))
is_managed = {}
for sample in samples:
    head = re.match(r'^(.*?)\s+\d+(/\d+)?\s', sample[0])
    threads[head.group(1) if head else '?'] += 1
    frames = [frame(f) for f in sample[1:]] or [('?', '?')]
    dsos[frames[0][1]] += 1
    self_time[frames[0][0]] += 1
    for name, dso in set(frames):
        inclusive[name] += 1
        is_managed[name] = dso.startswith('perf-') or dso.endswith('.dll')

print(f"{total} samples in {seconds:.0f}s at 999 Hz = {100 * total / seconds / 999:.0f} % of one core\n")
print("by thread:")
for name, n in threads.most_common(8):
    print(f"  {100 * n / total:5.1f} %  {name}")
print("\nby DSO (self):")
for name, n in dsos.most_common(14):
    print(f"  {100 * n / total:5.1f} %  {name}")
print(f"\ntop {top} frames by self time:")
for name, n in self_time.most_common(top):
    print(f"  {100 * n / total:5.1f} %  {name}")
noise = re.compile(r'AsyncMethodBuilder|AsyncTaskMethodBuilder|AsyncValueTaskMethodBuilder|ExecutionContext|ThreadPoolWorkQueue|'
                   r'PortableThreadPool|start_thread|unknown|WorkerThread|ThreadPoolTypedWorkItem|IThreadPoolWorkItem|AsyncStateMachineBox|'
                   r'^0x|^\[unknown\]|entry_SYSCALL|do_syscall|DynamicMethods Assembly')
managed = [(k, v) for k, v in inclusive.most_common() if is_managed.get(k) and not noise.search(k)]
native = [(k, v) for k, v in inclusive.most_common() if not is_managed.get(k) and not noise.search(k)]
print(f"\ntop {top} managed frames by inclusive time (async plumbing hidden):")
for name, n in managed[:top]:
    print(f"  {100 * n / total:5.1f} %  {name}")
print(f"\ntop {top // 2} native/kernel frames by inclusive time:")
for name, n in native[:top // 2]:
    print(f"  {100 * n / total:5.1f} %  {name}")
EOF
echo >&2
echo "raw perf script output: ${OUT#"$ROOT"/}" >&2
