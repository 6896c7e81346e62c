"""`workshop export --kwaliteitsbeeld` on a realistic organisation: fixed headings fed by the tagged steps, the
figures as the session counted them, and always redacted (also what the team released for its own summary)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import FakeClock
from tests.organisation.orgworkspace import ORG, Org
from workshop.cli import main as cli
from workshop.core.kwaliteitsbeeld import HEADINGS, difference, kwaliteitsbeeld_chapter
from workshop.core.results import RatingResults, tally


def headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_every_kwaliteitsbeeld_session_of_the_organisation_gets_the_same_headings(org: Org, capsys):
    chapters = []
    for _key, session in sorted(org.sessions.items()):
        state = org.workspace.read_session(session)
        if state.meta.script_id != "kwaliteitsbeeld-retrospectief":
            continue
        assert cli(["--workspace", str(org.root), "export", session, "--kwaliteitsbeeld"]) == 0
        assert "Hoofdstuk voor het kwaliteitsbeeld geschreven" in capsys.readouterr().out
        text = (org.root / "exports" / f"{session}-kwaliteitsbeeld.md").read_text(encoding="utf-8")
        assert headings(text) == list(HEADINGS.values()), session
        # Reflectie: the heat table's counts are the session's own tally of the bouwsteen step.
        step = state.script.step("stand-per-bouwsteen")
        results = tally(state, step)
        assert isinstance(results, RatingResults) and results.respondents
        for statement in results.statements:
            row = f"| {statement.text} | " + " | ".join(str(n) for _v, n in statement.counts) + " |"
            assert row in text
        # Terugblik: one row per action the review walked through; tellen says how many are klaar.
        for item in state.reviews:
            assert f"| {item.plan_id} " in text
        # ... and the plan's klaar and gestopt actions of earlier sessions too (test_kwaliteitsbeeld_lookback.py).
        assert "acties uit de vorige cyclus" in text or not state.reviews
        assert f"{len(state.participants)} deelnemer(s)" in text or state.meta.headcount
        chapters.append(text)
    assert len(chapters) == 3  # three teams ran the kwaliteitsbeeld retrospective in the third cycle


def test_the_chapter_is_always_redacted_and_compares_indicators(org: Org, capsys):
    workspace = org.workspace
    clock = FakeClock(datetime(2026, 12, 7, 13, 30, tzinfo=UTC))
    script = workspace.find_script("kwaliteitsbeeld-retrospectief")
    service = workspace.new_session(script, team="Team De Linde", organisation=ORG, clock=clock)
    service.go_to("terugblik")
    card = service.add_contribution(
        "Trots op hoe we mevrouw Pietersen hielpen toen haar dochter belde (06-87654321)",
        category="Hier zijn we trots op",
    )
    service.release_card(card.id)  # the team keeps the name in its own summary
    service.go_to("vergelijken-met-het-odb")
    service.import_indicators(
        [
            {"name": "Cliëntervaring", "ours": "8,1", "comparison": "8,4", "year": "2025", "source": "ODB"},
            {"name": "Aanbevelingsscore", "ours": "42", "comparison": "38", "year": "2025", "source": "ODB"},
        ]
    )
    service.go_to("acties")
    service.add_action(
        "Vast aanspreekpunt voor naasten", owner="teamleider", due="2027-01-15", indicator_id="i1", target="8,4"
    )
    service.close_session()
    session = service.state.meta.id
    service.release()
    assert cli(["--workspace", str(org.root), "export", session, "--kwaliteitsbeeld"]) == 0
    capsys.readouterr()
    summary = workspace.summary_path(session).read_text(encoding="utf-8")
    chapter = (org.root / "exports" / f"{session}-kwaliteitsbeeld.md").read_text(encoding="utf-8")
    assert "Pietersen" in summary  # released for the team
    assert "Pietersen" not in chapter and "87654321" not in chapter and "\\[verwijderd: naam\\]" in chapter
    # Figures as a reader types them: no backslash that Word would show ("\\-0,3"), and no Markdown list either.
    assert "| Cliëntervaring | 8,1 | 8,4 | -0,3 | 2025 | ODB |" in chapter
    assert "| Aanbevelingsscore | 42 | 38 | +4 | 2025 | ODB |" in chapter
    assert "\\-" not in chapter and "\\+" not in chapter
    assert "| Vast aanspreekpunt voor naasten | teamleider | 15-01-2027 | Cliëntervaring | 8,1 (2025, ODB; " in chapter
    assert "0 stippen" not in chapter  # nobody voted: no leeragenda of empty themes
    plan = workspace.plan_path("Team De Linde").read_text(encoding="utf-8")
    assert chapter == kwaliteitsbeeld_chapter(workspace.read_session(session), plan)
    assert difference("72%", "70,5%") == "+1,5" and difference("hoog", "8") == "–"


def test_stories_kept_in_the_session_are_never_quoted():
    """A step with `export: nee` keeps its cards out of the chapter, as out of the summary."""
    from tests.conftest import FakeClock as Clock
    from workshop.core.ports import MemoryStore
    from workshop.core.script import parse_script
    from workshop.core.session import SessionService

    text = """---
id: kb-kort
title: Kort kwaliteitsbeeld
---

# Kort kwaliteitsbeeld

## Verhalen
- kind: collect
- minutes: 5
- export: nee
- kwaliteitsbeeld: terugblik

Wat maakte indruk?

## Trots
- kind: collect
- minutes: 5
- kwaliteitsbeeld: terugblik

Waar zijn we trots op?
"""
    service = SessionService.start(
        parse_script(text, "kb-kort.md"), team="T", store=MemoryStore(), session_id="s", clock=Clock()
    )
    service.add_contribution("Een verhaal dat hier blijft")
    service.advance()
    service.add_contribution("We zijn trots op de nieuwe overdracht")
    chapter = kwaliteitsbeeld_chapter(service.state)
    assert "> We zijn trots op de nieuwe overdracht" in chapter and "hier blijft" not in chapter
