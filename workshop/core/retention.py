"""Retention (AVG: keep no longer than needed): which sessions are past their term, which files are a session's own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

# A quarter: long enough to export a session, hold the follow-up meeting and correct the plan; the actions live on in
# the team's PDCA plan, so the session's own cards and exports are not needed after it.
DEFAULT_RETENTION_DAYS = 90
ENV_VAR = "WORKSHOP_BEWAARTERMIJN"
# What outlives a purged session: its anonymous figures (overview_sessions.figures_record) in exports/cijfers/<id>.json,
# so the overview's trends and bouwstenen still compare a team's ratings a year apart. Not one of its export_names.
FIGURES_FOLDER = "cijfers"

# What exports/ holds of one session, after its id: summary (Markdown, printable HTML, PDF), the QR code, the
# terugkoppeling, the lessons and the paper answer sheet. The team's PDCA plan (pdca-<team>.md) is the team's.
EXPORT_SUFFIXES: tuple[str, ...] = (
    ".md",
    ".html",
    ".pdf",
    "-qr.svg",
    "-qr.png",
    "-terugkoppeling.md",
    "-lessen.md",
    "-antwoordblad.html",
    "-antwoordblad.pdf",
)


def export_names(session_id: str) -> tuple[str, ...]:
    """Return the names of the files in exports/ that belong to session `session_id` alone (present or not)."""
    return tuple(session_id + suffix for suffix in EXPORT_SUFFIXES)


def retention_days(setting: str | int | None) -> int:
    """Return the retention term in days from a setting ("120", 120) or the default; raise ValueError when it is not
    a whole number of at least 1 day."""
    if setting is None or (isinstance(setting, str) and not setting.strip()):
        return DEFAULT_RETENTION_DAYS
    days = int(setting)
    if days < 1:
        raise ValueError(f"retention must be at least 1 day, not {days}")
    return days


def past_retention(created: Iterable[tuple[str, str]], now: datetime, days: int = DEFAULT_RETENTION_DAYS) -> list[str]:
    """Return the ids of the sessions started more than `days` days before `now`, oldest first.

    `created` holds (session id, created_at as ISO 8601 with its time zone), as Meta has them.
    """
    old = [(started, sid) for sid, started in created if (now - datetime.fromisoformat(started)).days > days]
    return [sid for _started, sid in sorted(old)]
