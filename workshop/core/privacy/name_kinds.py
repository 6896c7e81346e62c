"""What a word of a text is to the name rules: a listed first name or surname (also as a nickname or a patronymic),
an ordinary Dutch word, a place, a known non-name, or a capitalised word no list knows.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, fold
from .name_tokens import Token, title_case
from .vocabulary import (
    COMPASS,
    DIMINUTIVE_ENDINGS,
    INTERFIXES,
    LANGUAGE_AFTER,
    LANGUAGE_BEFORE,
    LANGUAGE_NAMES,
    MEDICINE_ENDINGS,
    NOT_AFTER_TITLE,
    ORDINARY_AFTER_TITLE,
    PATRONYMIC_ENDINGS,
    PERSON_NEXT,
    PERSON_ONLY,
    PERSONAL_TITLES,
    POSSESSIVES,
    RELATIVES,
    SURNAME_ENDINGS,
    SURNAME_WORD_ENDINGS,
)
from .word_shapes import is_state_word, is_verb_form
from .words import is_word_cached as is_word

_FEAST = re.compile(
    r"(?i)sinterklaas|\bsint\b|\bsinter\b|pakjesavond|pepernot|pepernoot|strooigoed|schoencadeau|stoomboot|"
    r"\bpieten\b|roetveeg|5 december|surprise|amerigo|\bmijter"
)
_FEAST_NAMES = frozenset(("piet", "pieten", "sint"))
_ROMAN = frozenset(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"))
_ABBREVIATION = re.compile(r"[a-z][^aeiouy]{2,5}")  # "Wzd", "Wvggz", "Zvw": no vowel after the first letter
_LETTERS = re.compile(r"^[a-z]['’]|-")  # what may stand between the letters of a name: "o'brien", "jansen-smit"
# Endings of the names of houses, homes and estates that are no one's name ("Kannerhuis", "Vijverhof", "Mariaoord").
_HOUSE_ENDINGS = ("huis", "hof", "oord", "stede", "heem", "hoeve", "daal", "kliniek", "borg", "staete", "state")


class WordKinds:
    """The words of one text (`tokens`, `folded`) and what each is, by the lists of `lex` and the session's words."""

    def __init__(self, toks: list[Token], lexicon: Lexicon, known_good: frozenset[str], text: str = "") -> None:
        self.tokens = toks
        self.folded = [fold(t.word) for t in toks]
        self.lex = lexicon
        self.known_good = known_good
        self.text = text
        # Sinterklaas in the text: "Piet komt ook langs" is his helper, not a colleague.
        self.feast = _FEAST.search(text) is not None

    def _adjacent(self, i: int, j: int) -> bool:
        """Return True when tokens i and j (j = i + 1) stand next to each other with only spaces between."""
        return i >= 0 and j < len(self.tokens) and not self.text[self.tokens[i].end : self.tokens[j].start].strip()

    def _blocked(self, i: int, *, soft: bool = True) -> bool:
        """Return True when token i may not be (part of) a name: known-good, or a known non-name.

        With `soft`, a brand or character that is a name too ("bij Zeeman", "Mona vla", "Piet" with Sinterklaas in the
        text) is blocked unless a verb or a possessive right after it makes it a person ("Mona zei").
        """
        f = self.folded[i]
        if f in self.known_good or f in self.lex.not_names or f.split("-")[0] in self.known_good:
            return True
        if self._code_after(i) or self._compound_noun(i) or (f in LANGUAGE_NAMES and self._language(i)):
            return True
        if soft and (f in self.lex.soft_not_names or (f in _FEAST_NAMES and self.feast)):
            n = len(self.tokens)
            nxt = self.folded[i + 1] if i + 1 < n and self.tokens[i + 1].start - self.tokens[i].end == 1 else ""
            return not ((nxt in PERSON_NEXT and nxt not in ("en", "of")) or nxt in POSSESSIVES) or (
                f in _FEAST_NAMES and self.feast
            )
        return False

    def _code_after(self, i: int) -> bool:
        """Return True when a Roman numeral or a lone capital follows token i: "Safety II", "Triple C", "Willem III"."""
        if not self._adjacent(i, i + 1):
            return False
        nxt = self.tokens[i + 1]
        if nxt.word.upper() in _ROMAN and (len(nxt.word) > 1 or nxt.word.isupper()):
            return True  # in upper or lower case: a line in capitals is read in lower case ("SAFETY II")
        if self.folded[i] in self.lex.first_names and self.folded[i] not in self.lex.name_words:
            return False  # "Anja K was ziek": a surname's initial
        end = not self.text[nxt.end + 1 :].strip()
        return len(nxt.word) == 1 and nxt.word.isupper() and (not nxt.dot or end)

    def _compound_noun(self, i: int) -> bool:
        """Return True for a name joined to a noun: "Tena-broekjes", "Anna-dag" (not "Jansen-de Boer")."""
        parts = self.tokens[i].word.split("-")
        return any(p.islower() and p not in INTERFIXES for p in parts[1:])

    def _blocked_after_title(self, i: int, title: str = "") -> bool:
        """After a title a place is a surname ("mevrouw Hoogeveen"); a brand, month or known-good word is not, unless
        a verb makes it the subject ("Meneer Heineken drinkt"; after "Dr." only a person's verb: "Dr. Oetker is")."""
        f = self.folded[i]
        if f in self.known_good or f.split("-")[0] in self.known_good:
            return True
        if self._in_lists(f) and f not in ORDINARY_AFTER_TITLE:
            return False  # "mevrouw Prins", "meneer Winter", "Mevrouw Frans": a name there, whatever else it is
        if f not in self.lex.not_names or f in self.lex.places or f in COMPASS:
            return False
        n = len(self.tokens)
        nxt = self.folded[i + 1] if i + 1 < n and self._adjacent(i, i + 1) else ""
        return not (nxt in PERSON_ONLY or (title in PERSONAL_TITLES and nxt in PERSON_NEXT and nxt not in ("en", "of")))

    def _ordinary_after_title(self, i: int) -> bool:
        """Return True when the capitalised word i right after a title is an ordinary word, not a name.

        Phones capitalise the word after "Mw. " themselves: "Mw. Heeft pijn", "Dhr. Wil niet douchen", "Mw. Rustig
        geslapen". A verb, adverb or other function word there is no name, unless a surname follows ("Dhr. Wil de
        Boer") or, for a listed first name, a verb ("Mw. Wil heeft pijn"). Any other Dutch word is no name unless a
        list holds it as a name ("mevrouw Bakker", "meneer Winter").
        """
        f = self.folded[i]
        if not title_case(self.tokens[i].word):
            return False
        if f in ORDINARY_AFTER_TITLE:
            return not (self._surname_follows(i) or (f in self.lex.first_names and self._verb_follows(i)))
        parts = f.split("-")
        if any(self._in_lists(p) or p in self.lex.places for p in parts):
            return False  # "Mevr. Koster-Prins", "Meneer Assen": a surname, also when it is a place
        if not all(self._word(p) for p in parts):
            return False  # a word no list knows: "Mw. Yilmaz"
        dot = i > 0 and self.tokens[i - 1].dot
        nxt = self.folded[i + 1] if self._adjacent(i, i + 1) else ""
        if (nxt in PERSON_ONLY and nxt not in ("loopt", "liep")) or (not dot and self._verb_follows(i)):
            return False  # the subject of a verb: "Mevrouw Tuinman heeft", "Mw. Kooiman huilde"
        if is_verb_form(f, self._word) or is_state_word(f, self._word):
            return True  # the phone's capital on a verb, a participle or an adjective: "Dhr. Klaagt", "Mw. Benauwd"
        if not dot:
            return False  # "Mevrouw Timmerman": without a dot after the title no phone capitalised the noun
        # After "Mw." a noun may start a note ("Mw. Medicatie ingenomen", "Mw. Sondevoeding loopt"): a surname there
        # has the shape of one ("Mw. Tuinman is gevallen", "mw. Brinkman") or a pause after it ("Dhr. Stoker, k. 4").
        pause = self.text[self.tokens[i].end : self.tokens[i].end + 1] in (",", "(")
        return not (pause or f.endswith(SURNAME_WORD_ENDINGS))

    def _surname_follows(self, i: int) -> bool:
        toks, n = self.tokens, len(self.tokens)
        k = i + 1
        while k < n and self.folded[k] in INTERFIXES and toks[k].word.islower() and k - i <= 3:
            k += 1
        if k >= n or toks[k].start - toks[k - 1].end > 1 or not title_case(toks[k].word):
            return False
        return k > i + 1 or self.folded[k] in self.lex.surnames

    def _verb_follows(self, i: int) -> bool:
        n = len(self.tokens)
        return i + 1 < n and self.folded[i + 1] in PERSON_NEXT and self.folded[i + 1] not in ("en", "of")

    def _word(self, f: str) -> bool:
        return is_word(f, self.lex.dictionary)

    def _in_lists(self, f: str) -> bool:
        return f in self.lex.first_names or f in self.lex.surnames

    def _ambiguous(self, i: int) -> bool:
        """Return True for a name that is also an ordinary word ("Roos", "Wil", "Beertje"): it needs a verb after it."""
        f = self.folded[i]
        if f in self.lex.name_words:
            return True
        if self._double_surname_head(i):
            return False  # "Jansen-van der Meer belde"
        return not self._in_lists(f) and not f.endswith(("sen", "szoon", "sz", "x")) and self._word(f)

    def _first_name(self, i: int) -> bool:
        """Return True for a first name, also in its genitive or diminutive: "Henks", "Sandra's", "Henkie", "Jopie"."""
        f = self.folded[i]
        if f in self.lex.first_names:
            return True
        if not title_case(self.tokens[i].word) or f in self.lex.name_words:
            return False
        if "-" in f and f.split("-")[0] in self.lex.first_names:
            return True  # "Willem-Alexander", "Zoë-Lynn", "Anne-Marie"
        for ending, shortest in (("'s", 3), ("’s", 3), ("s", 4)):
            if f.endswith(ending) and len(f) - len(ending) >= shortest and f[: -len(ending)] in self.lex.first_names:
                return True
        # A diminutive that is also a Dutch word ("rietje", "roosje", "familie") is a name only when listed as one.
        return not self._word(f) and any(base in self.lex.first_names for base in _diminutive_bases(f))

    def _surname(self, i: int) -> bool:
        """Return True for a listed surname, a patronymic ("Pietersen", "Hendrikx") or a Frisian one ("Zijlstra")."""
        f = self.folded[i]
        if f in self.lex.surnames:
            return True
        return self._double_surname_head(i) or (title_case(self.tokens[i].word) and self._surname_form(f))

    def _double_surname_head(self, i: int) -> bool:
        """Return True for the first half of a double surname whose second half has an interfix: "Jansen-van" in
        "Jansen-van der Meer", "Smit-De" in "Smit-De Wit"."""
        head, _, tail = self.folded[i].partition("-")
        if not tail or not all(p in INTERFIXES for p in tail.split("-")) or not title_case(self.tokens[i].word):
            return False
        return head in self.lex.surnames or self._surname_form(head)

    def _genitive(self, i: int) -> bool:
        """Return True for a surname's genitive before a relative: "Jansens dochter", "Pietersens zoon"."""
        f = self.folded[i]
        if not (f.endswith("s") and len(f) >= 5 and title_case(self.tokens[i].word)) or not self._adjacent(i, i + 1):
            return False
        if self.folded[i + 1] not in RELATIVES or not self.tokens[i + 1].word.islower():
            return False
        return f[:-1] in self.lex.surnames or self._surname_form(f[:-1])

    def _language(self, i: int) -> bool:
        """Return True when a name that is a language too is the language here: "spreekt alleen Frans", "in het Frans",
        "Frans en Duits"."""
        prev = self.folded[i - 1] if i > 0 and self._adjacent(i - 1, i) else ""
        if prev in LANGUAGE_BEFORE:
            return True
        n = len(self.tokens)
        if self._adjacent(i, i + 1) and self.folded[i + 1] in LANGUAGE_AFTER:
            return True  # "heb Frans geleerd", "Frans brood"
        return i + 2 < n and self.folded[i + 1] in ("en", "of") and self.folded[i + 2] in self.lex.not_names

    def _surname_form(self, f: str) -> bool:
        if "-" in f:
            return False
        for ending in PATRONYMIC_ENDINGS:
            base = f[: -len(ending)]
            if not f.endswith(ending) or len(base) < 3 or base not in self.lex.first_names:
                continue
            if ending in ("s", "se") and (self._word(f) or len(base) < 5):
                continue  # "Willems", "Gerritse"; not "Jans", "Henks" (genitives) nor a word
            return True
        return f.endswith(SURNAME_ENDINGS) and len(f) >= 6 and not self._word(f)

    def _unknown(self, i: int) -> bool:
        """Return True for a capitalised word that is no Dutch word, place or known non-name: "Shanaya", "Kwame"."""
        word, f = self.tokens[i].word, self.folded[i]
        if not title_case(word) or len(f) < 3 or not _LETTERS.sub("", f).isalpha() or self._in_lists(f):
            return False
        if self._blocked(i) or f in self.lex.places or f in COMPASS or f.endswith(MEDICINE_ENDINGS + _HOUSE_ENDINGS):
            return False  # a place, a medicine, a house ("Kannerhuis", "Mariënhof")
        if _ABBREVIATION.fullmatch(f):
            return False  # a law or a code: "Wzd", "Wkkgz"
        if "-" in f and any(p in COMPASS for p in f.split("-")):
            return False  # "Oost-Groningen", "West-Friesland", "Midden-Drenthe"
        return not self._word(f) and not self._word(f.rstrip("s"))

    def _lower_name(self, i: int, *, lenient: bool = False, surnames: bool = True) -> bool:
        """Return True for a name in lower case: from the lists, or (`lenient`: after a title or a kinship word) also
        one that is a word too ("mw bakker", "ome kees") and any word that is not Dutch ("mevr. yilmaz")."""
        f = self.folded[i]
        if not self.tokens[i].word.islower() or len(f) < 2:
            return False
        if not lenient:
            return f not in self.lex.name_words and self._in_lists(f)
        if f in NOT_AFTER_TITLE or not f.replace("-", "").isalpha():
            return False
        if f in self.lex.first_names or (surnames and f in self.lex.surnames):
            return True
        return len(f) >= 3 and not self._word(f) and f not in self.lex.places

    def _lower_first_surname(self, i: int) -> bool:
        """Return True for "petra smit": a lower-case first name that is no word, a listed surname right after it."""
        f, n = self.folded[i], len(self.tokens)
        if not self.tokens[i].word.islower() or f not in self.lex.first_names or f in self.lex.name_words:
            return False
        return i + 1 < n and self.tokens[i + 1].start - self.tokens[i].end == 1 and self._lower_surname(i + 1)

    def _lower_surname(self, k: int) -> bool:
        f = self.folded[k]
        return self.tokens[k].word.islower() and f in self.lex.surnames and f not in NOT_AFTER_TITLE


def _diminutive_bases(f: str) -> list[str]:
    """Return the names a diminutive may come from: "henkie" -> henk, "jopie" -> joop, "tonnie" -> ton."""
    out = []
    for ending in DIMINUTIVE_ENDINGS:
        base = f[: -len(ending)]
        if not f.endswith(ending) or len(base) < 2:
            continue
        out.append(base)
        if len(base) >= 3 and base[-1] == base[-2]:
            out.append(base[:-1])  # "tonnie" -> "ton", "sannie" -> "san"
        if len(base) >= 2 and base[-2] in "aeiou" and base[-1] not in "aeiou":
            out.append(base[:-1] + base[-2] + base[-1])  # "jopie" -> "joop", "klasie" -> "klaas"
    return [b for b in out if len(b) >= 3]
