"""The handout and the answer sheet printed by a real headless Chromium: A4 pages, charts, QR code, no network."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import SCRIPTS
from tests.print.conftest import ARTIFACTS, CHROMIUM, FLAGS
from workshop.core.answer_sheet import answer_sheet_html
from workshop.core.handout import handout_html
from workshop.core.script import load_script
from workshop.web.qr import qr_matrix

pytestmark = [
    pytest.mark.slow,  # real Chromium prints every handout: ~45 s together
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"),
]
async_api = pytest.importorskip("playwright.async_api", reason="the playwright package (test extra) drives Chromium")
pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the printed PDFs back")
zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (test extra) decodes the QR code")
Image = pytest.importorskip("PIL.Image", reason="Pillow (test extra) reads the screenshots")

# A4 pages of the handout of a realistic session (tests/print/realistic.py), as looked at: steps flow on,
# the improvement plan starts on a page of its own. A change here is a change in layout: look again.
# The summary opens with the decisions and actions and ends with a legend (issue 14): one page more than before.
HANDOUT_PAGES = {
    "incidentbespreking-vooruit.md": 6,
    "kort-teamoverleg.md": 4,
    "kwaliteitsbeeld-retrospectief.md": 7,
    "mantelzorg-drempelcheck.md": 8,
    "netwerkkaart.md": 6,
    "signaal-naar-verbetering.md": 7,
    "visie-leren-ontwikkelen.md": 7,
}
A4 = (595.0, 842.0)  # points
URL = "http://192.168.178.23:8765/j/"
A4_VIEW = {"width": 794, "height": 1123}  # CSS pixels of an A4 page at 96 dpi


@pytest.fixture
async def browser():
    playwright = await async_api.async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
    except Exception:
        await playwright.stop()
        raise
    yield browser
    await browser.close()
    await playwright.stop()


async def open_document(browser, html: str, path: Path, *, scale: int = 1):
    """Open `html` from a file like a person would; returns the page and the list of every request it made."""
    path.write_text(html, encoding="utf-8")  # noqa: ASYNC240 - a small file, before the browser looks
    page = await browser.new_page(viewport=A4_VIEW, device_scale_factor=scale)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await page.goto(path.as_uri())
    return page, requests


def read_pdf(data: bytes, keep_as: str) -> list[tuple[tuple[float, float], str]]:
    """Return (width, height) in points and the text of every page of a PDF (whitespace collapsed).

    The PDF is kept in tests/print/artifacts/ as `keep_as`, to look at (pdftoppm turns it into pictures).
    """
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / keep_as).write_bytes(data)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        ((float(p.mediabox.width), float(p.mediabox.height)), " ".join(p.extract_text().split())) for p in reader.pages
    ]


def is_a4(size: tuple[float, float]) -> bool:
    return abs(size[0] - A4[0]) < 1.5 and abs(size[1] - A4[1]) < 1.5


def coloured(image) -> int:
    """How many pixels of a screenshot are clearly coloured (not white, grey or black)."""
    data = image.convert("RGB").tobytes()
    return sum(1 for i in range(0, len(data), 3) if max(data[i : i + 3]) - min(data[i : i + 3]) > 60)


@pytest.mark.parametrize("name", sorted(HANDOUT_PAGES))
async def test_the_handout_prints_on_a4_with_every_chart(name, realistic, browser, tmp_path):
    _workspace, states = realistic
    state = states[name]
    page, requests = await open_document(browser, handout_html(state), tmp_path / "handout.html")
    pages = read_pdf(await page.pdf(prefer_css_page_size=True), f"handout-{name[:-3]}.pdf")
    assert len(pages) == HANDOUT_PAGES[name]
    for number, (size, text) in enumerate(pages, 1):
        assert is_a4(size), size
        # The running header (title, team, date) and the page number on every page.
        assert f"{state.script.title} — Team De Linde" in text
        assert f"pagina {number} van {len(pages)}" in text
    assert "Verbeterplan (PDCA)" in pages[-1][1] or "Verbeterplan (PDCA)" in pages[-2][1]
    # Every step with results has its chart, and each shows on screen: bars or coloured cells with numbers.
    result_steps = [s for s in state.script.steps if s.kind == "vote" or s.scale_spec is not None]
    charts = page.locator("table.chart")
    assert await charts.count() == len(result_steps)
    ARTIFACTS.mkdir(exist_ok=True)
    for n in range(len(result_steps)):
        chart = charts.nth(n)
        assert await chart.is_visible()
        svgs = chart.locator("svg")
        assert await svgs.count() >= 2
        box = await svgs.first.bounding_box()
        assert box and box["width"] > 10 and box["height"] > 10
        shot = Image.open(io.BytesIO(await chart.screenshot()))
        assert coloured(shot) > 200, f"chart {n + 1} shows no colour"
    await page.emulate_media(media="print")
    await page.screenshot(path=str(ARTIFACTS / f"handout-{name[:-3]}.png"), full_page=True)
    assert requests == [page.url]  # the file itself, nothing else: no fonts, images or scripts fetched


def sheet_html(state, url: str) -> str:
    return answer_sheet_html(state, join_url=url, qr=qr_matrix(url))


async def test_the_mantelzorg_answer_sheet_fits_two_a4_pages_and_its_qr_code_scans(realistic, browser, tmp_path):
    _workspace, states = realistic
    state = states["mantelzorg-drempelcheck.md"]
    statements = next(s for s in state.script.steps if s.kind == "rate").statements
    assert len(statements) == 21  # 14 in the first version of the check: it fitted on two pages as well
    url = URL + state.meta.join_token
    page, requests = await open_document(browser, sheet_html(state, url), tmp_path / "sheet.html", scale=2)
    pages = read_pdf(await page.pdf(prefer_css_page_size=True), "antwoordblad-mantelzorg.pdf")
    assert len(pages) == 2 and all(is_a4(size) for size, _ in pages)
    text = pages[0][1] + " " + pages[1][1]
    for n, statement in enumerate(statements, 1):
        assert f"{n}. {statement}" in text
    await page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "antwoordblad-mantelzorg.png"
    await page.screenshot(path=str(shot))  # the top of the first page, as a phone's camera would see it
    (found,) = zxingcpp.read_barcodes(Image.open(shot))
    assert found.text == url
    assert requests == [page.url]


async def test_twenty_five_statements_still_fit_two_pages(browser, tmp_path, clock):
    from workshop.core.ports import MemoryStore
    from workshop.core.session import SessionService

    text = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    last = "  21. Mantelzorgers worden op tijd gewezen op het mantelzorgsteunpunt.\n"
    extra = "".join(
        f"  {n}. Een extra stelling nummer {n}, net zo lang als de langere stellingen van deze check.\n"
        for n in range(22, 26)
    )
    longer = tmp_path / "mantelzorg-25.md"
    longer.write_text(text.replace(last, last + extra), encoding="utf-8")
    script = load_script(longer)
    assert len(next(s for s in script.steps if s.kind == "rate").statements) == 25
    service = SessionService.start(script, team="Team De Linde", store=MemoryStore(), session_id="s25", clock=clock)
    url = URL + service.state.meta.join_token
    page, requests = await open_document(browser, sheet_html(service.state, url), tmp_path / "sheet.html")
    pages = read_pdf(await page.pdf(prefer_css_page_size=True), "antwoordblad-25.pdf")
    assert len(pages) == 2
    assert "25. Een extra stelling" in pages[1][1]
    await page.emulate_media(media="print")
    await page.screenshot(path=str(ARTIFACTS / "antwoordblad-25.png"), full_page=True)
    assert requests == [page.url]
    service.release()
