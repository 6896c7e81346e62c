"""Errors the core raises, each with a code and a message a person can act on (Dutch first, English too)."""

from __future__ import annotations

from .messages import render


class WorkshopError(Exception):
    """Base of every error meant for a person rather than a programmer.

    `code` picks the message from the catalogue in `messages.py`; `params` fill it in.
    `str(error)` is the Dutch text; `error.text("en")` the English one.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(render(code, "nl", params))

    def text(self, lang: str = "nl") -> str:
        """Return the message in `lang` ("nl" or "en")."""
        return render(self.code, lang, self.params)


class DomainError(WorkshopError):
    """A command broke a rule of the session (over budget, step closed, unknown card, ...)."""


class LocatedError(WorkshopError):
    """A problem in a file people write (a script, a plan); `path` and `line` say where."""

    def __init__(self, code: str, path: str = "", line: int = 0, **params: object) -> None:
        self.path = path
        self.line = line
        super().__init__(code, **params)

    def body(self, lang: str) -> str:
        """The message without the place."""
        return render(self.code, lang, self.params)

    def text(self, lang: str = "nl") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        body = self.body(lang)
        return f"{where}: {body}" if where else body

    def __str__(self) -> str:
        return self.text("nl")


class ScriptError(LocatedError):
    """A script file has a problem."""

    def body(self, lang: str) -> str:
        body = render(self.code, lang, self.params)
        if self.params.get("hint"):
            body += render("script.did_you_mean", lang, self.params)
        return body


class ScriptErrors(WorkshopError):
    """All problems found in one script, so a writer can fix them in one go."""

    def __init__(self, errors: list[ScriptError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line))
        super().__init__("script.errors", count=len(errors))

    def text(self, lang: str = "nl") -> str:
        return "\n".join(e.text(lang) for e in self.errors)

    def __str__(self) -> str:
        return self.text("nl")


class StoreError(WorkshopError):
    """The session file could not be opened or written."""


class SessionLockedError(StoreError):
    """Another program has this session open."""


class CorruptSessionError(StoreError):
    """The session file is damaged; it was left as it is."""


class StoreWriteError(StoreError):
    """A write did not reach the disk; nothing was acknowledged."""


class PlanError(LocatedError):
    """A team's PDCA plan cannot be understood. The plan is never overwritten."""

    def body(self, lang: str) -> str:
        said = render(self.code, lang, self.params).rstrip()
        end = "" if said.endswith((".", "!", "?")) else "."  # two sentences: the problem, then that nothing changed
        return said + end + render("plan.unchanged", lang, {})
