"""One scan of one text: every detector, the known-good words, and "pending" while the name lists still load."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from .dates import scan_dates, years_after_names
from .findings import Finding, finding, kinds, without_overlaps, word_set
from .lexicon import Lexicon, fold
from .lexicon import get as lexicon
from .names import scan_names, scan_titled_names
from .places import rooms_after_names, scan_addresses, scan_rooms
from .structured import scan_bsns, scan_emails, scan_ibans, scan_phones, scan_postcodes, web_spans
from .vocabulary import MEDICINE_ENDINGS
from .words import is_word_cached as is_word

KnownGood = Iterable[str] | None


def known_good_words(*texts: str) -> frozenset[str]:
    """Return the known-good words and phrases of `texts` (team, organisation, the script's words), folded."""
    out: set[str] = set()
    for text in texts:
        if not text or not text.strip():
            continue
        phrase = fold(" ".join(text.split()))
        if " " in phrase and len(phrase) <= 60:
            out.add(phrase)
        out.update(w for w in re.findall(r"[^\W\d_][\w'’-]*", phrase) if len(w) > 1)
    return frozenset(out)


def known_set(known_good: KnownGood) -> frozenset[str]:
    """Return `known_good` as folded words and phrases (a frozenset from `known_good_words` is used as it is)."""
    if not known_good:
        return frozenset()
    if isinstance(known_good, frozenset):
        return known_good
    return known_good_words(*known_good)


def scan(
    text: str, *, today: date | None = None, known_good: KnownGood = None, wait: bool = True
) -> tuple[Finding, ...]:
    if not text:
        return ()
    year = (today or date.today()).year
    names = lexicon(wait=wait)
    found: list[Finding] = []
    found += scan_emails(text, None if names is None else mailbox_words(names))
    found += scan_ibans(text)
    found += scan_phones(text)
    found += scan_bsns(text)
    found += scan_dates(text, year)
    found += scan_postcodes(text, None if names is None else _place(names))
    found += scan_addresses(text, None if names is None else _not_street(names))
    found += scan_rooms(text)
    if names is None:
        titled = scan_titled_names(text)
        found += titled + years_after_names(text, titled, year)
        return (*without_overlaps(found), finding("pending", 0, len(text), "high"))
    web = web_spans(text)
    people = [
        p
        for p in scan_names(text, names, known_set(known_good))
        if not any(a <= p.start and p.end <= b for a, b in web)
    ]
    found += people
    found += rooms_after_names(text, people)
    found += years_after_names(text, people, year)
    return without_overlaps(_postcodes_over_rooms(found))


def _postcodes_over_rooms(found: list[Finding]) -> list[Finding]:
    """Drop a room that holds a postcode: "woning 9721 TR" is an address, however "woning 9721" reads."""
    codes = [f for f in found if f.kind == "postcode"]
    if not codes:
        return found
    return [f for f in found if f.kind != "room" or all(f.end <= c.start or f.start >= c.end for c in codes)]


def _place(names: Lexicon) -> Callable[[str], bool]:
    """Return the test for a Dutch place, written in lower case ("utrecht", "den"): what follows a postcode."""

    def place(word: str) -> bool:
        f = fold(word)
        return f in names.places or (f in names.not_names and not is_word(f, names.dictionary))

    return place


def _not_street(names: Lexicon) -> Callable[[str], bool]:
    """Return the test for a word that with a number is no address: a medicine, a brand, a month ("Oxazepam 10")."""

    def known(word: str) -> bool:
        f = fold(word)
        if f in names.places:
            return False
        return f in names.not_names or f in names.soft_not_names or f.endswith(MEDICINE_ENDINGS)

    return known


# A surname's interfix written onto it in a mailbox: "vanderhoek", "vandenberg", "terhorst", "denhartog".
_MAILBOX_INTERFIX = re.compile(r"^(?:van(?:der|den|de)?|ter|ten|den|der)(?=[a-z]{3})")
# Words that begin so and are no surname (the word list keeps them only as the compounds it rebuilds).
_INTERFIX_WORDS = word_set(
    """vandaag vanavond vanmiddag vanmorgen vannacht vanochtend vanuit vandaar vanzelf vanaf vanwege vanouds
    vanbinnen vanboven vangen vanger vangers terras terrein termijn termijnen terecht terstond terzijde tenslotte
    tenminste tenzij tennis tender tenten tentoon tenger dertig dertien derden dergelijke derhalve denken denkers
    denklijn denkraam dennen"""
)


_DESK_MEN = word_set("ombudsman vertrouwensman contactman")


def mailbox_words(names: Lexicon) -> Callable[[str], bool]:
    """Return the test for a part of a desk's mailbox: an ordinary Dutch word that is no name ("facilitair").

    A surname with its interfix joined on is a name, also when its parts are words ("vanderhoek", "vandijk"), and
    so is a first name before it ("mariekevandijk").
    """

    def surname(part: str) -> bool:
        if part in names.dictionary or part in _INTERFIX_WORDS:
            return False  # "derde", "vandaag", "tentoonstellingen", "terugbelverzoek"
        for start in range(len(part) - 5):
            if start and part[:start] not in names.first_names:
                continue
            m = _MAILBOX_INTERFIX.match(part, start)
            rest = part[m.end() :] if m else ""
            if m and (rest in names.surnames or rest in names.dictionary or rest in names.places):
                return True
        return False

    def plain(part: str) -> bool:
        if part in names.first_names or part in names.surnames or surname(part):
            return False
        if part.endswith(("man", "mans")) and part not in _DESK_MEN:
            return False  # a surname made of words: "tuinman", "kalkman"; not the "ombudsman"
        return is_word(part, names.dictionary)

    return plain


def flags(*texts: str, today: date | None = None, known_good: KnownGood = None, wait: bool = True) -> tuple[str, ...]:
    known = known_set(known_good)
    found: list[Finding] = []
    for text in texts:
        found += scan(text, today=today, known_good=known, wait=wait)
    return kinds(found)
