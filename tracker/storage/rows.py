"""Conversion between SQLite rows and the domain's frozen values."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.domain import Direction, Kind, Measurement, Target, positional_builder

TARGET_COLUMNS = (
    "id, name, category, department, unit, kind, direction, baseline, target_value, "
    "period_start, period_end, tolerance, note, source, version, updated_at"
)
MEASUREMENT_COLUMNS = "id, target_id, as_of, value, note, source, version, updated_at"


# Plain dict lookups: calling the Enum class costs several times more, 10,000 times a refresh.
_KINDS = {k.value: k for k in Kind}
_DIRECTIONS = {d.value: d for d in Direction}
_date = date.fromisoformat
# Positional, in the dataclasses' field order, past their frozen __init__: a read of every row
# builds 10,000 of each (see positional_builder).
_target = positional_builder(Target)
_measurement = positional_builder(Measurement)


def target_from_row(row: tuple[Any, ...]) -> Target:
    """A Target from a row selected with TARGET_COLUMNS."""
    (id_, name, category, department, unit, kind, direction, baseline, target_value,
     start, end, tolerance, note, source, version, updated_at) = row
    return _target(name, category, department, unit, _KINDS[kind], _DIRECTIONS[direction],
                   baseline, target_value, _date(start), _date(end), tolerance, note, source,
                   id_, version, updated_at)


def measurement_from_row(row: tuple[Any, ...]) -> Measurement:
    """A Measurement from a row selected with MEASUREMENT_COLUMNS."""
    id_, target_id, as_of, value, note, source, version, updated_at = row
    return _measurement(target_id, _date(as_of), value, note, source, id_, version, updated_at)


# What identifies a target's row for reuse between reads: the target's version and
# updated_at, and its latest figure's id, version and updated_at (None without a figure).
# Every write changes the version and the time stamp of what it touches.
LatestKey = tuple[int, str, int | None, int | None, str | None]
# A target with its latest figure, as latest_from_row reads it.
Latest = tuple[LatestKey, Target, Measurement | None]
# The columns latest_from_row reads: the target's, then its latest figure's (as ``m``).
LATEST_COLUMNS = (
    ", ".join("t." + c.strip() for c in TARGET_COLUMNS.split(","))
    + ", m.id, m.as_of, m.value, m.note, m.source, m.version, m.updated_at"
)
# The columns of a LatestKey, after the target id: all a reread needs for unchanged rows.
LATEST_KEY_COLUMNS = "t.id, t.version, t.updated_at, m.id, m.version, m.updated_at"


def latest_from_row(row: tuple[Any, ...]) -> Latest:
    """A target, its latest figure (or None) and their LatestKey, from LATEST_COLUMNS."""
    (id_, name, category, department, unit, kind, direction, baseline, target_value,
     start, end, tolerance, note, source, version, updated_at,
     m_id, as_of, value, m_note, m_source, m_version, m_updated_at) = row
    target = _target(name, category, department, unit, _KINDS[kind], _DIRECTIONS[direction],
                     baseline, target_value, _date(start), _date(end), tolerance, note, source,
                     id_, version, updated_at)
    latest = None if m_id is None else _measurement(
        id_, _date(as_of), value, m_note, m_source, m_id, m_version, m_updated_at)
    return (version, updated_at, m_id, m_version, m_updated_at), target, latest


def to_sql(value: object) -> object:
    """A domain field value as SQLite stores it (dates as ISO text, enums as their value)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Kind | Direction):
        return value.value
    return value


def target_values(target: Target) -> dict[str, object]:
    """The editable columns of a target, ready for SQL."""
    return {
        "name": target.name, "category": target.category, "department": target.department,
        "unit": target.unit, "kind": target.kind.value, "direction": target.direction.value,
        "baseline": target.baseline, "target_value": target.target_value,
        "period_start": target.period_start.isoformat(),
        "period_end": target.period_end.isoformat(), "tolerance": target.tolerance,
        "note": target.note, "source": target.source,
    }


def measurement_values(m: Measurement) -> dict[str, object]:
    """The editable columns of a measurement, ready for SQL."""
    return {"target_id": m.target_id, "as_of": m.as_of.isoformat(), "value": m.value,
            "note": m.note, "source": m.source}


def audit_text(value: object) -> str | None:
    """How a value is written into the audit trail: exact, and None stays NULL."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(to_sql(value))
