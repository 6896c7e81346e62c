"""Purging a session (AVG) keeps only its anonymous figures, so the overview still compares a team's ratings a year
apart: the real CLI on the realistic organisation, real files."""

from __future__ import annotations

import json
import re

from tests.cli.runner import workshop
from tests.organisation.orgworkspace import TODAY, Org


def overview(org: Org) -> str:
    done = workshop("--workspace", str(org.root), "overzicht", "--stdout", "--op", TODAY.isoformat(), cwd=org.root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def trend_rows(markdown: str) -> list[str]:
    section = markdown.split("## Trends in scores", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| Team De Linde |")]


def people_words(session: dict) -> set[str]:
    """Every text people typed in a stored session: cards, theme names, participants' names."""
    found = set()
    for table, field in (("contributions", "text"), ("themes", "name"), ("participants", "name")):
        for record in session.get(table, {}).values():
            text = str(record.get(field, "")).strip()
            if len(text) >= 4:
                found.add(text)
    return found


def test_purged_sessions_still_give_the_trends_and_purge_says_what_it_kept(org: Org):
    before = overview(org)
    linde = trend_rows(before)
    assert linde  # De Linde rated the same statements in cycles 1 and 2 (and 3)
    first, second = org.sessions[(0, 0)], org.sessions[(1, 0)]
    stored = [
        json.loads((org.root / "sessions" / f"{sid}.json").read_text(encoding="utf-8")) for sid in (first, second)
    ]
    for sid in (first, second):
        done = workshop("--workspace", str(org.root), "purge", sid, "--yes", cwd=org.root)
        assert done.returncode == 0, done.stderr
        assert "Verwijderd:" in done.stdout
        kept = org.root / "exports" / "cijfers" / f"{sid}.json"
        assert f"Bewaard voor de trends en bouwstenen in het overzicht: {kept}" in done.stdout
        assert "geen kaartjes, thema's, namen of rollen" in done.stdout
        assert not (org.root / "sessions" / f"{sid}.json").exists()
    after = overview(org)
    assert trend_rows(after) == linde  # the same comparison, a session file or not
    assert "15 sessie(s), waarvan 2 alleen als anonieme cijfers" in after
    assert "Die tellen mee in bouwstenen en trends, niet in de thema's." in after
    # What is kept holds no words of people: no card, no theme name, no participant, no answers per role.
    for sid, session in zip((first, second), stored, strict=True):
        text = (org.root / "exports" / "cijfers" / f"{sid}.json").read_text(encoding="utf-8")
        words = people_words(session)
        assert words  # the session had cards and themes to leave out
        assert not [w for w in words if w in text]
        figures = json.loads(text)
        assert "themes" not in figures
        assert all(not s["roles"] for r in figures["ratings"] for s in r["statements"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", figures["created_at"])


def test_the_figures_travel_with_the_plans_to_a_shared_folder(org: Org, tmp_path):
    sid = org.sessions[(0, 1)]
    assert workshop("--workspace", str(org.root), "purge", sid, "--yes", cwd=org.root).returncode == 0
    shared = tmp_path / "gedeeld"
    (shared / "cijfers").mkdir(parents=True)
    for plan in (org.root / "exports").glob("pdca-*.md"):
        (shared / plan.name).write_bytes(plan.read_bytes())
    (shared / "cijfers" / f"{sid}.json").write_bytes((org.root / "exports" / "cijfers" / f"{sid}.json").read_bytes())
    done = workshop("--workspace", str(org.root), "overzicht", str(shared), "--stdout", cwd=org.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Overzicht van de teams — Zorggroep Oost")  # the figures name the organisation
    assert "1 sessie(s), waarvan 1 alleen als anonieme cijfers" in done.stdout
    assert "Van 14 sessie(s) die de plannen noemen, is geen bestand gevonden" in done.stdout
