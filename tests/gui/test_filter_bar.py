"""The filter bar: its choices reach the shared filter, and a search on a large file waits for
a pause in typing instead of re-filtering on every key."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tracker.gui.models.filters import TargetFilter
from tracker.gui.widgets import filter_bar
from tracker.gui.widgets.filter_bar import FilterBar

# The offscreen platform cannot pass a shown window's minimum size on; nothing to fix here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_into(bar: FilterBar, text: str) -> None:
    """Type ``text`` a character at a time (QTest.keyClicks takes ASCII only)."""
    for character in text:
        bar.search.insert(character)


@pytest.fixture
def bar(qtbot, target_filter: TargetFilter) -> FilterBar:
    widget = FilterBar(target_filter.sourceModel(), target_filter)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_on_a_small_file_each_key_filters_at_once(qtbot, bar, target_filter):
    type_into(bar, "清洁")
    assert not bar.search_pending()
    assert target_filter.search == "清洁"
    assert 0 < target_filter.rowCount() < 35


def test_on_a_large_file_the_search_waits_for_a_pause(qtbot, monkeypatch, bar, target_filter):
    monkeypatch.setattr(filter_bar, "DEBOUNCE_ROWS", 10)  # the demo's 35 targets count as many
    type_into(bar, "清洁")
    assert bar.search_pending() and target_filter.search == ""
    assert target_filter.rowCount() == 35
    qtbot.waitUntil(lambda: target_filter.search == "清洁", timeout=2000)
    assert not bar.search_pending() and target_filter.rowCount() < 35


def test_enter_applies_the_search_without_waiting(monkeypatch, bar, target_filter):
    monkeypatch.setattr(filter_bar, "DEBOUNCE_ROWS", 10)
    type_into(bar, "取暖")
    QTest.keyClick(bar.search, Qt.Key.Key_Return)
    assert not bar.search_pending() and target_filter.search == "取暖"


def test_clearing_the_filters_drops_a_pending_search(qtbot, monkeypatch, bar, target_filter):
    monkeypatch.setattr(filter_bar, "DEBOUNCE_ROWS", 10)
    type_into(bar, "取暖")
    bar.reset()
    assert not bar.search_pending()
    qtbot.wait(filter_bar.DEBOUNCE_MS + 50)
    assert target_filter.search == "" and target_filter.rowCount() == 35


def test_the_pause_counts_every_target_not_only_those_shown(qtbot, monkeypatch, bar,
                                                             target_filter):
    # Each change of the search checks every target, however few a category leaves shown.
    monkeypatch.setattr(filter_bar, "DEBOUNCE_ROWS", 10)
    bar.category.setCurrentIndex(bar.category.findData("改革开放"))
    assert target_filter.rowCount() < 10
    type_into(bar, "改")
    assert bar.search_pending()


def test_enter_with_nothing_pending_changes_nothing(qtbot, bar, target_filter):
    type_into(bar, "取暖")  # small file: applied at once
    with qtbot.assertNotEmitted(target_filter.filter_changed):
        QTest.keyClick(bar.search, Qt.Key.Key_Return)
