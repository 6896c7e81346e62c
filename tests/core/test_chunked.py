"""Chunked (core/chunked.py) behaves as the tuple it stands for, whatever is appended or replaced."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.core.chunked import CHUNK, Chunked

from ..hypo import scaled

# Appends of runs that cross chunk borders, and replacements anywhere.
operations = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.integers(1, CHUNK + 3)),
        st.tuples(st.just("replace"), st.integers(-3 * CHUNK, 3 * CHUNK)),
    ),
    max_size=12,
)


@settings(max_examples=scaled(200))
@given(st.integers(0, 3 * CHUNK + 5), operations)
def test_it_is_always_the_tuple_it_stands_for(start: int, ops: list[tuple[str, int]]) -> None:
    expected = tuple(range(start))
    chunked = Chunked(expected)
    older = [(chunked, expected)]
    counter = start
    for op, n in ops:
        if op == "append":
            for _ in range(n):
                chunked, expected = chunked.appended(counter), (*expected, counter)
                counter += 1
        elif -len(expected) <= n < len(expected):
            chunked = chunked.replaced(n, -counter)
            listed = list(expected)
            listed[n] = -counter
            expected = tuple(listed)
            counter += 1
        older.append((chunked, expected))
    for seq, tup in older:  # an older version never changes when a newer one is made from it
        assert len(seq) == len(tup) and tuple(seq) == tup and seq == tup and tup == seq
        assert [seq[i] for i in range(-len(tup), len(tup))] == [tup[i] for i in range(-len(tup), len(tup))]
        assert seq[1:-1] == tup[1:-1] and hash(seq) == hash(tup)
        assert pickle.loads(pickle.dumps(seq)) == tup


def test_out_of_range_is_refused_as_a_tuple_refuses_it() -> None:
    seq = Chunked(range(3))
    for bad in (3, -4):
        with pytest.raises(IndexError):
            seq[bad]
        with pytest.raises(IndexError):
            seq.replaced(bad, 0)
    assert seq != (0, 1) and seq != [0, 1, 2] and Chunked.of(seq) is seq
