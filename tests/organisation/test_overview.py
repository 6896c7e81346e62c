"""`workshop overzicht` on a realistic organisation: 5 teams x 3 cycles, real exports, plans edited by hand."""

from __future__ import annotations

import re
import shutil
from datetime import date

from tests.organisation.orgworkspace import TEAMS, TODAY, Org
from workshop.cli import main as cli
from workshop.core.agenda import date_passed
from workshop.core.followup import needs_feedback
from workshop.core.overview import build_overview, cycle_of
from workshop.core.overview_html import overview_html
from workshop.core.overview_text import overview_markdown
from workshop.core.plan import plan_rows
from workshop.organisation import find_sources, read_plans, read_sessions, workspace_sources


def overview_of(org: Org, **kwargs):
    sources = workspace_sources(org.workspace)
    digests, problems = read_sessions(sources.sessions, workers=kwargs.pop("workers", 1))
    return build_overview(read_plans(sources.plans), digests, today=TODAY, problems=problems, **kwargs)


def test_per_team_figures_are_what_each_plan_says(org: Org):
    overview = overview_of(org)
    assert [f.team for f in overview.teams] == sorted(TEAMS, key=str.lower)
    for figures in overview.teams:
        rows = plan_rows(org.plan(figures.team).read_text(encoding="utf-8"))
        assert figures.open == sum(1 for r in rows if r.is_open)
        assert figures.done == sum(1 for r in rows if r.status_key == "klaar")
        assert figures.overdue == sum(1 for r in rows if date_passed(r, TODAY))
        assert figures.carried == sum(1 for r in rows if r.is_open and r.carried_over >= 2)
        assert figures.untold == sum(1 for r in rows if needs_feedback(r))
        assert figures.sessions == 3
    by_team = {f.team: f for f in overview.teams}
    # Hand edits are read as people meant them: De Eik's "Klaar ✅", De Linde's own row under a renamed column.
    assert by_team["Team De Eik"].done == 3
    linde = plan_rows(org.plan("Team De Linde").read_text(encoding="utf-8"))
    assert any(r.id == "eigen-1" and r.owner == "teamleider" and r.is_open for r in linde)
    assert by_team["Team De Linde"].open == 6  # eigen-1 ("Bezig, meting loopt") counts as open
    # Every team has late actions in November: the June actions' check dates passed.
    assert all(f.overdue >= 2 for f in overview.teams)
    assert by_team["Team De Eik"].carried == 1 and by_team["Afdeling 3B"].carried == 1


def test_trends_follow_the_same_statement_of_the_same_team(org: Org):
    overview = overview_of(org)
    trends = {(t.team, t.statement[:25]): t for t in overview.trends}
    # Statement 6 of the mantelzorg check went from 5 of 8 red to 2 of 8; statement 11 from 1 to 4.
    better = trends[("Team De Linde", "Afspraken tussen mantelzo")]
    assert [(p.red, p.on_scale) for p in better.points] == [(5, 8), (2, 8)] and better.direction == "↓"
    worse = trends[("Team De Eik", "Denken mantelzorger en me")]
    assert [(p.red, p.on_scale) for p in worse.points] == [(1, 8), (4, 8)] and worse.direction == "↑"
    same = trends[("Team De Linde", "Over samenwerken met mant")]
    assert same.direction == "=" and same.change == "geen echte verandering"
    assert better.change == "minder rood" and worse.change == "meer rood"  # 3 of 8 people: a real change
    # Only De Linde and De Eik ran the check twice; another team never makes a trend of theirs.
    assert {t.team for t in overview.trends} == {"Team De Linde", "Team De Eik"}
    assert overview.trends[0].direction != "="  # the biggest change first


def test_bouwstenen_of_every_kwaliteitsbeeld_session_side_by_side(org: Org):
    overview = overview_of(org)
    assert [(c.team, c.day) for c in overview.bouwstenen] == [
        ("Wijkteam Noord", "2026-09-16"),
        ("Afdeling 3B", "2026-09-17"),
        ("Team Rivierenhof", "2026-09-18"),
    ]
    assert all(len(c.results.statements) == 5 for c in overview.bouwstenen)
    markdown = overview_markdown(overview)
    section = markdown.split("## Bouwstenen naast elkaar")[1].split("## ")[0]
    assert "| Bouwsteen | Wijkteam Noord 16-09-2026 | Afdeling 3B 17-09-2026 | Team Rivierenhof 18-09-2026 |" in section
    assert "| Bouwsteen 4 – Leren en ontwikkelen | 🟢4 🟠2 🔴2 ❓0 **⚠ oneens** |" in section


