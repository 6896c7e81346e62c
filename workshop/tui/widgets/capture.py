"""The line the facilitator types what is said into: Enter hands the line over at once, in the order typed."""

from __future__ import annotations

from textual import events
from textual.message import Message

from .fields import Field


class CaptureLine(Field):
    """An input whose Enter is handled in the order of the keys typed: the line goes, the field is empty for
    what follows. (An Input's own Enter runs as a binding once the key has gone round the app, by when keys
    typed after it are already in the field: two quick lines became one card.)"""

    class Captured(Message):
        """A line was entered; if it cannot be stored, `give_back` puts it back in front of what follows."""

        def __init__(self, line: CaptureLine, text: str) -> None:
            super().__init__()
            self.line, self.text = line, text

        def give_back(self) -> None:
            self.line.value = self.text + self.line.value
            self.line.cursor_position = len(self.line.value)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.value
            if text.strip():
                self.value = ""
                self.post_message(self.Captured(self, text))
            return
        await super()._on_key(event)
