"""A rating that needs attention in every way the rule knows (rating_rule.py), for the tests that check the
console, the board and the summary say it in the same words."""

from __future__ import annotations

from workshop.core.export import session_summary
from workshop.core.model import SessionState
from workshop.core.session import SessionService

RATE_STEP = "drempelcheck"  # mantelzorg-drempelcheck.md, 21 statements
# Five people's answers on the first five statements, and what the rule says of each (in the summary's words).
ANSWERS = (
    ("rood", "rood", "rood", "groen", "groen"),  # the room is split
    ("rood", "rood", "oranje", "oranje", "oranje"),  # red: an aandachtspunt, no one disputes it
    ("onbekend", "onbekend", "groen", "groen", "groen"),  # many don't know
    ("rood", "rood", "onbekend", "onbekend", "groen"),  # red, and many don't know
    ("groen", "groen", "groen", "groen", "oranje"),  # nothing stands out
)
SAID = ("⚠ oneens", "aandacht", "veel ❓", "aandacht, veel ❓", "")


def rate_for_attention(service: SessionService) -> None:
    """Go to the rate step, let five phones answer (ANSWERS) and reveal the results."""
    voters = [service.join().id for _ in range(5)]
    service.go_to(RATE_STEP)
    for statement, values in enumerate(ANSWERS):
        for voter, value in zip(voters, values, strict=True):
            service.rate(statement, value, voter=voter)
    service.reveal()


def summary_notes(state: SessionState) -> dict[str, str]:
    """Statement -> the 'Let op' cell of the summary's rating table (the record's words)."""
    notes = {}
    for line in session_summary(state).split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) > 2 and cells[0] in state.script.step(RATE_STEP).rated_statements:
            notes.setdefault(cells[0], cells[-1])
    return notes
