"""Names of people: after a title ("mevrouw Yılmaz", "dokter Visser"), after a kinship or role word ("collega Sandra",
"opa Kees"), and alone ("Jan de Vries", "Fatima", "Jansen-de Boer", "Shanaya zei"), from name lists, the Dutch word
list, capitalisation and context. Names of hospitals, brands, public figures and sayings are not a person.
"""

from __future__ import annotations

from .findings import Finding, Severity, finding, near
from .lexicon import Lexicon, fold
from .name_case import case_neutral
from .name_context import VERBS as _VERBS
from .name_context import NameContext
from .name_tokens import Token, at_sentence_start, title_case, tokens
from .places import HEALTH
from .vocabulary import (
    FRONT_SURNAME_WORDS,
    INTERFIXES,
    NEVER_FIRST,
    NOT_AFTER_TITLE,
    PERSON_ONLY,
    PLACE_WORDS,
    POSSESSIVES,
    ROLE_TRIGGERS,
    SUBJECT_BEFORE,
    SURNAME_WORDS,
    TITLES,
    TRIGGERS,
)

__all__ = ["TITLES", "Token", "scan_names", "scan_titled_names", "title_case", "tokens"]

_TURKISH_LETTERS = frozenset("ıİşŞğĞçÇ")


class _Scanner(NameContext):
    """One scan of one text: finds the name spans."""

    def __init__(
        self, text: str, lexicon: Lexicon, known_good: frozenset[str], toks: list[Token] | None = None
    ) -> None:
        """`toks`: the words of `text`, when made already (`tokens(text)`)."""
        super().__init__(tokens(text) if toks is None else toks, lexicon, known_good, text)
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.used: set[int] = set()

    # -- building a name ---------------------------------------------------------------------------------

    def _name_body(self, i: int, *, lenient: bool = False) -> int | None:
        """Return the index after a name that starts at token i ("P. de Jong", "van 't Hof", "Smit-van Leeuwen").

        Returns None when no name starts there. `lenient` (after a title) accepts a name in lower case and a place.
        """
        toks, n = self.tokens, len(self.tokens)
        j = i
        initials = 0
        while j < n and len(toks[j].word) == 1 and toks[j].word.isupper() and toks[j].dot:
            j += 1
            initials += 1
        k = j
        while k < n and self.folded[k] in INTERFIXES and k - j < 3 and self._adjacent(k, k + 1):
            k += 1  # "van 't Hof"; not "de heer van 3 hoog", where a number stands between
        if lenient and k < n:
            # After a title and an interfix only a known-good word is no surname: "Meneer Van Gogh", "mw. van der Valk".
            known = self.folded[k] in self.known_good or self.folded[k].split("-")[0] in self.known_good
            blocked = known if k > j else self._blocked_after_title(k, self.folded[i - 1] if i else "")
        else:
            blocked = k < n and self._blocked(k)
        if lenient and k == i and k < n and self._ordinary_after_title(k):
            return None  # "Mw. Heeft pijn": the phone's capital, not a name
        if k < n and (title_case(toks[k].word) or (lenient and self._lower_name(k, lenient=True))) and not blocked:
            end = k + 1
            # "Jansen-de Boer", "Smit-van Leeuwen", "de Vries-Van der Valk": a hyphen, an interfix, the second surname.
            while end < n and fold(toks[end - 1].word).rsplit("-", 1)[-1] in INTERFIXES and "-" in toks[end - 1].word:
                after = end
                while after < n and self.folded[after] in INTERFIXES and toks[after].word.islower() and after - end < 2:
                    after += 1
                if after < n and title_case(toks[after].word):
                    end = after + 1
                else:
                    break
            return end
        if initials:
            return j
        return None

    def _extend(self, end: int) -> int:
        """Extend a first name with a surname: "Jan de Vries", "Marieke Jansen-de Boer", "jan de vries"."""
        toks, n = self.tokens, len(self.tokens)
        if self._initial(end) and not self.text[toks[end].end + 1 :].lstrip()[:1].isdigit():
            return self._extend(end + 1)  # "Jan B.", "Jan C. de Vries": a surname's initial; not "Henk K. 17"
        k = end
        while k < n and self.folded[k] in INTERFIXES and k - end < 3 and toks[k].start - toks[k - 1].end <= 1:
            k += 1
        adjacent = k < n and toks[k].start - toks[k - 1].end <= 1
        if adjacent and title_case(toks[k].word) and not self._blocked(k):
            return self._name_body(k) or k + 1
        if adjacent and k > end and toks[end - 1].word.islower() and self._lower_surname(k):
            return k + 1  # "marieke van dijk": all in lower case, the surname after its interfix
        if adjacent and k == end and self._lower_first_surname(end - 1):
            return k + 1  # "petra smit": a first name that is no word, then a surname, all in lower case
        return end

    def _initial(self, i: int) -> bool:
        """Return True when token i is an initial ("B.") right after the word before it."""
        tok = self.tokens[i] if i < len(self.tokens) else None
        return tok is not None and len(tok.word) == 1 and tok.word.isupper() and tok.dot and self._adjacent(i - 1, i)

    def _add(self, i: int, end: int) -> None:
        last = self.tokens[end - 1]
        initial = len(last.word) == 1 and last.dot  # "mevr. J." keeps its dot
        self.spans.append((self.tokens[i].start, last.end + (1 if initial else 0)))
        self.used.update(range(i, end))

    # -- what name_free asks: the first condition of each rule that could start a name here ----------------

    def _could_be_lower_name(self, i: int) -> bool:
        """listed(): a lower-case first name is one only where `lower` holds and a person fits."""
        f = self.folded[i]
        if not self.tokens[i].word.islower() or f in NOT_AFTER_TITLE:
            return False
        word_name = self._lower_word_name(i)
        if f in self.lex.name_words and not (self._lower_full_name(i) or word_name):
            return False
        return word_name or self._person_context(i)

    def _could_open(self, i: int) -> bool:
        """The first word, in Title Case, with only lower-case words after it: listed(), unknown() and their kin."""
        word = self.tokens[i].word
        if not _TURKISH_LETTERS.isdisjoint(word) or self._first_name(i) or self._genitive(i) or self._unknown(i):
            return True
        if not self._surname(i):
            return False
        # listed(): a surname alone at the start of a sentence needs a person's word after it.
        return not at_sentence_start(self.text, self.tokens, i) or self._person_next(i)

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
            gap = self.text[toks[title_end - 1].end : toks[title_end].start] if title_end < n else ","
            if len(gap) > 2 or gap.strip(". "):
                continue  # "zuster, nee": a title spoken to someone, not before a name
            end = self._name_body(title_end, lenient=True)
            if end is None:
                if self._ordinary_after_title(title_end):
                    self.used.add(title_end)  # no other rule may take "Wil" in "Dhr. Wil niet douchen" for a name
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
            if role and self._interfixed_surname(j):
                continue
            lower = self._lower_name(j, lenient=not role, surnames=False)
            if not (title_case(toks[j].word) or lower) or self._blocked(j, soft=False):
                continue
            if role and not (self._in_lists(self.folded[j]) or self._first_name(j)):
                continue
            end = self._extend(j + 1)
            self._add(j, end)
            self._coordinated(end)

    def _interfixed_surname(self, j: int) -> bool:
        """After a role: "huisarts de Graaf", "fysiotherapeut van der Wal" (the interfix as written, in lower case)."""
        toks, n = self.tokens, len(self.tokens)
        k = j
        while k < n and self.folded[k] in INTERFIXES and toks[k].word.islower() and k - j < 3:
            k += 1
        if k == j or k >= n or not title_case(toks[k].word) or self._blocked(k) or self.folded[k] in self.lex.places:
            return False
        if self.folded[j] == "van" and k == j + 1 and not self._surname(k):
            return False  # "teamleider van Zorgplein" is where she works; "huisarts van Dam" needs a listed surname
        self._add(j, self._name_body(k) or k + 1)
        return True

    def _coordinated(self, end: int) -> int:
        """ "Saskia en Rianne", "Petra, Wim en Els": more names joined to one just found; return the end of the last."""
        toks, n = self.tokens, len(self.tokens)
        while end + 1 < n and self.folded[end] in ("en", "of") and title_case(toks[end + 1].word):
            j = end + 1
            k = self.fronted_surname(j)
            if k is not None:
                end = self._name_body(k) or k + 1  # "Visser en De Bruijn"
            elif self._blocked(j) or not (self._in_lists(self.folded[j]) or self._unknown(j)):
                return end
            else:
                end = self._extend(j + 1)
            self._add(j, end)
        return end

    def fronted(self) -> None:
        """ "De Graaf wilde niet", "Van Leeuwen-Smit kwam": a surname and its interfix first, then a verb."""
        toks, n = self.tokens, len(self.tokens)
        for i in range(n - 2):
            if i in self.used or not at_sentence_start(self.text, toks, i):
                continue
            k = self.fronted_surname(i)
            if k is None or k + 1 >= n:
                continue
            head = self.folded[k].split("-")[0]
            end = self._name_body(k) or k + 1
            nxt = self.folded[end] if end < n and self._adjacent(end - 1, end) else ""
            after = self.folded[end + 1] if end + 1 < n else ""
            weak = (head in self.lex.name_words or head in self.lex.places) and "-" not in self.folded[k]
            weak = weak and not (toks[i].word == "De" and head in FRONT_SURNAME_WORDS)  # "De Haan heeft gebeld"
            if weak and nxt not in PERSON_ONLY and after not in POSSESSIVES | {"hem", "geen"}:
                continue  # "De Roos heeft een nieuwe teamleider" is a ward; "De Boer heeft zijn bril kwijt" a man
            if nxt in _VERBS or nxt in POSSESSIVES:
                self._add(i, end)
            if nxt in ("en", "of") and (self._in_lists(after) or self.fronted_surname(end + 1) is not None):
                self._add(i, end)  # "De Wit en Mulder", "De Wit en Van Dam"
                self._coordinated(end)

    def listed(self) -> None:
        toks, n = self.tokens, len(self.tokens)
        i = 0
        while i < n:
            if i in self.used:
                i += 1
                continue
            word, f = toks[i].word, self.folded[i]
            first = self._first_name(i)
            surname = self._surname(i)
            turkish = not _TURKISH_LETTERS.isdisjoint(word)
            # In lower case a name that is also a word ("jan", "roos") needs its surname: "jan de vries".
            lower = (
                word.islower()
                and first
                and f not in NOT_AFTER_TITLE  # "over de wijk", "door de drukte": never a name in lower case
                and (f not in self.lex.name_words or self._lower_full_name(i) or self._lower_word_name(i))
            )
            surname = surname or self._genitive(i)
            if not (title_case(word) and (first or surname or turkish)) and not lower:
                i += 1
                continue
            if self._place_before(i):
                end = self._extend(i + 1)  # "afdeling Willem Drees": the whole name is the ward's
                self.used.update(range(i, end))
                i = end
                continue
            if self._blocked(i) or self._place_after_preposition(i):
                i += 1
                continue
            if self._genitive(i):
                self._add(i, i + 1)  # "Jansens dochter belde"
                i += 1
                continue
            start_of_sentence = at_sentence_start(self.text, toks, i)
            if lower and not (self._person_context(i) or self._lower_word_name(i)):
                i += 1
                continue
            if not (first or turkish):
                # A surname alone: in the middle of a sentence, where the capital says "proper noun", or first with
                # a verb after it ("Jansen heeft niet gegeten", "Kok heeft zijn medicatie geweigerd").
                ambiguous = self._ambiguous(i) and not (start_of_sentence and f in SURNAME_WORDS)
                if start_of_sentence and (ambiguous or not self._person_next(i)):
                    i += 1
                    continue
                if ambiguous and not self._person_context(i):
                    i += 1
                    continue
            elif start_of_sentence and self._ambiguous(i) and not self._person_next(i):
                i += 1
                continue  # "Door de drukte", "Wil je", "Roos" without a verb
            end = self._extend(i + 1)
            self._add(i, end)
            i = self._coordinated(end)  # "Visser en De Bruijn hadden dienst"

    def interfixed(self) -> None:
        """ "Co de Vos", "Geeske de Vries": a capitalised word, an interfix in lower case, a listed surname."""
        toks, n = self.tokens, len(self.tokens)
        for i in range(n - 2):
            word, f = toks[i].word, self.folded[i]
            if i in self.used or not title_case(word) or f in NEVER_FIRST or f in PLACE_WORDS or self._blocked(i):
                continue
            if not (self._unknown(i) or (len(f) <= 3 and f.isalpha())) or f in TITLES or f in TRIGGERS:
                continue
            k = i + 1
            while k < n and self.folded[k] in INTERFIXES and toks[k].word.islower() and k - i <= 3:
                k += 1
            if k == i + 1 or k >= n or not self._adjacent(k - 1, k) or k in self.used:
                continue
            if title_case(toks[k].word) and self._surname(k) and not self._blocked(k):
                self._add(i, self._name_body(k) or k + 1)

    def unknown(self) -> None:
        """ "Shanaya zei", "toen kwam Tjitske", "volgens Radjesh": a word no list knows, where a person stands."""
        n = len(self.tokens)
        for i in range(n):
            if i in self.used or not self._unknown(i):
                continue
            if self._place_before(i) or (i > 0 and self.folded[i - 1] in INTERFIXES):
                continue  # "Huis ter Leede": after an interfix, a name was found whole or it is a place
            prev = self.folded[i - 1] if i > 0 and self._adjacent(i - 1, i) else ""
            nxt = self.folded[i + 1] if self._adjacent(i, i + 1) else ""
            start = at_sentence_start(self.text, self.tokens, i)
            verb_after = nxt in _VERBS or (nxt in POSSESSIVES and i + 2 < n and self.tokens[i + 2].word.islower())
            if nxt in ("en", "of") and i + 2 < n:
                verb_after = verb_after or self.folded[i + 2] in ("ik", "jij", "hij", "zij", "ze", "wij", "we")
                verb_after = verb_after or self._in_lists(self.folded[i + 2]) or self._unknown(i + 2)
            if start and not (verb_after or self._person_next(i)):
                continue
            if not start and not (verb_after or prev in SUBJECT_BEFORE or prev in _VERBS):
                continue
            end = self._extend(i + 1)
            self._add(i, end)
            self._coordinated(end)


