"""What the board shows in a step, as columns and rows: pure (session snapshot in, Rich text out, no Textual).

The screen draws these rows; the projector shows the same rows in projector mode. Results follow the core's
rule (`room_results`: nothing before the reveal), and flagged text is masked for the room by the core's
redaction. Every cell is a `Text`, so what people typed is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from rich.text import Text

from ..core.dates import screen_date
from ..core.errors import WorkshopError
from ..core.messages import render
from ..core.model import Contribution, Participant, SessionState, Step
from ..core.privacy import kind_label
from ..core.rating_rule import mark_words
from ..core.redaction import action_room_text, review_room_owner, review_room_text, room_text, theme_room_name
from ..core.results import RatingResults, Results, VoteItem, VoteResults, focus_withheld, nothing_to_vote
from ..core.review import reviewed_step, warnings
from .board_indicators import indicator_rows
from .formatting import bar, shade
from .keys import board_kind
from .strings import tr
from .table_layout import Column

Row = tuple[str, tuple[Text, ...]]  # (row key, cells)
TOO_FEW_KEY = "too-few"  # the row that says a vote's counts are withheld (fewer voters than min_group)
CARD_KEY = "card:"  # the key of a card's row on a board that lists something else too (a review, scores)
BAR_WIDTH = 12


class SessionReader(Protocol):
    """The questions a board asks the session (SessionService answers them, memoised per snapshot)."""

    def room_results(self, step_id: str | None = None) -> Results | None: ...
    def vote_items(self, step_id: str | None = None) -> tuple[VoteItem, ...]: ...
    def answer_counts(self, step_id: str | None = None) -> tuple[int, ...]: ...
    def dots_of(self, voter: str, step_id: str | None = None) -> dict[str, int]: ...
    def answers_of(self, voter: str, step_id: str | None = None) -> dict[int, str]: ...

    actions_not_loaded: WorkshopError | None  # why the review step's open actions are missing (None: loaded)


@dataclass(frozen=True)
class BoardView:
    """A board's columns and rows; `empty` says what an empty board means (shown instead of no rows).

    `narrow` is the same board in fewer columns, for a window where these do not fit without breaking words
    (e.g. an action's owner and check under its text instead of in columns of their own).
    """

    columns: tuple[Column, ...]
    rows: Sequence[Row]
    empty: str = ""
    narrow: BoardView | None = None
    flagged: bool = False  # a row shows something the privacy guard flagged (masked or released): `l` has a use


@dataclass(frozen=True)
class _CardBoard:
    """The last card board built: what its rows depend on besides the cards, the cards, and their rows."""

    context: tuple[object, ...]
    cards: tuple[Contribution, ...]
    rows: list[Row]
    flagged: bool


class Boards:
    """Builds the board of the current step. Keeps the rows of unchanged cards, so a room sending hundreds of
    cards costs one new row each, not a rebuild of every row per event."""

    def __init__(self, lang: str = "nl") -> None:
        self.lang = lang
        self._card_rows: dict[str, tuple[tuple[object, ...], Row]] = {}
        self._last_cards: _CardBoard | None = None

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    def view(
        self,
        state: SessionState,
        step: Step,
        reader: SessionReader,
        *,
        projector: bool = False,
        proxy: Participant | None = None,
    ) -> BoardView:
        """Return the board of `step`; `proxy` is the person without a phone the facilitator acts for now."""
        kind = board_kind(state, step)
        proxy = None if projector else proxy
        if kind == "votes":
            return self._votes(state, step, reader, proxy, projector)
        if kind == "ratings":
            return self._with_cards(state, step, self._ratings(step, reader, proxy), projector)
        if kind == "themes":
            sources = [c for source in step.source for c in state.cards(source, include_hidden=not projector)]
            return self._cards(state, sources, projector, with_theme=True)
        if kind == "actions":
            return self._actions(state, projector)
        reviewed = reviewed_step(state.script, step)
        if kind == "look_back" and reviewed is not None:
            return self._with_cards(state, step, self._ratings(reviewed, reader, None, focus_only=True), projector)
        if kind == "review":
            return self._with_cards(state, step, self._review(state, projector, reader.actions_not_loaded), projector)
        if kind == "cards":
            cards = state.cards(step.id, include_hidden=not projector)
            grouped = bool(state.categories(step.id)) or any(c.category for c in cards)
            view = self._cards(state, cards, projector, with_theme=False, with_category=grouped)
            return self._with_indicators(state, step, view, projector)
        return BoardView((), ())

    def _with_indicators(self, state: SessionState, step: Step, view: BoardView, projector: bool) -> BoardView:
        """`view` with the session's indicator rows on top, in the step that asks for them (board_indicators)."""
        if not step.indicators or not state.indicators:
            return view
        rows = indicator_rows(state, len(view.columns), projector, self.t)
        return BoardView(view.columns, [*rows, *view.rows], view.empty, None, view.flagged)

    # ----- cards ---------------------------------------------------------------------------------------------

    def _cards(
        self,
        state: SessionState,
        cards: Sequence[Contribution],
        projector: bool,
        with_theme: bool,
        with_category: bool = True,
    ) -> BoardView:
        """Cards with their theme (a group step) or category; a step without categories has no such column."""
        themes = {t.id: theme_room_name(t, state) if projector else t.name for t in state.themes}
        grouping = with_theme or with_category
        columns = (
            Column("nr", self.t("Nr")),
            *(
                [Column("group", self.t("Thema") if with_theme else self.t("Categorie"), wrap=True, keep_whole=24)]
                if grouping
                else []
            ),
            Column("text", self.t("Tekst"), wrap=True, weight=4, min_width=20),
        )
        cards = tuple(cards)
        # What a card's row depends on besides the card: when it is all the same as for the last board and the
        # cards only grew, the last board's rows stay and only the new cards get a row (a storm of phone cards
        # redraws the board several times a second; listing every card again cost ~5 ms at 8,000 cards).
        context = (projector, self.lang, with_theme, grouping, themes, state.participants, state.script)
        last = self._last_cards
        known = len(last.cards) if last is not None else 0
        if last is not None and last.context == context and len(cards) >= known and cards[:known] == last.cards:
            new = cards[known:]
            rows = [*last.rows, *(self._card_row(state, card, themes, projector, with_theme, grouping) for card in new)]
            flagged = last.flagged or any(card.privacy for card in new)
        else:
            rows = [self._card_row(state, card, themes, projector, with_theme, grouping) for card in cards]
            flagged = any(card.privacy for card in cards)
        self._last_cards = _CardBoard(context, cards, rows, flagged)
        empty = self.t("Nog geen kaartjes. Druk a om te typen wat er gezegd wordt.")
        return BoardView(columns, rows, empty, flagged=flagged)

    def _card_row(
        self,
        state: SessionState,
        card: Contribution,
        themes: dict[str, str],
        projector: bool,
        with_theme: bool,
        grouping: bool,
    ) -> Row:
        """A card's row on a card board: number, theme or category (when `grouping`), text with its author."""
        extra = themes.get(card.theme_id or "", "") if with_theme else (card.category or "")
        author = state.author_name(card)
        # Cards are immutable: an unchanged card keeps its row.
        key = (card, extra, author, projector, self.lang, grouping)
        cached = self._card_rows.get(card.id)
        if cached is None or cached[0] != key:
            text = self._card_text(card, projector)
            if author:
                text = Text.assemble((f"{author}: ", "bold"), text)
            if card.hidden:
                text.stylize("dim strike")
                text.append(f"  ({self.t('verborgen')})", style="italic")
            cells = (Text(card.id[1:]), Text(extra), text) if grouping else (Text(card.id[1:]), text)
            cached = (key, (card.id, cells))
            self._card_rows[card.id] = cached
        return cached[1]

    def _with_cards(self, state: SessionState, step: Step, view: BoardView, projector: bool) -> BoardView:
        """`view` with the step's cards under its rows, in its last column (a review or a scored round also
        collects cards: they must be on the board too). Their keys start with CARD_KEY."""
        if not step.collects_text:
            return view
        cards = state.cards(step.id, include_hidden=not projector)
        if not cards:
            return view

        def rows(columns: tuple[Column, ...]) -> list[Row]:
            found = []
            for card in cards:
                text = self._card_text(card, projector)
                if card.hidden:
                    text.stylize("dim strike")
                    text.append(f"  ({self.t('verborgen')})", style="italic")
                cells = [Text("") for _ in columns]
                cells[0] = Text(card.id[1:])
                if len(columns) > 2:
                    cells[1] = Text(self.t("kaartje"), style="dim italic")
                cells[-1] = text
                found.append((CARD_KEY + card.id, tuple(cells)))
            return found

        narrow = view.narrow
        if narrow is not None:
            narrow = BoardView(narrow.columns, [*narrow.rows, *rows(narrow.columns)], narrow.empty)
        flagged = view.flagged or any(c.privacy for c in cards)
        return BoardView(view.columns, [*view.rows, *rows(view.columns)], view.empty, narrow, flagged)

    def _card_text(self, card: Contribution, projector: bool) -> Text:
        """A card as this board may show it: masked for the room while flagged, marked for the facilitator."""
        if not card.privacy or card.released:
            return Text(card.text)
        return self._flagged(card.text, room_text(card) if projector else "", card.privacy, projector)

    def _flagged(self, text: str, masked: str, kinds: tuple[str, ...], projector: bool) -> Text:
        """Masked text in projector mode; otherwise the full text behind a mark naming what was found."""
        if projector:
            return Text(masked)
        labels = ", ".join(kind_label(kind, self.lang) for kind in kinds)
        return Text.assemble((f"⚠ {self.t('privé?')} {labels}", "bold reverse"), " ", text)

    # ----- votes ---------------------------------------------------------------------------------------------

    def _votes(
        self, state: SessionState, step: Step, reader: SessionReader, proxy: Participant | None, projector: bool
    ) -> BoardView:
        results = reader.room_results(step.id)
        ranked = isinstance(results, VoteResults) and not results.too_few  # then the first column is the place
        first = self.t("Plek") if ranked else self.t("Nr")
        columns = [Column("nr", first), Column("dots", self.t("Stippen")), Column("bar", "")]
        mine = reader.dots_of(proxy.id, step.id) if proxy is not None else {}
        if proxy is not None:
            columns.append(Column("proxy", self.t("Namens"), short="✋"))
        columns.append(Column("item", self.t("Thema of kaartje"), wrap=True, min_width=16, short=self.t("Thema")))

        def proxy_cell(item_id: str) -> tuple[Text, ...]:
            return (Text("●" * mine.get(item_id, 0), style="bold"),) if proxy is not None else ()

        if not isinstance(results, VoteResults) or results.too_few:
            rows: list[Row] = [
                (
                    item.id,
                    (
                        Text(str(n)),
                        Text("–", style="dim"),
                        Text(""),
                        *proxy_cell(item.id),
                        self._label(item, projector),
                    ),
                )
                for n, item in enumerate(reader.vote_items(step.id), 1)
            ]
            if isinstance(results, VoteResults):  # fewer voters than min_group: the core withheld every count
                # Items in the script's order (a ranking would tell what the few chose) under the phones' words.
                few = Text(render("results.too_few", self.lang, {}), style="bold italic")
                blank = (Text(""),) * (len(columns) - 1)
                rows.insert(0, (TOO_FEW_KEY, (*blank, few)))
        else:
            most = max((r.votes for r in results.items), default=0)
            rows = [
                (
                    r.item.id,
                    (
                        Text(str(r.rank)),
                        Text(str(r.votes)),
                        bar(r.votes, most, BAR_WIDTH),
                        *proxy_cell(r.item.id),
                        self._label(r.item, projector),
                    ),
                )
                for r in results.items
            ]
        # The facilitator is told where the items come from; the room (projector) only that there are none yet.
        why = None if projector or rows else nothing_to_vote(state, step)  # asked only of an empty board
        empty = render(why[0], self.lang, why[1]) if why else self.t("Nog niets om op te stemmen.")
        return BoardView(tuple(columns), rows, empty)

    def _label(self, item: VoteItem, projector: bool) -> Text:
        """A vote item's label, by the same rule as a card (the core says which are still masked)."""
        if not item.privacy:
            return Text(item.label)
        return self._flagged(item.label, item.room_label, item.privacy, projector)

    # ----- ratings -------------------------------------------------------------------------------------------

    def _ratings(
        self, step: Step, reader: SessionReader, proxy: Participant | None, focus_only: bool = False
    ) -> BoardView:
        """The heat table of a scale step; with `focus_only`, just the red or disputed statements. A statement the
        rule marks starts with its marks in words ("⚠ oneens", "aandacht", "veel ❓"), as in the summary.

        Counts, and which statements need attention, show once the step's results are revealed (the same rule
        as for the phones): until then every statement with a dash and how many answered it.
        """
        scale = step.scale_spec
        assert scale is not None  # a rating board is only drawn for a step with a scale
        heads = scale.labels if scale.key == "1-5" else tuple(label[:1] for label in scale.labels)
        columns = [Column("nr", self.t("Nr"))]
        columns += [Column(f"v{n}", head) for n, head in enumerate(heads)]
        columns.append(Column("answers", self.t("Antwoorden"), short=self.t("Antw.")))
        answers = reader.answers_of(proxy.id, step.id) if proxy is not None else {}
        if proxy is not None:
            columns.append(Column("proxy", self.t("Namens"), short="✋"))
        columns.append(Column("statement", self.t("Stelling"), wrap=True, min_width=20))

        def proxy_cell(index: int) -> tuple[Text, ...]:
            if proxy is None:
                return ()
            value = answers.get(index)
            return (Text(heads[scale.values.index(value)] if value in scale.values else ""),)

        rows: list[Row] = []
        results = reader.room_results(step.id)
        if not isinstance(results, RatingResults):
            if focus_only:  # the review of a step whose results the room has not seen: nothing to go through yet
                hint = "De uitslag van '{step}' is verborgen: ga er met j naartoe en toon hem met r."
                return BoardView(tuple(columns), [], self.t(hint, step=step.title))
            hidden = [Text("–", style="dim") for _ in scale.values]
            answered = reader.answer_counts(step.id)
            for index, text in enumerate(step.rated_statements):
                cells = (Text(str(index + 1)), *hidden, Text(str(answered[index])), *proxy_cell(index), Text(text))
                rows.append((str(index), cells))
            return BoardView(tuple(columns), rows)
        for statement in results.statements:
            if focus_only and not statement.focus:
                continue
            most = max((c for _, c in statement.counts), default=0)
            counts = [shade(c, most) for _, c in statement.counts]
            said = Text(statement.text)
            if statement.marks:  # in words, as the summary and the board say it (rating_rule.marks)
                said = Text.assemble((mark_words(statement.marks, self.lang), "bold"), " · ", said)
            if statement.too_few:  # counts withheld (min_group): say why instead of a row of dots
                counts = [Text("–", style="dim") for _ in statement.counts]
                said = Text.assemble((self.t("te weinig antwoorden om te tonen"), "italic"), " · ", said)
            cells = (
                Text(str(statement.index + 1)),
                *counts,
                Text(str(statement.answers)),
                *proxy_cell(statement.index),
            )
            rows.append((str(statement.index), (*cells, said)))
        empty = ""
        if focus_only:  # counts kept back (min_group) are unknown, not fine: say so (results.focus_withheld)
            withheld = focus_withheld(results.statements)
            empty = self.t(
                "Te weinig antwoorden om te zien welke stellingen rood kleuren of waarover de groep het oneens is."
                if withheld
                else "Geen stellingen die rood kleuren of waarover de groep het oneens is."
            )
        return BoardView(tuple(columns), rows, empty)

    # ----- actions -------------------------------------------------------------------------------------------

    def _actions(self, state: SessionState, projector: bool) -> BoardView:
        columns = (
            Column("nr", self.t("Nr")),
            Column("status", self.t("Status")),
            Column("due", self.t("Deadline")),
            Column("owner", self.t("Eigenaar"), wrap=True, min_width=8),
            Column("check", self.t("Check"), wrap=True, min_width=10),
            Column("what", self.t("Wat"), wrap=True, weight=3, min_width=16),
        )
        narrow_columns = (*columns[:3], Column("what", self.t("Wat"), wrap=True, min_width=16))
        rows: list[Row] = []
        narrow: list[Row] = []
        for a in state.actions:
            check = " · ".join(p for p in (a.check_method, screen_date(a.check_date, self.lang)) if p)
            what = Text(action_room_text(a, "what") if projector else a.what)
            owner = action_room_text(a, "owner") if projector else a.owner
            what = self._marked(what, a.privacy, a.released)
            first = (Text(a.id), Text(a.status), Text(screen_date(a.due, self.lang)))
            rows.append((a.id, (*first, Text(owner), Text(check), what)))
            details = " · ".join(p for p in (owner, check) if p)
            narrow.append((a.id, (*first, Text.assemble(what, "\n", (details, "dim")))))
        empty = self.t("Nog geen acties. Druk c voor een nieuwe actie.")
        flagged = any(a.privacy for a in state.actions)
        return BoardView(columns, rows, empty, BoardView(narrow_columns, narrow, empty), flagged)

    def _marked(self, what: Text, privacy: tuple[str, ...], released: bool) -> Text:
        """`what` with the "⚠ privé? naam, …" mark in front while the privacy guard's flags are not released."""
        if not privacy or released:
            return what
        labels = ", ".join(kind_label(kind, self.lang) for kind in privacy)
        return Text.assemble((f"⚠ {self.t('privé?')} {labels}", "bold reverse"), " ", what)

    def _review(self, state: SessionState, projector: bool, not_loaded: WorkshopError | None = None) -> BoardView:
        """The actions of earlier sessions still to review (open, or klaar without a decision), with what the group
        answered now and any warning."""
        day = datetime.fromisoformat(state.meta.created_at).date()
        columns: tuple[Column, ...] = (
            Column("nr", self.t("Nr")),
            Column("status", self.t("Status")),
            Column("check", self.t("Checkdatum")),
            Column("owner", self.t("Eigenaar"), wrap=True, min_width=8),
            Column("note", self.t("Let op"), wrap=True, min_width=10),
            Column("what", self.t("Wat"), wrap=True, weight=3, min_width=16),
        )
        # Across teams (`teams:`), every row names its team and plan id: "teamleider, 15 dec" could be anyone's.
        across = any(r.team for r in state.reviews)
        if across:
            columns = (*columns[:4], Column("team", self.t("Team"), wrap=True, min_width=10), *columns[4:])
        narrow_columns = (columns[0], columns[1], Column("what", self.t("Wat"), wrap=True, min_width=16))
        rows: list[Row] = []
        narrow: list[Row] = []
        for n, item in enumerate(state.reviews, 1):
            whose = f"{item.team or state.meta.team} · {item.plan_id}" if across else ""
            what = Text(review_room_text(item) if projector else item.what)
            number = Text(str(n))
            if item.reviewed:
                what.stylize("dim")
                number.append(" ✓", style="bold")
            what = self._marked(what, item.privacy, item.released)  # the flag may be in the group's answers too
            owner = review_room_owner(item) if projector else item.owner
            notes = " · ".join(warnings(item, day, self.lang))
            status = Text(item.current("status"))
            # A date the plan writes in words ("eind Q1") is shown as written, marked, never as an empty cell.
            check_date = screen_date(item.check_date, self.lang) or (
                f"{item.check_date_unread}?" if item.check_date_unread else ""
            )
            cells: tuple[Text, ...] = (number, status, Text(check_date), Text(owner), Text(notes, style="bold"), what)
            if across:
                cells = (*cells[:4], Text(whose), *cells[4:])
            rows.append((item.key, cells))
            details = " · ".join(p for p in (whose, owner, check_date) if p)
            block = Text.assemble(what, "\n", (details, "dim"))
            if notes:
                block.append_text(Text.assemble("\n", (f"⚠ {notes}", "bold")))
            narrow.append((item.key, (number, status, block)))
        code = "review.not_loaded_room" if projector else "review.not_loaded"  # a plan not read: not "no actions"
        problem = {"problem": not_loaded.text(self.lang)} if not_loaded else {}
        empty = render(code, self.lang, problem) if not_loaded else self.t("Het team heeft geen open acties.")
        flagged = any(r.privacy for r in state.reviews)
        return BoardView(columns, rows, empty, BoardView(narrow_columns, narrow, empty), flagged)
