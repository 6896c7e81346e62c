"""Privacy guard: finds likely personal data in text (domain.md §4), masks and redacts it; never logs it.

Shapes (BSN, IBAN, phone, e-mail, postcode, dates, rooms, addresses, names after a title) are found by patterns at
once. Names without a title need the name lists (lexicon.py), loaded once in a background thread: call `warm_up()`
after the first frame. A scan with `wait=False` never blocks: until the lists are there it adds a "pending" finding
over the whole text, and a pending text counts as flagged until it is scanned again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..messages import render
from .findings import (
    BIRTH_YEAR_MIN_AGE,
    CONTEXT_CHARS,
    KINDS,
    OLD_DATE_MIN_AGE,
    PENDING,
    Finding,
    Kind,
    Severity,
    is_pending,
    kind_label,
    kinds,
    suggestion,
)
from .lexicon import ready
from .roles import ROLE_SUGGESTIONS, looks_like_person

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .lexicon import Lexicon

__all__ = [
    "BIRTH_YEAR_MIN_AGE",
    "CONTEXT_CHARS",
    "KINDS",
    "OLD_DATE_MIN_AGE",
    "PENDING",
    "ROLE_SUGGESTIONS",
    "Finding",
    "Kind",
    "Severity",
    "flags",
    "is_functional_mailbox",
    "is_pending",
    "is_valid_bsn",
    "is_valid_iban",
    "kind_label",
    "kinds",
    "known_good_words",
    "looks_like_person",
    "mask",
    "notice",
    "ready",
    "redact",
    "scan",
    "suggestion",
    "warm_up",
]

# The detectors (engine.py and what it imports) compile their patterns when first used, or in warm_up's thread,
# so importing this package stays as cheap as it was before the name lists came.
KnownGood = Iterable[str] | None


def warm_up(on_ready: Callable[[], object] | None = None) -> Future[Lexicon]:
    """Start loading the detectors and the name lists in a background thread (once); return its future.

    Call it after the first frame. `on_ready` runs when loading ends, in the loading thread (or at once, in this
    thread, when it already has). From asyncio: `await asyncio.wrap_future(warm_up())`, then rescan what is pending.
    """
    from .lexicon import warm_up as start

    return start(on_ready)


def known_good_words(*texts: str) -> frozenset[str]:
    """Return the known-good words and phrases of `texts` (team, organisation, the script's words), folded.

    Build it once per session and pass it to every `scan(..., known_good=...)`: a name candidate that is one of
    these words, or lies inside one of these phrases ("De Linde", "Zorggroep Oost"), is not flagged.
    """
    from .engine import known_good_words as build

    return build(*texts)


def scan(
    text: str, *, today: date | None = None, known_good: KnownGood = None, wait: bool = True
) -> tuple[Finding, ...]:
    """Return the likely personal data in `text`, in text order, without overlaps.

    `today` (default: the real date) decides which years count as plausible birth years. `known_good` holds words
    and phrases that are never a name here (see `known_good_words`). With `wait` (the default) a scan waits for the
    name lists the first time; with `wait=False` it never blocks: while the lists load it returns the other
    findings plus one "pending" finding over the whole text. Pure: the text is not stored, logged or sent.
    """
    from .engine import scan as run

    return run(text, today=today, known_good=known_good, wait=wait)


def flags(*texts: str, today: date | None = None, known_good: KnownGood = None, wait: bool = True) -> tuple[str, ...]:
    """Return the kinds of likely personal data in any of `texts` (KINDS order); () when none.

    With `wait=False`, "pending" among them means: not finished, treat as flagged and scan again when `ready()`.
    """
    from .engine import flags as run

    return run(*texts, today=today, known_good=known_good, wait=wait)


def is_valid_bsn(digits: str) -> bool:
    """Return True when `digits` (8 or 9 digits, separators allowed) passes the 11-proef and is not all zeros."""
    from .structured import is_valid_bsn as check

    return check(digits)


def is_valid_iban(text: str) -> bool:
    """Return True when `text` (spaces allowed) passes the IBAN mod-97 check."""
    from .structured import is_valid_iban as check

    return check(text)


def is_functional_mailbox(address: str) -> bool:
    """Return True for a desk's or team's address (kwaliteit@…, info@…, facilitair@…), which is not personal data.

    Once the word lists are loaded, any mailbox made of ordinary Dutch words that are no names counts too.
    """
    from .engine import mailbox_words
    from .lexicon import get
    from .structured import is_functional_mailbox as check

    names = get(wait=False)
    return check(address, None if names is None else mailbox_words(names))


MASK = "•••"


def mask(text: str, findings: Sequence[Finding]) -> str:
    """Return `text` with every finding replaced by MASK, e.g. for a projector: the room sees that something was
    there, not what, nor how long it was ("Annie de Vries" and "Jo" look the same)."""
    parts, end = [], 0
    for found in sorted(findings, key=lambda f: f.start):
        if found.start < end:  # overlapping: already masked
            end = max(end, found.end)
            continue
        parts += [text[end : found.start], MASK]
        end = found.end
    return "".join(parts) + text[end:]


def redact(
    text: str, findings: Sequence[Finding] | None = None, lang: str = "nl", *, known_good: KnownGood = None
) -> str:
    """Return `text` with every finding replaced by "[verwijderd: <kind>]" (scans, waiting, when `findings` is None)."""
    findings = scan(text, known_good=known_good) if findings is None else findings
    word = "verwijderd" if lang != "en" else "removed"
    if any(f.kind == PENDING for f in findings):
        return f"[{word}: {kind_label(PENDING, lang)}]"  # not checked yet: nothing of it may pass
    out, last = [], 0
    for found in sorted(findings, key=lambda f: f.start):
        if found.start < last:
            continue
        out.append(text[last : found.start])
        out.append(f"[{word}: {kind_label(found.kind, lang)}]")
        last = found.end
    out.append(text[last:])
    return "".join(out)


def notice(kinds_found: Sequence[str], lang: str = "nl") -> str:
    """Return what the sender of a flagged text reads: which kinds were seen and what to write instead.

    Returns "" when nothing was found. A text that is only pending gets "is still being checked".
    """
    real = [k for k in kinds_found if k != PENDING]
    if not real:
        return suggestion(PENDING, lang) if kinds_found else ""
    labels = [_with_article(kind_label(k, lang), lang) for k in real]
    joined = (
        labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + (" and " if lang == "en" else " en ") + labels[-1]
    )
    return _render_flagged(joined, suggestion(real[0], lang), lang)


def _render_flagged(joined: str, advice: str, lang: str) -> str:
    return render("privacy.flagged", lang, {"kinds": joined, "suggestion": advice})


def _with_article(label: str, lang: str) -> str:
    if lang == "en":
        return ("an " if label[0].lower() in "aeiou" else "a ") + label
    return "een " + label
