"""A yes-or-no question before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from .base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Asks yes or no; returns True for yes (j or y), False for no (n), None for Escape."""

    BINDINGS = [Binding("j,y", "answer(True)", "Ja"), Binding("n", "answer(False)", "Nee")]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("Ja"), id="yes", variant="error")
                yield Button(self.t("Nee"), id="no", variant="primary")
            yield Static(self.t("j: ja · n, Enter of Esc: nee"), classes="hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
