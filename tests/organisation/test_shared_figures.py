"""The anonymous figures of every session are in exports/cijfers/ whenever its plan is (written by `workshop export`
and refreshed by `workshop overzicht`), so a shared folder with only the plans and cijfers/ gives the same trends and
bouwstenen as the workspace, without a card, theme or name. The real CLI on the realistic organisation."""

from __future__ import annotations

import json
import shutil

from tests.cli.runner import workshop
from tests.organisation.orgworkspace import TODAY, Org
from tests.organisation.test_purge_figures import people_words


def overview(org: Org, *folders: str) -> str:
    done = workshop(
        "--workspace", str(org.root), "overzicht", *folders, "--stdout", "--op", TODAY.isoformat(), cwd=org.root
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def section(markdown: str, title: str) -> str:
    return markdown.split(f"\n## {title}", 1)[1].split("\n## ", 1)[0]


def figures_files(org: Org) -> dict[str, bytes]:
    folder = org.root / "exports" / "cijfers"
    return {p.stem: p.read_bytes() for p in sorted(folder.glob("*.json"))} if folder.is_dir() else {}


def test_a_shared_folder_of_plans_and_cijfers_gives_the_workspaces_trends_and_bouwstenen(org: Org, tmp_path):
    # Set up as the README says: copy exports/ (the plans and cijfers/), never sessions/.
    assert set(figures_files(org)) == set(org.sessions.values())  # every exported session, none purged
    shared = tmp_path / "gedeeld"
    shutil.copytree(org.root / "exports" / "cijfers", shared / "cijfers")
    for plan in (org.root / "exports").glob("pdca-*.md"):
        shutil.copy(plan, shared / plan.name)
    full, copied = overview(org), overview(org, str(shared))
    trends = section(full, "Trends in scores")
    assert "| Team De Linde |" in trends  # there are trends to compare
    assert section(copied, "Trends in scores") == trends
    assert section(copied, "Bouwstenen naast elkaar") == section(full, "Bouwstenen naast elkaar")
    assert "is geen bestand gevonden" not in copied
    assert "15 sessie(s), waarvan 15 alleen als anonieme cijfers" in copied
    # No word of people travelled with them: no card, no theme name, no participant, no answers per role.
    for sid in org.sessions.values():
        session = json.loads((org.root / "sessions" / f"{sid}.json").read_text(encoding="utf-8"))
        words = people_words(session)
        assert words
        text = (shared / "cijfers" / f"{sid}.json").read_text(encoding="utf-8")
        assert not [w for w in words if w in text]
        figures = json.loads(text)
        assert "themes" not in figures and "participants" not in figures and "contributions" not in figures
        assert all(not s["roles"] for r in figures["ratings"] for s in r["statements"])


def test_the_overview_writes_the_figures_of_every_session_it_read_and_only_when_they_changed(org: Org):
    shutil.rmtree(org.root / "exports" / "cijfers")  # e.g. a workspace exported before the figures were kept
    overview(org)
    written = figures_files(org)
    assert set(written) == set(org.sessions.values())
    stamps = {p.name: p.stat().st_mtime_ns for p in (org.root / "exports" / "cijfers").iterdir()}
    overview(org)
    assert {p.name: p.stat().st_mtime_ns for p in (org.root / "exports" / "cijfers").iterdir()} == stamps
    assert figures_files(org) == written
    assert not [p for p in (org.root / "exports" / "cijfers").iterdir() if not p.name.endswith(".json")]


def test_export_writes_the_very_figures_purge_keeps(org: Org):
    sid = org.sessions[(2, 0)]
    kept = org.root / "exports" / "cijfers" / f"{sid}.json"
    kept.unlink()
    done = workshop("--workspace", str(org.root), "export", sid, cwd=org.root)
    assert done.returncode == 0, done.stderr
    exported = kept.read_bytes()
    assert workshop("--workspace", str(org.root), "purge", sid, "--yes", cwd=org.root).returncode == 0
    assert kept.read_bytes() == exported  # one writer: what the export shared is what purge keeps
