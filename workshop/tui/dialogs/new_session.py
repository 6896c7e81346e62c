"""The team and organisation of a new session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...core.errors import DomainError
from .base import Dialog


class NewSessionDialog(Dialog[Any]):
    """Asks the team name and organisation; returns what `start(team, organisation)` returned (the session)."""

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
        with Vertical(classes="dialog"):
            yield Label(f"{self.t('Nieuwe sessie')}: {self.script_title}", classes="question", markup=False)
            yield Static("", classes="error", id="error")
            yield Input(placeholder=self.t("Naam van het team"), id="team")
            yield Input(placeholder=self.t("Organisatie (mag leeg blijven)"), id="org")

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
