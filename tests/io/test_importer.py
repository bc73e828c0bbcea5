"""Imports: every nasty fixture, numbers, problems, duplicates, all or nothing, audit, undo."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import messages
from tracker.commands import UpdateMeasurement
from tracker.domain import ConflictError, ValidationError
from tracker.io.encoding import EncodingError
from tracker.io.import_cells import parse_figure
from tracker.io.importer import (
    ImportCancelled,
    ImportOptions,
    MappingError,
    parse_map_option,
    plan_import,
    read_file,
    suggest_mapping,
)
from tracker.io.numbers import NumberFormatError, parse_number
from tracker.io.table_reader import TableError
from tracker.service import TrackerService

NASTY = Path(__file__).resolve().parents[1] / "fixtures" / "nasty"
HEATING = "清洁取暖改造"
# Per fixture: (targets the import adds, rows with problems) or the error reading raises.
OUTCOMES: dict[str, tuple[int, list[int]] | type[Exception]] = {
    "utf8.csv": (3, []), "utf8-bom.csv": (3, []), "gbk.csv": (3, []), "gb18030.csv": (3, []),
    "lf.csv": (3, []), "crlf.csv": (3, []), "cr.csv": (3, []), "mixed-endings.csv": (2, []),
    "ragged.csv": (2, [3, 4]), "nul.csv": (2, [3]), "multiline.csv": (3, []),
    "injection.csv": (6, []), "huge-field.csv": (2, [3]), "sql-name.csv": (2, []),
    "blank-lines.csv": (2, []), "trailing-empty-columns.csv": (3, []),
    "bad-quotes.csv": (1, [2, 4]), "numbers.xlsx": (3, []),
    "latin1.csv": EncodingError, "utf16.csv": EncodingError, "empty.csv": TableError,
    "duplicate-header.csv": TableError, "blank-header.csv": TableError,
}


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def plan_file(service: TrackerService, path: Path, options: ImportOptions | None = None,
              **overrides: str):
    table = read_file(path)
    mapping = suggest_mapping(table.headers) | overrides
    return plan_import(service, table, mapping, options or ImportOptions(), file_name=path.name)


def figures(service: TrackerService, name: str) -> dict[date, float]:
    return {m.as_of: m.value for m in service.measurements(service.find_target(name).id)}


def test_every_nasty_fixture_has_an_expected_outcome():
    manifest = tomllib.loads((NASTY / "expected.toml").read_text(encoding="utf-8"))
    assert set(OUTCOMES) == set(manifest)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_nasty_fixture_through_the_importer(service, name):
    expected = OUTCOMES[name]
    if isinstance(expected, type):
        with pytest.raises(expected):
            read_file(NASTY / name)
        return
    added, bad_rows = expected
    plan = plan_file(service, NASTY / name, ImportOptions(year=2024))
    assert plan.kind == "targets"
    assert sorted({p.row for p in plan.errors}) == bad_rows
    assert all(p.reason for p in plan.problems)
    assert plan.can_import() == (not bad_rows)
    service.execute(plan.command())
    assert len(service.targets()) == added


def test_encodings_and_line_endings_are_reported(service):
    gbk = plan_file(service, NASTY / "gbk.csv", ImportOptions(year=2024))
    assert (gbk.encoding, gbk.line_ending) == ("GBK", "CRLF")
    cr = plan_file(service, NASTY / "cr.csv", ImportOptions(year=2024))
    assert (cr.encoding, cr.line_ending) == ("UTF-8", "CR")


def test_fixture_values_are_read_exactly(service):
    service.execute(plan_file(service, NASTY / "gbk.csv", ImportOptions(year=2024)).command())
    gdp = service.find_target("地区生产总值")
    assert (gdp.target_value, gdp.unit) == (1100.3, "亿元")
    assert (gdp.period_start, gdp.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert service.find_target("城镇新增就业").target_value == 10.35


def test_injection_and_sql_names_are_kept_verbatim(service):
    for name in ("injection.csv", "sql-name.csv"):
        service.execute(plan_file(service, NASTY / name, ImportOptions(year=2024)).command())
    names = {t.name for t in service.targets()}
    assert {"=cmd|' /C calc'!A0", "＝1+1", "'); DROP TABLE targets;--"} <= names


def test_new_targets_need_dates_unless_a_year_is_given(service):
    plan = plan_file(service, NASTY / "utf8.csv")
    assert {p.row for p in plan.errors} == {2, 3, 4}
    assert "period" in plan.errors[0].reason


@pytest.mark.parametrize("cell, unit, value", [
    ("14,100", "户", 14100.0), ("108.51%", "%", 108.51), ("１４，１００", "户", 14100.0),
    ("1100.3亿", "亿元", 1100.3), ("1100.3亿元", "万元", 11003000.0), ("-2.5", "%", -2.5),
])
def test_figures_in_the_forms_offices_write(demo_service, tmp_path, cell, unit, value):
    messages.set_language("zh")
    name = {"户": HEATING, "%": "地区生产总值增速", "亿元": "地区生产总值"}.get(unit)
    if name is None:
        from tracker.commands import CreateTarget
        from tracker.domain import Target
        name = "万元指标"
        demo_service.execute(CreateTarget(Target(name, unit="万元", target_value=1e9)))
    path = write(tmp_path, "f.csv", f'指标,截至,数值\n{name},2022-12-20,"{cell}"\n')
    plan = plan_file(demo_service, path)
    assert not plan.problems
    demo_service.execute(plan.command())
    assert figures(demo_service, name)[date(2022, 12, 20)] == value


@pytest.mark.parametrize("cell, word", [
    ("Pending", "pending"), ("约100", "approximate"), ("No target", "no value"),
    ("≤3%", "bound"), ("1,1,0", "separators"), ("二十", "Chinese numerals"),
])
def test_values_that_are_not_numbers_are_row_errors(demo_service, tmp_path, cell, word):
    path = write(tmp_path, "f.csv", f'指标,截至,数值\n{HEATING},2022-12-20,"{cell}"\n')
    plan = plan_file(demo_service, path)
    [problem] = plan.problems
    assert (problem.row, problem.column, problem.value) == (2, "数值", cell)
    assert word in problem.reason and problem.blocking
    assert not plan.can_import() and not plan.new_figures


def test_a_blank_figure_is_missing_never_zero(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-20,\n")
    plan = plan_file(demo_service, path)
    [notice] = plan.problems
    assert not notice.blocking and "skipped" in notice.reason
    assert plan.can_import() and not plan.has_work()


def test_a_unit_in_the_header_or_a_unit_column_is_converted(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", "指标,截至,完成值（万元）\n地区生产总值,2022-12-31,14670000\n")
    demo_service.execute(plan_file(demo_service, path).command())
    assert figures(demo_service, "地区生产总值")[date(2022, 12, 31)] == 1467.0
    path = write(tmp_path, "g.csv", "指标,截至,数值,单位\n清洁取暖改造,2022-12-31,10.5,万户\n"
                                    "地区生产总值,2022-12-30,1,户\n")
    plan = plan_file(demo_service, path)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "数值")]
    assert plan.new_figures[0][2] == 105000.0


def test_other_problems_name_row_column_value_and_reason(demo_service, tmp_path):
    messages.set_language("en")
    path = write(tmp_path, "f.csv", "指标,截至,数值\n没有这个指标,2022-12-01,5\n"
                                    f"{HEATING},2022-02-30,5\n{HEATING},2022/12/05,-5\n")
    problems = [(p.row, p.column, p.value) for p in plan_file(demo_service, path).problems]
    assert problems == [(2, "指标", "没有这个指标"), (3, "截至", "2022-02-30"), (4, "数值", "-5")]


def test_duplicates_in_the_file_are_errors_on_both_rows(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-20,1\n"
                                    f"{HEATING},2022-12-21,2\n{HEATING},2022/12/20,3\n")
    plan = plan_file(demo_service, path)
    assert [p.row for p in plan.errors] == [2, 4]
    assert "rows 2, 4" in plan.errors[0].reason
    assert [r for r in plan.new_figure_rows] == [3]


# A column at a time; row by row the short way (another row is not plain); the careful way.
@pytest.mark.parametrize(("value", "other"), [("7", "7"), ("7", "0.7万"), ("0.7万", "7")])
def test_a_figure_given_three_times_is_an_error_on_every_row(demo_service, tmp_path, value,
                                                             other):
    path = write(tmp_path, "f.csv", "指标,截至,数值\n" + f"{HEATING},2022-12-20,{value}\n" * 3
                 + f"{HEATING},2022-12-21,{other}\n")
    plan = plan_file(demo_service, path)
    assert [p.row for p in plan.errors] == [2, 3, 4] and plan.new_figure_rows == [5]
    assert "rows 2, 3, 4" in plan.errors[0].reason


def test_same_figure_is_unchanged_a_different_one_is_a_change(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-11-30,103516\n"
                                    f"{HEATING},2022-11-30,103600\n")
    path.write_text(f"指标,截至,数值\n{HEATING},2022-11-30,103516\n"
                    f"老旧小区改造,2022-11-30,66\n", encoding="utf-8")
    plan = plan_file(demo_service, path)
    assert (plan.unchanged, len(plan.changed), plan.new_count) == (1, 1, 0)
    [change] = plan.changed
    assert (change.row, change.target_name, change.changes, change.before) == \
        (3, "老旧小区改造", {"value": 66.0}, {"value": 65.0})
    demo_service.execute(plan.command())
    target = demo_service.find_target("老旧小区改造")
    assert figures(demo_service, "老旧小区改造")[date(2022, 11, 30)] == 66
    entry = next(e for e in demo_service.audit(target.id) if e.action == "update")
    assert (entry.field, entry.old_value, entry.new_value) == ("value", "65", "66")
    assert entry.source.endswith("3") and "f.csv" in entry.source


def test_importing_the_same_file_twice_changes_nothing(demo_service, tmp_path):
    messages.set_language("en")
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-15,104000\n"
                                    f"{HEATING},2022-12-31,105000\n")
    demo_service.execute(plan_file(demo_service, path).command())
    mark = demo_service.change_mark()
    again = plan_file(demo_service, path)
    assert (again.new_count, again.unchanged, again.has_work()) == (0, 2, False)
    assert again.summary().startswith("0 new") and "2 unchanged" in again.summary()
    assert demo_service.change_mark() == mark


def test_one_bad_row_stops_everything_unless_bad_rows_are_skipped(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-15,104000\n"
                                    f"{HEATING},2022-12-31,约105000\n")
    plan = plan_file(demo_service, path)
    assert not plan.can_import() and plan.can_import(skip_bad_rows=True)
    demo_service.execute(plan.command())
    assert set(figures(demo_service, HEATING)) == {date(2022, 11, 30), date(2022, 12, 15)}


def _import_lines(service: TrackerService, name: str) -> list:
    return [e for e in service.audit(service.find_target(name).id)
            if e.action == "insert" and e.source.startswith(("导入", "import"))]


def test_an_import_writes_one_audit_line_per_target_naming_its_rows(demo_service, tmp_path):
    messages.set_language("zh")
    path = write(tmp_path, "figures.csv", "指标,截至,数值\n" + "".join(
        f"{HEATING},2022-12-{d:02},{100000 + d}\n" for d in range(11, 0, -1))
        + "老旧小区改造,2022-12-20,66\n")
    demo_service.execute(plan_file(demo_service, path).command())
    (heating,) = _import_lines(demo_service, HEATING)
    assert heating.source == "导入 figures.csv 第2–12行"
    assert json.loads(heating.new_value) == {"count": 11, "from": "2022-12-01",
                                             "to": "2022-12-11"}
    assert heating.last_row_id - heating.row_id == 10 and heating.figure_count == 11
    ids = {m.id for m in demo_service.measurements(heating.target_id)
           if m.as_of >= date(2022, 12, 1)}
    assert ids == set(range(heating.row_id, heating.last_row_id + 1))
    (housing,) = _import_lines(demo_service, "老旧小区改造")
    assert housing.source == "导入 figures.csv 第13行" and housing.figure_count == 1


def test_a_file_mixing_targets_still_gives_one_line_per_target(demo_service, tmp_path):
    messages.set_language("en")
    other = "老旧小区改造"
    path = write(tmp_path, "f.csv", "指标,截至,数值\n" + "".join(
        f"{HEATING},2022-12-{d:02},{d}\n{other},2022-12-{d:02},{d}\n" for d in range(1, 6)))
    demo_service.execute(plan_file(demo_service, path).command())
    for name, rows in ((HEATING, "rows 2–10"), (other, "rows 3–11")):
        (line,) = _import_lines(demo_service, name)
        assert line.source == f"import f.csv {rows}" and line.figure_count == 5
        stored = {m.id for m in demo_service.measurements(line.target_id)
                  if line.row_id <= m.id <= line.last_row_id}
        assert len(stored) == 5  # the other target's figures in between are not its own


@pytest.mark.parametrize("cell", ["0.30000000000000004", "103516", "1100.3", "0.00001",
                                  "123456789.12345678", "4.1"])
def test_imported_figures_and_their_later_history_are_exact(demo_service, tmp_path, cell):
    name = "地区生产总值增速"
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{name},2022-12-20,{cell}\n")
    undo = demo_service.execute(plan_file(demo_service, path).command())
    figure = next(m for m in demo_service.measurements(demo_service.find_target(name).id)
                  if m.as_of == date(2022, 12, 20))
    assert figure.value == float(cell)
    demo_service.execute(undo)  # the undo's audit line keeps the figures it removed
    entry = next(e for e in demo_service.audit(figure.target_id) if e.action == "delete")
    removed = json.loads(entry.old_value)
    assert removed["columns"][:3] == ["id", "as_of", "value"]
    assert removed["figures"] == [[figure.id, "2022-12-20", float(cell), "", "",
                                   figure.version, figure.updated_at]]


def test_a_later_edit_of_an_imported_figure_keeps_the_imported_value(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-15,104000\n")
    demo_service.execute(plan_file(demo_service, path).command())
    figure = demo_service.measurements(demo_service.find_target(HEATING).id)[-1]
    demo_service.execute(UpdateMeasurement(figure.id, {"value": 104500.0}, figure.version))
    change = demo_service.audit(figure.target_id)[0]
    assert (change.row_id, change.field, change.old_value, change.new_value) == (
        figure.id, "value", "104000", "104500")


def test_one_undo_takes_the_whole_import_back_and_redo_repeats_it(demo_service, tmp_path):
    before = _state(demo_service)
    path = write(tmp_path, "t.csv", "指标,目标值,单位,截至,数值\n新指标,100,个,2022-06-30,40\n"
                                    "老旧小区改造,70,个,2022-12-31,68\n")
    plan = plan_file(demo_service, path, ImportOptions(year=2022))
    assert (len(plan.new_targets), len(plan.changed), len(plan.new_figures)) == (1, 1, 2)
    undo = demo_service.execute(plan.command())
    after = _state(demo_service)
    redo = demo_service.execute(undo)
    assert _state(demo_service) == before
    demo_service.execute(redo)
    assert _state(demo_service) == after


def test_undo_is_refused_when_an_imported_figure_was_edited_since(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-15,104000\n")
    undo = demo_service.execute(plan_file(demo_service, path).command())
    figure = demo_service.measurements(demo_service.find_target(HEATING).id)[-1]
    demo_service.execute(UpdateMeasurement(figure.id, {"value": 1.0}, figure.version))
    with pytest.raises(ConflictError):
        demo_service.execute(undo)


def test_a_plan_made_stale_by_someone_else_is_refused_whole(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", f"指标,截至,数值\n{HEATING},2022-12-15,1\n"
                                    f"{HEATING},2022-12-16,2\n")
    plan = plan_file(demo_service, path)
    demo_service.execute(plan_file(demo_service, write(
        tmp_path, "g.csv", f"指标,截至,数值\n{HEATING},2022-12-16,9\n")).command())
    with pytest.raises(ValidationError):
        demo_service.execute(plan.command())
    assert figures(demo_service, HEATING)[date(2022, 12, 16)] == 9
    assert date(2022, 12, 15) not in figures(demo_service, HEATING)


def test_cancelling_while_writing_leaves_the_database_as_it_was(demo_service, tmp_path):
    before = _state(demo_service)
    path = write(tmp_path, "f.csv", "指标,截至,数值\n" + "".join(
        f"{HEATING},2022-12-{d:02},{d}\n" for d in range(1, 29)))

    def cancel(done: int, total: int) -> None:
        raise ImportCancelled

    with pytest.raises(ImportCancelled):
        demo_service.execute(plan_file(demo_service, path).command(cancel))
    assert _state(demo_service) == before


def test_mapping_from_chinese_and_english_headers():
    assert suggest_mapping(["指标", "目标值", "截至", "完成值", "单位", "领域", "责任单位",
                            "备注", "来源", "完成率(%)"]) == {
        "指标": "name", "目标值": "target_value", "截至": "as_of", "完成值": "value",
        "单位": "unit", "领域": "category", "责任单位": "department", "备注": "note",
        "来源": "source", "完成率(%)": ""}
    assert suggest_mapping(["Name", "Target", "As of", "Value", "Ｕｎｉｔ", "whatever"]) == {
        "Name": "name", "Target": "target_value", "As of": "as_of", "Value": "value",
        "Ｕｎｉｔ": "unit", "whatever": ""}


def test_map_option_overrides_and_refuses_unknown_columns():
    headers = ["项目", "计划数", "日期"]
    assert parse_map_option("项目=name，计划数=target, 日期=ignore", headers) == {
        "项目": "name", "计划数": "target_value", "日期": ""}
    with pytest.raises(MappingError, match="no column"):
        parse_map_option("名称=name", headers)
    with pytest.raises(MappingError):
        parse_map_option("项目=colour", headers)


def test_a_mapping_without_names_or_with_a_field_twice_is_refused(demo_service, tmp_path):
    path = write(tmp_path, "f.csv", "a,b,c\nx,2022-01-01,1\n")
    with pytest.raises(MappingError):
        plan_file(demo_service, path)
    with pytest.raises(MappingError):
        plan_file(demo_service, path, a="name", b="as_of", c="as_of")


@given(st.one_of(*(st.decimals(min_value=-10**14, max_value=10**14, places=places,
                               allow_nan=False, allow_infinity=False) for places in (0, 2, 6))))
def test_the_fast_path_reads_plain_numbers_exactly_as_parse_number(number):
    cell = format(number, "f")
    try:
        expected = parse_number(cell, "户")
    except NumberFormatError:
        return
    assert parse_figure(cell, "户") == expected
    assert str(parse_figure(cell, "户")) == str(expected)  # -0.0 and 0.0 alike


def _state(service: TrackerService) -> tuple:
    """Targets and figures with their ids and versions (not when they were last touched)."""
    conn = service.repo.conn
    return tuple(conn.execute(sql).fetchall() for sql in (
        "SELECT id, name, category, department, unit, kind, direction, baseline, target_value,"
        " period_start, period_end, tolerance, note, source, version FROM targets ORDER BY id",
        "SELECT id, target_id, as_of, value, note, source, version FROM measurements "
        "ORDER BY id"))
