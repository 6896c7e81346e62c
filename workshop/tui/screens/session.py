"""The session screen: agenda, prompt, timer and the live board of the step the group is in."""

from __future__ import annotations

import time
import webbrowser
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ...core import events as ev
from ...core.availability import allowed
from ...core.errors import DomainError, StoreError
from ...core.messages import render
from ...core.model import Contribution, Participant, SessionState, Step
from ...core.privacy import kind_label
from ...core.redaction import review_room_text, room_text
from ...core.results import RatingResults, VoteItem, VoteResults
from ...core.review import reviewed_step, warnings
from ...core.session import SessionService
from ..dialogs import (
    ActionDialog,
    CategoryDialog,
    ConfirmDialog,
    HelpScreen,
    ReviewDialog,
    TextDialog,
    export_preview,
)
from ..keys import SESSION_KEYS, board_kind, key_command
from ..strings import tr, translate_bindings
from ..widgets import Board, JoinPanel, Row, bar, clock_text, shade

if TYPE_CHECKING:
    from ...web.server import ParticipantServer
    from ..app import WorkshopApp

BURST = 30  # events within a second that count as a room sending at once
BURST_PAUSE = 0.25  # seconds between redraws during such a burst


class SessionScreen(Screen):
    """Runs one session from the keyboard. Every change goes through the SessionService; the screen
    re-renders from the service's snapshot whenever an event says something changed."""

    AUTO_FOCUS = "#board"
    BINDINGS = [
        Binding("n", "advance", "Volgende stap"),
        Binding("p", "back", "Vorige stap"),
        Binding("j", "jump", "Naar stap"),
        Binding("a", "capture", "Kaartje"),
        Binding("e", "edit_card", "Bewerken"),
        Binding("h", "hide_card", "Verbergen"),
        Binding("l", "release", "Vrijgeven"),
        Binding("k", "categories", "Categorieën"),
        Binding("t", "new_theme", "Nieuw thema"),
        Binding("T", "rename_theme", "Thema hernoemen", show=False),
        *[Binding(str(n), f"theme({n})", "Thema 1-9", show=n == 1) for n in range(1, 10)],
        Binding("0", "theme(0)", "Uit thema", show=False),
        Binding("o", "toggle_voting", "Stemmen open/dicht"),
        Binding("v", "proxy_vote", "Stip namens"),
        Binding("u", "proxy_withdraw", "Stip terug"),
        *[Binding(str(n), f"proxy_answer({n})", "Antwoord namens", show=n == 1) for n in range(1, 6)],
        Binding("m", "next_proxy", "Zonder telefoon"),
        Binding("M", "new_proxy", "Zonder telefoon", show=False),
        Binding("r", "reveal", "Uitslag tonen"),
        Binding("c", "new_action", "Actie"),
        Binding("enter", "edit_action", "Bewerken", show=False),
        Binding("enter", "review", "Bespreken"),
        Binding("delete", "delete", "Verwijderen", show=False),
        Binding("d", "headcount", "Aanwezigen", show=False),
        Binding("f", "projector", "Projector"),
        Binding("w", "toggle_join", "Meedoen (QR)"),
        Binding("b", "open_board", "Bord (beamer)", show=False),
        Binding("x", "export", "Export"),
        Binding("question_mark", "help", "Help"),
        Binding("escape", "leave", "Terug"),
    ]

    def __init__(self, service: SessionService) -> None:
        super().__init__()
        self.service = service
        self.proxy_index = 0
        self._shown_step: str | None = None
        self._scheduled = False
        self._shown_text: dict[str, str | Text] = {}
        self.server: ParticipantServer | None = None  # the participant server, while it runs
        self._row_cache: dict[str, tuple[tuple, Row]] = {}
        self._availability: tuple = ()
        self._recent: deque[float] = deque()  # when the last second's events came in
        self._last_render = 0.0
        self._unsubscribe: Callable[[], None] | None = None

    # ----- building --------------------------------------------------------------------------

    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.workshop.lang

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="agenda")
            with Vertical(id="main"):
                with Horizontal(id="step-bar"):
                    yield Static(id="step-title")
                    yield Static(id="timer")
                with VerticalScroll(id="prompt-box"):
                    yield Markdown(id="prompt", open_links=False)
                yield Static(id="status")
                yield Board(id="board")
                yield Input(id="capture")
            yield JoinPanel(id="join", classes="join")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.set_class(self.projector, "-projector")  # the app may still be in projector mode from a session before
        state = self.service.state
        self.title = state.meta.title
        self.sub_title = state.meta.team
        agenda = self.query_one("#agenda", OptionList)
        agenda.add_options(
            [Option(Text(f"{n:>2} {s.minutes:>2}′ {s.title}"), id=s.id) for n, s in enumerate(state.script.steps, 1)]
        )
        self._unsubscribe = self.service.subscribe(self._on_event)
        self.set_interval(1.0, self._tick)
        # The QR code needs about 40 columns: shown at once on a wide screen, with `w` on a small one.
        joinable = self.workshop.serve or bool(self.workshop.fixed_join_url)
        self.set_class(joinable and self.app.size.width >= 110, "-join")
        if self.workshop.fixed_join_url:
            self.query_one(JoinPanel).show_url(self.t("Meedoen met de telefoon"), self.workshop.fixed_join_url)
        elif self.workshop.serve:
            self.run_worker(self._start_server(), exclusive=True, group="server")
        self.call_later(self._render_state)

    async def _start_server(self) -> None:
        """Start the phones' web server in this app's own event loop and show how to join."""
        # Imported here: the web server (aiohttp) is only needed once a session runs.
        from ...web.network import lan_address
        from ...web.qr import write_qr_svg
        from ...web.server import DEFAULT_PORT, ParticipantServer, ServerStartError

        panel = self.query_one(JoinPanel)
        title = self.t("Meedoen met de telefoon")
        host = lan_address(self.workshop.host)
        if host is None:
            message = render("web.no_lan", self.lang, {})
            panel.show_problem(title, message)
            self.notify(message, severity="warning", timeout=20, markup=False)
            return
        server = ParticipantServer(self.service, lang=self.lang, max_participants=self.workshop.max_participants)
        try:
            url = await server.start(host, self.workshop.port or DEFAULT_PORT)
        except ServerStartError as err:
            panel.show_problem(title, err.text(self.lang))
            self.notify(err.text(self.lang), severity="error", timeout=30, markup=False)
            return
        self.server = server
        panel.show_url(title, url)
        panel.show_board(self.t("Bord voor de beamer (b): {url}", url=server.board_url))
        try:
            write_qr_svg(url, self.workshop.workspace.exports_dir / f"{self.service.state.meta.id}-qr.svg")
        except OSError:
            pass  # the QR on screen works without the printable copy

    async def stop_server(self) -> None:
        """Stop the phones' web server (open pages see the session end); safe to call twice."""
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

    def on_unmount(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()

    # ----- following the session ---------------------------------------------------------------

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.ReviewActionsNotLoaded):
            self.notify(event.text(self.lang), severity="error", timeout=30, markup=False)
        if isinstance(event, ev.StepSkipped):
            self.notify(event.text(self.lang), timeout=10, markup=False)
        if isinstance(event, ev.StoreHealthChanged) and (event.ok or event.failures == 1):
            # Said once when saving fails and once when it works again; the status line keeps showing it.
            if event.ok:
                self.notify(self.t("Opslaan werkt weer."), timeout=10)
            else:
                self.notify(
                    self.t("Niet opgeslagen: {reason}. Telefoons krijgen 'probeer het opnieuw'.", reason=event.reason),
                    severity="error",
                    timeout=60,
                    markup=False,
                )
        # Events become one re-render per moment the app is free. When a room sends a flood (more than
        # BURST events within a second), the board is redrawn at most every BURST_PAUSE seconds, so the
        # facilitator's own keys stay quick; a new card still shows within a quarter of a second.
        now = time.monotonic()
        self._recent.append(now)
        while self._recent and self._recent[0] < now - 1.0:
            self._recent.popleft()
        if self._scheduled:
            return
        self._scheduled = True
        wait = self._last_render + BURST_PAUSE - now if len(self._recent) > BURST else 0.0
        if wait > 0:
            self.set_timer(wait, self._render_state)
        else:
            self.call_later(self._render_state)

    async def _render_state(self) -> None:
        self._scheduled = False
        self._last_render = time.monotonic()
        state = self.service.state
        step = state.step
        if step.id != self._shown_step:
            self._shown_step = step.id
            self.query_one("#agenda", OptionList).highlighted = state.meta.current
            await self.query_one("#prompt", Markdown).update(step.prompt)
            self.query_one("#prompt-box").scroll_home(animate=False)
            capture = self.query_one("#capture", Input)
            capture.placeholder = self.t(
                "Typ wat er gezegd wordt en druk Enter (categorie: tekst)"
                if state.categories(step.id)
                else "Typ wat er gezegd wordt en druk Enter"
            )
        _flag(self, "-closed", state.meta.status == "closed")
        _flag(self, "-no-board", step.kind == "explain")
        _flag(self, "-capturing", step.collects_text and state.meta.status == "open")
        self._show(
            "#step-title",
            Text.assemble(
                (
                    self.t("Stap {n} van {total}", n=state.meta.current + 1, total=len(state.script.steps)) + " · ",
                    "dim",
                ),
                (step.title, "bold"),
            ),
        )
        self._show("#status", self._status(state, step))
        count = self.t("Deelnemers: {n}", n=len(state.participants))
        if self._shown_text.get("#join-count") != count:
            self._shown_text["#join-count"] = count
            self.query_one(JoinPanel).show_count(count)
        columns, rows = self._board(state, step)
        self.query_one("#board", Board).show(columns, rows)
        self._tick()
        # Refreshing the bindings rebuilds the footer; do it only when what check_action looks at changed.
        availability = (
            step.id,
            state.meta.status,
            state.meta.current,
            state.is_voting_open(step.id),
            bool(state.themes_of(step.id)),
            bool(state.actions),
            bool(state.reviews),
        )
        if availability != self._availability:
            self._availability = availability
            self.refresh_bindings()

    def _tick(self) -> None:
        if self.service.state.meta.status == "closed":
            self._show("#timer", self.t("Sessie afgesloten."))
            return
        box = self.service.timebox()
        timer = self.query_one("#timer", Static)
        if box.overrun:
            self._show("#timer", self.t("{time} over tijd", time=clock_text(box.overrun)))
        else:
            self._show("#timer", self.t("nog {time}", time=clock_text(box.remaining)))
        _flag(timer, "-warning", box.warning and not box.overrun)
        _flag(timer, "-overrun", bool(box.overrun))

    def _show(self, selector: str, content: str | Text) -> None:
        """Update a Static only when its content changed: every update costs a repaint."""
        if self._shown_text.get(selector) != content:
            self._shown_text[selector] = content
            self.query_one(selector, Static).update(content)

    # ----- what the board shows ----------------------------------------------------------------

    @property
    def projector(self) -> bool:
        return self.workshop.projector

    def _status(self, state: SessionState, step: Step) -> Text:
        parts = [self.t("{n} deelnemers", n=self.service.participant_count)]
        if self.service.store_problem:
            parts.insert(0, "⚠ " + self.t("Niet opgeslagen: {reason}", reason=self.service.store_problem))
        if step.kind == "group":
            themes = state.themes_of(step.id)
            parts.append(
                self.t("Thema's: {themes}", themes=" · ".join(f"{n} {t.name}" for n, t in enumerate(themes, 1)))
                if themes
                else self.t("Nog geen thema's (druk t)")
            )
        if step.kind == "vote":
            parts.append(self.t("Stemmen open") if state.is_voting_open(step.id) else self.t("Stemmen dicht"))
            parts.append(self.t("{n} stippen uitgedeeld", n=sum(1 for v in state.votes if v.step_id == step.id)))
        if step.has_results:
            parts.append(self.t("uitslag zichtbaar") if state.is_revealed(step.id) else self.t("uitslag verborgen"))
            if not self.projector:
                parts.append(self._proxy_status(state, step))
        if step.kind == "collect" and state.categories(step.id):
            parts.append(", ".join(state.categories(step.id)))
        return Text(" · ".join(p for p in parts if p))

    def _proxy_status(self, state: SessionState, step: Step) -> str:
        proxy = self._proxy(state)
        if proxy is None:
            return self.t("Nog niemand zonder telefoon (druk m)")
        if step.kind == "vote":
            return self.t(
                "Namens: {name} ({dots} stippen over)", name=proxy.nickname, dots=self.service.dots_left(proxy.id)
            )
        return self.t("Namens: {name}", name=proxy.nickname)

    def _board(self, state: SessionState, step: Step) -> tuple[list[str], list[Row]]:
        kind = board_kind(state, step)
        if kind == "votes":
            return self._vote_board(state, step)
        if kind == "ratings":
            return self._rating_board(state, step)
        if kind == "themes":
            cards = [c for source in step.source for c in state.cards(source, include_hidden=not self.projector)]
            return self._card_board(state, cards, with_theme=True)
        if kind == "actions":
            return self._action_board(state)
        reviewed = reviewed_step(state.script, step)
        if kind == "look_back" and reviewed is not None:
            return self._rating_board(state, reviewed, focus_only=True)
        if kind == "review":
            return self._review_board(state)
        if kind == "cards":
            return self._card_board(state, state.cards(step.id, include_hidden=not self.projector), with_theme=False)
        return [], []

    def _card_board(
        self, state: SessionState, cards: list[Contribution] | tuple[Contribution, ...], with_theme: bool
    ) -> tuple[list[str], list[Row]]:
        themes = {t.id: t.name for t in state.themes}
        # Long text goes last, so the short columns stay on screen in a narrow terminal.
        columns = [self.t("Nr"), self.t("Thema") if with_theme else self.t("Categorie"), self.t("Tekst")]
        rows: list[Row] = []
        cache = self._row_cache
        for card in cards:
            extra = themes.get(card.theme_id or "", "") if with_theme else (card.category or "")
            # Cards are immutable: an unchanged card keeps its row, so a room sending hundreds of cards
            # costs one new row each, not a rebuild of the whole board per event.
            key = (card, extra, self.projector)
            cached = cache.get(card.id)
            if cached is None or cached[0] != key:
                text = self._card_text(card)
                if card.hidden:
                    text.stylize("dim strike")
                    text.append(f"  ({self.t('verborgen')})", style="italic")
                cached = (key, (card.id, (card.id[1:], Text(extra), text)))
                cache[card.id] = cached
            rows.append(cached[1])
        return columns, rows

    def _vote_board(self, state: SessionState, step: Step) -> tuple[list[str], list[Row]]:
        columns = [self.t("Nr"), self.t("Stippen"), "", self.t("Thema")]
        # What the room may see (the core's rule): this screen may be projected, so it follows it too.
        results = self.service.room_results(step.id)
        if not isinstance(results, VoteResults):
            return columns, [
                (item.id, (str(n), "–", Text(""), self._item_label(item)))
                for n, item in enumerate(self.service.vote_items(step.id), 1)
            ]
        most = max((r.votes for r in results.items), default=0)
        return columns, [
            (r.item.id, (str(r.rank), str(r.votes), bar(r.votes, most), self._item_label(r.item)))
            for r in results.items
        ]

    def _card_text(self, card: Contribution) -> Text:
        """A card as this screen may show it: masked for the room while flagged, marked for the facilitator."""
        if not card.privacy or card.released:
            return Text(card.text)
        return self._flagged(card.text, room_text(card) if self.projector else "", card.privacy)

    def _item_label(self, item: VoteItem) -> Text:
        """A vote item's label, by the same rule as a card (the core says which are still masked)."""
        if not item.privacy:
            return Text(item.label)
        return self._flagged(item.label, item.room_label if self.projector else "", item.privacy)

    def _flagged(self, text: str, masked: str, kinds: tuple[str, ...]) -> Text:
        """Masked text in projector mode; otherwise the full text behind a mark naming what was found."""
        if self.projector:
            return Text(masked)
        labels = ", ".join(kind_label(kind, self.lang) for kind in kinds)
        return Text.assemble((f"⚠ {self.t('privé?')} {labels} ", "bold reverse"), text)

    def _rating_board(self, state: SessionState, step: Step, focus_only: bool = False) -> tuple[list[str], list[Row]]:
        """The heat table of a scale step; with `focus_only`, just the red or disputed statements.

        Counts, and which statements need attention, show once the step's results are revealed (the
        same rule as for the phones): until then every statement with a dash.
        """
        results = self.service.room_results(step.id)
        scale = step.scale_spec
        assert scale is not None  # a rating board is only drawn for a step with a scale
        columns = [self.t("Nr")] + list(scale.labels if scale.key == "1-5" else [label[:1] for label in scale.labels])
        columns += [self.t("Antwoorden"), self.t("Let op"), self.t("Stelling")]
        rows: list[Row] = []
        if not isinstance(results, RatingResults):
            # Before the reveal: every statement with a dash, and how many answered (progress, not a result).
            hidden = [Text("–", style="dim") for _ in scale.values]
            answered = self.service.answer_counts(step.id)
            for index, text in enumerate(step.rated_statements):
                rows.append((str(index), (str(index + 1), *hidden, str(answered[index]), Text(""), Text(text))))
            return columns, rows
        for statement in results.statements:
            if focus_only and not statement.focus:
                continue
            most = max((c for _, c in statement.counts), default=0)
            counts = [shade(c, most) for _, c in statement.counts]
            note = Text(f"⚠ {self.t('oneens')}", style="bold") if statement.disputed else Text("")
            rows.append(
                (
                    str(statement.index),
                    (str(statement.index + 1), *counts, str(statement.answers), note, Text(statement.text)),
                )
            )
        return columns, rows

    def _action_board(self, state: SessionState) -> tuple[list[str], list[Row]]:
        columns = [self.t(c) for c in ("Nr", "Status", "Deadline", "Eigenaar", "Checkmethode", "Checkdatum", "Wat")]
        rows: list[Row] = [
            (a.id, (a.id, a.status, a.due, Text(a.owner), Text(a.check_method), a.check_date, Text(a.what)))
            for a in state.actions
        ]
        return columns, rows

    def _review_board(self, state: SessionState) -> tuple[list[str], list[Row]]:
        """The open actions of earlier sessions, with what the group answered now and any warning."""
        day = datetime.fromisoformat(state.meta.created_at).date()
        columns = [self.t(c) for c in ("Nr", "Status", "Checkdatum", "Eigenaar", "Let op", "Wat")]
        rows: list[Row] = []
        for n, item in enumerate(state.reviews, 1):
            status = item.current("status")
            what = Text(review_room_text(item) if self.projector else item.what)
            if item.reviewed:
                what.stylize("dim")
            note = Text(" · ".join(warnings(item, day, self.lang)), style="bold")
            rows.append((item.plan_id, (str(n), status, item.check_date, Text(item.owner), note, what)))
        return columns, rows

    # ----- which keys apply now ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer a key only when the core allows its command now (availability.py) and this board has a use
        for it (e.g. a card under the cursor to edit); keys of the screen itself are always there."""
        state = self.service.state
        step = state.step
        if action == "toggle_join":
            return self.workshop.serve or bool(self.workshop.fixed_join_url)
        if action == "open_board":
            return self.server is not None
        command = key_command(action, state, step)
        if command is None:
            return action not in SESSION_KEYS
        if not allowed(state, command):
            return False
        board = board_kind(state, step)
        if action in ("edit_card", "hide_card"):
            return board in ("cards", "themes")
        if action == "categories":
            return bool(step.pick)  # offered where the script asks the facilitator to choose
        if action in ("next_proxy", "new_proxy"):
            return step.has_results  # people without a phone only matter where there are dots or answers
        if action in ("new_action", "edit_action"):
            return board == "actions"
        if action == "review":
            return board == "review"
        if action == "proxy_answer" and parameters:
            scale = step.scale_spec
            return scale is not None and int(str(parameters[0])) <= len(scale.values)
        return True

    # ----- actions ------------------------------------------------------------------------------

    def _do(self, command: Callable[[], object]) -> object | None:
        """Run a session command; show a refusal or a failed write as a notification instead of crashing."""
        try:
            return command()
        except DomainError as err:
            self.notify(err.text(self.lang), severity="warning", markup=False)
        except StoreError as err:
            self.notify(err.text(self.lang), severity="error", timeout=30, markup=False)
        return None

    def _selected(self) -> str | None:
        return self.query_one("#board", Board).selected_key

    def action_advance(self) -> None:
        self._do(self.service.advance)

    def action_back(self) -> None:
        self._do(self.service.back)

    def action_jump(self) -> None:
        self.query_one("#agenda", OptionList).focus()

    def _selected_card(self) -> Contribution | None:
        key = self._selected()
        return self.service.card(key) if key else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        step_id = event.option.id
        if event.option_list.id == "agenda" and step_id:
            self._do(lambda: self.service.go_to(step_id))
            self.query_one("#board").focus()

    def action_capture(self) -> None:
        self.query_one("#capture", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "capture" or not event.value.strip():
            return
        text, category = event.value, None
        head, sep, rest = text.partition(":")
        categories = {c.lower(): c for c in self.service.state.categories(self.service.state.step.id)}
        if sep and head.strip().lower() in categories:
            text, category = rest, categories[head.strip().lower()]
        if self._do(lambda: self.service.add_contribution(text, category=category)) is not None:
            event.input.value = ""

    async def action_leave(self) -> None:
        capture = self.query_one("#capture", Input)
        if capture.has_focus or self.query_one("#agenda").has_focus:
            self.query_one("#board").focus()
            return
        await self.workshop.leave_session()

    def action_edit_card(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        self.app.push_screen(
            TextDialog(
                self.t("Kaartje bewerken"), card.text, submit=lambda text: self.service.edit_contribution(card.id, text)
            )
        )

    def action_hide_card(self) -> None:
        card = self._selected_card()
        if card is not None:
            self._do(lambda: self.service.hide_contribution(card.id, hidden=not card.hidden))

    def action_release(self) -> None:
        """Release what the privacy guard flagged on the selected row (or mask it again): a card, an action
        or a review item, once the facilitator has looked at it."""
        key = self._selected()
        state = self.service.state
        board = board_kind(state, state.step)
        if board == "actions":
            action = next((a for a in state.actions if a.id == key), None)
            if action is not None and action.privacy:
                self._do(lambda: self.service.release_action(action.id, not action.released))
        elif board == "review":
            item = next((r for r in state.reviews if r.plan_id == key), None)
            if item is not None and item.privacy:
                self._do(lambda: self.service.release_review(item.plan_id, not item.released))
        else:
            card = self._selected_card()
            if card is not None and card.privacy:
                self._do(lambda: self.service.release_card(card.id, not card.released))

    def action_headcount(self) -> None:
        """Ask how many people are in the room, phones or not (the summary counts them)."""
        headcount = self.service.state.meta.headcount
        self.app.push_screen(
            TextDialog(
                self.t("Aantal mensen in de ruimte (0: niet geteld)"),
                str(headcount) if headcount else "",
                submit=lambda text: self.service.set_details(headcount=text),
            )
        )

    def action_review(self) -> None:
        key = self._selected()
        item = next((r for r in self.service.state.reviews if r.plan_id == key), None)
        if item is not None:
            self.app.push_screen(
                ReviewDialog(item, lambda answers: self.service.review_action(item.plan_id, **answers))
            )

    def action_toggle_join(self) -> None:
        self.toggle_class("-join")

    def action_open_board(self) -> None:
        """Open the room's board page (web/board.py) in this laptop's browser, to drag to the beamer."""
        if self.server is not None and self.server.running:
            webbrowser.open(self.server.board_url)

    def action_categories(self) -> None:
        state = self.service.state
        step = state.step
        chosen = dict(state.meta.chosen_categories).get(step.id, ())
        self.app.push_screen(
            CategoryDialog(
                step.categories, chosen, step.pick or 0, submit=lambda names: self.service.choose_categories(names)
            )
        )

    def action_new_theme(self) -> None:
        def create(name: str):
            theme = self.service.create_theme(name)
            key = self._selected()
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

    def _theme_of_selected(self):
        card = self._selected_card()
        return next((t for t in self.service.state.themes if card and t.id == card.theme_id), None)

    def action_theme(self, number: int) -> None:
        key = self._selected()
        if key is None:
            return
        themes = self.service.state.themes_of(self.service.state.step.id)
        if number == 0:
            self._do(lambda: self.service.group_card(key, None))
        elif number <= len(themes):
            self._do(lambda: self.service.group_card(key, themes[number - 1].id))
        else:
            return
        board = self.query_one("#board", Board)
        if board.cursor_row + 1 < board.row_count:
            board.move_cursor(row=board.cursor_row + 1)

    def action_toggle_voting(self) -> None:
        step = self.service.state.step
        if self.service.state.is_voting_open(step.id):
            self._do(self.service.close_voting)
        else:
            self._do(self.service.open_voting)

    def _proxy(self, state: SessionState) -> Participant | None:
        proxies = state.proxies
        if not proxies:
            return None
        return proxies[min(self.proxy_index, len(proxies) - 1)]

    def action_next_proxy(self) -> None:
        proxies = self.service.state.proxies
        if not proxies:
            self.action_new_proxy()
            return
        self.proxy_index = (self.proxy_index + 1) % len(proxies)
        self.call_later(self._render_state)

    def action_new_proxy(self) -> None:
        proxy = self._do(self.service.add_proxy)
        if isinstance(proxy, Participant):
            self.proxy_index = len(self.service.state.proxies) - 1
            self.notify(self.t("{name} toegevoegd", name=proxy.nickname))

    def _with_proxy(self, command: Callable[[str], object]) -> None:
        proxy = self._proxy(self.service.state)
        if proxy is None:
            self.action_new_proxy()
            proxy = self._proxy(self.service.state)
        if proxy is not None:
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
        key = self._selected()
        scale = self.service.state.step.scale_spec
        if key is None or scale is None:
            return
        value = scale.values[number - 1]
        self._with_proxy(lambda voter: self.service.rate(int(key), value, voter=voter, via="proxy"))
        board = self.query_one("#board", Board)
        if board.cursor_row + 1 < board.row_count:
            board.move_cursor(row=board.cursor_row + 1)

    def action_reveal(self) -> None:
        step = self.service.state.step
        self._do(lambda: self.service.reveal(revealed=not self.service.state.is_revealed(step.id)))

    def action_new_action(self) -> None:
        self._action_dialog(None)

    def action_edit_action(self) -> None:
        key = self._selected()
        action = next((a for a in self.service.state.actions if a.id == key), None)
        if action is not None:
            self._action_dialog(action)

    def _action_dialog(self, action) -> None:
        def save(fields: dict[str, str]):
            if action is None:
                return self.service.add_action(
                    fields.pop("what"), owner=fields.pop("owner"), due=fields.pop("due"), **fields
                )
            return self.service.update_action(action.id, **fields)

        self.app.push_screen(ActionDialog(save, self.service.state.themes, action))

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

    def action_close_session(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._do(self.service.close_session)

        self.app.push_screen(ConfirmDialog(self.t("Sessie afsluiten? Daarna kan er niets meer bij.")), confirmed)

    def action_projector(self) -> None:
        self.workshop.projector = not self.workshop.projector
        self.set_class(self.workshop.projector, "-projector")
        self.call_later(self._render_state)

    def action_export(self) -> None:
        self.app.push_screen(export_preview(self.workshop.workspace, self.service.state, self.lang))

    def action_help(self) -> None:
        lines = [(b.key_display or b.key, b.description) for b in self._help_bindings()]
        self.app.push_screen(HelpScreen(lines))

    def _help_bindings(self):
        seen = set()
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.description not in seen and self.check_action(binding.action.split("(")[0], ()):
                    seen.add(binding.description)
                    yield binding


def _flag(widget, name: str, on: bool) -> None:
    """Set or clear a state class only when it changes: a class change restyles the whole screen."""
    if widget.has_class(name) != on:
        widget.set_class(on, name)
