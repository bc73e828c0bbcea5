"""The managers' report as a PDF, drawn with QPainter on a QPdfWriter.

Everything is vector: text stays text (fonts embedded, selectable and searchable, Chinese
included) and the bar charts are rectangles and lines, never a screenshot. A4 portrait:
title, report date and period; counts by status; per category a table and a bar chart of
percent complete against the expected pace; one generated sentence per target. Status is
always written out beside its colour. The file is replaced only once fully written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from tracker.domain import Kind, Status, TargetRow, status_label
from tracker.gui.status_style import STATUS_COLORS, STATUS_ORDER
from tracker.io.csv_writer import replacing
from tracker.io.sentences import quantity, target_sentence
from tracker.messages import text
from tracker.units import format_percent

FONT_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "SimHei", "Arial Unicode MS"]
DPI = 96
INK, MUTED, RULE, STRIPE = (QColor("#1f1f1f"), QColor("#5f5f5f"), QColor("#c8c8c8"),
                            QColor("#f3f5f8"))
CHART_MAX = 150.0  # bars longer than 150% are cut, their label keeps the true figure
# (share of the width, right-aligned) for the table's columns.
COLUMNS = ((0.31, False), (0.14, True), (0.14, True), (0.11, False), (0.09, True),
           (0.09, True), (0.12, False))


def font(points: float, bold: bool = False) -> QFont:
    """A font with Chinese glyphs at ``points`` size."""
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


class _Page:
    """A painter on the PDF with a cursor that moves down and starts new pages."""

    def __init__(self, writer: QPdfWriter, title: str) -> None:
        self.writer = writer
        self.painter = QPainter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.width = float(writer.width())
        self.bottom = float(writer.height()) - 24  # room for the footer
        self.y = 0.0
        self.number = 1
        self.title = title

    def ensure(self, height: float) -> bool:
        """Start a new page unless ``height`` fits below the cursor; True if one began."""
        if self.y + height <= self.bottom or self.y == 0:
            return False
        self.footer()
        self.writer.newPage()
        self.number += 1
        self.y = 0.0
        return True

    def footer(self) -> None:
        p = self.painter
        p.setFont(font(7.5))
        p.setPen(MUTED)
        rect = QRectF(0, self.bottom + 8, self.width, 16)
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft, self.title)
        p.drawText(rect, Qt.AlignmentFlag.AlignRight,
                   text(f"第 {self.number} 页", f"Page {self.number}"))

    def paragraph(self, words: str, f: QFont, color: QColor = INK, gap: float = 4,
                  indent: float = 0) -> None:
        """Wrapped text across the page width."""
        self.painter.setFont(f)
        rect = QRectF(indent, 0, self.width - indent, 10_000)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        height = QFontMetricsF(f, self.writer).boundingRect(rect, flags, words).height()
        self.ensure(height)
        self.painter.setPen(color)
        self.painter.drawText(QRectF(indent, self.y, self.width - indent, height + 2), flags,
                              words)
        self.y += height + gap

    def finish(self) -> None:
        self.footer()
        self.painter.end()


def write_report(path: Path, rows: Sequence[TargetRow], *, on: date, title: str = "",
                 subtitle: str = "") -> int:
    """Write the report on ``rows`` (in their order) judged on ``on``; returns the pages.

    Needs a QGuiApplication. Raises csv_writer.WriteError when the file cannot be written.
    """
    title = title or text("目标进度报告", "Progress report")
    with replacing(Path(path)) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 14, 16, 12), QPageLayout.Unit.Millimeter))
        writer.setTitle(title)
        writer.setCreator("Tracker")
        page = _Page(writer, f"{title} · {on.isoformat()}")
        _heading(page, rows, on, title, subtitle)
        _summary(page, rows)
        by_category: dict[str, list[TargetRow]] = {}
        for row in rows:
            by_category.setdefault(row.target.category or text("（未分领域）", "(no category)"),
                                   []).append(row)
        for category, members in by_category.items():
            _category(page, category, members)
        page.finish()
        pages = page.number
    return pages


def _heading(page: _Page, rows: Sequence[TargetRow], on: date, title: str,
             subtitle: str) -> None:
    page.paragraph(title, font(18, bold=True), gap=6)
    if subtitle:
        page.paragraph(subtitle, font(10), MUTED)
    if rows:
        start = min(r.target.period_start for r in rows)
        end = max(r.target.period_end for r in rows)
        period = text(f"考核期间：{start.isoformat()} 至 {end.isoformat()}",
                      f"Period: {start.isoformat()} to {end.isoformat()}")
    else:
        period = text("没有指标。", "No targets.")
    page.paragraph(text(f"报告日期：{on.isoformat()}　　{period}　　指标数：{len(rows)}",
                        f"Report date: {on.isoformat()}    {period}    Targets: {len(rows)}"),
                   font(10), gap=14)


def _summary(page: _Page, rows: Sequence[TargetRow]) -> None:
    counts = Counter(r.progress.status for r in rows)
    statuses = sorted(counts, key=lambda s: STATUS_ORDER[s])
    page.paragraph(text("各状态指标数", "Targets by status"), font(13, bold=True), gap=6)
    p = page.painter
    bar_h = 18.0
    page.ensure(bar_h + 30 + 20 * len(statuses))
    x, total = 0.0, max(len(rows), 1)
    for status in statuses:
        w = page.width * counts[status] / total
        p.fillRect(QRectF(x, page.y, w, bar_h), QColor(STATUS_COLORS[status]))
        x += w
    page.y += bar_h + 8
    p.setFont(font(9.5))
    for status in statuses:
        swatch = QRectF(0, page.y + 3, 11, 11)
        p.fillRect(swatch, QColor(STATUS_COLORS[status]))
        p.setPen(INK)
        share = format_percent(100 * counts[status] / total, 1)
        p.drawText(QRectF(18, page.y, 200, 18), Qt.AlignmentFlag.AlignVCenter,
                   status_label(status))
        p.drawText(QRectF(200, page.y, 80, 18),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   str(counts[status]))
        p.drawText(QRectF(290, page.y, 80, 18),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, share)
        page.y += 20
    page.y += 10


def _category(page: _Page, category: str, rows: Sequence[TargetRow]) -> None:
    page.ensure(90)
    page.y += 6
    page.paragraph(text(f"{category}（{len(rows)}个）", f"{category} ({len(rows)})"),
                   font(13, bold=True), gap=4)
    _table(page, rows)
    _chart(page, rows)
    page.paragraph(text("情况说明", "In words"), font(10.5, bold=True), gap=3)
    for row in rows:
        page.paragraph("• " + target_sentence(row), font(9.5), gap=3, indent=6)
    page.y += 8


def _table(page: _Page, rows: Sequence[TargetRow]) -> None:
    headers = [text("指标", "Target"), text("目标值", "Target value"), text("最新完成值", "Latest"),
               text("截至", "As of"), text("完成率", "Complete"),
               text("序时进度", "Pace"), text("状态", "Status")]
    body_font, head_font = font(8.5), font(8.5, bold=True)
    metrics = QFontMetricsF(body_font, page.writer)
    edges = [0.0]
    for share, _ in COLUMNS:
        edges.append(edges[-1] + share * page.width)
    pad = 4.0
    _table_header(page, headers, edges, head_font)
    p = page.painter
    for index, row in enumerate(rows):
        cells = _cells(row)
        wrap = int(Qt.TextFlag.TextWordWrap)
        # Every cell may wrap (a long name, "100 million yuan"): the tallest sets the row.
        height = max(metrics.height(), *(
            metrics.boundingRect(QRectF(0, 0, edges[c + 1] - edges[c] - 2 * pad - 12 * (
                c == len(cells) - 1), 1000), wrap, cell).height()
            for c, cell in enumerate(cells))) + 2 * pad
        if page.ensure(height):
            _table_header(page, headers, edges, head_font)
        if index % 2:
            p.fillRect(QRectF(0, page.y, page.width, height), STRIPE)
        p.setFont(body_font)
        for col, (cell, (_, right)) in enumerate(zip(cells, COLUMNS, strict=True)):
            rect = QRectF(edges[col] + pad, page.y + pad, edges[col + 1] - edges[col] - 2 * pad,
                          height - 2 * pad)
            if col == len(cells) - 1:
                color = QColor(STATUS_COLORS[row.progress.status])
                p.fillRect(QRectF(rect.left(), rect.top() + 2, 8, 8), color)
                rect.setLeft(rect.left() + 12)
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            p.setPen(INK)
            p.drawText(rect, int(align) | int(Qt.AlignmentFlag.AlignTop) | wrap, cell)
        page.y += height
    p.setPen(QPen(RULE, 1))
    p.drawLine(QPointF(0, page.y), QPointF(page.width, page.y))
    page.y += 10


def _table_header(page: _Page, headers: list[str], edges: list[float], f: QFont) -> None:
    p = page.painter
    height = QFontMetricsF(f, page.writer).height() + 8
    page.ensure(height * 2)
    p.setFont(f)
    p.setPen(INK)
    for col, (header, (_, right)) in enumerate(zip(headers, COLUMNS, strict=True)):
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        p.drawText(QRectF(edges[col] + 4, page.y, edges[col + 1] - edges[col] - 8, height),
                   int(align) | int(Qt.AlignmentFlag.AlignVCenter), header)
    page.y += height
    p.setPen(QPen(INK, 1))
    p.drawLine(QPointF(0, page.y), QPointF(page.width, page.y))


def _cells(row: TargetRow) -> list[str]:
    t, p = row.target, row.progress
    latest = p.latest
    goal = quantity(t.target_value, t.unit) if t.target_value is not None else \
        text("完成", "done")
    if latest is None:
        reached = "—"
    elif t.kind == Kind.MILESTONE:
        reached = text("完成", "done") if latest.value >= 1 else text("未完成", "not done")
    else:
        reached = quantity(latest.value, t.unit)
    return [t.name, goal, reached,
            latest.as_of.isoformat() if latest else "—", format_percent(p.percent),
            format_percent(p.expected), status_label(p.status)]


def _chart(page: _Page, rows: Sequence[TargetRow]) -> None:
    """Horizontal bars of percent complete (0..150%), a tick at the expected pace."""
    small = font(7.5)
    metrics = QFontMetricsF(small, page.writer)
    bar_h, gap = 11.0, 5.0
    label_w = page.width * 0.34
    value_w = page.width * 0.20
    plot_x, plot_w = label_w + 6, page.width - label_w - value_w - 12
    page.paragraph(text("完成率与序时进度（竖线为序时进度，虚线为100%）",
                        "Percent complete and expected pace (tick: expected pace; dashes: "
                        "100%)"), font(8.5), MUTED, gap=4)
    p = page.painter
    for row in rows:
        if page.ensure(bar_h + gap):
            page.y += 2
        p.setFont(small)
        p.setPen(INK)
        name = metrics.elidedText(row.target.name, Qt.TextElideMode.ElideMiddle, label_w)
        p.drawText(QRectF(0, page.y - 2, label_w, bar_h + 4),
                   int(Qt.AlignmentFlag.AlignRight) | int(Qt.AlignmentFlag.AlignVCenter), name)
        p.fillRect(QRectF(plot_x, page.y, plot_w, bar_h), STRIPE)
        percent = row.progress.percent
        status = row.progress.status
        if percent is not None and percent > 0:
            w = plot_w * min(percent, CHART_MAX) / CHART_MAX
            p.fillRect(QRectF(plot_x, page.y, w, bar_h), QColor(STATUS_COLORS[status]))
        expected = row.progress.expected
        if expected is not None and status != Status.NO_DATA:
            x = plot_x + plot_w * min(expected, CHART_MAX) / CHART_MAX
            p.setPen(QPen(INK, 1.6))
            p.drawLine(QPointF(x, page.y - 2), QPointF(x, page.y + bar_h + 2))
        hundred = plot_x + plot_w * 100 / CHART_MAX
        p.setPen(QPen(MUTED, 0.8, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(hundred, page.y - 2), QPointF(hundred, page.y + bar_h + 2))
        p.setPen(INK)
        label = f"{format_percent(percent)} {status_label(status)}"
        p.drawText(QRectF(plot_x + plot_w + 6, page.y - 2, value_w, bar_h + 4),
                   int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignVCenter), label)
        page.y += bar_h + gap
    _axis(page, plot_x, plot_w, metrics)


def _axis(page: _Page, plot_x: float, plot_w: float, metrics: QFontMetricsF) -> None:
    """0%, 50%, 100% and 150% under the bars."""
    p = page.painter
    p.setPen(QPen(MUTED, 0.8))
    p.drawLine(QPointF(plot_x, page.y - 2), QPointF(plot_x + plot_w, page.y - 2))
    p.setFont(font(7))
    for tick in (0, 50, 100, 150):
        x = plot_x + plot_w * tick / CHART_MAX
        p.drawLine(QPointF(x, page.y - 2), QPointF(x, page.y + 1))
        label = f"{tick}%"
        width = metrics.horizontalAdvance(label)
        p.drawText(QRectF(x - width, page.y + 1, 2 * width, 12),
                   int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.AlignmentFlag.AlignTop), label)
    page.y += 22
