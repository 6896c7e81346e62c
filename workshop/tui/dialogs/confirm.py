"""A yes-or-no question before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from .base import Dialog

# How long the keys stay held after an answer: longer than a doubled press or a bounced key (~0.1-0.3 s), shorter
# than it takes to look up and press the next key on purpose.
KEY_HOLD_SECONDS = 0.5


class ConfirmDialog(Dialog[bool]):
    """Asks yes or no; returns True for Ja, False for Nee, None for Esc (cancel).

    Answered with the arrow keys (or Tab) and Enter, or a click; never with a letter: j and n are the session
    screen's step keys, so a key meant for the screen could answer the question, and an answer key pressed twice
    moved the whole room to another step (trial). The focus starts on Nee, so a hurried Enter says no. After the
    answer the app holds the keys for a moment (WorkshopApp.hold_keys): a doubled key does not reach the screen
    behind.
    """

    BINDINGS = [
        Binding("left", "choose('yes')", "Ja", show=False),
        Binding("right", "choose('no')", "Nee", show=False),
        # The letters people may try: not an answer, but the hint says what is.
        Binding("j,n,y", "remind", show=False),
    ]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.t("Ja"), id="yes", variant="error")
                yield Button(self.t("Nee"), id="no", variant="primary")
            yield Static(self.t("← →: kies Ja of Nee · Enter: bevestigen · Esc: annuleren"), classes="hint")

    def action_choose(self, button: str) -> None:
        self.query_one(f"#{button}", Button).focus()

    def action_remind(self) -> None:
        self.query_one(".hint", Static).add_class("-remind")
        self.app.bell()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._answer(event.button.id == "yes")

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, answer: bool | None) -> None:
        # Once: a second Enter may reach the button before the first press closed the dialog.
        if self._answered:
            return
        self._answered = True
        hold = getattr(self.app, "hold_keys", None)
        if hold is not None:
            hold(KEY_HOLD_SECONDS)
        self.dismiss(answer)
