"""Indicators with a baseline on a realistic organisation: a CSV imported by column name into a real session, an
action linked to a row, the plan's Nulmeting/Doel, and the next review showing nulmeting → resultaat."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.organisation.orgworkspace import ORG, Org
from workshop.cli import main as cli
from workshop.core.errors import DomainError, LocatedError
from workshop.core.indicators import baseline_of, decode_csv, read_indicator_csv
from workshop.core.plan import plan_rows

TEAM = "Team De Linde"
# As Excel writes it in Dutch: semicolons, decimal commas, Windows-1252, columns in its own order and one extra.
ODB_CSV = (
    "Bron;Indicator;Jaar;Wij;Regio (vergelijking);Opmerking\r\n"
    "ODB;Cliëntervaring (gemiddelde);2025;8,1;8,4;\r\n"
    "ODB;Aanbevelingsscore (NPS);2025;42;38;hoog\r\n"
    "\r\n"
    "Eigen meting;Valincidenten per maand;2025;6;;\r\n"
)


def odb_file(folder: Path, text: str = ODB_CSV, encoding: str = "cp1252") -> Path:
    path = folder / "odb-2025.csv"
    path.write_bytes(text.replace("Regio (vergelijking)", "Vergelijking").encode(encoding))
    return path


def new_session(org: Org, script: str, when: datetime) -> str:
    workspace = org.workspace
    service = workspace.new_session(workspace.find_script(script), team=TEAM, organisation=ORG, clock=FakeClock(when))
    session_id = service.state.meta.id
    service.release()
    return session_id


def test_a_csv_is_read_by_its_column_names_and_the_action_takes_its_baseline(org: Org, tmp_path, capsys):
    session = new_session(org, "kwaliteitsbeeld-retrospectief", datetime(2026, 12, 7, 13, 30, tzinfo=UTC))
    csv_path = odb_file(tmp_path)
    root = ["--workspace", str(org.root)]
    assert cli([*root, "indicatoren", session, str(csv_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "3 indicator(en) opgeslagen" in out and "| i1 | Cliëntervaring (gemiddelde) | 8,1 | 8,4 | 2025 | ODB |" in out
    )
    # Importing the corrected file again replaces rows (same indicator and year), it doubles nothing.
    odb_file(tmp_path, ODB_CSV.replace(";6;", ";5;"))
    assert cli([*root, "indicatoren", session, str(csv_path), "--rij", "Medewerkerstevredenheid;7,2;7,5;2025;MTO"]) == 0
    state = org.workspace.read_session(session)
    assert [(i.id, i.name, i.ours) for i in state.indicators] == [
        ("i1", "Cliëntervaring (gemiddelde)", "8,1"),
        ("i2", "Aanbevelingsscore (NPS)", "42"),
        ("i3", "Valincidenten per maand", "5"),
        ("i4", "Medewerkerstevredenheid", "7,2"),
    ]
    assert all(i.step_id == "vergelijken-met-het-odb" for i in state.indicators)

    # An action agreed in the session points to a row: its indicator and nulmeting come from that row.
    service = org.workspace.open_session(session)
    service.go_to("acties")
    service.add_action(
        "Elke cliënt een vast aanspreekpunt",
        owner="teamleider",
        due="2027-02-01",
        check_date="2027-03-01",
        check_method="kwantitatieve indicator",
    )
    service.release()
    assert cli([*root, "indicatoren", session, "--koppel", "a1=i1", "--doel", "8,4"]) == 0
    assert "nulmeting 8,1 (2025, ODB; vergelijking 8,4) · doel 8,4" in capsys.readouterr().out
    assert cli([*root, "indicatoren", session, "--koppel", "a1"]) == 2
    assert cli([*root, "indicatoren", session, "--koppel", "a1=i9"]) == 1
    assert "indicator 'i9'" in capsys.readouterr().err
    service = org.workspace.open_session(session)
    service.close_session()
    service.release()

    # The export writes the summary's indicator table and the plan's Nulmeting and Doel (columns added).
    assert cli([*root, "export", session]) == 0
    summary = org.workspace.summary_path(session).read_text(encoding="utf-8")
    assert "| i1 | Cliëntervaring (gemiddelde) | 8,1 | 8,4 | 2025 | ODB |" in summary
    plan = org.plan(TEAM).read_text(encoding="utf-8")
    row = next(r for r in plan_rows(plan) if r.what == "Elke cliënt een vast aanspreekpunt")
    assert (row.indicator, row.baseline, row.target) == (
        "Cliëntervaring (gemiddelde)",
        baseline_of(org.workspace.read_session(session).indicators[0]),
        "8,4",
    )

    # The next cycle's review loads baseline and target, and the summary shows nulmeting → resultaat.
    review = new_session(org, "kort-teamoverleg", datetime(2027, 3, 8, 13, 30, tzinfo=UTC))
    service = org.workspace.open_session(review)
    org.workspace.load_open_actions(service)
    item = next(r for r in service.state.reviews if r.plan_id == row.id)
    assert (item.baseline, item.target) == (row.baseline, "8,4")
    service.review_action(item.key, status="klaar", result="8,3")
    service.close_session()
    service.release()
    assert cli([*root, "export", review]) == 0
    text = org.workspace.summary_path(review).read_text(encoding="utf-8")
    assert "8,1 (2025, ODB; vergelijking 8,4) → 8,3 (doel 8,4)" in text


def test_the_calendar_says_where_an_action_starts(org: Org, tmp_path, capsys):
    """The .ics description names nulmeting and doel of an action linked to an indicator (written to the plan)."""
    import icalendar

    session = new_session(org, "kwaliteitsbeeld-retrospectief", datetime(2026, 12, 7, 13, 30, tzinfo=UTC))
    root = ["--workspace", str(org.root)]
    assert cli([*root, "indicatoren", session, "--rij", "Cliëntervaring;8,1;8,4;2025;ODB"]) == 0
    service = org.workspace.open_session(session)
    service.add_action(
        "Vast aanspreekpunt",
        owner="teamleider",
        due="2026-12-14",
        check_date="2026-12-21",
        indicator_id="i1",
        target="8,4",
    )
    service.close_session()
    service.release()
    assert cli([*root, "export", session]) == 0
    ics = tmp_path / "mijn-agenda.ics"
    assert cli([*root, "agenda", "--team", TEAM, "--op", "2026-12-14", "--dagen", "14", "--ics", str(ics)]) == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if "Vast aanspreekpunt" in str(e["SUMMARY"]))
    assert event["DTSTART"].dt.isoformat() == "2026-12-21"
    assert "Nulmeting: 8,1 (2025, ODB; vergelijking 8,4) · doel: 8,4" in str(event["DESCRIPTION"])


def test_a_csv_that_cannot_be_read_without_guessing_is_refused_naming_file_and_line(tmp_path):
    path = "odb.csv"
    with pytest.raises(DomainError) as err:
        read_indicator_csv("Naam van de meting;Score 2025\n8,1;8,4\n", path)
    assert err.value.code == "indicator.csv_no_header"
    with pytest.raises(DomainError) as err:
        read_indicator_csv("Indicator;Vergelijking;Jaar\nCliëntervaring;8,4;2025\n", path)
    assert "odb.csv:1: de kolom 'wij' ontbreekt" in str(err.value) and "'Vergelijking'" in str(err.value)
    with pytest.raises(DomainError) as err:
        read_indicator_csv("Indicator;Wij;Ons cijfer\nA;1;2\n", path)
    assert "twee kolommen voor 'wij': 'Wij' en 'Ons cijfer'" in str(err.value)
    # 8,1 unquoted in a comma file: one cell too many on line 3, never shifted into the next column.
    with pytest.raises(LocatedError) as located:
        read_indicator_csv("indicator,wij,jaar\nNPS,42,2025\nCliëntervaring,8,1,2025\n", path)
    assert str(located.value).startswith("odb.csv:3: deze regel heeft 4 cellen")
    with pytest.raises(LocatedError) as located:
        read_indicator_csv("indicator;wij\nNPS;42\n\n;8,1\n", path)
    assert str(located.value).startswith("odb.csv:4: een indicator heeft een naam nodig")
    with pytest.raises(LocatedError) as located:
        read_indicator_csv("indicator;wij\nNPS;\n", path)
    assert str(located.value) == "odb.csv:2: indicator 'NPS': vul ons eigen cijfer in (kolom 'wij')"
    # A quoted cell with a line break: the error names the line its row starts on; a header after blank lines too.
    with pytest.raises(LocatedError) as located:
        read_indicator_csv('\n\nindicator;wij\n"Cliënt-\nervaring";8,1\n;7\n', path)
    assert str(located.value).startswith("odb.csv:6: een indicator heeft een naam nodig")
    with pytest.raises(DomainError) as err:
        read_indicator_csv("\n\nindicator;jaar\nA;2025\n", path)
    assert "odb.csv:3: de kolom 'wij' ontbreekt" in str(err.value)
    assert read_indicator_csv('indicator;wij\n"Cliënt-\nervaring";8,1\n', path) == [
        (2, {"name": "Cliënt-\nervaring", "ours": "8,1"})
    ]
    with pytest.raises(DomainError, match="xlsx"):
        decode_csv(b"PK\x03\x04\x00\x00binary", path)
    assert decode_csv("\ufeffindicator;wij\nA;1\n".encode(), path).startswith("indicator")


def test_indicators_need_a_step_for_them_and_an_open_session(org: Org, tmp_path, capsys):
    session = new_session(org, "kort-teamoverleg", datetime(2026, 12, 7, 13, 30, tzinfo=UTC))
    assert cli(["--workspace", str(org.root), "indicatoren", session, str(odb_file(tmp_path))]) == 1
    assert "geen stap voor indicatoren" in capsys.readouterr().err
    closed = org.sessions[(2, 0)]
    assert cli(["--workspace", str(org.root), "indicatoren", closed, "--rij", "NPS;42"]) == 1
    assert org.workspace.read_session(closed).indicators == ()