def scan_names(text: str, lexicon: Lexicon, known_good: frozenset[str] = frozenset()) -> list[Finding]:
    """Return the names of people in `text`."""
    toks = tokens(text)
    if name_free(text, lexicon, toks):
        return []
    return all_names(text, lexicon, known_good, toks)


def name_free(text: str, lexicon: Lexicon, toks: list[Token] | None = None) -> bool:
    """Return True when no rule of this module can find a name in `text`, so the rules need not run (most cards).

    Every rule starts a name at a title, a kinship or role word, a capital (initials, "De Graaf", "Shanaya", a listed
    name) or a lower-case first name in a person's place ("toen zei bas"). When no letter is a capital but the first
    word's first, none of those can start one: this asks of each the condition its rule asks first (a necessary one,
    with no known-good words, which only ever take a name away). When it cannot tell, it says False and the rules run;
    tests/core/test_privacy_name_free.py checks that it never says True where the rules find a name. `toks`: the
    words of `text`, when made already.
    """
    toks = tokens(text) if toks is None else toks
    if not toks:
        return True
    if not text[toks[0].start + 1 :].islower():
        return False  # a capital after the first letter, or no lower-case letter at all
    folded = [fold(t.word) for t in toks]
    if any(f == "heer" or f in TITLES or f in TRIGGERS or f in ROLE_TRIGGERS for f in folded):
        return False  # titled(), triggered()
    context: _Scanner | None = None
    for i, f in enumerate(folded):
        opening = i == 0 and title_case(toks[0].word)
        if f not in lexicon.first_names and not opening:
            continue  # a lower-case word starts a name only as a listed first name (listed(), `lower`)
        context = context or _Scanner(text, lexicon, frozenset(), toks)
        if not (context._could_open(i) if opening else context._could_be_lower_name(i)):
            continue
        return False
    return not (toks[0].word[:1].isupper() and not title_case(toks[0].word))  # "A" alone: an initial, maybe


