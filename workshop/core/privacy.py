"""Privacy guard: finds likely personal data in text (domain.md §4), masks and redacts it; never logs it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .messages import render

Severity = Literal["low", "high"]
Kind = Literal["bsn", "birth_date", "postcode", "phone", "email", "iban", "address", "name", "room"]
KINDS: tuple[str, ...] = ("bsn", "birth_date", "postcode", "phone", "email", "iban", "address", "name", "room")

# How far (in characters) a context word may stand from a hit and still change its severity.
CONTEXT_CHARS = 40
# A full date without birth context only counts as a possible date of birth when its year lies at
# least this many years back: meeting dates, deadlines and check dates are recent, clients' and
# colleagues' birthdays are not.
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
    """Return the advice for a finding of `kind` ("Gebruik liever 'de bewoner' of 'de collega'.")."""
    return render(f"privacy.suggest.{kind}", lang, {})


# ----- patterns ------------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))

_BSN = re.compile(
    r"(?<![\w.,/+€-])"
    r"(\d{9}|\d{8}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .])\d{2}\3\d{3})"
    r"(?![\w]|[.,/-]\d)"
)
_BSN_CONTEXT = re.compile(r"\b(bsn|burgerservicenummer|burgerservice-nummer|sofi(?:nummer)?|sofi-nummer)\b", re.I)
_MONEY_AFTER = re.compile(r"^\s*(euro|eur\b|,-)", re.I)

_NUMERIC_DATE = re.compile(r"(?<![\w.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[.,/-]\d)")
_WORD_DATE = re.compile(rf"(?<!\w)(\d{{1,2}})\s+({_MONTH_NAMES})\.?\s+(\d{{4}})(?!\w)", re.I)
_BIRTH_YEAR = re.compile(r"\b(?:geb\.|geboren|geboortejaar)\s*(?:in\s+|op\s+)?((?:19|20)\d{2})(?!\w)", re.I)
_BIRTH_CONTEXT = re.compile(r"(\bgeb\.|\bgeboren\b|\bgeboortedatum\b|\bgeboortedag\b|\bgeb\.datum\b|\bgeb\s)", re.I)

# Dutch postcodes: four digits (not starting with 0), two letters. Uppercase letters only, unless the
# word "postcode" stands near: "1234 ab" is far more often ordinary text than an address.
_POSTCODE = re.compile(r"(?<![\w.,/-])([1-9]\d{3})\s?([A-Za-z]{2})(?!\w)")
_POSTCODE_CONTEXT = re.compile(r"\b(postcode|pc|adres|woont|woonachtig)\b", re.I)
# Letter pairs PostNL never uses, and common abbreviations that follow a number or year in sentences.
_NOT_POSTCODE_LETTERS = {
    "SA",
    "SD",
    "SS",
    "OK",
    "HR",
    "IT",
    "AI",
    "PR",
    "QR",
    "TV",
    "CV",
    "KM",
    "KG",
    "MB",
    "GB",
    "EN",
    "OF",
    "IN",
    "OP",
    "EU",
    "NL",
    "ZZ",
    "PM",
    "AM",
    "HB",
    "BMI",
    "CM",
    "MG",
    "ML",
    "UUR",
}
# Two-letter Dutch words that follow a number in ordinary sentences ("in 1938 en ...").
_SHORT_WORDS = {
    "en",
    "in",
    "op",
    "of",
    "te",
    "de",
    "is",
    "al",
    "na",
    "om",
    "nu",
    "ja",
    "ze",
    "we",
    "je",
    "er",
    "me",
    "zo",
    "tv",
    "ok",
    "uw",
    "az",
    "wo",
    "vr",
    "za",
    "ma",
    "di",
    "do",
}
_PLACE_AFTER = re.compile(r"^\s*,?\s*[A-Z][a-zà-ÿ'-]{2,}")

# Phone numbers: 06..., 0xx-..., 0xxx-... (ten digits), +31 / 0031 (nine digits after the country code).
# Separators are spaces, dashes and brackets only: dots are how Dutch people write times (09.30).
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){8}"
    r"|\(?0[1-9](?:[ -]?\)?[ -]?\d){8})"
    r"(?![\w]|[.,-]\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")
_FUNCTIONAL_MAILBOXES = {
    "info",
    "kwaliteit",
    "secretariaat",
    "servicedesk",
    "helpdesk",
    "ict",
    "planning",
    "receptie",
    "klachten",
    "clientenraad",
    "cliëntenraad",
    "communicatie",
    "hr",
    "or",
    "ondernemingsraad",
    "vrijwilligers",
    "team",
    "scholing",
    "opleidingen",
    "academie",
    "zorgbemiddeling",
    "klantenservice",
    "privacy",
    "fg",
}
_IBAN = re.compile(r"(?<!\w)NL ?\d{2} ?[A-Za-z]{4}(?: ?\d){10}(?!\w)")

# Street addresses: a word ending in a street suffix, then a house number (with an optional letter).
_ADDRESS = re.compile(
    r"(?<![\w-])([A-Za-zÀ-ÿ'-]{2,}(?:straat|laan|weg|plein|kade|singel|gracht|dijk|hof|steeg|dreef|pad))"
    r"\s+(\d{1,4})(\s?[a-zA-Z](?![\w]))?(?!\w|[.,]\d)",
)
# Common words with a street suffix that are not streets ("onderweg 2 collega's").
_NOT_STREETS = {
    "onderweg",
    "snelweg",
    "omweg",
    "uitweg",
    "zijweg",
    "halfweg",
    "halverweg",
    "binnenhof",
    "tuinpad",
    "voetpad",
    "fietspad",
    "looppad",
    "zorgpad",
    "leerpad",
    "zandpad",
    "kerkhof",
    "voorhof",
    "groeipad",
    "behandelpad",
    "cliëntpad",
    "ontwikkelpad",
    "zorgplein",
    "leerplein",
    "kennisplein",
}
# Words after a number that make it a quantity rather than a house or room number.
_UNITS = re.compile(
    r"^\s*(%|procent|keer|x\b|minuten|minuut|min\b|uur|uren|dagen|dag\b|weken|week|maanden|maand|jaar|jaren|"
    r"km|kilometer|meter|m\b|euro|cliënten|clienten|bewoners|collega|collega's|mensen|personen|stuks|stappen|"
    r"punten|plekken|bedden|kamers|overleggen|meldingen|acties|fte)",
    re.I,
)

# Names after a title: "mevr. Jansen", "dhr. J. de Vries", "meneer Bakker". A single capital without a
# dot ("meneer X") is how teams anonymise on purpose, so it does not count.
_NAME = re.compile(
    r"(?<!\w)(?i:mevr\.?|mw\.?|dhr\.?|mijnheer|meneer|mevrouw|mevr|de heer|mej\.?)\s+"
    r"((?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|te|het|'t|la|le|du|da|di|el|al)\s+){0,3}"
    r"(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+)?"
    r"|(?:(?:van|de|der|den|ter|ten|te|het|'t|la|le|du|da|di|el|al|Van|De|Ter|Ten|Te|El|Al)\s+){0,3}"
    r"[A-ZÀ-Þ][a-zà-ÿ'’-]+)"
)
_ROOM = re.compile(r"(?<![\w-])(?i:kamer)(?:\s*(?i:nr\.?|nummer))?\s*(\d{1,4}[a-zA-Z]?)(?!\w|[.,]\d)")
_ROOM_NOT = re.compile(r"(tweede|eerste)\s*$", re.I)
_LOCATION_CONTEXT = re.compile(r"\b(afdeling|locatie|woning|woongroep|unit|etage|verdieping|vleugel|huis)\b", re.I)

# Health details near a name, room or address make it far more identifying (AVG art. 9).
_HEALTH = re.compile(
    r"\b(dement\w*|alzheimer\w*|parkinson\w*|diabet\w*|kanker|tumor|depressi\w*|delier\w*|decubitus|"
    r"cva|beroerte|epilep\w*|psychose|psychotisch|verslav\w*|overleden|overlijden|palliatie\w*|insuline|"
    r"morfine|medicatie\w*|incontinent\w*|hartfalen|copd|autis\w*|adhd|suïcid\w*|suicid\w*|gevallen|valincident|"
    r"wond\w*|sondevoeding|fixatie|separatie|hiv|aids|schizofre\w*)\b",
    re.I,
)


# ----- scanning ----------------------------------------------------------------------------------------


def scan(text: str, *, today: date | None = None) -> tuple[Finding, ...]:
    """Return the likely personal data in `text`, in text order, without overlaps.

    `today` (default: the real date) decides which years count as plausible birth years. Pure: the
    text is not stored, logged or sent anywhere.
    """
    if not text:
        return ()
    year = (today or date.today()).year
    found: list[Finding] = []
    found += _scan_emails(text)
    found += _scan_ibans(text)
    found += _scan_phones(text)
    found += _scan_bsns(text)
    found += _scan_dates(text, year)
    found += _scan_postcodes(text)
    found += _scan_addresses(text)
    found += _scan_names(text)
    found += _scan_rooms(text)
    return _without_overlaps(found)


def kinds(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Return the distinct kinds of `findings`, in the order of KINDS."""
    present = {f.kind for f in findings}
    return tuple(k for k in KINDS if k in present)


