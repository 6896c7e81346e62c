"""Every sentence of the overview is true for what was read: a folder of plans only, a look back with --op, and
"Nog niet teruggekoppeld" as its legend says. The real CLI on real files."""

from __future__ import annotations

import shutil

from tests.cli.runner import workshop
from tests.organisation.orgworkspace import TEAMS, TODAY, Org
from workshop.core.plan_document import PlanDocument
from workshop.core.plan_terms import plan_id


def overview(org: Org, *args: str) -> str:
    done = workshop("--workspace", str(org.root), "overzicht", "--stdout", *args, cwd=org.root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_folder_of_plans_only_says_that_no_session_files_were_found(org: Org, tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    for plan in (org.root / "exports").glob("pdca-*.md"):
        shutil.copy(plan, shared / plan.name)
    said = overview(org, str(shared), "--op", TODAY.isoformat())
    assert "0 sessie(s)" not in said
    assert "Nog geen stelling die een team twee keer scoorde" not in said
    assert "geen sessiebestanden gevonden" in said.split("\n")[2]
    assert (
        "Geen sessiebestanden gevonden: dit overzicht komt alleen uit de plannen. De plannen noemen 15 sessie(s)."
        in said
    )
    assert "zet de map exports/cijfers/ bij de plannen" in said and "sessions/" not in said
    assert "| Team De Linde | " in said and " | 0 (plan: 3) |" in said
    assert "Geen sessiebestanden gevonden: een trend vergelijkt de scores van twee sessies." in said
    assert "Geen sessiebestanden gevonden: scores per bouwsteen komen uit kwaliteitsbeeld-sessies." in said


def test_op_is_the_overview_as_it_was_on_that_day(org: Org):
    now = overview(org, "--op", TODAY.isoformat())
    assert "14-09-2026" in now  # the third cycle (September) is in today's overview
    then = overview(org, "--op", "2026-07-01")
    later: set[str] = set()
    for team in TEAMS:
        doc = PlanDocument(org.plan(team).read_text(encoding="utf-8"), "plan")
        september = {
            plan_id(prefix, a) for sid, (prefix, ids) in doc.memory.sessions.items() if sid > "2026-07-01" for a in ids
        }
        assert september  # every team's plan got actions from its September session
        later |= september
        rows = [r for r in doc.rows() if r.id not in september]
        opened, done = sum(1 for r in rows if r.is_open), sum(1 for r in rows if r.status_key == "klaar")
        assert f"| {team} | {opened} | {done} | " in then
    assert then.split("\n")[2].startswith("*Stand op 01-07-2026 · 5 team(s) · 10 sessie(s)")
    assert "Teruggekeken naar 01-07-2026: sessies van na die dag tellen niet mee" in then
    assert "Status, resultaat en besluit zijn wel zoals de plannen ze nu beschrijven" in then
    # Nothing of September: no session, no rating, no action the tool put in a plan from it.
    assert "-09-2026" not in then.split("## Leeswijzer")[0]
    assert not [i for i in later if f"- {i} " in then or f"| {i} |" in then]
    assert "## Bouwstenen naast elkaar\n\n*Geen kwaliteitsbeeld-sessie" in then  # those were held in September


def test_untold_counts_what_the_legend_says_and_asks_for_attention(tmp_path):
    folder = tmp_path / "plannen"
    folder.mkdir()
    (folder / "pdca-team-test.md").write_text(
        "# PDCA-verbeterplan — Team Test\n\n## Do\n\n"
        "| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        "| T-1 | Afspraken over zorgtaken vastleggen |  | teamleider | 01-03-2026 | A | klaar |\n"
        "| T-2 | Folder van het steunpunt geven |  | EVV'er | 01-03-2026 | A | klaar |\n\n## Check\n\n"
        "| ID | Checkmethode | Indicator | Checkdatum | Resultaat |\n| --- | --- | --- | --- | --- |\n"
        "| T-1 |  |  | 01-04-2026 | 8 van 10 dossiers |\n| T-2 |  |  | 01-04-2026 | 9 van 10 opnames |\n\n## Act\n\n"
        "| ID | Besluit | Terugkoppeling aan | Terugkoppeling wanneer | Terugkoppeling gedaan | Doorgeschoven |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| T-1 | borgen | cliëntenraad | 12-01-2027 |  | 0 |\n"  # planned: not told yet
        "| T-2 | borgen | cliëntenraad | 12-11-2026 |  | 0 |\n",  # named, on a day that has been: told
        encoding="utf-8",
    )
    done = workshop(
        "--workspace", str(tmp_path), "overzicht", str(folder), "--stdout", "--op", "2026-12-05", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "| Team Test | 0 | 2 | 0 | 0 | 1 | 0 |" in done.stdout
    attention = done.stdout.split("### Wat aandacht vraagt", 1)[1].split("\n## ", 1)[0]
    assert "T-1 Afspraken over zorgtaken vastleggen — nog niet teruggekoppeld" in attention
    assert "T-2" not in attention
    assert "de datum van de terugkoppeling is nog niet geweest" in done.stdout


def test_a_team_with_sessions_but_no_plan_is_listed_and_its_sessions_add_up(org: Org):
    """Trial: "1 team(s) · 8 sessie(s)" above a table of one team with 4 sessions; the other 4 were of teams that never
    exported, counted in the total and shown nowhere. Such a team is a row of its own, saying it has no plan yet."""
    from tests.conftest import SCRIPTS
    from workshop.core.script import load_script
    from workshop.workspace import Workspace

    before = overview(org, "--op", TODAY.isoformat())
    Workspace(org.root).new_session(load_script(SCRIPTS / "kort-teamoverleg.md"), team="Team Hof").release()
    said = overview(org)
    assert "| Team Hof | nog geen plan (geen sessie geëxporteerd) | | | | | 1 |" in said, said
    teams = len(TEAMS)
    assert f" · {teams} team(s) · " in before.split("\n")[2]
    assert f" · {teams + 1} team(s) · " in said.split("\n")[2]
