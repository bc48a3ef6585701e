#!/usr/bin/env bash
# Evaluation dashboard benchmark on the issue's large municipality (100,000 signals, 50,000 trajectories,
# 200,000 contact-log entries, 20,000 referrals), on SQLite and on PostgreSQL, with the same seeded data.
#
#   bench/evaluation/run.sh            # build release, generate, measure both, write results.json files
#
# Settings: OMZIEN (binary, default .build/release/omzien), ROUNDS (default 20), BENCH_DIR (default
# /tmp/omzien-bench-evaluation), SKIP_POSTGRES=1. Needs python3 with requests; PostgreSQL from Debian
# (scripts/postgres-test-server.sh starts a throw-away server on 127.0.0.1).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${OMZIEN:-$root/.build/release/omzien}"
rounds="${ROUNDS:-20}"
dir="${BENCH_DIR:-/tmp/omzien-bench-evaluation}"
mkdir -p "$dir"
if [[ ! -x "$binary" ]]; then
    (cd "$root" && swift build -c release --product omzien)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_ready() {
    local url=$1 log=$2 pid=$3
    for _ in $(seq 1 1800); do
        if curl -fsS "$url/health/ready" >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then echo "server stopped; see $log" >&2; tail -n 20 "$log" >&2; return 1; fi
        sleep 1
    done
    echo "server not ready after 30 minutes" >&2
    return 1
}

run_one() {
    local label=$1; shift
    local port; port=$(free_port)
    local log="$dir/$label.log"
    local started; started=$(date +%s)
    "$binary" demo --size large --port "$port" "$@" >"$log" 2>&1 &
    local pid=$!
    wait_ready "http://127.0.0.1:$port" "$log" "$pid"
    echo "$label: generated and listening after $(( $(date +%s) - started )) s"
    python3 "$here/measure.py" "http://127.0.0.1:$port" "$label" "$dir/$label.json" "$rounds" >/dev/null
    # The demo's first retention run over years of history can outlast a polite stop: give it 20 s.
    kill "$pid"; for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "$label: results in $dir/$label.json"
}

run_one sqlite --sqlite-path "$dir/large.sqlite"

if [[ "${SKIP_POSTGRES:-0}" != 1 ]]; then
    pg="$root/scripts/postgres-test-server.sh"
    "$pg" start >/dev/null
    "$pg" reset-db omzien_bench >/dev/null
    run_one postgresql --database-url "$("$pg" url omzien_bench)"
fi

python3 - "$dir" <<'PY'
import json, sys, pathlib
dir = pathlib.Path(sys.argv[1])
for label in ["sqlite", "postgresql"]:
    path = dir / f"{label}.json"
    if not path.exists():
        continue
    r = json.loads(path.read_text())
    peer = r["peer_empty_route_client_median_ms"]
    print(f"\n{label}: cold first request {r['cold_first_request_ms']} ms; empty route {peer} ms")
    print(f"  {'view':16} {'server median':>14} {'server max':>11} {'client median':>14} {'× empty route':>14}")
    for name, v in r["views"].items():
        show = lambda x: "–" if x is None else x
        print(f"  {name:16} {show(v['server_median_ms']):>11} ms {show(v['server_max_ms']):>8} ms {v['client_median_ms']:>11} ms {v['client_median_ms'] / peer:>13.1f}×")
PY
