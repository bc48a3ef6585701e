"""`omzien match solve` against scipy's `linear_sum_assignment` on random matrices (issue 6).

Square and rectangular (both ways), real and integer costs with many ties, forbidden cells, scores
with `--maximize`, and matrices where the forbidden cells leave some rows without a partner: then the
reference is scipy on the matrix with forbidden cells replaced by a cost so high that every extra pair
is worth it, dropping the pairs that use such a cell (the most pairs possible, then the lowest total).
Skipped when scipy is missing unless OMZIEN_REQUIRE_SCIPY=1 (CI installs it).
"""
from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import pytest

BINARY = Path(__file__).resolve().parents[2] / ".build" / "debug" / "omzien"

try:
    import numpy as np
    from scipy.optimize import linear_sum_assignment
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("OMZIEN_REQUIRE_SCIPY") == "1":
        raise
    pytest.skip("scipy is not installed", allow_module_level=True)


def to_csv(matrix: "np.ndarray") -> str:
    """Forbidden cells written both ways the issue allows: empty, or `inf`."""
    def cell(i: int, j: int, value: float) -> str:
        if math.isinf(value):
            return "" if (i + j) % 2 == 0 else "inf"
        return repr(float(value))
    return "".join(",".join(cell(i, j, v) for j, v in enumerate(row)) + "\n" for i, row in enumerate(matrix))


def solve(matrix: "np.ndarray", maximize: bool = False) -> dict:
    args = [str(BINARY), "match", "solve", "--input", "-"] + (["--maximize"] if maximize else [])
    result = subprocess.run(args, input=to_csv(matrix), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def reference(matrix: "np.ndarray", maximize: bool = False) -> tuple[int, float]:
    """Most pairs possible, then the best total, computed with scipy."""
    finite = np.isfinite(matrix)
    values = -matrix if maximize else matrix.copy()
    if finite.any():
        spread = float(values[finite].max() - values[finite].min()) + 1.0
        big = spread * (min(matrix.shape) + 1) + abs(float(values[finite].max())) + 1.0
    else:
        big = 1.0
    padded = np.where(finite, values, big)
    rows, cols = linear_sum_assignment(padded)
    chosen = [(r, c) for r, c in zip(rows, cols) if finite[r, c]]
    return len(chosen), float(sum(matrix[r, c] for r, c in chosen))


def check(matrix: "np.ndarray", maximize: bool = False) -> None:
    ours = solve(matrix, maximize)
    pairs = [tuple(p) for p in ours["pairs"]]
    rows = [r for r, _ in pairs]
    cols = [c for _, c in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols), "each row and column at most once"
    assert all(math.isfinite(matrix[r, c]) for r, c in pairs), "no forbidden pair"
    count, total = reference(matrix, maximize)
    assert len(pairs) == count, (matrix.shape, len(pairs), count)
    assert math.isclose(ours["total"], total, rel_tol=1e-9, abs_tol=1e-9), (ours["total"], total)
    assert math.isclose(sum(matrix[r, c] for r, c in pairs), ours["total"], rel_tol=1e-9, abs_tol=1e-9)
    assert sorted(set(range(matrix.shape[0])) - set(rows)) == sorted(ours["unassigned_rows"])


@pytest.mark.parametrize("seed", range(40))
def test_random_matrices_agree_with_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, cols = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    if seed % 4 == 0:
        matrix = rng.integers(0, 5, size=(rows, cols)).astype(float)  # many ties
    elif seed % 4 == 1:
        matrix = rng.normal(0, 100, size=(rows, cols))  # negative costs too
    else:
        matrix = rng.uniform(0, 1, size=(rows, cols))
    check(matrix, maximize=seed % 3 == 0)


@pytest.mark.parametrize("seed", range(30))
def test_forbidden_pairs_feasible_or_not(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    rows, cols = int(rng.integers(2, 40)), int(rng.integers(2, 40))
    matrix = rng.uniform(0, 10, size=(rows, cols))
    density = [0.1, 0.5, 0.85, 0.95][seed % 4]
    matrix[rng.uniform(size=(rows, cols)) < density] = math.inf
    check(matrix, maximize=seed % 2 == 1)


def test_a_larger_rectangular_matrix() -> None:
    rng = np.random.default_rng(7)
    check(rng.uniform(0, 1000, size=(150, 700)))
    check(rng.uniform(0, 1000, size=(700, 150)), maximize=True)


def test_bad_cells_are_reported_with_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,3\n4,x5,6\n")
    result = subprocess.run([str(BINARY), "match", "solve", "--input", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "row 2, column 2" in result.stderr and "x5" in result.stderr
