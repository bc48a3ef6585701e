#!/usr/bin/env python3
"""Adds or replaces texts in both catalogues, keeping them sorted: add-texts.py FILE.json
where FILE.json is {"key": ["Dutch", "English"], ...}."""
import json
import sys
from pathlib import Path

base = Path(__file__).resolve().parent.parent / "Sources/OmzienApp/Resources/i18n"
new = json.loads(Path(sys.argv[1]).read_text())
for index, name in enumerate(["nl.json", "en.json"]):
    path = base / name
    texts = json.loads(path.read_text())
    for key, pair in new.items():
        texts[key] = pair[index]
    path.write_text(json.dumps(texts, indent=1, ensure_ascii=False, sort_keys=True))
