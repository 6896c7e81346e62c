"""Ordinary Dutch words: whether a word is a common word, or a compound of common words, rather than a name."""

from __future__ import annotations

from collections.abc import Callable, Collection

# Linking sounds between the parts of a compound: "verzorging-s-huis", "bloem-en-winkel", "zorg-e-loos".
_LINKS = ("s", "en", "e")
# The shortest part of a compound the guard accepts: "bij" in "werkenbij", "arts" in "huisarts".
SHORTEST_PART = 3


def compound(word: str, known: Callable[[str], bool]) -> bool:
    """Return True when `word` is two parts that `known` accepts, with a linking sound between them or not.

    "medicatieveiligheid" (medicatie + veiligheid), "werkenbij" (werken + bij), "roosterteam" (rooster + team).
    """
    for i in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1):
        head, tail = word[:i], word[i:].lstrip("-")
        if len(tail) < SHORTEST_PART or not known(tail):
            continue
        if known(head.rstrip("-")):
            return True
        for link in _LINKS:
            if head.endswith(link) and len(head) - len(link) >= SHORTEST_PART and known(head[: -len(link)]):
                return True
    return False


def is_word(folded: str, dictionary: Collection[str]) -> bool:
    """Return True when `folded` (lower case, see lexicon.fold) is a Dutch word or a compound of Dutch words.

    `dictionary` holds the words that are not themselves such a compound (data/dutch_words.txt), so every compound
    is rebuilt here from its parts, part by part.
    """
    if folded in dictionary:
        return True
    if len(folded) < 2 * SHORTEST_PART:
        return False
    memo: dict[str, bool] = {}

    def known(part: str) -> bool:
        if part in dictionary:
            return True
        if len(part) < 2 * SHORTEST_PART:
            return False
        if part not in memo:
            memo[part] = False  # no part contains itself; this also ends any loop
            memo[part] = compound(part, known)
        return memo[part]

    return compound(folded, known)


_CACHE_LIMIT = 20_000
_cache: dict[str, bool] = {}
_cached_for: list[int] = [0]  # id of the dictionary the cache belongs to


def is_word_cached(folded: str, dictionary: Collection[str]) -> bool:
    """Return `is_word(folded, dictionary)`, remembered: a session's cards repeat their words, and long compounds
    ("calamiteitencommissie") cost most. The cache holds words, never a text; it is emptied when it grows large."""
    if _cached_for[0] != id(dictionary) or len(_cache) > _CACHE_LIMIT:
        _cache.clear()
        _cached_for[0] = id(dictionary)
    found = _cache.get(folded)
    if found is None:
        found = _cache[folded] = is_word(folded, dictionary)
    return found
