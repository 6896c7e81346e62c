"""What the session screen shows: agenda, prompt, the facilitator's notes, timer, status and the live board."""

# Slightly over ~450 lines: the screen's layout and its one render pass are read together.

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult, ScreenStackError
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ...core import events as ev
from ...core.attendance import PLACE_SECONDS
from ...core.availability import allowed
from ...core.model import Participant, SessionState, Step
from ...core.session import SessionService
from ..boards import CARD_KEY, Boards
from ..footer import KeyFooter
from ..formatting import clock_text
from ..keys import SESSION_KEYS, board_kind, key_command
from ..strings import plural, tr, translate_bindings
from ..widgets import Board, CaptureLine, JoinPanel, NotesPanel

if TYPE_CHECKING:
    from ...web.server import ParticipantServer
    from ..app import WorkshopApp


BURST = 30  # events within a second that count as a room sending at once
BURST_PAUSE = 0.25  # seconds between redraws during such a burst
AGENDA_WIDTH = 25  # with its border
NARROW = 100  # below this width the agenda shows only while jumping (j), so the board keeps its room
MIN_MAIN = 60  # the board's area never gets narrower than this for the QR code beside it
SIDE_TEXT_LINES = 9  # the join texts under the QR code in the side panel (title, how to type the address, count)
# Keys that work on the row under the cursor: not offered on an empty board.
ROW_KEYS = frozenset({"edit_card", "hide_card", "release", "delete", "theme", "rename_theme", "open_row"})
# Started without phones (--no-phones): the status line says "Telefoons uit"; the help (?) says this, with the way back.
PHONES_OFF = "Telefoons staan uit. Aanzetten: stop met q en start workshop opnieuw, zonder --no-phones."
NOTES_HEIGHT = 32  # from this height the notes show by default beside a board; below it they wait for i


