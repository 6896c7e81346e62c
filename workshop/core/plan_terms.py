"""The words of a team's PDCA plan: its sections and columns, the names people give them, its rows and ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .plan_words import has_result, iso_date, normalise_decision, normalise_status, read_status
from .script import slugify

Section = str  # "plan", "do", "check" or "act"
TABLE_SECTIONS: tuple[Section, ...] = ("do", "check", "act")
SECTIONS: tuple[Section, ...] = ("plan",) + TABLE_SECTIONS

# The columns the tool writes in a new plan, per table: (field, header). People may reorder columns, rename
# them to one of the ALIASES, or add their own; a column the tool does not know is kept and never written into.
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
        ("feedback_to", "Terugkoppeling aan"),
        ("feedback_when", "Terugkoppeling wanneer"),
        ("feedback_done", "Terugkoppeling gedaan"),
        # Carried over (domain.md §3): each review that left the action open, whatever its deadline; the header says so.
        ("carried_over", "Doorgeschoven (keer open na review)"),
    ),
}
SECTION_TITLES: dict[Section, str] = {"plan": "Plan", "do": "Do", "check": "Check", "act": "Act"}
# Words a heading may start with for each section ("## Check / meten", "### Do", "## Act ✅").
SECTION_WORDS: dict[str, Section] = {
    "plan": "plan",
    "do": "do",
    "doen": "do",
    "uitvoeren": "do",
    "uitvoering": "do",
    "check": "check",
    "checken": "check",
    "controleren": "check",
    "act": "act",
    "bijsturen": "act",
}
# Column headers people use, by header_key (letters only, lower case, without a part in brackets).
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "what": ("wat", "actie", "maatregel", "verbeteractie", "omschrijving", "activiteit", "watgaanwedoen"),
    "why": ("waarom", "signaal", "aanleiding", "reden", "thema"),
    "owner": ("eigenaar", "wie", "verantwoordelijke", "verantwoordelijk", "actiehouder", "trekker", "uitvoerder"),
    "due": ("deadline", "wanneer", "einddatum", "streefdatum", "uiterlijk", "klaarop", "datumgereed", "gereedop"),
    "phase": ("fase", "pdcafase", "pdca"),
    "status": ("status", "standvanzaken", "stand", "voortgang"),
    "check_method": ("checkmethode", "methode", "meetmethode", "hoemeten", "hoemetenwe", "hoemetenwehet"),
    "indicator": ("indicator", "norm", "meetpunt", "streefwaarde", "kpi"),
    "check_date": ("checkdatum", "datumcheck", "checkmoment", "evaluatiedatum", "meetdatum", "controledatum"),
    "result": ("resultaat", "resultaten", "uitkomst", "effect", "opbrengst", "watleverdehetop"),
    "act_decision": ("besluit", "actbesluit", "beslissing", "vervolg", "vervolgbesluit"),
    "feedback": ("terugkoppeling", "wieweethet", "gecommuniceerd"),
    "feedback_to": ("terugkoppelingaan", "terugkoppelenaan", "teruggekoppeldaan", "aanwie"),
    "feedback_when": ("terugkoppelingwanneer", "terugkoppeldatum", "teruggekoppeldop", "datumterugkoppeling"),
    "feedback_done": ("terugkoppelinggedaan", "teruggekoppeld"),
    "carried_over": ("doorgeschoven", "overgedragen", "keerdoorgeschoven"),
    "baseline": ("nulmeting", "baseline", "beginwaarde", "uitgangswaarde", "basiswaarde", "startwaarde"),
    "target": ("doel", "doelwaarde", "streefdoel", "target"),
}
# Columns the merge adds to the first Check table when an action of the session has a baseline or target and no
# Check table has a column for it yet (a plan without indicators keeps its five columns).
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (("baseline", "Nulmeting"), ("target", "Doel"))
ALIASES: dict[str, str] = {key: field for field, keys in _ALIASES.items() for key in keys}
# The review's answers and the fields they go into, in the order the four questions ask them.
ANSWER_FIELDS: tuple[str, ...] = ("status", "result", "act_decision", "feedback_to", "feedback_when", "feedback_done")
PHASE_ORDER = "PDCA"
YES_WORDS = frozenset({"ja", "j", "yes", "gedaan", "klaar", "✅", "✔", "x"})
NO_WORDS = frozenset({"nee", "n", "no", "nog niet", "niet"})


@dataclass(frozen=True)
class PlanRow:
    """One action of the plan, put together from its rows in the Do, Check and Act tables (plain text)."""

    id: str
    what: str = ""
    why: str = ""
    owner: str = ""
    due: str = ""  # as written in the plan, e.g. "15-12-2026" or "10 januari 2027"
    phase: str = ""
    status: str = ""  # as written; see `status_key`
    check_method: str = ""
    indicator: str = ""
    check_date: str = ""  # as written
    result: str = ""
    act_decision: str = ""
    feedback: str = ""  # terugkoppeling: the free-text column of older plans ("Terugkoppeling")
    feedback_to: str = ""  # terugkoppeling aan wie
    feedback_when: str = ""  # terugkoppeling wanneer, as written
    feedback_done: str = ""  # terugkoppeling gedaan: ja / nee, as written
    carried_over: int = 0
    line: int = 0  # 1-based line of its first row in the file
    # ISO date of the session that put the action in the plan (from the plan's memory); "" when unknown.
    agreed: str = ""
    baseline: str = ""  # nulmeting (an indicator's figure when the action started)
    target: str = ""  # doel

    @property
    def status_key(self) -> str:
        """The status as one of ACTION_STATUSES, or "" when the plan says something else, denies it, or nothing."""
        return normalise_status(self.status)

    @property
    def status_understood(self) -> bool:
        """False when the status cell says something the plan does not know (the action then counts as open)."""
        return read_status(self.status).understood

    @property
    def is_open(self) -> bool:
        """True unless the plan marks it klaar or gestopt: an unknown or negated status is reviewed rather than lost."""
        return self.status_key not in ("klaar", "gestopt")

    @property
    def awaits_review(self) -> bool:
        """True while the action's PDCA cycle is not through, so the next review step takes it: open (see
        `is_open`), or klaar without an Act decision (Besluit empty: what did it bring, what do we decide, whom
        did we tell). Klaar with a decision, and gestopt, are through."""
        if self.status_key == "klaar":
            return not self.act_decision.strip()
        return self.is_open

    @property
    def due_iso(self) -> str:
        return iso_date(self.due)

    @property
    def check_date_iso(self) -> str:
        return iso_date(self.check_date)

    @property
    def told(self) -> str:
        """Who was told, on one line: the three cells ("cliëntenraad · 12-01-2027 · gedaan"), else the free text."""
        parts = [p for p in (self.feedback_to, self.feedback_when) if p.strip()]
        done = yes_no(self.feedback_done)
        if parts and done is not None:
            parts.append("gedaan" if done else "nog niet gedaan")
        return " · ".join(parts) or self.feedback


@dataclass(frozen=True)
class PlanWarning:
    """Something in the plan worth a look that did not stop the merge: `code` in the messages, 1-based `line`."""

    code: str
    line: int
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PlanMerge:
    """What a merge did: the new text, and which rows it added, updated or left alone."""

    text: str
    changed: bool  # False when the text is exactly what was there
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # review answers not written because a person edited the cell since
    kept_cells: tuple[tuple[str, str], ...] = ()  # (id, column header) of each cell kept that way
    # (id, column header) of each answer not written because the plan's memory of the session was gone
    unsure_cells: tuple[tuple[str, str], ...] = ()
    # (id, column header) of each answer with no cell to go to: that action has no row in the table of that column
    unplaced: tuple[tuple[str, str], ...] = ()
    deleted: tuple[str, ...] = ()  # the session's actions not added again: someone took them out of the plan
    ids: tuple[tuple[str, str], ...] = ()  # (action id in the session, id in the plan) for every action
    warnings: tuple[PlanWarning, ...] = ()
    memory_rebuilt: bool = False  # the plan's memory of this session (merged before) was gone, and is rebuilt
    # Not written: a review across teams without actions of its own needs no plan of its own (needs_own_plan).
    skipped: bool = False


# ----- public functions ------------------------------------------------------------------------------------


def plan_file_name(team: str) -> str:
    """Return the file name of a team's plan in exports/: `pdca-<team-slug>.md`."""
    return f"pdca-{slugify(team)}.md"


