"""Sanity checks for the Shuozhou 2022 demo data file.

Uses only tomllib on purpose: the project's loader is written separately, so this
test pins the file's shape and the key figures copied from the source article
(《朔州日报》2023-03-01 经济工作综述) without importing any project code.
"""

import datetime as dt
import math
import tomllib
from pathlib import Path

import pytest

DEMO_FILE = Path(__file__).resolve().parents[2] / "db" / "demo" / "shuozhou-2022.toml"

CATEGORIES = {"经济运行", "能源保供", "产业转型", "改革开放", "民生保障", "生态环境"}
KINDS = {"cumulative", "level", "milestone"}
DIRECTIONS = {"higher", "lower"}
UNITS = {
    "户", "个", "公里", "亿元", "亿吨", "万方", "%", "天", "位", "μg/m³",
    "项", "家", "座", "期", "家次", "人次", "场",
}  # fmt: skip
REQUIRED_TARGET_KEYS = {"name", "category", "department", "unit", "kind", "direction", "source"}
REQUIRED_META_KEYS = {"title", "title_en", "source", "period_start", "period_end", "note"}

# (target name, unit, as_of, value) exactly as the article gives them.
KEY_FIGURES = [
    ("地区生产总值", "亿元", "2022-09-30", 1100.3),
    ("地区生产总值增速", "%", "2022-09-30", 4.1),
    ("固定资产投资增速", "%", "2022-11-30", 9.9),
    ("固定资产投资增速全省排名", "位", "2022-11-30", 1),
    ("高质量发展综合绩效考核全省排名", "位", "2022-11-30", 1),
    ("煤炭保供量", "亿吨", "2022-10-31", 1.7779),
    ("林海220千伏变电站投运", "项", "2022-09-17", 1),
    ("低碳硅芯产业园开工项目", "个", "2022-12-31", 7),
    ("7×24小时政务服务自助大厅投运", "项", "2022-07-15", 1),
    ("清洁取暖改造", "户", "2022-11-30", 103516),
    ("老旧小区改造", "个", "2022-11-30", 65),
    ("推送就业岗位", "个", "2022-12-31", 12173),
    ("招聘用工需求", "人次", "2022-12-31", 58142),
    ("三个一号旅游公路", "公里", "2022-12-31", 264),
    ("建制村通双车道", "公里", "2022-12-31", 83),
    ("乡镇通三级公路", "公里", "2022-12-31", 88),
    ("危桥改造", "座", "2022-12-31", 5),
    ("四好农村路", "公里", "2022-12-31", 232),
    ("桑干河生态补水", "万方", "2022-12-31", 24166),
    ("国考断面水质优良比例", "%", "2022-12-31", 100),
    ("空气质量优良天数", "天", "2022-12-31", 315),
]

# (target name, target value) that the article states or implies.
KEY_TARGETS = [
    ("老旧小区改造", 65),
    ("危桥改造", 5),
    ("空气质量优良天数", 300),
    ("固定资产投资增速全省排名", 1),
    ("高质量发展综合绩效考核全省排名", 1),
    ("国考断面水质优良比例", 100),
    ("低碳硅芯产业园开工项目", 11),
    ("山水林田湖草沙一体化工程总投资", 35.88),
    ("煤基烯烃一体化项目总投资", 270),
]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _date(value: object) -> dt.date:
    assert isinstance(value, str), f"date must be an ISO string, got {value!r}"
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def data() -> dict:
    with DEMO_FILE.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def by_name(data: dict) -> dict[str, dict]:
    return {t["name"]: t for t in data["targets"]}


def test_meta(data: dict) -> None:
    meta = data["meta"]
    assert meta.keys() >= REQUIRED_META_KEYS
    assert _date(meta["period_start"]) == dt.date(2022, 1, 1)
    assert _date(meta["period_end"]) == dt.date(2022, 12, 31)
    assert "示意" in meta["note"]  # departments are illustrative and the file says so


def test_every_category_is_covered(data: dict) -> None:
    assert {t["category"] for t in data["targets"]} == CATEGORIES


def test_names_are_unique(data: dict) -> None:
    names = [t["name"] for t in data["targets"]]
    assert len(names) == len(set(names))


def test_targets_are_well_formed(data: dict) -> None:
    for t in data["targets"]:
        name = t.get("name", "?")
        assert t.keys() >= REQUIRED_TARGET_KEYS, name
        assert t["category"] in CATEGORIES, name
        assert t["kind"] in KINDS, name
        assert t["direction"] in DIRECTIONS, name
        assert t["unit"] in UNITS, name
        assert t["department"].startswith("市"), name
        if t["kind"] == "milestone":
            assert "target" not in t, name
        else:
            assert _is_number(t.get("target")), name
        for key in ("baseline", "tolerance"):
            if key in t:
                assert _is_number(t[key]), (name, key)
        start = _date(t.get("period_start", data["meta"]["period_start"]))
        end = _date(t.get("period_end", data["meta"]["period_end"]))
        assert start <= end, name


def test_measurements_are_well_formed(data: dict) -> None:
    for t in data["targets"]:
        for m in t.get("measurements", []):
            assert _date(m["as_of"]).year == 2022, t["name"]
            assert _is_number(m["value"]), t["name"]
            if t["kind"] == "milestone":
                assert m["value"] in (0, 1), t["name"]
            if t["unit"] == "位":
                assert m["value"] >= 1 and m["value"] == int(m["value"]), t["name"]


def test_ranks_are_lower_is_better(data: dict) -> None:
    for t in data["targets"]:
        if t["unit"] == "位":
            assert t["direction"] == "lower", t["name"]


@pytest.mark.parametrize(("name", "unit", "as_of", "value"), KEY_FIGURES)
def test_key_figure(by_name: dict, name: str, unit: str, as_of: str, value: float) -> None:
    target = by_name[name]
    assert target["unit"] == unit
    readings = {m["as_of"]: m["value"] for m in target.get("measurements", [])}
    assert readings.get(as_of) == value


@pytest.mark.parametrize(("name", "value"), KEY_TARGETS)
def test_key_target(by_name: dict, name: str, value: float) -> None:
    assert by_name[name]["target"] == value


def test_clean_heating_target_is_derived_from_completion_rate(by_name: dict) -> None:
    target = by_name["清洁取暖改造"]
    assert isinstance(target["target"], int)
    assert round(103516 / target["target"] * 100, 2) == 108.51
    assert "推算" in target["note"]


def test_pm25_is_grade_ii_milestone(by_name: dict) -> None:
    target = by_name["PM2.5浓度达到二级标准"]
    assert target["kind"] == "milestone"
    assert "35" in target["note"]
    assert [m["value"] for m in target["measurements"]] == [1]


def test_targets_without_stated_goal_say_so(data: dict) -> None:
    # A demo target the article does not give must be flagged in its note.
    stated = {"清洁取暖改造", "老旧小区改造", "危桥改造", "空气质量优良天数",
              "固定资产投资增速全省排名", "高质量发展综合绩效考核全省排名",
              "国考断面水质优良比例", "低碳硅芯产业园开工项目",
              "山水林田湖草沙一体化工程总投资", "煤基烯烃一体化项目总投资"}  # fmt: skip
    for t in data["targets"]:
        if t["kind"] != "milestone" and t["name"] not in stated:
            assert "原文未给出目标值" in t["note"], t["name"]
