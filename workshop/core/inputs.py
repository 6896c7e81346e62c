"""What people type, made fit for a session: clean text and names, dates and counts, and fresh secrets."""

from __future__ import annotations

import re
import secrets
from datetime import date

from .errors import DomainError
from .plan_words import read_date

MAX_CARD_LENGTH = 500
MAX_NAME_LENGTH = 80
MAX_HEADCOUNT = 10_000  # more people than any room holds: a typing mistake
# Control characters have no place on a card; they could also confuse a terminal. Bidirectional
# overrides, embeddings, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C) would let a
# card read differently from what it holds ("evil" shown as "live"), on every surface at once.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """Return `text` without control characters and bidirectional controls (tabs and newlines stay)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def tidy_text(text: str) -> str:
    """Return `text` without control characters or outer blanks (what clean_text keeps, unchecked)."""
    return without_controls(text or "").strip()


def clean_text(text: str) -> str:
    """Return a card's text without control characters or outer blanks.

    Raises DomainError when nothing is left or it is longer than MAX_CARD_LENGTH.
    """
    text = tidy_text(text)
    if not text:
        raise DomainError("card.empty")
    if len(text) > MAX_CARD_LENGTH:
        raise DomainError("card.too_long", length=len(text), limit=MAX_CARD_LENGTH)
    return text


def clean_name(name: str, code: str) -> str:
    """Return a name on one line with single spaces. Raises DomainError(`code`) when empty, or when too long."""
    name = " ".join(_BIDI.sub("", name or "").split())
    if not name:
        raise DomainError(code)
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError("card.too_long", length=len(name), limit=MAX_NAME_LENGTH)
    return name


def clean_organisation(name: str) -> str:
    """Return an organisation's name as kept (it may be empty): outer blanks gone, at most MAX_NAME_LENGTH."""
    return _BIDI.sub("", name).strip()[:MAX_NAME_LENGTH]


def clean_nickname(name: str | None) -> str | None:
    """Return a participant's nickname as kept, or None when there is none."""
    return _BIDI.sub("", name or "").strip()[:MAX_NAME_LENGTH] or None


def parse_date(text: str) -> date:
    """Read a date as people type it: 2026-12-01, 1-12-2026, 01/12/2026, or in words as in a plan ("1 maart 2027",
    "vr 10 jan. 2027"). Raises DomainError otherwise, also for a date without a year: no guessing."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    elif re.search(r"[a-z]", text, re.I):  # words: the plan's reader, which takes exactly one date with its year
        found = read_date(text)
        if found is not None:
            return found
    raise DomainError("action.bad_date", value=text)


def parse_headcount(value: int | str) -> int:
    """Return the number of people in the room from a number or what someone typed ("12", " 0 ").

    0 means "not counted". Raises DomainError for anything that is not a whole number from 0 to MAX_HEADCOUNT.
    """
    text = str(value).strip()
    if not text.isdigit() or int(text) > MAX_HEADCOUNT:
        raise DomainError("session.bad_headcount", value=text, limit=MAX_HEADCOUNT)
    return int(text)


def new_join_token() -> str:
    """Return a fresh, unguessable join token for the URL in the QR code (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def new_web_secret() -> str:
    """Return a fresh key (64 hex digits) for signing the phones' cookies and form tokens."""
    return secrets.token_hex(32)
