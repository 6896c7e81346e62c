"""What the kwaliteitsfunctionaris's trial found in `workshop agenda` and `workshop overzicht`: a check date without
a year left the action out in silence, a klaar action waiting for its decision vanished once its check date had
passed, a folder without plans gave an empty agenda and exit 0, and a team name with a small typo got no hint.
The real command line on hand-written plans in a folder of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.cli import main as cli

PLAN = """# PDCA-verbeterplan — Team De Linde

## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
| DL-1 | Leertijd in het rooster | leren | teamleider | 01-03-2027 | D | bezig |
| DL-2 | Intervisie starten | leren | praktijkopleider | 01-02-2027 | C | klaar |
| DL-3 | Scholing valpreventie | veiligheid | EVV'er | 01-05-2027 | D | bezig |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| DL-1 | teamoverleg | | 12 maart | |
| DL-2 | evaluatie | 4 van 5 sessies | 01-06-2026 | 5 sessies gehouden |
| DL-3 | audit | | 15-12-2026 | |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
"""
TODAY = "2026-12-05"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "gedeeld" / "plannen"
    folder.mkdir(parents=True)
    (folder / "pdca-team-de-linde.md").write_text(PLAN, encoding="utf-8")
    return folder


def test_a_check_date_without_a_year_is_named_with_its_line(plans: Path, tmp_path: Path, capsys) -> None:
    assert cli(["--workspace", str(tmp_path), "agenda", str(plans), "--op", TODAY, "--dagen", "30"]) == 0
    captured = capsys.readouterr()
    line = PLAN.splitlines().index(next(x for x in PLAN.splitlines() if x.startswith("| DL-1 | teamoverleg"))) + 1
    said = f"pdca-team-de-linde.md:{line}: '12 maart' lees ik niet als datum met een jaar, dus de agenda herinnert"
    assert said in captured.err and "10-01-2027" in captured.err  # where, what, and how to write it
    assert "DL-3" in captured.out  # a readable check date still in the agenda
    # DL-1 is late by its deadline only because its check date cannot be read: its own line says so.
    assert cli(["--workspace", str(tmp_path), "agenda", str(plans), "--op", "2027-03-05"]) == 0
    late = next(x for x in capsys.readouterr().out.splitlines() if "DL-1" in x)
    assert "sinds 01-03-2027 (deadline: de checkdatum is niet te lezen)" in late


def test_klaar_without_a_decision_stays_in_view_after_its_check_date(plans: Path, tmp_path: Path, capsys) -> None:
    assert cli(["--workspace", str(tmp_path), "agenda", str(plans), "--op", TODAY]) == 0
    out = capsys.readouterr().out
    late = out.split("Te laat", 1)[1].split("\n\n", 1)[0]
    assert "DL-2 Intervisie starten · klaar, nog geen besluit (checkdatum 01-06-2026)" in late
    assert cli(["--workspace", str(tmp_path), "overzicht", str(plans), "--op", TODAY, "--stdout"]) == 0
    overview = capsys.readouterr()
    assert "DL-2 Intervisie starten — klaar, nog geen besluit (checkdatum 01-06-2026)" in overview.out
    unread = overview.out.split("## Niet gelezen of niet duidelijk", 1)[1]
    assert "pdca-team-de-linde.md:15`: '12 maart' lees ik niet als datum met een jaar" in unread
    assert "'12 maart' lees ik niet als datum" in overview.err


def test_a_folder_without_plans_is_an_error_not_an_empty_agenda(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert cli(["--workspace", str(tmp_path), "agenda", str(empty)]) == 1
    assert f"geen plannen (pdca-*.md) gevonden in {empty}" in capsys.readouterr().err
    assert cli(["--workspace", str(tmp_path), "overzicht", str(empty)]) == 1
    assert "geen plannen (pdca-*.md) en geen sessies" in capsys.readouterr().err
    assert not (tmp_path / "exports").exists()


@pytest.mark.parametrize("typed", ["de linde", "Team De Lind", "team  de linden"])
def test_a_team_name_with_a_small_typo_gets_a_hint(plans: Path, tmp_path: Path, capsys, typed: str) -> None:
    assert cli(["--workspace", str(tmp_path), "agenda", str(plans), "--team", typed]) == 1
    err = capsys.readouterr().err
    assert f"geen plan gevonden voor team '{typed}' (bedoel je 'Team De Linde'?); plannen: Team De Linde" in err


def test_the_overview_names_files_from_the_folder_read_never_a_home_folder(plans: Path, tmp_path: Path, capsys) -> None:
    """Trial 2: the overview, a document people share, printed absolute paths ('/home/m.jansen/...') of the plans it
    could not read well. It names them from the folder read; the terminal (stderr) keeps the full path."""
    assert cli(["--workspace", str(tmp_path), "overzicht", str(plans), "--op", TODAY, "--stdout"]) == 0
    overview = capsys.readouterr()
    unread = overview.out.split("## Niet gelezen of niet duidelijk", 1)[1].split("##", 1)[0]
    assert "`pdca-team-de-linde.md:15`" in unread
    assert str(tmp_path) not in overview.out
    assert str(plans) in overview.err
