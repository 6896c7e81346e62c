"""The home screen: the scripts to start a session from, and the stored sessions to resume or export."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from ...core.errors import ScriptErrors, StoreError
from ...core.export import format_date, session_summary
from ...core.model import Script
from ...workspace import SessionInfo, age_in_days
from ..dialogs import ExportPreview, HelpScreen, NewSessionDialog
from ..strings import tr, translate_bindings

if TYPE_CHECKING:
    from ..app import WorkshopApp


class HomeScreen(Screen):
    """Pick a script for a new session, or a stored session to resume or export."""

    AUTO_FOCUS = "#scripts"
    BINDINGS = [
        Binding("enter", "open", "Starten"),
        Binding("tab", "switch", "Wisselen"),
        Binding("x", "export", "Export"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str, Script | ScriptErrors]] = []
        self.infos: list[SessionInfo] = []
        self._loaded = False

    @property
    def workshop(self) -> WorkshopApp:
        return self.app  # type: ignore[return-value]

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.workshop.lang, **params)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-top"):
            with Vertical(id="script-pane"):
                yield Label(self.t("Scripts"), classes="pane-title")
                yield OptionList(id="scripts")
            with VerticalScroll(id="script-preview"):
                yield Markdown(id="preview", open_links=False)
        with Vertical(id="session-pane"):
            yield Label(self.t("Sessies"), classes="pane-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.workshop.lang)
        self.title = "workshop"
        self.sub_title = str(self.workshop.workspace.root)
        table = self.query_one("#sessions", DataTable)
        table.add_columns(*(self.t(c) for c in ("Team", "Script", "Datum", "Stap", "Status", "Leeftijd")))
        self.reload()

    def on_screen_resume(self) -> None:
        # Also sent when the screen first shows, right after on_mount has loaded everything.
        if self._loaded:
            self.reload()
        self._loaded = True

    def reload(self) -> None:
        """Read the scripts and sessions from disk again."""
        workspace = self.workshop.workspace
        self.scripts = [(path.stem, script) for path, script in workspace.scripts()]
        options = self.query_one("#scripts", OptionList)
        options.clear_options()
        for stem, script in self.scripts:
            if isinstance(script, Script):
                options.add_option(Option(Text(f"{script.title}  ·  {script.duration}′"), id=stem))
            else:
                options.add_option(Option(Text(f"⚠ {stem}", style="italic"), id=stem))
        if self.scripts:
            options.highlighted = 0
        self.infos = workspace.sessions()
        table = self.query_one("#sessions", DataTable)
        table.clear()
        now = self.workshop.clock()
        for info in reversed(self.infos):
            table.add_row(*self._session_row(info, now), key=info.id)

    def _session_row(self, info: SessionInfo, now: datetime) -> tuple:
        if info.state is None:
            return (Text(info.id), "", "", "", self.t("beschadigd"), "")
        meta = info.state.meta
        step = f"{meta.current + 1}/{len(info.state.script.steps)} {info.state.step.title}"
        status = self.t("afgesloten") if meta.status == "closed" else self.t("open")
        age = self.t("{n} d", n=age_in_days(info.state, now))
        return (Text(meta.team), Text(info.state.script.title), format_date(meta.created_at), Text(step), status, age)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        script = dict(self.scripts).get(event.option.id or "")
        if script is not None:
            self.query_one("#preview", Markdown).update(self._preview(script))

    def _preview(self, script: Script | ScriptErrors) -> str:
        if isinstance(script, ScriptErrors):
            return f"**{self.t('Dit script heeft fouten:')}**\n\n```\n{script.text(self.workshop.lang)}\n```\n"
        steps = "\n".join(f"{n}. {s.title} — *{s.kind}*, {s.minutes}′" for n, s in enumerate(script.steps, 1))
        return (
            f"# {script.title}\n\n"
            f"**{self.t('Voor wie')}:** {script.audience}\n\n"
            + (f"**{self.t('Doel')}:** {script.purpose}\n\n" if script.purpose else "")
            + f"**{self.t('Duur')}:** {self.t('{n} minuten', n=script.duration)}\n\n"
            f"**{self.t('Stappen')}**\n\n{steps}\n"
        )

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
            return self.workshop.workspace.new_session(script, team=team, organisation=organisation,
                                                       clock=self.workshop.clock)

        def started(service) -> None:
            if service is not None:
                self.workshop.run_session(service)

        self.app.push_screen(NewSessionDialog(script.title, start), started)

    def _selected_session(self) -> SessionInfo | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
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
        if info is None or info.state is None:
            return
        markdown = session_summary(info.state)
        workspace = self.workshop.workspace
        self.app.push_screen(ExportPreview(
            markdown, write=lambda: str(workspace.write_export(f"{info.id}.md", markdown))))

    def action_help(self) -> None:
        lines = [(b.key_display or b.key, b.description)
                 for bindings in self._bindings.key_to_bindings.values() for b in bindings]
        self.app.push_screen(HelpScreen(lines))
