"""parse_number and format_plain: what planning reports type, and what files get written."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import messages
from tracker.io.numbers import NumberFormatError, format_plain, parse_number

UNITS = ["", "%", "户", "万户", "亿元", "万元", "公里", "m²", "个百分点"]


@pytest.mark.parametrize("text", ["", "   ", "\t", "\u3000", "\u200b"])
def test_blank_is_missing_not_zero(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["-", "—", "——", "－", "−", "–", " - "])
def test_lone_dash_is_missing(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("14100", "", 14100.0),
        ("14,100", "", 14100.0),
        ("14，100", "", 14100.0),
        ("1,234,567.5", "", 1234567.5),
        ("１４１００．５", "", 14100.5),
        ("－３", "", -3.0),
        ("−3", "", -3.0),
        ("-3.5", "", -3.5),
        ("+2", "", 2.0),
        (" 0.5 ", "", 0.5),
        (".5", "", 0.5),
        ("1e5", "", 100000.0),
        ("108.51%", "", 108.51),
        ("108.51%", "%", 108.51),
        ("108.51％", "%", 108.51),
        ("1100.3亿", "亿元", 1100.3),
        ("1100.3亿元", "亿元", 1100.3),
        ("1100.3亿元", "万元", 11003000.0),
        ("1100.3 亿元", "万元", 11003000.0),
        ("10.35万户", "户", 103500.0),
        ("10.35万", "户", 103500.0),
        ("10.35万户", "万户", 10.35),
        ("1.5万亿元", "亿元", 15000.0),
        ("500元", "万元", 0.05),
        ("264公里", "公里", 264.0),
        ("100m²", "m²", 100.0),
        ("1100.3", "亿元", 1100.3),
        ("'-3", "", -3.0),
        ("-0", "", 0.0),
    ],
)
def test_parses(text: str, unit: str, expected: float) -> None:
    assert parse_number(text, unit) == expected


def test_scaling_is_exact_decimal_arithmetic() -> None:
    # In binary floating point 1100.3 * 10000 is 11002999.999999998.
    assert repr(parse_number("1100.3亿元", "万元")) == "11003000.0"


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("N/A", "", "not_applicable"),
        ("No target", "", "not_applicable"),
        ("无", "", "not_applicable"),
        ("Pending", "", "pending"),
        ("待定", "", "pending"),
        ("TBD", "", "pending"),
        ("约100", "", "approximate"),
        ("100左右", "", "approximate"),
        ("100余", "", "approximate"),
        ("100多万元", "万元", "approximate"),
        ("~100", "", "approximate"),
        ("about 100", "", "approximate"),
        ("≤3%", "%", "bound"),
        (">=3", "", "bound"),
        ("<5", "", "bound"),
        ("＜5", "", "bound"),
        ("100以上", "", "bound"),
        ("不低于90", "", "bound"),
        ("100+", "", "bound"),
        ("3%-5%", "%", "range"),
        ("100~200", "", "range"),
        ("100至200", "", "range"),
        ("1.2.3", "", "decimal_points"),
        ("1,00", "", "grouping"),
        ("1,0000", "", "grouping"),
        ("12,34", "", "grouping"),
        ("1e400", "", "not_finite"),
        ("nan", "", "not_finite"),
        ("inf", "", "not_finite"),
        ("-Infinity", "", "not_finite"),
        ("12a34", "", "letters"),
        ("1O0", "", "letters"),
        ("x12", "", "letters"),
        ("abc", "", "text"),
        ("三", "", "chinese_numerals"),
        ("①", "", "digit_lookalike"),
        ("10²", "", "digit_lookalike"),
        ("½", "", "digit_lookalike"),
        ("1 000", "", "spaces"),
        ("#DIV/0!", "", "excel_error"),
        ("#N/A", "", "excel_error"),
        ("264吨", "公里", "unit_mismatch"),
        ("264吨", "", "unit_mismatch"),
        ("10万", "%", "unit_mismatch"),
        ("108.51%", "户", "percent_unit"),
        ("--3", "", "invalid"),
    ],
)
def test_refuses_with_specific_reason(text: str, unit: str, code: str) -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number(text, unit)
    assert info.value.code == code


def test_unit_mismatch_names_both_units() -> None:
    with pytest.raises(NumberFormatError, match="吨.*公里"):
        parse_number("264吨", "公里")


def test_percent_for_other_unit_names_the_unit() -> None:
    with pytest.raises(NumberFormatError, match="percentage.*户"):
        parse_number("5%", "户")


def test_message_follows_the_language() -> None:
    messages.set_language("zh")
    with pytest.raises(NumberFormatError, match="约数"):
        parse_number("约100")


def test_message_quotes_the_value() -> None:
    with pytest.raises(NumberFormatError, match="约100"):
        parse_number("约100")


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_number("N/A")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (103516.0, "103516"),
        (1e6, "1000000"),
        (1e16, "10000000000000000"),
        (1e-5, "0.00001"),
        (0.1, "0.1"),
        (-3.5, "-3.5"),
        (-0.0, "0"),
        (0.0, "0"),
        (123456789.123, "123456789.123"),
        (5, "5"),
    ],
)
def test_format_plain(value: float, expected: str) -> None:
    assert format_plain(value) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_plain_refuses_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        format_plain(value)


@given(st.text(), st.sampled_from(UNITS))
def test_parse_number_only_raises_number_format_error(text: str, unit: str) -> None:
    try:
        value = parse_number(text, unit)
    except NumberFormatError as e:
        assert str(e) and e.reason
    else:
        assert value is None or math.isfinite(value)


@given(st.from_regex(r"[-+]?[0-9,.%万亿元户\s约≤]{0,12}", fullmatch=True),
       st.sampled_from(UNITS))
def test_parse_number_number_like_text(text: str, unit: str) -> None:
    try:
        value = parse_number(text, unit)
    except NumberFormatError:
        return
    assert value is None or math.isfinite(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_plain_reads_back_exactly(value: float) -> None:
    text = format_plain(value)
    assert "e" not in text and not text.endswith(".0")
    assert float(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["1" * 100_000 + ",", "1" + " " * 100_000 + "x", "1." * 50_000, "约" + "1" * 100_000,
             "1" * 100_000 + "吨", "1" + "-" * 100_000],
)
def test_long_pathological_text_is_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(NumberFormatError):
        parse_number(text, "公里")
    assert time.perf_counter() - start < 1
