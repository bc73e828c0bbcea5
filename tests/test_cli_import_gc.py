"""`tracker import` keeps the garbage collector paused from reading to writing, and always
gives it back (see cli_transfer.import_)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import cli_transfer
from tracker.cli import build_cli

TARGETS = "指标名称,目标值,单位\n清洁取暖改造,95397,户\n"


@pytest.mark.parametrize(("text", "code"), [(TARGETS, 0), ("name,value\n", 2)])
def test_paused_inside_and_given_back_after(tmp_path: Path, monkeypatch, text, code):
    seen: list[bool] = []
    real = cli_transfer._import_file

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(cli_transfer, "_import_file", spy)
    (tmp_path / "f.csv").write_text(text, encoding="utf-8")
    assert gc.isenabled()
    result = CliRunner().invoke(build_cli(), ["--lang", "en", "--db", str(tmp_path / "t.sqlite"),
                                              "import", "--year", "2022", str(tmp_path / "f.csv")])
    assert (seen, gc.isenabled()) == ([False], True)
    assert result.exit_code == code, result.output
