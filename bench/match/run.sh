#!/usr/bin/env bash
# Matching benchmark: `omzien match solve` against scipy's linear_sum_assignment on the same
# cost matrices. Times are solver-only on both sides (ours: the `solver_seconds=` line that
# `--timing` prints; scipy: the linear_sum_assignment call), best of $RUNS runs each, so reading the
# CSV is not measured. The totals must agree to a relative 1e-9, or the script fails.
#
# Which binary:
#   SOLVE_CMD="…"   full command prefix, called as: $SOLVE_CMD --input FILE --timing
#   OMZIEN=path     an omzien binary (called as `$OMZIEN match solve …`) or, if its name is not
#                   omzien, a stand-alone solver with the same flags (called as `$OMZIEN …`)
#   default         .build/release/omzien (build it first: swift build -c release --product omzien)
# Other settings: MATCH_DATA (matrix directory, default /tmp/omzien-match-data), RUNS (default 3).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${MATCH_DATA:-/tmp/omzien-match-data}"
runs="${RUNS:-3}"

if [[ -n "${SOLVE_CMD:-}" ]]; then
    read -r -a solve <<<"$SOLVE_CMD"
else
    binary="${OMZIEN:-$root/.build/release/omzien}"
    if [[ ! -x "$binary" ]]; then
        echo "no solver at $binary: run 'swift build -c release --product omzien', or set OMZIEN or SOLVE_CMD" >&2
        exit 1
    fi
    if [[ "$(basename "$binary")" == omzien ]]; then solve=("$binary" match solve); else solve=("$binary"); fi
fi

python3 "$here/generate.py" "$data" >/dev/null

results="$(mktemp)"
output="$(mktemp)"
trap 'rm -f "$results" "$output"' EXIT

for name in uniform-500x500 structured-500x500 uniform-1000x1000 structured-1000x1000 \
    uniform-2000x2000 structured-2000x2000 uniform-2000x10000 structured-2000x10000; do
    file="$data/$name.csv"
    best=""
    for _ in $(seq "$runs"); do
        seconds="$("${solve[@]}" --input "$file" --timing 2>&1 >"$output" | sed -n 's/^solver_seconds=//p')"
        if [[ -z "$seconds" ]]; then
            echo "$name: the solver printed no solver_seconds= line" >&2
            exit 1
        fi
        best="$(python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" "$seconds" ${best:+"$best"})"
    done
    ours="$(python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print(repr(float(d['total'])), len(d['pairs']))" "$output")"
    reference="$(python3 "$here/scipy_solve.py" "$file" --repeat "$runs")"
    echo "$name $best $ours $reference" >>"$results"
    echo "done: $name" >&2
done

python3 - "$results" <<'EOF'
import json, sys

failed = False
print("| matrix | ours (s) | scipy (s) | ours / scipy | total | pairs |")
print("|---|---:|---:|---:|---|---:|")
for line in open(sys.argv[1]):
    name, ours_seconds, ours_total, ours_pairs, reference = line.split(" ", 4)
    ours_seconds, ours_total, ours_pairs = float(ours_seconds), float(ours_total), int(ours_pairs)
    reference = json.loads(reference)
    agree = abs(ours_total - reference["total"]) <= 1e-9 * max(1.0, abs(ours_total), abs(reference["total"])) \
        and ours_pairs == reference["assigned"]
    failed = failed or not agree
    total = f"{ours_total:.6f} {'=' if agree else '≠ ' + repr(reference['total'])}"
    print(f"| {name} | {ours_seconds:.4f} | {reference['seconds']:.4f} | {ours_seconds / reference['seconds']:.2f} | {total} | {ours_pairs} |")
if failed:
    print("\nFAILED: totals or pair counts differ from scipy", file=sys.stderr)
    sys.exit(1)
EOF
