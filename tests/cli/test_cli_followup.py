"""`workshop export` with the team's plan, terugkoppeling and lessons; `workshop purge`; as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import workshop
from tests.conftest import FakeClock
from workshop.core.plan import plan_id, short_prefix
from workshop.workspace import Workspace

CREATED = FakeClock()().isoformat()


def make_session(tmp_path: Path, script: str = "visie-leren-ontwikkelen") -> str:
    """Store a session with one action and one flagged card in `tmp_path`; returns its id."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(workspace.find_script(script), team="Team De Linde", clock=FakeClock())
    steps = service.state.script.steps
    service.go_to(next(s.id for s in steps if s.kind == "collect" and not s.categories))
    phone = service.join(nickname="Sanne")
    service.add_contribution("Meneer Bakker belt steeds 06-12345678", author=phone.id)
    service.go_to(next(s.id for s in steps if s.kind == "actions"))
    service.add_action(
        "Plan vaste leertijd in het rooster", owner="teamleider", due="2026-12-15", why="signaal uit het teamoverleg"
    )
    session_id = service.state.meta.id
    service.release()
    return session_id


def test_export_writes_the_summary_and_merges_the_team_plan(tmp_path):
    session_id = make_session(tmp_path)
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    assert f"PDCA-plan bijgewerkt: {plan} (1 nieuwe actie)" in result.stdout
    assert plan_id(short_prefix("Team De Linde", CREATED), "a1") in plan.read_text(encoding="utf-8")
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    assert "Bakker" not in summary and "12345678" not in summary
    again = workshop("export", session_id, "--lang", "en", cwd=tmp_path)
    assert f"PDCA plan already up to date: {plan}" in again.stdout


