"""The progress rules of tracker.progress, one behaviour per test."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.domain import Direction, Kind, Measurement, Status, Target
from tracker.progress import (
    evaluate,
    expected_pace,
    forecast,
    percent_complete,
    required_per_month,
)
from tracker.units import format_percent

NOV_30 = date(2022, 11, 30)
JUN_30 = date(2022, 6, 30)
NEXT_YEAR = date(2023, 1, 15)


def cumulative(target: float = 100, baseline: float | None = None, tolerance=0.05) -> Target:
    return Target("累计", unit="户", target_value=target, baseline=baseline, tolerance=tolerance,
                  id=1)


def level(target: float, direction: Direction = Direction.HIGHER, unit: str = "%") -> Target:
    return Target("水平", unit=unit, kind=Kind.LEVEL, direction=direction, target_value=target,
                  id=1)


def milestone() -> Target:
    return Target("里程碑", unit="项", kind=Kind.MILESTONE, id=1)


def figure(value: float, as_of: date = NOV_30) -> Measurement:
    return Measurement(1, as_of, value)


def status(target: Target, value: float, as_of: date = NOV_30, on: date | None = None) -> Status:
    return evaluate(target, figure(value, as_of), on or as_of).status


def test_clean_heating_reads_108_51_percent(demo_service):
    target = next(t for t in demo_service.targets() if t.name == "清洁取暖改造")
    assert format_percent(percent_complete(target, 103_516)) == "108.51%"


def test_clean_heating_against_the_docstring_figure_reads_108_51_percent():
    assert format_percent(percent_complete(cumulative(95_397), 103_516)) == "108.51%"


def test_expected_pace_on_30_november_is_91_51_percent():
    assert format_percent(expected_pace(cumulative(), NOV_30)) == "91.51%"


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2021, 12, 31), 0.0), (date(2022, 1, 1), 100 / 365), (date(2022, 12, 31), 100.0),
     (date(2023, 6, 1), 100.0)],
)
def test_expected_pace_counts_both_ends_and_is_clamped(on, expected):
    assert expected_pace(cumulative(), on) == pytest.approx(expected)


def test_baseline_is_subtracted_for_cumulative_targets():
    assert percent_complete(cumulative(target=200, baseline=100), 150) == pytest.approx(50)


def test_level_percent_is_value_over_target():
    assert percent_complete(level(300, unit="天"), 315) == pytest.approx(105)


@pytest.mark.parametrize(
    ("value", "band"),
    [(92, Status.ON_TRACK), (87, Status.ON_TRACK), (85, Status.AT_RISK), (82, Status.AT_RISK),
     (81, Status.BEHIND), (40, Status.BEHIND)],
)
def test_cumulative_status_bands_trail_the_expected_pace(value, band):
    # 91.51% of the year is gone on 30 November: 5 points behind is on track, 10 at risk.
    assert status(cumulative(), value) == band


def test_wider_tolerance_widens_the_bands():
    assert status(cumulative(tolerance=0.10), 82) == Status.ON_TRACK


@pytest.mark.parametrize("value", [100, 120])
def test_meeting_a_cumulative_target_is_achieved(value):
    assert status(cumulative(), value) == Status.ACHIEVED


def test_achieved_stays_achieved_after_the_period():
    assert status(cumulative(), 100, on=NEXT_YEAR) == Status.ACHIEVED


def test_not_met_after_the_period_is_overdue():
    assert status(cumulative(), 99, as_of=date(2022, 12, 31), on=NEXT_YEAR) == Status.OVERDUE


def test_status_is_judged_on_the_latest_figures_date():
    # 50 on 30 June is on pace, even when looked at on 30 November.
    assert status(cumulative(), 50, as_of=JUN_30, on=NOV_30) == Status.ON_TRACK


@pytest.mark.parametrize("on", [NOV_30, NEXT_YEAR])
def test_no_figure_is_no_data_never_behind(on):
    assert evaluate(cumulative(), None, on).status == Status.NO_DATA


def test_no_data_still_reports_the_expected_pace():
    assert format_percent(evaluate(cumulative(), None, NOV_30).expected) == "91.51%"


@pytest.mark.parametrize(("value", "expected"), [(95, Status.ON_TRACK), (92, Status.AT_RISK),
                                                 (85, Status.BEHIND)])
def test_levels_have_no_pace_bands_are_measured_from_100(value, expected):
    # Half-way through the year a pace rule would call 85% fine; a level is judged whole.
    assert status(level(100), value, as_of=JUN_30) == expected


def test_level_expected_pace_is_not_used_for_status():
    assert status(level(100), 60, as_of=date(2022, 3, 1)) == Status.BEHIND


def test_level_has_no_required_pace():
    assert required_per_month(level(100), figure(60)) is None


@pytest.mark.parametrize("value", [33, 35])
def test_lower_is_better_within_its_limit_is_achieved(value):
    assert status(level(35, Direction.LOWER, "μg/m³"), value) == Status.ACHIEVED


def test_lower_is_better_within_its_limit_reads_at_least_100():
    assert format_percent(percent_complete(level(35, Direction.LOWER), 33)) == "106.06%"


@pytest.mark.parametrize(("value", "expected"), [(38, Status.AT_RISK), (45, Status.BEHIND)])
def test_lower_is_better_above_its_limit_is_at_risk_or_behind(value, expected):
    assert status(level(35, Direction.LOWER, "μg/m³"), value) == expected


@pytest.mark.parametrize("value", [35.01, 36, 70])
def test_lower_is_better_above_its_limit_reads_under_100(value):
    assert percent_complete(level(35, Direction.LOWER), value) < 100


def test_lower_is_better_with_a_baseline_measures_the_way_down():
    target = Target("能耗", kind=Kind.LEVEL, direction=Direction.LOWER, baseline=50,
                    target_value=40)
    assert percent_complete(target, 45) == pytest.approx(50)


def test_rank_one_against_rank_one_is_achieved():
    assert status(level(1, Direction.LOWER, "位"), 1) == Status.ACHIEVED


def test_rank_three_against_rank_one_is_not_achieved():
    assert status(level(1, Direction.LOWER, "位"), 3) != Status.ACHIEVED


def test_milestone_done_is_achieved():
    assert status(milestone(), 1, as_of=JUN_30) == Status.ACHIEVED


def test_milestone_not_done_before_its_date_is_on_track():
    assert status(milestone(), 0, as_of=JUN_30) == Status.ON_TRACK


def test_milestone_not_done_after_its_date_is_overdue():
    assert status(milestone(), 0, as_of=JUN_30, on=NEXT_YEAR) == Status.OVERDUE


@pytest.mark.parametrize(("value", "percent"), [(0, 0.0), (1, 100.0)])
def test_milestone_percent_is_all_or_nothing(value, percent):
    assert percent_complete(milestone(), value) == percent


def test_milestone_has_no_forecast_or_required_pace():
    progress = evaluate(milestone(), figure(0, JUN_30), JUN_30)
    assert (progress.forecast, progress.required_per_month) == (None, None)


def test_required_per_month_spreads_the_rest_over_30_day_months():
    # 40 to go with 31 days left.
    assert required_per_month(cumulative(), figure(60)) == pytest.approx(40 / 31 * 30)


def test_required_per_month_is_zero_once_met():
    assert required_per_month(cumulative(), figure(120)) == 0


def test_required_per_month_is_none_once_the_period_is_over():
    assert required_per_month(cumulative(), figure(60, date(2022, 12, 31))) is None


def test_forecast_is_linear_from_the_baseline():
    target = cumulative(target=300, baseline=100)
    # 181 of 365 days gone on 30 June; 50 gained so far.
    assert forecast(target, figure(150, JUN_30)) == pytest.approx(100 + 50 * 365 / 181)


def test_forecast_of_a_level_carries_it_forward():
    assert forecast(level(100), figure(97)) == 97


def test_evaluate_fills_every_field_for_a_cumulative_target():
    progress = evaluate(cumulative(), figure(60), NOV_30)
    assert progress.latest == figure(60)
    assert progress.percent == pytest.approx(60)
    assert progress.expected == pytest.approx(100 * 334 / 365)
    assert progress.required_per_month is not None and progress.forecast is not None