class SessionView(Screen):
    """Shows one session: re-renders from the service's snapshot whenever an event says something changed,
    lays itself out for the window, and says which keys apply (check_action). The keys themselves are in
    SessionCommands and SessionScreen, built on this."""

    AUTO_FOCUS = "#board"

    def __init__(self, service: SessionService) -> None:
        super().__init__()
        self.service = service
        self.proxy_index = 0
        # (person, the board's user_moves) when their answer on the last statement was entered: a further answer key
        # before the facilitator picks a row would overwrite that answer, so it is refused (trial 16).
        self.proxy_end: tuple[str, int] | None = None
        self.boards = Boards()
        self.server: ParticipantServer | None = None  # the participant server, while it runs
        self.join_url = ""
        self.join_code = ""
        self.show_notes: bool | None = None  # None: shown where there is room (see notes_visible)
        self.has_notes = False
        self.join_wanted: bool | None = None  # None: the app decides by the window's size
        self._shown_step: str | None = None
        self._step_entered = False  # a key entered the step and settled the focus; the next render shows it
        self._shown_projector: bool | None = None
        self._scheduled = False
        self._stale = False  # changes came in while a dialog was open; shown when the screen is back
        self._shown_text: dict[str, str | Text] = {}
        self._availability: tuple = ()
        self._board_flagged = False  # the board on screen shows something the privacy guard flagged
        self._recent: deque[float] = deque()  # when the last second's events came in
        self._join_notes: dict[str, str] = {}  # the join warnings on screen, by message: their reason
        self._last_render = 0.0
        self._unsubscribe: Callable[[], None] | None = None

    # ----- building --------------------------------------------------------------------------

    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.workshop.lang

    @property
    def projector(self) -> bool:
        return self.workshop.projector

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield OptionList(id="agenda")
            with Vertical(id="main"):
                with Horizontal(id="step-bar"):
                    yield Static(id="step-title")
                    yield Static(id="timer")
                with VerticalScroll(id="prompt-box"):
                    yield Markdown(id="prompt", open_links=False)
                yield NotesPanel(id="notes")
                yield Static(id="status")
                yield Board(id="board")
                yield Static(id="board-empty")
                yield CaptureLine(id="capture", compact=True)  # one line: at 80x24 every line of the board counts
            yield JoinPanel(id="join", classes="join")
        yield KeyFooter(compact=True)  # a key less wide: at 80 columns one key more fits

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.boards.lang = self.lang
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
        if self.workshop.fixed_join_url:
            self._show_join(self.workshop.fixed_join_url)
        elif self.workshop.serve:
            self.run_worker(self._start_server(), exclusive=True, group="server")
        self._lay_out()
        self.call_later(self._render_state)

    @property
    def joinable(self) -> bool:
        return self.workshop.serve or bool(self.workshop.fixed_join_url)

    async def _start_server(self) -> None:
        """Start the phones' web server in this app's own event loop and show how to join."""
        from ..phones import start_server

        started = await start_server(
            self.service, self.workshop.host, self.workshop.port, self.lang, self.workshop.max_participants
        )
        if started.server is None:
            self.query_one(JoinPanel).show_problem(self.t("Meedoen met de telefoon"), started.problem)
            self.notify(started.problem, severity="warning", timeout=20, markup=False)
            return
        self.server = started.server
        self._show_join(started.url)
        self.query_one(JoinPanel).show_board(self.t("Bord voor de beamer (b):"), started.server.board_url)
        self._lay_out()

    def _show_join(self, url: str) -> None:
        """Show the QR code, the address and short code to type, and write the printable sheet to exports/."""
        from ..phones import short_code, typed_address, write_sheet

        self.join_url = url
        self.join_code = code = short_code(url)
        sheet = f"exports/{self.service.state.meta.id}-qr.svg"
        self.query_one(JoinPanel).show_url(
            self.t("Meedoen met de telefoon"),
            url,
            scan=self.t("Scan de QR-code met de camera van je telefoon."),
            # The link in the QR code holds a long token; typed, the short address and the code lead to the same page
            # (as the board says), and fit on one line beside the code at 80 columns.
            how=self.t("Of ga in je browser naar:") if code else self.t("Of typ de link in je browser:"),
            address=typed_address(url),
            code=self.t("en typ de code: {code}", code=code) if code else "",
            too_small=self.t("Venster te klein voor de QR-code — zie {path}", path=sheet),
            back=self.t("w: terug naar het bord"),
        )
        self._lay_out()
        if not self.workshop.fixed_join_url:
            write_sheet(
                url, code, self.workshop.workspace.exports_dir / f"{self.service.state.meta.id}-qr.svg", self.lang
            )

    async def stop_server(self) -> None:
        """Stop the phones' web server (open pages see the session end); safe to call twice."""
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

    def on_unmount(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()

    # ----- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        _flag(self, "-has-notes", self.notes_visible)

    def _lay_out(self) -> None:
        """Decide what fits the window: the agenda (not below NARROW columns, except while jumping), and the
        QR code beside the board, instead of it, or not at all ("venster te klein", with the printable file)."""
        width, height = self.app.size
        self.set_class(width < NARROW, "-narrow")
        panel = self.query_one(JoinPanel)
        agenda = 0 if width < NARROW or self.projector else AGENDA_WIDTH
        qr_width, qr_height = panel.qr_size or (41, 21)
        board = 1 if panel.board_url else 0  # the board's address: one line under it all, two in the side panel
        side_height = qr_height + SIDE_TEXT_LINES + 2 * board
        side = width - agenda - (panel.side_width() + 3) >= MIN_MAIN and height - 2 >= side_height
        # Shown at once where it fits beside, while phones can still join: a closed session invites nobody.
        open_now = self.service.state.meta.status == "open"
        wanted = self.join_wanted if self.join_wanted is not None else side and open_now
        shown = self.joinable and wanted
        if side:
            mode = "side"
        elif height - 2 >= qr_height and width >= qr_width + 2:
            mode = "full"
        else:
            mode = "small"
        # Where no line is left under the code, the board's address goes (b still opens it) rather than the code.
        panel.set_mode(mode, board_room=mode != "full" or height - 2 >= qr_height + board)  # type: ignore[arg-type]
        self.set_class(shown and side, "-join")
        self.set_class(shown and not side, "-join-full")

    # ----- following the session ---------------------------------------------------------------

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.SessionClosed):
            self._lay_out()  # the QR code that invited phones goes
        if isinstance(event, ev.ReviewActionsNotLoaded):
            self.notify(event.text(self.lang), severity="error", timeout=30, markup=False)
        if isinstance(event, ev.ReviewStatusesUnsure):
            self.notify(event.text(self.lang), severity="warning", timeout=30, markup=False)
        if isinstance(event, ev.StepSkipped):
            self.notify(event.text(self.lang), timeout=10, markup=False)
        if isinstance(event, ev.JoinWarning):
            note = self._join_warning(event)
            self._join_notes[note] = event.reason
            self.notify(note, severity="warning", timeout=20, markup=False)
        if isinstance(event, ev.DoorChanged):
            self._drop_join_notes({"spike", "door", "full"})  # what they asked for (the door) was done
        elif isinstance(event, ev.SessionDetailsChanged):
            self._drop_join_notes({"full"})  # the number present, which sets the cap, may have changed
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
        self.schedule_render()

    def _drop_join_notes(self, reasons: set[str]) -> None:
        """Take the join warnings for `reasons` off the screen: the facilitator did what they asked (the door, the
        number of people present), so "De sessie is vol" no longer holds for its 20 seconds. (Textual has no public
        way to withdraw one notification; its version is pinned, and tests/tui/test_door.py covers this.)"""
        gone = {note for note, reason in self._join_notes.items() if reason in reasons}
        if not gone:
            return
        self._join_notes = {note: reason for note, reason in self._join_notes.items() if note not in gone}
        for notification in list(self.app._notifications):
            if notification.message in gone:
                self.app._unnotify(notification)

    def _join_warning(self, event: ev.JoinWarning) -> str:
        """The core's warning about joins, and the key that does something about it (D: the door, d: room)."""
        if event.reason == "spike":
            what = self.t("Deur dicht: druk D.")
        elif event.reason == "door":
            what = self.t("Deur weer open: druk D.")
        elif event.held:  # full of joins no page followed: a flood of the link, not the room; the door stops it
            what = self.t("Niet verwacht? Doe de deur dicht: druk D.")
        else:  # full: how places free up, and how to let someone in (a lost cookie, one more in the room)
            # (Not the phones present: that counts those gone quiet too, and read as more phones than the limit.)
            freed = self.t("Een telefoon die {n} minuten niets deed, geeft zijn plek vrij.", n=int(PLACE_SECONDS // 60))
            # Once the number present is given it sets the cap (that number and a margin): "higher" only then.
            more = "Iemand erbij laten: zet met d het aantal aanwezigen hoger."
            first = "Iemand erbij laten: geef met d op hoeveel mensen er zijn."
            what = f"{freed} {self.t(more if self.service.state.meta.headcount else first)}"
        return f"{event.text(self.lang)} {what}"

    @property
    def covered(self) -> bool:
        """True while another screen (a dialog) is on top. (Textual's `is_current` stays True under a dialog that
        lets this screen show through, so it cannot tell.)"""
        try:
            return self.app.screen is not self
        except ScreenStackError:
            return True

    def on_screen_resume(self) -> None:
        self._tick()
        if self._stale:
            self._stale = False
            self.schedule_render()

    def schedule_render(self) -> None:
        """Redraw once the app is free. When a room sends a flood (more than BURST events within a second), the
        board is redrawn at most every BURST_PAUSE seconds, so the facilitator's own keys stay quick; a new card
        still shows within a quarter of a second."""
        now = time.monotonic()
        self._recent.append(now)
        while self._recent and self._recent[0] < now - 1.0:
            self._recent.popleft()
        if self._scheduled:
            return
        self._scheduled = True
        wait = self._last_render + BURST_PAUSE - now if len(self._recent) > BURST else 0.0
        if wait > 0:
            # The loop's own timer, not Textual's set_timer: a listener may run outside the app's context (a
            # callback another thread scheduled), where a Textual timer cannot find its app and dies, and the
            # board would never be redrawn again.
            asyncio.get_running_loop().call_later(wait, self.call_later, self._render_state)
        else:
            self.call_later(self._render_state)

    async def _render_state(self) -> None:
        self._scheduled = False
        if self.covered:
            # A dialog is open over the session: redrawing the board behind it (the whole screen, dimmed) per
            # card would cost the dialog and the phones their time. The screen catches up when it is back.
            self._stale = True
            return
        self._last_render = time.monotonic()
        state = self.service.state
        step = state.step
        if step.id != self._shown_step or self.projector != self._shown_projector:
            await self._enter_step(state, step)
        _flag(self, "-closed", state.meta.status == "closed")
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
        self._show_counts()
        view = self.boards.view(state, step, self.service, projector=self.projector, proxy=self._proxy(state))
        board = self.query_one("#board", Board)
        board.show(view)
        self._show("#board-empty", Text(view.empty, style="italic") if not view.rows else "")
        _flag(self, "-board-empty", not view.rows and bool(view.empty))
        self._tick()
        # Refreshing the bindings rebuilds the footer; do it only when what check_action looks at changed.
        availability = (
            step.id,
            state.meta.status,
            state.meta.current,
            state.is_voting_open(step.id),
            state.is_revealed(step.id),  # the footer says "Uitslag tonen" or "Uitslag verbergen"
            state.meta.door_closed,  # "Deur dicht" or "Deur open"
            bool(state.themes_of(step.id)),
            bool(state.actions),
            bool(state.reviews),
            bool(view.rows),
            view.flagged,
        )
        self._board_flagged = view.flagged
        if availability != self._availability:
            self._availability = availability
            self.refresh_bindings()

    async def _enter_step(self, state: SessionState, step: Step) -> None:
        """Show a step that was not shown before (or shown before projector mode changed): the prompt and the
        notes. The first step shown gets the focus here; later ones got it from the key that moved there."""
        new_step = step.id != self._shown_step
        first_shown = self._shown_step is None and not self._step_entered
        self._shown_step = step.id
        self._shown_projector = self.projector
        _flag(self, "-no-board", board_kind(state, step) == "none")
        if first_shown:
            self.settle_focus()
        if new_step:
            if not self._step_entered:
                self.query_one("#board", Board).start_over()
            self._step_entered = False
            self.query_one("#agenda", OptionList).highlighted = state.meta.current
            await self.query_one("#prompt", Markdown).update(step.prompt)
            self.query_one("#prompt-box").scroll_home(animate=False)
            capture = self.query_one("#capture", Input)
            capture.placeholder = self.t(
                "Typ wat er gezegd wordt en druk Enter (categorie: tekst)"
                if state.categories(step.id)
                else "Typ wat er gezegd wordt en druk Enter"
            )
        await self._show_notes(state, step)

    def step_entered(self) -> None:
        """A key moved to another step (n, p, j, the palette): the board starts from its first row and the
        keys go to it (or to the prompt) at once, before the next key arrives. Deciding this when the step is
        drawn instead would take the focus away from a line the facilitator opened (a) in the meantime."""
        step = self.service.state.step
        _flag(self, "-no-board", board_kind(self.service.state, step) == "none")
        self.query_one("#board", Board).start_over()
        self._step_entered = True
        self.settle_focus()
        self.schedule_render()

    def settle_focus(self) -> None:
        """Give the keys to the board when the step has one, else to the prompt (to scroll it): the same whether
        the step was reached with n, p, j or the palette. Synchronous, so no key after it goes astray."""
        target: Widget = self.query_one("#board" if not self.has_class("-no-board") else "#prompt-box")
        if self.focused is not target:
            self.set_focus(target)

    async def _show_notes(self, state: SessionState, step: Step) -> None:
        """The facilitator's notes for the step, the script's introduction on the first step, and the guiding
        questions of the step's categories; hidden in projector mode and when there are none."""
        parts = []
        script = state.script
        first = state.meta.current == 0
        if first and script.intro.strip():
            parts.append(script.intro.strip())
        if step.notes.strip():
            parts.append(step.notes.strip())
        helps = [(name, step.help_for(name)) for name in state.categories(step.id) if step.help_for(name)]
        if helps:
            lines = "\n".join(f"- **{name}**: {text}" for name, text in helps)
            parts.append(f"**{self.t('Categorieën')}**\n\n{lines}")
        text = "\n\n---\n\n".join(parts)
        title = self.t("Voor je begint") if first and script.intro.strip() else self.t("Voor de begeleider")
        notes = self.query_one(NotesPanel)
        await notes.show(title + " · " + self.t("i: verbergen"), text)
        self.has_notes = bool(text)
        _flag(self, "-has-notes", self.notes_visible)

    @property
    def notes_visible(self) -> bool:
        """Whether the notes panel shows: never in projector mode; as the facilitator chose with i; else where
        there is room (a step without a board, or a tall window), so a small window keeps the board."""
        if not self.has_notes or self.projector:
            return False
        if self.show_notes is not None:
            return self.show_notes
        return self.has_class("-no-board") or self.app.size.height >= NOTES_HEIGHT

    def _tick(self) -> None:
        self.service.keep_time()  # stored once a minute: a crash or a closed terminal loses at most that
        if self.covered:
            return  # under a dialog: the clock is drawn again within a second of its closing
        if self._shown_step == self.service.state.step.id:
            self._show_counts()  # phones come and go without any event: who is here is asked again each second
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

    def _status(self, state: SessionState, step: Step) -> Text:
        parts = [self._phones(), self._progress()]
        if state.meta.door_closed and self.joinable:  # said where the count of phones is: nobody new gets in (D)
            parts.insert(1, self.t("Deur dicht: nieuwe telefoons kunnen niet meedoen"))
        if self.service.store_problem:
            parts.insert(0, "⚠ " + self.t("Niet opgeslagen: {reason}", reason=self.service.store_problem))
        if self.join_code:
            parts.append(self.t("Code: {code}", code=self.join_code))
        if step.kind == "group":
            themes = state.themes_of(step.id)
            parts.append(
                self.t("Thema's: {themes}", themes=" · ".join(f"{n} {t.name}" for n, t in enumerate(themes, 1)))
                if themes
                else self.t("Nog geen thema's (druk t)")
            )
        if step.kind == "vote":
            parts.append(self.t("Stemmen open") if state.is_voting_open(step.id) else self.t("Stemmen dicht"))
            dots = sum(1 for v in state.votes if v.step_id == step.id)
            parts.append(plural(self.lang, dots, "{n} stip uitgedeeld", "{n} stippen uitgedeeld"))
        if step.has_results:
            parts.append(self.t("uitslag zichtbaar") if state.is_revealed(step.id) else self.t("uitslag verborgen"))
            if not self.projector:
                parts.append(self._proxy_status(state, step))
        if step.kind == "collect" and state.categories(step.id):
            parts.append(", ".join(state.categories(step.id)))
        if self.has_notes and not self.notes_visible and not self.projector:
            parts.append(self.t("i: notities"))
        return Text(" · ".join(p for p in parts if p))

    def _show_counts(self) -> None:
        """The status line and the join panel's count: the phones here now and the step's progress (the core's)."""
        state = self.service.state
        self._show("#status", self._status(state, state.step))
        count = self._phones()
        if self._shown_text.get("#join-count") != count:
            self._shown_text["#join-count"] = count
            self.query_one(JoinPanel).show_count(count)

    def _phones(self) -> str:
        """How many phones are here now, in the words of the join panel ("12 telefoons doen mee"); that phones are
        off when the app was started without them (--no-phones), where a count of 0 would read as nobody joining."""
        if not self.joinable:
            return self.t("Telefoons uit")
        return plural(self.lang, self.service.phones_present, "{n} telefoon doet mee", "{n} telefoons doen mee")

    def _progress(self) -> str:
        """How many did what the step asks, in the phones' own words ("9 van 12 hebben stippen gezet")."""
        progress = self.service.progress()
        if progress is None:  # the step asks nothing: the head count, when the facilitator gave one (d)
            headcount = self.service.state.meta.headcount
            return self.t("{n} aanwezig", n=headcount) if headcount else ""
        return progress.text(self.lang)  # the core's sentence, the same the phones and the board show

    def _proxy_status(self, state: SessionState, step: Step) -> str:
        proxy = self._proxy(state)
        if proxy is None:
            return self.t("m: iemand zonder telefoon")  # short: the status line has two lines at 80 columns
        name = proxy.nickname or ""
        if step.kind == "vote":
            left = self.service.dots_left(proxy.id)
            return (
                self.t("Namens: {name}", name=name)
                + " "
                + plural(self.lang, left, "({n} stip over)", "({n} stippen over)")
            )
        if step.scale_spec is not None:  # whose paper form, and how far (trial 16); the cursor shows which statement
            given = len(self.service.answers_of(proxy.id, step.id))
            total = len(step.rated_statements)
            return self.t("Namens: {name} ({given} van {total} ingevuld)", name=name, given=given, total=total)
        return self.t("Namens: {name}", name=name)

    def _proxy(self, state: SessionState) -> Participant | None:
        proxies = state.proxies
        if not proxies:
            return None
        return proxies[min(self.proxy_index, len(proxies) - 1)]

    # ----- which keys apply now ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer a key only when the core allows its command now (availability.py) and this board has a use
        for it (e.g. a card under the cursor to edit); keys of the screen itself are always there."""
        state = self.service.state
        step = state.step
        if action in ("capture", "jump") and isinstance(self.focused, Input):
            return False  # typing an a or a j into the line
        if action in ROW_KEYS and self.query_one("#board", Board).selected_key is None:
            return False  # nothing under the cursor to work on
        if action in ("toggle_join", "door"):
            return self.joinable  # without phones (--no-phones) nobody joins: no QR code, no door to close
        if action == "open_board":
            return self.server is not None
        if action == "notes":
            return not self.projector
        command = key_command(action, state, step)
        if command is None:
            return action not in SESSION_KEYS
        if not allowed(state, command):
            return False
        board = board_kind(state, step)
        if action == "release":
            return self._board_flagged  # nothing masked on this board: nothing to release
        if action in ("edit_card", "hide_card"):
            key = self.query_one("#board", Board).selected_key or ""
            return board in ("cards", "themes") or key.startswith(CARD_KEY)
        if action == "categories":
            return bool(step.pick)  # offered where the script asks the facilitator to choose
        if action in ("next_proxy", "new_proxy"):
            return step.has_results  # people without a phone only matter where there are dots or answers
        if action == "new_action":
            return board == "actions"
        if action == "proxy_answer" and parameters:
            scale = step.scale_spec
            return scale is not None and int(str(parameters[0])) <= len(scale.values)
        return True


def _flag(widget: Widget, name: str, on: bool) -> None:
    """Set or clear a state class only when it changes: a class change restyles the whole screen."""
    if widget.has_class(name) != on:
        widget.set_class(on, name)
