"""Indicators in the console: in the step that asks for them, `g` (and the palette) opens a dialog for a row or a CSV
file, stored by the core's one rule; the rows stand on that step's board, also rows imported before opening."""

from __future__ import annotations

from tests.cli.runner import workshop
from tests.cli.test_cli_indicator_errors import kwaliteitsbeeld_session
from tests.tui.indicator_app import app_at_the_indicator_step
from tests.tui.keys import type_text
from tests.tui.screen_text import board_lines
from workshop.tui.dialogs import IndicatorDialog
from workshop.tui.widgets import Board

CSV = "indicator;wij;vergelijking;jaar;bron\nAanbevelingsscore (NPS);42;38;2025;ODB\nValincidenten;6;;2025;eigen\n"


def board_text(app) -> str:
    return " ".join(" ".join(board_lines(app, app.screen.query_one(Board))).split())


async def test_g_enters_a_row_and_reads_a_csv_and_the_board_shows_every_row(tmp_path, clock):
    session = kwaliteitsbeeld_session(tmp_path)
    # A row imported with the command line before the session is opened.
    assert workshop("indicatoren", session, "--rij", "Cliëntervaring;8,1;8,4;2025;ODB", cwd=tmp_path).returncode == 0
    csv_path = tmp_path / "odb.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    app = app_at_the_indicator_step(tmp_path, session, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Cliëntervaring: wij 8,1 · vergelijking 8,4 · 2025 · ODB" in board_text(app)
        assert app.screen.check_action("indicators", ())
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorDialog)
        await type_text(pilot, "Medewerkerstevredenheid")
        await pilot.press("enter")
        await type_text(pilot, "7,2")
        for _field in ("comparison", "year", "source"):  # to Bron
            await pilot.press("enter")
        await type_text(pilot, "MTO")
        await pilot.press("enter")
        await type_text(pilot, str(csv_path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IndicatorDialog)
        names = [(i.id, i.name, i.ours, i.source) for i in app.service.state.indicators]
        assert names == [
            ("i1", "Cliëntervaring", "8,1", "ODB"),
            ("i2", "Aanbevelingsscore (NPS)", "42", "ODB"),
            ("i3", "Valincidenten", "6", "eigen"),
            ("i4", "Medewerkerstevredenheid", "7,2", "MTO"),
        ]
        text = board_text(app)
        assert "Valincidenten: wij 6 · 2025 · eigen" in text and "Medewerkerstevredenheid: wij 7,2" in text
        # An empty dialog is refused with the core's reason, and the dialog stays open.
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorDialog)
        assert "naam" in str(app.screen.query_one("#error").render())
        await pilot.press("escape")
        await pilot.pause()
        # Elsewhere the key is not offered.
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.check_action("indicators", ())


async def test_the_palette_offers_indicators_in_dutch(tmp_path, clock):
    app = app_at_the_indicator_step(tmp_path, kwaliteitsbeeld_session(tmp_path), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "indicatoren")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorDialog)