def all_names(
    text: str, lexicon: Lexicon, known_good: frozenset[str] = frozenset(), toks: list[Token] | None = None
) -> list[Finding]:
    """Return the names of people in `text` by running every rule (scan_names skips them when `name_free`).

    `toks`: the words of `text`, when made already.
    """

    def sure(word: str) -> bool:
        f = fold(word)
        return f in lexicon.first_names and f not in lexicon.name_words

    neutral = case_neutral(text, sure)
    scanner = _Scanner(neutral, lexicon, known_good, toks if neutral == text else None)
    scanner.titled()
    scanner.triggered()
    scanner.initials()
    scanner.fronted()
    scanner.listed()
    scanner.interfixed()
    scanner.unknown()
    scanner.phrases()
    scanner.institutions()
    found = []
    for start, end in _merged(scanner.spans):
        severity: Severity = "high" if near(HEALTH, text, start, end, 80) else "low"
        found.append(finding("name", start, end, severity))
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return `spans` with the overlapping ones joined: "Jan C." and "C. de Vries" are one name."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def scan_titled_names(text: str) -> list[Finding]:
    """Return only the names after a title: what the guard can say before the name lists are loaded."""
    empty = Lexicon(frozenset(), frozenset(), frozenset(), frozenset(), ())
    scanner = _Scanner(case_neutral(text), empty, frozenset())
    scanner.titled()
    return [finding("name", s, e, "high" if near(HEALTH, text, s, e, 80) else "low") for s, e in scanner.spans]
