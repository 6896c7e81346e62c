"""Privacy in a session: flags on cards, actions and reviews, masked text for the room, redacted copies for exports."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from .model import Action, Contribution, ReviewItem, SessionState
from .privacy import kinds, known_good_words, mask, redact, scan

ACTION_TEXT_FIELDS: tuple[str, ...] = ("what", "why", "owner", "indicator", "result", "feedback")
REVIEW_ANSWER_FIELDS: tuple[str, ...] = ("answer_result", "answer_feedback")
REVIEW_PLAN_FIELDS: tuple[str, ...] = ("what", "why", "owner", "indicator", "result", "feedback")


def flags(*texts: str, today: date | None = None) -> tuple[str, ...]:
    """Return the kinds of likely personal data in any of `texts` (privacy.KINDS order); () when none."""
    found: list = []
    for text in texts:
        found += scan(text, today=today)
    return kinds(found)


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

    For exports that leave the team: "Team De Linde" becomes "het team", a nickname "een deelnemer".
    """
    # The known names first, so they read as "het team" or "een deelnemer"; the guard then removes the rest.
    names = [(state.meta.team, "het team"), (state.meta.organisation, "de organisatie")]
    names += [(p.nickname, "een deelnemer") for p in state.participants if p.nickname]
    for name, neutral in sorted(names, key=lambda pair: -len(pair[0] or "")):
        if name and len(name.strip()) >= 2:
            text = re.sub(rf"(?<!\w){re.escape(name.strip())}(?!\w)", neutral, text, flags=re.I)
    return redact(text)
