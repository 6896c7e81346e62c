"""The check dates as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar import.

One all-day event per check moment (check date or borgcheck), the action and its indicator in the description.
Written by hand rather than with a library (measured: icalendar costs 73 ms to import and 5.5 MB plus
python-dateutil and tzdata, for ~60 lines of text here); tests/organisation/test_agenda.py reads every file back
with the icalendar library. What Outlook needs: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), a UID and DTSTAMP per event, all-day dates as VALUE=DATE with DTEND the day after, METHOD:PUBLISH.
The UID stays the same for the same action and date, so importing a newer file updates an event, not doubles it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from .agenda import Entry
from .privacy import redact

PRODID = "-//workshop//PDCA-agenda//NL"
KINDS = {"checkmoment": "Checkmoment", "borgcheck": "Borgcheck"}


def calendar_text(entries: Sequence[Entry], *, stamp: datetime, name: str = "PDCA-checkmomenten") -> str:
    """Return an iCalendar file with one all-day event per check moment or borgcheck in `entries` (others skipped).

    `stamp` (UTC) is the DTSTAMP of every event. Every text is redacted: a calendar leaves the laptop.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    seen: set[str] = set()
    for entry in entries:
        if entry.kind not in KINDS or entry.day is None:
            continue
        uid = event_uid(entry)
        if uid in seen:
            continue
        seen.add(uid)
        lines += _event(entry, uid, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def event_uid(entry: Entry) -> str:
    """Return the event's UID: the same for the same team, action, kind and day, whenever the file is written."""
    assert entry.day is not None
    key = f"{entry.team}\n{entry.row.id}\n{entry.kind}\n{entry.day.isoformat()}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}@workshop.pdca"


def _event(entry: Entry, uid: str, stamp: datetime) -> list[str]:
    assert entry.day is not None
    row = entry.row
    what = redact(row.what)
    details = [
        f"{KINDS[entry.kind]} van {entry.team}: {row.id} {what}",
        f"Indicator: {redact(row.indicator)}" if row.indicator.strip() else "Indicator: (nog niet afgesproken)",
    ]
    if row.check_method.strip():
        details.append(f"Checkmethode: {redact(row.check_method)}")
    if row.baseline.strip() or row.target.strip():
        details.append(f"Nulmeting: {redact(row.baseline) or '–'} · doel: {redact(row.target) or '–'}")
    if row.owner.strip():
        details.append(f"Eigenaar: {redact(row.owner)}")
    if entry.kind == "borgcheck":
        details.append("Het team besloot dit te borgen: werkt het nog zoals afgesproken?")
    if entry.plan:
        details.append(f"Plan: {entry.plan}")
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{entry.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{entry.day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text(f'{KINDS[entry.kind]}: {what} ({entry.team})')}",
        f"DESCRIPTION:{_text(chr(10).join(details))}",
        "TRANSP:TRANSPARENT",
        f"CATEGORIES:{_text('PDCA')}",
        "END:VEVENT",
    ]


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line to at most `limit` octets per line (RFC 5545 §3.1): CRLF and a space before each
    continuation, never splitting a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            parts.append("".join(current))
            current, size = [], 0
            room = limit - 1  # a continuation line starts with one space
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
