"""`tracker export` and `tracker import`, run as the user runs them, in a subprocess."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import EN, db_state, tracker

NASTY = Path(__file__).resolve().parent / "fixtures" / "nasty"
HEATING = "清洁取暖改造"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    assert tracker("demo", path).returncode == 0
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(demo_template, tmp_path / "demo.sqlite"))


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def figures_file(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "figures.csv"
    path.write_bytes(("指标,截至,完成值,备注\r\n" + body).encode(encoding))
    return path


def test_export_targets_of_one_category_in_chinese(db, tmp_path):
    out = tmp_path / "targets.csv"
    result = tracker("export", "targets", "--out", out, "--db", db, "--category", "民生保障")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已导出15个指标到 {out}" and result.stderr == ""
    rows = read_csv(out)
    assert rows[0][:3] == ["指标", "领域", "责任单位"]
    assert {r[1] for r in rows[1:]} == {"民生保障"} and len(rows) == 16
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf" and b"\r\n" in out.read_bytes()


def test_export_format_from_the_suffix_or_the_option(db, tmp_path):
    assert tracker("export", "measurements", "--out", tmp_path / "m.xlsx", "--db", db,
                   lang=EN).returncode == 0
    assert (tmp_path / "m.xlsx").read_bytes()[:2] == b"PK"
    assert tracker("export", "audit", "--out", tmp_path / "a.csv", "--format", "xlsx",
                   "--db", db).returncode == 0
    assert (tmp_path / "a.csv").read_bytes()[:2] == b"PK"


def test_export_by_status_in_english(db, tmp_path):
    out = tmp_path / "t.csv"
    result = tracker("export", "targets", "--out", out, "--db", db, "--status", "achieved",
                     "--on", "2022-12-01", lang=EN)
    assert result.returncode == 0, result.stderr
    rows = read_csv(out)
    assert {r[rows[0].index("Status")] for r in rows[1:]} == {"achieved"}


def test_import_says_the_encoding_it_detected(db, tmp_path):
    result = tracker("import", NASTY / "gbk.csv", "--db", db, "--year", "2024")
    assert result.returncode == 0, result.stderr
    assert "编码：GBK（自动检测）" in result.stdout and "换行符：CRLF" in result.stdout
    forced = tracker("import", NASTY / "gbk.csv", "--db", db, "--encoding", "gbk",
                     "--year", "2024", "--dry-run")
    assert "编码：GBK（按指定）" in forced.stdout


def test_import_figures_then_again_changes_nothing(db, tmp_path):
    path = figures_file(tmp_path, f"{HEATING},2022-12-15,\"104,000\",\r\n"
                                  f"{HEATING},2022-12-31,105000,年底\r\n", "gbk")
    first = tracker("import", path, "--db", db, lang=EN)
    assert first.returncode == 0, first.stderr
    assert "Encoding: GBK (detected)" in first.stdout
    assert "2 new (0 targets, 2 figures)" in first.stdout
    before = db_state(db)
    second = tracker("import", path, "--db", db, lang=EN)
    assert second.returncode == 0
    assert "0 new" in second.stdout and "2 unchanged" in second.stdout
    assert db_state(db) == before


def test_a_file_with_errors_imports_nothing_and_lists_every_problem(db, tmp_path):
    before = db_state(db)
    path = figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"
                                  f"{HEATING},2022-12-31,约105000,\r\n"
                                  "没有的指标,2022-12-31,1,\r\n")
    result = tracker("import", path, "--db", db)
    assert result.returncode == 2
    assert "第3行 [完成值] “约105000”：这是约数" in result.stdout
    assert "第4行 [指标] “没有的指标”" in result.stdout
    assert "未导入任何数据" in result.stderr
    assert db_state(db) == before


def test_skip_bad_rows_imports_the_good_ones(db, tmp_path):
    path = figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n"
                                  f"{HEATING},2022-12-31,Pending,\r\n")
    result = tracker("import", path, "--db", db, "--skip-bad-rows", lang=EN)
    assert result.returncode == 0, result.stderr
    assert "row 3 [完成值] 'Pending'" in result.stdout
    conn = sqlite3.connect(db)
    dates = [r[0] for r in conn.execute(
        "SELECT as_of FROM measurements m JOIN targets t ON t.id = m.target_id "
        "WHERE t.name = ? ORDER BY as_of", [HEATING])]
    sources = {r[0] for r in conn.execute("SELECT source FROM audit WHERE source LIKE '%figures%'")}
    conn.close()
    assert dates == ["2022-11-30", "2022-12-15"]
    assert sources == {"import figures.csv row 2"}


def test_dry_run_writes_nothing(db, tmp_path):
    before = db_state(db)
    path = figures_file(tmp_path, f"{HEATING},2022-12-15,104000,\r\n")
    result = tracker("import", path, "--db", db, "--dry-run")
    assert result.returncode == 0 and "试运行" in result.stdout
    assert db_state(db) == before


def test_a_changed_figure_is_listed_and_applied(db, tmp_path):
    path = figures_file(tmp_path, f"{HEATING},2022-11-30,103600,\r\n")
    result = tracker("import", path, "--db", db, lang=EN)
    assert result.returncode == 0, result.stderr
    assert f"change row 2 {HEATING} 2022-11-30: value 103516 → 103600" in result.stdout


def test_map_option_names_the_columns(db, tmp_path):
    path = tmp_path / "bureau.csv"
    path.write_text("项目,计划数,计量\n新建公园,12,个\n", encoding="utf-8")
    result = tracker("import", path, "--db", db, "--map", "项目=name,计划数=target,计量=unit",
                     "--year", "2023", lang=EN)
    assert result.returncode == 0, result.stderr
    assert "项目 → name" in result.stdout and "1 new (1 targets" in result.stdout
    unknown = tracker("import", path, "--db", db, "--map", "名称=name", lang=EN)
    assert unknown.returncode == 2 and "no column '名称'" in unknown.stderr


def test_unreadable_files_are_refused_with_the_reason(db):
    result = tracker("import", NASTY / "utf16.csv", "--db", db, lang=EN)
    assert result.returncode == 2 and "UTF-16" in result.stderr


def test_export_then_import_into_a_new_database(db, tmp_path):
    for what in ("targets", "measurements"):
        assert tracker("export", what, "--out", tmp_path / f"{what}.csv", "--db", db
                       ).returncode == 0
    new = tmp_path / "new.sqlite"
    for what in ("targets", "measurements"):
        result = tracker("import", tmp_path / f"{what}.csv", "--db", new)
        assert result.returncode == 0, result.stdout + result.stderr
    old, copy = db_state(db), db_state(new)
    strip = [lambda r: r[1:14], lambda r: r[2:6]]
    assert [sorted(map(strip[0], old[1]))] == [sorted(map(strip[0], copy[1]))]
    assert sorted(map(strip[1], old[2])) == sorted(map(strip[1], copy[2]))


@pytest.mark.slow
def test_a_kill_during_an_import_leaves_nothing_or_everything(db, tmp_path):
    """kill -9 at random moments of `tracker import`: never a partial import."""
    import datetime as dt
    import random
    import signal
    import time

    rows = 60_000
    targets = tmp_path / "targets.csv"
    targets.write_text("指标,目标值,单位\n" + "".join(f"热{k},1e9,户\n" for k in range(3)),
                       encoding="utf-8")
    assert tracker("import", targets, "--db", db, "--year", "2022").returncode == 0
    path = tmp_path / "many.csv"
    first = dt.date(1950, 1, 1)
    path.write_text("指标,截至,数值\n" + "".join(
        f"热{i % 3},{first + dt.timedelta(days=i // 3)},{i}\n" for i in range(rows)),
        encoding="utf-8")
    scratch = Path(shutil.copy(db, tmp_path / "scratch.sqlite"))
    start = time.monotonic()
    assert tracker("import", path, "--db", scratch).returncode == 0
    duration = time.monotonic() - start
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")} | {
        "LANG": EN, "PYTHONUTF8": "1"}
    rng = random.Random(7)
    outcomes = []
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-m", "tracker", "import", str(path),
                                 "--db", str(db)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            figures = conn.execute("SELECT count(*) FROM measurements m JOIN targets t "
                                   "ON t.id = m.target_id WHERE t.name LIKE '热_'").fetchone()[0]
            audit = conn.execute(  # the figures the import's audit lines cover
                "SELECT coalesce(sum(json_extract(new_value, '$.count')), 0) FROM audit "
                "WHERE source LIKE '%many.csv%'").fetchone()[0]
        finally:
            conn.close()
        assert (figures, audit) in ((0, 0), (rows, rows))
        outcomes.append(figures)
        if figures:
            break
    assert 0 in outcomes  # at least one kill landed before the commit
