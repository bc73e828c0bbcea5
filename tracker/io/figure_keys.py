"""Whether a file gives any figure twice, told from one integer per figure.

A figure is known by its (target id, date). A set of a million such pairs costs an import
about a third of a second, most of it making and freeing the tuples; the same question
asked of one integer per figure (the target id times the number of distinct dates, plus
the date's place among them) costs a tenth of that time. Only when the answer is yes does
the importer look for which rows repeat, with the pairs. A file in target and date order, as
exports are, needs no set at all: its numbers only grow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from operator import add, lt, mul


def any_repeated(chunks: Sequence[tuple[Sequence[int], Sequence[str]]],
                 others: Iterable[tuple[int | str, str]] = ()) -> bool:
    """Whether a (target id, date) comes twice among ``chunks`` (each a column of target
    ids and one of dates) or also among ``others`` (pairs of the rows checked one by one;
    their target may be the name of a target still to be made, which no id matches).

    True may also mean "cannot tell this way" (a target that is not an id): the caller then
    looks at the pairs themselves. False is always certain."""
    # The dates in order, so that a file in target and date order gives ever larger numbers.
    place = {d: i for i, d in enumerate(sorted(set(chain.from_iterable(d for _, d in chunks))))}
    width = len(place) or 1
    numbered: list[list[int]] = []
    for ids, isos in chunks:
        if any(type(i) is not int or i < 0 for i in set(ids)):
            return True  # not ids of stored targets: the caller asks again with the pairs
        # id * width + place is one number per pair, and different pairs give different ones.
        numbered.append(list(map(add, map(mul, ids, repeat(width)),
                                 map(place.__getitem__, isos))))
    others = list(others)
    if not others and _ever_larger(numbered):
        return False  # as exports are: no number can come twice, no set needed
    keys: set[int] = set()
    count = 0
    for numbers in numbered:
        keys.update(numbers)
        count += len(numbers)
    if len(keys) != count:
        return True
    # A target that is neither an id nor a name (True equals 1 as a key): cannot tell.
    return any(type(t) is not str and (type(t) is not int or (
        d in place and t * width + place[d] in keys)) for t, d in others)


def _ever_larger(chunks: list[list[int]]) -> bool:
    """Whether the numbers, chunk after chunk, only grow."""
    last = -1
    for numbers in chunks:
        if numbers and (numbers[0] <= last or not all(map(lt, numbers, numbers[1:]))):
            return False
        last = numbers[-1] if numbers else last
    return True
