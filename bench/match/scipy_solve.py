#!/usr/bin/env python3
"""The reference: scipy's linear_sum_assignment on a cost-matrix CSV.

Loads the CSV with numpy (an empty cell or inf = forbidden pair), times only the
linear_sum_assignment call and prints one JSON line: {"total", "pairs", "unassigned_rows", "seconds"}.

Forbidden pairs are handled the way `omzien match solve` defines them: as many pairs as the
forbidden pairs allow, and among those the cheapest. scipy refuses infeasible matrices, so a
matrix with forbidden cells is solved with them replaced by a cost larger than any complete
assignment could reach, and the pairs at that cost are dropped afterwards.

usage: scipy_solve.py FILE [--maximize] [--pairs] [--repeat N]
  --pairs:    include the pairs in the output
  --repeat N: solve N times and report the fastest (the file is read once)
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def load(path):
    try:
        return np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
    except ValueError:
        # Empty cells: numpy's fast reader does not accept them, so read by hand.
        rows = []
        with open(path) as handle:
            for line in handle:
                line = line.rstrip("\r\n")
                if line:
                    rows.append([float(cell) if cell.strip() else np.inf for cell in line.split(",")])
        return np.array(rows, dtype=np.float64, ndmin=2)


def main():
    path = sys.argv[1]
    maximize = "--maximize" in sys.argv
    matrix = load(path)
    forbidden = ~np.isfinite(matrix)
    cost = -matrix if maximize else matrix
    if forbidden.any():
        finite = cost[~forbidden]
        span = (finite.max() - finite.min()) if finite.size else 0.0
        big = (finite.max() if finite.size else 0.0) + (min(cost.shape) + 1) * (span + 1.0)
        cost = np.where(forbidden, big, cost)
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        rows, columns = linear_sum_assignment(cost)
        seconds = min(seconds, time.perf_counter() - start)
    keep = ~forbidden[rows, columns]
    rows, columns = rows[keep], columns[keep]
    assigned = set(rows.tolist())
    result = {
        "total": float(matrix[rows, columns].sum()),
        "assigned": int(len(rows)),
        "unassigned_rows": [r for r in range(matrix.shape[0]) if r not in assigned],
        "seconds": seconds,
    }
    if "--pairs" in sys.argv:
        result["pairs"] = [[int(r), int(c)] for r, c in zip(rows, columns)]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
