"""Enter an indicator row (indicator · wij · vergelijking · jaar · bron) or read a CSV file of them, in the step
that asks for the figures; stored by the core's one rule for indicator rows (SessionService.import_indicators)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from ...core.errors import DomainError
from ..widgets.fields import Field
from .action import FormDialog, field_row

# (field id, label, placeholder): the columns of `workshop indicatoren`, in the same order.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Indicator", "bijv. Cliëntervaring (gemiddelde)"),
    ("ours", "Wij", "ons cijfer, bijv. 8,1"),
    ("comparison", "Vergelijking", "bijv. 8,4 (regio of landelijk)"),
    ("year", "Jaar", "bijv. 2025"),
    ("source", "Bron", "bijv. ODB"),
)


class IndicatorDialog(FormDialog):
    """Asks for one indicator row and/or the path of a CSV file; `submit(row, path)` stores them (the row is
    {field: value}, empty when nothing was typed). Returns what submit returned (the rows stored)."""

    AUTO_FOCUS = "#name"

    def __init__(self, submit: Callable[[dict[str, str], str], Any], count: int = 0) -> None:
        super().__init__()
        self.submit, self.count = submit, count

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide form"):
            yield Label(self.t("Indicatoren ({count} in deze sessie)", count=self.count), classes="question")
            yield Static("", classes="error", id="error")
            for field, label, placeholder in FIELDS:
                yield from field_row(self.t(label), Field(id=field, placeholder=self.t(placeholder), compact=True))
            yield Static(self.t("Of lees een CSV-bestand in (kolommen indicator;wij;vergelijking;jaar;bron):"))
            yield from field_row(
                self.t("CSV-bestand"),
                Field(id="csv", placeholder=self.t("bijv. /pad/naar/odb-2025.csv"), compact=True),
            )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self.query_one("#error").display = False

    def action_save(self) -> None:
        row = {field: self.query_one(f"#{field}", Input).value for field, _label, _hint in FIELDS}
        if not any(v.strip() for v in row.values()):
            row = {}
        path = self.query_one("#csv", Input).value.strip()
        try:
            result = self.submit(row, path)
        except DomainError as err:
            self.show_error(err)
            return
        self.dismiss(result)
