"""The keys of the screen it was opened from, with their Dutch descriptions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from .base import Dialog


class HelpScreen(Dialog[None]):
    """Lists (key, description) pairs; `lines` hold the keys as people read them (Esc, Enter, ?). `note`: a line
    under them on what the keys leave out (phones that are off, and how to turn them on)."""

    BINDINGS = [Binding("escape,question_mark,q", "cancel", "Sluiten")]
    AUTO_FOCUS = "VerticalScroll"

    def __init__(self, lines: list[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.lines = lines
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label(self.t("Sneltoetsen"), classes="question")
            for key, description in self.lines:
                yield Static(Text.assemble((f"{key:>12}  ", "bold"), description))
            if self.note:
                yield Static(Text(self.note), id="help-note")
            yield Static(self.t("Esc, ? of q: sluiten"), classes="hint")
