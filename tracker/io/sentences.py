"""One plain sentence per target for the managers' report, in the user's language.

"清洁取暖改造完成103,516户，完成年度目标的108.51%。" /
"清洁取暖改造: 103,516 households done, 108.51% of the annual target."

Figures are written in full with their unit (units.format_quantity), percents with two
decimals (units.format_percent), so a sentence agrees to the digit with the table above it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.domain import Direction, Kind, Status, Target, TargetRow, status_label
from tracker.messages import language, text
from tracker.units import format_number, format_percent, format_quantity

#: English for the units offices use (a unit not listed is kept as it is).
ENGLISH_UNITS = {
    "户": "households", "个": "", "公里": "km", "千米": "km", "米": "m", "亿元": "100 million yuan",
    "万元": "10,000 yuan", "元": "yuan", "项": "items", "人": "people", "万人": "10,000 people",
    "人次": "person-times", "天": "days", "座": "", "家": "firms", "家次": "firm-visits",
    "场": "events", "期": "issues", "亿吨": "100 million tonnes", "万吨": "10,000 tonnes",
    "吨": "tonnes", "万方": "10,000 m³", "平方米": "m²", "万平方米": "10,000 m²",
}


def target_sentence(row: TargetRow) -> str:
    """The sentence for one target: what was reached, against what, and where it stands."""
    t, p = row.target, row.progress
    latest = p.latest
    if latest is None or p.status == Status.NO_DATA:
        return text(f"{t.name}暂无数据。", f"{t.name}: no figure yet.")
    status = status_label(p.status)
    achieved = p.status == Status.ACHIEVED
    if t.kind == Kind.MILESTONE:
        if latest.value >= 1:
            return text(f"{t.name}已完成。", f"{t.name}: done.")
        due = _day(t.period_end)
        return text(f"{t.name}尚未完成（{due}到期），{status}。",
                    f"{t.name}: not done yet (due {due}); {status}.")
    reached = quantity(latest.value, t.unit)
    goal = quantity(t.target_value, t.unit)
    percent = format_percent(p.percent)
    if t.direction == Direction.LOWER:
        return text(f"{t.name}为{reached}，目标不高于{goal}，{status}。",
                    f"{t.name}: {reached}, target at most {goal}; {status}.")
    if t.kind == Kind.LEVEL:
        tail_zh = "" if achieved else f"，完成目标的{percent}"
        tail_en = "" if achieved else f", {percent} of it"
        return text(f"{t.name}为{reached}，目标{goal}{tail_zh}，{status}。",
                    f"{t.name}: {reached} against a target of {goal}{tail_en}; {status}.")
    annual = _is_calendar_year(t)
    zh = f"{t.name}完成{reached}，完成{'年度' if annual else ''}目标的{percent}"
    en = f"{t.name}: {reached} done, {percent} of the {'annual ' if annual else ''}target"
    if not achieved:
        pace = format_percent(p.expected)
        zh += f"，序时进度{pace}，{status}"
        en += f"; expected pace {pace}, {status}"
    return text(zh + "。", en + ".")


def report_sentences(rows: Iterable[TargetRow]) -> list[str]:
    """A sentence per target, in the order given."""
    return [target_sentence(r) for r in rows]


def quantity(value: float | None, unit: str) -> str:
    """A figure with its unit, the unit in English when the user reads English."""
    if value is None:
        return "—"
    if language() == "zh" or not unit:
        return format_quantity(value, unit)
    if unit == "位":
        return f"No. {format_number(value)}"
    english = ENGLISH_UNITS.get(unit, unit)
    return format_quantity(value, english) if english else format_number(value)


def _is_calendar_year(t: Target) -> bool:
    start, end = t.period_start, t.period_end
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
        and start.year == end.year


def _day(day: date) -> str:
    return text(f"{day.year}年{day.month}月{day.day}日", day.isoformat())
