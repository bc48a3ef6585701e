"""Runs last (file name): scans the logs of every server the browser journeys started for the names,
phone numbers and concerns of the demo's residents and of the people the tests typed in. Logs may hold
ids, paths and counts, never who someone is (privacy issue: no personal data in logs or URLs)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

DEMO_SOURCES = Path(__file__).resolve().parents[2] / "Sources" / "OmzienApp" / "Features" / "Demo"


def resident_names() -> set[str]:
    """Every resident name in the demo sources (signals, people waiting for a buddy) plus the test's own."""
    names: set[str] = {"Henk de Vries", "Truus Bakker", "Gerrit Mulder", "Fatima El Amrani"}
    for source in ("DemoCouplings.swift",):
        text = (DEMO_SOURCES / source).read_text()
        start = text.index("static let personNames")
        block = text[start:text.index("\n    ]", start)]
        names |= set(re.findall(r'\("([^"]+)", \.(?:woman|man)\)', block))
    return names


def test_server_logs_hold_no_resident_names_or_phone_numbers(server_log_dir: Path) -> None:
    logs = sorted(server_log_dir.glob("*.log"))
    if not logs:
        pytest.skip("no server ran in this session (this file alone): nothing to scan")
    names = resident_names()
    assert len(names) > 20
    problems = []
    for log in logs:
        text = log.read_text(errors="replace")
        for name in names:
            if name in text:
                problems.append(f"{log.name}: {name}")
        for phone in re.findall(r"0590-55\d{4}|06-\d{8}", text):
            problems.append(f"{log.name}: phone {phone}")
        if "gordijnen" in text.lower():
            problems.append(f"{log.name}: the text of a concern")
    assert not problems, "personal data in the logs:\n" + "\n".join(problems[:40])