def mask(text: str, findings: Sequence[Finding], char: str = "•") -> str:
    """Return `text` with every finding's characters replaced by `char` (spaces kept), e.g. for a projector.

    The length stays the same, so the room sees that something was there, not what.
    """
    chars = list(text)
    for finding in findings:
        for i in range(finding.start, min(finding.end, len(chars))):
            if not chars[i].isspace():
                chars[i] = char
    return "".join(chars)


def redact(text: str, findings: Sequence[Finding] | None = None, lang: str = "nl") -> str:
    """Return `text` with every finding replaced by "[verwijderd: <kind>]" (scans when `findings` is None)."""
    findings = scan(text) if findings is None else findings
    word = "verwijderd" if lang != "en" else "removed"
    out, last = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < last:
            continue
        out.append(text[last : finding.start])
        out.append(f"[{word}: {kind_label(finding.kind, lang)}]")
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def notice(kinds_found: Sequence[str], lang: str = "nl") -> str:
    """Return what the sender of a flagged text reads: which kinds were seen and what to write instead.

    Returns "" when nothing was found.
    """
    if not kinds_found:
        return ""
    labels = [_with_article(kind_label(k, lang), lang) for k in kinds_found]
    joined = (
        labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + (" and " if lang == "en" else " en ") + labels[-1]
    )
    return render("privacy.flagged", lang, {"kinds": joined, "suggestion": suggestion(kinds_found[0], lang)})


