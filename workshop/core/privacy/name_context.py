"""What the words around a name candidate say: a ward or a place before it ("afdeling Iris", "in het Anker"), a verb,
a possessive or "van de nachtdienst" after it, and lower-case names where only a person fits ("toen zei bas")."""

from __future__ import annotations

from .findings import word_set
from .name_filters import NameFilters
from .name_tokens import at_sentence_start, title_case
from .vocabulary import (
    INTERFIXES,
    NEVER_FIRST,
    ORDINARY_AFTER_TITLE,
    PERSON_NEXT,
    PERSON_ONLY,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    POSSESSIVES,
    SUBJECT_BEFORE,
)
from .word_shapes import is_participle

# A surname's interfix, capitalised: "De Graaf wilde", "Van der Meer belde", "Visser en De Bruijn".
FRONT_INTERFIXES = frozenset(("De", "Van", "Den", "Der", "Ter", "Ten"))
_ROOM_WORDS = frozenset(("kamer", "k", "kmr", "app", "appartement", "studio"))
# Prepositions before "het"/"de" that make the capitalised word after them a place ("in het Anker", "op de Roos").
_LOCATIVES = PLACE_PREPOSITIONS | word_set(
    "op aan van voor achter naast tegenover via over langs rond rondom vanaf tot"
)
VERBS = PERSON_NEXT - {"en", "of"}
AUXILIARIES = word_set("heb hebt heeft had hadden hebben")
# Participles after which a capitalised word is a language, a subject or a thing: "heb Frans geleerd".
LANGUAGE_PARTICIPLES = word_set("geleerd gesproken gestudeerd verstaan vertaald gelezen geschreven gehad gekregen")
# Endings of the words before a ward's, a room's or a product's name: "Huiskamer Roos", "Robot Tessa", "Leefgroep Anna".
_PLACE_ENDINGS = (
    "kamer",
    "robot",
    "zaal",
    "ruimte",
    "afdeling",
    "locatie",
    "vleugel",
    "paviljoen",
    "woongroep",
    "leefgroep",
    "unit",
    "huis",
)
# Words before a noun: after them a lower-case name that is a word too is that word ("de roos", "zo'n dag").
_DETERMINERS = word_set(
    "de het een die deze dat dit mijn zijn haar onze ons jullie hun je uw elke ieder geen zo'n zo’n m'n m’n z'n z’n "
    "welke zulke iedere elk"
)


