"""Validation of targets and measurements (tracker.domain): which field, which message."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError, replace
from datetime import date

import pytest

from tracker import messages
from tracker.domain import (
    Direction,
    Kind,
    Measurement,
    Target,
    ValidationError,
    positional_builder,
)


def target(**changes) -> Target:
    fields = {"name": "清洁取暖改造", "unit": "户", "target_value": 95397.0}
    return Target(**(fields | changes))


def bad_field(thing, *args) -> str:
    with pytest.raises(ValidationError) as info:
        thing.validated(*args)
    return info.value.field


def test_a_valid_target_passes():
    assert target().validated() == target()


def test_validation_trims_text():
    trimmed = target(name="  清洁取暖改造 ", category=" 民生保障 ").validated()
    assert (trimmed.name, trimmed.category) == ("清洁取暖改造", "民生保障")


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_empty_name_is_refused(name):
    assert bad_field(target(name=name)) == "name"


def test_overlong_name_is_refused():
    assert bad_field(target(name="指" * 201)) == "name"


def test_milestone_without_target_value_is_fine():
    assert target(kind=Kind.MILESTONE, target_value=None, unit="项").validated()


@pytest.mark.parametrize("kind", [Kind.CUMULATIVE, Kind.LEVEL])
def test_non_milestone_without_target_value_is_refused(kind):
    assert bad_field(target(kind=kind, target_value=None)) == "target_value"


def test_cumulative_target_must_exceed_its_baseline():
    assert bad_field(target(baseline=100_000.0)) == "target_value"


def test_period_ending_before_it_starts_is_refused():
    assert bad_field(target(period_start=date(2022, 6, 1), period_end=date(2022, 5, 31))) == (
        "period_end"
    )


def test_one_day_period_is_fine():
    assert target(period_start=date(2022, 6, 1), period_end=date(2022, 6, 1)).validated()


@pytest.mark.parametrize("tolerance", [-0.01, 1.01, 5])
def test_tolerance_outside_0_to_1_is_refused(tolerance):
    assert bad_field(target(tolerance=tolerance)) == "tolerance"


@pytest.mark.parametrize("tolerance", [0, 0.05, 1])
def test_tolerance_inside_0_to_1_is_fine(tolerance):
    assert target(tolerance=tolerance).validated()


@pytest.mark.parametrize("field", ["baseline", "target_value", "tolerance"])
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(field, value):
    assert bad_field(target(**{field: value})) == field


def measurement(value: float) -> Measurement:
    return Measurement(1, date(2022, 11, 30), value)


@pytest.mark.parametrize("value", [0, 1])
def test_milestone_takes_0_or_1(value):
    assert measurement(value).validated(target(kind=Kind.MILESTONE, target_value=None))


@pytest.mark.parametrize("value", [0.5, 2, -1])
def test_milestone_refuses_anything_else(value):
    assert bad_field(measurement(value), target(kind=Kind.MILESTONE, target_value=None)) == (
        "value"
    )


def test_negative_cumulative_figure_is_refused():
    assert bad_field(measurement(-1), target(unit="")) == "value"


@pytest.mark.parametrize("unit", ["天", "位", "个"])
def test_negative_figure_in_a_count_unit_is_refused(unit):
    assert bad_field(measurement(-3), target(kind=Kind.LEVEL, unit=unit)) == "value"


def test_negative_growth_rate_is_allowed():
    rate = target(name="地区生产总值增速", kind=Kind.LEVEL, unit="%", target_value=4.1)
    assert measurement(-2.5).validated(rate) == measurement(-2.5)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_non_finite_figure_is_refused(value):
    assert bad_field(measurement(value), target()) == "value"


def test_lower_is_better_level_may_sit_above_its_target():
    assert measurement(40).validated(target(kind=Kind.LEVEL, direction=Direction.LOWER,
                                            unit="μg/m³", target_value=35.0))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "名称不能为空。"), ("en", "The name cannot be empty.")],
)
def test_target_message_follows_the_language(lang, expected):
    messages.set_language(lang)
    with pytest.raises(ValidationError, match=expected):
        target(name="").validated()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "以“天”计的数值不能为负数。"), ("en", "A value in 天 cannot be negative.")],
)
def test_measurement_message_follows_the_language(lang, expected):
    messages.set_language(lang)
    with pytest.raises(ValidationError) as info:
        measurement(-3).validated(target(kind=Kind.LEVEL, unit="天"))
    assert str(info.value) == expected


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        messages.set_language("fr")


# -- positional_builder ---------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "values"), [
    (Target, ("清洁取暖改造", "民生保障", "市住建局", "户", Kind.CUMULATIVE, Direction.HIGHER,
              0.0, 95397.0, date(2022, 1, 1), date(2022, 12, 31), 0.05, "", "年报", 7, 3,
              "2022-12-01T08:00:00+00:00")),
    (Measurement, (7, date(2022, 11, 30), 103516.0, "", "月报", 9, 1, "2022-12-01")),
])
def test_a_built_value_is_the_value_the_class_makes(cls, values):
    built = positional_builder(cls)(*values)
    made = cls(*values)
    assert type(built) is cls
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert replace(built, id=99) == replace(made, id=99)


def test_a_built_value_is_as_frozen_as_any():
    built = positional_builder(Measurement)(7, date(2022, 11, 30), 1.0, "", "", 9, 1, "")
    with pytest.raises(FrozenInstanceError):
        built.value = 2.0  # type: ignore[misc]


def test_a_builder_wants_every_field():
    with pytest.raises(TypeError):
        positional_builder(Measurement)(7, date(2022, 11, 30), 1.0)
