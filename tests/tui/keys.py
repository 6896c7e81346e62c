"""Typing in the app's tests: a text as one burst of key events, as a fast typist's terminal (or a paste) sends it.

Pilot.press waits for the app to go idle after every key, at least 40 ms of wall time per key; typing a
field's text key by key made the TUI tests wait more than they worked. `type_text` sends the same key events
through the same driver, all at once, and waits once. Keys that move the focus or open a screen (enter, tab,
a shortcut) still go through Pilot.press, so the app has settled before the next text arrives; that typing
fast across fields loses nothing is a test of its own (test_console_issue12.py, item 9).
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot


def send_keys(app: App, *keys: str) -> None:
    """Send `keys` (characters or key names such as "enter") to the app at once, without waiting."""
    assert app._driver is not None
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` into the focused field in one burst, then wait until the app has handled it."""
    send_keys(pilot.app, *text)
    await pilot.pause()
    await pilot.pause()  # the app hands the keys on to the field: the second wait sees the field's own queue
