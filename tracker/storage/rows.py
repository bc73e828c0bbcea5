"""Conversion between SQLite rows and the domain's frozen values."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.domain import Direction, Kind, Measurement, Target

TARGET_COLUMNS = (
    "id, name, category, department, unit, kind, direction, baseline, target_value, "
    "period_start, period_end, tolerance, note, source, version, updated_at"
)
MEASUREMENT_COLUMNS = "id, target_id, as_of, value, note, source, version, updated_at"


# Plain dict lookups: calling the Enum class costs several times more, 10,000 times a refresh.
_KINDS = {k.value: k for k in Kind}
_DIRECTIONS = {d.value: d for d in Direction}
_date = date.fromisoformat


def target_from_row(row: tuple[Any, ...]) -> Target:
    """A Target from a row selected with TARGET_COLUMNS."""
    (id_, name, category, department, unit, kind, direction, baseline, target_value,
     start, end, tolerance, note, source, version, updated_at) = row
    return Target(
        id=id_, name=name, category=category, department=department, unit=unit,
        kind=_KINDS[kind], direction=_DIRECTIONS[direction], baseline=baseline,
        target_value=target_value, period_start=_date(start), period_end=_date(end),
        tolerance=tolerance, note=note, source=source,
        version=version, updated_at=updated_at,
    )


def measurement_from_row(row: tuple[Any, ...]) -> Measurement:
    """A Measurement from a row selected with MEASUREMENT_COLUMNS."""
    id_, target_id, as_of, value, note, source, version, updated_at = row
    return Measurement(
        id=id_, target_id=target_id, as_of=_date(as_of), value=value, note=note,
        source=source, version=version, updated_at=updated_at,
    )


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
