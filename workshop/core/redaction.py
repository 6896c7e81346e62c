"""Privacy in a session: flags on cards, actions and reviews, masked text for the room, redacted copies for exports."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from .model import Action, Contribution, ReviewItem, SessionState, Theme
from .privacy import KINDS, kinds, known_good_words, mask, redact, scan
from .privacy.findings import word_set

ACTION_TEXT_FIELDS: tuple[str, ...] = ("what", "why", "owner", "indicator", "result", "feedback", "baseline", "target")
REVIEW_ANSWER_FIELDS: tuple[str, ...] = ("answer_result", "answer_feedback")
REVIEW_PLAN_FIELDS: tuple[str, ...] = ("what", "why", "owner", "indicator", "result", "feedback")


def flags(*texts: str, today: date | None = None, wait: bool = True) -> tuple[str, ...]:
    """Return the kinds of likely personal data in any of `texts` (privacy.KINDS order); () when none.

    Without `wait` it never blocks: while the name lists load, "pending" is among them (privacy.scan).
    """
    found: list = []
    for text in texts:
        found += scan(text, today=today, wait=wait)
    return kinds(found)


def action_flags(
    texts: Mapping[str, str], *, today: date | None = None, wait: bool = True
) -> dict[str, tuple[str, ...]]:
    """Return, per text field of an action (ACTION_TEXT_FIELDS) in `texts`, the kinds of likely personal data in it;
    fields without any are left out. The action's own flags are these together (actions.validated_action), so the
    action dialog can say, field by field and before saving, what the list will flag. `wait` as in `flags`."""
    found = {name: flags(texts.get(name) or "", today=today, wait=wait) for name in ACTION_TEXT_FIELDS}
    return {name: kinds_found for name, kinds_found in found.items() if kinds_found}


def with_action_flags(action: Action, today: date | None = None) -> Action:
    """Return `action` with its privacy flags renewed from its texts; a release stays only while it covers every kind
    flagged now (it covered the text the facilitator saw: new personal data needs a new look)."""
    per_field = action_flags({f: getattr(action, f) for f in ACTION_TEXT_FIELDS}, today=today)
    found = tuple(kind for kind in KINDS if any(kind in kinds_found for kinds_found in per_field.values()))
    return replace(action, privacy=found, released=action.released and set(found) <= set(action.privacy))


def room_text(card: Contribution) -> str:
    """Return a card's text as the room (projector, other phones) may see it: masked until released."""
    if card.privacy and not card.released:
        return mask(card.text, scan(card.text))
    return card.text


def review_room_text(item: ReviewItem) -> str:
    """Return a review item's action text as the room may see it: masked while flagged and not released."""
    if item.privacy and not item.released:
        return mask(item.what, scan(item.what))
    return item.what


def action_room_text(action: Action, field: str) -> str:
    """Return one text field of an action (what, owner, ...) as the room may see it: masked while flagged."""
    text: str = getattr(action, field)
    if action.privacy and not action.released:
        return mask(text, scan(text))
    return text


def review_room_owner(item: ReviewItem) -> str:
    """Return a review item's owner as the room may see it: masked while flagged and not released."""
    if item.privacy and not item.released:
        return mask(item.owner, scan(item.owner))
    return item.owner


def theme_flags(name: str, state: SessionState) -> tuple[str, ...]:
    """Return the kinds of likely personal data in a theme's `name`; the team and organisation are known-good."""
    return kinds(scan(name, known_good=known_good_words(state.meta.team, state.meta.organisation)))


def theme_privacy(theme: Theme, state: SessionState) -> tuple[str, ...]:
    """Return a theme's flags: found when it was named, or scanned now for a theme stored before that."""
    return theme.privacy if theme.privacy is not None else theme_flags(theme.name, state)


def theme_room_name(theme: Theme, state: SessionState) -> str:
    """Return a theme's name as the room (projector, phones) may see it: masked when it was flagged."""
    if not theme_privacy(theme, state):
        return theme.name
    return mask(theme.name, scan(theme.name, known_good=known_good_words(state.meta.team, state.meta.organisation)))


def redacted_state(state: SessionState, *, everything: bool = False) -> SessionState:
    """Return a copy of `state` fit for an export: flagged text redacted unless the facilitator released it.

    With `everything`, all text is scanned and redacted whatever its flags or release (for exports that
    leave the team, like the lessons for a learning network). Theme names are always scanned: they have
    no flag of their own. The team's and organisation's names are known-good (never taken for a person's
    name); with `everything`, so are the participants' nicknames, which `anonymise` replaces afterwards.
    """
    nicknames = [p.nickname for p in state.participants if p.nickname] if everything else []
    known = known_good_words(state.meta.team, state.meta.organisation, *nicknames)

    def scrub(text: str) -> str:
        return redact(text, known_good=known)

    def card(c: Contribution) -> Contribution:
        if everything or (c.privacy and not c.released):
            return replace(c, text=scrub(c.text))
        return c

    def action(a: Action) -> Action:
        if everything or (a.privacy and not a.released):
            return replace(a, **texts_changed(a, ACTION_TEXT_FIELDS, scrub))
        return a

    def review(r: ReviewItem) -> ReviewItem:
        # The plain fields are the plan as loaded; the merge compares against them, so they stay as
        # they were unless the export leaves the team.
        names = REVIEW_ANSWER_FIELDS + (REVIEW_PLAN_FIELDS if everything else ())
        if everything or (r.privacy and not r.released):
            return replace(r, **texts_changed(r, names, scrub))
        return r

    return replace(
        state,
        contributions=tuple(card(c) for c in state.contributions),
        actions=tuple(action(a) for a in state.actions),
        reviews=tuple(review(r) for r in state.reviews),
        themes=tuple(replace(t, name=scrub(t.name)) for t in state.themes),
    )


