"""Retention (issue 11, AVG): `workshop purge` removes the session's own exports after saying which, the team's plan
stays; `workshop sessions` reminds of sessions past the retention term; the rules in core.retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.runner import workshop
from tests.cli.test_cli_followup import make_session
from tests.conftest import FakeClock
from workshop.core.retention import DEFAULT_RETENTION_DAYS, export_names, past_retention, retention_days
from workshop.workspace import Workspace


def test_the_files_of_a_session_are_its_own_and_not_those_of_a_later_session_or_the_plan():
    names = export_names("2026-11-01-team-x-script")
    assert "2026-11-01-team-x-script.md" in names and "2026-11-01-team-x-script-lessen.md" in names
    assert "2026-11-01-team-x-script-qr.svg" in names and "2026-11-01-team-x-script-antwoordblad.pdf" in names
    assert "2026-11-01-team-x-script-2.md" not in names  # the second session of that day is another one
    assert not any(name.startswith("pdca-") for name in names)


def test_past_retention_counts_whole_days_and_sorts_oldest_first():
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    created = [
        ("new", (now - timedelta(days=10)).isoformat()),
        ("edge", (now - timedelta(days=90)).isoformat()),
        ("older", (now - timedelta(days=91)).isoformat()),
        ("oldest", (now - timedelta(days=400)).isoformat()),
    ]
    assert past_retention(created, now) == ["oldest", "older"]
    assert past_retention(created, now, days=5) == ["oldest", "older", "edge", "new"]


@pytest.mark.parametrize("setting, days", [(None, DEFAULT_RETENTION_DAYS), ("", DEFAULT_RETENTION_DAYS), ("30", 30)])
def test_retention_days_from_a_setting(setting, days):
    assert retention_days(setting) == days


@pytest.mark.parametrize("setting", ["0", "-4", "drie", "1.5"])
def test_a_bad_retention_setting_is_refused(setting):
    with pytest.raises(ValueError):
        retention_days(setting)


def test_purge_says_which_exports_go_and_keeps_the_team_plan(tmp_path: Path):
    session_id = make_session(tmp_path)
    assert workshop("export", session_id, "--terugkoppeling", "--lessen", cwd=tmp_path).returncode == 0
    exports = tmp_path / "exports"
    (exports / f"{session_id}-qr.svg").write_text("<svg/>", encoding="utf-8")  # as the session screen writes it
    own = sorted(p.name for p in exports.iterdir() if p.name.startswith(session_id))
    assert len(own) == 4 and (exports / "pdca-team-de-linde.md").exists()
    no = workshop("purge", session_id, cwd=tmp_path, stdin="nee\n")
    for name in own:
        assert name in no.stdout  # said before asking
    assert "PDCA-plan van het team blijft staan" in no.stdout
    assert sorted(p.name for p in exports.iterdir() if p.name.startswith(session_id)) == own  # nothing gone
    yes = workshop("purge", session_id, cwd=tmp_path, stdin="ja\n")
    assert yes.returncode == 0, yes.stderr
    assert not any(p.name.startswith(session_id) for p in exports.iterdir())
    assert (exports / "pdca-team-de-linde.md").exists()
    for name in own:
        assert name in yes.stdout.split("Verwijderd:")[1]


def test_sessions_reminds_of_sessions_past_the_retention_term(tmp_path: Path):
    workspace = Workspace(tmp_path)
    script = workspace.find_script("visie-leren-ontwikkelen")
    now = datetime.now(UTC)
    old = workspace.new_session(script, team="Team De Linde", clock=FakeClock(now - timedelta(days=200)))
    recent = workspace.new_session(script, team="Team De Linde", clock=FakeClock(now - timedelta(days=3)))
    session_id = old.state.meta.id
    old.release()
    recent.release()
    assert [i.id for i in workspace.sessions_past_retention(datetime.now(UTC))] == [session_id]
    assert workspace.sessions_past_retention(datetime.now(UTC), days=100_000) == []
    listed = workshop("sessions", cwd=tmp_path)
    assert f"Let op (AVG): 1 sessie(s) ouder dan 90 dagen: {session_id}." in listed.stdout
    assert "Exporteer en verwijder ze" in listed.stdout
    long_term = workshop("sessions", "--bewaartermijn", "100000", cwd=tmp_path)
    assert "Let op" not in long_term.stdout
    bad = workshop("sessions", "--bewaartermijn", "nul", cwd=tmp_path)
    assert bad.returncode == 2 and "heel aantal dagen" in bad.stdout
