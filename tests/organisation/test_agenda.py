"""`workshop agenda` and its .ics file on a realistic organisation; the file is read back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from tests.organisation.orgworkspace import TODAY, Org
from workshop.cli import main as cli
from workshop.core.agenda import add_months, borgcheck, checks_this_week, entries
from workshop.core.calendar_file import calendar_text, fold
from workshop.core.plan import plan_rows, plan_team, read_date
from workshop.organisation import plan_groups, read_plans, workspace_sources


def groups(org: Org, team: str | None = None):
    return plan_groups(read_plans(workspace_sources(org.workspace).plans), team)


def test_agenda_lists_what_the_plans_say_in_the_window(org: Org):
    found = entries(groups(org), today=TODAY, days=30)
    end = TODAY + timedelta(days=30)
    checks = {(e.team, e.row.id, e.day) for e in found if e.kind == "checkmoment"}
    expected = set()
    for path in org.workspace.exports_dir.glob("pdca-*.md"):
        text = path.read_text(encoding="utf-8")
        for row in plan_rows(text):
            day = read_date(row.check_date)
            to_check = row.is_open or (row.status_key == "klaar" and not row.act_decision)  # cycle not through
            if day and TODAY <= day <= end and to_check:
                expected.add((plan_team(text), row.id, day))
    assert checks == expected and len(checks) == 10
    late = [e for e in found if e.kind in ("te laat", "geen besluit")]
    assert late == sorted(late, key=lambda e: e.day) and all(e.day < TODAY for e in late)
    # Late first (open and past its date, or klaar without a decision past its check date), then by day; carried
    # over twice (without a date in the window) last.
    kinds = [e.kind for e in found]
    assert set(kinds[: len(late)]) <= {"te laat", "geen besluit"} and kinds[-1] == "doorgeschoven"
    undecided = set()
    for path in org.workspace.exports_dir.glob("pdca-*.md"):
        text = path.read_text(encoding="utf-8")
        for row in plan_rows(text):
            day = read_date(row.check_date)
            if row.status_key == "klaar" and not row.act_decision and day and day < TODAY:
                undecided.add((plan_team(text), row.id, day))
    assert {(e.team, e.row.id, e.day) for e in late if e.kind == "geen besluit"} == undecided


def test_agenda_of_one_team_and_borgchecks_after_borgen(org: Org):
    found = entries(groups(org, "team de linde"), today=TODAY, days=30)
    assert {e.team for e in found} == {"Team De Linde"}
    rows = plan_rows(org.plan("Team De Linde").read_text(encoding="utf-8"))
    kept = [r for r in rows if r.act_decision == "borgen"]
    assert kept and all(borgcheck(r) == add_months(read_date(r.check_date), 3) for r in kept)
    # DL-2603-a2 was kept ("borgen") with check date 07-06-2026: look again on 07-09-2026. A year's agenda has it.
    year = entries(groups(org, "Team De Linde"), today=date(2026, 6, 1), days=365)
    assert any(e.kind == "borgcheck" and e.row.id == "DL-2603-a2" and e.day == date(2026, 9, 7) for e in year)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    with pytest.raises(Exception, match="Team X"):
        groups(org, "Team X")


def test_ics_parses_with_a_calendar_library_and_its_dates_match_the_plans(org: Org, capsys):
    assert cli(["--workspace", str(org.root), "agenda", "--op", TODAY.isoformat(), "--dagen", "60", "--ics"]) == 0
    out = capsys.readouterr().out
    assert "Agendabestand geschreven" in out and "Te laat" in out
    raw = (org.root / "exports" / "agenda.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    found = entries(groups(org), today=TODAY, days=None)  # the file holds every coming date, not only --dagen
    wanted = {(e.row.id, e.day) for e in found if e.kind in ("checkmoment", "borgcheck")}
    assert len(events) == len(wanted) > 10
    got = set()
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)  # all day: DATE values, not date-times
        plan_id = str(event.get("DESCRIPTION")).split(": ", 1)[1].split(" ", 1)[0]
        got.add((plan_id, start))
        assert "Indicator:" in str(event.get("DESCRIPTION"))
        assert isinstance(event.decoded("DTSTAMP"), datetime) and event.get("UID")
    assert got == wanted
    # Outlook's needs: CRLF only, lines of at most 75 octets, unique UIDs, METHOD and VERSION.
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert len({str(e.get("UID")) for e in events}) == len(events)
    assert calendar.get("VERSION") == "2.0" and calendar.get("METHOD") == "PUBLISH"


def test_ics_holds_every_coming_check_date_not_only_the_on_screen_window(org: Org, capsys):
    # A calendar file is imported once: a check 40 days ahead must be in it with the default --dagen 30, while the
    # agenda on screen keeps to its window; the output says what the file holds.
    assert cli(["--workspace", str(org.root), "agenda", "--op", TODAY.isoformat(), "--ics"]) == 0
    out = capsys.readouterr().out
    events = list(icalendar.Calendar.from_ical((org.root / "exports" / "agenda.ics").read_bytes()).walk("VEVENT"))
    starts = {event.decoded("DTSTART") for event in events}
    later = {e.day for e in entries(groups(org), today=TODAY, days=None) if e.kind in ("checkmoment", "borgcheck")}
    beyond = {d for d in later if d > TODAY + timedelta(days=30)}
    assert beyond and beyond <= starts and starts == later
    screen = out.split("Agendabestand geschreven")[0]
    assert all(f"{d:%d-%m-%Y}" not in screen for d in beyond)
    assert f"alle {len(events)} komende checkmoment(en), ook die na de 30 dagen hierboven" in out
    assert f"de laatste op {max(later):%d-%m-%Y}" in out


def test_uids_stay_the_same_so_a_new_import_updates_events(org: Org):
    found = entries(groups(org), today=TODAY, days=30)
    first = calendar_text(found, stamp=datetime(2026, 11, 23, 9, tzinfo=UTC))
    later = calendar_text(found, stamp=datetime(2026, 11, 30, 9, tzinfo=UTC))

    def uids(text: str) -> list[str]:
        return [str(e.get("UID")) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]

    assert uids(first) == uids(later) and first != later


def test_folding_never_splits_a_character_and_text_is_escaped():
    line = "DESCRIPTION:" + "één cliënt; ouders, naasten\\ " * 10
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
    text = calendar_text([], stamp=datetime(2026, 11, 23, tzinfo=UTC), name="Zorggroep Oost, locatie; west")
    assert "X-WR-CALNAME:Zorggroep Oost\\, locatie\\; west\r\n" in text


def test_the_calendar_is_redacted(org: Org):
    path = org.plan("Team De Linde")
    text = path.read_text(encoding="utf-8")
    row = "| DL-2609-a1 | Geef elke mantelzorger één vaste contactpersoon"
    path.write_text(text.replace(row, "| DL-2609-a1 | Bel dhr. Pietersen, 06-87654321"), encoding="utf-8")
    ics = calendar_text(entries(groups(org), today=TODAY, days=30), stamp=datetime(2026, 11, 23, tzinfo=UTC))
    unfolded = ics.replace("\r\n ", "")
    assert "Pietersen" not in unfolded and "87654321" not in unfolded and "[verwijderd: naam]" in unfolded


def test_checks_this_week_for_the_home_screen(org: Org):
    # Monday 30-11-2026: WN-2609-a1 (30-11), A3-2609-a1 (01-12), R-2609-a1 (02-12) are to check this week.
    assert checks_this_week(groups(org), date(2026, 11, 30)) == 3
    # On Sunday 29-11 the week has one day left: DE-2609-a1 on 29-11.
    assert checks_this_week(groups(org), date(2026, 11, 29)) == 1


def test_bad_input_is_refused_with_a_clear_message(org: Org, capsys):
    assert cli(["--workspace", str(org.root), "agenda", "--dagen", "veel"]) == 1
    assert "--dagen moet een heel aantal dagen zijn" in capsys.readouterr().err
    assert cli(["--workspace", str(org.root), "agenda", "--op", "23-11-2026"]) == 1
    assert "geen datum" in capsys.readouterr().err
    assert cli(["--workspace", str(org.root), "agenda", "--team", "Team Onbekend"]) == 1
    assert "Team De Linde" in capsys.readouterr().err


def test_a_teams_calendar_gets_its_own_file_and_leaves_the_organisations_alone(org: Org, capsys):
    # `--team` writes that team's calendar to agenda-<team>.ics; exports/agenda.ics (every team) stays as it was.
    assert cli(["--workspace", str(org.root), "agenda", "--op", TODAY.isoformat(), "--ics"]) == 0
    everyone = (org.root / "exports" / "agenda.ics").read_bytes()
    capsys.readouterr()
    assert cli(["--workspace", str(org.root), "agenda", "--team", "team de linde", "--ics"]) == 0
    own = org.root / "exports" / "agenda-team-de-linde.ics"
    assert str(own) in capsys.readouterr().out
    assert (org.root / "exports" / "agenda.ics").read_bytes() == everyone
    events = list(icalendar.Calendar.from_ical(own.read_bytes()).walk("VEVENT"))
    assert events and all("Team De Linde" in str(e.get("SUMMARY")) for e in events)
