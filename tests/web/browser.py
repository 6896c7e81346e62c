"""Real headless Chromium for the phone tests: phones at 360 px, with and without JavaScript, and axe-core.

axe-core is vendored (fixtures/axe.min.js, v4.14.1, MPL-2.0, its licence beside it): the browser tests run
offline and in CI without a package manager step, and the version only changes on purpose. It is put
into every page by the DevTools protocol (an init script), so the page's own CSP does not block it.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent / "fixtures" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
WAIT = 10_000  # ms; every wait ends as soon as the page shows what it should
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
async_api = pytest.importorskip("playwright.async_api", reason="the playwright package (test extra) drives Chromium")
expect = async_api.expect


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    playwright = await async_api.async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
    except Exception:
        await playwright.stop()
        raise
    yield browser
    await browser.close()
    await playwright.stop()


async def phone(browser: Any, *, js: bool = True, **options: Any) -> Any:
    """A new phone (its own cookies) at 360 px; returns its page. axe-core is ready in it when `js`."""
    context = await browser.new_context(**{**PHONE, **options}, java_script_enabled=js)
    context.set_default_timeout(WAIT)
    if js:
        await context.add_init_script(path=str(AXE))
    return await context.new_page()


async def shoot(page: Any, name: str) -> Path:
    """A screenshot of what the phone shows now (the first screen), kept in tests/web/artifacts."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path))
    return path


_AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}));
}"""


async def axe_violations(page: Any, checker: Any = None) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0-2.2, A and AA) on what `page` shows now; returns the violations.

    A page without JavaScript cannot run axe: its HTML (scripts left out) is checked in `checker`, a page
    with JavaScript on, at the same size.
    """
    if checker is not None:
        html = re.sub(r"<script\b.*?</script>", "", await page.content(), flags=re.S)
        await checker.set_content(html)
        page = checker
    return await page.evaluate(_AXE_RUN % json.dumps(WCAG))


async def assert_accessible(page: Any, state: str, checker: Any = None) -> None:
    """Fail with axe-core's findings when the page in `state` breaks a WCAG 2.2 AA rule axe can check."""
    found = await axe_violations(page, checker)
    assert not found, f"{state}: " + json.dumps(found, ensure_ascii=False, indent=1)


async def focused_id(page: Any) -> str:
    """The id of the element that has the keyboard focus ("" for none, "BODY" when focus fell to the page)."""
    return await page.evaluate("document.activeElement === document.body ? 'BODY' : (document.activeElement.id || '')")


async def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only); fails after `limit`."""
    for _ in range(limit):
        if await page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        await page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


async def joined(served: Any, browser: Any, step: str, *, js: bool = True, role: str = "Zeg ik liever niet") -> Any:
    """A phone in Chromium that joined the session of `served` at `step`, the role question answered with `role`."""
    if served.service.state.step.id != step:
        served.go(step)
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.get_by_role("button", name=role).click()
    # Without JavaScript the click starts a navigation (post, redirect, page): wait until the step's page is there, or
    # a test's next reload or goto races it ("Not attached to an active page").
    await expect(page.locator("#rol-kiezen")).to_have_count(0)
    await page.wait_for_load_state()
    return page


def voting_room(served: Any, *texts: str) -> list[str]:
    """Cards for the vote step of the mantelzorg script, and voting open there; returns the cards' ids."""
    served.go("drempels")
    ids = [served.service.add_contribution(text).id for text in texts]
    served.go("wat-pakken-we-eerst-aan")
    served.service.open_voting()
    return [str(i) for i in ids]


class SlowLaptop:
    """A route handler for a laptop that does not answer: while `frozen`, the requests it gets are held (in `held`,
    for the test to continue or abort); once thawed, they go through."""

    def __init__(self) -> None:
        self.frozen = True
        self.held: list[Any] = []

    def freeze(self) -> None:
        """Hold the requests from now on (the ones held before are the test's business)."""
        self.frozen, self.held = True, []

    async def __call__(self, route: Any) -> None:
        if self.frozen:
            self.held.append(route)
        else:
            await route.continue_()
