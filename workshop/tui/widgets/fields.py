"""Text fields that handle every key in the order typed.

Textual's Input and TextArea insert a typed character themselves, but run Backspace, Delete, the arrows, Home and
End as key bindings, once the key has gone round the app to the bindings check. When keys arrive together (a
terminal hands a busy app everything typed meanwhile in one read), the characters typed after such a key are in
the field before it runs: "Jan Jansen", ten Backspaces and "ingrid" left "Jan Ja". Here a field runs its own
bindings as the key reaches it, in line with the characters.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea


class InOrder:
    """Mixin for a text widget: its own (non-priority) key bindings run in the field's queue, in the order typed."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):  # type: ignore[attr-defined]
                # (as the app runs a binding: this field the namespace, True once an action method ran)
                if not binding.priority and await self.app.run_action(binding.action, self):  # type: ignore[attr-defined]
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)  # type: ignore[misc]


class Field(InOrder, Input):
    """A one-line text field (Input) whose editing keys keep their place among the characters typed.

    It does not select what it holds when it gets the focus (Textual's default): the next key typed would replace it
    all. Text typed on a list goes into the next field (dialogs/action.py), and the plan's result there was lost.
    """

    def __init__(self, *args: Any, select_on_focus: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)


class Area(InOrder, TextArea):
    """A text area (TextArea) whose editing keys keep their place among the characters typed."""
