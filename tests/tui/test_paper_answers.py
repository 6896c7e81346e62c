"""Entering a stack of paper answer forms in a rating step (user trial 16, item 10).

After `M` the cursor stayed on the last statement, so the next person's answers all landed on statement 21 (each
overwriting the one before). Now a new person starts at the first statement, each answer moves on to the next one,
the status line says whose form it is and how far, and at the end an answer key is refused instead of overwriting.
"""

from __future__ import annotations

import time

from tests.tui.keys import type_text
from tests.tui.screen_text import screen_lines
from tests.tui.test_console_issue12 import app_for, rated
from workshop.tui.dialogs import TextDialog
from workshop.tui.widgets import Board


def text(app) -> str:
    return "\n".join(screen_lines(app))


async def until_shown(pilot, expected: str) -> None:
    """Wait for `expected` on screen: a burst of keys redraws on a short timer (session_view.schedule_render). The
    status line may wrap anywhere in it at 80 columns: compared with the screen's words run together."""
    deadline = time.monotonic() + 5.0
    while expected not in " ".join(text(pilot.app).split()):
        assert time.monotonic() < deadline, f"never shown: {expected}\n{text(pilot.app)}"
        await pilot.pause(0.02)


async def add_person(pilot, name: str) -> None:
    await pilot.press("M")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextDialog)
    await type_text(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


def answers(service, n: int) -> dict[int, str]:
    proxy = service.state.proxies[n]
    return service.answers_of(proxy.id, service.state.step.id)


async def test_each_paper_form_starts_at_the_first_statement_and_fills_them_in_order(tmp_path, clock):
    workspace, service = rated(tmp_path, clock, reveal=False)
    total = len(service.state.step.rated_statements)
    anna = "".join("1234"[n % 4] for n in range(total))
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_person(pilot, "Anna")
        board = app.screen.query_one(Board)
        assert board.selected_key == "0"
        await type_text(pilot, anna)
        await pilot.pause()
        values = service.state.step.scale_spec.values
        assert answers(service, 0) == {n: values[int(c) - 1] for n, c in enumerate(anna)}
        await until_shown(pilot, f"Namens: Anna ({total} van {total} ingevuld)")
        await pilot.press("2")  # one key too many: refused, the last answer stays
        await pilot.pause()
        assert answers(service, 0)[total - 1] == values[int(anna[-1]) - 1]
        assert any("niet opgeslagen" in n.message for n in app._notifications)
        await pilot.press("up", "3", "down", "4")  # a row the facilitator picks can be changed, also the last one
        await pilot.pause()
        assert (answers(service, 0)[total - 2], answers(service, 0)[total - 1]) == (values[2], values[3])
        await add_person(pilot, "Bert")
        assert board.selected_key == "0", "a new person starts at the first statement"
        await type_text(pilot, "321")
        await pilot.pause()
        assert answers(service, 1) == {0: values[2], 1: values[1], 2: values[0]}
        assert answers(service, 0)[total - 1] == values[3], "Anna's last answer untouched"
        await until_shown(pilot, f"Namens: Bert (3 van {total} ingevuld)")
        assert board.selected_key == "3"
        await pilot.press("m")  # back to Anna: her form is complete, so the first statement
        await pilot.pause()
        assert board.selected_key == "0"
        await pilot.press("m")  # Bert again: on at his first statement without an answer
        await pilot.pause()
        assert board.selected_key == "3"
