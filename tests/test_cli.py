"""The command line, run as the user runs it: `python -m tracker ...` in a subprocess."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cli_run import EN, ZH, db_state, tracker

from tracker.paths import demo_file
from tracker.storage.migrations import known_names

HEATING = "清洁取暖改造"
DEMO = tomllib.loads(demo_file().read_text(encoding="utf-8"))["targets"]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    result = tracker("demo", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database."""
    return Path(shutil.copy(demo_template, tmp_path / "demo.sqlite"))


def line_of(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if f" {name} " in line)


def test_list_prints_every_demo_target(db):
    out = tracker("--db", db, "list").stdout
    assert all(f" {entry['name']} " in out for entry in DEMO)


def test_list_reads_clean_heating_at_108_51(db):
    assert "108.51%" in line_of(tracker("--db", db, "list").stdout, HEATING)


def test_list_filters_by_status(db):
    out = tracker("--db", db, "list", "--status", "achieved", "--on", "2022-12-01").stdout
    assert HEATING in out and "地区生产总值 " not in out


def test_list_filters_by_category(db):
    lines = tracker("--db", db, "list", "--category", "民生保障").stdout.splitlines()[2:]
    assert len(lines) == sum(e["category"] == "民生保障" for e in DEMO)
    assert all("民生保障" in line for line in lines)


def test_show_prints_progress_and_figures(db):
    out = tracker("--db", db, "show", HEATING).stdout
    assert "108.51%" in out and "103,516户" in out and "2022-11-30" in out


def test_add_measurement_changes_the_list(db):
    result = tracker("--db", db, "add-measurement", HEATING, "110000", "--as-of", "2022-12-31")
    assert result.returncode == 0, result.stderr
    assert "110,000户" in line_of(tracker("--db", db, "list").stdout, HEATING)


def test_add_measurement_is_audited(db):
    before = db_state(db)[0][0][0]
    tracker("--db", db, "add-measurement", HEATING, "110000", "--as-of", "2022-12-31")
    assert db_state(db)[0][0][0] == before + 1


BAD_INPUT = {
    "unknown target": ["没有这个指标", "100", "--as-of", "2022-12-31"],
    "value abc": [HEATING, "abc", "--as-of", "2022-12-31"],
    "approximate value": [HEATING, "约100", "--as-of", "2022-12-31"],
    "impossible date": [HEATING, "100", "--as-of", "2022-02-30"],
    "negative households": [HEATING, "-5", "--as-of", "2022-12-31"],
    "date already taken": [HEATING, "100", "--as-of", "2022-11-30"],
}


@pytest.mark.parametrize("args", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_one_line_exit_2_and_changes_nothing(db, args):
    before = db_state(db)
    result = tracker("--db", db, "add-measurement", *args)
    assert (result.returncode, result.stdout, len(result.stderr.splitlines())) == (2, "", 1)
    assert db_state(db) == before


@pytest.mark.parametrize("args", [["list"], ["add-measurement", HEATING, "1", "--as-of",
                                             "2022-12-31"], ["check"]])
def test_missing_database_file_is_one_line_exit_2(tmp_path, args):
    missing = tmp_path / "missing.sqlite"
    result = tracker("--db", missing, *args)
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)
    assert not missing.exists()


def test_newer_schema_is_listed_but_not_written(db):
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('tracker', '9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = db_state(db)
    assert HEATING in tracker("--db", db, "list").stdout
    result = tracker("--db", db, "add-measurement", HEATING, "1", "--as-of", "2022-12-31")
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)
    assert db_state(db) == before


def test_check_prints_ok_and_the_schema_version(db):
    result = tracker("--db", db, "check")
    assert result.returncode == 0
    assert "ok" in result.stdout.splitlines() and known_names()[-1] in result.stdout


def test_demo_into_a_non_empty_database_is_refused(db):
    before = db_state(db)
    result = tracker("demo", db)
    assert (result.returncode, len(result.stderr.splitlines())) == (2, 1)
    assert db_state(db) == before


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_option_goes_before_or_after_the_command(db, where):
    args = ["--db", db, "list"] if where == "before" else ["list", "--db", db]
    assert HEATING in tracker(*args).stdout


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [(ZH, [], "找不到指标"), (EN, [], "No target named"), (ZH, ["--lang", "en"], "No target named"),
     (EN, ["--lang", "zh"], "找不到指标")],
)
def test_messages_follow_the_language(db, lang, args, expected):
    result = tracker(*args, "--db", db, "add-measurement", "没有这个指标", "1", "--as-of",
                     "2022-12-31", lang=lang)
    assert expected in result.stderr


@pytest.mark.parametrize(("lang", "header"), [(ZH, "完成率"), (EN, "Complete")])
def test_list_header_follows_the_language(db, lang, header):
    assert header in tracker("--db", db, "list", lang=lang).stdout.splitlines()[0]


def test_console_script_runs(db):
    script = Path(sys.executable).parent / "tracker"
    if not script.exists():
        pytest.skip("the tracker console script is not installed in this environment")
    result = subprocess.run([script, "--db", db, "check"], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 0 and "ok" in result.stdout
