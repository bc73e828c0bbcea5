"""The planning office's nouns: targets, measurements and the progress made on them.

Plain frozen values with no behaviour beyond validation; the rules that turn figures into
progress live in tracker.progress.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields, make_dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from tracker.messages import text


class Kind(StrEnum):
    """How a target's figures add up."""

    #: Households, kilometres, tonnes: the latest cumulative reading counts.
    CUMULATIVE = "cumulative"
    #: Growth rates, days, concentrations, ranks: the latest reading is the level reached.
    LEVEL = "level"
    #: Done (1) or not (0), due by the period end.
    MILESTONE = "milestone"


class Direction(StrEnum):
    """Whether a bigger figure is better (roads built) or worse (PM2.5, rank)."""

    HIGHER = "higher"
    LOWER = "lower"


class Status(StrEnum):
    """Where a target stands; the order is the order of concern, worst last but no-data."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NO_DATA = "no_data"


class ValidationError(ValueError):
    """A value a user typed or imported breaks a rule; the message says which, in their language.

    ``field`` names the offending field so an editor can show the message beside it.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class ConflictError(Exception):
    """Someone else changed the row since it was read: the write was refused, nothing lost.

    ``current`` holds the row as it is now (a Target or Measurement, or None if deleted).
    """

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class NotFoundError(LookupError):
    """A target or measurement that does not exist (any more)."""


DEFAULT_TOLERANCE = 0.05

TARGET_FIELDS = (
    "name",
    "category",
    "department",
    "unit",
    "kind",
    "direction",
    "baseline",
    "target_value",
    "period_start",
    "period_end",
    "tolerance",
    "note",
    "source",
)
MEASUREMENT_FIELDS = ("as_of", "value", "note", "source")


@dataclass(frozen=True, slots=True)
class Target:
    """A goal for a period: "清洁取暖改造 95,397 户 by 2022-12-31".

    ``target_value`` is None only for milestones, whose goal is simply "done".
    ``tolerance`` is how far (as a share of the goal) a target may trail the expected pace
    before it counts as at risk; twice that and it is behind.
    """

    name: str
    category: str = ""
    department: str = ""
    unit: str = ""
    kind: Kind = Kind.CUMULATIVE
    direction: Direction = Direction.HIGHER
    baseline: float | None = None
    target_value: float | None = None
    period_start: date = date(2022, 1, 1)
    period_end: date = date(2022, 12, 31)
    tolerance: float = DEFAULT_TOLERANCE
    note: str = ""
    source: str = ""
    id: int | None = None
    version: int = 1
    updated_at: str = ""

    def validated(self) -> Target:
        """Return self with text trimmed, or raise ValidationError naming the bad field."""
        name = self.name.strip()
        if not name:
            raise ValidationError(text("名称不能为空。", "The name cannot be empty."), "name")
        if len(name) > 200:
            raise ValidationError(
                text("名称过长（最多200字）。", "The name is too long (200 characters at most)."),
                "name",
            )
        for fname in ("baseline", "target_value", "tolerance"):
            value = getattr(self, fname)
            if value is not None and not _finite(value):
                raise ValidationError(
                    text("必须是有限的数字。", "Must be a finite number."), fname
                )
        if self.kind != Kind.MILESTONE and self.target_value is None:
            raise ValidationError(
                text("请填写目标值（只有里程碑可以不填）。",
                     "Enter a target value (only milestones may go without)."),
                "target_value",
            )
        if (
            self.kind == Kind.CUMULATIVE
            and self.direction == Direction.HIGHER
            and self.target_value is not None
            and self.baseline is not None
            and self.target_value <= self.baseline
        ):
            raise ValidationError(
                text("累计目标值必须大于基数。", "A cumulative target must exceed its baseline."),
                "target_value",
            )
        if self.period_end < self.period_start:
            raise ValidationError(
                text("截止日期不能早于开始日期。", "The period cannot end before it starts."),
                "period_end",
            )
        if not 0 <= self.tolerance <= 1:
            raise ValidationError(
                text("容差须在0到1之间（例如0.05表示5%）。",
                     "Tolerance must be between 0 and 1 (0.05 means 5%)."),
                "tolerance",
            )
        return _replace_text(self, name=name)


@dataclass(frozen=True, slots=True)
class Measurement:
    """A completion figure for a target as of a date, with where it came from."""

    target_id: int
    as_of: date
    value: float
    note: str = ""
    source: str = ""
    id: int | None = None
    version: int = 1
    updated_at: str = ""

    def validated(self, target: Target) -> Measurement:
        """Return self, or raise ValidationError if the value cannot belong to ``target``."""
        if not _finite(self.value):
            raise ValidationError(
                text("数值必须是有限的数字。", "The value must be a finite number."), "value"
            )
        if target.kind == Kind.MILESTONE and self.value not in (0, 1):
            raise ValidationError(
                text("里程碑的数值只能是1（完成）或0（未完成）。",
                     "A milestone's value is 1 (done) or 0 (not done)."),
                "value",
            )
        if target.kind == Kind.CUMULATIVE and self.value < 0:
            raise ValidationError(
                text("累计完成量不能为负数。", "A cumulative figure cannot be negative."), "value"
            )
        if target.unit in NON_NEGATIVE_UNITS and self.value < 0:
            raise ValidationError(
                text(f"以“{target.unit}”计的数值不能为负数。",
                     f"A value in {target.unit} cannot be negative."),
                "value",
            )
        return self


