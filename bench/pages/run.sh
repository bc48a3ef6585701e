#!/usr/bin/env bash
# Serving speed of the pages people use most, as a share of the framework's own ceiling (`/health/live`),
# measured with wrk in one run on the same machine (machines are noisy: compare ratios, not absolutes).
#
#   bench/pages/run.sh                       # release build of this tree, the default demo
#   OMZIEN=/path/to/other/omzien bench/pages/run.sh    # the same for another build (e.g. before a change)
#
# Settings: OMZIEN (binary, default .build/release/omzien), DURATION (default 10s), CONNECTIONS (32),
# THREADS (2), SIZE (demo history: none|medium, default none), OUT (results file, default
# /tmp/omzien-bench-pages/<label>.txt), LABEL (default: the binary's folder). Needs wrk and curl (Debian).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${OMZIEN:-$root/.build/release/omzien}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
size="${SIZE:-none}"
label="${LABEL:-$(basename "$(dirname "$(dirname "$(dirname "$binary")")")")}"
dir=/tmp/omzien-bench-pages
mkdir -p "$dir"
out="${OUT:-$dir/$label.txt}"
if [[ ! -x "$binary" ]]; then (cd "$root" && swift build -c release --product omzien); fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
data="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
"$binary" demo --size "$size" --port "$port" --sqlite-path "$data/demo.sqlite" >"$dir/$label.server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 1; done

# A professional's session (no second factor in the demo for this role): the login form's CSRF token, then the post.
jar="$data/cookies"
token=$(curl -fsS -c "$jar" -b "$jar" "$base/inloggen" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=professional@lindewaard.example" \
    --data-urlencode "password=demo-wachtwoord-2026" "$base/inloggen"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar")
signal=$(curl -fsS -b "$jar" "$base/signalen" | grep -o 'href="/signalen/[0-9A-Fa-f-]\{36\}"' | head -1 | sed 's/href="//; s/"$//')

measure() { # name path [cookie]
    local name=$1 path=$2 header=()
    [[ -n "${3:-}" ]] && header=(-H "Cookie: $3")
    local result; result=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${header[@]}" "$base$path")
    local rps; rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$result")
    local p99; p99=$(awk '$1 == "99%" { print $2 }' <<<"$result")
    local non2xx; non2xx=$(awk '/Non-2xx/ { print $5 }' <<<"$result")
    printf '%s\t%s\t%s\t%s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
}

{
    printf 'page\trequests/s\tp99\tnon-2xx\n'
    measure health /health/live
    measure melden /melden
    measure activiteiten /activiteiten
    measure activiteiten-koffie '/activiteiten?q=koffie'
    measure signalen /signalen "$cookie"
    [[ -n "$signal" ]] && measure persoon "$signal" "$cookie"
} | tee "$out.raw"
awk -F'\t' 'NR == 1 { print $0 "\tshare of health"; next } $1 == "health" { h = $2 } { printf "%s\t%.1f%%\n", $0, 100 * $2 / h }' "$out.raw" | tee "$out"
echo "results: $out"
