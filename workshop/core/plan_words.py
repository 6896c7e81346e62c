"""What people write in a plan's cells, read without guessing: statuses and decisions (with negation), and dates.

"nog niet klaar", "bijna klaar, meting loopt" and "Gedaan: nee" are not klaar; a word the plan does not know
is kept and read as open, with a warning, rather than guessed. A closed status (klaar, gestopt) counts only
when the cell plainly says so ("Klaar.", "klaar op 3 maart", "Gedaan: ja"): "klaar?", "klaar 50%", "klaar in
maart", "~~klaar~~", "[ ] klaar" or "was klaar, opnieuw open" keep the action open, with a warning.
A result cell counts only when it holds a result: "nog niet gemeten", "n.v.t.", "volgt", "-" or "?" do not,
and a result with a question mark ("8 van 10?") is not sure, so it does not count either (with a warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .model import ACT_DECISIONS, ACTION_STATUSES

# Words (and a few phrases) people write for a status, mapped onto the plan's own five.
STATUS_WORDS: dict[str, str] = {
    **{s: s for s in ACTION_STATUSES},
    "afgerond": "klaar",
    "gereed": "klaar",
    "gedaan": "klaar",
    "voltooid": "klaar",
    "done": "klaar",
    "✅": "klaar",
    "✔": "klaar",
    "☑": "klaar",
    "loopt": "bezig",
    "lopend": "bezig",
    "gestart": "bezig",
    "begonnen": "bezig",
    "gaande": "bezig",
    "onderweg": "bezig",
    "in uitvoering": "bezig",
    "in progress": "bezig",
    "nog te doen": "gepland",
    "todo": "gepland",
    "to do": "gepland",
    "nieuw": "gepland",
    "later": "uitgesteld",
    "on hold": "uitgesteld",
    "gepauzeerd": "uitgesteld",
    "geparkeerd": "uitgesteld",
    "vervallen": "gestopt",
    "geschrapt": "gestopt",
    "geannuleerd": "gestopt",
    "afgeblazen": "gestopt",
}
DECISION_WORDS: dict[str, str] = {
    **{d: d for d in ACT_DECISIONS},
    "borg": "borgen",
    "geborgd": "borgen",
    "vasthouden": "borgen",
    "bijgesteld": "bijstellen",
    "bijsturen": "bijstellen",
    "aanpassen": "bijstellen",
    "aangepast": "bijstellen",
    "stop": "stoppen",
    "gestopt": "stoppen",
    "staken": "stoppen",
    "opgeschaald": "opschalen",
    "uitbreiden": "opschalen",
    "uitrollen": "opschalen",
}
# A status word after one of these (at most three words before it) does not hold: "nog niet klaar", "bijna klaar".
NEGATIONS = frozenset({"niet", "geen", "nooit", "bijna", "half", "deels", "gedeeltelijk", "nauwelijks", "not"})
# ... nor with one of these right after it: "Gedaan: nee", "klaar? nee".
_DENIED_AFTER = re.compile(r"^\s*[:?=-]?\s*(nee|niet|no|nog niet)\b", re.I)
# A negated "started" word means it has not started: "niet gestart", "nog niet begonnen".
_NOT_STARTED = frozenset({"gestart", "begonnen", "bezig", "loopt", "lopend"})
_OPEN = ("gepland", "bezig", "uitgesteld")
_CLOSED = ("klaar", "gestopt")
_WORD = re.compile(r"[a-zà-ÿ]+|[✅✔☑]")

MONTHS: dict[str, int] = {
    **{
        name: n
        for n, name in enumerate(
            (
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ),
            1,
        )
    },
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mrt": 3,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "january": 1,
    "february": 2,
    "august": 8,
}
_NUMERIC_DATE = re.compile(r"(?<![\d-])(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?![\d])")
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})(?!\d)")


@dataclass(frozen=True)
class Reading:
    """What a status or decision cell says: `key` (one of the plan's own words, or ""), and whether it was understood.

    An empty cell is understood (it says nothing). A cell that is not understood is kept as written and
    counts as open; the plan reports a warning for it.
    """

    key: str
    understood: bool = True
    doubt: str = ""  # a closed status the cell names but does not plainly say ("klaar 50%" -> "klaar")


def read_status(text: str) -> Reading:
    """Read a status cell: "**Klaar** ✅" -> klaar, "nog niet klaar" -> open (""), "niet gestart" -> gepland.

    Several statuses that contradict each other ("klaar of gestopt?"), or words it does not know, give
    key "" and understood False: the action stays open and the plan warns.
    """
    said, denied = _keywords(text, STATUS_WORDS)
    if not said and not denied:
        return Reading("", understood=not _has_words(text))
    if said:
        closed = [s for s in said if s not in _OPEN]
        if len(set(said)) == 1:
            if said[0] in _CLOSED and not _plainly(text, said[0]):
                return Reading("", understood=False, doubt=said[0])  # "klaar?", "klaar 50%": not sure, so open
            return Reading(said[0])
        if not closed:
            return Reading(said[-1])  # "gepland, loopt nu": open either way; the latest word is the news
        return Reading("", understood=False)
    # Only denied words: "nog niet klaar" is open, "niet gestart" is gepland.
    if all(word in _NOT_STARTED for word in denied):
        return Reading("gepland")
    return Reading("")


def status_unsure(text: str) -> bool:
    """Return True for a status cell that keeps its action open because it is not surely read ("klaar?", "half af")."""
    return not read_status(text).understood


def read_decision(text: str) -> Reading:
    """Read an act-decision cell ("Borgen!" -> borgen, "niet borgen" -> ""); two decisions are not understood."""
    said, _denied = _keywords(text, DECISION_WORDS)
    if not said:
        return Reading("", understood=not _has_words(text) or bool(_denied))
    if len(set(said)) == 1:
        return Reading(said[0])
    return Reading("", understood=False)


def normalise_status(text: str) -> str:
    """Return the plan status in `text` ("**Klaar** ✅" -> "klaar"), or "" when there is none or it is negated."""
    return read_status(text).key


def normalise_decision(text: str) -> str:
    """Return the act decision in `text` ("Borgen!" -> "borgen"), or ""."""
    return read_decision(text).key


def read_date(text: str) -> date | None:
    """Read a date as people write it in a plan: 2027-01-10, 10-1-2027, 10/01/27, "10 januari 2027", "vr 10 jan. 2027".

    Returns None for anything else, also for a date without a year ("10 januari"): no guessing.
    """
    plain = " ".join(re.sub(r"[*_`~]", "", text).lower().split())
    if not plain:
        return None
    try:
        return date.fromisoformat(plain)
    except ValueError:
        pass
    found: list[date | None] = []
    for match in _NUMERIC_DATE.finditer(plain):
        day, month, year = (int(g) for g in match.groups())
        found.append(_date(year + (2000 if year < 100 else 0), month, day))
    for match in _WORD_DATE.finditer(plain):
        if match.group(2) in MONTHS:
            found.append(_date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))))
    # Exactly one date in the cell ("uiterlijk 10 januari 2027"); two, or none, is not a date to go by.
    return found[0] if len(found) == 1 else None


def iso_date(text: str) -> str:
    """Return a plan date in ISO form ("10 januari 2027" -> "2027-01-10"); "" when it is not a date."""
    found = read_date(text)
    return found.isoformat() if found else ""


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _keywords(text: str, vocabulary: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return the keys of `vocabulary` said in `text`, and those said but negated, in text order."""
    lowered = " ".join(text.lower().split())
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(lowered)]
    said: list[str] = []
    denied: list[str] = []
    i = 0
    while i < len(tokens):
        # Longest phrase first: "in uitvoering", "nog te doen", "on hold".
        for length in (3, 2, 1):
            phrase = " ".join(t[0] for t in tokens[i : i + length])
            if len(tokens[i : i + length]) == length and phrase in vocabulary:
                break
        else:
            i += 1
            continue
        end = tokens[i + length - 1][2]
        # The three words before it, within its own part of the sentence: "geen tijd, gepland" is gepland.
        clause = re.split(r"[,;.!?()]", lowered[: tokens[i][1]])[-1]
        before = set(clause.split()[-3:])
        negated = bool(before & NEGATIONS) or bool(_DENIED_AFTER.match(lowered[end:]))
        if phrase == "nog te doen":
            negated = False
        (denied if negated else said).append(vocabulary[phrase] if not negated else phrase)
        i += length
    return said, denied


