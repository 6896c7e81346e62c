"""What kind of Dutch word a word is by its form: a verb ("slaapt", "klaagde"), a participle ("gevallen",
"benauwd") or an adjective ("onrustig", "misselijk"), rather than a noun that may be a surname ("Kalkman")."""

from __future__ import annotations

import re
from collections.abc import Callable

from .findings import word_set

# A participle: "gevallen", "opgewekt", "aangekleed", "benauwd", "verward", "ontspannen".
_PARTICIPLE = re.compile(
    r"^(?:(?:op|af|aan|in|uit|mee|terug|door|over|om|na|toe|weg|bij|vast|los|rond|neer|vol|tegen)?ge[a-z]{2,}(?:d|t|en)"
    r"|(?:be|ver|ont|her)[a-z]{2,}(?:d|t|en))$"
)
_ADJECTIVE_ENDINGS = (
    "ig",
    "ige",
    "lijk",
    "lijke",
    "isch",
    "ische",
    "baar",
    "bare",
    "zaam",
    "zame",
    "loos",
    "loze",
    "ief",
    "ieve",
    "eel",
    "ele",
    "iel",
    "iele",
)
# Short words for how someone is that phones capitalise after "Mw. " ("Mw. Moe na de fysio", "Dhr. Suf").
_STATES = word_set(
    """moe suf zwak bleek stil boos blij bang kalm helder somber alert actief wakker koud warm ziek fit rustiger
    onrustiger slechter zwakker vermoeid tevreden ontevreden verdrietig geagiteerd gespannen nerveus emotioneel
    verward benauwd misselijk duizelig"""
)
_LONG_VOWELS = "aeou"


def _infinitives(stem: str) -> list[str]:
    """Return the infinitives a verb stem may come from: "slaap" -> slapen, "zit" -> zitten, "leef" -> leven."""
    out = [stem + "en"]
    base = stem
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _LONG_VOWELS:
        base = stem[:-2] + stem[-1]  # "slaap" -> "slap", "klaag" -> "klag"
    for tail, voiced in (("f", "v"), ("s", "z")):
        if base.endswith(tail):
            out.append(base[:-1] + voiced + "en")  # "leef" -> "leven", "lees" -> "lezen"
    out.append(base + "en")
    if (
        len(stem) >= 2
        and stem[-1] not in "aeiou"
        and stem[-2] in "aeiou"
        and (len(stem) < 3 or stem[-3] not in "aeiou")
    ):
        out.append(stem + stem[-1] + "en")  # "zit" -> "zitten", "lig" -> "liggen"
    return out


def is_verb_form(folded: str, known: Callable[[str], bool]) -> bool:
    """Return True for a finite verb or a participle whose verb is `known` (a Dutch word): "klaagt", "weigerde"."""
    if _PARTICIPLE.match(folded) and known(folded):
        return True
    stems = []
    for ending in ("den", "ten", "de", "te", "t", "d"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 2:
            stems.append(folded[: -len(ending)])
    if folded.endswith("t"):
        stems.append(folded)  # "zit", "ligt" (stem "lig"), "eet" ("et" is too short)
    return any(known(inf) for stem in stems for inf in _infinitives(stem))


def is_state_word(folded: str, known: Callable[[str], bool]) -> bool:
    """Return True for an adjective or participle saying how someone is: "onrustig", "benauwd", "moe"."""
    if folded in _STATES:
        return True
    if len(folded) >= 5 and folded.endswith(_ADJECTIVE_ENDINGS):
        return True
    return is_participle(folded, known)


def is_participle(folded: str, known: Callable[[str], bool]) -> bool:
    """Return True for a participle that is a Dutch word: "geholpen", "gebeld", "aangekleed", "verward"."""
    return _PARTICIPLE.match(folded) is not None and known(folded)
