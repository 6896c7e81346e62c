"""The team and organisation of a new session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...core.errors import DomainError
from .action import field_row
from .base import Dialog


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
        self._asked: str | None = None  # the team name the facilitator was asked about once already

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-session"):
            yield Label(f"{self.t('Nieuwe sessie')}: {self.script_title}", classes="question", markup=False)
            yield Static("", classes="error", id="error")
            yield from field_row(
                self.t("Team"), Input(placeholder=self.t("Naam van het team"), id="team", compact=True)
            )
            yield from field_row(
                self.t("Organisatie"),
                Input(placeholder=self.t("mag leeg blijven"), id="org", compact=True),
            )
            with Horizontal(classes="buttons"):
                yield Button(self.t("Starten"), id="start", variant="primary", compact=True)
                yield Button(self.t("Annuleren"), id="cancel", compact=True)
            yield Static(
                self.t("Enter: volgend veld · Enter in het laatste veld: starten · Esc: annuleren"), classes="hint"
            )

    BINDINGS = [Binding("enter", "to_organisation", show=False, priority=True)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_organisation":  # from the team's field at once, so the next keys go to the next field
            return self.focused is self.query_one("#team")
        return True

    def action_to_organisation(self) -> None:
        self.set_focus(self.query_one("#org", Input))

    def on_mount(self) -> None:
        self.query_one("#error").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "team":
            self.query_one("#org", Input).focus()
            return
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self._start()
        else:
            self.dismiss(None)

    def _start(self) -> None:
        team = self.query_one("#team", Input)
        others = self.similar(team.value.strip())
        if others and self._asked != team.value.strip():
            # "De Linde" and "Team De Linde" would get separate plans: say which plan exists and ask.
            self._asked = team.value.strip()
            names = " of ".join(f"'{name}'" for name in others)
            self.show_error(
                self.t(
                    "Er is al een plan voor {names}. Is dat hetzelfde team? Typ dan die naam precies zo. Een ander team? Druk nog eens Enter: dan krijgt '{team}' een eigen plan.",  # noqa: E501
                    names=names,
                    team=self._asked,
                ),
                near=team,
            )
            return
        try:
            result = self.start(team.value, self.query_one("#org", Input).value)
        except DomainError as err:
            self.show_error(err, near=team)
            return
        self.dismiss(result)
