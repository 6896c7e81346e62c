"""Modal dialogs: confirm, one line of text, new session, categories, a PDCA action, export preview, help."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown, Select, SelectionList, Static

from ..core.errors import DomainError, WorkshopError
from ..core.model import ACT_DECISIONS, ACTION_STATUSES, CHECK_METHODS, Action, ReviewItem, SessionState, Theme
from ..core.session import parse_date
from .strings import tr, translate_bindings

if TYPE_CHECKING:
    from ..workspace import Workspace


class Dialog(ModalScreen):
    """Base for our dialogs: Escape cancels, texts in the app's language."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    AUTO_FOCUS = "Input"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.lang)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "nl")

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog):
    """Asks yes or no before something that cannot be undone; returns True for yes."""

    BINDINGS = [Binding("j,y", "answer(True)", "Ja"), Binding("n", "answer(False)", "Nee")]
    AUTO_FOCUS = "#no"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.t("Ja"), id="yes", variant="error")
                yield Button(self.t("Nee"), id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextDialog(Dialog):
    """Asks for one line of text; `submit` checks it (raising DomainError) and the dialog shows why not."""

    def __init__(self, title: str, value: str = "", submit: Callable[[str], object] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question")
            yield Input(self.value, id="text")
            yield Static("", classes="error", id="error")

    def on_mount(self) -> None:
        self.query_one("#text", Input).action_end()  # typing continues after the text, as people expect

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            result = self.submit(event.value) if self.submit else event.value
        except DomainError as err:
            self.query_one("#error", Static).update(Text(err.text(self.lang)))
            return
        self.dismiss(result)


class NewSessionDialog(Dialog):
    """Asks the team name and organisation for a new session; returns (team, organisation)."""

    def __init__(self, script_title: str, start: Callable[[str, str], object]) -> None:
        super().__init__()
        self.script_title = script_title
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.t('Nieuwe sessie')}: {self.script_title}", classes="question")
            yield Input(placeholder=self.t("Naam van het team"), id="team")
            yield Input(placeholder=self.t("Organisatie (mag leeg blijven)"), id="org")
            yield Static("", classes="error", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "team":
            self.query_one("#org", Input).focus()
            return
        team = self.query_one("#team", Input).value
        try:
            result = self.start(team, self.query_one("#org", Input).value)
        except DomainError as err:
            self.query_one("#error", Static).update(Text(err.text(self.lang)))
            self.query_one("#team", Input).focus()
            return
        self.dismiss(result)


class CategoryDialog(Dialog):
    """Lets the facilitator pick which categories a collect step uses; returns the chosen names."""

    BINDINGS = [Binding("ctrl+s", "done", "Opslaan")]
    AUTO_FOCUS = "SelectionList"

    def __init__(
        self, categories: tuple[str, ...], chosen: tuple[str, ...], pick: int, submit: Callable[[list[str]], object]
    ) -> None:
        super().__init__()
        self.categories, self.chosen, self.pick, self.submit = categories, chosen, pick, submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.t("Welke categorieën gebruiken we? (max {n})", n=self.pick), classes="question")
            yield SelectionList[str](*[(Text(c), c, c in self.chosen) for c in self.categories], id="choices")
            yield Static("", classes="error", id="error")

    def action_done(self) -> None:
        chosen = self.query_one("#choices", SelectionList).selected
        try:
            self.submit(list(chosen))
        except DomainError as err:
            self.query_one("#error", Static).update(Text(err.text(self.lang)))
            return
        self.dismiss(chosen)


ACTION_FIELDS = (
    ("what", "Wat"),
    ("owner", "Eigenaar"),
    ("due", "Deadline"),
    ("indicator", "Indicator"),
    ("check_date", "Checkdatum"),
)
# Which field a core error is about, so the message can stand right under it.
ERROR_FIELD = {
    "action.what_required": "what",
    "action.owner_required": "owner",
    "action.due_required": "due",
    "action.due_before_session": "due",
    "action.check_before_due": "check_date",
}


class FormDialog(Dialog):
    """A dialog with several fields: Enter moves to the next field, Ctrl+S or the button saves."""

    BINDINGS = [Binding("ctrl+s", "save", "Opslaan")]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError


class ActionDialog(FormDialog):
    """Edits one PDCA action; `save(fields)` is the session's add/update, whose errors show in place."""

    def __init__(
        self, save: Callable[[dict[str, str]], Action], themes: tuple[Theme, ...], action: Action | None = None
    ) -> None:
        super().__init__()
        self.save, self.themes, self.action = save, themes, action

    def compose(self) -> ComposeResult:
        a = self.action
        with VerticalScroll(classes="dialog wide"):
            yield Label(self.t("Actie"), classes="question")
            for name, label in ACTION_FIELDS:
                yield Label(self.t(label))
                yield Input(
                    getattr(a, name) if a else "",
                    id=name,
                    placeholder="JJJJ-MM-DD" if name in ("due", "check_date") else "",
                )
                yield Static("", classes="error", id=f"{name}-error")
            yield Label(self.t("Waarom / thema"))
            yield Select(
                [(Text(t.name), t.id) for t in self.themes],
                id="theme_id",
                value=a.theme_id if a and a.theme_id else Select.NULL,
                prompt=self.t("Geen thema"),
            )
            yield Input(a.why if a else "", id="why")
            yield Label(self.t("Checkmethode"))
            yield Select(
                [(m, m) for m in CHECK_METHODS],
                id="check_method",
                value=a.check_method if a and a.check_method else Select.NULL,
            )
            yield Label(self.t("Status"))
            yield Select(
                [(s, s) for s in ACTION_STATUSES], id="status", value=a.status if a else "gepland", allow_blank=False
            )
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button(self.t("Opslaan"), id="save", variant="primary")
                yield Button(self.t("Annuleren"), id="cancel")

    def on_input_changed(self, event: Input.Changed) -> None:
        # Dates are checked while typing, by the same rule the core applies on saving.
        if event.input.id in ("due", "check_date"):
            message = ""
            if event.value.strip():
                try:
                    parse_date(event.value)
                except DomainError as err:
                    message = err.text(self.lang)
            self.query_one(f"#{event.input.id}-error", Static).update(Text(message))

    def action_save(self) -> None:
        fields = {name: self.query_one(f"#{name}", Input).value for name, _ in ACTION_FIELDS}
        fields["why"] = self.query_one("#why", Input).value
        for name in ("theme_id", "check_method", "status"):
            value = self.query_one(f"#{name}", Select).value
            fields[name] = "" if value is Select.NULL else str(value)
        for static in self.query(".error"):
            static.update("")
        try:
            action = self.save(fields)
        except DomainError as err:
            target = ERROR_FIELD.get(err.code)
            where = f"#{target}-error" if target else "#error"
            self.query_one(where, Static).update(Text(err.text(self.lang)))
            if target:
                self.query_one(f"#{target}", Input).focus()
            return
        self.dismiss(action)


class ReviewDialog(FormDialog):
    """The four follow-up questions for one open action (domain.md §3); `submit` records the answers."""

    AUTO_FOCUS = "#status"

    def __init__(self, item: ReviewItem, submit: Callable[[dict[str, str]], object]) -> None:
        super().__init__()
        self.item, self.submit = item, submit

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll(classes="dialog wide"):
            yield Label(Text(item.what), classes="question")
            yield Static(Text(" · ".join(p for p in (item.owner, item.indicator, item.check_method) if p)))
            yield Label(self.t("Wat is er gedaan?"))
            yield Select(
                [(s, s) for s in ACTION_STATUSES],
                id="status",
                allow_blank=False,
                value=item.current("status") or "bezig",
            )
            yield Label(self.t("Wat leverde het op, gemeten zoals afgesproken?"))
            yield Input(item.current("result"), id="result")
            yield Label(self.t("Wat besluiten we?"))
            yield Select(
                [(d, d) for d in ACT_DECISIONS], id="act_decision", value=item.current("act_decision") or Select.NULL
            )
            yield Label(self.t("Wie hebben we het laten weten?"))
            yield Input(item.current("feedback"), id="feedback")
            yield Static("", classes="error", id="error")
            with Horizontal(classes="buttons"):
                yield Button(self.t("Opslaan"), id="save", variant="primary")
                yield Button(self.t("Annuleren"), id="cancel")

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
            self.query_one("#error", Static).update(Text(err.text(self.lang)))
            return
        self.dismiss(result)


class ExportPreview(Dialog):
    """Shows the Markdown summary as it will be written; `w` writes it to exports/."""

    BINDINGS = [Binding("w", "write", "Schrijven"), Binding("escape", "cancel", "Sluiten")]
    AUTO_FOCUS = "#preview"

    def __init__(self, markdown: str, write: Callable[[], str]) -> None:
        super().__init__()
        self.markdown, self.write = markdown, write

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full"):
            yield Label(self.t("Samenvatting (voorbeeld)"), classes="question")
            with VerticalScroll(id="preview"):
                yield Markdown(self.markdown, open_links=False)
            yield Static("", id="written")

    def action_write(self) -> None:
        path = self.write()
        self.query_one("#written", Static).update(Text(self.t("Geschreven: {path}", path=path)))


def export_preview(workspace: Workspace, state: SessionState, lang: str) -> ExportPreview:
    """The export dialog for a session: `w` writes its summary and merges it into the team's PDCA plan,
    as `workshop export` does."""
    from ..core.export import session_summary

    markdown = session_summary(state)

    def write() -> str:
        written = [str(workspace.write_summary(state.meta.id, markdown))]
        try:
            plan, _ = workspace.merge_plan(state)
            written.append(str(plan))
        except WorkshopError as err:  # a plan edited into a shape we cannot read is left alone
            written.append(err.text(lang))
        return "\n".join(written)

    return ExportPreview(markdown, write=write)


class HelpScreen(Dialog):
    """Lists the keys of the screen it was opened from."""

    BINDINGS = [Binding("escape,question_mark,q", "cancel", "Sluiten")]
    AUTO_FOCUS = "VerticalScroll"

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label(self.t("Sneltoetsen"), classes="question")
            for key, description in self.lines:
                yield Static(Text.assemble((f"{key:>12}  ", "bold"), description))
