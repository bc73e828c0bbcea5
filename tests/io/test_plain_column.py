"""plain_column decides what the regex over the joined column decides."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.import_cells import plain_column

PLAIN = r"[0-9]{1,15}(?:\.[0-9]{1,15})?"
RULE = re.compile(rf"{PLAIN}(?:\n{PLAIN})*").fullmatch


def by_the_rule(values: list[str]) -> bool:
    joined = "\n".join(values)
    return joined.count("\n") == len(values) - 1 and RULE(joined) is not None


CELL = st.one_of(
    st.from_regex(rf"\A{PLAIN}\Z"),
    st.text(alphabet="0123456789.", max_size=34),
    st.text(alphabet="0123456789.\n -e١٢", max_size=6),
    st.sampled_from(["", ".", "1.", ".5", "1..2", "1.2.3", "0" * 15, "1" * 16, "1" * 15 + ".5",
                     "5." + "9" * 15, "5." + "9" * 16, "-1", "+1", "1e3", "１"]))


@settings(max_examples=500)
@given(st.lists(CELL, max_size=6))
def test_the_same_answer_as_the_regex(values):
    assert plain_column(values) == by_the_rule(values)


@pytest.mark.parametrize(("values", "plain"), [
    (["518.8", "1037", "0.5"], True), ([], False), ([""], False), (["1", ""], False),
    (["1", ".5"], False), (["1.", "2"], False), (["1.2.3"], False), (["1", "2\n3"], False),
    (["1" * 15 + "." + "2" * 15], True), (["1" * 16 + ".5"], False), (["1", "１"], False)])
def test_cases(values, plain):
    assert plain_column(values) is plain
