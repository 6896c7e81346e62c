"""Dates of birth: "geb. 12-03-1941", "3 april '41", "1938-07-22", "jarig op 17 oktober"; not meeting dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .findings import BIRTH_YEAR_MIN_AGE, OLD_DATE_MIN_AGE, Finding, finding, near
from .numwords import NUMBER_WORD, YEAR_WORD, number_value, year_value

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
    # English, as some write a card: "birthday 12 dec", "born 3 march 1938"
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    "oct": 10,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))

_NUMERIC_DATE = re.compile(r"(?<![\w.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|['’]?\d{2})(?![\w]|[.,/-]\d)")
# "jarig op 12-3", "verjaardag 12/3": day and month only, counted with birthday words alone.
_DAY_MONTH = re.compile(r"(?<![\w.,/-])(\d{1,2})[-/](\d{1,2})(?![\w]|[.,/-]\d)")
_ISO_DATE = re.compile(r"(?<![\w.,/-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\w]|[.,/-]\d)")
# "3 april '41", "12 okt. 1938", "17 oktober", "10-jul-1939": the abbreviation's dot only when a year follows.
_WORD_DATE = re.compile(
    rf"(?<![\w-])(\d{{1,2}})(?:\s+|[-/.]\s?)({_MONTH_NAMES})(?:\.(?=\s*[\d'’]))?"
    r"(?:(?:\s+|[-/])(\d{4}|['’]\d{2}|(?<=[-/])\d{2}))?(?![\w])",
    re.I,
)
# "12 3 1938": day, month and a four-digit year with spaces.
_SPACED_DATE = re.compile(r"(?<![\w.,/-])(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2})(?![\w]|[.,/-]\d)")
# "twaalf maart negentienachtendertig", "drie mei 1936": the day (and the year) in words.
_SPELLED_DATE = re.compile(
    rf"(?<![\w-])({NUMBER_WORD}|eenendertig)\s+({_MONTH_NAMES})(?:\s+((?:19|20)\d{{2}}|['’]\d{{2}}|{YEAR_WORD}))?(?![\w])",
    re.I,
)
# "geboren op oudejaarsdag 1935", "op kerstavond '41": a feast day and a year.
_FEAST_DATE = re.compile(
    r"(?<![\w-])((?:eerste|tweede|1e|2e)\s+(?:kerstdag|paasdag|pinksterdag)|oudejaarsdag|oudejaarsavond|oudjaar|"
    r"nieuwjaarsdag|nieuwjaar|kerstavond|kerstmis|kerst|koninginnedag|koningsdag|valentijnsdag|pakjesavond|"
    r"sinterklaasavond|sinterklaas|pasen|hemelvaartsdag|hemelvaart|pinksteren|goede\s+vrijdag|allerheiligen|"
    r"allerzielen|prinsjesdag|moederdag|vaderdag)\s+((?:19|20)\d{2}|['’]\d{2})(?![\w])",
    re.I,
)
# "hij is van 1929", "ze is van '38", "een jaargang 1942", "bouwjaar '38, die meneer": a person's year of birth.
_YEAR_IDIOM = re.compile(
    r"(?i:\b(?:(?:is|was|ben|bent|zijn|waren)(?:\s+(?:ook|al|nog|zelf|er))?\s+(?:van|uit)(?:\s+het\s+jaar)?|"
    r"jaargang|bouwjaar|bj\.?))\s+"
    r"((?:19|20)\d{2}|['’]\d{2})(?!\w|\s*(?:tot|t/m|-|–|en\s+\d))"
)
_PERSON = re.compile(
    r"\b(hij|zij|ze|meneer|mevrouw|mw|dhr|mevr|opa|oma|vader|moeder|pa|ma|bewoner|bewoonster|cliënt|client|patiënt|"
    r"patient|man|vrouw|echtgeno\w+|dame|heer|broer|zus|oom|tante|buurman|buurvrouw|collega|schoonmoeder|"
    r"schoonvader)\b",
    re.I,
)
# Things with a year of their own: "het gebouw is van 1929", "de auto is een bouwjaar 2008".
_THING = re.compile(
    r"\b(gebouw|pand|huis|woning|flat|kerk|molen|boerderij|auto|fiets|boot|caravan|tijdschrift|krant|blad|wijn|"
    r"meubel|kast|piano|rolstoel|scootmobiel|rollator|lift|apparaat|machine|protocol|versie|brief|foto|film|boek|"
    r"lied|plaat|schilderij|wet|regeling)\b",
    re.I,
)
_BIRTH_YEAR = re.compile(
    r"(?<![\w-])(?:geb\.|geboren|geboortejaar)\s*(?:in\s+|op\s+)?((?:19|20)\d{2}|['’]\d{2})(?!\w)", re.I
)
_BIRTH_CONTEXT = re.compile(
    r"(?<![\w-])(geb\.|geb\b|gb\b|gb\.|gebd\b|gebdat\.?|geb\.datum|geboren|geboortedatum|geboortedag|geboortejaar|verjaardag\w*|"
    r"jarig|dob|birthday|bday|b-day|born|date\s+of\s+birth)",
    re.I,
)
# "Hij wordt 85 op 4 februari", "ze wordt op 21 november negentig": a birthday without the word.
_BECOMES = re.compile(r"\bwordt\b", re.I)
_AGE = re.compile(
    r"(?<![\d,.])(\d{2,3}|\w+tig|honderd)\b(?!\s*(?:uur|min|minuten|procent|%|euro|keer|ml|mg|kilo|kg|cm|meter))",
    re.I,
)
# Words near an old date that make it the date of a document or an event, not of a person.
_DOCUMENT_CONTEXT = re.compile(
    r"\b(protocol\w*|richtlijn\w*|versie|brief|notulen|werkinstructie\w*|beleid\w*|audit|wet|vastgesteld|sinds|"
    r"d\.d\.|kenmerk|besluit|rapport|verslag|regeling|opgericht|gebouwd|geopend|bevrijd\w*|oorlog|ramp)\b",
    re.I,
)


def scan_dates(text: str, this_year: int) -> list[Finding]:
    found = []
    for start, end, day, month, year, short_year in _candidates(text):
        try:
            date(year or 2000, month, day)
        except ValueError:
            continue
        if _birth_context(text, start, end):
            found.append(finding("birth_date", start, end, "high"))
            continue
        if year is None or near(_DOCUMENT_CONTEXT, text, start, end, 40):
            continue  # "op 17 oktober", "het protocol van 12-03-1975": a meeting or a document
        old = year <= this_year - OLD_DATE_MIN_AGE
        if short_year:
            # "3 april '41" is how people write birthdays; "12-03-41" alone is too often something else.
            old = old and text[start:end].rstrip()[-3] in "'’"
        if old:
            found.append(finding("birth_date", start, end, "low"))
    for m in _FEAST_DATE.finditer(text):
        if _birth_context(text, m.start(), m.end()):  # "Kerst 1944" alone is a memory, not a birthday
            found.append(finding("birth_date", m.start(), m.end(), "high"))
    for m in _BIRTH_YEAR.finditer(text):
        found.append(finding("birth_date", m.start(1), m.end(1), "low"))
    for m in _YEAR_IDIOM.finditer(text):
        year, _short = _year(m.group(1))
        if year > this_year - BIRTH_YEAR_MIN_AGE or not _about_a_person(text, m.start(), m.end()):
            continue
        found.append(finding("birth_date", m.start(1), m.end(1), "high"))
    return found


# Right after a name, a year in brackets is the person's year of birth: "Meneer Blom (1932)", "Henk Bos (*1938)".
_YEAR_AFTER_NAME = re.compile(r"\s*\(\s*[*°]?\s*((?:19|20)\d{2})\s*(?:\)|[-–])")


def years_after_names(text: str, names: Sequence[Finding], this_year: int) -> list[Finding]:
    """Return the birth years written in brackets right after the names found in `text`: "Meneer Blom (1932)"."""
    found = []
    for name in names:
        m = _YEAR_AFTER_NAME.match(text, name.end)
        if m and int(m.group(1)) <= this_year - BIRTH_YEAR_MIN_AGE:
            found.append(finding("birth_date", m.start(1), m.end(1), "high"))
    return found


def _about_a_person(text: str, start: int, end: int) -> bool:
    """Return True when the sentence around text[start:end] speaks of a person and of no thing with a year."""
    before = re.split(r"[.!?\n]\s+", text[max(0, start - 60) : start])[-1]
    after = re.split(r"[.!?\n](?:\s|$)", text[end : end + 60])[0]
    around = before + " " + after
    return _PERSON.search(around) is not None and _THING.search(around) is None


def _candidates(text: str) -> list[tuple[int, int, int, int, int | None, bool]]:
    """Return (start, end, day, month, year or None, year written with two digits) for every date in `text`."""
    out: list[tuple[int, int, int, int, int | None, bool]] = []
    year: int | None
    for m in _NUMERIC_DATE.finditer(text):
        year, short = _year(m.group(4))
        out.append((m.start(), m.end(), int(m.group(1)), int(m.group(3)), year, short))
    for m in _ISO_DATE.finditer(text):
        out.append((m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)), False))
    for m in _DAY_MONTH.finditer(text):
        out.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), None, False))
    for m in _WORD_DATE.finditer(text):
        year, short = _year(m.group(3)) if m.group(3) else (None, False)
        out.append((m.start(), m.end(), int(m.group(1)), _MONTHS[m.group(2).lower()], year, short))
    for m in _SPACED_DATE.finditer(text):
        out.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)), False))
    for m in _SPELLED_DATE.finditer(text):
        day = number_value(m.group(1)) if m.group(1).lower() != "eenendertig" else 31
        written = m.group(3)
        if not written:
            year, short = None, False
        elif written[-1].isdigit():
            year, short = _year(written)
        else:
            year, short = year_value(written), False
        if day is not None and (not written or year is not None):
            out.append((m.start(), m.end(), day, _MONTHS[m.group(2).lower()], year, short))
    return out


def _year(written: str) -> tuple[int, bool]:
    digits = written.lstrip("'’")
    if len(digits) == 2:
        return 1900 + int(digits), True  # two-digit years stand for the past century in birth dates
    return int(digits), False


def _birth_context(text: str, start: int, end: int) -> bool:
    if near(_BIRTH_CONTEXT, text, start, end, reach=30):
        return True
    around = text[max(0, start - 30) : start] + " " + text[end : end + 30]
    return _BECOMES.search(around) is not None and _AGE.search(around) is not None
