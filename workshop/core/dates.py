"""Dates as people read them on a screen: "5 dec 2026" (Dutch) or "5 Dec 2026" (English), never 2026-12-05.

The one formatter for the facilitator's screens. Files keep the format they document and are read back in
(mdtext.format_date, 05-12-2026: the summary and the PDCA plan); the session's ids keep their ISO date.
"""

from __future__ import annotations

from datetime import date, datetime

# Month names written out by hand, not via the locale (strftime's %b): the same on every laptop, whatever it is set to.
MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def screen_date(value: str | date, lang: str = "nl") -> str:
    """Return a date, or an ISO date or timestamp, as people read it on screen ("5 dec 2026"); "" and anything else
    (words such as "teamoverleg 12 maart", a date written another way) come back as they are."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:  # "" too
            return str(value)
    day = value.date() if isinstance(value, datetime) else value
    months = MONTHS.get(lang, MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"
