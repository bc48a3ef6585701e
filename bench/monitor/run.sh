#!/usr/bin/env bash
# Benchmark: omzien monitor prevalence vs R survey vs a pandas read-and-group, on the same file, in one run.
# Needs: a release build (swift build -c release --product omzien), Rscript with r-cran-survey, python3 with pandas.
# Prints the times and the ratios, and checks our numbers against R (estimates/SE 1e-9, intervals 1e-6).
set -euo pipefail
cd "$(dirname "$0")"
ROWS="${ROWS:-540000}"
WORK="${WORK:-/tmp/omzien-bench-monitor}"
BIN="${BIN:-../../.build/release/omzien}"
mkdir -p "$WORK"
[ -f "$WORK/data-$ROWS.csv" ] || python3 generate.py "$WORK/data-$ROWS.csv" "$ROWS"
ours_start=$(date +%s.%N)
"$BIN" monitor prevalence --input "$WORK/data-$ROWS.csv" --weight w --strata stratum --by gemeente,ageband \
    --items q1..q11 --min-n 0 > "$WORK/ours.csv"
ours_end=$(date +%s.%N)
ours=$(echo "$ours_end - $ours_start" | bc -l)
pandas_out=$(python3 pandas_groupby.py "$WORK/data-$ROWS.csv" "$WORK/pandas.csv")
r_start=$(date +%s.%N)
Rscript reference.R "$WORK/data-$ROWS.csv" "$WORK/r.csv" > "$WORK/r.log"
r_end=$(date +%s.%N)
r=$(echo "$r_end - $r_start" | bc -l)
pandas=$(echo "$pandas_out" | sed 's/pandas seconds: //')
python3 - "$WORK" <<'PY'
import csv, sys
work = sys.argv[1]
ours = {(r["gemeente"], r["ageband"]): r for r in csv.DictReader(open(f"{work}/ours.csv"))}
worst = {}
for row in csv.DictReader(open(f"{work}/r.csv")):
    mine = ours[(row["gemeente"], row["ageband"])]
    for key in ["estimate", "se", "ci_lower", "ci_upper"]:
        rel = abs(float(mine[key]) - float(row[key])) / abs(float(row[key]))
        worst[key] = max(worst.get(key, 0.0), rel)
print("largest relative difference vs R:", {k: f"{v:.2e}" for k, v in worst.items()})
assert worst["estimate"] <= 1e-9 and worst["se"] <= 1e-9 and worst["ci_lower"] <= 1e-6 and worst["ci_upper"] <= 1e-6
PY
printf 'rows: %s, domains: %s\n' "$ROWS" "$(($(wc -l < "$WORK/ours.csv") - 1))"
printf 'omzien: %.3f s   R survey: %.3f s   pandas read+groupby: %.3f s\n' "$ours" "$r" "$pandas"
printf 'R survey / omzien: %.1fx   pandas / omzien: %.2fx\n' "$(echo "$r / $ours" | bc -l)" "$(echo "$pandas / $ours" | bc -l)"
