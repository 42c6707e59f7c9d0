#!/usr/bin/env bash
# Runs the whole Switchboard test suite on a fresh Debian machine.
# It installs and starts what the tests need (PostgreSQL, Chromium, redis-server, the JavaScript SDKs), builds once, then runs every test project,
# then publishes the native (ahead-of-time compiled) gateway and smoke-tests it (scripts/native-smoke.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "== installing PostgreSQL"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    if as_root su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  as_root su postgres -c "psql -qAtc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'sb') then create role sb login superuser password 'sb'; end if; end \\\$\\\$;\"" >/dev/null
  export SWITCHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=postgres"
}

ensure_chromium() {
  # The console's browser tests drive Debian's Chromium through Playwright; the CJK font lets it draw the Chinese locale.
  if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; then
    echo "== installing Chromium"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
}

ensure_redis() {
  # The response cache's shared second level is tested against a real redis-server; each test starts its own private instance.
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "== installing Redis"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
  fi
}

ensure_sdk_clients() {
  # The official JavaScript SDKs (openai, @anthropic-ai/sdk, the Vercel AI SDK, @google/genai, LangChain) drive the
  # gateway in tests/Switchboard.Server.Tests/Sdk; their exact versions are pinned in tests/sdk-clients/package-lock.json.
  if ! command -v npm >/dev/null 2>&1; then
    echo "== installing Node.js"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "== installing the JavaScript SDKs"
  npm ci --prefix tests/sdk-clients --no-audit --no-fund --loglevel=error
}

ensure_postgres
ensure_chromium
ensure_redis
ensure_sdk_clients
echo "== building"
dotnet build Switchboard.slnx -c Release -nologo -clp:ErrorsOnly

echo "== testing"
# The served gateway runs socket completions inline (src/Switchboard.Server/Hosting/SocketCompletions.cs). The runtime
# reads the switch once, at the first socket, which in a test process is the test runner's own; so it is set here, and
# the gateways the tests host in-process run the way the served one does.
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
status=0
total_passed=0
total_failed=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log=$(mktemp)
  if dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"; then :; else status=1; fi
  passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | tail -n 1 || true)
  failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | tail -n 1 || true)
  if ! grep -Eq 'Passed!|Failed!' "$log"; then
    echo "!! $name produced no test summary"
    status=1
    failed=$(( ${failed:-0} + 1 ))
  fi
  total_passed=$(( total_passed + ${passed:-0} ))
  total_failed=$(( total_failed + ${failed:-0} ))
  rm -f "$log"
done

# The native build: publish the gateway ahead of time and smoke-test the executable (start, chat, stream, a limited
# key, stop). It prints "native smoke: PASS" or "native smoke: FAIL (reason)" and counts as one test in the summary,
# which stays the run's last line.
echo "== native build smoke test"
if ./scripts/native-smoke.sh; then
  total_passed=$(( total_passed + 1 ))
else
  status=1
  total_failed=$(( total_failed + 1 ))
fi

echo "$total_passed passed, $total_failed failed"
exit $status
