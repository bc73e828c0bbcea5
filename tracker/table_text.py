"""Aligned plain-text tables for the terminal, aware that CJK characters are two columns wide."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain import TargetRow, status_label
from tracker.messages import text
from tracker.units import display_width, format_percent, format_quantity, pad


def render_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: set[int] | None = None
) -> str:
    """The table as lines of text; columns in ``right_aligned`` are right-aligned (numbers)."""
    right = right_aligned or set()
    widths = [display_width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = []
    for row in [list(header), *rows]:
        cells = [pad(cell, widths[i], ">" if i in right else "<") for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def target_table(rows: Sequence[TargetRow]) -> tuple[list[str], list[list[str]], set[int]]:
    """Header, body and right-aligned columns of the `tracker list` table."""
    header = [
        "#", text("名称", "Name"), text("领域", "Category"), text("责任单位", "Department"),
        text("目标", "Target"), text("最新值", "Latest"), text("截至", "As of"),
        text("完成率", "Complete"), text("序时进度", "Pace"), text("状态", "Status"),
    ]
    body = []
    for r in rows:
        t, p = r.target, r.progress
        body.append([
            str(t.id), t.name, t.category, t.department,
            format_quantity(t.target_value, t.unit) if t.target_value is not None else "—",
            format_quantity(p.latest.value, t.unit) if p.latest else "—",
            p.latest.as_of.isoformat() if p.latest else "—",
            format_percent(p.percent), format_percent(p.expected), status_label(p.status),
        ])
    return header, body, {0, 4, 5, 7, 8}
