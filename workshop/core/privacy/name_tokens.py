"""The words of a text as the name rules read them: tokens with their place, capitalisation, sentence starts."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import fold
from .vocabulary import TITLES

_TOKEN = re.compile(r"['’]t\b|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*-?")


class Token(NamedTuple):  # a tuple: a card's scan makes a few dozen, and a frozen dataclass is slow to make
    word: str
    start: int
    end: int
    dot: bool  # directly followed by "."


def tokens(text: str) -> list[Token]:
    """Return the words of `text` (with their hyphens and apostrophes: "Jansen-de", "z'n", "D'Souza")."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).rstrip("-")
        end = m.start() + len(word)
        out.append(Token(word, m.start(), end, text[end : end + 1] == "."))
    return out


# A surname's elided article: "d'Hondt", "D'Souza", "O'Brien", "l'Ami".
_ELIDED = re.compile(r"^[A-Za-z]['’](?=[A-Z][a-z])")


# The name rules ask this about the same few words dozens of times per text (48 calls for an 8-word card).
@lru_cache(maxsize=8192)
def title_case(word: str) -> bool:
    """Return True for "Jansen", "Jansen-de", "Yılmaz", "D'Souza", "d'Hondt"; False for "ECD", "EVV'er", "jansen"."""
    head = word.split("-")[0]
    head = head[2:] if _ELIDED.match(head) else head
    return len(head) > 1 and head[0].isupper() and any(c.islower() for c in head[1:3]) and not head[1:3].isupper()


def at_sentence_start(text: str, toks: list[Token], i: int) -> bool:
    """Return True when token i opens a sentence, a line, a quote or a bracketed part."""
    before = text[: toks[i].start].rstrip()
    if not before:
        return True
    if before[-1] in "!?:;\n•*\"“‘'(-–—":
        return True
    if before[-1] == ".":
        prev = toks[i - 1] if i > 0 else None
        # "dhr. Bakker", "A. de Vries": the dot closes an abbreviation, not a sentence.
        return prev is None or not (prev.dot and (fold(prev.word) in TITLES or len(prev.word) == 1))
    return False
