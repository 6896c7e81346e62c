"""One PDCA action, new or edited: every field on one screen, and a refusal shown where the eye is."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...core.errors import DomainError
from ...core.inputs import parse_date
from ...core.mdtext import format_date
from ...core.model import ACTION_STATUSES, CHECK_METHODS, Action, Theme
from ...core.privacy import ROLE_SUGGESTIONS, looks_like_person
from .base import Dialog

ACTION_FIELDS = (
    ("what", "Wat"),
    ("owner", "Eigenaar"),
    ("due", "Deadline"),
    ("indicator", "Indicator"),
    ("check_date", "Checkdatum"),
)
DATE_FIELDS = ("due", "check_date")
# Which field a core error is about, so the message can stand right at it.
ERROR_FIELD = {
    "action.what_required": "what",
    "action.owner_required": "owner",
    "action.due_required": "due",
    "action.due_before_session": "due",
    "action.check_before_due": "check_date",
}


class FormDialog(Dialog[object]):
    """A dialog with several fields: Enter moves to the next field, Ctrl+S or the button saves."""

    BINDINGS = [
        ("ctrl+s", "save", "Opslaan"),
        # Priority: the next field has the focus the moment Enter arrives, so what is typed right after it
        # goes there (a field's own Enter would move on only once its message is handled).
        Binding("enter", "next_field", "Volgend veld", show=False, priority=True),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            return isinstance(self.focused, Input)  # a list or a button keeps its own Enter
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_show(self) -> None:
        # A list closed on a choice moves on to the next field, as Enter does in a text field, also when the
        # choice is the value it had (trial: Enter opened the list again and what was typed next went nowhere).
        for select in self.query(Select):
            if not select.has_class("-watched"):
                select.add_class("-watched")
                self.watch(select, "expanded", partial(self._list_closed, select), init=False)

    def _list_closed(self, select: Select, expanded: bool) -> None:
        if not expanded and select.has_focus_within:  # closed by a choice (or Esc) while it had the focus
            self.call_after_refresh(self.focus_next)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def form_buttons(self) -> ComposeResult:
        """Opslaan and Annuleren, and the line that says which keys save and leave."""
        with Horizontal(classes="buttons"):
            yield Button(self.t("Opslaan"), id="save", variant="primary", compact=True)
            yield Button(self.t("Annuleren"), id="cancel", compact=True)
        yield Static(self.t("Enter: volgend veld · Ctrl+S: opslaan · Esc: annuleren"), classes="hint")

    def action_save(self) -> None:
        raise NotImplementedError


def field_row(label: str, widget: Input | Select, error_id: str = "") -> ComposeResult:
    """A label and its field on one line (compact: the whole form fits at 80x24), its error under it."""
    with Horizontal(classes="field"):
        yield Label(label, classes="field-label")
        yield widget
    if error_id:
        yield Static("", classes="error field-error", id=error_id)


class ActionDialog(FormDialog):
    """Edits one PDCA action; `save(fields)` is the session's add/update. Returns the saved action."""

    def __init__(
        self, save: Callable[[dict[str, str]], Action], themes: tuple[Theme, ...], action: Action | None = None
    ) -> None:
        super().__init__()
        self.save, self.themes, self.action = save, themes, action
        # An owner that looks like a person's name is saved only when Opslaan is pressed again for it.
        self._owner_confirmed = action.owner if action else ""

    def compose(self) -> ComposeResult:
        a = self.action
        with VerticalScroll(classes="dialog wide form"):
            yield Label(self.t("Actie") + (f" {a.id}" if a else ""), classes="question")
            yield Static("", classes="error", id="error")
            for name, label in ACTION_FIELDS:
                placeholder = self.t("DD-MM-JJJJ") if name in DATE_FIELDS else ""
                value = getattr(a, name) if a else ""
                if name in DATE_FIELDS:
                    value = format_date(value)  # as the placeholder asks for it (DD-MM-JJJJ), not as stored
                yield from field_row(
                    self.t(label), Input(value, id=name, placeholder=placeholder, compact=True), f"{name}-error"
                )
            yield from field_row(
                self.t("Thema"),
                Select(
                    [(Text(t.name), t.id) for t in self.themes],
                    id="theme_id",
                    value=a.theme_id if a and a.theme_id else Select.NULL,
                    prompt=self.t("Geen thema"),
                    compact=True,
                ),
            )
            yield from field_row(self.t("Waarom"), Input(a.why if a else "", id="why", compact=True))
            yield from field_row(
                self.t("Checkmethode"),
                Select(
                    [(m, m) for m in CHECK_METHODS],
                    id="check_method",
                    value=a.check_method if a and a.check_method else Select.NULL,
                    prompt=self.t("Kies…"),
                    compact=True,
                ),
            )
            yield from field_row(
                self.t("Status"),
                Select(
                    [(s, s) for s in ACTION_STATUSES],
                    id="status",
                    value=a.status if a else "gepland",
                    allow_blank=False,
                    compact=True,
                ),
            )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        for static in self.query(".field-error"):
            static.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        # Dates are checked while typing, by the same rule the core applies on saving.
        if event.input.id in DATE_FIELDS:
            message = ""
            if event.value.strip():
                try:
                    parse_date(event.value)
                except DomainError as err:
                    message = err.text(self.lang)
            self._field_error(event.input.id, message)

    def _field_error(self, name: str, message: str) -> None:
        """Show `message` right under the field `name` (or nothing: then the line is gone)."""
        static = self.query_one(f"#{name}-error", Static)
        static.update(Text(message))
        static.display = bool(message)

    def action_save(self) -> None:
        fields = {name: self.query_one(f"#{name}", Input).value for name, _ in ACTION_FIELDS}
        fields["why"] = self.query_one("#why", Input).value
        for name in ("theme_id", "check_method", "status"):
            value = self.query_one(f"#{name}", Select).value
            fields[name] = "" if value is Select.NULL else str(value)
        self.clear_errors()
        owner = fields["owner"].strip()
        # The core says what looks like a name; without waiting for the name lists, so a key press never blocks.
        if owner and owner != self._owner_confirmed and looks_like_person(owner, wait=False):
            self._owner_confirmed = owner
            roles = ", ".join(ROLE_SUGGESTIONS[:4])
            hint = self.t(
                "Noem een rol, geen naam, bijvoorbeeld {roles}. Nog eens Opslaan bewaart het toch.", roles=roles
            )
            self._field_error("owner", hint)
            self.query_one("#owner", Input).focus()
            return
        try:
            for name in DATE_FIELDS:  # a bad date names its field (the core's error does not say which)
                if fields[name].strip():
                    try:
                        parse_date(fields[name])
                    except DomainError as bad_date:
                        raise _FieldError(name, bad_date) from None
            action = self.save(fields)
        except (DomainError, _FieldError) as exc:
            if isinstance(exc, _FieldError):
                target: str | None = exc.field
                refusal = exc.error
            else:
                target, refusal = ERROR_FIELD.get(exc.code), exc
            if target:
                self._field_error(target, refusal.text(self.lang))
            self.show_error(refusal, near=self.query_one(f"#{target}", Input) if target else None)
            return
        self.dismiss(action)


class _FieldError(Exception):
    def __init__(self, field: str, error: DomainError) -> None:
        super().__init__(field)
        self.field, self.error = field, error
