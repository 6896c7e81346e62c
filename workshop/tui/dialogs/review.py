"""The four follow-up questions for one open action of the team's plan (domain.md §3)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...core.errors import DomainError
from ...core.model import ACT_DECISIONS, ACTION_STATUSES, ReviewItem
from .action import FormDialog


class ReviewDialog(FormDialog):
    """Asks what was done, what it brought, what we decide and whom we told, for `item` (number `n` of
    `total`); `submit(answers)` records them for that very item. Returns the updated item."""

    AUTO_FOCUS = "#status"

    def __init__(
        self, item: ReviewItem, submit: Callable[[dict[str, str]], object], n: int = 1, total: int = 1
    ) -> None:
        super().__init__()
        self.item, self.submit, self.n, self.total = item, submit, n, total

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll(classes="dialog wide form"):
            yield Label(self.t("Actie {n} van {total}", n=self.n, total=self.total), classes="question")
            yield Static(Text(item.what, style="bold"), id="review-what")
            details = " · ".join(p for p in (item.owner, item.indicator, item.check_method) if p)
            if details:
                yield Static(Text(details, style="dim"))
            yield Static("", classes="error", id="error")
            yield Label(self.t("Wat is er gedaan?"))
            yield Select(
                [(s, s) for s in ACTION_STATUSES],
                id="status",
                allow_blank=False,
                value=item.current("status") or "bezig",
                compact=True,
            )
            yield Label(self.t("Wat leverde het op, gemeten zoals afgesproken?"))
            yield Input(item.current("result"), id="result", compact=True)
            yield Label(self.t("Wat besluiten we?"))
            yield Select(
                [(d, d) for d in ACT_DECISIONS],
                id="act_decision",
                value=item.current("act_decision") or Select.NULL,
                prompt=self.t("Kies…"),
                compact=True,
            )
            yield Label(self.t("Wie hebben we het laten weten?"))
            yield Input(item.current("feedback"), id="feedback", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(self.t("Opslaan"), id="save", variant="primary", compact=True)
                yield Button(self.t("Annuleren"), id="cancel", compact=True)
            yield Static(self.t("Enter: volgend veld · Ctrl+S: opslaan · Esc: annuleren"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#error").display = False

    def action_save(self) -> None:
        decision = self.query_one("#act_decision", Select).value
        answers = {
            "status": str(self.query_one("#status", Select).value),
            "result": self.query_one("#result", Input).value,
            "act_decision": "" if decision is Select.NULL else str(decision),
            "feedback": self.query_one("#feedback", Input).value,
        }
        try:
            result = self.submit(answers)
        except DomainError as err:
            self.show_error(err)
            return
        self.dismiss(result)