def texts_changed(record: object, names: tuple[str, ...], change: Callable[[str], str]) -> dict[str, Any]:
    """Return the text fields `names` of `record`, each passed through `change`: keywords for dataclasses.replace."""
    return {name: change(getattr(record, name)) for name in names}


def anonymise(text: str, state: SessionState) -> str:
    """Return `text` redacted, with the team, the organisation and participants' nicknames replaced.

    For exports that leave the team: "Team De Linde", "de linde", "Zorggroep-Oost", "ZGO" become "het team" or
    "de organisatie" (see name_variants), a nickname "een deelnemer".
    """
    # The known names first, so they read as "het team" or "een deelnemer"; the guard then removes the rest.
    text = remove_names(text, ((state.meta.team, "het team"), (state.meta.organisation, "de organisatie")))
    for nickname in sorted((p.nickname for p in state.participants if p.nickname), key=len, reverse=True):
        if len(nickname.strip()) >= 2:
            text = re.sub(rf"(?<!\w){re.escape(nickname.strip())}(?!\w)", "een deelnemer", text, flags=re.I)
    return redact(text)


# Words before a team's or an organisation's own name that people leave out: "Team De Linde" is also "De Linde".
_GENERIC = word_set(
    """team afdeling afd locatie woongroep woonvorm huize huis unit stichting zorggroep zorgcentrum woonzorgcentrum
    verpleeghuis groep wijkteam de het 't"""
)


def name_variants(name: str) -> list[re.Pattern[str]]:
    """Return patterns for every spelling of a team's, organisation's or location's name, longest first.

    "Team De Linde": also "team de linde", "De Linde", "de-linde", "DeLinde" (any case) and the acronym "TDL"; the
    last word alone ("Rivierenhof" of "Team Rivierenhof") only when it is no plain Dutch word ("Linde", "Oost").
    "Zorggroep Oost": also "Zorggroep-Oost", "zorggroepoost", and the acronyms "ZO" and "ZGO" (of its words and
    their parts), in capitals.
    """
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", name)
    if not words or len("".join(words)) < 2:
        return []
    joined = r"[\s_.-]*"
    out: list[tuple[int, re.Pattern[str]]] = []

    def add(parts: list[str]) -> None:
        # Any case: "de linde" is De Linde. A team named "De Brug" so costs "over de brug" in the lessons: a garbled
        # phrase is better than a team that can be recognised.
        body = joined.join(re.escape(p) for p in parts)
        out.append((len("".join(parts)), re.compile(rf"(?<!\w){body}(?!\w)", re.I)))

    add(words)
    core = list(words)
    while len(core) > 2 and core[0].lower() in _GENERIC:
        core = core[1:]
        add(core)
    if len(core) == 2 and core[0].lower() in _GENERIC and core[0].lower() not in ("de", "het", "'t"):
        core = core[1:]  # "Team Rivierenhof", "Zorggroep Oost": the last word alone is checked below
    elif len(core) == 2 and core != words:
        add(core)  # "De Linde" of "Team De Linde"
    if core != words and len(core) == 1 and len(core[0]) >= 4 and not _is_word(core[0]):
        add(core)  # "Rivierenhof" alone; not "Oost" of "Zorggroep Oost", nor "Linde" of "De Linde"
    for acronym in {_initials(words), _initials(words, parts=True)}:
        if len(acronym) >= 2 and (len(acronym) >= 3 or len(words) >= 2):
            out.append((len(acronym), re.compile(rf"(?<!\w){acronym}(?!\w)")))
    return [pattern for _length, pattern in sorted(out, key=lambda pair: -pair[0])]


def remove_names(text: str, names: Sequence[tuple[str, str]]) -> str:
    """Return `text` with every spelling (name_variants) of each name replaced by its neutral word ("het team")."""
    patterns = [(pattern, neutral) for name, neutral in names if name for pattern in name_variants(name)]
    for pattern, neutral in sorted(patterns, key=lambda pair: -len(pair[0].pattern)):
        text = pattern.sub(neutral, text)
    return text


def _initials(words: list[str], *, parts: bool = False) -> str:
    """Return the capitals of `words` ("Zorggroep Oost" -> "ZO"), with `parts` of their compound parts too ("ZGO")."""
    letters = []
    for word in words:
        letters.append(word[0].upper())
        if parts:
            letters += [p[0].upper() for p in _compound_parts(word.lower())[1:]]
    return "".join(letters)


def _compound_parts(word: str) -> list[str]:
    """Return the parts of a Dutch compound ("zorggroep" -> ["zorg", "groep"]); [word] when it is not one."""
    from .privacy.lexicon import get
    from .privacy.words import SHORTEST_PART, is_word

    dictionary = get().dictionary
    for i in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1):
        if is_word(word[:i], dictionary) and is_word(word[i:], dictionary):
            return [word[:i], *_compound_parts(word[i:])]
    return [word]


def _is_word(word: str) -> bool:
    """Return True for a plain Dutch word ("oost", "brug", "linde"); a compound ("rivierenhof") is a name here."""
    from .privacy.lexicon import fold, get

    return fold(word) in get().dictionary
