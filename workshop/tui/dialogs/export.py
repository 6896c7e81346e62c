"""The export preview: the summary as it will be written, built and drawn off the event loop; `w` writes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.strip import Strip
from textual.widgets import Label, Static
from textual.worker import get_current_worker

from ...core.errors import WorkshopError
from ...core.export import WrittenSummary, written_summary
from ..background import sharing_the_loop
from ..footer import KeyFooter
from ..strings import tr
from ..widgets.document import Document, markdown_lines
from .base import Dialog

if TYPE_CHECKING:
    from ...core.model import SessionState
    from ...workspace import Workspace


FIRST_LINES = 60  # the preview shows once this much is drawn (more than a screenful); the rest follows


class ExportPreview(Dialog[None]):
    """Shows the Markdown summary as it will be written; `w` writes it (and merges the team's plan).

    Building the summary and drawing it happen in a thread: with 300 cards that takes a second or more, and
    meanwhile the facilitator's keys and the phones keep working. Writing happens in a thread too.

    It also says how the summary already in exports/ compares (`written`, read in the thread): an export made
    before the session was closed says "nog open". Right after closing (`closing`), the dialog offers to write the
    summary; `w` writes it, Esc leaves the files as they are: the facilitator decides. Its title says "opnieuw" only
    when a summary was written before (`again`, then what the thread read), never for a first one.
    """

    BINDINGS = [Binding("w", "write", "Schrijven"), Binding("escape", "cancel", "Sluiten")]
    AUTO_FOCUS = None  # focused in on_mount without scrolling: the title and the hint stay in view

    def __init__(
        self,
        build: Callable[[], str],
        write: Callable[[str], str],
        written: Callable[[], str | None] = lambda: None,
        *,
        closing: bool = False,
        again: bool = False,
    ) -> None:
        super().__init__()
        self.build, self.write, self.written, self.closing = build, write, written, closing
        self.again = again  # a summary of this session is already in exports/ (closing: the title says opnieuw)
        self.markdown: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full"):
            if self.closing:
                title = self._closing_title()
                hint = self.t("w: schrijft de samenvatting van de afgesloten sessie en werkt het plan bij · Esc: niet")
            else:
                title = self.t("Samenvatting (voorbeeld)")
                hint = self.t(
                    "w: schrijft de samenvatting naar exports/ en voegt de acties toe aan het plan van het team"
                )
            yield Label(title, classes="question", id="export-title")
            yield Static(hint, classes="hint", id="export-hint")
            written = Static("", classes="hint", id="export-written")
            written.display = False  # until the summaries are compared (_compared)
            yield written
            yield Static(Text(self.t("De samenvatting wordt gemaakt…"), style="italic"), id="export-status")
            yield Document(id="preview")
            yield Static("", id="written")
        # Its own footer: the screen behind's would offer keys that do nothing here and cut off at 80 columns.
        yield KeyFooter()

    def _closing_title(self) -> str:
        if self.again:
            return self.t("Sessie afgesloten: samenvatting opnieuw schrijven?")
        return self.t("Sessie afgesloten: samenvatting schrijven?")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#preview", Document), scroll_visible=False)
        self.call_after_refresh(self._start)

    def _width(self) -> int:
        document = self.query_one("#preview", Document)
        return max(20, document.scrollable_content_region.width or document.size.width - 1)

    def _start(self) -> None:
        self._prepare(self._width())

    @work(thread=True, exclusive=True, group="export-preview", exit_on_error=False)
    def _prepare(self, width: int) -> None:
        """Build the summary and draw it, in this worker's thread; the first screenful shows as soon as it is
        drawn, the rest follows (FIRST_LINES)."""
        worker = get_current_worker()
        try:
            with sharing_the_loop():
                if self.markdown is None:
                    self.markdown = self.build()
                    compared = written_summary(self.written(), self.markdown)
                    self.app.call_from_thread(self._compared, compared)
                batch: list[Strip] = []
                shown = False
                for lines in markdown_lines(self.markdown, width):
                    if worker.is_cancelled:
                        return
                    batch += lines
                    if not shown and len(batch) >= FIRST_LINES:
                        self.app.call_from_thread(self._show, batch, width)
                        batch, shown = [], True
                self.app.call_from_thread(self._more if shown else self._show, batch, width)
        except WorkshopError as err:
            self.app.call_from_thread(self._failed, err.text(self.lang))

    def _compared(self, compared: WrittenSummary) -> None:
        """Say how the summary in exports/ compares with this one (nothing when there is none, unless closing)."""
        if not self.is_attached:
            return
        if self.closing and self.again != (compared != "missing"):  # written or deleted since the dialog opened
            self.again = compared != "missing"
            self.query_one("#export-title", Label).update(self._closing_title())
        if compared == "outdated":
            words = self.t("Let op: de samenvatting in exports/ klopt niet meer met de sessie.")
        elif compared == "current":
            words = self.t("De samenvatting in exports/ is al gelijk aan deze.")
        else:
            words = self.t("Deze sessie heeft nog geen samenvatting in exports/.") if self.closing else ""
        note = self.query_one("#export-written", Static)
        note.update(Text(words, style="bold" if compared == "outdated" else ""))
        note.display = bool(words)

    def _show(self, lines: list[Strip], width: int) -> None:
        if not self.is_attached:
            return  # closed before the summary was ready
        self.query_one("#preview", Document).show_lines(lines, width)
        self.query_one("#export-status", Static).display = False
        # The frame itself never scrolls (focusing the document may have scrolled it): title and hint in view.
        self.query_one(".dialog").scroll_home(animate=False, immediate=True)

    def _more(self, lines: list[Strip], width: int) -> None:
        if self.is_attached:
            self.query_one("#preview", Document).add_lines(lines)

    def _failed(self, message: str) -> None:
        if self.is_attached:
            self.query_one("#export-status", Static).update(Text(message))

    def on_resize(self) -> None:
        document = self.query_one("#preview", Document)
        if self.markdown is not None and document.rendered_width and self._width() != document.rendered_width:
            self._prepare(self._width())

    def action_write(self) -> None:
        if self.markdown is None:
            self._written(self.t("De samenvatting wordt nog gemaakt; druk zo nog eens w."))
            return
        self.query_one("#written", Static).update(Text(self.t("Schrijven…"), style="italic"))
        self._write(self.markdown)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def _write(self, markdown: str) -> None:
        done = False
        try:
            with sharing_the_loop():
                text = self.t("Geschreven: {path}", path=self.write(markdown))
            done = True
        except WorkshopError as err:
            text = err.text(self.lang)
        except OSError as err:
            text = self.t("Niet geschreven: {reason}", reason=err.strerror or type(err).__name__)
        self.app.call_from_thread(self._written, text, done)

    def _written(self, text: str, done: bool = False) -> None:
        if self.is_attached:
            self.query_one("#written", Static).update(Text(text))
            if done:  # what the note above said of exports/ ("klopt niet meer") is no longer so
                note = self.query_one("#export-written", Static)
                note.update(Text(self.t("De samenvatting in exports/ is nu deze.")))
                note.display = True


def export_preview(
    workspace: Workspace,
    state: SessionState | Callable[[], SessionState],
    lang: str,
    *,
    closing: bool = False,
) -> ExportPreview:
    """The export dialog for a session (a snapshot, or a function that reads one: called in the worker's thread).
    `w` writes its summary and merges it into the team's PDCA plan, as `workshop export` does (exporting.py):
    the preview names each action by the id the plan will give it, and what the merge left alone is said.
    `closing`: offered right after the session was closed, to write the summary (again) as it now reads."""
    from ...core.export import session_summary
    from ...exporting import expected_ids, export_summary, merge_notes, own_plan_line, team_plan_notes

    snapshot: list[SessionState] = []

    def build() -> str:
        snapshot.append(state() if callable(state) else state)
        return session_summary(snapshot[0], expected_ids(workspace, snapshot[0]))

    def write(_markdown: str) -> str:
        # Written as the merge decides (the plan may have changed since the preview), like `workshop export`.
        done = export_summary(workspace, snapshot[0])
        written = [str(done.summary)]
        if done.plan_error is not None:  # a plan edited into a shape we cannot read is left alone: said as such
            written.append(f"{tr('Het plan is niet bijgewerkt:', lang)} {done.plan_error.text(lang)}")
        elif done.plan is not None and done.merged is not None:
            own = own_plan_line(
                done.merged,
                done.plan,
                lang,
                tr("PDCA-plan bijgewerkt: {path} ({changes})", lang),
                tr("PDCA-plan al bij: {path}", lang),
            )
            if own is not None:  # what the merge did, in words ("… (1 nieuwe actie, 3 acties bijgewerkt)")
                written.append(own)
            left, unread = merge_notes(done.merged, done.plan, lang)
            # A review across teams: each team plan it wrote, with how many actions, or why it could not.
            teams, team_unread, team_errors = team_plan_notes(done, lang)
            written += left + teams + unread + team_unread + [err.text(lang) for err in team_errors]
        return "\n".join(written)

    def written() -> str | None:
        path = workspace.summary_path(snapshot[0].meta.id)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            return ""  # there but unreadable: not the summary of now, so "outdated"

    # Only a stat on the loop: whether a summary was written before decides the title at once (no flicker); the
    # thread's full read corrects it should the file come or go meanwhile.
    again = closing and not callable(state) and workspace.summary_path(state.meta.id).exists()
    return ExportPreview(build, write, written, closing=closing, again=again)