def test_top_themes_per_cycle_sum_dots_over_teams(org: Org):
    overview = overview_of(org)
    cycles = {c.label: c for c in overview.themes}
    assert set(cycles) == {"2026-K1", "2026-K2", "2026-K3"}
    assert cycles["2026-K1"].themes == () and cycles["2026-K1"].sessions == 5  # no group step in those scripts
    top = cycles["2026-K3"].themes
    assert {score.name for score, _teams in top} == {"Melden en terugkoppelen", "Samen met naasten", "Inwerken"}
    assert all(teams == ("Wijkteam Noord", "Afdeling 3B", "Team Rivierenhof") for _s, teams in top)
    assert [s.dots for s, _t in top] == sorted((s.dots for s, _t in top), reverse=True)
    assert cycle_of(date(2026, 11, 23), "halfjaar") == "2026-H2" and cycle_of(date(2026, 1, 2), "maand") == "2026-01"
    by_year = overview_of(org, cycle="jaar").themes
    assert [c.label for c in by_year] == ["2026"] and by_year[0].sessions == 15


def test_the_overview_is_always_redacted(org: Org):
    # Someone writes a client's name and phone number into a late action of the plan.
    path = org.plan("Team De Linde")
    text = path.read_text(encoding="utf-8")
    late = "| DL-2606-a1 | Geef elke mantelzorger één vaste contactpersoon"
    assert late in text
    path.write_text(text.replace(late, "| DL-2606-a1 | Bel mevr. Jansen (06-12345678) over haar contactpersoon"))
    overview = overview_of(org)
    markdown, html = overview_markdown(overview), overview_html(overview)
    for secret in ("Jansen", "06-12345678", "12345678"):
        assert secret not in markdown and secret not in html
    assert "DL-2606-a1 Bel \\[verwijderd: naam\\] (\\[verwijderd: telefoonnummer\\])" in markdown
    assert "DL-2606-a1 Bel [verwijderd: naam] ([verwijderd: telefoonnummer])" in html


def test_html_page_is_self_contained(org: Org):
    html = overview_html(overview_of(org))
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<svg") > 20 and "@page" in html and "size: A4" in html
    # Every chart says its numbers in words too.
    assert 'aria-label="6 open, 2 klaar"' in html


def test_cli_writes_markdown_and_html_and_reads_a_shared_folder(org: Org, tmp_path, capsys):
    root = str(org.root)
    assert cli(["--workspace", root, "overzicht", "--op", TODAY.isoformat()]) == 0
    written = capsys.readouterr().out
    assert "overzicht.md" in written and "overzicht.html" in written
    markdown = (org.root / "exports" / "overzicht.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Overzicht van de teams — Zorggroep Oost")
    assert "| Team De Eik | 5 | 3 | 4 | 1 | 2 | 3 |" in markdown
    # An organisation keeps the plans in a folder it syncs, per location; sessions stay on the laptops.
    shared = tmp_path / "gedeeld"
    for n, plan in enumerate(sorted((org.root / "exports").glob("pdca-*.md"))):
        target = shared / ("Locatie Oost" if n % 2 else "Locatie West") / plan.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(plan, target)
    (shared / "Locatie West" / "pdca-kapot.md").write_text(
        "# PDCA-verbeterplan — Team Kapot\n\n## Do\n\n+----+-----+\n| ID | Wat |\n+----+-----+\n", encoding="utf-8"
    )
    # As the agenda: a plan it cannot read makes the run fail (named on stderr), the others are still shown.
    assert cli(["--workspace", root, "overzicht", str(shared), "--stdout", "--op", TODAY.isoformat()]) == 1
    said = capsys.readouterr()
    from_folder = said.out
    assert "pdca-kapot.md:5" in said.err
    assert "| Team De Eik | 5 | 3 | 4 | 1 | 2 | 0 (plan: 3) |" in from_folder  # no sessions in the shared folder
    assert re.search(r"\| Team Kapot \| plan niet te lezen", from_folder)
    assert "pdca-kapot.md:5" in from_folder  # the broken plan names its file and line; the others are shown
    assert len(find_sources([shared]).plans) == 6
    assert cli(["--workspace", root, "overzicht", str(tmp_path / "bestaat-niet")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_many_sessions_read_by_two_processes_give_the_same_overview(org: Org):
    one = overview_of(org, workers=1)
    sources = workspace_sources(org.workspace)
    paths = list(sources.sessions) * 3  # enough files to use the workers
    digests, _ = read_sessions(paths, workers=2)
    assert len(digests) == 45
    assert {d.id for d in digests} == {d.id for d in read_sessions(sources.sessions, workers=1)[0]}
    assert one.sessions == 15
