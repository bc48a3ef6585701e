"""`omzien score` against an independent Python restatement of the manual's scoring rules.

The binary is the one CI builds (.build/debug/omzien). Every generated file has well over 1,000
rows and mixes three- and five-point answers, spelling variants and missing answers.
"""
from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

BINARY = Path(__file__).resolve().parents[2] / ".build" / "debug" / "omzien"
POSITIVE = {1, 4, 7, 8, 11}
ITEMS = {"djg11": list(range(1, 12)), "djg6": [3, 4, 7, 8, 9, 10]}
ANSWERS = ["ja", "min of meer", "nee", "ja!", "nee!", "JA", "Min-of-meer", " nee "]


def canonical(text: str) -> str | None:
    folded = " ".join(text.lower().replace("-", " ").split())
    return folded if folded in {"ja", "ja!", "min of meer", "nee", "nee!"} else None


def point(item: int, answer: str) -> int:
    if answer == "min of meer":
        return 1
    yes = answer in {"ja", "ja!"}
    return int(not yes) if item in POSITIVE else int(yes)


def level(total: int, version: str) -> str:
    if version == "djg11":
        return "niet" if total <= 2 else "matig" if total <= 8 else "sterk" if total <= 10 else "zeer_sterk"
    return "niet" if total <= 1 else "matig" if total <= 4 else "sterk"


def expected_row(row_id: str, answers: dict[int, str | None], version: str, max_missing: int) -> str:
    items = ITEMS[version]
    allowed = 1 if version == "djg6" else max_missing
    given = {i: a for i, a in answers.items() if a is not None}
    total = sum(point(i, a) for i, a in given.items()) if len(items) - len(given) <= allowed else None

    def sub(subset: list[int]) -> int | None:
        return None if any(answers[i] is None for i in subset) else sum(point(i, answers[i]) for i in subset)

    emotional = sub([i for i in items if i not in POSITIVE])
    social = sub([i for i in items if i in POSITIVE])
    cells = ["" if v is None else str(v) for v in (total, emotional, social)]
    return ",".join([row_id, *cells, "" if total is None else level(total, version)])


def generate(version: str, rows: int, seed: int, missing_rate: float) -> tuple[str, list[dict[int, str | None]]]:
    rng = random.Random(seed)
    items = ITEMS[version]
    header = ",".join(["id", *[f"q{i}" for i in items]])
    lines, parsed = [header], []
    for r in range(rows):
        raw = {i: ("" if rng.random() < missing_rate else rng.choice(ANSWERS)) for i in items}
        parsed.append({i: canonical(v) if v.strip() else None for i, v in raw.items()})
        lines.append(",".join([f"p{r}", *[raw[i] for i in items]]))
    return "\n".join(lines) + "\n", parsed


def run(version: str, text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run `swift build` first")
    return subprocess.run([str(BINARY), "score", "--instrument", version, *extra], input=text,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("version,max_missing", [("djg11", 0), ("djg11", 2), ("djg6", 0)])
def test_scores_match_the_manual(version: str, max_missing: int) -> None:
    text, parsed = generate(version, rows=1500, seed=hash((version, max_missing)) & 0xFFFF, missing_rate=0.08)
    result = run(version, text, "--max-missing", str(max_missing))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "id,total,emotional,social,level"
    assert len(lines) == 1501
    for index, (line, answers) in enumerate(zip(lines[1:], parsed)):
        assert line == expected_row(f"p{index}", answers, version, max_missing), f"row {index}"


def test_unknown_answers_are_reported_with_row_and_column() -> None:
    text = "id,q3,q4,q7,q8,q9,q10\na,ja,nee,nee,nee,ja,ja\nb,ja,ja,ja,ja,soms,nee\n"
    result = run("djg6", text)
    assert result.returncode != 0
    assert "line 3" in result.stderr and "q9" in result.stderr and "soms" in result.stderr
    assert result.stdout.splitlines()[1] == "a,6,3,3,sterk"
