"""The Shuozhou 2022 demo loads through demo_command() into the service."""

from __future__ import annotations

import tomllib

import pytest

from tracker.domain import Status
from tracker.paths import demo_file
from tracker.units import format_percent

SIX_FIELDS = {"经济运行", "能源保供", "产业转型", "改革开放", "民生保障", "生态环境"}


def demo_entries() -> list[dict]:
    return tomllib.loads(demo_file().read_text(encoding="utf-8"))["targets"]


def row(service, name: str):
    return next(r for r in service.rows() if r.target.name == name)


def test_every_demo_target_is_present(demo_service):
    assert sorted(t.name for t in demo_service.targets()) == sorted(
        e["name"] for e in demo_entries()
    )


@pytest.mark.parametrize("entry", demo_entries(), ids=lambda e: e["name"])
def test_every_demo_figure_is_loaded(demo_service, entry):
    target = demo_service.find_target(entry["name"])
    loaded = [(m.as_of.isoformat(), m.value) for m in demo_service.measurements(target.id)]
    assert loaded == sorted((m["as_of"], m["value"]) for m in entry.get("measurements", []))


def test_clean_heating_reads_108_51_percent(demo_service):
    assert format_percent(row(demo_service, "清洁取暖改造").progress.percent) == "108.51%"


def test_clean_heating_is_achieved(demo_service):
    assert row(demo_service, "清洁取暖改造").progress.status == Status.ACHIEVED


def test_categories_are_the_six_fields(demo_service):
    assert {t.category for t in demo_service.targets()} == SIX_FIELDS


def test_demo_is_audited_as_inserts(demo_service):
    target = demo_service.find_target("清洁取暖改造")
    assert {e.action for e in demo_service.audit(target.id)} == {"insert"}