def _with_article(label: str, lang: str) -> str:
    if lang == "en":
        return ("an " if label[0].lower() in "aeiou" else "a ") + label
    return "een " + label


def is_valid_bsn(digits: str) -> bool:
    """Return True when `digits` (8 or 9 digits, separators allowed) passes the 11-proef and is not all zeros.

    Eight digits are read with a leading 0, as older numbers were written.
    """
    plain = re.sub(r"\D", "", digits)
    if len(plain) == 8:
        plain = "0" + plain
    if len(plain) != 9 or set(plain) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(plain[:8], range(9, 1, -1), strict=False)) - int(plain[8])
    return total % 11 == 0


def is_valid_iban(text: str) -> bool:
    """Return True when `text` (spaces allowed) passes the IBAN mod-97 check."""
    plain = re.sub(r"\s", "", text).upper()
    moved = plain[4:] + plain[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return number.isdigit() and int(number) % 97 == 1


# ----- per kind --------------------------------------------------------------------------------------------


def _finding(kind: Kind, start: int, end: int, severity: Severity) -> Finding:
    return Finding(kind=kind, start=start, end=end, severity=severity, suggestion=suggestion(kind))


def _near(pattern: re.Pattern[str], text: str, start: int, end: int, reach: int = CONTEXT_CHARS) -> bool:
    return pattern.search(text[max(0, start - reach) : end + reach]) is not None


def _scan_bsns(text: str) -> list[Finding]:
    found = []
    for m in _BSN.finditer(text):
        if not is_valid_bsn(m.group(1)):
            continue
        if text[: m.start()].rstrip().endswith(("€", "EUR", "eur")) or _MONEY_AFTER.match(text[m.end() :]):
            continue  # an amount of money with thousand separators, not a number of a person
        # About 1 in 11 random numbers pass the 11-proef, so only context makes it a strong hit.
        severity: Severity = "high" if _near(_BSN_CONTEXT, text, m.start(), m.end()) else "low"
        found.append(_finding("bsn", m.start(), m.end(), severity))
    return found


def _scan_dates(text: str, this_year: int) -> list[Finding]:
    found = []
    candidates: list[tuple[int, int, int, int, int]] = []  # start, end, day, month, year
    for m in _NUMERIC_DATE.finditer(text):
        year = int(m.group(4))
        if len(m.group(4)) == 2:
            year += 1900  # only used with birth context, where a two-digit year is in the past century
        candidates.append((m.start(), m.end(), int(m.group(1)), int(m.group(3)), year))
    for m in _WORD_DATE.finditer(text):
        candidates.append((m.start(), m.end(), int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))))
    for start, end, day, month, year in candidates:
        try:
            date(year, month, day)
        except ValueError:
            continue
        two_digit = not re.search(r"\d{4}", text[start:end])
        if _near(_BIRTH_CONTEXT, text, start, end, reach=25):
            found.append(_finding("birth_date", start, end, "high"))
        elif not two_digit and year <= this_year - BIRTH_YEAR_MIN_AGE:
            found.append(_finding("birth_date", start, end, "low"))
    for m in _BIRTH_YEAR.finditer(text):
        found.append(_finding("birth_date", m.start(1), m.end(1), "low"))
    return found


