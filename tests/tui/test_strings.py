"""Every Dutch text on the facilitator's screen has an English translation, and --lang en uses it."""

from __future__ import annotations

import re
from pathlib import Path

from workshop.tui.strings import EN

TUI = Path(__file__).resolve().parents[2] / "workshop" / "tui"
# t("...") / tr("...") calls and binding descriptions: the third argument of Binding(...).
CALLS = re.compile(r"""\b(?:t|tr)\(\s*"((?:[^"\\]|\\.)*)\"""")
PLURALS = re.compile(r"""\bplural\([^,]+,[^,]+,\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)\"""")
BINDINGS = re.compile(r"""Binding\(\s*"[^"]*",\s*f?"[^"]*",\s*"((?:[^"\\]|\\.)*)\"""")


def test_every_screen_text_has_an_english_translation():
    missing = set()
    found = 0
    for path in TUI.rglob("*.py"):
        if path.name == "strings.py":
            continue
        source = path.read_text(encoding="utf-8")
        plurals = [text for pair in PLURALS.findall(source) for text in pair]
        for text in CALLS.findall(source) + BINDINGS.findall(source) + plurals:
            found += 1
            if text not in EN:
                missing.add((path.name, text))
    assert found > 80  # the patterns really find the texts
    assert not missing, sorted(missing)
