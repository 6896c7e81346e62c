"""The facilitator's Textual app: home screen, session screen, and the session commands in the palette."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, Hit, Hits, Provider
from textual.screen import Screen

from ..core.clock import Clock, utc_now
from ..workspace import Workspace
from .screens.home import HomeScreen
from .strings import tr

# The session screen (and the session engine behind it) is imported when the first session starts or
# resumes, so the home screen shows sooner (benchmarks/startup_bench.py).
if TYPE_CHECKING:
    from ..core.session import SessionService

# Session commands offered in the command palette: (Dutch title, action on the session screen).
PALETTE = (
    ("Volgende stap", "advance"),
    ("Vorige stap", "back"),
    ("Naar stap", "jump"),
    ("Stemmen open/dicht", "toggle_voting"),
    ("Uitslag aan/uit", "reveal"),
    ("Nieuw thema", "new_theme"),
    ("Zonder telefoon", "new_proxy"),
    ("Aanwezigen", "headcount"),
    ("Deur dicht of open", "door"),
    ("Actie", "new_action"),
    ("Indicatoren invoeren of inlezen (CSV)", "indicators"),
    ("Projector", "projector"),
    ("Meedoen (QR)", "toggle_join"),
    ("Notities", "notes"),
    ("Voor je begint (introductie)", "intro"),
    ("Export", "export"),
    ("Afsluiten", "close_session"),
    ("Help", "help"),
)


class SessionCommands(Provider):
    """Offers the session screen's commands that apply right now in the command palette."""

    async def search(self, query: str) -> Hits:
        from .screens.session import SessionScreen

        screen = self.screen
        if not isinstance(screen, SessionScreen):
            return
        matcher = self.matcher(query)
        for title, action in PALETTE:
            if not screen.check_action(action, ()):
                continue
            text = tr(title, screen.lang)
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(screen.run_action, action), help=action)


class WorkshopApp(App):
    """Runs sessions for one workspace. Starts on the home screen; one session at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "workshop"
    COMMANDS = App.COMMANDS | {SessionCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Stoppen", show=False)]

    def __init__(
        self,
        workspace: Workspace,
        *,
        lang: str = "nl",
        clock: Clock = utc_now,
        session: SessionService | None = None,
        serve: bool = True,
        host: str | None = None,
        port: int | None = None,
        fixed_join_url: str | None = None,
        max_participants: int | None = None,
    ) -> None:
        """`serve` starts the phones' web server with each session (on `host`/`port` when given, taking at
        most `max_participants` phones when given); `fixed_join_url` shows that link and QR code instead,
        without a server (screenshots, tests)."""
        super().__init__()
        self.workspace = workspace
        self.lang = lang
        self.clock = clock
        self.serve = serve
        self.host = host
        self.port = port
        self.fixed_join_url = fixed_join_url
        self.max_participants = max_participants
        self.projector = False
        self.service: SessionService | None = None
        self._first_session = session
        self._keys_held: tuple[datetime, timedelta] | None = None  # since when, for how long (hold_keys)

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self._first_session is not None:
            self.run_session(self._first_session)
            self._first_session = None
        self.call_after_refresh(self._started)

    def _started(self) -> None:
        # The first screen is drawn. What was built to get here lives as long as the app: move it out of the
        # garbage collector's way, then let the collector run again (`workshop` turns it off while starting).
        gc.freeze()
        gc.enable()
        # The privacy guard's name lists load in a thread from now on, so the first card never waits for them.
        from ..core import privacy

        privacy.warm_up()

    def hold_keys(self, seconds: float) -> None:
        """Ignore the key presses of the next `seconds` (after a confirmation: a doubled key must not act on the
        screen behind the dialog). Timed by the app's clock, so a test moves past it without waiting."""
        self._keys_held = (self.clock(), timedelta(seconds=seconds))

    def _holding_keys(self) -> bool:
        if self._keys_held is None:
            return False
        since, length = self._keys_held
        held = timedelta(0) <= self.clock() - since < length  # a clock set back ends the hold, never lengthens it
        if not held:
            self._keys_held = None
        return held

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self._holding_keys():
            return  # held: the key does nothing anywhere
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in the app's language."""
        yield SystemCommand(
            tr("Kleuren", self.lang), tr("Kies de kleuren van het scherm", self.lang), self.action_change_theme
        )
        yield SystemCommand(
            tr("Stoppen", self.lang), tr("Het programma stoppen; niets gaat verloren", self.lang), self.action_quit
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=tr("Zoek een opdracht…", self.lang)))

    def run_session(self, service: SessionService) -> None:
        """Show the session screen for `service` (a started or resumed session)."""
        if self.service is not None and self.service is not service:
            self.service.release()
        self.service = service
        # The session's records live for the whole session: keep them out of the garbage collector's
        # full sweeps, which otherwise pause the app for ~100 ms at 10,000 records.
        gc.freeze()
        from .screens.session import SessionScreen

        self.push_screen(SessionScreen(service))

    async def leave_session(self, go_home: bool = True) -> None:
        """Stop running the current session in this app (its data stays) and go back home.

        The phones' server stops first, so no request reaches a session that is being closed.
        """
        if self.service is None:  # no session running: no session screen either
            return
        from .screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                await screen.stop_server()
        if self.service is not None:
            self.service.release()
            self.service = None
        if go_home and isinstance(self.screen, SessionScreen):
            self.pop_screen()
            if isinstance(self.screen, HomeScreen):
                self.screen.reload()

    async def action_quit(self) -> None:
        await self.leave_session(go_home=False)
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an unhandled error prints a traceback with local values, which hold card text: keep
        # what Textual does (exit code, the error for Pilot) but show only core.crash's report (type and place).
        super()._handle_exception(error)
        from rich.text import Text

        from ..core.crash import crash_report

        session = self.service.state.meta.id if self.service is not None else None
        self._exit_renderables[:] = [Text(crash_report(error, self.lang, session_id=session))]

    def on_unmount(self) -> None:
        # Everything is on disk already; this only lets the next program open the session.
        if self.service is not None:
            self.service.release()
            self.service = None


def make_app(
    workspace: Workspace,
    *,
    lang: str = "nl",
    clock: Clock = utc_now,
    session: str | None = None,
    serve: bool = True,
    host: str | None = None,
    port: int | None = None,
    max_participants: int | None = None,
) -> WorkshopApp:
    """Return the app for `workspace`; with `session` (an id), it opens that session straight away.

    Raises StoreError when that session is open elsewhere, damaged or not found.
    """
    service = workspace.open_session(session, clock=clock) if session else None
    return WorkshopApp(
        workspace,
        lang=lang,
        clock=clock,
        session=service,
        serve=serve,
        host=host,
        port=port,
        max_participants=max_participants,
    )