# What may stand next to a closed status word and leave it plain: a date (with "op", "per" or "sinds"), "ja"
# ("Gedaan: ja"), a ticked box, a check mark, and punctuation that ends or separates ("Klaar.", "klaar!").
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_PLAIN_PARTS = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2027-03-03
    r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}"  # 3-3-2027, 03/03/27
    r"|\b(?:op|per|sinds)\s+\d{1,2}\s*[-/.]\s*\d{1,2}(?![\d/.-])"  # op 3-3 (a bare 3/4 could be a fraction)
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b\.?(?:\s+\d{{4}})?"  # 3 maart, 3 mrt. 2027
    r"|\b(?:op|per|sinds|ja|yes)\b|\[x\]|[✅✔☑]"
)
_PLAIN_MARKUP = re.compile(r"\*\*|__|`|(?<!\w)[*_]|[*_](?!\w)")


def _plainly(text: str, key: str) -> bool:
    """True when `text` says status `key` and nothing that puts it in doubt: only the word, a date, "ja", a mark.

    Everything else keeps it open: a question mark, a percentage or fraction, a month without a day ("in maart"),
    strike-through, an unchecked box, an arrow, "opnieuw", "deels" and any other word.
    """
    plain = _PLAIN_MARKUP.sub(" ", " ".join(text.lower().split()))
    words = sorted((w for w, k in STATUS_WORDS.items() if k == key), key=len, reverse=True)
    plain = re.sub("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), " ", plain)
    plain = _PLAIN_PARTS.sub(" ", plain)
    return not re.sub(r"[\s.,;:!()\-–—]", "", plain)


def _has_words(text: str) -> bool:
    """True when a cell says something: not empty, and not just a dash or markup ("–", "**")."""
    return bool(re.sub(r"[\s*_`~\-–—.]", "", text))


# What people write in a result cell when there is no result yet (compared without dots, markup and end marks).
NO_RESULT_WORDS = frozenset(
    {
        "nvt",
        "nb",
        "pm",
        "tbd",
        "volgt",
        "volgt nog",
        "onbekend",
        "nog onbekend",
        "nog niet",
        "nog geen",
        "geen resultaat",
        "nog niet bekend",
        "nog niet gemeten",
        "niet gemeten",
        "nog te meten",
        "?",
    }
)
# ... or that starts with one of these: "nog niet gemeten, volgt in maart", "nog geen cijfers", "wordt nog gemeten".
_NO_RESULT_START = re.compile(r"^(nog niet|nog geen|nog te|wordt nog|volgt|niet gemeten|onbekend)\b")


def _plain_result(text: str) -> str:
    plain = _PLAIN_MARKUP.sub(" ", text.lower()).replace(".", "")
    return " ".join(plain.split()).strip(" :;!,()-–—")


def result_unsure(text: str) -> bool:
    """True when a result cell holds words but doubts them ("8 van 10?", "beter?"): not counted, worth a warning."""
    plain = _plain_result(text)
    return "?" in plain and plain.strip("? ") != "" and not _no_result(plain)


def has_result(text: str) -> bool:
    """True when a result cell holds a result; never guessed: empty, "-", "?", "nog niet gemeten", "n.v.t.",
    "volgt", "onbekend" and a result with a question mark do not count."""
    plain = _plain_result(text)
    return _has_words(text) and bool(plain) and not _no_result(plain) and "?" not in plain


def _no_result(plain: str) -> bool:
    return plain.strip("? ") == "" or plain in NO_RESULT_WORDS or bool(_NO_RESULT_START.match(plain))