def plan_id(prefix: str, action_id: str) -> str:
    """Return the id of a session's action in the plan: the session's prefix and the action's id ("DL-2611-a1").

    Plans written before short ids use the session id as the prefix ("2026-11-23-team-x-visie-a1").
    """
    return f"{prefix}-{action_id}"


def team_initials(team: str) -> str:
    """Return the initials of a team for short ids: "Team De Linde" -> "DL", "Afdeling 3B" -> "A3"."""
    plain = unicodedata.normalize("NFKD", team).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z0-9]+", plain) if w.lower() != "team"]
    return "".join(w[0].upper() for w in words)[:4] or "T"


def short_prefix(team: str, created_at: str) -> str:
    """Return the short prefix of a session's action ids: team initials, year and month ("DL-2611").

    The plan makes it unique (DL-2611, DL-2611b, ...) when the team had more sessions that month.
    """
    when = datetime.fromisoformat(created_at)
    return f"{team_initials(team)}-{when:%y%m}"


def id_key(text: str) -> str:
    """Return an action id as the plan matches it: case and spacing do not count ("DL-2612-A2 " -> "dl-2612-a2")."""
    return " ".join(text.split()).casefold()


# Words in a Do column's header that make it the status column when no header is one exactly ("Gedaan?",
# "Status / voortgang", "Afgerond"); not with a word that makes it a date or a person ("Afgerond op", "Klaar door").
_STATUS_HEADER_WORDS = frozenset({"status", "voortgang", "stand", "gedaan", "afgerond", "klaar", "gereed", "done"})
_NOT_STATUS_HEADER_WORDS = frozenset({"op", "datum", "wanneer", "per", "door", "wie", "aan", "sinds", "date"})


