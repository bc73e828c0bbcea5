"""What an imported cell means: which field a header names, and dates, kinds and numbers.

Headers are matched by exact name after tidying (full-width letters, case, spaces), in
Chinese or English; a unit in brackets after a header ("完成值（万元）") is the unit of that
column's figures and is converted from, never ignored. Every parser here either returns an
exact value or raises CellError with the reason; none of them guesses.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from tracker.domain import Direction, Kind
from tracker.io.csv_writer import DANGEROUS_FIRST
from tracker.io.exporter import AUDIT_COLUMNS, COMPUTED_FIELDS, MEASUREMENT_COLUMNS, TARGET_COLUMNS
from tracker.io.numbers import NumberFormatError, parse_number
from tracker.messages import text

IGNORE = ""
#: Fields of a target that only a targets file sets.
TARGET_ONLY = frozenset({"target_value", "baseline", "kind", "direction", "period_start",
                         "period_end", "tolerance"})
TARGET_FIELDS = ("name", "category", "department", "unit", "kind", "direction", "baseline",
                 "target_value", "period_start", "period_end", "tolerance", "note", "source")
FIGURE_FIELDS = ("as_of", "value")
ALL_FIELDS = (*TARGET_FIELDS, *FIGURE_FIELDS)
_NUMERIC = frozenset({"value", "target_value", "baseline"})

# Names offices give their columns, beyond the exporter's own headers (added below).
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("指标", "名称", "指标名称", "指标名", "项目", "项目名称", "目标任务", "name",
             "target name", "indicator"),
    "category": ("领域", "类别", "分类", "板块", "category"),
    "department": ("责任单位", "牵头单位", "责任部门", "部门", "department", "dept"),
    "unit": ("单位", "计量单位", "unit"),
    "kind": ("类型", "指标类型", "kind", "type"),
    "direction": ("方向", "direction"),
    "baseline": ("基数", "基期值", "基准值", "baseline", "base"),
    "target_value": ("目标值", "目标", "年度目标", "计划", "target", "target value", "goal"),
    "period_start": ("开始日期", "起始日期", "开始", "start", "period start"),
    "period_end": ("截止日期", "结束日期", "期限", "完成时限", "end", "period end", "deadline"),
    "tolerance": ("容差", "tolerance"),
    "note": ("备注", "说明", "note", "notes", "remark", "remarks"),
    "source": ("来源", "数据来源", "source"),
    "as_of": ("截至", "截至日期", "日期", "统计日期", "截至时间", "时间", "as_of", "as of",
              "date"),
    "value": ("数值", "完成值", "完成", "实际完成", "完成量", "实绩", "value", "actual"),
}
#: --map may name fields by these short words too.
FIELD_WORDS = {**{f: f for f in ALL_FIELDS}, "target": "target_value", "start": "period_start",
               "end": "period_end", "date": "as_of", "ignore": IGNORE, "-": IGNORE}
_UNIT_IN_HEADER = re.compile(r"^(.*?)[(（]([^()（）]*)[)）]$")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")
#: A plain decimal: parse_number and float() read it identically (a test holds them equal).
_PLAIN = r"[0-9]{1,15}(?:\.[0-9]{1,15})?"
PLAIN_NUMBER = re.compile(rf"-?{_PLAIN}").fullmatch
#: A column of plain decimals >= 0, one per line (PLAIN_NUMBER without the minus sign).
_PLAIN_COLUMN = re.compile(rf"{_PLAIN}(?:\n{_PLAIN})*").fullmatch
_TWO_POINTS = re.compile(rb"\.[0-9]*\.").search
_KINDS = {"cumulative": Kind.CUMULATIVE, "累计": Kind.CUMULATIVE, "累计量": Kind.CUMULATIVE,
          "level": Kind.LEVEL, "rate": Kind.LEVEL, "level or rate": Kind.LEVEL,
          "水平": Kind.LEVEL, "比率": Kind.LEVEL, "水平/比率": Kind.LEVEL,
          "milestone": Kind.MILESTONE, "里程碑": Kind.MILESTONE}
_DIRECTIONS = {"higher": Direction.HIGHER, "higher is better": Direction.HIGHER,
               "越高越好": Direction.HIGHER, "越大越好": Direction.HIGHER,
               "lower": Direction.LOWER, "lower is better": Direction.LOWER,
               "越低越好": Direction.LOWER, "越小越好": Direction.LOWER}


class CellError(ValueError):
    """A cell that cannot be read; str() is the reason, in the user's language."""


def tidy(header: str) -> str:
    """A header as compared: NFKC (full-width letters), case-folded, no spaces or _."""
    folded = unicodedata.normalize("NFKC", header).casefold()
    return re.sub(r"[\s_]+", " ", folded).strip()


