"""A whole session of each shipped script, driven from the keyboard only through the real app (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from tests.conftest import SCRIPTS, FakeClock
from tests.core import mdcheck
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace

pytestmark = pytest.mark.slow  # ~15 s a journey; `pytest -m "not slow"` leaves them out

SHIPPED = sorted(p.name for p in SCRIPTS.glob("*.md") if p.name != "README.md")
SIZE = (100, 32)


async def type_text(pilot, text: str) -> None:
    """Type `text` into the focused field, one key event per character through the app's own key handling.

    Pilot's press() waits for the app to go idle twice per key (at least 2 x 20 ms, ~90 ms a key on this
    machine), which made these journeys ~30 s each. The keys of one text go to the app's message queue at
    once instead, like a fast typist or a paste; the queue keeps them in order, and the next press() (always
    a key that submits the text) comes after them. A character that triggered a binding instead of reaching
    the field would still derail the session and fail the test.
    """
    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        pilot.app.post_message(events.Key(key, character))


class Facilitator:
    """Presses keys like a facilitator would, and remembers what should end up in the summary."""

    def __init__(self, pilot, app: WorkshopApp) -> None:
        self.pilot = pilot
        self.app = app
        self.typed: list[str] = []
        self.private: list[str] = []  # typed in an `export: nee` step: kept in the session, not in the summary
        self.voted = 0

    @property
    def service(self):
        return self.app.service

    async def step(self, step) -> None:
        pilot = self.pilot
        kind = step.kind
        if kind == "collect" and step.pick:
            await pilot.press("k")
            for _ in range(step.pick):
                await pilot.press("space", "down")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert len(self.service.state.categories(step.id)) == step.pick
        if step.scale_spec is not None:
            await self.rate(step)
        elif kind in ("collect", "round", "close", "review"):
            await pilot.press("a")
            categories = self.service.state.categories(step.id)
            for n in range(2):
                text = f"s{self.service.state.script.index(step.id)} k{n}"  # short: typing is the slow part
                prefix = f"{categories[n % len(categories)]}: " if categories else ""
                await type_text(pilot, prefix + text)
                await pilot.press("enter")
                (self.typed if step.export else self.private).append(text)
            await pilot.press("escape")
        elif kind == "group":
            await pilot.press("t")
            await type_text(pilot, "Tijd")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("down", "t")
            await type_text(pilot, "Samen")
            await pilot.press("enter", "down", "2")  # one more card into the second theme; the rest stay loose
            await pilot.pause()
            themes = self.service.state.themes_of(step.id)
            assert {"Tijd", "Samen"} <= {t.name for t in themes}
            assert len(themes) == len(step.themes) + 2
            assert sum(1 for c in self.service.state.contributions if c.theme_id) == 3
        elif kind == "vote":
            await self.vote(step)
        elif kind == "actions":
            await self.action("Plan leertijd", "teamleider", "15-12-2026", "31-01-2027")
            await self.action("Bespreek uitkomst", "kwaliteitsadviseur", "2027-01-10", "")

    async def rate(self, step) -> None:
        pilot = self.pilot
        await pilot.press("m")  # a person without a phone answers through the facilitator
        for n, _ in enumerate(step.rated_statements):
            await pilot.press(str(1 + n % 3))
        await pilot.press("r")
        await pilot.pause()
        ratings = [r for r in self.service.state.ratings if r.step_id == step.id]
        assert len(ratings) == len(step.rated_statements) and all(r.via == "proxy" for r in ratings)
        assert self.service.state.is_revealed(step.id)

    async def vote(self, step) -> None:
        pilot = self.pilot
        await pilot.press("o", "m")
        # Three people: the scripts' minimum group size, below which the summary withholds the dots.
        for person in range(3):
            if person:
                # the next person without a phone, by a name of their own (two people cannot share one)
                await pilot.press("M", *("Anna", "Bram")[person - 1], "enter")
            await pilot.press(*["up"] * 10)
            for _ in range(step.dots):
                await pilot.press("v", "down")
            await pilot.press("v")  # one over the budget: refused, nothing changes
            await pilot.pause()
        votes = [v for v in self.service.state.votes if v.step_id == step.id]
        assert len(votes) == 3 * step.dots, [(v.voter, v.item_id) for v in votes]
        self.voted += len(votes)
        await pilot.press("o", "r")

    async def action(self, what: str, owner: str, due: str, check: str) -> None:
        pilot = self.pilot
        before = len(self.service.state.actions)
        await pilot.press("c")
        await pilot.pause()
        for value in (what, owner, due, "8 van 10", check):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(self.service.state.actions) == before + 1


@pytest.mark.parametrize("name", SHIPPED)
async def test_full_session_from_the_keyboard(name: str, tmp_path: Path) -> None:
    clock = FakeClock()
    workspace = Workspace(tmp_path)
    script = load_script(SCRIPTS / name)
    scripts = [p for p, _ in workspace.scripts()]
    index = [p.name for p in scripts].index(name)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["down"] * index, "enter")
        await type_text(pilot, "Team De Linde")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        facilitator = Facilitator(pilot, app)
        # A new team has no plan: `n` passes over the review of open actions (skip_when_empty).
        walked = [s for s in script.steps if not (s.kind == "review" and s.skip_when_empty and s.of == "acties")]
        half = len(walked) // 2
        for number, step in enumerate(walked[:half]):
            if number:
                await pilot.press("n")
            await facilitator.step(step)
        session_id = app.service.state.meta.id
        await pilot.press("ctrl+q")
    # Quit mid-session; a new app resumes exactly where it was.
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the home screen reads the stored sessions in a thread
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.service.state.step.id == walked[half - 1].id
        facilitator.app, facilitator.pilot = app, pilot
        for step in walked[half:]:
            await pilot.press("n")
            await facilitator.step(step)
        await pilot.press("x")
        await app.workers.wait_for_complete()  # the preview is built in a thread; w before it is ready says so
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape", "ctrl+q")
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    items = mdcheck.list_items(summary)
    for text in facilitator.typed:
        # A card grouped into a theme keeps its category next to it ("text — category").
        assert text in items or any(i.startswith(f"{text} — ") for i in items), text
    for text in facilitator.private:
        assert text not in items
    tables = mdcheck.tables(summary)
    votes = [t for t in tables if t[0] == ["Plaats", "Thema of kaartje", "Stippen"]]
    assert sum(int(row[2]) for t in votes for row in t[1:]) == facilitator.voted
    do = next(t for t in tables if t[0][:2] == ["ID", "Wat"])
    assert [row[1] for row in do[1:]] == ["Plan leertijd", "Bespreek uitkomst"]
    assert do[1][3:5] == ["teamleider", "15-12-2026"]
