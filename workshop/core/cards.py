"""Session commands on cards and themes: add, edit, hide and release cards; choose categories; group into themes."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from . import events as ev
from .chunked import Chunked
from .errors import DomainError
from .inputs import clean_name, clean_text
from .ledger import IndexUpdate, Ledger, unchanged
from .model import FACILITATOR, Change, Contribution, Step, Theme, Via
from .prescan import Scanned, card_flags
from .records import meta_change, put
from .redaction import theme_flags


class CardCommands(Ledger):
    """The commands of SessionService that work on cards, categories and themes."""

    def card(self, card_id: str) -> Contribution | None:
        """Return the card with this id, or None when there is none."""
        return self._card_or_none(card_id)

    def add_contribution(
        self,
        text: str,
        *,
        step_id: str | None = None,
        author: str = FACILITATOR,
        via: Via | None = None,
        category: str | None = None,
        scanned: Scanned | None = None,
    ) -> Contribution:
        """Add a card to a step (default: the current one); returns it.

        A participant can only add to the current step; the facilitator (and proxies) to any step that
        collects cards. Raises DomainError for empty or too long text, a step that does not collect,
        or a category the step does not have. `scanned`: the text's privacy scan made ahead (prescan.py),
        used only when it scanned this very text today.
        """
        step = self._step(step_id)
        via = via or ("facilitator" if author == FACILITATOR else "participant")
        # A phone hears first what concerns it (unknown, or the room moved on); a closed session says so first.
        if via == "participant" and self._state.meta.status == "open":
            self._require_participant(author)
            if step.id != self._state.step.id:
                raise DomainError("card.step_closed")
        self._require("add_contribution", step)
        if via == "participant" and step.pick and step.id not in dict(self._state.meta.chosen_categories):
            raise DomainError("card.categories_pending")
        text = clean_text(text)
        category = self._check_category(step, category)
        # Counting withdrawn cards too, so an id is never given twice (a withdrawn card's record is gone).
        number = len(self._state.contributions) + self._state.meta.withdrawn + 1
        # The card is kept either way; a flagged one is masked for the room and redacted in exports, and
        # the sender reads why from `card.privacy` (privacy.notice).
        card = Contribution(
            id=f"c{number}",
            step_id=step.id,
            text=text,
            author=author,
            via=via,
            created_at=self._clock().isoformat(),
            category=category,
            privacy=card_flags(text, self._clock().date(), scanned),
        )
        position = len(self._state.contributions)
        state = replace(self._state, contributions=Chunked.of(self._state.contributions).appended(card))
        self._commit(
            state,
            [put("contributions", card.id, card)],
            lambda v: ev.ContributionAdded(v, card=card),
            index=lambda idx: idx.add_card(card, position),
        )
        return card

    def edit_contribution(
        self,
        card_id: str,
        text: str,
        *,
        by: str = FACILITATOR,
        category: str | None = None,
        scanned: Scanned | None = None,
    ) -> Contribution:
        """Change a card's text (the facilitator, or its own author while its step is current).

        `scanned`: the new text's privacy scan made ahead (prescan.py), used only for this very text today.
        """
        card = self._card(card_id)
        if by != FACILITATOR:
            self._check_own(card, by)
        step = self._state.script.step(card.step_id)
        self._require("edit_contribution", step)
        if by != FACILITATOR:
            self._check_ungrouped(card)
        new_category = self._check_category(step, category) if category is not None else card.category
        text = clean_text(text)
        kinds = card_flags(text, self._clock().date(), scanned)
        # A release covered the text the facilitator saw; new personal data needs a new look.
        released = card.released and set(kinds) <= set(card.privacy)
        return self._replace_card(
            replace(
                card,
                text=text,
                category=new_category,
                edited=True,
                facilitator_edited=by == FACILITATOR,
                privacy=kinds,
                released=released,
            )
        )

    def withdraw_contribution(self, card_id: str, *, by: str = FACILITATOR) -> None:
        """Take a card back: its record is deleted (its text is gone from the session), before anyone grouped it.

        A participant withdraws only their own card, while its step is the current one. Raises DomainError
        for an unknown card, someone else's, a step the room left, or a card already in a theme, hidden by
        the facilitator or voted on (card.grouped).
        """
        card = self._card(card_id)
        if by != FACILITATOR:
            self._check_own(card, by)
        self._require("withdraw_contribution", self._state.script.step(card.step_id))
        self._check_ungrouped(card)
        meta = replace(self._state.meta, withdrawn=self._state.meta.withdrawn + 1)
        state = replace(
            self._state, meta=meta, contributions=tuple(c for c in self._state.contributions if c.id != card.id)
        )
        changes = [Change("contributions", card.id, None), meta_change(meta)]
        # Cards after it move up a place: the lookups are rebuilt when next asked (withdrawals are rare).
        self._commit(
            state,
            changes,
            lambda v: ev.ContributionWithdrawn(v, card_id=card.id, step_id=card.step_id, author=card.author),
        )

    def can_withdraw(self, card: Contribution) -> bool:
        """Return True when `card`'s author may still change or withdraw it (its step is current, nobody used it)."""
        current = card.step_id == self._state.step.id and self._state.meta.status == "open"
        return current and not self._used(card)

    def release_card(self, card_id: str, released: bool = True) -> Contribution:
        """Show a flagged card unmasked to the room and unredacted in exports (or mask it again); returns it.

        The facilitator decides this after looking at the card. Raises DomainError for an unknown card.
        """
        card = self._card(card_id)
        self._require("release_card", self._state.script.step(card.step_id))
        return self._replace_card(replace(card, released=released))

    def hide_contribution(self, card_id: str, hidden: bool = True) -> Contribution:
        """Hide a card from the room (moderation) or show it again; returns the card."""
        card = self._card(card_id)
        self._require("hide_contribution", self._state.script.step(card.step_id))
        return self._replace_card(replace(card, hidden=hidden))

    def choose_categories(self, names: list[str] | tuple[str, ...], step_id: str | None = None) -> tuple[str, ...]:
        """Choose which of a collect step's categories this group works on (the script's `pick`)."""
        step = self._step(step_id)
        self._require("choose_categories", step)
        chosen = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
        limit = step.pick or len(step.categories)
        if not chosen or len(chosen) > limit or any(n not in step.categories for n in chosen):
            raise DomainError("category.bad_choice", pick=limit, expected=", ".join(step.categories))
        others = tuple((k, v) for k, v in self._state.meta.chosen_categories if k != step.id)
        meta = replace(self._state.meta, chosen_categories=others + ((step.id, chosen),))
        self._commit_meta(meta, lambda v: ev.CategoriesChosen(v, step_id=step.id, categories=chosen))
        return chosen

    # ----- themes --------------------------------------------------------------------------------------

    def create_theme(self, name: str, step_id: str | None = None) -> Theme:
        """Create a named theme in a group step (default: the current step); returns it."""
        step = self._step(step_id)
        self._require("create_theme", step)
        name = self._theme_name(step.id, name)
        number = 1 + max((int(t.id[1:]) for t in self._state.themes), default=0)
        theme = Theme(id=f"t{number}", step_id=step.id, name=name, privacy=theme_flags(name, self._state))
        state = replace(self._state, themes=self._state.themes + (theme,))
        self._commit(state, [put("themes", theme.id, theme)], lambda v: ev.ThemeChanged(v, theme=theme))
        return theme

    def rename_theme(self, theme_id: str, name: str) -> Theme:
        """Give a theme a new name; returns it."""
        theme = self._theme(theme_id)
        self._require("rename_theme", self._state.script.step(theme.step_id))
        new_name = self._theme_name(theme.step_id, name, ignore=theme.id)
        renamed = replace(theme, name=new_name, privacy=theme_flags(new_name, self._state))
        state = replace(self._state, themes=tuple(renamed if t.id == theme.id else t for t in self._state.themes))
        self._commit(state, [put("themes", theme.id, renamed)], lambda v: ev.ThemeChanged(v, theme=renamed))
        return renamed

    def remove_theme(self, theme_id: str) -> None:
        """Remove a theme; its cards become ungrouped again."""
        theme = self._theme(theme_id)
        self._require("remove_theme", self._state.script.step(theme.step_id))
        cards = [replace(c, theme_id=None) for c in self._state.contributions if c.theme_id == theme.id]
        freed = {c.id: c for c in cards}
        state = replace(
            self._state,
            themes=tuple(t for t in self._state.themes if t.id != theme.id),
            contributions=tuple(freed.get(c.id, c) for c in self._state.contributions),
        )
        changes = [Change("themes", theme.id, None)] + [put("contributions", c.id, c) for c in cards]
        # Cards keep their places, so the index stays right.
        self._commit(state, changes, lambda v: ev.ThemeRemoved(v, theme_id=theme.id), index=unchanged)

    def group_card(self, card_id: str, theme_id: str | None) -> Contribution:
        """Put a card into a theme, or take it out with theme_id None; returns the card.

        Taking a card that is in no theme out of one changes nothing (and writes nothing).
        """
        card = self._card(card_id)
        if theme_id is not None:
            theme = self._theme(theme_id)
            group_step = self._state.script.step(theme.step_id)
            self._require("group_card", group_step)
            if card.step_id not in group_step.source:
                raise DomainError("group.card_not_in_source")
            return self._replace_card(replace(card, theme_id=theme_id))
        left = next((t for t in self._state.themes if t.id == card.theme_id), None)
        if left is not None:
            self._require("group_card", self._state.script.step(left.step_id))
        else:  # in no theme, or in one that is gone (a hand-edited file): only the card itself changes
            self._require("edit_contribution", self._state.script.step(card.step_id))
            if card.theme_id is None:
                return card
        return self._replace_card(replace(card, theme_id=theme_id))

    # ----- helpers -------------------------------------------------------------------------------------

    def _check_own(self, card: Contribution, by: str) -> None:
        if card.author != by:
            raise DomainError("card.not_yours")
        if card.step_id != self._state.step.id:
            raise DomainError("card.step_closed")

    def _check_ungrouped(self, card: Contribution) -> None:
        """A card in a theme, hidden by the facilitator or voted on is the room's now: its author leaves it be."""
        if self._used(card):
            raise DomainError("card.grouped")

    def _used(self, card: Contribution) -> bool:
        return bool(card.theme_id or card.hidden or self._indexed().voted.get(card.id, 0) > 0)

    def _card(self, card_id: str) -> Contribution:
        card = self._card_or_none(card_id)
        if card is None:
            raise DomainError("card.unknown")
        return card

    def _replace_card(self, card: Contribution) -> Contribution:
        cards = self._state.contributions
        idx = self._indexed()
        position = idx.cards.get(card.id)
        update: IndexUpdate | None
        if position is not None and idx.cards_unique:
            contributions = Chunked.of(cards).replaced(position, card)
            update = unchanged
        else:  # a card id held twice (never made by the service): replace every one, as always
            contributions = Chunked(card if c.id == card.id else c for c in cards)
            update = None
        state = replace(self._state, contributions=contributions)
        self._commit(
            state, [put("contributions", card.id, card)], lambda v: ev.ContributionChanged(v, card=card), index=update
        )
        return card

    def _theme(self, theme_id: str) -> Theme:
        theme = next((t for t in self._state.themes if t.id == theme_id), None)
        if theme is None:
            raise DomainError("theme.unknown")
        return theme

    def _theme_name(self, step_id: str, name: str, ignore: str | None = None) -> str:
        name = clean_name(name, "theme.name_required")
        if any(t.name.lower() == name.lower() and t.id != ignore for t in self._state.themes_of(step_id)):
            raise DomainError("theme.name_taken", name=name)
        return name

    def _check_category(self, step: Step, category: str | None) -> str | None:
        categories = self._state.categories(step.id)
        if not categories:
            return None
        if category is None or not category.strip():
            if len(categories) == 1:
                return categories[0]
            if category is None:
                return None  # the facilitator can sort it later
            raise DomainError("card.category_required", expected=", ".join(categories))
        match = match_category(categories, category)
        if match is None:
            raise DomainError("card.unknown_category", expected=", ".join(categories))
        return match


def _fold(text: str) -> str:
    """Lower case without accents and surrounding space: 'Cliënten ' -> 'clienten'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_category(categories: tuple[str, ...], typed: str) -> str | None:
    """Return the category `typed` names, or None: exactly, or regardless of case and accents ('clienten' for
    'Cliënten'), or as the start of exactly one category ('naa' for 'Naasten')."""
    if typed in categories:
        return typed
    folded = _fold(typed)
    if not folded:
        return None
    exact = [c for c in categories if _fold(c) == folded]
    if len(exact) == 1:
        return exact[0]
    starting = [c for c in categories if _fold(c).startswith(folded)]
    return starting[0] if len(starting) == 1 else None
