"""Privacy scans of card texts made ahead of the command that stores them (e.g. in a process of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .inputs import tidy_text
from .redaction import flags


@dataclass(frozen=True)
class Scanned:
    """The privacy flags of one card text on one day, found before the command that stores the card ran."""

    text: str  # as the card command stores it (control characters and outer blanks gone)
    day: date  # the day the scan took as today (plausible birth years depend on it)
    kinds: tuple[str, ...]


def scan_ahead(text: str, today: date) -> Scanned:
    """Scan `text` now, for a card command that runs later (in another process, or after an await)."""
    cleaned = tidy_text(text)
    return Scanned(cleaned, today, flags(cleaned, today=today))


def card_flags(text: str, today: date, scanned: Scanned | None = None) -> tuple[str, ...]:
    """Return the privacy flags of a card's (clean) `text`: from `scanned` when it scanned this very text on
    this very day, else by scanning now. A scan made ahead is never trusted for any other text or day."""
    if scanned is not None and scanned.text == text and scanned.day == today:
        return scanned.kinds
    return flags(text, today=today)
