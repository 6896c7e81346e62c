"""What the session screen's keys do to cards, themes, dots, answers and actions: one core command each."""

# Slightly over ~450 lines: one small method per key, read side by side with the bindings.

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from textual.widgets import Input

from ...core.errors import DomainError, StoreError
from ...core.messages import render
from ...core.model import Action, Contribution, Participant, ReviewItem, Theme
from ...core.privacy import kind_label
from ...core.redaction import action_flags
from ...core.results import nothing_to_vote
from ...indicator_files import read_indicator_file
from ..boards import CARD_KEY
from ..dialogs import ActionDialog, CategoryDialog, ConfirmDialog, IndicatorDialog, ReviewDialog, TextDialog
from ..keys import board_kind
from ..strings import plural
from ..widgets import Board, CaptureLine
from .session_view import SessionView

MASKED = "Weer afgeschermd ({kinds}): de groep ziet deze tekst gemaskeerd. l: vrijgeven."
SAVED_NEXT = "Opgeslagen: actie {n} ({id}). Nu geselecteerd: actie {next}."
LAST_ANSWERED = "De laatste stelling is ingevuld voor {name}. M: nieuwe persoon, m: volgende."
ALL_ANSWERED = (
    "{name} is bij de laatste stelling: dit antwoord is niet opgeslagen. M: nieuwe persoon, m: volgende, ↑: wijzigen."
)
RELEASED = "Vrijgegeven ({kinds}): de groep ziet deze tekst nu helemaal, ook in de export. l: weer afschermen."


