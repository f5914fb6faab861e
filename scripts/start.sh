#!/usr/bin/env bash
# The product on one machine, no set-up: installs what is missing, builds the dashboards, starts the
# server on the embedded file store in demo mode, backfills the last 7 days of simulated traffic through
# the public API, prints the links to open, then streams live traffic until Ctrl-C.
# REDIS=1 runs the same demo on Redis (starting a local redis-server when one is installed).
# Also: PORT (8080), DATA_DIR (./data), BACKFILL_DAYS (7), SEED (2026), LOG_LEVEL (warn; the server's
# log goes to $DATA_DIR/server.log).
set -euo pipefail
# Job control gives the server and the simulator process groups of their own: Ctrl-C then reaches this
# script alone, and the trap below stops them in order (the simulator first, finishing its batches).
set -m
cd "$(dirname "$0")/.."
source scripts/lib/toolchain.sh

if [ -f apps/web/package.json ]; then
  echo "==> building the dashboards"
  pnpm --filter @handover/web build >/dev/null
fi

export DEMO=1 PORT="${PORT:-8080}" DATA_DIR="${DATA_DIR:-$PWD/data}" WEB_DIR="$PWD/apps/web/dist"
export DEMO_CREDENTIALS_FILE="$DATA_DIR/demo-credentials.json" LOG_LEVEL="${LOG_LEVEL:-warn}"
# The backfill is recorded after the cut-offs it covers, so a report frozen at start holds none of it:
# revise every minute, so the frozen reports show it (as a revision) soon after it is in.
export REPORT_REVISION_MINUTES="${REPORT_REVISION_MINUTES:-1}"
BACKFILL_DAYS="${BACKFILL_DAYS:-7}"
SEED="${SEED:-2026}"
SERVER_LOG="$DATA_DIR/server.log"
mkdir -p "$DATA_DIR"

server_pid=""
simulator_pid=""
redis_pid_file=""

stop_all() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$simulator_pid" ] && kill -0 "$simulator_pid" 2>/dev/null; then
    kill -TERM "$simulator_pid" 2>/dev/null || true
    wait "$simulator_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    echo "==> stopping the server"
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$redis_pid_file" ] && [ -f "$redis_pid_file" ]; then
    echo "==> stopping redis-server"
    local redis_pid
    redis_pid="$(cat "$redis_pid_file")"
    kill -TERM "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${REDIS:-}" = 1 ] && [ -z "${REDIS_URL:-}" ]; then
  command -v redis-server >/dev/null || { echo "REDIS=1 needs redis-server (apt-get install redis-server)" >&2; exit 1; }
  export REDIS_URL=redis://127.0.0.1:6390
  if command -v redis-cli >/dev/null && redis-cli -p 6390 ping >/dev/null 2>&1; then
    echo "==> using the redis-server already running on port 6390 (left running on exit)"
  else
    mkdir -p "$DATA_DIR/redis"
    redis_pid_file="$DATA_DIR/redis/redis.pid"
    redis-server --port 6390 --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes --appendfsync always \
      --maxmemory-policy noeviction --daemonize yes --pidfile "$redis_pid_file" \
      --logfile "$DATA_DIR/redis/redis.log" >/dev/null
    echo "==> redis-server on port 6390 (AOF always, noeviction), data in $DATA_DIR/redis"
  fi
fi

# The server's readiness and its (freshly written) credentials file, checked with Node alone.
server_ready() {
  node -e '
    const [port, file] = process.argv.slice(1);
    JSON.parse(require("fs").readFileSync(file, "utf8")).simulatorFeed.token.length;
    fetch(`http://127.0.0.1:${port}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));
  ' "$PORT" "$DEMO_CREDENTIALS_FILE" 2>/dev/null
}

# The same links the server prints at start, printed again after the backfill so they stay on screen.
print_links() {
  node -e '
    const [port, file] = process.argv.slice(1);
    const c = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const link = (path, who) => `${c.baseUrl}${path}#token=${encodeURIComponent(c[who].token)}`;
    const links = [
      ["ED wall display (Queen Elizabeth Hospital Birmingham)", link("/board/RRK15", "busySiteEd")],
      ["ED entry tablet", link("/entry/RRK15", "busySiteEd")],
      ["Control room (West Midlands Ambulance Service)", link("/control/RYA", "ambulanceControl")],
      ["National view (NHS England)", link("/national", "englandViewer")],
      ["16:00 report", link("/reports", "englandViewer")],
      ["API documentation", `${c.baseUrl}/api/docs`],
    ];
    fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json()).then(({ store }) => {
      console.log(`\nHandover tracker is running (demo mode, ${store} store). Open:\n`);
      for (const [label, url] of links) console.log(`  ${label}\n    ${url}`);
      console.log(`\n  Simulator feed token: ${c.simulatorFeed.token}\n  Admin token:          ${c.admin.token}\n`);
    });
  ' "$PORT" "$DEMO_CREDENTIALS_FILE"
}

# Runs the simulator in the background (so the trap can stop it in order) and waits for it.
simulate() {
  node --import tsx packages/simulator/src/cli.ts --url "http://127.0.0.1:$PORT" \
    --credentials-file "$DEMO_CREDENTIALS_FILE" --seed "$SEED" "$@" &
  simulator_pid=$!
  local status=0
  wait "$simulator_pid" || status=$?
  simulator_pid=""
  return "$status"
}

# The previous run's file holds revoked tokens: wait for this run's.
rm -f "$DEMO_CREDENTIALS_FILE"
echo "==> starting the server (log: $SERVER_LOG)"
node --import tsx apps/server/src/main.ts >"$SERVER_LOG" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 180))
until server_ready; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The server stopped while starting; the end of $SERVER_LOG:" >&2
    tail -n 20 "$SERVER_LOG" >&2
    exit 1
  fi
  [ "$SECONDS" -lt "$deadline" ] || { echo "The server was not ready within 180 s; see $SERVER_LOG" >&2; exit 1; }
  sleep 0.5
done

# Backfill up to one instant and stream live after it: no event is missed or sent twice in between.
# Run again on the same data, the backfill finds its days already present (duplicates, nothing new).
since="$(node -p 'new Date().toISOString()')"
echo "==> backfilling the last $BACKFILL_DAYS days of simulated traffic through the API (seed $SEED)"
status=0
simulate --mode backfill --days "$BACKFILL_DAYS" --until "$since" || status=$?
case "$status" in
  0) ;;
  3) echo "(some events were not recorded: see the summary above; carrying on)" ;;
  *) exit "$status" ;;
esac

print_links
echo "==> streaming live traffic in real time; Ctrl-C stops everything"
simulate --mode live --since "$since"
