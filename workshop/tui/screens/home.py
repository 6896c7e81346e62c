"""The home screen: the scripts to start a session from, and the stored sessions to resume or export."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core.dates import screen_date
from ...core.errors import ScriptErrors, StoreError, WorkshopError
from ...core.messages import render
from ...core.model import Script
from ...workspace import SessionInfo, age_in_days
from ..footer import FooterItem, KeyFooter
from ..strings import key_name, kind_label, tr, translate_bindings

# The dialogs and the summary writer are imported when first used: this is the first screen, and it
# should show within half a second (benchmarks/startup_bench.py).
if TYPE_CHECKING:
    from ..app import WorkshopApp


SESSION_COLUMNS = ("Team", "Script", "Datum", "Stap", "Status", "Leeftijd")
WIDE_SESSIONS = 110  # below this width the sessions table is compact (HomeScreen._set_columns)


def _with_time(info: SessionInfo, row: tuple, clock: str) -> tuple:
    """The row with the time the session was started after its age ("0 d · 14:05"), replacing one added before."""
    if info.meta is None:
        return row
    started = datetime.fromisoformat(info.meta.created_at).astimezone().strftime(clock)
    return (*row[:-1], f"{str(row[-1]).split(' · ')[0]} · {started}")


def _with_number(row: tuple, number: int) -> tuple:
    """The row with its number among sessions started in the same second ("0 d · 14:05:03 #2")."""
    return (*row[:-1], f"{row[-1]} #{number}")


def _newest_first(infos: list[SessionInfo]) -> list[SessionInfo]:
    """The sessions by name, the last first, a number in a name read as a number: a session started again the same
    day (base, base-2, …, base-10) comes after the one before it, not base.json after base-2.json as files sort."""

    def key(info: SessionInfo) -> list[tuple[int, int | str]]:
        return [(1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"(\d+)", info.id)]

    return sorted(infos, key=key, reverse=True)


def _cut(text: str, width: int) -> Text:
    """`text` in at most `width` characters, cut with "…"."""
    return Text(text if len(text) <= width else text[: width - 1] + "…")


def display_path(path: Path) -> str:
    """Return `path` as people read it: under their home folder as ~/…, else as it is."""
    try:
        return str(Path("~") / path.absolute().relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under the home folder, or no home folder known
        return str(path)


class HomeScreen(Screen):
    """Pick a script for a new session, or a stored session to resume or export."""

    AUTO_FOCUS = "#scripts"
    BINDINGS = [
        Binding("enter", "open", "Starten", priority=True),  # before the lists' own (hidden) enter: shown in the footer
        Binding("tab", "switch", "Wisselen"),
        Binding("x", "export", "Export"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, Script | ScriptErrors]] = []
        self.builtin: set[str] = set()  # the names of the scripts that ship with workshop (not the workspace's own)
        self.infos: list[SessionInfo] = []
        self._checks = 0
        self._loaded = False  # the sessions were read (reading happens in a thread, after the first frame)
        self.compact = False

    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    # ----- the footer: Enter says what it does in the list that has the focus ---------------------------------

    def footer_keys(self) -> list[FooterItem]:
        """Enter starts a new session on a script and resumes a stored session (a trial resumed by habit with
        Tab and Enter, landed on the scripts, and the footer said "Starten" either way); then the other keys."""
        on_sessions = self.query_one("#sessions").has_focus
        items = [("enter", "Hervatten" if on_sessions else "Starten", "open")]
        items += [("tab", "Wisselen", "switch"), ("x", "Export", "export"), ("q", "Stoppen", "app.quit")]
        return [
            FooterItem(key, self.app.get_key_display(Binding(key, act)), self.t(label), act)
            for key, label, act in items
        ]

    def footer_all_keys(self) -> FooterItem:
        return FooterItem(
            "question_mark", self.app.get_key_display(Binding("question_mark", "help")), self.t("Help"), "help"
        )

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer's Enter follows the focus

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.workshop.lang, **params)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-top"):
            with Vertical(id="script-pane"):
                yield Label(self.t("Scripts"), classes="pane-title")
                yield OptionList(id="scripts")
            with VerticalScroll(id="script-preview"):
                yield Static(id="script-info")
        with Vertical(id="session-pane"):
            yield Label(self.t("Sessies"), id="sessions-title", classes="pane-title")
            yield Static(id="retention")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        translate_bindings(self, self.workshop.lang)
        self.title = "workshop"
        self.sub_title = display_path(self.workshop.workspace.root)
        self.query_one("#retention", Static).display = False
        self._set_columns(self.size.width < WIDE_SESSIONS)
        self.reload()

    def _set_columns(self, compact: bool) -> None:
        """Lay the sessions table out for the window: in a narrow one (80 columns) without the date and with the
        step's number only, team and script cut short, so Status and Leeftijd stay in view."""
        self.compact = compact
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        names = ("Team", "Script", "Stap", "Status", "Leeftijd") if compact else SESSION_COLUMNS
        table.add_columns(*(self.t(c) for c in names))

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.width < WIDE_SESSIONS
        if compact != self.compact:
            self._set_columns(compact)
            if self._loaded:
                self._show_sessions(self.infos, self._checks)

    def reload(self) -> None:
        """Read the scripts from disk again now, and the sessions right after the screen is drawn.

        At mount, and when a session ends (its step or status changed); not after every dialog.

        Sessions are read in a thread: a year of large sessions takes a while, and the screen stays usable.
        """
        workspace = self.workshop.workspace
        entries = workspace.catalogue().entries
        self.scripts = [(entry.name, entry.script) for entry in entries]
        self.builtin = {entry.name for entry in entries if entry.builtin}
        options = self.query_one("#scripts", OptionList)
        options.clear_options()
        for stem, script in self.scripts:
            # Two lines: the title, then its length and where it comes from (built-in or the workspace's own).
            origin = self.t("ingebouwd") if stem in self.builtin else self.t("eigen script")
            if isinstance(script, Script):
                label = Text.assemble(script.title, "\n", (f"  {script.duration}′ · {origin}", "dim"))
            else:
                label = Text.assemble((f"⚠ {stem}", "italic"), "\n", (f"  {self.t('fouten')} · {origin}", "dim"))
            options.add_option(Option(label, id=stem))
        if self.scripts:
            options.highlighted = 0
        else:
            folder = workspace.scripts_dir
            self.query_one("#script-info", Static).update(
                Text(self.t("Geen scripts gevonden in {folder}, en geen ingebouwde scripts.", folder=folder))
            )
        self.query_one("#sessions-title", Label).update(self.t("Sessies") + " · " + self.t("laden…"))
        self.call_after_refresh(self._read_sessions)

    @work(thread=True, exclusive=True, group="sessions", exit_on_error=False)
    def _read_sessions(self) -> None:
        try:
            infos = self.workshop.workspace.sessions()
        except OSError as exc:  # e.g. a sessions folder this user may not read
            problem = f"{exc.strerror or exc} ({exc.filename or ''})"
            self.app.call_from_thread(self.notify, problem, severity="error", timeout=20, markup=False)
            infos = []
        # The plans' check moments this week (agenda.checks_this_week); a plan that cannot be read counts none.
        # Imported here, in the reading thread: the organisation module (multiprocessing) is not first-frame work.
        from ...organisation import checks_this_week_in

        checks = checks_this_week_in(self.workshop.workspace, self.workshop.clock().astimezone().date())
        retention = self._past_retention(infos)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_sessions, infos, checks)
            self.app.call_from_thread(self._show_retention, *retention)

    def _past_retention(self, infos: list[SessionInfo]) -> tuple[list[str], int]:
        """The ids of the sessions past the retention term (core.retention, on the sessions just read), and the term.

        A bad term setting shows no reminder here: `workshop sessions` names the setting and why it is wrong."""
        from ...core.retention import past_retention

        try:
            days = self.workshop.workspace.retention_days()
        except ValueError:
            return [], 0
        created = [(info.id, info.meta.created_at) for info in infos if info.meta is not None]
        return past_retention(created, self.workshop.clock(), days), days

    def _show_retention(self, past: list[str], days: int) -> None:
        """The AVG reminder under the sessions: how many are past the term, and the command that removes one."""
        line = self.query_one("#retention", Static)
        line.display = bool(past)
        if past:
            more = " …" if len(past) > 1 else ""
            text = (
                self.t("1 sessie ouder dan {days} dagen", days=days)
                if len(past) == 1
                else self.t("{n} sessies ouder dan {days} dagen", n=len(past), days=days)
            )
            line.update(Text(f"⚠ {text} — {self.t('exporteer en verwijder')} (workshop purge {past[0]}{more})"))

    def _show_sessions(self, infos: list[SessionInfo], checks: int = 0) -> None:
        self.infos = infos
        self._checks = checks
        self._loaded = True
        table = self.query_one("#sessions", DataTable)
        table.clear()
        now = self.workshop.clock()
        ordered = _newest_first(self.infos)
        rows = [(info, self._session_row(info, now)) for info in ordered]
        # Rows that read the same (same team, script, step and day) are told apart by the time each was started.
        for clock in ("%H:%M", "%H:%M:%S"):
            alike = Counter(tuple(map(str, row)) for _, row in rows)
            rows = [
                (info, _with_time(info, row, clock) if alike[tuple(map(str, row))] > 1 else row) for info, row in rows
            ]
        # Started in the same second (two tries at the dialog, a double Enter): numbered in the order they were made,
        # which is the rows' order backwards (newest first).
        alike = Counter(tuple(map(str, row)) for _, row in rows)
        made: Counter[tuple] = Counter()
        for n in reversed(range(len(rows))):
            info, row = rows[n]
            same = tuple(map(str, row))
            if alike[same] > 1:
                made[same] += 1
                rows[n] = (info, _with_number(row, made[same]))
        for info, row in rows:
            table.add_row(*row, key=info.id)
        self._place_cursor(table, ordered)
        empty = "" if infos else " · " + self.t("Nog geen sessies. Kies een script en druk Enter.")
        week = ""
        if checks:
            week = " · " + (
                self.t("1 checkmoment deze week") if checks == 1 else self.t("{n} checkmomenten deze week", n=checks)
            )
        self.query_one("#sessions-title", Label).update(self.t("Sessies") + empty + week)

    def _place_cursor(self, table: DataTable, rows: list[SessionInfo]) -> None:
        """Put the sessions' cursor on the newest open session (the one a facilitator comes back to with Tab and
        Enter), not on the newest row, which may be closed; on the newest row when none is open. The focus stays
        where the screen starts, on the scripts: Tab and Enter are a habit for resuming (a trial), and a focus that
        jumped to the sessions by itself would turn that Tab into a step to the scripts and Enter into a new session."""
        open_row = next((n for n, i in enumerate(rows) if i.meta is not None and i.meta.status != "closed"), 0)
        if table.row_count:
            table.move_cursor(row=open_row, animate=False, scroll=True)

    def _session_row(self, info: SessionInfo, now: datetime) -> tuple:
        if info.meta is None or info.script is None:
            damaged = (Text(info.id), "", "", "", self.t("beschadigd"), "")
            return (_cut(info.id, 44), "", "", self.t("beschadigd"), "") if self.compact else damaged
        meta = info.meta
        status = self.t("afgesloten") if meta.status == "closed" else self.t("open")
        age = self.t("{n} d", n=age_in_days(meta, now))
        if self.compact:
            step = f"{meta.current + 1}/{len(info.script.steps)}"
            return (_cut(meta.team, 20), _cut(info.script.title, 24), step, status, age)
        return (
            Text(meta.team),
            Text(info.script.title),
            screen_date(meta.created_at, self.workshop.lang),
            Text(info.position),
            status,
            age,
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        name = event.option.id or ""
        script = dict(self.scripts).get(name)
        if script is not None:
            self.query_one("#script-info", Static).update(self._preview(name, script))

    def _preview(self, name: str, script: Script | ScriptErrors) -> Text:
        """What the script is for, where it comes from, and its steps; the script's own words are shown as they
        are (no markup)."""
        if isinstance(script, ScriptErrors):
            return Text.assemble((self.t("Dit script heeft fouten:"), "bold"), "\n\n", script.text(self.workshop.lang))
        text = Text.assemble((script.title, "bold underline"), "\n\n")
        if name in self.builtin:
            source = self.t("ingebouwd; aanpassen? Kopieer het: workshop new-script {name} NIEUWE-NAAM", name=name)
        else:
            source = self.t("eigen script") + f", {script.path}"
        fields = [
            (self.t("Voor wie"), script.audience),
            (self.t("Doel"), script.purpose),
            (self.t("Duur"), self.t("{n} minuten", n=script.duration)),
            (self.t("Bron"), source),
        ]
        for label, value in fields:
            if value:
                text.append_text(Text.assemble((f"{label}: ", "bold"), value, "\n\n"))
        text.append(self.t("Stappen"), style="bold")
        for n, step in enumerate(script.steps, 1):
            kind = kind_label(step.kind, self.workshop.lang)
            text.append_text(Text.assemble(f"\n{n:>2}. {step.title} — ", (kind, "italic"), f", {step.minutes}′"))
        return text

    def action_switch(self) -> None:
        if self.query_one("#scripts").has_focus:
            self.query_one("#sessions").focus()
        else:
            self.query_one("#scripts").focus()

    def action_open(self) -> None:
        if self.query_one("#sessions").has_focus:
            self._resume_selected()
        else:
            self._new_from_selected()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._new_from_selected()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._resume_selected()

    def _new_from_selected(self) -> None:
        options = self.query_one("#scripts", OptionList)
        if options.highlighted is None:
            return
        script = self.scripts[options.highlighted][1]
        if not isinstance(script, Script):
            self.notify(script.text(self.workshop.lang), severity="error", markup=False)
            return

        def start(team: str, organisation: str):
            return self.workshop.workspace.new_session(
                script, team=team, organisation=organisation, clock=self.workshop.clock
            )

        def started(service) -> None:
            if service is None:
                return
            self.workshop.run_session(service)
            try:  # as `workshop new` does: a plan that cannot be read is said now, not first in front of the group
                self.workshop.workspace.load_open_actions(service)
            except WorkshopError as err:
                problem = {"problem": err.text(self.workshop.lang)}
                self.app.notify(render("review.not_loaded", self.workshop.lang, problem), severity="error", timeout=30)

        from ..dialogs import NewSessionDialog

        def similar(team: str) -> list[str]:
            return [name for _path, name in self.workshop.workspace.similar_plans(team)]

        self.app.push_screen(NewSessionDialog(script.title, start, similar), started)

    def _selected_session(self) -> SessionInfo | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((i for i in self.infos if i.id == key), None)

    def _resume_selected(self) -> None:
        info = self._selected_session()
        if info is None:
            return
        try:
            service = self.workshop.workspace.open_session(info.id, clock=self.workshop.clock)
        except (StoreError, ScriptErrors) as err:
            self.notify(err.text(self.workshop.lang), severity="error", timeout=20, markup=False)
            return
        self.workshop.run_session(service)

    def action_export(self) -> None:
        info = self._selected_session()
        if info is None:
            return
        from ..dialogs import export_preview

        workspace = self.workshop.workspace
        try:
            state = workspace.read_session(info.id)  # as it is now, with every card
        except (StoreError, ScriptErrors) as err:
            self.notify(err.text(self.workshop.lang), severity="error", timeout=20, markup=False)
            return
        self.app.push_screen(export_preview(workspace, state, self.workshop.lang))

    def action_help(self) -> None:
        from ..dialogs import HelpScreen

        own = {binding.action for binding in type(self).BINDINGS}  # type: ignore[union-attr]
        lines = [
            (key_name(b.key, self.workshop.lang), b.description)
            for bindings in self._bindings.key_to_bindings.values()
            for b in bindings
            if b.action in own
        ]
        self.app.push_screen(HelpScreen(lines))