def status_column(header: str) -> bool:
    """True when a header the plan does not know exactly names a status word: "Status update", "Gedaan?"."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    words = set(re.findall(r"[a-z]+", plain))
    return bool(words & _STATUS_HEADER_WORDS) and not words & _NOT_STATUS_HEADER_WORDS


def header_key(text: str) -> str:
    """Return a column header as a key of ALIASES: "Check-datum" -> "checkdatum", "Eigenaar (rol)" -> "eigenaar"."""
    text = re.sub(r"\([^)]*\)", "", text)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def derive_phase(status_key: str, result: str, decision: str) -> str:
    """Return the PDCA phase an action is in: a decision -> A, a result (or klaar) -> C, bezig -> D, else P.

    gestopt counts as A (stopping is what the group decided). A result cell that says there is none yet
    ("nog niet gemeten", "n.v.t.", "-", "?") is no result (plan_words.has_result).
    """
    if decision.strip() or status_key == "gestopt":
        return "A"
    if has_result(result) or status_key == "klaar":
        return "C"
    if status_key == "bezig":
        return "D"
    return "P"


def workshop_phase(cell: str) -> str:
    """Return the phase in a Fase cell when it holds one workshop writes: P, D, C or A in any case, with spaces or
    markup ("**c**"); "" for an empty cell or the team's own words ("wacht op budget")."""
    plain = re.sub(r"[\s*_`~]", "", cell).upper()
    return plain if len(plain) == 1 and plain in PHASE_ORDER else ""


def phase_to_write(cell: str, status: str, result: str, decision: str, *, fill: bool) -> str | None:
    """Return the phase to write into a Fase cell, or None to leave it as it is.

    A cell with a phase workshop writes (see workshop_phase) is derived again from the status, result and
    decision (derive_phase), also back (an action opened again is no longer C); an empty cell only when `fill`
    (an action the review answered). A cell with the team's own words is theirs. Without anything to derive a
    phase from (no status the plan knows, no result, no decision) a written phase stays: nothing is guessed.
    An A stays A when only the review's answers could take it back (`fill`): a Besluit emptied by hand may be
    a slip or a decision taken back, and the plan cannot tell which (phase_held names the line).
    """
    status_key = normalise_status(status)
    derived = derive_phase(status_key, result, decision)
    if not cell.strip():
        return derived if fill else None
    now = workshop_phase(cell)
    if not now or now == derived or (now == "A" and not fill):
        return None
    known = status_key or has_result(result) or decision.strip()
    return derived if known else None


def phase_held(cell: str, status: str, decision: str) -> bool:
    """True when a Fase cell says A but no decision (and no gestopt) stands beside it any more: the A is kept
    (see phase_to_write), and the reading of the plan says so, with its line."""
    return workshop_phase(cell) == "A" and not decision.strip() and normalise_status(status) != "gestopt"


def yes_no(text: str) -> bool | None:
    """Read a ja/nee cell: True, False, or None when it says neither (empty, or words it does not know)."""
    plain = " ".join(re.sub(r"[*_`~.!]", "", text).lower().split())
    if plain in YES_WORDS:
        return True
    if plain in NO_WORDS:
        return False
    return None


__all__ = [
    "ALIASES",
    "ANSWER_FIELDS",
    "COLUMNS",
    "INDICATOR_COLUMNS",
    "PlanMerge",
    "PlanRow",
    "PlanWarning",
    "SECTIONS",
    "SECTION_TITLES",
    "SECTION_WORDS",
    "TABLE_SECTIONS",
    "derive_phase",
    "header_key",
    "id_key",
    "iso_date",
    "normalise_decision",
    "normalise_status",
    "phase_held",
    "phase_to_write",
    "plan_file_name",
    "plan_id",
    "short_prefix",
    "status_column",
    "team_initials",
    "workshop_phase",
    "yes_no",
]
