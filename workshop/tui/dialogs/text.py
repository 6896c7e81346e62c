"""One line of text (a card, a theme's name, the head count), checked by the core before the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...core.errors import DomainError
from ..widgets.fields import Field
from .base import Dialog


class TextDialog(Dialog[Any]):
    """Asks for one line of text; returns what `submit` returned for it (by default the text itself).

    `submit` runs the core command; when it raises DomainError the dialog stays open and says why.
    """

    def __init__(
        self, title: str, value: str = "", submit: Callable[[str], object] | None = None, hint: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.submit = submit
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question", markup=False)
            yield Static("", classes="error", id="error")
            yield Field(self.value, id="text")
            if self.hint:
                yield Static(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#text", Input).action_end()  # typing continues after the text, as people expect

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.submit(event.value) if self.submit else event.value
        except DomainError as err:
            self.show_error(err)
            return
        self.dismiss(result)
