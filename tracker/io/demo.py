"""The Shuozhou 2022 demo: read db/demo/shuozhou-2022.toml into an import command."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from tracker.commands import ImportRecords
from tracker.domain import DEFAULT_TOLERANCE, Direction, Kind, Measurement, Target
from tracker.messages import text
from tracker.paths import demo_file
from tracker.service import TrackerService


def demo_command(path: Path | None = None) -> ImportRecords:
    """The demo's targets and figures as one import, ready for TrackerService.execute."""
    data = tomllib.loads((path or demo_file()).read_text(encoding="utf-8"))
    meta = data.get("meta", {})
    start = date.fromisoformat(meta.get("period_start", "2022-01-01"))
    end = date.fromisoformat(meta.get("period_end", "2022-12-31"))
    targets: list[Target] = []
    figures: list[tuple[str, Measurement]] = []
    for entry in data["targets"]:
        targets.append(Target(
            name=entry["name"],
            category=entry.get("category", ""),
            department=entry.get("department", ""),
            unit=entry.get("unit", ""),
            kind=Kind(entry.get("kind", "cumulative")),
            direction=Direction(entry.get("direction", "higher")),
            baseline=_number(entry.get("baseline")),
            target_value=_number(entry.get("target")),
            period_start=date.fromisoformat(entry.get("period_start", start.isoformat())),
            period_end=date.fromisoformat(entry.get("period_end", end.isoformat())),
            tolerance=float(entry.get("tolerance", DEFAULT_TOLERANCE)),
            note=entry.get("note", ""),
            source=entry.get("source", meta.get("source", "")),
        ))
        for m in entry.get("measurements", []):
            figures.append((entry["name"], Measurement(
                target_id=0,
                as_of=date.fromisoformat(m["as_of"]),
                value=float(m["value"]),
                note=m.get("note", ""),
                source=m.get("source", entry.get("source", "")),
            )))
    return ImportRecords(
        tuple(targets), tuple(figures),
        text("载入朔州2022演示数据", "Load the Shuozhou 2022 demo"),
    )


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def ensure_demo_database(path: Path) -> bool:
    """Create the demo database at ``path`` unless it exists; True when it was made now."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    service = TrackerService.open(path)
    try:
        service.execute(demo_command(), source=text("演示数据", "demo data"))
    finally:
        service.close()
    return True
