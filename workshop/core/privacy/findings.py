"""What the privacy guard reports: a Finding (where, what kind, how sure), the kinds, their labels and advice."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..messages import render

Severity = Literal["low", "high"]
Kind = Literal["bsn", "birth_date", "postcode", "phone", "email", "iban", "address", "name", "room", "pending"]
# "pending" is not personal data: it says the text's scan is not finished (the name lists are still loading), so
# the text counts as flagged, whole, until it is scanned again. It comes last so the real kinds are named first.
KINDS: tuple[str, ...] = (
    "bsn",
    "birth_date",
    "postcode",
    "phone",
    "email",
    "iban",
    "address",
    "name",
    "room",
    "pending",
)
PENDING = "pending"

# How far (in characters) a context word may stand from a hit and still change its severity.
CONTEXT_CHARS = 40
# A full date without birth context counts as a possible date of birth only when its year lies at least this many
# years back: meeting dates, deadlines and the dates of protocols and letters are recent, clients' birthdays are not.
OLD_DATE_MIN_AGE = 50
# Kept from the earlier module: the youngest age at which a year could be a colleague's birth year.
BIRTH_YEAR_MIN_AGE = 15


@dataclass(frozen=True)
class Finding:
    """One likely piece of personal data: where it is (text[start:end]), what kind, how sure.

    It holds no copy of the text itself, so a finding can be stored, shown or logged safely.
    """

    kind: Kind
    start: int
    end: int
    severity: Severity
    suggestion: str


def kind_label(kind: str, lang: str = "nl") -> str:
    """Return the name people read for a finding kind, in `lang`."""
    return render(f"privacy.kind.{kind}", lang, {})


def suggestion(kind: str, lang: str = "nl") -> str:
    """Return the advice for a finding of `kind` ("Gebruik liever 'de bewoner' of 'een collega'.")."""
    return render(f"privacy.suggest.{kind}", lang, {})


def kinds(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Return the distinct kinds of `findings`, in the order of KINDS."""
    present = {f.kind for f in findings}
    return tuple(k for k in KINDS if k in present)


def is_pending(found_kinds: Iterable[str]) -> bool:
    """Return True when `found_kinds` (a card's or action's `privacy` tuple) says its scan is not finished."""
    return PENDING in found_kinds


def word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of `words` as a set (for the long word lists of the detectors)."""
    return frozenset(words.split())


def finding(kind: Kind, start: int, end: int, severity: Severity) -> Finding:
    """Return a Finding with the Dutch advice for its kind."""
    return Finding(kind=kind, start=start, end=end, severity=severity, suggestion=suggestion(kind))


def near(pattern: re.Pattern[str], text: str, start: int, end: int, reach: int = CONTEXT_CHARS) -> bool:
    """Return True when `pattern` occurs within `reach` characters of text[start:end]."""
    return pattern.search(text[max(0, start - reach) : end + reach]) is not None


def without_overlaps(found: list[Finding]) -> tuple[Finding, ...]:
    """Keep the strongest of overlapping findings: high before low, then the longest, then the earliest."""
    ranked = sorted(found, key=lambda f: (f.severity != "high", -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return tuple(sorted(kept, key=lambda f: f.start))
