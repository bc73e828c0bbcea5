"""The benchmark's large database: a provincial office's targets and every figure reported.

``large_database(n_targets, n_figures)`` returns the path of a Tracker database with
``n_targets`` targets (Chinese names, six categories, twenty departments, a mix of cumulative,
level, milestone and lower-is-better targets) and ``n_figures`` figures for each, reported the
way offices report: on each reporting date every target's figure arrives together, so the
measurements' ids follow the calendar, not the target. The figures are spread evenly over a
two-year programme (100 figures make a weekly report, 20 a monthly one).

The file is built once with executemany (not the app's per-row commands, which would take an
hour for a million rows) on a schema made by the app's own migrations, with the audit trail
the app would have written (one row per target and per figure), then cached under the
temp folder, keyed by the parameters, the generator's version and the schema version, so a
rerun, or a new migration, never reuses a stale file. ``demo_database(folder)`` makes the
Shuozhou demo, as ``tracker demo`` would.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.io.demo import ensure_demo_database  # noqa: E402
from tracker.storage import open_database  # noqa: E402
from tracker.storage.migrations import known_names  # noqa: E402

# Bump when the generated data change, so cached files are rebuilt.
GENERATOR_VERSION = 3
PERIOD_START = date(2021, 1, 1)
PERIOD_END = date(2022, 12, 31)
# The benchmark judges progress as of this date (the last report falls just before it).
REFERENCE_DAY = date(2022, 12, 31)

CATEGORIES = ("经济运行", "能源保供", "产业转型", "改革开放", "民生保障", "生态环境")
DEPARTMENTS = (
    "市发改委", "市工信局", "市财政局", "市住建局", "市交通运输局", "市水务局", "市农业农村局",
    "市商务局", "市文旅局", "市卫健委", "市教育局", "市生态环境局", "市自然资源局", "市民政局",
    "市人社局", "市应急管理局", "市市场监管局", "市统计局", "市能源局", "市科技局",
)
PLACES = (
    "朔城区", "平鲁区", "山阴县", "应县", "右玉县", "怀仁市", "大同市", "忻州市", "太原市",
    "晋中市", "吕梁市", "长治市", "晋城市", "临汾市", "运城市", "阳泉市",
)
# (work, category index, unit, kind, direction, goal range); kind and direction as stored.
WORKS = (
    ("清洁取暖改造", 1, "户", "cumulative", "higher", (2_000, 100_000)),
    ("老旧小区改造", 4, "个", "cumulative", "higher", (20, 400)),
    ("农村公路建设", 2, "公里", "cumulative", "higher", (50, 1_500)),
    ("固定资产投资", 0, "亿元", "cumulative", "higher", (10, 900)),
    ("污水管网改造", 5, "公里", "cumulative", "higher", (20, 600)),
    ("新增就业", 4, "人", "cumulative", "higher", (1_000, 60_000)),
    ("空气质量优良天数", 5, "天", "level", "higher", (260, 320)),
    ("地区生产总值增速", 0, "%", "level", "higher", (4, 9)),
    ("PM2.5平均浓度", 5, "μg/m³", "level", "lower", (30, 45)),
    ("单位GDP能耗", 1, "吨标准煤/万元", "cumulative", "lower", (1, 3)),
    ("营商环境评价排名", 3, "位", "level", "lower", (1, 20)),
    ("重点项目竣工", 2, "项", "milestone", "higher", (1, 1)),
)

TARGET_SQL = (
    "INSERT INTO targets (id, name, category, department, unit, kind, direction, baseline, "
    "target_value, period_start, period_end, tolerance, note, source, version, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
)
MEASUREMENT_SQL = (
    "INSERT INTO measurements (target_id, as_of, value, note, source, version, updated_at) "
    "VALUES (?, ?, ?, '', ?, 1, ?)"
)
# The audit trail the app would have written for all of it (one row per insert), so the file
# has a used database's size and the window's backup-on-open sees a file with history.
AUDIT_SQL = (
    "INSERT INTO audit (at, who, table_name, row_id, target_id, action, field, old_value, "
    "new_value, source) SELECT updated_at, '统计员', ?, id, {target}, 'insert', '', NULL, "
    "json_object({values}), '导入' || source FROM {table} ORDER BY {order}"
)
TARGET_AUDIT = AUDIT_SQL.format(
    target="id", table="targets", order="id", values=", ".join(
        f"'{c}', {c}" for c in ("name", "category", "department", "unit", "kind", "direction",
                                "baseline", "target_value", "period_start", "period_end",
                                "tolerance", "note", "source")))
MEASUREMENT_AUDIT = AUDIT_SQL.format(
    target="target_id", table="measurements", order="id", values=", ".join(
        f"'{c}', {c}" for c in ("target_id", "as_of", "value", "note", "source")))


def cache_folder() -> Path:
    """Where generated databases are kept between runs ($TRACKER_BENCH_CACHE or the temp dir)."""
    folder = Path(os.environ.get("TRACKER_BENCH_CACHE")
                  or Path(tempfile.gettempdir()) / "tracker-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report_dates(n_figures: int) -> list[date]:
    """``n_figures`` reporting dates spread evenly over the programme, the last one before
    its end (weekly for 100 figures, monthly-ish for 20)."""
    days = (PERIOD_END - PERIOD_START).days + 1
    step = max(1, days // max(n_figures, 1))
    return [PERIOD_START + timedelta(days=step * (k + 1) - 1) for k in range(n_figures)]


def _targets(n_targets: int, rng: random.Random) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for i in range(n_targets):
        work, category, unit, kind, direction, (low, high) = WORKS[i % len(WORKS)]
        place = PLACES[(i // len(WORKS)) % len(PLACES)]
        batch = i // (len(WORKS) * len(PLACES)) + 1
        name = f"{place}{work}（第{batch}批）"
        if kind == "milestone":
            baseline, goal = None, None
        elif direction == "lower":
            goal = round(rng.uniform(low, high), 1)
            baseline = round(goal * rng.uniform(1.05, 1.3), 1)
        else:
            goal = round(rng.uniform(low, high), 1 if high < 100 else 0)
            baseline = 0.0 if kind == "cumulative" else round(goal * 0.9, 1)
        stamp = f"{PERIOD_START.isoformat()}T01:00:00.000000+00:00"
        rows.append((
            i + 1, name, CATEGORIES[category], DEPARTMENTS[i % len(DEPARTMENTS)],
            unit, kind, direction, baseline, goal, PERIOD_START.isoformat(),
            PERIOD_END.isoformat(), 0.05, "", "省级考核任务", stamp,
        ))
    return rows


def _figures(targets: list[tuple[object, ...]], dates: list[date],
             rng: random.Random) -> Iterator[tuple[object, ...]]:
    """Every target's figure for each reporting date, date by date."""
    days = (PERIOD_END - PERIOD_START).days + 1
    # Each target keeps its own pace (some ahead, most near pace, some far behind).
    pace = [rng.choice((0.55, 0.8, 0.9, 0.97, 1.0, 1.05, 1.2)) for _ in targets]
    source = "周报" if len(dates) >= 52 else "月报"
    for as_of in dates:
        share = ((as_of - PERIOD_START).days + 1) / days
        stamp = f"{as_of.isoformat()}T09:30:00.000000+00:00"
        text_day = as_of.isoformat()
        for k, row in enumerate(targets):
            kind, direction, baseline, goal = row[5], row[6], row[7], row[8]
            if kind == "milestone":
                value = 1.0 if share * pace[k] > 0.9 else 0.0
            elif direction == "lower":
                assert isinstance(goal, float) and isinstance(baseline, float)
                value = round(baseline - (baseline - goal) * min(1.2, share * pace[k]), 2)
            elif kind == "level":
                assert isinstance(goal, float)
                value = round(goal * (0.85 + 0.2 * pace[k] * share), 2)
            else:
                assert isinstance(goal, float)
                value = round(goal * min(1.3, share * pace[k]), 1)
            yield row[0], text_day, value, source, stamp


