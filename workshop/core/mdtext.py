"""Literal text inside generated Markdown: escaping participant text, and dates as Dutch readers write them."""

from __future__ import annotations

import re
from datetime import datetime

# Characters that can start Markdown syntax inside a line; a backslash makes each one literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!$])")
# What makes a line's start a block: a list item ("- x", "+ x", "12. x", "3) x": a marker, then a space or the end), a
# thematic break or setext underline ("---", "==="), a quote (">"). A figure such as "-0,3", "+2" or "8.1" is none of
# these and is left as it is: "\-0,3" would show its backslash wherever the Markdown is read as plain text (Word).
_LEADING_MARKER = re.compile(r"^(\s*)(>|=(?=[=\s]*$)|[-+](?=\s|$|-)|\d{1,9}(?=[.)](?:\s|$)))")


def escape(text: str) -> str:
    """Return `text` as literal inline Markdown: one line, every syntax character escaped.

    Participant text goes through here, so a card can never add a heading, a link, HTML or a
    table cell to the summary.
    """
    flat = " ".join(str(text).split())
    flat = _INLINE_SPECIAL.sub(r"\\\1", flat)
    match = _LEADING_MARKER.match(flat)
    if match:
        # "1. x" or "- x" at the start would become a list; "=" or ">" a heading or quote.
        marker = match.group(2)
        if marker.isdigit():
            end = match.end(2)
            flat = flat[:end] + "\\" + flat[end:]
        else:
            start = match.start(2)
            flat = flat[:start] + "\\" + flat[start:]
    return flat


def counted(n: int, one: str, many: str) -> str:
    """Return "1 stip" or "3 stippen": the number with the word that fits it (not "stip(pen)")."""
    return f"{n} {one if n == 1 else many}"


def format_date(iso: str) -> str:
    """Return an ISO date or timestamp as a Dutch date (23-11-2026); "" and words ("teamoverleg") stay as they are."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%d-%m-%Y")
    except ValueError:
        return iso
