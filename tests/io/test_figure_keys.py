"""any_repeated answers what a set of (target, date) pairs answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.io.figure_keys import any_repeated

DATES = st.sampled_from(["2022-01-31", "2022-02-28", "2022-03-31", "2023-01-31"])
IDS = st.integers(0, 5)
CHUNK = st.lists(st.tuples(IDS, DATES), max_size=6).map(
    lambda pairs: ([t for t, _ in pairs], [d for _, d in pairs]))
OTHER = st.tuples(st.one_of(IDS, st.sampled_from(["新指标", "3"]), st.sampled_from([True, 1.0])),
                  st.one_of(DATES, st.just("2024-12-31")))


def truth(chunks, others) -> bool:
    pairs = [p for ids, dates in chunks for p in zip(ids, dates, strict=True)]
    return len(set(pairs)) != len(pairs) or not set(pairs).isdisjoint(others)


def test_true_for_a_target_neither_id_nor_name():
    assert any_repeated([([1], ["2022-01-31"])], [(True, "2022-01-31")])
    assert any_repeated([([2], ["2022-01-31"])], [(1.0, "2024-01-31")])


@given(st.lists(CHUNK, max_size=4), st.lists(OTHER, max_size=4))
def test_the_answer_is_the_pairs_answer(chunks, others):
    answer = any_repeated(chunks, others)
    if any(type(t) not in (int, str) for t, _ in others):
        assert answer  # cannot tell: the caller looks at the pairs
    else:
        assert answer == truth(chunks, others)


def test_no_two_pairs_share_a_number():
    # 1 * 2 + 1 would equal 0 * 2 + 3 if the width were not the number of dates.
    chunks = [([1, 0], ["2022-02-28", "2022-01-31"])]
    assert not any_repeated(chunks)
    assert any_repeated(chunks + [([0], ["2022-01-31"])])


def test_a_target_that_is_not_an_id_is_left_to_the_pairs():
    assert any_repeated([(["新指标"], ["2022-01-31"])])
    assert any_repeated([([-1], ["2022-01-31"])])
    assert not any_repeated([], [("新指标", "2022-01-31")])


@given(st.lists(st.tuples(IDS, DATES), max_size=12), st.integers(1, 4))
def test_a_file_in_target_and_date_order_is_told_without_a_set(pairs, size):
    # Sorted pairs (repeats kept) in chunks of ``size``: the numbers only grow unless a
    # pair repeats, at a chunk's edge too.
    pairs = sorted(pairs)
    chunks = [([t for t, _ in pairs[i:i + size]], [d for _, d in pairs[i:i + size]])
              for i in range(0, len(pairs), size)]
    assert any_repeated(chunks) == (len(set(pairs)) != len(pairs))


def test_a_pair_repeated_across_the_edge_of_two_chunks():
    assert any_repeated([([1, 2], ["2022-01-31", "2022-02-28"]), ([2], ["2022-02-28"])])
    assert not any_repeated([([1, 2], ["2022-01-31", "2022-02-28"]), ([2], ["2022-03-31"])])
