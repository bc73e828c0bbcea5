"""Every file in tests/fixtures/nasty read as expected.toml says."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tracker.io import encoding, table_reader
from tracker.io.table_reader import read_table

NASTY = Path(__file__).resolve().parents[1] / "fixtures" / "nasty"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (NASTY / "expected.toml").read_text(encoding="utf-8"))
ERRORS = {"EncodingError": encoding.EncodingError, "TableError": table_reader.TableError}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    spec = EXPECTED[name]
    if "error" in spec:
        with pytest.raises(ERRORS[spec["error"]["type"]], match=spec["error"]["message"]):
            read_table(NASTY / name)
        return
    table = read_table(NASTY / name)
    assert table.encoding == spec["encoding"]
    assert table.line_ending == spec["line_ending"]
    assert [r.number for r in table.rows] == spec["rows"]
    if "headers" in spec:
        assert table.headers == spec["headers"]
    rows = {r.number: r.cells for r in table.rows}
    for number, cells in spec.get("cells", {}).items():
        assert rows[int(number)] == cells
    expected = spec.get("problems", [])
    assert [(p.row, p.column) for p in table.problems] == [(p["row"], p["column"])
                                                           for p in expected]
    for problem, want in zip(table.problems, expected, strict=True):
        assert want["reason"] in problem.reason


def test_every_fixture_file_is_in_the_manifest() -> None:
    files = {p.name for p in NASTY.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert files == set(EXPECTED)


def test_committed_csv_fixtures_are_what_the_generator_makes() -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", NASTY / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.csv_files().items():
        assert (NASTY / name).read_bytes() == data, name
