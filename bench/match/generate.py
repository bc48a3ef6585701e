#!/usr/bin/env python3
"""Writes the cost matrices of the matching benchmark as CSV (no header, one row per person).

Two kinds, each with a fixed seed so every run measures the same matrices:

* uniform:    independent costs drawn uniformly from [0, 1000), three decimals;
* structured: travel distance (km) between a person and a volunteer, both random points in a
              60 x 40 km region with a few dense towns, minus 4 km per shared interest
              (12 interests, each person and volunteer holds about 3), three decimals.
              Costs are correlated along rows and columns, which is what real couplings look like
              and what makes the problem harder than uniform noise.

Sizes: 500, 1000, 2000 square and 2000 x 10000 (persons x volunteers).

usage: generate.py [OUTPUT_DIR]   (default: $MATCH_DATA or /tmp/omzien-match-data)
"""
import os
import sys

import numpy as np

SIZES = [(500, 500), (1000, 1000), (2000, 2000), (2000, 10000)]


def uniform(rows, columns, seed):
    rng = np.random.default_rng(seed)
    return np.round(rng.uniform(0.0, 1000.0, size=(rows, columns)), 3)


def points(rng, count):
    """Half the people live in five towns, the rest spread over the region."""
    towns = rng.uniform([0.0, 0.0], [60.0, 40.0], size=(5, 2))
    in_town = rng.random(count) < 0.5
    spread = rng.uniform([0.0, 0.0], [60.0, 40.0], size=(count, 2))
    near = towns[rng.integers(0, 5, size=count)] + rng.normal(0.0, 2.0, size=(count, 2))
    return np.where(in_town[:, None], near, spread)


def structured(rows, columns, seed):
    rng = np.random.default_rng(seed)
    persons, volunteers = points(rng, rows), points(rng, columns)
    distance = np.sqrt(((persons[:, None, :] - volunteers[None, :, :]) ** 2).sum(axis=2))
    person_interests = (rng.random((rows, 12)) < 0.25).astype(np.float64)
    volunteer_interests = (rng.random((columns, 12)) < 0.25).astype(np.float64)
    shared = person_interests @ volunteer_interests.T
    return np.round(distance - 4.0 * shared, 3)


def write(path, matrix):
    # One format string per row: much faster than np.savetxt's per-value formatting for 20M cells.
    row_format = ",".join(["%.3f"] * matrix.shape[1]) + "\n"
    with open(path, "w") as out:
        for row in matrix:
            out.write(row_format % tuple(row))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MATCH_DATA", "/tmp/omzien-match-data")
    os.makedirs(directory, exist_ok=True)
    for index, (rows, columns) in enumerate(SIZES):
        for kind, make in (("uniform", uniform), ("structured", structured)):
            path = os.path.join(directory, f"{kind}-{rows}x{columns}.csv")
            if os.path.exists(path):
                print(f"exists  {path}")
                continue
            seed = 20261123 + 10 * index + (0 if kind == "uniform" else 1)
            write(path, make(rows, columns, seed))
            print(f"wrote   {path}")


if __name__ == "__main__":
    main()