def test_export_with_terugkoppeling_and_lessen(tmp_path):
    session_id = make_session(tmp_path)
    result = workshop("export", session_id, "--terugkoppeling", "--lessen", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    overview = tmp_path / "exports" / f"{session_id}-terugkoppeling.md"
    shared = tmp_path / "exports" / f"{session_id}-lessen.md"
    assert f"Terugkoppelingsoverzicht geschreven: {overview}" in result.stdout
    assert f"Lessen voor het lerend netwerk geschreven: {shared}" in result.stdout
    assert "| signaal uit het teamoverleg | Plan vaste leertijd in het rooster |" in overview.read_text("utf-8")
    lesson_text = shared.read_text("utf-8")
    assert "Plan vaste leertijd in het rooster" in lesson_text
    for secret in ("Linde", "Sanne", "Bakker", "12345678"):
        assert secret not in lesson_text


def test_a_broken_plan_is_reported_with_its_line_and_left_alone(tmp_path):
    session_id = make_session(tmp_path)
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    plan.parent.mkdir()
    broken = "# Plan\n\n## Do\n\n| Nr | Wat |\n| --- | --- |\n| 1 | iets |\n"
    plan.write_text(broken, encoding="utf-8")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{plan}:5: de tabel in 'Do' heeft geen kolom 'ID'" in result.stderr
    assert "Het plan is niet veranderd." in result.stderr
    assert plan.read_text(encoding="utf-8") == broken
    assert (tmp_path / "exports" / f"{session_id}.md").exists()  # the summary itself was written


def test_new_session_with_a_review_step_loads_the_open_actions(tmp_path):
    session_id = make_session(tmp_path)
    workshop("export", session_id, cwd=tmp_path)
    result = workshop("new", "kwaliteitsbeeld-retrospectief", "--team", "Team De Linde", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Klaar voor de terugblik: de acties uit" in result.stdout
    assert ".md die open zijn of klaar zonder besluit (1)." in result.stdout
    (new,) = [p for p in (tmp_path / "sessions").glob("*kwaliteitsbeeld*.json")]
    state = Workspace(tmp_path).read_session(new.stem)
    assert [r.plan_id for r in state.reviews] == [plan_id(short_prefix("Team De Linde", CREATED), "a1")]


def test_new_session_with_a_broken_plan_is_refused_or_starts_when_asked_and_says_why_the_actions_are_missing(
    tmp_path,
):
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    plan.parent.mkdir()
    plan.write_text("## Do\n\n| ID | Wat |\n| --- | --- |\n| x | a |\n| x | b |\n", encoding="utf-8")
    refused = workshop("new", "kwaliteitsbeeld-retrospectief", "--team", "Team De Linde", cwd=tmp_path)
    assert refused.returncode == 1 and "Sessie gestart" not in refused.stdout
    assert f"{plan}:6: id 'x' staat twee keer" in refused.stderr and "--zonder-terugblik" in refused.stderr
    # Asked for: the session starts without the open actions, and says why they are missing.
    result = workshop(
        "new", "kwaliteitsbeeld-retrospectief", "--team", "Team De Linde", "--zonder-terugblik", cwd=tmp_path
    )
    assert result.returncode == 0 and "Sessie gestart" in result.stdout
    assert f"let op: de open acties zijn niet geladen: {plan}:6: id 'x' staat twee keer" in result.stderr


# ----- purge ---------------------------------------------------------------------------------------------


def files_of(tmp_path: Path, session_id: str) -> list[str]:
    return sorted(p.name for p in (tmp_path / "sessions").iterdir() if p.name.startswith(session_id))


def test_purge_asks_first_and_suggests_an_export(tmp_path):
    session_id = make_session(tmp_path)
    before = files_of(tmp_path, session_id)
    assert f"{session_id}.json" in before and f"{session_id}.json.bak" in before
    no = workshop("purge", session_id, cwd=tmp_path, stdin="nee\n")
    assert no.returncode == 1 and "Niets verwijderd." in no.stdout
    assert f"er is nog geen export van {session_id}. Maak die eerst met: workshop export {session_id}" in no.stderr
    assert files_of(tmp_path, session_id) == before
    nobody = workshop("purge", session_id, cwd=tmp_path)  # stdin closed: never delete without a yes
    assert nobody.returncode == 1 and files_of(tmp_path, session_id) == before
    workshop("export", session_id, cwd=tmp_path)
    yes = workshop("purge", session_id, cwd=tmp_path, stdin="ja\n")
    assert yes.returncode == 0, yes.stderr
    assert "Verwijderd:" in yes.stdout and "geen export" not in yes.stderr
    assert files_of(tmp_path, session_id) == []
    assert not (tmp_path / "exports" / f"{session_id}.md").exists()  # the session's own exports go (issue 11)
    assert (tmp_path / "exports" / "pdca-team-de-linde.md").exists()  # the team's plan stays
    assert "Nog geen sessies" in workshop("sessions", cwd=tmp_path).stdout


def test_purge_with_yes_does_not_ask(tmp_path):
    session_id = make_session(tmp_path)
    result = workshop("purge", session_id, "--yes", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0 and "Deleted:" in result.stdout
    assert "has not been exported yet" in result.stderr
    assert files_of(tmp_path, session_id) == []


def test_purge_refuses_a_session_that_is_open_elsewhere(tmp_path):
    session_id = make_session(tmp_path)
    service = Workspace(tmp_path).open_session(session_id)  # this test process holds the lock
    try:
        result = workshop("purge", session_id, "--yes", cwd=tmp_path)
        assert result.returncode == 1 and "al geopend in een ander programma" in result.stderr
        assert f"{session_id}.json" in files_of(tmp_path, session_id)
    finally:
        service.release()


def test_purge_of_an_unknown_session(tmp_path):
    result = workshop("purge", "nergens", "--yes", cwd=tmp_path)
    assert result.returncode == 1 and "niet gevonden" in result.stderr


@pytest.mark.parametrize("args", [["purge"]])
def test_purge_usage_error(tmp_path, args):
    assert workshop(*args, cwd=tmp_path).returncode == 2


def test_an_action_whose_fase_alone_moved_counts_as_updated(tmp_path):
    """User trial: after a review that only moved an action's Fase (the plan said klaar already, Fase still P),
    `workshop export` said "bijgewerkt: 0" while it had changed the plan. The Fase counts as an update."""
    first = make_session(tmp_path)
    assert workshop("export", first, cwd=tmp_path).returncode == 0
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    text = plan.read_text(encoding="utf-8")
    assert text.count("| P | gepland |") == 1
    plan.write_text(text.replace("| P | gepland |", "| P | klaar |"), encoding="utf-8")  # by hand, Fase left
    workspace = Workspace(tmp_path)
    second = workspace.new_session(
        workspace.find_script("kwaliteitsbeeld-retrospectief"), team="Team De Linde", clock=FakeClock()
    )
    second.go_to(next(s.id for s in second.state.script.steps if s.kind == "review"))
    [item] = second.load_review_actions(workspace.open_actions("Team De Linde"))
    second.review_action(item.key, status="klaar")  # as the plan says: no cell but the Fase changes
    second_id = second.state.meta.id
    second.release()
    result = workshop("export", second_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"PDCA-plan bijgewerkt: {plan} (1 actie bijgewerkt)" in result.stdout
    assert "| C | klaar |" in plan.read_text(encoding="utf-8")