def _scan_postcodes(text: str) -> list[Finding]:
    found = []
    for m in _POSTCODE.finditer(text):
        letters = m.group(2)
        context = _near(_POSTCODE_CONTEXT, text, m.start(), m.end(), reach=25)
        if letters.upper() in ("SA", "SD", "SS"):
            continue  # never issued
        if not letters.isupper() and (not context or letters.lower() in _SHORT_WORDS):
            continue
        if letters in _NOT_POSTCODE_LETTERS and not context:
            continue
        followed_by_place = _PLACE_AFTER.match(text[m.end() :]) is not None
        severity: Severity = "high" if context or followed_by_place else "low"
        found.append(_finding("postcode", m.start(), m.end(), severity))
    return found


def _scan_phones(text: str) -> list[Finding]:
    found = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        # 088/085 (companies), 0800/090x (service lines) belong to organisations rather than people.
        business = digits.startswith(("088", "085", "0800", "090", "3188", "3185", "00318"))
        found.append(_finding("phone", m.start(), m.end(), "low" if business else "high"))
    return found


def _scan_emails(text: str) -> list[Finding]:
    found = []
    for m in _EMAIL.finditer(text):
        local = m.group(0).split("@", 1)[0].lower()
        # info@, kwaliteit@, ... reach a desk, not a person; still flagged, but not as a strong hit.
        severity: Severity = "low" if local in _FUNCTIONAL_MAILBOXES else "high"
        found.append(_finding("email", m.start(), m.end(), severity))
    return found


def _scan_ibans(text: str) -> list[Finding]:
    return [
        _finding("iban", m.start(), m.end(), "high" if is_valid_iban(m.group(0)) else "low")
        for m in _IBAN.finditer(text)
    ]


def _scan_addresses(text: str) -> list[Finding]:
    found = []
    for m in _ADDRESS.finditer(text):
        word = m.group(1)
        if word.lower() in _NOT_STREETS or _UNITS.match(text[m.end(2) :]):
            continue
        # "Dorpsstraat 12" is an address; "de kerkstraat 3" still most likely; both count, capitals surer.
        severity: Severity = "high" if word[0].isupper() or _near(_HEALTH, text, m.start(), m.end(), 80) else "low"
        found.append(_finding("address", m.start(), m.end(), severity))
    return found


def _scan_names(text: str) -> list[Finding]:
    found = []
    for m in _NAME.finditer(text):
        name = m.group(1).strip()
        if not name or (len(name) == 1):
            continue
        severity: Severity = "high" if _near(_HEALTH, text, m.start(), m.end(), 80) else "low"
        found.append(_finding("name", m.start(), m.start(1) + len(m.group(1).rstrip()), severity))
    return found


def _scan_rooms(text: str) -> list[Finding]:
    found = []
    for m in _ROOM.finditer(text):
        if _ROOM_NOT.search(text[max(0, m.start() - 10) : m.start()]) and text[m.start()] == "K":
            continue  # "de Tweede Kamer", not a room
        if _UNITS.match(text[m.end() :]):
            continue
        # A room number alone points at few people; with a ward or a health detail it points at one.
        strong = _near(_LOCATION_CONTEXT, text, m.start(), m.end(), 60) or _near(_HEALTH, text, m.start(), m.end(), 80)
        found.append(_finding("room", m.start(), m.end(), "high" if strong else "low"))
    return found


def _without_overlaps(found: list[Finding]) -> tuple[Finding, ...]:
    """Keep the strongest of overlapping findings: high before low, then the longest, then the earliest."""
    ranked = sorted(found, key=lambda f: (f.severity != "high", -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return tuple(sorted(kept, key=lambda f: f.start))