class FigureSeries(NamedTuple):
    """A target's figures by column, oldest first, as a chart reads them: each as-of
    date's Julian day number (2459913.5 for 2022-11-30), the values, the notes."""

    days: list[float]
    values: list[float]
    notes: list[str]


# Units that count things: a negative count is a typing error, never a figure.
NON_NEGATIVE_UNITS = frozenset(
    {"户", "个", "公里", "天", "项", "家", "座", "人", "人次", "期", "场", "亿吨", "万吨", "吨",
     "位", "家次", "μg/m³", "万方", "亿元", "万元", "元"}
)


@dataclass(frozen=True, slots=True)
class Progress:
    """What the rules make of a target's latest figure on a reference date.

    ``percent`` and ``expected`` are percentages (108.51 means 108.51%); ``expected`` is the
    序时进度, the share of the period elapsed at the latest figure's date (or the reference date
    when there is none). ``required_per_month`` is how much more per 30 days the rest of the
    period needs; ``forecast`` is the figure expected at the period end.
    """

    status: Status
    latest: Measurement | None = None
    percent: float | None = None
    expected: float | None = None
    required_per_month: float | None = None
    forecast: float | None = None


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A target with its latest measurement and progress: one line of the targets table."""

    target: Target
    progress: Progress


Frozen = TypeVar("Frozen")


def positional_builder(cls: type[Frozen]) -> Callable[..., Frozen]:
    """A faster ``cls(*values)`` for a frozen slots dataclass, every field given in order.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` to get
    past its own refusal, five times the cost of a plain assignment: 1.7 µs for a Target,
    10,000 times for every target, its latest figure and progress on a first read of the table.
    The builder fills an unfrozen twin with the very same slots and then makes it a ``cls``;
    the value is equal to, hashes like and is exactly as frozen as ``cls(*values)``.
    """
    assert "__slots__" in cls.__dict__, f"{cls.__name__} must be a slots dataclass"
    # A __post_init__ would be skipped, so a class that has one must be built the usual way.
    assert not hasattr(cls, "__post_init__"), f"{cls.__name__} has a __post_init__"
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    twin: Any = make_dataclass(f"_Building{cls.__name__}", names, slots=True, eq=False,
                               repr=False, match_args=False)
    assert twin.__slots__ == cls.__slots__  # type: ignore[attr-defined]

    def build(*values: object) -> Frozen:
        value = twin(*values)
        # Allowed because the layouts are the same: only the type changes, not the slots.
        value.__class__ = cls
        return value  # type: ignore[no-any-return]

    return build


def _finite(value: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _replace_text(target: Target, **changes: object) -> Target:
    stripped = {
        f: getattr(target, f).strip()
        for f in ("category", "department", "unit", "note", "source")
    }
    return replace(target, **stripped, **changes)


def field_label(field: str) -> str:
    """The name of a target or measurement field as the office says it."""
    labels = {
        "name": ("名称", "name"), "category": ("领域", "category"),
        "department": ("责任单位", "department"), "unit": ("单位", "unit"),
        "kind": ("类型", "kind"), "direction": ("方向", "direction"),
        "baseline": ("基数", "baseline"), "target_value": ("目标值", "target value"),
        "period_start": ("开始日期", "period start"), "period_end": ("截止日期", "period end"),
        "tolerance": ("容差", "tolerance"), "note": ("备注", "note"),
        "source": ("来源", "source"), "as_of": ("截至日期", "as-of date"),
        "value": ("数值", "value"),
    }
    zh, en = labels.get(field, (field, field))
    return text(zh, en)


def status_label(status: Status) -> str:
    """The status as the office says it."""
    labels = {
        Status.ACHIEVED: ("已完成", "achieved"),
        Status.ON_TRACK: ("符合序时", "on track"),
        Status.AT_RISK: ("有风险", "at risk"),
        Status.BEHIND: ("滞后", "behind"),
        Status.OVERDUE: ("逾期未完成", "overdue"),
        Status.NO_DATA: ("暂无数据", "no data"),
    }
    zh, en = labels[status]
    return text(zh, en)


def kind_label(kind: Kind) -> str:
    """The kind of target as the office says it."""
    zh, en = {
        Kind.CUMULATIVE: ("累计量", "cumulative"),
        Kind.LEVEL: ("水平/比率", "level or rate"),
        Kind.MILESTONE: ("里程碑", "milestone"),
    }[kind]
    return text(zh, en)


def direction_label(direction: Direction) -> str:
    """Which way is better, as the office says it."""
    zh, en = {
        Direction.HIGHER: ("越高越好", "higher is better"),
        Direction.LOWER: ("越低越好", "lower is better"),
    }[direction]
    return text(zh, en)
