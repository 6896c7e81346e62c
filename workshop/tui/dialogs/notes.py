"""The script's introduction for the facilitator ("Voor je begint"), to read at any moment of the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Markdown

from .base import Dialog


class IntroDialog(Dialog[None]):
    """Shows the script's introduction (Markdown, never shown to the room)."""

    BINDINGS = [Binding("escape,i,q", "cancel", "Sluiten")]
    AUTO_FOCUS = "#intro-box"

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.title_text, self.intro = title, intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full"):
            yield Label(self.title_text, classes="question", markup=False)
            with VerticalScroll(id="intro-box"):
                yield Markdown(self.intro, open_links=False)
