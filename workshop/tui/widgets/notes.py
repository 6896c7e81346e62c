"""The facilitator's notes for the step (and the script's introduction on the first step); never projected."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown


class NotesPanel(VerticalScroll):
    """Shows Markdown meant for the facilitator only: the screen hides it in projector mode."""

    DEFAULT_CSS = """
    NotesPanel { height: auto; max-height: 40%; border: round $secondary; padding: 0 1; }
    NotesPanel Markdown { margin: 0; padding: 0; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.border_title = ""
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Markdown(id="notes-text", open_links=False)

    async def show(self, title: str, markdown: str) -> None:
        """Show `markdown` under `title`; nothing to show hides the panel."""
        self.border_title = title
        if markdown != self.text:
            self.text = markdown
            await self.query_one("#notes-text", Markdown).update(markdown)
            self.scroll_home(animate=False)
