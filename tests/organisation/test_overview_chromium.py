"""The organisation overview (`workshop overzicht`) opened and printed by a real headless Chromium: every team's
row, the trend arrows and the not-yet-teruggekoppeld counts are on the page, every chart is drawn, nothing is
fetched, and it prints on A4."""

from __future__ import annotations

import io

import pytest

from tests.organisation.orgworkspace import TEAMS, TODAY, Org
from tests.print.conftest import CHROMIUM, FLAGS
from workshop.cli import main as cli
from workshop.core.overview import build_overview, trend_report
from workshop.core.overview_text import trend_words
from workshop.organisation import read_plans, read_sessions, workspace_sources

pytestmark = [
    pytest.mark.slow,  # starts a real Chromium
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"),
]
async_api = pytest.importorskip("playwright.async_api", reason="the playwright package (test extra) drives Chromium")
pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the printed PDF back")


async def test_the_overview_page_in_chromium(org: Org, capsys):
    assert cli(["--workspace", str(org.root), "overzicht", "--op", TODAY.isoformat()]) == 0
    capsys.readouterr()
    sources = workspace_sources(org.workspace)
    digests, _problems = read_sessions(sources.sessions, workers=1)
    overview = build_overview(read_plans(sources.plans), digests, today=TODAY)
    playwright = await async_api.async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        page = await browser.new_page(viewport={"width": 794, "height": 1123})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        await page.goto((org.root / "exports" / "overzicht.html").as_uri())
        # One row per team, with its figures as the core counted them (open, klaar, late, carried, untold).
        rows = page.locator("table.teams tbody tr")
        assert await rows.count() == len(TEAMS)
        for n, f in enumerate(overview.teams):
            cells = [c.strip() for c in await rows.nth(n).locator("td").all_inner_texts()]
            # Team, Open, Klaar, (bar), Te laat, Doorgeschoven 2x, Nog niet teruggekoppeld, Sessies
            shown = [cells[0], *cells[1:3], *cells[4:8]]
            assert shown == [f.team, *map(str, (f.open, f.done, f.overdue, f.carried, f.untold, f.sessions))]
        assert sum(f.untold for f in overview.teams) > 0  # the organisation has answers nobody was told yet
        # The trends as the core's rule decided them (trend_report), most important first per team.
        arrows = [a.strip() for a in await page.locator("table.trend td.arrow").all_inner_texts()]
        report = trend_report(overview.trends)
        assert arrows == [trend_words(t) for t in report.shown] and {"↑ meer rood", "↓ minder rood"} <= set(arrows)
        # Every chart is drawn (has a size), and the page fetched nothing but itself.
        sizes = await page.eval_on_selector_all(
            "svg", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"
        )
        assert len(sizes) > 20 and all(w > 0 and h > 0 for w, h in sizes), sizes
        assert [r for r in requests if not r.startswith("file://")] == [] and errors == []
        pdf = pypdf.PdfReader(io.BytesIO(await page.pdf(prefer_css_page_size=True)))
        first = pdf.pages[0]
        assert abs(float(first.mediabox.width) - 595) < 1.5 and abs(float(first.mediabox.height) - 842) < 1.5
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
        assert "Nog niet teruggekoppeld" in text and "Trends in scores" in text
        await browser.close()
    finally:
        await playwright.stop()
