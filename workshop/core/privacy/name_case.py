"""Capitals that say nothing about names: words in ALL CAPS and Title Case headings, read in lower case instead.

"JAN DE VRIES VIEL" and "Werken Met Roosters In De Zomer" carry no proper-noun capitals, so the name rules read them
as lower-case text (where a name needs a list and context, "jan de vries viel"). Every character keeps its place, so
the findings on the lower-case view point at the same characters of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .findings import word_set

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Short words that a Title Case heading capitalises and a sentence does not ("Overdracht En Rapportage").
_HEADING_WORDS = word_set("en van de het een met in op voor over naar bij of te om aan uit door tot als")


def _lower(word: str) -> str:
    """Return `word` in lower case, character by character, keeping its length ("İ" stays as it is)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def _caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _heading(words: list[re.Match[str]]) -> bool:
    """Return True for a line whose every word is capitalised, with a short word among them that prose keeps small."""
    if len(words) < 3 or not all(w.group(0)[0].isupper() for w in words):
        return False
    return any(w.group(0).lower() in _HEADING_WORDS for w in words[1:])


def case_neutral(text: str, name: Callable[[str], bool] = lambda _word: False) -> str:
    """Return `text` with its ALL CAPS words and its Title Case heading lines in lower case, same length.

    In a heading with a word that `name` (given the word in lower case) calls a sure name only the short words lose
    their capitals: "Overleg Met Anja Over Roosters" is read as "Overleg met Anja over Roosters".
    """
    if not any(c.isupper() for c in text):
        return text
    out = []
    for line in text.splitlines(keepends=True):
        words = list(_WORD.finditer(line))
        heading = _heading(words)
        named = heading and any(name(w.group(0).lower()) for w in words)
        chars = list(line)
        for m in words:
            word = m.group(0)
            small = named and word.lower() in _HEADING_WORDS  # "Overleg met Anja over Roosters": Anja keeps hers
            if (heading and not named) or small or _caps(word):
                chars[m.start() : m.end()] = _lower(word)
        out.append("".join(chars))
    return "".join(out)
