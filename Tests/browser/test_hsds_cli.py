"""`omzien catalogue export-hsds` / `import-hsds` on the demo's social map (issue 5): the package is
complete, a malformed row is reported with file and row while the rest is imported, and an import into
the other (empty) municipality of the same installation exports the same services again."""
from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from conftest import start_fresh_demo

BINARY = Path(__file__).resolve().parents[2] / ".build" / "debug" / "omzien"


@pytest.fixture(scope="module")
def demo_db(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    server = start_fresh_demo("demo-hsds", server_log_dir, tmp_path_factory)
    db = Path(server.args[server.args.index("--sqlite-path") + 1])
    server.stop()
    return db


def omzien(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BINARY), *args, "--sqlite-path", str(db)], capture_output=True, text=True, timeout=120)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_import_and_a_malformed_row(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "lindewaard"
    result = omzien(demo_db, "catalogue", "export-hsds", "--municipality", "GM9901", "--out", str(out))
    assert result.returncode == 0, result.stderr
    package = json.loads((out / "datapackage.json").read_text())
    listed = {resource["path"] for resource in package["resources"]}
    assert listed == {p.name for p in out.glob("*.csv")}, listed
    services = rows(out / "services.csv")
    assert len(services) >= 30, "the demo social map has at least 30 activities"
    assert all(s["status"] == "active" and s["organization_id"] for s in services)

    # A malformed row: the rest is imported, the row is reported with file, row and reason (exit code 2).
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in out.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    lines = (broken / "services.csv").read_bytes().decode("utf-8").split("\r\n")
    lines[2] = lines[2].replace(",active,", ",maybe,")
    (broken / "services.csv").write_bytes("\r\n".join(lines).encode("utf-8"))
    imported = omzien(demo_db, "catalogue", "import-hsds", str(broken), "--municipality", "GM9902")
    assert imported.returncode == 2, imported.stdout + imported.stderr
    assert "services.csv row 2" in imported.stderr, imported.stderr
    assert f"Imported" in imported.stdout and f"and {len(services) - 1} services" in imported.stdout, imported.stdout

    again = tmp_path / "beekdal"
    exported = omzien(demo_db, "catalogue", "export-hsds", "--municipality", "GM9902", "--out", str(again))
    assert exported.returncode == 0, exported.stderr
    names = sorted(s["name"] for s in rows(again / "services.csv"))
    assert names == sorted(s["name"] for s in services if s["name"] != services[1]["name"]), names
