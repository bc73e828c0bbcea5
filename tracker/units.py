"""How figures are written for people: thousands separators, 万 and 亿, percents and units.

Chinese offices read 103,516 户 and 10.35万户 as the same figure; these helpers make one choice
in one place so the table, the charts, the CLI and the report agree.
"""

from __future__ import annotations

import math
import unicodedata

WAN = 10_000
YI = 100_000_000

# Units that already carry a magnitude: 1100.3 亿元 must never become 11.0万亿元.
_SCALED_UNITS = ("万", "亿")


def format_number(value: float | None, decimals: int | None = None) -> str:
    """``103516`` -> "103,516"; ``1100.3`` -> "1,100.3"; None -> "".

    Without ``decimals`` up to four places are shown and trailing zeros dropped.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    shown = f"{value:,.4f}".rstrip("0").rstrip(".")
    # -0.00001 rounds to nothing; a bare "-0" would read as a sign error.
    return "0" if shown == "-0" else shown


def format_percent(value: float | None, decimals: int = 2) -> str:
    """``108.5096`` -> "108.51%"; None -> "—"."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.{decimals}f}%"


def format_magnitude(value: float | None, unit: str = "") -> str:
    """Large figures in 万 or 亿: 103516 户 -> "10.35万户"; 177790000 吨 -> "1.78亿吨".

    Figures under 10,000, and units that already carry a magnitude (亿元, 万方), are written in
    full with thousands separators.
    """
    if value is None or not math.isfinite(value):
        return ""
    magnitude = abs(value)
    if unit.startswith(_SCALED_UNITS) or magnitude < WAN:
        return join_unit(format_number(value), unit)
    # Judge on the rounded figure: 99,999,999 is "1亿", never "10,000万".
    if magnitude >= YI or round(magnitude / WAN, 2) >= WAN:
        return join_unit(f"{value / YI:,.2f}".rstrip("0").rstrip(".") + "亿", unit)
    return join_unit(f"{value / WAN:,.2f}".rstrip("0").rstrip(".") + "万", unit)


def format_quantity(value: float | None, unit: str = "") -> str:
    """A figure in full with its unit: ``103516, "户"`` -> "103,516户"."""
    if value is None or not math.isfinite(value):
        return ""
    return join_unit(format_number(value), unit)


def join_unit(number: str, unit: str) -> str:
    """Chinese units and % follow the number directly; Latin units get a space (35 μg/m³)."""
    if not unit:
        return number
    if unit == "%" or _is_wide(unit[0]):
        return number + unit
    return f"{number} {unit}"


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters count two."""
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """Pad to ``width`` terminal columns, aware that CJK characters are double width."""
    gap = max(0, width - display_width(text))
    return " " * gap + text if align == ">" else text + " " * gap


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")
