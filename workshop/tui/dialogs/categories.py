"""The categories a collect step uses, chosen from the script's list: visible checkboxes, Space and Enter."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.errors import DomainError
from ...core.model import Step
from .base import Dialog


class CategoryDialog(Dialog[tuple[str, ...]]):
    """Lets the facilitator pick which categories a collect step uses; returns the chosen names.

    Space (or a click) ticks a category on or off; Enter (or Ctrl+S) saves; the line under the list says so.
    Each category shows its guiding question from the script, for the facilitator to read out.
    """

    BINDINGS = [
        Binding("space", "tick", "Aan/uit"),
        Binding("enter,ctrl+s", "done", "Opslaan", priority=True),
    ]
    AUTO_FOCUS = "#choices"

    def __init__(self, step: Step, chosen: tuple[str, ...], submit: Callable[[list[str]], tuple[str, ...]]) -> None:
        super().__init__()
        self.step = step
        self.chosen = [c for c in step.categories if c in chosen]
        self.pick = step.pick or len(step.categories)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.t("Welke categorieën gebruiken we? (max {n})", n=self.pick), classes="question")
            # The keys and the count above the list: always in view, however long the list.
            yield Static(self.t("Spatie: aan/uit · Enter: opslaan · Esc: annuleren"), classes="hint", id="keys-hint")
            yield Static(id="count")
            yield Static("", classes="error", id="error")
            yield OptionList(*[Option(self._prompt(c), id=c) for c in self.step.categories], id="choices")

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.query_one("#choices", OptionList).highlighted = 0
        self._show_count()

    def _prompt(self, name: str) -> Text:
        ticked = name in self.chosen
        text = Text.assemble(("[x] " if ticked else "[ ] ", "bold" if ticked else ""), (name, "bold" if ticked else ""))
        help_text = self.step.help_for(name)
        if help_text:
            text.append(f"\n    {help_text}", style="dim")
        return text

    def _show_count(self) -> None:
        self.query_one("#count", Static).update(
            Text(self.t("{n} gekozen, hoogstens {max}", n=len(self.chosen), max=self.pick))
        )

    def action_tick(self) -> None:
        options = self.query_one("#choices", OptionList)
        index = options.highlighted
        if index is None:
            return
        name = self.step.categories[index]
        if name in self.chosen:
            self.chosen.remove(name)
        else:
            self.chosen.append(name)
        options.replace_option_prompt_at_index(index, self._prompt(name))
        self._show_count()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click ticks; Enter is bound to saving before the list sees it
        self.action_tick()

    def action_done(self) -> None:
        ordered = [c for c in self.step.categories if c in self.chosen]
        try:
            chosen = self.submit(ordered)
        except DomainError as err:
            self.show_error(err)
            return
        self.dismiss(chosen)
