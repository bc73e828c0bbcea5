"""The names column of the completion bars: how wide it must be, and names elided to fit.

Measuring 10,000 names on every edit would cost several milliseconds, so each name is measured
once and the widest is kept up to date from the rows an edit changed.
"""

from __future__ import annotations

import numpy as np

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from tracker.gui.dashboard.feed import Snapshot


class NameColumn:
    """Name widths by target; ``widest`` is the width the axis needs for every visible name."""

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)
        self._px: dict[str, float] = {}  # name -> width, measured once
        self._width_of: dict[int, float] = {}  # target id -> its name's width
        self.widest = 0.0

    def fit(self, name: str, limit: float) -> str:
        """``name``, elided with "…" when wider than ``limit`` (the tooltip has it whole)."""
        if self.width_of_name(name) <= limit:
            return name
        return self._metrics.elidedText(name, Qt.TextElideMode.ElideRight, limit)

    def width_of_name(self, name: str) -> float:
        """``name``'s width in pixels (measured once per name)."""
        width = self._px.get(name)
        if width is None:
            width = self._px[name] = self._metrics.horizontalAdvance(name)
        return width

    def update(self, snapshot: Snapshot) -> None:
        """Follow ``snapshot``: measure only changed rows' names, unless everything changed."""
        rows, shrunk = snapshot.rows, False
        full = snapshot.everything
        if not full and snapshot.changed_ids:
            changed = np.fromiter(snapshot.changed_ids, np.int64, len(snapshot.changed_ids))
            present = {int(snapshot.ids[k]): int(k)
                       for k in np.flatnonzero(np.isin(snapshot.ids, changed))}
            for target_id in snapshot.changed_ids:
                old = self._width_of.pop(target_id, None)
                k = present.get(target_id)
                new = None if k is None else self.width_of_name(rows[k].target.name)
                if old is not None and old >= self.widest and (new is None or new < old):
                    shrunk = True
                if new is not None:
                    self._width_of[target_id] = new
                    self.widest = max(self.widest, new)
        if full or len(self._width_of) != len(rows):
            self._width_of = {int(i): self.width_of_name(r.target.name)
                              for i, r in zip(snapshot.ids, rows, strict=True)}
            shrunk = True
        if shrunk:
            self.widest = max(self._width_of.values(), default=0.0)
