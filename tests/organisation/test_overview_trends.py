"""Trial 16, item 3: the trends in `workshop overzicht` name a statement that stays red, leave out noise (the same
one person, too few answers, a small shift), and stay short: per team the few most important rows, the rest
counted in words. Real sessions through the core, the real command line, the Markdown and the HTML overview."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape
from pathlib import Path

from tests.cli.runner import workshop
from tests.conftest import FakeClock
from workshop.workspace import Workspace

TEAM, ORG = "Team De Eik", "Zorggroep Oost"
# Per statement of the drempelcheck: (answers last year of 6 people, answers now of 5 people).
R, Or, G, Q = "rood", "oranje", "groen", "onbekend"
ANSWERS = {
    0: ([R, R, R, R, Q, Q], [R, R, R, R, R]),  # 4 of 4 -> 5 of 5: blijft rood
    1: ([R, G, G, G, Or, Or], [R, G, G, Or, Or]),  # 1 of 6 -> 1 of 5: the same one person, noise
    2: ([R, G, Q, Q, Q, Q], [R, R, Q, Q, Q]),  # 1 of 2 -> 2 of 2: too few answers to compare
    3: ([R, G, G, G, Or, Or], [R, R, R, G, Or]),  # 1 of 6 -> 3 of 5: meer rood
    4: ([R, R, G, G, Or, Or], [R, R, G, Or, Or]),  # 2 of 6 -> 2 of 5: a small shift
    5: ([R, R, R, R, R, G], [R, R, R, R, G]),  # 5 of 6 -> 4 of 5: blijft rood
    6: ([R, R, R, R, G, G], [G, G, G, Or, Or]),  # 4 of 6 -> 0 of 5: minder rood
    7: ([G, G, G, G, Or, Or], [R, R, G, G, Or]),  # 0 of 6 -> 2 of 5: meer rood
    8: ([Q, Q, Q, Q, Q, Q], [R, G, G, Or, Or]),  # all ❓ last year: scored again, too few answers to compare
}


def rate_session(root: Path, when: datetime, now: int) -> list[str]:
    """Run a mantelzorg check of Team De Eik on `when` with ANSWERS[...][now]; return the statements."""
    workspace = Workspace(root)
    script = workspace.find_script("mantelzorg-drempelcheck")
    service = workspace.new_session(script, team=TEAM, organisation=ORG, clock=FakeClock(when))
    people = [service.join().id for _ in range(6 if now == 0 else 5)]
    step = service.go_to("drempelcheck")
    for n, answers in ANSWERS.items():
        for voter, value in zip(people, answers[now], strict=True):
            service.rate(n, value, voter=voter)
    service.reveal()
    service.close_session()
    service.release()
    return [str(getattr(s, "text", s)) for s in step.rated_statements]


def test_trends_name_what_stays_red_leave_out_noise_and_count_the_rest(tmp_path: Path) -> None:
    rate_session(tmp_path, datetime(2025, 11, 25, 13, 30, tzinfo=UTC), 0)
    statements = rate_session(tmp_path, datetime(2026, 12, 5, 13, 30, tzinfo=UTC), 1)
    run = workshop("--workspace", str(tmp_path), "overzicht", "--op", "2026-12-06", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    markdown = (tmp_path / "exports" / "overzicht.md").read_text(encoding="utf-8")
    section = markdown.split("## Trends in scores")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith(f"| {TEAM} |")]
    # The three most important, blijft rood first (the highest share first), then meer rood.
    assert [(r.split(" | ")[1], r.split(" | ")[-1]) for r in rows] == [
        (statements[0], "blijft rood |"),
        (statements[5], "blijft rood |"),
        (statements[3], "↑ meer rood |"),
    ]
    assert "| 4 van 4 🔴 (100%), 25-11-2025 | 5 van 5 🔴 (100%), 05-12-2026 | blijft rood |" in rows[0]
    for noise in (1, 2, 4, 8):
        assert statements[noise] not in section
    assert f"- {TEAM}: nog 1 met meer rood en 1 met minder rood (zie Alle veranderingen in scores onderaan)." in section
    # Trial 3: what the short table leaves out (here an improvement, 4 of 6 -> 0 of 5) is listed in full at the end,
    # after the legend, so page one stays short and nothing is only counted.
    everything = markdown.split("## Alle veranderingen in scores", 1)[1]
    assert statements[6] in everything and statements[7] in everything and "minder rood" in everything
    assert markdown.index("## Leeswijzer") < markdown.index("## Alle veranderingen in scores")
    # Statement 8, all ❓ last year, counts as scored again with too few answers (trial 2: it went missing).
    assert "- Verder 2 zonder echte verandering en 2 met te weinig antwoorden om te vergelijken" in section
    legend = markdown.split("## Leeswijzer")[1]
    assert "minstens 2 mensen meer (of minder) kiezen 🔴 én het aandeel 🔴 verschilt minstens 20 procentpunten" in (
        legend
    )
    assert "**Blijft rood**: beide keren 50% of meer 🔴" in legend and "minder dan 3 antwoorden" in legend
    # The HTML (and so the PDF) shows the same rows and the same counts in words.
    html = unescape((tmp_path / "exports" / "overzicht.html").read_text(encoding="utf-8"))
    trends = html.split("<h2>Trends in scores</h2>")[1].split("<h2>")[0]
    assert trends.count("<tr><td>") == 3 and trends.count("blijft rood</td>") == 2
    assert statements[0] in trends and statements[1] not in trends
    assert f"{TEAM}: nog 1 met meer rood en 1 met minder rood" in trends
    appendix = html.split("<h2>Alle veranderingen in scores</h2>", 1)[1]
    assert statements[6] in appendix and statements[7] in appendix


def test_a_group_below_min_group_keeps_its_counts_back_in_the_shared_figures_and_the_overview(tmp_path: Path) -> None:
    """Review: the overview's digests and the figures in exports/cijfers/ (made to be shared) held the raw counts of
    a statement only two people answered, which exports withhold below the script's min_group (3)."""
    import json

    workspace = Workspace(tmp_path)
    script = workspace.find_script("mantelzorg-drempelcheck")
    when = datetime(2026, 12, 5, 13, 30, tzinfo=UTC)
    service = workspace.new_session(script, team=TEAM, organisation=ORG, clock=FakeClock(when))
    people = [service.join().id for _ in range(2)]
    service.go_to("drempelcheck")
    for voter in people:
        service.rate(0, R, voter=voter)
    service.reveal()
    service.close_session()
    session_id = service.state.meta.id
    service.release()
    assert workshop("--workspace", str(tmp_path), "export", session_id, cwd=tmp_path).returncode == 0
    figures = json.loads((tmp_path / "exports" / "cijfers" / f"{session_id}.json").read_text(encoding="utf-8"))
    first = figures["ratings"][0]["statements"][0]
    assert first["too_few"] and all(n == 0 for _, n in first["counts"])
    run = workshop("--workspace", str(tmp_path), "overzicht", "--stdout", cwd=tmp_path)
    assert run.returncode == 0 and "2 van 2 🔴" not in run.stdout
