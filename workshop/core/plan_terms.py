"""The words of a team's PDCA plan: its sections and columns, the names people give them, statuses and ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import DomainError
from .inputs import parse_date
from .model import ACT_DECISIONS, ACTION_STATUSES
from .script import slugify

Section = str  # "plan", "do", "check" or "act"
TABLE_SECTIONS: tuple[Section, ...] = ("do", "check", "act")

# The columns the tool writes, per table: (field, header). People may reorder columns, rename them to
# one of the ALIASES, or add their own; a column the tool does not know is kept and left empty in new rows.
COLUMNS: dict[Section, tuple[tuple[str, str], ...]] = {
    "do": (
        ("id", "ID"),
        ("what", "Wat"),
        ("why", "Waarom"),
        ("owner", "Eigenaar"),
        ("due", "Deadline"),
        ("phase", "Fase"),
        ("status", "Status"),
    ),
    "check": (
        ("id", "ID"),
        ("check_method", "Checkmethode"),
        ("indicator", "Indicator"),
        ("check_date", "Checkdatum"),
        ("result", "Resultaat"),
    ),
    "act": (
        ("id", "ID"),
        ("act_decision", "Besluit"),
        ("feedback", "Terugkoppeling"),
        ("carried_over", "Doorgeschoven"),
    ),
}
SECTION_TITLES: dict[Section, str] = {"plan": "Plan", "do": "Do", "check": "Check", "act": "Act"}
ALIASES: dict[str, str] = {
    "id": "id",
    "wat": "what",
    "actie": "what",
    "waarom": "why",
    "signaal": "why",
    "eigenaar": "owner",
    "wie": "owner",
    "deadline": "due",
    "wanneer": "due",
    "fase": "phase",
    "status": "status",
    "checkmethode": "check_method",
    "methode": "check_method",
    "indicator": "indicator",
    "checkdatum": "check_date",
    "resultaat": "result",
    "besluit": "act_decision",
    "actbesluit": "act_decision",
    "terugkoppeling": "feedback",
    "wieweethet": "feedback",
    "doorgeschoven": "carried_over",
    "overgedragen": "carried_over",
}
# Words people write for a status, mapped onto the plan's own five.
STATUS_WORDS: dict[str, str] = {
    **{s: s for s in ACTION_STATUSES},
    "afgerond": "klaar",
    "gereed": "klaar",
    "gedaan": "klaar",
    "loopt": "bezig",
    "gestart": "bezig",
    "vervallen": "gestopt",
    "geschrapt": "gestopt",
}
# Lets a reader (and a second merge) see which sessions are already in the Plan section.


@dataclass(frozen=True)
class PlanRow:
    """One action of the plan, put together from its rows in the Do, Check and Act tables (plain text)."""

    id: str
    what: str = ""
    why: str = ""
    owner: str = ""
    due: str = ""  # as written in the plan, e.g. "15-12-2026"
    phase: str = ""
    status: str = ""  # as written; see `status_key`
    check_method: str = ""
    indicator: str = ""
    check_date: str = ""  # as written
    result: str = ""
    act_decision: str = ""
    feedback: str = ""
    carried_over: int = 0
    line: int = 0  # 1-based line of its first row in the file

    @property
    def status_key(self) -> str:
        """The status as one of ACTION_STATUSES, or "" when the plan says something else (or nothing)."""
        return normalise_status(self.status)

    @property
    def is_open(self) -> bool:
        """True unless the plan marks it klaar or gestopt: an unknown status is reviewed rather than lost."""
        return self.status_key not in ("klaar", "gestopt")

    @property
    def due_iso(self) -> str:
        return _iso(self.due)

    @property
    def check_date_iso(self) -> str:
        return _iso(self.check_date)


@dataclass(frozen=True)
class PlanMerge:
    """What a merge did: the new text, and which rows it added, updated or left alone because of a hand edit."""

    text: str
    changed: bool  # False when the text is exactly what was there
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # review answers not written because a person edited the cell since


# ----- public functions ------------------------------------------------------------------------------------


def plan_file_name(team: str) -> str:
    """Return the file name of a team's plan in exports/: `pdca-<team-slug>.md`."""
    return f"pdca-{slugify(team)}.md"


def plan_id(session_id: str, action_id: str) -> str:
    """Return the stable id of a session's action in the plan, e.g. `2026-11-23-team-x-visie-a1`."""
    return f"{session_id}-{action_id}"


def normalise_status(text: str) -> str:
    """Return the plan status in `text` ("**Klaar** ✅" -> "klaar"), or "" when there is none."""
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
    return ""


def normalise_decision(text: str) -> str:
    """Return the act decision in `text` ("Borgen!" -> "borgen"), or ""."""
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in ACT_DECISIONS:
            return word
    return ""


def header_key(text: str) -> str:
    """Return a column header as a key of ALIASES: "Check-datum" -> "checkdatum"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def _iso(text: str) -> str:
    """Return a date as the plan writes it ("15-12-2026") in ISO form; "" when it is not a date."""
    try:
        return parse_date(text).isoformat() if text.strip() else ""
    except DomainError:
        return ""
