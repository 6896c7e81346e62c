"""Dutch numbers written in words, 1 to 99, and years ("negentienachtendertig"): patterns and their values."""

from __future__ import annotations

import re

_UNITS = ("één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien")
_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")

# 1 to 99 in words, longest forms first; "een" only inside a compound ("eenentwintig"): alone it is the article.
NUMBER_WORD = (
    r"(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?(?:twintig|dertig|veertig|vijftig|zestig|"
    r"zeventig|tachtig|negentig)|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|"
    r"één|twee|drie|vier|vijf|zes|zeven|acht|negen"
)
# A year in words: "negentienachtendertig", "negentienhonderdachtendertig", "negentien achtendertig",
# "tweeduizendtwee".
YEAR_WORD = rf"(?:negentien(?:\s?honderd)?(?:\s?en)?\s?(?:{NUMBER_WORD})|tweeduizend(?:\s?en)?\s?(?:{NUMBER_WORD})?)"

_COMPOUND = re.compile(r"^(?:(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?(\w+)$")


def number_value(word: str) -> int | None:
    """Return the value of a number in words from 1 to 99 ("twaalf" -> 12, "drieëntwintig" -> 23), or None."""
    word = word.lower().replace(" ", "")
    if word == "een":
        return 1
    if word in _UNITS:
        return _UNITS.index(word) + 1
    if word in _TEENS:
        return _TEENS.index(word) + 10
    m = _COMPOUND.match(word)
    if not m or m.group(2) not in _TENS:
        return None
    unit = m.group(1)
    units = 0 if unit is None else (1 if unit in ("een", "één") else _UNITS.index(unit) + 1)
    return (_TENS.index(m.group(2)) + 2) * 10 + units


def year_value(words: str) -> int | None:
    """Return the year of a year in words ("negentienachtendertig" -> 1938, "tweeduizendtwee" -> 2002), or None."""
    plain = words.lower().replace(" ", "")
    for head, century in (("negentienhonderd", 1900), ("negentien", 1900), ("tweeduizend", 2000)):
        if plain.startswith(head):
            rest = plain[len(head) :].removeprefix("en")
            if not rest:
                return century if head != "negentien" else None
            value = number_value(rest)
            return None if value is None else century + value
    return None
