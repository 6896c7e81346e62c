"""One PDCA action, new or edited: every field on one screen, and a refusal shown where the eye is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...core.actions import action_warnings
from ...core.errors import DomainError
from ...core.inputs import parse_date
from ...core.mdtext import format_date
from ...core.model import ACTION_STATUSES, CHECK_METHODS, Action, Theme
from ...core.privacy import PENDING, ROLE_SUGGESTIONS, kind_label, looks_like_person, suggestion
from ..widgets.fields import Area, Field
from .base import Dialog, place_list

ACTION_FIELDS = (
    ("what", "Wat"),
    ("owner", "Eigenaar"),
    ("due", "Deadline"),
    ("indicator", "Indicator"),
    ("check_date", "Checkdatum"),
)
DATE_FIELDS = ("due", "check_date")
# The fields the privacy guard reads (core.redaction.ACTION_TEXT_FIELDS) that this dialog has.
SCANNED_FIELDS = ("what", "owner", "indicator", "why")
OWNER_HINT = "Noem een rol, geen naam, bijvoorbeeld {roles}. Nog eens Opslaan bewaart het toch."
OWNER_ROLE = "Noem een rol, geen naam, bijvoorbeeld {roles}."
PRIVATE = "Mogelijk persoonsgegevens ({kinds}). {advice} Anders ziet de groep het afgeschermd."
# A warning of the core (actions.action_warnings) holds the first Opslaan only, as the owner's hint does.
WARNING_ON_SAVE = "{warning} Een tussentijdse check? Nog eens Opslaan bewaart het toch."
PRIVATE_ON_SAVE = (
    "Let op: mogelijk persoonsgegevens. Pas het aan, of druk nog eens Opslaan: de groep ziet het dan afgeschermd."
)
# What Enter and Tab do, said in the hint line for the field that has the focus (FormDialog._show_keys).
KEYS_FIELD = "Enter: volgend veld · Ctrl+S: opslaan · Esc: annuleren"
KEYS_LIST = "Keuzelijst: Enter opent en kiest · Tab: volgend veld · Ctrl+S: opslaan"
KEYS_CHOSEN = "Gekozen. Enter of Tab: volgend veld · Ctrl+S: opslaan · Esc: annuleren"
TYPED_ON_LIST = "Dat was een keuzelijst: wat je typte staat in het volgende tekstveld."
TYPED_ON_LAST_LIST = "Dit is een keuzelijst: kies met Enter. Typen kan hier niet; Ctrl+S slaat op."
# The privacy guard's verdict on the dialog's texts, per field (core.redaction.action_flags, without waiting).
PrivacyCheck = Callable[[Mapping[str, str]], Mapping[str, tuple[str, ...]]]
# Which field a core error is about, so the message can stand right at it.
ERROR_FIELD = {
    "action.what_required": "what",
    "action.owner_required": "owner",
    "action.due_required": "due",
    "action.due_before_session": "due",
    "action.check_before_due": "check_date",
}


class FormDialog(Dialog[object]):
    """A dialog with several fields: Enter moves to the next field, Ctrl+S or the button saves.

    A list (Select) opens with Enter (or ↓, space) and Enter in it chooses; the focus stays on the list, so a Tab
    after the choice goes to the very next field and skips none (trial 16). Enter right after a choice goes on, as
    in a text field. Text typed on a closed list goes into the next text field, and the dialog says so: never lost.
    """

    BINDINGS = [
        ("ctrl+s", "save", "Opslaan"),
        # Priority: the next field has the focus the moment Enter arrives, so what is typed right after it
        # goes there (a field's own Enter would move on only once its message is handled). In a text of several
        # lines too: an action is one sentence that wraps, Enter never starts a new line there.
        Binding("enter", "next_field", "Volgend veld", show=False, priority=True),
        # Priority: before an open list's own Esc, which closed the list and then moved on to the next field.
        Binding("escape", "escape", "Annuleren", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._list_escaped = False  # an open list was closed with Esc: stay on it
        self._chosen: Select | None = None  # the list just closed on a choice, still focused: Enter goes on
        self._typed_into: Widget | None = None  # the text field that text typed on a list went to

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            focused = self.focused
            if isinstance(focused, Select):  # a list opens on Enter, until a choice was made in it
                return focused is self._chosen and not focused.expanded
            return isinstance(focused, Input | TextArea)  # a button keeps its own Enter
        return True

    def action_next_field(self) -> None:
        self._chosen = None
        self.focus_next()

    def action_escape(self) -> None:
        """Esc closes an open list and stays on it (the choice it had stays); otherwise it cancels, in every field."""
        for select in self.query(Select):
            if select.expanded:
                self._list_escaped = True
                select.expanded = False
                select.focus()
                return
        self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_show(self) -> None:
        for select in self.query(Select):
            if not select.has_class("-watched"):
                select.add_class("-watched")
                self.watch(select, "expanded", partial(self._list_closed, select), init=False)

    def _list_closed(self, select: Select, expanded: bool) -> None:
        self.call_after_refresh(place_list, select)  # opened: upwards if it would cross the border; closed: back
        if expanded:
            return
        if self._list_escaped:  # closed with Esc: no choice made
            self._list_escaped = False
            return
        if select.has_focus_within:  # closed by a choice while it had the focus: the next Enter goes on
            self._chosen = select
            self._show_keys(select)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is not self._chosen:
            self._chosen = None
        if event.widget is not self._typed_into:
            self._typed_into = None
        if not isinstance(event.widget.parent, Select):  # the open list: the hint of its Select stays
            self._show_keys(event.widget)

    def _show_keys(self, widget: Widget) -> None:
        """Say in the hint line what Enter and Tab do in the field that has the focus (a list differs)."""
        if isinstance(widget, Select):
            text = KEYS_CHOSEN if widget is self._chosen else KEYS_LIST
        else:
            text = KEYS_FIELD
        for hint in self.query("#form-keys").results(Static):
            hint.update(self.t(text))

    def on_key(self, event: events.Key) -> None:
        """A character typed on a closed list goes to the next text field, and the dialog says where it went."""
        typed = event.character if event.is_printable else None
        focused = self.focused
        if event.key == "backspace" and focused is not None and focused is self._typed_into:
            # A correction the list had been given before the focus moved: it follows the rest, as a key typed does.
            event.stop()
            event.prevent_default()
            _delete_last(focused)
            return
        if typed is None:
            return
        if focused is not None and focused is self._typed_into:
            # A key the list had been given before the focus moved (a fast typist): it follows the rest. A text field
            # handles its own keys, so a character reaches the dialog with the field focused only this way.
            event.stop()
            event.prevent_default()
            _append(focused, typed)
            return
        if not isinstance(focused, Select) or focused.expanded or typed == " ":
            return
        event.stop()
        event.prevent_default()
        chain = self.focus_chain
        later = chain[chain.index(focused) + 1 :] if focused in chain else []
        field = next((w for w in later if isinstance(w, Input | TextArea)), None)
        if field is None:
            self.app.bell()
            self.show_error(self.t(TYPED_ON_LAST_LIST))
            return
        _append(field, typed)
        self._chosen, self._typed_into = None, field
        self.set_focus(field)  # at once (focus() waits a turn): the rest of a fast typist's text follows it there
        self.show_error(self.t(TYPED_ON_LIST))

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
        yield Static(self.t(KEYS_FIELD), classes="hint", id="form-keys")

    def action_save(self) -> None:
        raise NotImplementedError


def _delete_last(field: Widget) -> None:
    """Take the character before the cursor out of a text field (a Backspace)."""
    if isinstance(field, Input | TextArea):
        field.action_delete_left()


def _append(field: Widget, text: str) -> None:
    """Add `text` at the end of a text field, its cursor after it."""
    if isinstance(field, Input):
        field.value += text
        field.cursor_position = len(field.value)
    elif isinstance(field, TextArea):
        field.move_cursor(field.document.end)
        field.insert(text)


def field_row(label: str, widget: Input | Select | TextArea, error_id: str = "") -> ComposeResult:
    """A label and its field on one line (compact: the whole form fits at 80x24), its error under it."""
    with Horizontal(classes="field"):
        yield Label(label, classes="field-label")
        yield widget
    if error_id:
        yield Static("", classes="error field-error", id=error_id)


class ActionDialog(FormDialog):
    """Edits one PDCA action; `save(fields)` is the session's add/update. Returns the saved action."""

    AUTO_FOCUS = "#what"

    def __init__(
        self,
        save: Callable[[dict[str, str]], Action],
        themes: tuple[Theme, ...],
        action: Action | None = None,
        privacy: PrivacyCheck | None = None,
    ) -> None:
        """`privacy(texts)`: the core's verdict on the texts per field, shown under each field as it is typed."""
        super().__init__()
        self.save, self.themes, self.action, self.privacy = save, themes, action, privacy
        # An owner that looks like a person's name is saved only when Opslaan is pressed again for it; the same for
        # texts the privacy guard flags.
        self._owner_confirmed = action.owner if action else ""
        self._private_confirmed: tuple[tuple[str, str], ...] = ()
        self._warned: tuple[tuple[str, str], ...] = ()  # the texts a warning held the save for once
        self._notes: dict[str, dict[str, str]] = {}  # per field: what is said under it, by what says it

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
                field: Input | TextArea = Field(value, id=name, placeholder=placeholder, compact=True)
                if name == "what":  # a sentence: it wraps over a few lines, all of it in view
                    field = Area(value, id=name, soft_wrap=True, compact=True, tab_behavior="focus")
                yield from field_row(self.t(label), field, f"{name}-error")
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
            yield from field_row(self.t("Waarom"), Field(a.why if a else "", id="why", compact=True), "why-error")
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
        for name in SCANNED_FIELDS:  # an action opened again says at once what the guard flags in it
            if self._value(name).strip():
                self._check_privacy(name, self._value(name))

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        # Dates are checked while typing, by the same rule the core applies on saving.
        if name in DATE_FIELDS:
            message = ""
            if event.value.strip():
                try:
                    parse_date(event.value)
                except DomainError as err:
                    message = err.text(self.lang)
            self._field_error(name, message)
        # The owner's hint goes once the owner no longer looks like a name (and stays while it still does).
        hinted = name == "owner" and self._notes.get("owner", {}).get("owner")
        if hinted and not looks_like_person(event.value.strip(), wait=False):
            self._note("owner", "owner", "")
        if name in SCANNED_FIELDS:
            self._check_privacy(name, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        name = event.text_area.id or ""
        if name in SCANNED_FIELDS:
            self._check_privacy(name, self._value(name))

    def _check_privacy(self, name: str, text: str) -> None:
        """Say under the field what the privacy guard would flag in it (nothing while its name lists load)."""
        if self.privacy is None:
            return
        kinds = [kind for kind in self.privacy({name: text}).get(name, ()) if kind != PENDING]
        message = ""
        if kinds:
            labels = ", ".join(kind_label(kind, self.lang) for kind in kinds)
            # In the owner's field the way out is a role, not "de bewoner" (the guard's advice for a text).
            advice = (
                self.t(OWNER_ROLE, roles=", ".join(ROLE_SUGGESTIONS[:4]))
                if name == "owner"
                else suggestion(kinds[0], self.lang)
            )
            message = self.t(PRIVATE, kinds=labels, advice=advice)
        self._note(name, "privacy", message)

    def _note(self, name: str, source: str, message: str) -> None:
        """Say `message` under the field `name` for `source` (a date, the owner, the privacy guard); "" takes it
        back. What the others say about the field stays."""
        notes = self._notes.setdefault(name, {})
        notes[source] = message
        # The owner's own hint says what the guard would say about a name there, and what to do: it alone.
        said = [notes["owner"]] if notes.get("owner") else [text for text in notes.values() if text]
        self._field_error(name, " ".join(said))

    def _field_error(self, name: str, message: str) -> None:
        """Show `message` right under the field `name` (or nothing: then the line is gone)."""
        static = self.query_one(f"#{name}-error", Static)
        static.update(Text(message))
        static.display = bool(message)

    def _value(self, name: str) -> str:
        """The text of the field `name`; lines pasted into the one of several lines read as one sentence."""
        field = self.query_one(f"#{name}")
        if isinstance(field, TextArea):
            return " ".join(field.text.split())
        return self.query_one(f"#{name}", Input).value

    def _show_notes(self) -> None:
        for name in self._notes:
            self._note(name, "", "")

    def action_save(self) -> None:
        fields = {name: self._value(name) for name, _ in ACTION_FIELDS}
        fields["why"] = self._value("why")
        for name in ("theme_id", "check_method", "status"):
            value = self.query_one(f"#{name}", Select).value
            fields[name] = "" if value is Select.NULL else str(value)
        self.clear_errors()
        self._show_notes()  # what was said while typing still holds
        owner = fields["owner"].strip()
        # The core says what looks like a name; without waiting for the name lists, so a key press never blocks.
        if owner and owner != self._owner_confirmed and looks_like_person(owner, wait=False):
            self._owner_confirmed = owner
            self._note("owner", "owner", self.t(OWNER_HINT, roles=", ".join(ROLE_SUGGESTIONS[:4])))
            self.query_one("#owner", Input).focus()
            return
        if self._hold_for_privacy(fields):
            return
        if self._hold_for_warnings(fields):
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
            self.show_error(refusal, near=self.query_one(f"#{target}") if target else None)
            return
        self.dismiss(action)

    def _hold_for_warnings(self, fields: Mapping[str, str]) -> bool:
        """Hold a first Opslaan when the core warns about a field (a check date before the deadline): say so at that
        field; the same texts are saved at the second. Returns True when held."""
        warnings = action_warnings(fields)
        held = tuple((name, fields[name].strip()) for name in DATE_FIELDS)  # the dates the warning is about
        if not warnings or held == self._warned:
            return False
        self._warned = held
        name, warning = next(iter(warnings.items()))
        message = self.t(WARNING_ON_SAVE, warning=warning.text(self.lang))
        self._field_error(name, message)
        self.show_error(message, near=self.query_one(f"#{name}"))
        return True

    def _hold_for_privacy(self, fields: Mapping[str, str]) -> bool:
        """Hold a first Opslaan when the guard flags a text (as for a name as owner): say so, at the first such
        field; the same texts are saved at the second. Returns True when held."""
        if self.privacy is None:
            return False
        texts = {name: fields[name] for name in SCANNED_FIELDS}
        if texts["owner"].strip() == self._owner_confirmed:
            del texts["owner"]  # already asked about, with the owner's own hint
        flagged = [name for name, kinds in self.privacy(texts).items() if set(kinds) - {PENDING}]
        for name in SCANNED_FIELDS:
            if name in texts:
                self._check_privacy(name, texts[name])
        held = tuple((name, texts[name]) for name in SCANNED_FIELDS if name in flagged)
        if not held or held == self._private_confirmed:
            return False
        self._private_confirmed = held
        self.show_error(self.t(PRIVATE_ON_SAVE), near=self.query_one(f"#{held[0][0]}"))
        return True


class _FieldError(Exception):
    def __init__(self, field: str, error: DomainError) -> None:
        super().__init__(field)
        self.field, self.error = field, error
