"""The team and organisation of a new session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...core.errors import DomainError
from ..widgets.fields import Field
from .action import field_row
from .base import Dialog

FIELDS_HINT = "Enter: volgend veld · Enter in het laatste veld: starten · Esc: annuleren"
ANSWER_HINT = "↑ ↓ of Tab: kies een antwoord (▶) · Enter: dat antwoord · Esc: annuleren"


class NewSessionDialog(Dialog[Any]):
    """Asks the team name and organisation; returns what `start(team, organisation)` returned (the session).

    Enter in the team's field goes on to the organisation's, Enter there (or the Starten button) starts: the hint
    line says so, and the field being typed in is marked, its label too."""

    def __init__(
        self,
        script_title: str,
        start: Callable[[str, str], object],
        similar: Callable[[str], list[str]] = lambda team: [],
    ) -> None:
        super().__init__()
        self.script_title = script_title
        self.start = start
        self.similar = similar  # the teams with a plan whose name is almost `team` (never guessed: asked)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-session"):
            yield Label(f"{self.t('Nieuwe sessie')}: {self.script_title}", classes="question", markup=False)
            yield Static("", classes="error", id="error")
            yield from field_row(
                self.t("Team"), Field(placeholder=self.t("Naam van het team"), id="team", compact=True)
            )
            yield from field_row(
                self.t("Organisatie"),
                Field(placeholder=self.t("mag leeg blijven"), id="org", compact=True),
            )
            # Asked when a plan exists for a name close to the one typed: one button per such team, and one for
            # "another team". Enter takes the focused one, the existing team's (trial: a reflex second Enter gave
            # the same team a second plan).
            yield Vertical(id="same-team")
            with Horizontal(classes="buttons"):
                yield Button(self.t("Starten"), id="start", variant="primary", compact=True)
                yield Button(self.t("Annuleren"), id="cancel", compact=True)
            yield Static(self.t(FIELDS_HINT), classes="hint", id="hint")

    BINDINGS = [
        Binding("enter", "to_organisation", show=False, priority=True),
        # While the same-team question is open, Tab and the arrows move the mark between its answers (nowhere else:
        # a Tab meant for "the next field" must show plainly that Enter now takes another answer).
        Binding("down", "answer(1)", show=False),
        Binding("up", "answer(-1)", show=False),
        Binding("tab", "answer_or_field(1)", show=False),
        Binding("shift+tab", "answer_or_field(-1)", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_organisation":  # from the team's field at once, so the next keys go to the next field
            return self.focused is self.query_one("#team")
        if action == "answer":
            return bool(self._answers())
        return True

    def _answers(self) -> list[AnswerButton]:
        """The same-team question's answer buttons while it is asked (else none)."""
        box = self.query_one("#same-team", Vertical)
        return list(box.query(AnswerButton)) if box.display else []

    def action_answer_or_field(self, step: int) -> None:
        """Tab: the next answer while the question is asked, else the next field or button as usual."""
        if self._answers():
            self.action_answer(step)
        elif step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_answer(self, step: int) -> None:
        answers = self._answers()
        at = answers.index(self.focused) if self.focused in answers else -1
        answers[(at + step) % len(answers)].focus()

    def on_descendant_focus(self) -> None:
        """Mark the answer Enter takes with an arrow as well as the focus colour (which is faint on a beamer)."""
        for button in self._answers():
            text = str(button.name_text)
            button.label = f"▶ {text}" if button is self.focused else f"  {text}"

    def action_to_organisation(self) -> None:
        self.set_focus(self.query_one("#org", Input))

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#same-team").display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "team" and self.query_one("#same-team").display:  # a new name: the question is over
            self._asking(False)
            self.show_error("")

    def _asking(self, asking: bool) -> None:
        """Show or end the same-team question: while it is open its answers are the only way on (no Starten)."""
        self.query_one("#same-team").display = asking
        self.query_one("#start").display = not asking
        self.query_one("#hint", Static).update(self.t(ANSWER_HINT if asking else FIELDS_HINT))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "team":
            self.query_one("#org", Input).focus()
            return
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("same"):  # the team that has a plan: its name exactly as the plan writes it
            self.query_one("#team", Input).value = str(event.button.name)
            self._start()
        elif event.button.has_class("other"):  # another team after all: it gets a plan of its own
            self._start(asked=True)
        elif event.button.id == "start":
            self._start()
        else:
            self.dismiss(None)

    def _start(self, asked: bool = False) -> None:
        team = self.query_one("#team", Input)
        others = self.similar(team.value.strip())
        if others and not asked:
            # "De Linde" and "Team De Linde" would get separate plans: say which plan exists and ask, with a button
            # per answer (never guessed, and never a plain second Enter that splits a team's plan).
            self._ask_same_team(team.value.strip(), others)
            return
        try:
            result = self.start(team.value, self.query_one("#org", Input).value)
        except DomainError as err:
            self.show_error(err, near=team)
            return
        self.dismiss(result)

    def _ask_same_team(self, typed: str, others: list[str]) -> None:
        names = " of ".join(f"'{name}'" for name in others)
        self.show_error(self.t("Er is al een plan voor {names}. Is '{team}' hetzelfde team?", names=names, team=typed))
        box = self.query_one("#same-team", Vertical)
        box.remove_children()
        buttons = [
            AnswerButton(self.t("Ja, hetzelfde team: '{name}'", name=name), name=name, classes="same")
            for name in others
        ]
        buttons.append(AnswerButton(self.t("Nee, een ander team, met een eigen plan"), classes="other"))
        box.mount_all(buttons)
        self._asking(True)
        self.call_after_refresh(buttons[0].focus)


class AnswerButton(Button):
    """One answer to the same-team question; its text is kept apart from the mark the dialog puts before it."""

    def __init__(self, text: str, *, name: str | None = None, classes: str = "") -> None:
        super().__init__(f"  {text}", name=name, classes=classes, compact=True)
        self.name_text = text
