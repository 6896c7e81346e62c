"""An immutable sequence that takes one more item, or one item changed, without copying the rest: a session's cards.

A session's state is immutable: each card added used to copy the whole tuple of cards, which at 16,000 cards cost
~45 µs a card, the largest single cost of a stored card in the room benchmark. Here the items sit in full chunks
of CHUNK items and a tail; a new state shares every chunk but the one that changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, TypeVar, overload

T = TypeVar("T")

CHUNK = 256


class Chunked(Sequence[T]):
    """A tuple-like, immutable sequence with `appended` and `replaced` in O(len / CHUNK + CHUNK).

    Equal to a tuple (or another Chunked) with the same items, in the same order.
    """

    __slots__ = ("_chunks", "_tail", "_len")

    _chunks: tuple[tuple[T, ...], ...]
    _tail: tuple[T, ...]
    _len: int

    def __init__(self, items: Iterable[T] = ()) -> None:
        items = tuple(items)
        full = len(items) - len(items) % CHUNK
        self._chunks = tuple(items[i : i + CHUNK] for i in range(0, full, CHUNK))
        self._tail = items[full:]
        self._len = len(items)

    @classmethod
    def of(cls, items: Sequence[T]) -> Chunked[T]:
        """Return `items` as a Chunked (itself when it is one already)."""
        return items if isinstance(items, Chunked) else cls(items)

    @classmethod
    def _made(cls, chunks: tuple[tuple[T, ...], ...], tail: tuple[T, ...]) -> Chunked[T]:
        new = cls.__new__(cls)
        new._chunks, new._tail, new._len = chunks, tail, len(chunks) * CHUNK + len(tail)
        return new

    def appended(self, item: T) -> Chunked[T]:
        """Return a new sequence with `item` after the others."""
        if len(self._tail) < CHUNK:
            return self._made(self._chunks, (*self._tail, item))
        return self._made((*self._chunks, self._tail), (item,))

    def replaced(self, index: int, item: T) -> Chunked[T]:
        """Return a new sequence with the item at `index` replaced by `item`. Raises IndexError."""
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Chunked index out of range")
        n, at = divmod(index, CHUNK)
        if n == len(self._chunks):
            return self._made(self._chunks, (*self._tail[:at], item, *self._tail[at + 1 :]))
        chunk = self._chunks[n]
        changed = (*chunk[:at], item, *chunk[at + 1 :])
        return self._made((*self._chunks[:n], changed, *self._chunks[n + 1 :]), self._tail)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Chunked index out of range")
        n, at = divmod(index, CHUNK)
        return self._tail[at] if n == len(self._chunks) else self._chunks[n][at]

    def __iter__(self) -> Iterator[T]:
        return chain(chain.from_iterable(self._chunks), self._tail)

    def __add__(self, other: Iterable[T]) -> Chunked[T]:
        new = self
        for item in other:
            new = new.appended(item)
        return new

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Chunked):
            return self._len == other._len and all(a == b for a, b in zip(self, other, strict=True))
        if isinstance(other, tuple):
            return self._len == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Chunked({tuple(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Chunked, (tuple(self),))