def build(path: Path, n_targets: int, n_figures: int, seed: int = 2022) -> None:
    """Write a fresh database at ``path`` (which must not exist)."""
    db = open_database(path)
    db.conn.close()
    rng = random.Random(seed)
    targets = _targets(n_targets, rng)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        conn.executemany(TARGET_SQL, targets)
        conn.executemany(MEASUREMENT_SQL, _figures(targets, report_dates(n_figures), rng))
        conn.execute(TARGET_AUDIT, ["targets"])
        conn.execute(MEASUREMENT_AUDIT, ["measurements"])
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def large_database(n_targets: int = 10_000, n_figures: int = 100) -> Path:
    """The cached database for these parameters, built now if missing."""
    schema = known_names()[-1]
    path = cache_folder() / (
        f"tracker-t{n_targets}-f{n_figures}-g{GENERATOR_VERSION}-{schema}.sqlite"
    )
    if path.exists():
        return path
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    build(partial, n_targets, n_figures)
    partial.replace(path)
    # Files of older generators or schemas for these parameters are stale for good.
    for stale in path.parent.glob(f"tracker-t{n_targets}-f{n_figures}-g*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def demo_database(folder: Path) -> Path:
    """The Shuozhou demo in ``folder`` (made if missing)."""
    path = folder / "demo-shuozhou-2022.sqlite"
    ensure_demo_database(path)
    return path


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    print(large_database(*arguments))