class NameContext(NameFilters):
    """The context rules of one scan; the name rules (names.py) build on them."""

    def fronted_surname(self, j: int) -> int | None:
        """Return the surname's token after a capital interfix at token j ("De Bruijn", "Van der Wal"), or None."""
        toks, n = self.tokens, len(self.tokens)
        if j >= n or toks[j].word not in FRONT_INTERFIXES:
            return None
        k = j + 1
        while k < n and self.folded[k] in INTERFIXES and toks[k].word.islower() and k - j <= 2:
            k += 1
        if k >= n or not title_case(toks[k].word) or self._blocked(k) or not self._adjacent(k - 1, k):
            return None
        return k if self.folded[k].split("-")[0] in self.lex.surnames or self._surname(k) else None

    def _lower_word_name(self, i: int) -> bool:
        """ "ria zei", "met ria", "toen zei bas": a lower-case first name that is a word too, where a person fits."""
        f = self.folded[i]
        if len(f) < 3 or f in ORDINARY_AFTER_TITLE:
            return False
        prev = self.folded[i - 1] if self._adjacent(i - 1, i) else ""
        nxt = self.folded[i + 1] if self._adjacent(i, i + 1) else ""
        if prev in _DETERMINERS:
            return False  # "de roos", "een bas"
        if at_sentence_start(self.text, self.tokens, i) and nxt in VERBS:
            return True  # "ria had nachtdienst": a noun would have its article
        return prev in ("met", "aan", "bij") or prev in PERSON_ONLY or nxt in PERSON_ONLY

    def _lower_full_name(self, i: int) -> bool:
        k = i + 1
        while k < len(self.tokens) and self.folded[k] in INTERFIXES and k - i <= 3:
            k += 1
        return k > i + 1 and k < len(self.tokens) and self._lower_surname(k)

    def _place_before(self, i: int) -> bool:
        if i == 0 or not self._adjacent(i - 1, i):
            return False  # punctuation in between: "afdeling, Henk"
        word = self.tokens[i - 1].word
        start = at_sentence_start(self.text, self.tokens, i - 1)
        if word in ("De", "Het", "Den", "Ter", "Ten", "Sint", "St") and not start:
            return True  # "van De Hoven", "in Het Anker", "Sint Jozef"
        if word in ("De", "Het") and start:
            return True  # "De Wilgenhof krijgt ...", "Het Parkhuis heeft ..."
        f = self.folded[i - 1]
        if f in PLACE_PREPOSITIONS:
            return False
        if f in ("het", "'t", "de") and word.islower():
            # "in het Anker", "op de Roos" are places; "lukt het Jeroen", "volgens de Vries" are people.
            return start or (i >= 2 and self.folded[i - 2] in _LOCATIVES)
        if f.endswith(_PLACE_ENDINGS) and f != "thuis":
            return True  # "Huiskamer Roos", "zorgrobot Tessa", "leefgroep Anna"
        # "afdeling Iris", "Afdeling Jasmijn"; a capital "De" was handled above ("De Boer" is a name).
        return f in PLACE_WORDS and (word.islower() or f not in ("de", "het"))

    def _place_after_preposition(self, i: int) -> bool:
        f = self.folded[i]
        if i == 0 or self.folded[i - 1] not in PLACE_PREPOSITIONS:
            return False
        return f in self.lex.not_names or (f in self.lex.places and f not in self.lex.first_names)

    def _person_next(self, i: int) -> bool:
        """Return True when what follows token i makes it a person: a verb, a possessive, "van de nachtdienst"."""
        toks, n = self.tokens, len(self.tokens)
        after = self.text[toks[i].end : toks[i + 1].start if i + 1 < n else len(self.text)]
        if after.strip().startswith((",", "(")):
            return True
        if i + 1 >= n or after.strip():
            return False
        f, nxt = self.folded[i], self.folded[i + 1]
        if len(toks[i + 1].word) == 1 and toks[i + 1].word.isupper() and toks[i + 1].dot:
            return True  # "Jan B. heeft de dienst geruild": a surname's initial
        if nxt in ("en", "of"):
            # "Petra en Wim", "Visser en De Bruijn hadden dienst"
            if i + 2 >= n or not title_case(toks[i + 2].word):
                return False
            return self._in_lists(self.folded[i + 2]) or self.fronted_surname(i + 2) is not None
        if f not in NEVER_FIRST and nxt in POSSESSIVES and i + 2 < n and toks[i + 2].word.islower():
            return True  # "Jan zijn moeder", "Koen z'n rolstoel", "Truus haar dochter"
        if f not in NEVER_FIRST and nxt == "van" and i + 2 < n:
            # "Ria van kamer 4", "Ria van de nachtdienst", "Joke van het wijkteam"
            after_van = self.folded[i + 2]
            if after_van in _ROOM_WORDS:
                return True
            if after_van in ("de", "het", "'t") and i + 3 < n and toks[i + 3].word.islower():
                return True
        if nxt in INTERFIXES and nxt not in ("het", "'s"):
            # "Jan de Vries viel": an interfix and a surname right after
            k = i + 1
            while k < n and self.folded[k] in INTERFIXES:
                k += 1
            return k < n and (title_case(toks[k].word) or (toks[i].word.islower() and self._lower_surname(k)))
        if self._lower_first_surname(i):
            return True
        return nxt in PERSON_NEXT or (
            title_case(toks[i + 1].word) and self._in_lists(self.folded[i + 1]) and not self._blocked(i + 1)
        )

    def _person_context(self, i: int) -> bool:
        prev = self.folded[i - 1] if i > 0 else ""
        if prev in ("bij", "met", "aan", "door", "voor", "naar", "van", "en", "zei", "belde") or self._person_next(i):
            return True
        word = self.tokens[i].word
        if title_case(word) and prev in AUXILIARIES and self._adjacent(i, i + 1):
            nxt = self.folded[i + 1]
            if nxt not in LANGUAGE_PARTICIPLES and is_participle(nxt, self._word):
                return True  # "Ik heb Frans geholpen", "we hebben Roos gebeld"; not "heb Frans geleerd"
        # "vanochtend kwam marieke te laat", "toen petra binnenkwam": a lower-case name that is no word, as a subject
        return (
            word.islower() and self.folded[i] not in self.lex.name_words and (prev in VERBS or prev in SUBJECT_BEFORE)
        )
