"""What `workshop overzicht` and `workshop agenda` say and where the overview goes (testers: the agenda exited 0 with a
plan it could not read; `overzicht MAP` wrote into the workspace's exports/ over its own overview, and an old
overzicht.pdf stayed beside a new overview; `--lang en` was silently ignored). Real files in temporary folders, the
real command."""

from __future__ import annotations

import shutil

import pytest

from tests.cli.runner import workshop
from tests.cli.test_cli_review_across_teams import across_teams_workspace

BROKEN = "# PDCA-verbeterplan — Team Kapot\n\n## Do\n\n+----+-----+\n| ID | Wat |\n+----+-----+\n"


@pytest.fixture
def teams(tmp_path):
    """A workspace with two teams' plans and sessions, and a third plan back from Word that cannot be read."""
    root = tmp_path / "ws"
    workspace = across_teams_workspace(root)
    (workspace.exports_dir / "pdca-kapot.md").write_text(BROKEN, encoding="utf-8")
    return workspace


def test_agenda_names_the_plan_it_cannot_read_lists_the_others_and_fails(teams):
    result = workshop("agenda", "--op", "2026-12-01", cwd=teams.root)
    assert result.returncode == 1
    assert "pdca-kapot.md:5: deze tabel in 'Do' heeft een vorm die workshop niet kan lezen" in result.stderr
    assert "(dit team staat niet in de agenda)" in result.stderr
    assert "1 plan(nen) niet te lezen" in result.stderr
    assert "Team De Linde · DL-" in result.stdout and "Team De Eik · DE-" in result.stdout  # what it could read
    # The broken team asked for by name: its plan's error, not "no plan for this team".
    own = workshop("agenda", "--team", "Team Kapot", cwd=teams.root)
    assert own.returncode == 1 and "pdca-kapot.md:5" in own.stderr and "geen plan gevonden" not in own.stderr
    # Another team's agenda is whole: the broken plan is not that team's.
    other = workshop("agenda", "--team", "Team De Eik", "--op", "2026-12-01", cwd=teams.root)
    assert other.returncode == 0 and "pdca-kapot" not in other.stderr


def test_overview_does_the_same_as_the_agenda_with_a_plan_it_cannot_read(teams):
    result = workshop("overzicht", cwd=teams.root)
    assert result.returncode == 1  # as the agenda: what it could read is written, and it says what it could not
    assert "pdca-kapot.md:5: deze tabel in 'Do'" in result.stderr and "1 bestand(en) niet te lezen" in result.stderr
    markdown = (teams.exports_dir / "overzicht.md").read_text(encoding="utf-8")
    assert "| Team Kapot | plan niet te lezen: zie onder |" in markdown and "| Team De Linde | 1 |" in markdown
    assert f"Overzicht geschreven: {teams.exports_dir / 'overzicht.md'}" in result.stdout


def test_the_overview_of_another_folder_is_named_after_it_and_never_replaces_the_workspaces_own(teams, tmp_path):
    shared = tmp_path / "Gedeelde plannen"
    shared.mkdir()
    for plan in teams.exports_dir.glob("pdca-team-*.md"):
        shutil.copy(plan, shared / plan.name)
    assert workshop("overzicht", cwd=teams.root).returncode == 1  # the workspace's own (with its broken plan)
    own = (teams.exports_dir / "overzicht.md").read_text(encoding="utf-8")
    result = workshop("overzicht", str(shared), cwd=teams.root)
    assert result.returncode == 0, result.stderr
    written = teams.exports_dir / "overzicht-gedeelde-plannen.md"
    assert f"Overzicht geschreven: {written}" in result.stdout
    assert f"Overzicht geschreven: {written.with_suffix('.html')}" in result.stdout
    assert "Team Kapot" not in written.read_text(encoding="utf-8")
    assert (teams.exports_dir / "overzicht.md").read_text(encoding="utf-8") == own


def test_outside_a_workspace_the_overview_goes_into_the_current_folder_and_says_so(teams, tmp_path):
    elsewhere = tmp_path / "bureau"
    elsewhere.mkdir()
    result = workshop("overzicht", str(teams.exports_dir), cwd=elsewhere)
    assert "Deze map is geen workspace" in result.stdout and "staat daarom in de huidige map" in result.stdout
    assert f"Overzicht geschreven: {elsewhere / 'overzicht-exports.md'}" in result.stdout
    assert sorted(p.name for p in elsewhere.iterdir()) == ["overzicht-exports.html", "overzicht-exports.md"]


def test_an_old_pdf_does_not_stay_beside_a_new_overview(teams):
    old = teams.exports_dir / "overzicht.pdf"
    old.write_bytes(b"%PDF-1.4 an overview of last month")
    result = workshop("overzicht", cwd=teams.root)
    assert not old.exists()
    assert f"Oude PDF verwijderd: {old} (van een eerder overzicht; maak een nieuwe met --pdf)" in result.stdout
    # A PDF that cannot be made this time does not leave the old one either.
    old.write_bytes(b"%PDF-1.4 an overview of last month")
    failed = workshop("overzicht", "--pdf", cwd=teams.root, env={"WORKSHOP_CHROMIUM": shutil.which("false") or ""})
    assert failed.returncode == 1 and not old.exists() and "Oude PDF verwijderd" in failed.stdout


def test_an_old_pdf_that_cannot_be_removed_is_called_stale(teams):
    """Something in the PDF's place that cannot be deleted (here a folder of that name; on Windows, a PDF open in a
    viewer): the overview is written, and the command says the PDF there is not this overview."""
    (teams.exports_dir / "overzicht.pdf").mkdir()
    result = workshop("overzicht", cwd=teams.root)
    assert f"{teams.exports_dir / 'overzicht.pdf'} is van een eerder overzicht en klopt niet meer" in result.stderr
    assert "verwijder hem of maak een nieuwe met --pdf" in result.stderr
    assert (teams.exports_dir / "overzicht.md").exists()


def test_lang_en_gives_english_messages_and_says_the_overview_itself_is_dutch(teams):
    result = workshop("--lang", "en", "overzicht", cwd=teams.root)
    assert f"Overview written: {teams.exports_dir / 'overzicht.md'}" in result.stdout
    assert "note: the overview is written in Dutch, like the plans it reads" in result.stderr
    assert "error: " in result.stderr and "this table in 'Do' has a form workshop cannot read" in result.stderr
    assert "1 file(s) could not be read" in result.stderr
    agenda = workshop("--lang", "en", "agenda", cwd=teams.root)
    assert "note: the agenda is written in Dutch" in agenda.stderr
    assert "(this team is not in the agenda)" in agenda.stderr
