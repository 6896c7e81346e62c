"""What a crash may show: the error's type, where it happened and how to go on; never its message or local values.

A traceback shows the values of local variables (Textual's does) and the exception's message, and both may hold a
participant's card, an action or a name. The app, every `workshop` command and `workshop serve` show this instead.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from .messages import render

_PACKAGE = Path(__file__).resolve().parents[1]  # the workshop package


def crash_place(error: BaseException) -> str:
    """Return where `error` was raised: the innermost frame in workshop's own code ("workshop/cli.py:12, in main").

    Falls back to the innermost frame of all ("textual/widget.py:40, in render") when none is workshop's own. Only
    file names, line numbers and function names: no source line, no value.
    """
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    own = [f for f in frames if _inside(Path(f.filename), _PACKAGE)]
    frame = (own or frames)[-1]
    path = Path(frame.filename)
    shown = path.relative_to(_PACKAGE.parent) if own else Path(*path.parts[-2:])
    return f"{shown.as_posix()}:{frame.lineno}, in {frame.name}"


def crash_type(error: BaseException) -> str:
    """Return the exception's type as code names it ("RuntimeError", "workshop.core.errors.StoreError")."""
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def crash_report(error: BaseException, lang: str = "nl", *, session_id: str | None = None) -> str:
    """Return the lines a person reads after a crash: what broke (type and place), that saved work is safe, how to
    resume the session (`workshop --session ID`) or start again, and what to report. Holds no participant text."""
    resume = (
        render("crash.resume_session", lang, {"session": session_id})
        if session_id
        else render("crash.resume", lang, {})
    )
    return render("crash.report", lang, {"type": crash_type(error), "place": crash_place(error), "resume": resume})


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except (ValueError, OSError):
        return False
    return True