class SessionCommands(SessionView):
    """The key handlers that work on the board's rows. The core decides; a refusal is shown, never raised."""

    def _do(
        self, command: Callable[[], object], *, refused: Mapping[str, Callable[[DomainError], None]] | None = None
    ) -> object | None:
        """Run a session command; show a refusal or a failed write as a notification instead of crashing.

        `refused`: what to do instead for a refusal with one of these codes (e.g. ask "Toch tonen?").
        """
        try:
            return command()
        except DomainError as err:
            handler = (refused or {}).get(err.code)
            if handler is not None:
                handler(err)
                return None
            self.notify(err.text(self.lang), severity="warning", markup=False)
        except StoreError as err:
            self.notify(err.text(self.lang), severity="error", timeout=30, markup=False)
        return None

    @property
    def board(self) -> Board:
        return self.query_one("#board", Board)

    def _selected(self) -> str | None:
        return self.board.selected_key

    def _selected_card(self) -> Contribution | None:
        """The card under the cursor: a row of a board of cards, or a card's row under a review or scores."""
        key = self._selected()
        if key is None:
            return None
        if key.startswith(CARD_KEY):
            return self.service.card(key.removeprefix(CARD_KEY))
        state = self.service.state
        return self.service.card(key) if board_kind(state, state.step) in ("cards", "themes") else None

    # ----- cards ------------------------------------------------------------------------------------

    def action_capture(self) -> None:
        # Synchronous: the keys typed right after `a` go into the line, not to the board as shortcuts.
        self.set_focus(self.query_one("#capture", Input))

    def on_capture_line_captured(self, event: CaptureLine.Captured) -> None:
        """A line typed into the capture line: a card ("Categorie: tekst" puts it in a category). A line the core
        refuses (or the disk does not take) goes back into the field, so nothing typed is lost."""
        state = self.service.state
        text, category, unknown = split_category(event.text, state.categories(state.step.id))
        if self._do(lambda: self.service.add_contribution(text, category=category)) is None:
            event.give_back()
            return
        if unknown:
            self.notify(
                self.t(
                    "'{name}' is geen categorie van deze stap ({known}); het kaartje staat er zonder categorie.",
                    name=unknown,
                    known=", ".join(state.categories(state.step.id)),
                ),
                severity="warning",
                timeout=8,
                markup=False,
            )

    async def action_leave(self) -> None:
        if self.focused is self.query_one("#capture") or self.focused is self.query_one("#agenda"):
            self.remove_class("-jumping")
            self.settle_focus()
            return
        if self.has_class("-join-full") or (self.join_wanted and self.has_class("-join")):
            self.join_wanted = False  # Esc first closes the QR code opened with w (it covers the screen at 80x24)
            self._lay_out()
            return
        await self._ask_before_cutting_phones(self.workshop.leave_session, self.t("Terug naar het begin?"))

    async def action_stop(self) -> None:
        """q: stop the app; asked first while phones take part (Ctrl+Q stops at once)."""
        await self._ask_before_cutting_phones(self.workshop.action_quit, self.t("Stoppen?"))

    async def _ask_before_cutting_phones(self, then: Callable[[], Awaitable[None]], question: str) -> None:
        """Run `then` (it stops the phones' server); first ask, when phones take part, since theirs stop too.

        A second Esc after closing a dialog must not cut a room off in the middle of a step.
        """
        phones = self.service.phones_present if self.server is not None and self.server.running else 0
        if not phones:
            await then()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.run_worker(then(), exclusive=True, group="leave")

        cut = plural(
            self.lang,
            phones,
            "De telefoon die meedoet, kan dan niets meer sturen tot je de sessie weer opent.",
            "De {n} telefoons die meedoen, kunnen dan niets meer sturen tot je de sessie weer opent.",
        )
        if self.service.state.meta.status == "closed":  # the phones take nothing any more: nothing to say of them
            cut = ""
        said = " ".join(part for part in (question, cut, self.t("Er gaat niets verloren.")) if part)
        self.app.push_screen(ConfirmDialog(said), confirmed)

    def action_edit_card(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        categories = self.service.state.categories(card.step_id)
        value = f"{card.category}: {card.text}" if card.category and len(categories) > 1 else card.text

        def edit(typed: str) -> Contribution:
            text, category, _ = split_category(typed, categories)
            return self.service.edit_contribution(card.id, text, category=category)

        hint = self.t("Categorie: tekst zet het kaartje in een andere categorie.") if len(categories) > 1 else ""
        self.app.push_screen(TextDialog(self.t("Kaartje bewerken"), value, submit=edit, hint=hint))

    def action_hide_card(self) -> None:
        card = self._selected_card()
        if card is not None:
            self._do(lambda: self.service.hide_contribution(card.id, hidden=not card.hidden))

    def action_release(self) -> None:
        """Release what the privacy guard flagged on the selected row (or mask it again): a card, an action
        or a review item, once the facilitator has looked at it."""
        item = self._selected_item()
        if item is None or not item.privacy:
            self.notify(self.t("Op deze rij is niets afgeschermd: er is niets vrij te geven."), timeout=4)
            return
        if isinstance(item, Contribution):
            done = self._do(lambda: self.service.release_card(item.id, not item.released))
        elif isinstance(item, Action):
            done = self._do(lambda: self.service.release_action(item.id, not item.released))
        else:
            done = self._do(lambda: self.service.release_review(item.key, not item.released))
        if done is not None:  # one key shows personal data to the room: say plainly what just happened
            kinds = ", ".join(kind_label(kind, self.lang) for kind in item.privacy)
            self.notify(self.t(MASKED if item.released else RELEASED, kinds=kinds), timeout=6, markup=False)

    def _selected_item(self) -> Contribution | Action | ReviewItem | None:
        """The card, action or open action under review on the row under the cursor; None on other rows."""
        card = self._selected_card()
        if card is not None:
            return card
        key, state = self._selected(), self.service.state
        board = board_kind(state, state.step)
        if board == "actions":
            return next((a for a in state.actions if a.id == key), None)
        if board == "review":
            return next((r for r in state.reviews if r.key == key), None)
        return None

    def action_categories(self) -> None:
        state = self.service.state
        step = state.step
        chosen = dict(state.meta.chosen_categories).get(step.id, ())
        self.app.push_screen(CategoryDialog(step, chosen, submit=lambda names: self.service.choose_categories(names)))

    # ----- themes -----------------------------------------------------------------------------------

    def action_new_theme(self) -> None:
        key = self._selected()

        def create(name: str) -> Theme:
            theme = self.service.create_theme(name)
            if key is not None and key.startswith("c"):
                self.service.group_card(key, theme.id)
            return theme

        self.app.push_screen(TextDialog(self.t("Naam van het thema"), submit=create))

    def action_rename_theme(self) -> None:
        theme = self._theme_of_selected()
        if theme is not None:
            self.app.push_screen(
                TextDialog(
                    self.t("Naam van het thema"),
                    theme.name,
                    submit=lambda name: self.service.rename_theme(theme.id, name),
                )
            )

    def _theme_of_selected(self) -> Theme | None:
        card = self._selected_card()
        return next((t for t in self.service.state.themes if card and t.id == card.theme_id), None)

    def action_theme(self, number: int) -> None:
        """1-9: put the card under the cursor in that theme, 0: out of its theme. The cursor stays on the card: its
        new theme shows where the facilitator looks, and a second digit corrects the same card (it used to jump to
        the next card without a word, so a correction went to the wrong card; a trial)."""
        key = self._selected()
        if key is None:
            return
        themes = self.service.state.themes_of(self.service.state.step.id)
        if number == 0:
            self._do(lambda: self.service.group_card(key, None))
        elif number <= len(themes):
            self._do(lambda: self.service.group_card(key, themes[number - 1].id))
        else:  # a key with no theme behind it did nothing without a word (re-trial)
            count = plural(self.lang, len(themes), "{n} thema", "{n} thema's")
            self.notify(self.t("Er is geen thema {number}: deze stap heeft {count}.", number=number, count=count))

    # ----- votes and answers ------------------------------------------------------------------------

    def action_toggle_voting(self) -> None:
        step = self.service.state.step
        if self.service.state.is_voting_open(step.id):
            self._do(self.service.close_voting)
        else:
            self._do(self.service.open_voting)
            state = self.service.state
            # Open, but the phones offer nothing: say where the items come from instead of staying silent.
            if state.is_voting_open(step.id) and (why := nothing_to_vote(state, step)):
                self.notify(render(why[0], self.lang, why[1]), severity="warning", timeout=15, markup=False)

    def action_next_proxy(self) -> None:
        proxies = self.service.state.proxies
        if not proxies:  # the first one at once, numbered (M adds one with a name)
            self._with_proxy(lambda voter: None)
            self._start_proxy(new=True)
            return
        self.proxy_index = (self.proxy_index + 1) % len(proxies)
        self._start_proxy()

    def action_new_proxy(self) -> None:
        """Add a person without a phone; the dialog asks their name (or initials), empty gives a number."""

        def added(proxy: Participant | None) -> None:
            if isinstance(proxy, Participant):
                self.proxy_index = len(self.service.state.proxies) - 1
                self._start_proxy(new=True)

        self.app.push_screen(
            TextDialog(
                self.t("Naam van wie zonder telefoon meedoet (mag leeg blijven)"),
                submit=lambda name: self.service.add_proxy(name),
                hint=self.t("Een voornaam of initialen; leeg: 'Zonder telefoon' met een nummer."),
            ),
            added,
        )

    def _statement_rows(self) -> list[int]:
        """The board's rows that are statements to answer (a rating step also lists cards under them)."""
        board = self.board
        return [row for row in range(board.row_count) if board.key_at(row).isdigit()]

    def _start_proxy(self, new: bool = False) -> None:
        """Another person's paper form: in a rating step the cursor goes to their first statement without an answer
        (the first statement for someone new), and the screen says whose answers are entered now (trial 16)."""
        self.proxy_end = None
        proxy = self._proxy(self.service.state)
        step = self.service.state.step
        if proxy is not None and step.scale_spec is not None:
            given = self.service.answers_of(proxy.id, step.id)
            rows = self._statement_rows()
            todo = [row for row in rows if int(self.board.key_at(row)) not in given]
            if todo or rows:
                self.board.move_cursor(row=(todo or rows)[0])
            name = proxy.nickname or ""
            number = int(self.board.selected_key or 0) + 1
            self.notify(self.t("Antwoorden van {name}: begin bij stelling {n}", name=name, n=number), markup=False)
        elif proxy is not None and new:
            self.notify(self.t("{name} toegevoegd", name=proxy.nickname or ""), markup=False)
        self.schedule_render()

    def _with_proxy(self, command: Callable[[str], object]) -> None:
        proxy = self._proxy(self.service.state)
        if proxy is None:
            proxy = self._do(self.service.add_proxy)  # type: ignore[assignment]
            if not isinstance(proxy, Participant):
                return
            self.proxy_index = len(self.service.state.proxies) - 1
        self._do(lambda: command(proxy.id))

    def action_proxy_vote(self) -> None:
        key = self._selected()
        if key is not None:
            self._with_proxy(lambda voter: self.service.cast_vote(key, voter=voter, via="proxy"))

    def action_proxy_withdraw(self) -> None:
        key = self._selected()
        if key is not None:
            self._with_proxy(lambda voter: self.service.withdraw_vote(key, voter=voter))

    def action_proxy_answer(self, number: int) -> None:
        """An answer from a paper form for the statement under the cursor; the cursor then goes to the next statement.
        After the last one, answer keys are refused until the facilitator picks a row or the next person (M, m):
        the next person's answers never land on the last statement (trial 16)."""
        key = self._selected()
        state = self.service.state
        scale = state.step.scale_spec
        if key is None or scale is None or not key.isdigit():
            return  # no statement under the cursor (a card's row)
        proxy = self._proxy(state)
        if proxy is not None and self.proxy_end == (proxy.id, self.board.user_moves):
            self.app.bell()
            self.notify(self.t(ALL_ANSWERED, name=proxy.nickname or ""), severity="warning", markup=False)
            return
        before = self.service.answers_of(proxy.id, state.step.id).get(int(key)) if proxy is not None else None
        value = scale.values[number - 1]
        self._with_proxy(lambda voter: self.service.rate(int(key), value, voter=voter, via="proxy"))
        proxy = self._proxy(self.service.state)
        if proxy is None or self.service.answers_of(proxy.id, state.step.id).get(int(key)) != value:
            return  # refused: the core said why
        name = proxy.nickname or ""
        if before is not None and before != value:  # a changed answer is said, never silent
            self.notify(self.t("Stelling {n}: antwoord van {name} gewijzigd", n=int(key) + 1, name=name), markup=False)
        later = [row for row in self._statement_rows() if row > self.board.cursor_row]
        if later:
            self.board.move_cursor(row=later[0])
        else:
            self.proxy_end = (proxy.id, self.board.user_moves)
            self.notify(self.t(LAST_ANSWERED, name=name), markup=False)
        self.schedule_render()

    def action_reveal(self) -> None:
        step = self.service.state.step
        if self.service.state.is_revealed(step.id):
            self._do(lambda: self.service.reveal(revealed=False))
            return

        def confirmed(yes: bool | None) -> None:  # the facilitator was told who could be singled out
            if yes:
                self._do(lambda: self.service.reveal(step.id, anyway=True))
            else:  # said, not silent: the board and the phones keep what the room saw before
                self.notify(self.t("De uitslag blijft verborgen."), markup=False)

        def ask(err: DomainError) -> None:
            self.app.push_screen(ConfirmDialog(f"{err.text(self.lang)} {self.t('Toch tonen?')}"), confirmed)

        self._do(self.service.reveal, refused={"results.few_changed": ask})

    # ----- actions and their review -----------------------------------------------------------------

    def action_new_action(self) -> None:
        self._action_dialog(None)

    def action_indicators(self) -> None:
        """`g` in the step that asks for the figures: type an indicator row or read a CSV file of them."""

        def submit(row: dict[str, str], path: str) -> object:
            rows = read_indicator_file(Path(path).expanduser()) if path else []
            if row or not rows:  # nothing typed and no file: the core says a name is needed
                rows.append(row)
            return self.service.import_indicators(rows)

        def stored(result: object) -> None:
            if isinstance(result, tuple) and result:
                said = plural(self.lang, len(result), "1 indicator opgeslagen.", "{n} indicatoren opgeslagen.")
                self.notify(said, timeout=4, markup=False)

        self.app.push_screen(IndicatorDialog(submit, count=len(self.service.state.indicators)), stored)

    def action_open_row(self) -> None:
        """Enter on the row under the cursor: edit that card or action, or answer the questions for that open
        action. (Releasing a flagged card is `l` only: Enter never shows the room what the guard masked.)"""
        item = self._selected_item()
        if isinstance(item, Contribution):
            self.action_edit_card()
        elif isinstance(item, Action):
            self._action_dialog(item)
        elif item is not None:
            self._review_dialog(item.key)

    def on_board_row_selected(self, event: Board.RowSelected) -> None:
        # Enter on the focused board (the board takes Enter first) or a click on the selected row.
        event.stop()
        if self.check_action("open_row", ()):
            self.action_open_row()

    def _action_dialog(self, action: Action | None) -> None:
        def save(fields: dict[str, str]) -> Action:
            if action is None:
                return self.service.add_action(
                    fields.pop("what"), owner=fields.pop("owner"), due=fields.pop("due"), **fields
                )
            return self.service.update_action(action.id, **fields)

        def saved(result: Any) -> None:
            if isinstance(result, Action):
                self.call_after_refresh(self.board.select_key, result.id)

        def private(texts: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
            # Without waiting for the name lists: a key press never blocks (until then a name is found on saving).
            return action_flags(texts, today=self.service.today(), wait=False)

        self.app.push_screen(ActionDialog(save, self.service.state.themes, action, privacy=private), saved)

    def _review_dialog(self, key: str | None) -> None:
        """Answer the four questions for the review item `key`; once saved, the cursor walks to the next item."""
        items = self.service.state.reviews
        index = next((n for n, r in enumerate(items) if r.key == key), None)
        if index is None:
            return
        item = items[index]

        def submit(answers: dict[str, str | None]) -> object:
            return self.service.review_action(item.key, **answers)

        def answered(result: object) -> None:
            if result is None:
                return
            n, plan_id = index + 1, item.key
            if index + 1 < len(items):  # say it: the next Enter opens the next action, not this one again
                self.call_after_refresh(self.board.select_key, items[index + 1].key)
                said = self.t(SAVED_NEXT, n=n, id=plan_id, next=n + 1)
            else:
                said = self.t("Opgeslagen: actie {n} ({id}), de laatste.", n=n, id=plan_id)
            self.notify(said, timeout=4, markup=False)

        # Across teams, the dialog names the team whose plan holds the action (and its id).
        across = any(r.team for r in items)
        team = (item.team or self.service.state.meta.team) if across else ""
        self.app.push_screen(ReviewDialog(item, submit, n=index + 1, total=len(items), team=team), answered)

    def action_delete(self) -> None:
        state = self.service.state
        key = self._selected()
        if key is not None and state.step.kind == "actions" and any(a.id == key for a in state.actions):
            question, command = self.t("Actie verwijderen?"), lambda: self.service.remove_action(key)
        else:
            theme = self._theme_of_selected()
            if theme is None:
                return
            question, command = self.t("Thema verwijderen?"), lambda: self.service.remove_theme(theme.id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._do(command)

        self.app.push_screen(ConfirmDialog(question), confirmed)


def split_category(typed: str, categories: tuple[str, ...]) -> tuple[str, str | None, str]:
    """Read "Categorie: tekst" as the facilitator types it; returns (text, category or None, unknown name).

    The name may differ in case and accents and may be shortened while it is unambiguous ("clienten", "naa");
    the core decides which category it means. A short head that names no category is reported as unknown, and
    the whole line is kept as the text.
    """
    from ...core.cards import match_category

    head, sep, rest = typed.partition(":")
    if not sep or not categories or not rest.strip():
        return typed, None, ""
    category = match_category(categories, head)
    if category is not None:
        return rest, category, ""
    looks_like_a_name = 0 < len(head.strip()) <= 30 and len(head.split()) <= 3
    return typed, None, head.strip() if looks_like_a_name else ""
