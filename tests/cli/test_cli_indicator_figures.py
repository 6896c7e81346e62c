"""Indicator figures are checked, and an action's nulmeting follows its indicator's newest figure (tester: a word or an
impossible value was stored as a figure, and a new year's figure left the action's nulmeting at last year's).

Real `workshop indicatoren` runs on real session files, and the app's `g` dialog driven by its Pilot.
"""

from __future__ import annotations

import pytest

from tests.cli.runner import workshop
from tests.cli.test_cli_indicator_errors import kwaliteitsbeeld_session
from tests.tui.indicator_app import app_at_the_indicator_step
from tests.tui.keys import type_text
from workshop.tui.dialogs import IndicatorDialog
from workshop.workspace import Workspace


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Cliëntervaring;goed;8,4;2025;ODB", "'goed' in kolom 'wij' is geen getal"),
        ("Cliëntervaring;8,1;ongeveer 8;2025;ODB", "'ongeveer 8' in kolom 'vergelijking' is geen getal"),
        (
            "Tevreden medewerkers;104%;80%;2025;MTO",
            "104% in kolom 'wij' kan niet: een percentage ligt tussen 0% en 100%",
        ),
        ("Percentage met scholing;112;;2025;eigen", "112 in kolom 'wij' kan niet: een percentage"),
        ("Aantal valincidenten;-3;;2025;eigen", "-3 in kolom 'wij' kan niet: een aantal is 0 of meer"),
    ],
)
def test_a_csv_line_with_an_impossible_figure_is_refused_with_its_file_and_line(tmp_path, line, said):
    session = kwaliteitsbeeld_session(tmp_path)
    path = tmp_path / "cijfers.csv"
    path.write_text(f"indicator;wij;vergelijking;jaar;bron\nNPS;-12;38;2025;ODB\n{line}\n", encoding="utf-8")
    result = workshop("indicatoren", session, str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{path}:3: indicator '{line.split(';')[0]}': {said}" in result.stderr
    assert Workspace(tmp_path).read_session(session).indicators == ()  # all or nothing: the good line waits too


def test_a_typed_row_names_itself_and_a_negative_score_is_a_figure(tmp_path):
    session = kwaliteitsbeeld_session(tmp_path)
    result = workshop(
        "indicatoren", session, "--rij", "NPS;-12;38;2025;ODB", "--rij", "Cliëntervaring;hoog", cwd=tmp_path
    )
    assert result.returncode == 1
    assert (
        "--rij 'Cliëntervaring;hoog': indicator 'Cliëntervaring': 'hoog' in kolom 'wij' is geen getal" in result.stderr
    )
    done = workshop("indicatoren", session, "--rij", "NPS;-12;38;2025;ODB", cwd=tmp_path, env={"WORKSHOP_LANG": None})
    assert done.returncode == 0 and "| i1 | NPS | -12 | 38 | 2025 | ODB |" in done.stdout
    english = workshop("--lang", "en", "indicatoren", session, "--rij", "Aantal vallen;-1", cwd=tmp_path)
    assert "-1 in column 'wij' is impossible: a count is 0 or more" in english.stderr


def test_a_new_years_figure_becomes_the_nulmeting_of_the_action_it_measures(tmp_path):
    session = kwaliteitsbeeld_session(tmp_path, actions=2)
    assert workshop("indicatoren", session, "--rij", "Cliëntervaring;7,9;8,3;2024;ODB", cwd=tmp_path).returncode == 0
    linked = workshop("indicatoren", session, "--koppel", "a1=i1", cwd=tmp_path)
    assert "nulmeting 7,9 (2024, ODB; vergelijking 8,3)" in linked.stdout
    # a2's group wrote its own nulmeting: theirs stays whatever the rows say.
    service = Workspace(tmp_path).open_session(session)
    service.update_action("a2", indicator_id="i1", baseline="8 van 10 (eigen telling)")
    service.release()

    newer = workshop("indicatoren", session, "--rij", "Cliëntervaring;8,1;8,4;2025;ODB", cwd=tmp_path)
    assert newer.returncode == 0, newer.stderr
    assert "Actie a1 volgt het nieuwe cijfer van Cliëntervaring (i2): nulmeting 8,1 (2025, ODB; vergelijking 8,4)" in (
        newer.stdout
    )
    actions = {a.id: a for a in Workspace(tmp_path).read_session(session).actions}
    assert (actions["a1"].indicator_id, actions["a1"].baseline) == ("i2", "8,1 (2025, ODB; vergelijking 8,4)")
    assert (actions["a2"].indicator_id, actions["a2"].baseline) == ("i2", "8 van 10 (eigen telling)")
    assert "a2 volgt" not in newer.stdout

    # Linking to last year's row on purpose still starts from where the team stands now, and says so.
    again = workshop("indicatoren", session, "--koppel", "a1=i1", cwd=tmp_path)
    assert "nulmeting 8,1 (2025, ODB; vergelijking 8,4)" in again.stdout
    assert "De nulmeting komt uit i2: het nieuwste jaar van deze indicator (2025), niet uit i1." in again.stdout

    # A corrected figure of the same year (the file read again) is the nulmeting too.
    fixed = workshop("indicatoren", session, "--rij", "Cliëntervaring;8,0;8,4;2025;ODB", cwd=tmp_path)
    assert "nulmeting 8,0 (2025, ODB; vergelijking 8,4)" in fixed.stdout
    assert Workspace(tmp_path).read_session(session).actions[0].baseline == "8,0 (2025, ODB; vergelijking 8,4)"


async def test_the_g_dialog_refuses_a_figure_that_is_no_number_and_keeps_what_was_typed(tmp_path, clock):
    app = app_at_the_indicator_step(tmp_path, kwaliteitsbeeld_session(tmp_path), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await type_text(pilot, "Tevreden medewerkers")
        await pilot.press("enter")
        await type_text(pilot, "120%")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorDialog)
        error = str(app.screen.query_one("#error").render())
        assert "120% in kolom 'wij' kan niet: een percentage ligt tussen 0% en 100%" in " ".join(error.split())
        assert app.service.state.indicators == ()
        await pilot.press("escape")
        await pilot.pause()
