"""A result of fewer people than the script's min_group: the console and the projector say so, as the phones and
the board do (the core's `results.too_few`), never a row of 0 dots that reads like a real result."""

from __future__ import annotations

from tests.tui.screen_text import board_column, joined, screen_lines, widget_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ConfirmDialog
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

SCRIPT = """---
id: klein
title: Klein
min_group: 3
---

# Klein

## Kiezen
- kind: vote
- minutes: 3
- options: Rooster, Overdracht, Pauzes
- dots: 2

Waar beginnen we?

## Kleuren
- kind: rate
- minutes: 3
- statements: Er is tijd om te leren., Fouten bespreken voelt veilig.

Kies per stelling een kleur.
"""


def small_session(tmp_path, clock):
    path = tmp_path / "klein.md"
    path.write_text(SCRIPT, encoding="utf-8")
    workspace = Workspace(tmp_path)
    return workspace, workspace.new_session(load_script(path), team="Team Klein", clock=clock)


async def test_a_vote_of_two_people_shows_no_dots_on_the_console_or_the_projector(tmp_path, clock):
    workspace, service = small_session(tmp_path, clock)
    service.go_to("kiezen")
    service.open_voting()
    items = [item.id for item in service.vote_items()]
    for person in (service.join(), service.join()):  # two voters; the script's min_group is 3
        service.cast_vote(items[0], voter=person.id)
        service.cast_vote(items[1], voter=person.id)
    service.reveal()
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for mode in ("console", "projector"):
            board = app.screen.query_one(Board)
            dots = board_column(app, board, "dots").split()
            assert dots and set(dots) == {"–"}, (mode, dots)  # no count at all, 0 or otherwise
            shown = joined(board_column(app, board, "item"))
            assert "Te weinig antwoorden om te tonen" in shown, (mode, shown)
            assert all(label in shown for label in ("Rooster", "Overdracht", "Pauzes"))
            # In the script's order, not ranked: the order would tell what the two chose.
            assert shown.index("Rooster") < shown.index("Overdracht") < shown.index("Pauzes")
            assert "0 stippen" not in joined("\n".join(screen_lines(app)))
            await pilot.press("f")  # the projector view shows the same
            await pilot.pause()


async def test_a_statement_of_two_people_shows_no_counts_on_the_projector(tmp_path, clock):
    workspace, service = small_session(tmp_path, clock)
    service.go_to("kleuren")
    for person in (service.join(), service.join()):
        service.rate(0, "rood", voter=person.id, via="participant")
    service.reveal()
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert "te weinig antwoorden om te tonen" in joined(board_column(app, board, "statement"))
        first = board.get_row_at(0)
        assert [str(cell) for cell in first[1:5]] == ["–"] * 4


async def test_showing_again_after_one_late_answer_asks_first(tmp_path, clock):
    """Results hidden, one late answer, `r` again: the difference would show what that one person chose. The console
    says so and asks; Nee (the default, a hurried Enter) keeps them hidden, Ja shows them."""
    workspace, service = small_session(tmp_path, clock)
    service.go_to("kleuren")
    people = [service.join().id for _ in range(4)]
    for person in people[:3]:
        service.rate(0, "groen", voter=person, via="participant")
    service.reveal()
    service.reveal(revealed=False)
    service.rate(0, "rood", voter=people[3], via="participant")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        said = app.screen.question
        assert "alleen wat 1 van de deelnemers koos" in said and said.endswith("Toch tonen?"), said
        await pilot.press("enter")  # Nee
        await pilot.pause()
        assert not service.state.is_revealed("kleuren")
        assert "De uitslag blijft verborgen." in [n.message for n in app._notifications]  # said, not silent
        clock.advance(seconds=1)  # past the moment the app holds the keys after an answer
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("left", "enter")  # Ja
        await pilot.pause()
        assert service.state.is_revealed("kleuren")


async def test_once_shown_the_first_column_of_a_vote_is_the_place_not_the_number(tmp_path, clock):
    """Before the reveal "Nr" numbered the items; after it, the same column held their rank ("1, 2, 2, 4") under the
    same header. Ranked, it says "Plek"."""
    workspace, service = small_session(tmp_path, clock)
    service.go_to("kiezen")
    service.open_voting()
    items = [item.id for item in service.vote_items()]
    for person in (service.join(), service.join(), service.join()):
        service.cast_vote(items[2], voter=person.id)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert board.column_span("nr", "")[1] and "Nr" in widget_lines(app, board)[0]
        await pilot.press("r")
        await pilot.pause()
        header = widget_lines(app, board)[0]
        assert header.split()[0] == "Plek", header
        assert joined(board_column(app, board, "item")).startswith("Pauzes")  # the most dots first
