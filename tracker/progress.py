"""The progress rules: percent complete, 序时进度, status, required pace and forecast.

Every rule here is a pure function of a target, its latest measurement and a date, so the
table, the charts, the CLI and the exports all agree to the digit.

Percent complete
    cumulative, higher is better: (value - baseline) / (target - baseline); baseline 0 when
    unknown. 103,516 of 95,397 households reads 108.51%.
    level, higher is better: value / target (315 good days of 300 reads 105%).
    lower is better: with a baseline, the share of the way from baseline down to the limit;
    without one, target / value (a PM2.5 of 33 against a limit of 35 reads 106.06%). A figure at
    or under its limit is always at least 100%.
    milestone: 100% when done, else 0%.

Expected pace (序时进度)
    The share of the period elapsed on a date, counting whole days and both ends:
    ((date - start) + 1) / ((end - start) + 1), clamped to 0..100%. 30 November 2022 is 91.51%.

Status, judged on the latest figure's date
    no data   no measurement yet; never shown as behind.
    achieved  the figure meets the target (a lower-is-better figure within its limit is
              achieved, never red).
    overdue   not achieved and the reference date is past the period end.
    cumulative targets: on track when percent trails the expected pace by no more than the
    tolerance (in points of percent, 5 by default), at risk within twice that, else behind.
    levels have no pace: the same bands are measured from 100%; a level whose goal is 0 or
    below (a growth rate of 0%) has no percent and is behind until met.
    milestones not yet due are on track.
    cumulative caps (lower is better, e.g. an energy-use budget): on track while under the
    cap, achieved once the period ends under it, behind as soon as it is exceeded.
"""

from __future__ import annotations

from datetime import date

from tracker.domain import (
    Direction,
    Kind,
    Measurement,
    Progress,
    Status,
    Target,
    positional_builder,
)

DAYS_PER_MONTH = 30

# Module constants, not Kind.X / Direction.X: evaluate() runs 10,000 times a refresh, and each
# enum attribute lookup costs several times a global's.
_CUMULATIVE, _LEVEL, _MILESTONE = Kind.CUMULATIVE, Kind.LEVEL, Kind.MILESTONE
_HIGHER, _LOWER = Direction.HIGHER, Direction.LOWER
_ACHIEVED, _ON_TRACK, _AT_RISK = Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK
_BEHIND, _OVERDUE, _NO_DATA = Status.BEHIND, Status.OVERDUE, Status.NO_DATA
# Every field in order, past the frozen __init__ (see positional_builder): 10,000 a refresh.
_progress = positional_builder(Progress)


def elapsed_share(start: date, end: date, on: date) -> float:
    """The share (0..1) of the period from ``start`` to ``end`` elapsed at the end of ``on``."""
    if on < start:
        return 0.0
    if on >= end:
        return 1.0
    return ((on - start).days + 1) / ((end - start).days + 1)


def expected_pace(target: Target, on: date) -> float:
    """序时进度 as a percentage: the share of the target's period elapsed on ``on``."""
    return 100.0 * elapsed_share(target.period_start, target.period_end, on)


def meets_target(target: Target, value: float) -> bool:
    """Whether ``value`` reaches the goal, in the target's own direction."""
    if target.kind == _MILESTONE:
        return value >= 1
    assert target.target_value is not None
    if target.direction == _LOWER:
        return value <= target.target_value
    return value >= target.target_value


def percent_complete(target: Target, value: float) -> float | None:
    """Percent of the goal reached by ``value`` (see the module docstring); None if undefined."""
    if target.kind == _MILESTONE:
        return 100.0 if value >= 1 else 0.0
    goal = target.target_value
    if goal is None:
        return None
    if target.direction == _HIGHER:
        base = (target.baseline or 0.0) if target.kind == _CUMULATIVE else 0.0
        if goal <= base:
            # A growth target of 0% or below has no meaningful share; only met or not.
            return 100.0 if value >= goal else None
        return 100.0 * (value - base) / (goal - base)
    # Lower is better.
    if target.baseline is not None and target.baseline > goal:
        share = 100.0 * (target.baseline - value) / (target.baseline - goal)
    elif value > 0:
        share = 100.0 * goal / value
    else:
        share = 100.0 if value <= goal else 0.0
    return max(share, 100.0) if value <= goal else min(share, 99.99)


def forecast(target: Target, latest: Measurement) -> float | None:
    """The figure expected at the period end.

    Cumulative figures grow linearly from the baseline at the period start through the latest
    figure; levels are carried forward as they stand; milestones have no forecast.
    """
    if target.kind == _MILESTONE:
        return None
    if target.kind == _LEVEL:
        return latest.value
    return _cumulative_forecast(
        target, latest.value, elapsed_share(target.period_start, target.period_end, latest.as_of)
    )


def _cumulative_forecast(target: Target, value: float, share: float) -> float | None:
    if share <= 0:
        return None
    base = target.baseline or 0.0
    return base + (value - base) / share


def required_per_month(target: Target, latest: Measurement) -> float | None:
    """How much more per 30 days a cumulative target needs from its latest figure to the end.

    0 when already met; None for levels and milestones, or once the period is over.
    """
    if target.kind != _CUMULATIVE or target.target_value is None:
        return None
    remaining = target.target_value - latest.value
    if target.direction == _LOWER:
        remaining = -remaining
    if remaining <= 0:
        return 0.0
    days_left = (target.period_end - latest.as_of).days
    if days_left <= 0:
        return None
    return remaining / days_left * DAYS_PER_MONTH


def evaluate(target: Target, latest: Measurement | None, on: date) -> Progress:
    """Progress of ``target`` given its latest measurement, as seen on the reference date ``on``."""
    if latest is None:
        # (status, latest, percent, expected, required_per_month, forecast)
        return _progress(_NO_DATA, None, None, expected_pace(target, on), None, None)
    value = latest.value
    percent = percent_complete(target, value)
    # One elapsed share serves the expected pace and the forecast (as expected_pace and
    # forecast compute it).
    share = elapsed_share(target.period_start, target.period_end, latest.as_of)
    expected = 100.0 * share
    kind = target.kind
    if kind == _CUMULATIVE:
        ahead = _cumulative_forecast(target, value, share)
    else:
        ahead = value if kind == _LEVEL else None
    return _progress(
        _status(target, latest, percent, expected, on), latest, percent, expected,
        required_per_month(target, latest), ahead,
    )


def _status(
    target: Target, latest: Measurement, percent: float | None, expected: float, on: date
) -> Status:
    if target.kind == _CUMULATIVE and target.direction == _LOWER:
        return _cap_status(target, latest, on)
    if meets_target(target, latest.value):
        return _ACHIEVED
    if on > target.period_end:
        return _OVERDUE
    if target.kind == _MILESTONE:
        return _ON_TRACK
    if percent is None:
        return _BEHIND
    bar = expected if target.kind == _CUMULATIVE else 100.0
    shortfall = bar - percent
    band = 100.0 * target.tolerance
    if shortfall <= band:
        return _ON_TRACK
    if shortfall <= 2 * band:
        return _AT_RISK
    return _BEHIND


def _cap_status(target: Target, latest: Measurement, on: date) -> Status:
    # A cumulative cap (an energy-use budget) is only kept once the period is over; until
    # then, staying under it is being on track, and going over it cannot be undone.
    if not meets_target(target, latest.value):
        return _BEHIND
    if on > target.period_end or latest.as_of >= target.period_end:
        return _ACHIEVED
    return _ON_TRACK
