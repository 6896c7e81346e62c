"""The base of the facilitator's dialogs: typed by their result, Escape cancels, texts in the app's language."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Select, Static

from ...core.errors import DomainError
from ..strings import tr, translate_bindings

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog returning a `T` (None when cancelled with Escape)."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]
    AUTO_FOCUS: ClassVar[str | None] = "Input"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.lang)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "nl")

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    @on(events.Mount)
    def _hold_notifications(self) -> None:
        """Show no notification over a dialog: a toast covered its fields (trial). They wait on the screen below and
        show there once the dialog closes (Textual shows them on the screen that resumes), unless expired by then;
        what a dialog itself has to say stands in the dialog."""
        self.query("ToastRack").remove()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, err: DomainError | str, near: Widget | None = None) -> None:
        """Say why the dialog cannot finish, where the eye is: in the banner under its title (always in view),
        and, for an error about one field, on that field, which gets the focus and is scrolled into view."""
        message = err.text(self.lang) if isinstance(err, DomainError) else err
        banner = self.query_one("#error", Static)
        banner.update(Text(message))
        banner.display = bool(message)
        if near is not None:
            near.focus()
            near.scroll_visible(animate=False)

    def clear_errors(self) -> None:
        for static in self.query(".error").results(Static):
            static.update("")
            if static.has_class("field-error"):
                static.display = False
        self.query_one("#error", Static).display = False


def place_list(select: Select) -> None:
    """Open `select`'s list upwards when, opened downwards, it would run over the bottom border of its dialog.

    (At 80x24 the review dialog's last list, *Gedaan?*, drew its options over the dialog's border and beyond it:
    the list stands on the screen's layer, so only the screen's edge holds it.) Called once the open list is laid
    out; the list goes back to its place below when it closes (`offset` reset).
    """
    overlay = select.query_one("SelectOverlay")  # (by name: Textual keeps the class private)
    overlay.styles.offset = (0, 0)
    if not select.expanded:
        return
    box = next((a for a in select.ancestors if isinstance(a, Widget) and a.has_class("dialog")), None)
    if box is None:
        return
    inner = box.region.shrink(box.styles.border.spacing)
    below, above = inner.bottom - select.region.bottom, select.region.y - inner.y
    if overlay.outer_size.height > below and above > below:
        overlay.styles.offset = (0, -(overlay.outer_size.height + select.region.height))
