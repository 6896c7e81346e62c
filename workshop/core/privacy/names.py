"""Names of people: after a title ("mevrouw Yılmaz", "dokter Visser"), after a kinship or role word ("collega Sandra",
"opa Kees"), and alone ("Jan de Vries", "Fatima", "Jansen-de Boer"), from name lists plus capitalisation and context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Finding, Severity, finding, near, word_set
from .lexicon import Lexicon, fold
from .places import HEALTH

_TOKEN = re.compile(r"['’]t\b|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*-?")

TITLES = word_set(
    """mevrouw mevr mw meneer mijnheer dhr mej juffrouw juf zuster zr broeder dokter dr drs prof professor pastor
    pastoor pater dominee ds imam meester"""
)
# Words after which a capitalised word is a person ("collega Sandra", "opa Kees", "haar man Joop").
TRIGGERS = word_set(
    """collega collega's oud-collega opa oma tante oom neef nicht buurvrouw buurman zoon dochter moeder vader
    man vrouw echtgenoot echtgenote partner broer zus zwager schoonzus kleinzoon kleindochter kleinkind schoonzoon
    schoondochter schoonmoeder schoonvader vriend vriendin bewoner bewoonster cliënt client cliënte patiënt
    patient patiënte stagiair stagiaire leerling invaller invalkracht mantelzorger mantelzorgster vrijwilliger
    vrijwilligster teamgenoot meneertje mevrouwtje familie fam gezin"""
)
# Role words after which a capitalised word is a person only when it is a known name: "teamleider Anja" is a
# person, "teamleider Zorg" a role.
ROLE_TRIGGERS = word_set(
    """teamleider evv'er verpleegkundige verzorgende huisarts arts specialist fysiotherapeut ergotherapeut
    psycholoog diëtist logopedist begeleider begeleidster"""
)
INTERFIXES = word_set("van de der den ter ten te het 't 's la le du da di del della dos das el al ben bin von zu")
# Words right before a capitalised word that make it a ward, team, location or organisation ("afdeling Iris").
_PLACE_WORDS = word_set(
    """de het 't afdeling afd team locatie woongroep huize huis unit vleugel gebouw zaal paviljoen wijk kamer
    straat sint st groep verpleeghuis woonzorgcentrum zorgcentrum zorggroep stichting project programma
    methode model ziekte syndroom piramide cyclus schaal index fasen fase theorie principe test score wet
    regel effect teken benadering ladder visie"""
)
# Prepositions before a capitalised word that may be a place: a place list wins there ("uit Dongen").
_PLACE_PREPOSITIONS = word_set("in uit naar vanuit richting te bij")
# Verbs and words after a sentence-initial name that make it a person ("Roos is de enige", "Door de drukte").
_PERSON_NEXT = word_set(
    """is was heeft had zei zegt vertelde vertelt vond vindt wil wilde kan kon moet moest mag mocht gaat ging kwam
    komt liep loopt viel valt belde belt at eet dronk drinkt sliep slaapt zat zit stond staat lag ligt deed doet
    kreeg krijgt gaf geeft werd wordt raakte raakt weet wist snapt snapte begon begint werkt werkte schreef schrijft
    vroeg vraagt riep roept huilde huilt lachte lacht weigerde weigert vergat vergeet zag ziet hoorde hoort merkte
    merkt hielp helpt pakte pakt bracht brengt nam neemt sprak spreekt liet laat hield houdt noemde noemt mist miste
    heb hebben had hadden zou zal woont woonde hoeft hoefde durft durfde probeerde probeert kent kende voelt voelde
    denkt dacht zegt sliep belde schrok schrikt maakte maakt vindt kijkt keek verzorgde verzorgt en of"""
)
_TURKISH_LETTERS = frozenset("ıİşŞğĞçÇ")


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    dot: bool  # directly followed by "."


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).rstrip("-")
        end = m.start() + len(word)
        out.append(Token(word, m.start(), end, text[end : end + 1] == "."))
    return out


def title_case(word: str) -> bool:
    """Return True for "Jansen", "Jansen-de", "Yılmaz", "D'Souza"; False for "ECD", "EVV'er", "jansen", "X"."""
    head = word.split("-")[0]
    return len(head) > 1 and head[0].isupper() and any(c.islower() for c in head[1:3]) and not head[1:3].isupper()


def _at_sentence_start(text: str, tokens: list[Token], i: int) -> bool:
    before = text[: tokens[i].start].rstrip()
    if not before:
        return True
    if before[-1] in "!?:;\n•*\"“‘'(-–—":
        return True
    if before[-1] == ".":
        prev = tokens[i - 1] if i > 0 else None
        # "dhr. Bakker", "A. de Vries": the dot closes an abbreviation, not a sentence.
        return prev is None or not (prev.dot and (fold(prev.word) in TITLES or len(prev.word) == 1))
    return False


class _Scanner:
    """One scan of one text: finds the name spans."""

    def __init__(self, text: str, lexicon: Lexicon, known_good: frozenset[str]) -> None:
        self.text = text
        self.lex = lexicon
        self.known_good = known_good
        self.tokens = tokens(text)
        self.folded = [fold(t.word) for t in self.tokens]
        self.spans: list[tuple[int, int]] = []
        self.used: set[int] = set()

    # -- helpers -----------------------------------------------------------------------------------------

    def _blocked(self, i: int) -> bool:
        """Return True when token i may not be (part of) a name: known-good, or a known non-name."""
        f = self.folded[i]
        return f in self.known_good or f in self.lex.not_names or f.split("-")[0] in self.known_good

    def _name_body(self, i: int, *, lenient: bool = False) -> int | None:
        """Return the index after a name that starts at token i ("P. de Jong", "van 't Hof", "Smit-van Leeuwen").

        Returns None when no name starts there. `lenient` (after a title) accepts a lower-case surname from the lists.
        """
        toks, n = self.tokens, len(self.tokens)
        j = i
        initials = 0
        while j < n and len(toks[j].word) == 1 and toks[j].word.isupper() and toks[j].dot:
            j += 1
            initials += 1
        k = j
        while k < n and self.folded[k] in INTERFIXES and k - j < 3:
            k += 1
        if k < n and (title_case(toks[k].word) or (lenient and self._lower_name(k))) and not self._blocked(k):
            end = k + 1
            # "Jansen-de Boer", "Smit-van Leeuwen": a hyphen, an interfix, then the second surname.
            while end < n and toks[end - 1].word.endswith(tuple(f"-{x}" for x in ("de", "van", "der", "den", "De"))):
                if title_case(toks[end].word):
                    end += 1
                else:
                    break
            return end
        if initials:
            return j
        return None

    def _lower_name(self, i: int) -> bool:
        f = self.folded[i]
        return self.tokens[i].word.islower() and f not in self.lex.name_words and self._in_lists(f)

    def _in_lists(self, f: str) -> bool:
        return f in self.lex.first_names or f in self.lex.surnames

    def _first_name(self, i: int) -> bool:
        """Return True for a first name, also in its genitive or diminutive: "Henks", "Sandra's", "Henkie"."""
        f = self.folded[i]
        if f in self.lex.first_names:
            return True
        if not title_case(self.tokens[i].word) or f in self.lex.name_words:
            return False
        if "-" in f and f.split("-")[0] in self.lex.first_names:
            return True  # "Willem-Alexander", "Zoë-Lynn", "Anne-Marie"
        for ending, shortest in (("'s", 3), ("’s", 3), ("s", 4), ("tje", 3)):
            base = f[: -len(ending)]
            if f.endswith(ending) and len(base) >= shortest and base in self.lex.first_names:
                return True
        return False

    def _extend(self, end: int) -> int:
        """Extend a first name with a surname: "Jan de Vries", "Marieke Jansen-de Boer", "Ahmed El Amrani"."""
        toks, n = self.tokens, len(self.tokens)
        k = end
        while k < n and self.folded[k] in INTERFIXES and k - end < 3 and toks[k].start - toks[k - 1].end <= 1:
            k += 1
        adjacent = k < n and toks[k].start - toks[k - 1].end <= 1
        if adjacent and title_case(toks[k].word) and not self._blocked(k):
            return self._name_body(k) or k + 1
        return end

    def _add(self, i: int, end: int) -> None:
        last = self.tokens[end - 1]
        initial = len(last.word) == 1 and last.dot  # "mevr. J." keeps its dot
        self.spans.append((self.tokens[i].start, last.end + (1 if initial else 0)))
        self.used.update(range(i, end))

    def _place_before(self, i: int) -> bool:
        if i == 0:
            return False
        prev = self.tokens[i - 1]
        if self.text[prev.end : self.tokens[i].start].strip():
            return False  # punctuation in between: "afdeling, Henk"
        word = prev.word
        if word in ("De", "Het", "Den", "Ter", "Ten", "Sint", "St") and not _at_sentence_start(
            self.text, self.tokens, i - 1
        ):
            return True  # "van De Hoven", "in Het Anker", "Sint Jozef"
        if word in ("De", "Het") and _at_sentence_start(self.text, self.tokens, i - 1):
            return True  # "De Wilgenhof krijgt ...", "Het Parkhuis heeft ..."
        f = self.folded[i - 1]
        if f in _PLACE_PREPOSITIONS:
            return False
        # "afdeling Iris", "Afdeling Jasmijn", "op de Roos"; a capital "De" was handled above ("De Boer" is a name).
        return f in _PLACE_WORDS and (word.islower() or f not in ("de", "het"))

    # -- rules -------------------------------------------------------------------------------------------

    def titled(self) -> None:
        toks, n = self.tokens, len(self.tokens)
        for i in range(n):
            f = self.folded[i]
            title_end = i + 1
            if f == "de" and i + 1 < n and self.folded[i + 1] == "heer":
                title_end = i + 2
            elif f not in TITLES:
                continue
            if title_end >= n or toks[title_end].start - toks[title_end - 1].end > 2:
                continue
            end = self._name_body(title_end, lenient=True)
            if end is None:
                continue
            body = toks[title_end:end]
            if len(body) == 1 and len(body[0].word) == 1 and not body[0].dot:
                continue  # "meneer X": anonymised on purpose
            self._add(i, end)

    def initials(self) -> None:
        """ "J. de Vries", "A.M. Bakker": initials, then a surname from the lists or after an interfix."""
        toks, n = self.tokens, len(self.tokens)
        for i in range(n):
            if i in self.used or not (len(toks[i].word) == 1 and toks[i].word.isupper() and toks[i].dot):
                continue
            end = self._name_body(i)
            if end is None or end - 1 == i or end - 1 in self.used:
                continue
            last = end - 1
            interfix = self.folded[last - 1] in INTERFIXES if last - 1 > i else False
            if interfix or self.folded[last].split("-")[0] in self.lex.surnames:
                self._add(i, end)

    def triggered(self) -> None:
        toks, n = self.tokens, len(self.tokens)
        for i in range(n - 1):
            role = self.folded[i] in ROLE_TRIGGERS
            if not (role or self.folded[i] in TRIGGERS) or i + 1 in self.used:
                continue
            if toks[i + 1].start - toks[i].end > 1:
                continue  # "collega, Sandra" is an address to someone, not a name after a role word
            j = i + 1
            if not (title_case(toks[j].word) or self._lower_name(j)) or self._blocked(j):
                continue
            if role and not (self._in_lists(self.folded[j]) or self._first_name(j)):
                continue
            end = self._extend(j + 1)
            self._add(j, end)
            self._coordinated(end)

    def _coordinated(self, end: int) -> None:
        """ "Saskia en Rianne", "Petra, Wim en Els": more names joined to one just found."""
        toks, n = self.tokens, len(self.tokens)
        while end + 1 < n and self.folded[end] in ("en", "of") and title_case(toks[end + 1].word):
            j = end + 1
            if self._blocked(j) or not self._in_lists(self.folded[j]):
                return
            end = self._extend(j + 1)
            self._add(j, end)

    def listed(self) -> None:
        toks, n = self.tokens, len(self.tokens)
        i = 0
        while i < n:
            if i in self.used:
                i += 1
                continue
            word, f = toks[i].word, self.folded[i]
            first = self._first_name(i)
            surname = f in self.lex.surnames
            turkish = any(c in _TURKISH_LETTERS for c in word)
            lower = word.islower() and first and f not in self.lex.name_words
            if not (title_case(word) and (first or surname or turkish)) and not lower:
                i += 1
                continue
            if self._blocked(i) or self._place_before(i) or self._place_after_preposition(i):
                i += 1
                continue
            start_of_sentence = _at_sentence_start(self.text, toks, i)
            if lower and not self._person_context(i):
                i += 1
                continue
            if not (first or turkish):
                # A surname alone: only in the middle of a sentence, where the capital says "proper noun".
                if start_of_sentence or f in self.lex.name_words and not self._person_context(i):
                    i += 1
                    continue
            elif start_of_sentence and f in self.lex.name_words and not self._person_next(i):
                i += 1
                continue  # "Door de drukte", "Wil je", "Roos" without a verb
            end = self._extend(i + 1)
            self._add(i, end)
            i = end

    def _place_after_preposition(self, i: int) -> bool:
        return i > 0 and self.folded[i - 1] in _PLACE_PREPOSITIONS and self.folded[i] in self.lex.not_names

    def _person_next(self, i: int) -> bool:
        toks, n = self.tokens, len(self.tokens)
        after = self.text[toks[i].end : toks[i + 1].start if i + 1 < n else len(self.text)]
        if after.strip().startswith((",", "(")):
            return True
        if i + 1 >= n:
            return False
        if self.folded[i + 1] in ("en", "of"):
            return i + 2 < n and title_case(toks[i + 2].word) and self._in_lists(self.folded[i + 2])
        if self.folded[i + 1] in INTERFIXES and self.folded[i + 1] not in ("het", "'s"):
            # "Jan de Vries viel": an interfix and a capitalised surname right after
            k = i + 1
            while k < n and self.folded[k] in INTERFIXES:
                k += 1
            return k < n and title_case(toks[k].word)
        return self.folded[i + 1] in _PERSON_NEXT or (
            title_case(toks[i + 1].word) and self._in_lists(self.folded[i + 1]) and not self._blocked(i + 1)
        )

    def _person_context(self, i: int) -> bool:
        prev = self.folded[i - 1] if i > 0 else ""
        return prev in ("bij", "met", "aan", "door", "voor", "naar", "van", "en", "zei", "belde") or self._person_next(
            i
        )

    def phrases(self) -> None:
        """Drop names inside known non-name phrases ("Albert Heijn") and known-good phrases ("De Linde")."""
        folded_text = fold(self.text)
        blocked: list[tuple[int, int]] = []
        for phrase in self.lex.not_name_phrases + tuple(p for p in self.known_good if " " in p):
            for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded_text):
                blocked.append((m.start(), m.end()))
        if blocked:
            self.spans = [s for s in self.spans if not any(s[0] < b[1] and b[0] < s[1] for b in blocked)]


def scan_names(text: str, lexicon: Lexicon, known_good: frozenset[str] = frozenset()) -> list[Finding]:
    """Return the names of people in `text`."""
    scanner = _Scanner(text, lexicon, known_good)
    scanner.titled()
    scanner.triggered()
    scanner.initials()
    scanner.listed()
    scanner.phrases()
    found = []
    for start, end in scanner.spans:
        severity: Severity = "high" if near(HEALTH, text, start, end, 80) else "low"
        found.append(finding("name", start, end, severity))
    return found


def scan_titled_names(text: str) -> list[Finding]:
    """Return only the names after a title: what the guard can say before the name lists are loaded."""
    empty = Lexicon(frozenset(), frozenset(), frozenset(), frozenset(), ())
    scanner = _Scanner(text, empty, frozenset())
    scanner.titled()
    return [finding("name", s, e, "high" if near(HEALTH, text, s, e, 80) else "low") for s, e in scanner.spans]
