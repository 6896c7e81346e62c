"""The owner of an action is a role, not a person: tell when a text looks like a person's name, and suggest roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .findings import word_set
from .lexicon import fold
from .lexicon import get as _lexicon

# What the dialog offers instead of a name (B1 Dutch, as teams say it).
ROLE_SUGGESTIONS: tuple[str, ...] = (
    "teamleider",
    "EVV'er",
    "verpleegkundige",
    "verzorgende",
    "kwaliteitsfunctionaris",
    "aandachtsvelder",
    "specialist ouderengeneeskunde",
    "praktijkopleider",
    "roosteraar",
    "het hele team",
)
# Words that name a role, a group or a desk ("de kwaliteitsfunctionaris", "werkgroep valpreventie", "HR").
_ROLE_WORDS = word_set(
    """teamleider leidinggevende manager locatiemanager clustermanager zorgmanager coordinator coördinator evv'er
    evv evver eerstverantwoordelijke verpleegkundige vpk verzorgende vz ig helpende kwaliteitsfunctionaris
    kwaliteitsverpleegkundige kwaliteitsmedewerker aandachtsvelder aandachtsfunctionaris specialist
    ouderengeneeskunde so arts huisarts psycholoog fysiotherapeut fysio ergotherapeut logopedist dietist diëtist
    geestelijk verzorger activiteitenbegeleider begeleider roosteraar planner planning praktijkopleider opleider
    werkbegeleider mentor team werkgroep secretaresse secretariaat directeur bestuurder teamcoach coach
    vrijwilligerscoordinator clientenraad cliëntenraad mt hr p&o ict facilitair huishouding gastvrouw keuken
    techniek nachtdienst avonddienst dagdienst iedereen allen allemaal wij we niemand ik zelf de het een en of
    met van voor"""
)
_PLACE_BEFORE = word_set("de het team afdeling locatie woongroep huize huis unit")
_ROLE_ENDINGS = re.compile(r"(?:'?er|ige|ende|ist|aris|eur|ator|or|ant|ent|ster|schap|raad|dienst|team|groep)$")


def _role_like(word: str) -> bool:
    f = fold(word)
    return f in _ROLE_WORDS or (word.islower() and _ROLE_ENDINGS.search(f) is not None)


def looks_like_person(text: str, known_good: Iterable[str] | None = None, *, wait: bool = True) -> bool:
    """Return True when `text` (an action's owner) looks like a person's name ("Anja de Boer", "Fatima").

    A role ("teamleider", "EVV'er", "de kwaliteitsfunctionaris", "teamleider + EVV'er") is not a person, nor is a
    known-good word (the team or organisation). Without `wait`, while the name lists load, any capitalised word
    that is not a role counts: the dialog then asks once more, which is the safe side.
    """
    from .engine import known_set
    from .names import TITLES, scan_names, title_case, tokens

    known = known_set(known_good)
    toks = tokens(text)
    if not toks:
        return False
    lexicon = _lexicon(wait=wait)
    if lexicon is None:
        return any(
            title_case(t.word) and not _role_like(t.word) and fold(t.word) not in known and fold(t.word) not in TITLES
            for t in toks
        )
    if scan_names(text, lexicon, known):
        return True
    for i, tok in enumerate(toks):
        f = fold(tok.word)
        if f in known or _role_like(tok.word) or f in lexicon.not_names:
            continue
        if i > 0 and fold(toks[i - 1].word) in _PLACE_BEFORE:
            continue  # "De Linde", "team Merel": a ward or a team
        # In a field that holds a name or a role, "Roos" or "Bakker" is a name; "wil" in lower case is not.
        listed = f in lexicon.first_names or f in lexicon.surnames
        if listed and not (tok.word.islower() and f in lexicon.name_words):
            return True
    return False
