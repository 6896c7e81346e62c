"""What the name rules drop again: names inside known non-name phrases ("Albert Heijn", "Reinier de Graaf"), the
session's known-good phrases, and the names of hospitals and public figures ("Antonius Ziekenhuis", "Prinses Máxima").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import fold
from .name_kinds import WordKinds
from .vocabulary import INSTITUTION_ENDINGS, INSTITUTIONS, PUBLIC_TITLES, TITLES


class NameFilters(WordKinds):
    """The name spans of one scan (`spans`, character offsets) and the filters that drop the ones that are no person."""

    spans: list[tuple[int, int]]

    def phrases(self) -> None:
        """Drop names inside known non-name phrases ("Albert Heijn") and known-good phrases ("De Linde")."""
        folded_text = fold(self.text)
        phrases = self.lex.not_name_phrases + tuple(sorted(p for p in self.known_good if " " in p))
        matches = _phrase_pattern(phrases).finditer(folded_text) if phrases else iter(())
        # Half of a double surname is no phrase: "Van der Valk-Jansen", "Jansen-Van der Valk" (not "Heijn-folder").
        blocked = [(m.start(), m.end()) for m in matches if not _double_surname(self.text, m.start(), m.end())]
        if blocked:
            folded = [*self.folded, ""]
            titled = {
                t.start for i, t in enumerate(self.tokens) if folded[i] in TITLES or folded[i : i + 2] == ["de", "heer"]
            }
            # After a title only a phrase with the title is no person: "Dr. Oetker" is a brand, "meneer Van Gogh" a man.
            self.spans = [
                s
                for s in self.spans
                if not any(s[0] < b[1] and b[0] < s[1] and (s[0] not in titled or b[0] <= s[0]) for b in blocked)
            ]

    def institutions(self) -> None:
        """Drop names of hospitals and public figures: "Antonius Ziekenhuis", "Prinses Máxima", "Anne Frank Huis"."""
        starts = {t.start: i for i, t in enumerate(self.tokens)}
        ends = {t.end: i for i, t in enumerate(self.tokens)}
        kept = []
        for span in self.spans:
            first, last = starts.get(span[0]), ends.get(span[1])
            if first is not None and last is not None and self._institution(first, last):
                continue
            kept.append(span)
        self.spans = kept

    def _institution(self, first: int, last: int) -> bool:
        if self.folded[first] in TITLES:
            return False  # "meneer van 't Hof"
        if last > first and _is_institution(self.folded[last]):
            return True
        if first > 0 and self.folded[first - 1] in PUBLIC_TITLES and self._adjacent(first - 1, first):
            return not self.tokens[first - 1].word.islower() or self.folded[first - 1] in ("sint", "st")
        return self._adjacent(last, last + 1) and _is_institution(self.folded[last + 1])


def _double_surname(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] is joined by a hyphen to another capitalised surname."""
    joined_after = text[end : end + 1] == "-" and text[end + 1 : end + 2].isupper()
    joined_before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()
    return joined_after or joined_before


def _is_institution(folded: str) -> bool:
    return folded in INSTITUTIONS or folded.endswith(INSTITUTION_ENDINGS)


@lru_cache(maxsize=32)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Return one pattern for all `phrases` (longest first), compiled once per set of phrases."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")
