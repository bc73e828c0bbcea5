"""How figures are written for people (tracker.units)."""

from __future__ import annotations

import math

import pytest

from tracker.units import (
    display_width,
    format_magnitude,
    format_number,
    format_percent,
    format_quantity,
    join_unit,
    pad,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(103516, "103,516"), (103516.0, "103,516"), (1100.3, "1,100.3"), (1.7779, "1.7779"),
     (1.23456, "1.2346"), (0, "0"), (-2.5, "-2.5"), (-0.00001, "0"), (None, ""),
     (math.nan, ""), (math.inf, "")],
)
def test_format_number(value, shown):
    assert format_number(value) == shown


def test_format_number_with_fixed_decimals_keeps_zeros():
    assert format_number(1234.5, 2) == "1,234.50"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(108.5096, "108.51%"), (91.5068, "91.51%"), (100, "100.00%"), (1234.5, "1,234.50%"),
     (None, "—"), (math.nan, "—")],
)
def test_format_percent(value, shown):
    assert format_percent(value) == shown


def test_format_percent_with_fewer_decimals():
    assert format_percent(108.5096, 1) == "108.5%"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [(103516, "户", "10.35万户"), (177_790_000, "吨", "1.78亿吨"), (120_000, "户", "12万户"),
     (9999, "户", "9,999户"), (-250_000, "户", "-25万户"), (99_999_999, "户", "1亿户"),
     (1100.3, "亿元", "1,100.3亿元"), (24166, "万方", "24,166万方"), (None, "户", ""),
     (math.nan, "户", "")],
)
def test_format_magnitude(value, unit, shown):
    assert format_magnitude(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [(103516, "户", "103,516户"), (35, "μg/m³", "35 μg/m³"), (4.1, "%", "4.1%"),
     (264, "", "264"), (None, "户", ""), (math.nan, "户", "")],
)
def test_format_quantity(value, unit, shown):
    assert format_quantity(value, unit) == shown


@pytest.mark.parametrize(
    ("unit", "shown"),
    [("户", "5户"), ("%", "5%"), ("km", "5 km"), ("μg/m³", "5 μg/m³"), ("", "5")],
)
def test_join_unit_spaces_only_latin_units(unit, shown):
    assert join_unit("5", unit) == shown


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("清洁取暖", 8), ("PM2.5浓度", 9), ("１２", 4), ("μg/m³", 5)],
)
def test_display_width_counts_cjk_twice(text, width):
    assert display_width(text) == width


@pytest.mark.parametrize(
    ("text", "width", "align", "padded"),
    [("清洁", 6, "<", "清洁  "), ("12", 5, ">", "   12"), ("清洁", 6, ">", "  清洁"),
     ("清洁取暖", 4, "<", "清洁取暖")],
)
def test_pad_to_terminal_columns(text, width, align, padded):
    assert pad(text, width, align) == padded
