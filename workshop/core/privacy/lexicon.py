"""The name lists the guard reads (first names, surnames, words that are not names), loaded once, off the event loop.

Nothing is read at import time: the home screen and `workshop check` import this module without paying for it.
`warm_up()` starts loading in a background thread; `ready()` says when it is done; `get(wait=False)` returns the
lists or None while they are still loading, so a caller on the event loop never waits.
"""

from __future__ import annotations

import importlib
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from concurrent.futures import Future

DATA_FILES = (
    "first_names.txt",
    "first_names_extra.txt",
    "surnames.txt",
    "surnames_extra.txt",
    "name_words.txt",
    "not_names.txt",
    "not_names_soft.txt",
    "dutch_words.txt",
    "places.txt",
)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base
    table.update({ord(k): v for k, v in zip("ıİłŁøØđĐßæÆœŒ", "iIlLoOdDsaAoO", strict=True)})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Return `text` lower-cased without diacritics ("Yılmaz" -> "yilmaz"), one character per character."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Lexicon:
    """The guard's word lists, folded (see `fold`)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    # Names that are also ordinary Dutch words ("roos", "door", "wil", "bakker"): a name only with more evidence.
    name_words: frozenset[str]
    # Capitalised words that are not a person here: eponyms, months, places, organisations, software.
    not_names: frozenset[str]
    # Phrases of several words that together are not a name ("albert heijn", "rode kruis").
    not_name_phrases: tuple[str, ...]
    # Ordinary Dutch words, less the compounds `words.is_word` rebuilds: what an unknown capitalised word is not.
    dictionary: frozenset[str] = frozenset()
    # Dutch places of one word ("hoogeveen", "assen"): not a person after "in", "uit", "naar", never an unknown name.
    places: frozenset[str] = frozenset()
    # Brands, shops, care organisations and characters that are names too ("zeeman", "mona", "katrijn"): a name only
    # after a title or a kinship word, or with a verb or a possessive right after it.
    soft_not_names: frozenset[str] = frozenset()


def _words(name: str) -> list[str]:
    from importlib import resources  # not at import time: it costs more than the rest of this module

    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out += line.split()
    return out


def load() -> Lexicon:
    """Read the lists from the package data (about 60 ms); raise OSError when a file is missing."""
    not_names = [fold(w) for w in _words("not_names.txt")]
    soft = [fold(w) for w in _words("not_names_soft.txt")]
    return Lexicon(
        first_names=frozenset(fold(w) for w in _words("first_names.txt") + _words("first_names_extra.txt")),
        surnames=frozenset(fold(w) for w in _words("surnames.txt") + _words("surnames_extra.txt")),
        name_words=frozenset(fold(w) for w in _words("name_words.txt")),
        not_names=frozenset(w for w in not_names if "_" not in w),
        not_name_phrases=tuple(w.replace("_", " ") for w in not_names + soft if "_" in w),
        dictionary=frozenset(_words("dutch_words.txt")),
        places=frozenset(fold(w) for w in _words("places.txt")),
        soft_not_names=frozenset(w for w in soft if "_" not in w),
    )


_lock = threading.Lock()
_loaded: Future[Lexicon] | None = None


def _start() -> Future[Lexicon]:
    global _loaded
    with _lock:
        if _loaded is None:
            from concurrent.futures import Future

            future: Future[Lexicon] = Future()
            future.set_running_or_notify_cancel()
            _loaded = future
            threading.Thread(target=_load_into, args=(future,), name="privacy-lexicon", daemon=True).start()
        return _loaded


def _load_into(future: Future[Lexicon]) -> None:
    try:
        # The detectors compile their patterns on import: here, off the event loop, before the first scan.
        importlib.import_module(f"{__package__}.engine")
        future.set_result(load())
    except BaseException as error:  # handed to whoever waits; a missing data file must not pass silently
        future.set_exception(error)


def warm_up(on_ready: Callable[[], object] | None = None) -> Future[Lexicon]:
    """Start loading the lists in a background thread (once) and return the future that completes when done.

    `on_ready` is called when loading ends, in the loading thread (or at once, in this thread, when it already has).
    From asyncio, `await asyncio.wrap_future(warm_up())` waits without blocking the loop.
    """
    future = _start()
    if on_ready is not None:
        future.add_done_callback(lambda _done: on_ready())
    return future


def ready() -> bool:
    """Return True when the lists are loaded, so a scan can be complete without waiting."""
    future = _loaded
    return future is not None and future.done() and future.exception() is None


@overload
def get(wait: Literal[True] = True) -> Lexicon: ...
@overload
def get(wait: bool) -> Lexicon | None: ...
def get(wait: bool = True) -> Lexicon | None:
    """Return the lists; with `wait`, load them first (in the background thread) and block until they are there.

    Without `wait`, return None while they are still loading (and start loading when nobody has yet).
    """
    future = _start()
    if wait:
        return future.result()
    return future.result() if ready() else None


def folded_set(words: Iterable[str]) -> frozenset[str]:
    """Return `words` folded, as a set."""
    return frozenset(fold(w) for w in words)
