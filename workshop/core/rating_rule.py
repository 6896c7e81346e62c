"""How a rating is read: when the group is "oneens", when it says "veel ❓", and which statements need attention.

The rule, as the export's legend states it (RULE_NL), in counts a kwaliteitsfunctionaris can check by hand:

- Only answers on the scale count for the shares; ❓ ("weet ik niet") does not.
- The low end is 🔴 (ontbreekt / nog niet op gang) or 1–2; the high end is 🟢 or 4–5.
- **Aandachtspunt**: at least 2 people and at least 20% of the answers on the scale are at the low end.
- **⚠ oneens**: an aandachtspunt where the high end has at least 2 people and 20% as well.
- **Veel ❓**: at least 2 people and at least 30% of all answers say ❓.
- Aandachtspunten are listed by their low-end share, highest first.

Every flag needs two people, so one answer never makes a finding; "oneens" implies "aandachtspunt"; one more
low answer never takes a statement off the list, one more high or middle answer never puts it on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .messages import render
from .model import Scale

# What a statement's answers say, as the room, the console and the summary name it (messages.py:
# "rating.mark.<mark>": "⚠ oneens", "aandacht", "veel ❓"). Never a colour alone.
Mark = Literal["oneens", "aandacht", "veel_onbekend"]
MARKS: tuple[Mark, ...] = ("oneens", "aandacht", "veel_onbekend")

MIN_PEOPLE = 2
FOCUS_SHARE = 0.2
DISPUTED_SHARE = 0.2
UNKNOWN_SHARE = 0.3
# The values at each end of a scale, by its key; anything else on the scale is the middle.
LOW_END: dict[str, frozenset[str]] = {
    "verkeerslicht": frozenset({"rood"}),
    "bouwsteen": frozenset({"rood"}),
    "1-5": frozenset({"1", "2"}),
}
HIGH_END: dict[str, frozenset[str]] = {
    "verkeerslicht": frozenset({"groen"}),
    "bouwsteen": frozenset({"groen"}),
    "1-5": frozenset({"4", "5"}),
}
UNKNOWN = "onbekend"

RULE_NL = (
    "Zo lezen we de scores. Alleen antwoorden op de schaal tellen mee, ❓ niet. "
    "**Aandachtspunt**: minstens 2 mensen én minstens 20% kiezen 🔴 (bij 1–5: 1 of 2). "
    "**⚠ oneens**: een aandachtspunt waarbij ook minstens 2 mensen én 20% 🟢 kiezen (bij 1–5: 4 of 5). "
    "**Veel ❓**: minstens 2 mensen én 30% van alle antwoorden is ❓ (dat zoeken we uit). "
    "Aandachtspunten staan op volgorde van het aandeel 🔴, het hoogste eerst."
)


@dataclass(frozen=True)
class Reading:
    """One statement's answers as the rule reads them."""

    low: int  # answers at the low end (🔴, 1–2)
    high: int  # answers at the high end (🟢, 4–5)
    middle: int  # other answers on the scale (🟠, 3)
    unknown: int  # ❓

    @property
    def on_scale(self) -> int:
        return self.low + self.middle + self.high

    @property
    def low_share(self) -> float:
        """The share of answers on the scale at the low end (0 when there are none)."""
        return self.low / self.on_scale if self.on_scale else 0.0

    @property
    def high_share(self) -> float:
        return self.high / self.on_scale if self.on_scale else 0.0

    @property
    def focus(self) -> bool:
        """Aandachtspunt: at least MIN_PEOPLE and FOCUS_SHARE of the answers on the scale at the low end."""
        return self.low >= MIN_PEOPLE and self.low >= FOCUS_SHARE * self.on_scale

    @property
    def disputed(self) -> bool:
        """Oneens: an aandachtspunt with at least MIN_PEOPLE and DISPUTED_SHARE at the high end as well."""
        return self.focus and self.high >= MIN_PEOPLE and self.high >= DISPUTED_SHARE * self.on_scale

    @property
    def many_unknown(self) -> bool:
        """Veel ❓: at least MIN_PEOPLE and UNKNOWN_SHARE of all answers say "weet ik niet"."""
        total = self.on_scale + self.unknown
        return self.unknown >= MIN_PEOPLE and self.unknown >= UNKNOWN_SHARE * total

    @property
    def marks(self) -> tuple[Mark, ...]:
        """What this reading says in words (marks())."""
        return marks(focus=self.focus, disputed=self.disputed, many_unknown=self.many_unknown)


def marks(*, focus: bool, disputed: bool, many_unknown: bool) -> tuple[Mark, ...]:
    """Return the marks of a statement read by the rule above, in the order they are said: "oneens" (an
    aandachtspunt that splits the room, said instead of "aandacht") or "aandacht", then "veel_onbekend";
    () when nothing stands out. The one answer to "does this statement need attention, and why"."""
    said: list[Mark] = []
    if disputed:
        said.append("oneens")
    elif focus:
        said.append("aandacht")
    if many_unknown:
        said.append("veel_onbekend")
    return tuple(said)


def mark_words(said: tuple[Mark, ...], lang: str = "nl") -> str:
    """Return `said` (from marks()) in words, comma-separated: "⚠ oneens, veel ❓"; "" for none."""
    return ", ".join(render(f"rating.mark.{mark}", lang, {}) for mark in said)


def read(counts: Mapping[str, int], scale: Scale) -> Reading:
    """Read the count per value of one statement (values of `scale`) with the rule above."""
    low_end = LOW_END.get(scale.key, frozenset())
    high_end = HIGH_END.get(scale.key, frozenset())
    low = sum(n for value, n in counts.items() if value in low_end)
    high = sum(n for value, n in counts.items() if value in high_end)
    unknown = counts.get(UNKNOWN, 0)
    middle = sum(n for value, n in counts.items() if value in scale.values) - low - high - unknown
    return Reading(low=low, high=high, middle=middle, unknown=unknown)