def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for field, words in _ALIASES.items():
        for word in words:
            table[tidy(word)] = field
    for columns in (TARGET_COLUMNS, MEASUREMENT_COLUMNS):
        for field, zh, en in columns:
            for header in (zh, en):
                table.setdefault(tidy(header), IGNORE if field in COMPUTED_FIELDS else field)
    for _, zh, en in AUDIT_COLUMNS:
        for header in (zh, en):
            table.setdefault(tidy(header), IGNORE)
    for word in ("完成率", "完成进度", "序时进度", "状态", "percent", "status", "序号", "no."):
        table[tidy(word)] = IGNORE
    return table


_TABLE = _alias_table()


def match_header(header: str) -> tuple[str | None, str]:
    """(field, unit) a header names; field None when unknown, "" for a column to ignore.

    The unit is the bracketed part of a figure column's header ("完成值（万元）" -> 万元).
    """
    key = tidy(header)
    if key in _TABLE:
        return _TABLE[key], ""
    bracketed = _UNIT_IN_HEADER.match(key)
    if bracketed:
        field = _TABLE.get(bracketed.group(1).strip())
        if field is not None:
            unit = unicodedata.normalize("NFKC", header).strip()
            unit = _UNIT_IN_HEADER.match(unit).group(2).strip()  # type: ignore[union-attr]
            return field, unit if field in _NUMERIC and unit != "%" else ""
    return None, ""


def field_word(word: str) -> str:
    """The field a --map value names ("target" -> "target_value"); CellError if none."""
    key = word.strip().lower()
    if key not in FIELD_WORDS:
        words = ", ".join(sorted(w for w in FIELD_WORDS if w != "-"))
        raise CellError(text(f"“{word}”不是可导入的字段（可用：{words}）",
                             f"{word!r} is not a field that can be imported (use: {words})"))
    return FIELD_WORDS[key]


def unneutralize(cell: str) -> str:
    """Undo csv_writer.neutralize: "'=SUM(A1)" as written by an export reads "=SUM(A1)"."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in DANGEROUS_FIRST:
        return cell[1:]
    return cell


def parse_date_cell(cell: str) -> date:
    """2022-11-30, 2022/11/30, 2022.11.30 or 2022年11月30日; CellError otherwise."""
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", cell).strip())
    if match is None:
        raise CellError(text("不是日期（应写成 2022-11-30）",
                             "not a date (write it like 2022-11-30)"))
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise CellError(text("日期不存在", "no such date")) from None


def parse_kind(cell: str) -> Kind:
    """A target kind by its code or its label in either language."""
    found = _KINDS.get(tidy(cell))
    if found is None:
        raise CellError(text("类型应为 累计量、水平/比率 或 里程碑",
                             "the kind must be cumulative, level or milestone"))
    return found


def parse_direction(cell: str) -> Direction:
    """Which way is better, by its code or its label in either language."""
    found = _DIRECTIONS.get(tidy(cell))
    if found is None:
        raise CellError(text("方向应为 越高越好 或 越低越好",
                             "the direction must be higher or lower (is better)"))
    return found


def parse_tolerance(cell: str) -> float | None:
    """0.05 or 5%: the share of the goal a target may trail before it is at risk."""
    try:
        if cell.strip().endswith(("%", "％")):
            share = parse_number(cell, "%")
            return None if share is None else share / 100
        return parse_number(cell)
    except NumberFormatError as exc:
        raise CellError(exc.reason) from None


def parse_figure(cell: str, unit: str, file_unit: str = "") -> float | None:
    """The number in ``cell`` expressed in ``unit``; None when blank.

    ``file_unit`` is the unit the file gives for the cell (a unit column or the header);
    a bare number in another unit is converted exactly ("11003000" 万元 -> 1100.3 亿元).
    Plain decimals take a fast path that gives exactly what parse_number gives.
    """
    if PLAIN_NUMBER(cell) and (not file_unit or file_unit == unit):
        return float(cell) + 0.0  # + 0.0 turns -0.0 into 0.0, as parse_number does
    stripped = cell.strip()
    if file_unit and file_unit != unit and stripped[-1:].isdigit():
        stripped += file_unit
    try:
        return parse_number(stripped, unit)
    except NumberFormatError as exc:
        raise CellError(exc.reason) from None


def plain_column(values: list[str]) -> bool:
    """Whether every cell is a plain decimal >= 0 (PLAIN_NUMBER without the minus sign).

    The rule is _PLAIN_COLUMN over the cells joined by line breaks, but that regex takes
    0.23 s for a million cells; C string methods over the joined bytes decide the same in a
    fifth of it (a hypothesis test holds the two equal), and the regex still counts the
    digits of a column with a cell longer than 15 characters.
    """
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1 or not joined.isascii():
        return False  # a cell holding a line break (or no cell), or a character past ASCII
    data = joined.encode("ascii")
    if data.translate(None, b"0123456789.\n") or not all(values):
        return False  # a character other than a digit or a point, or a blank cell
    if (data.startswith(b".") or data.endswith(b".") or b"\n." in data or b".\n" in data
            or _TWO_POINTS(data)):
        return False  # a point without a digit on one side, or two points in a cell
    return max(map(len, values)) <= 15 or _PLAIN_COLUMN(joined) is not None
