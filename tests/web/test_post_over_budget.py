"""A form sent at the edge of a phone's request budget is told the truth (user trial): "Verstuurd" only when the card
is stored, and a post refused for the budget says it was not stored. Before, the card was stored but the page the post
redirected to (303 -> GET) was refused as "too many", telling the person to try again: they sent it twice.
Real server on a real port, real headless Chromium, with JavaScript off and on."""

from __future__ import annotations

import pytest

from tests.web.browser import browser, expect, needs_chromium, phone
from tests.web.conftest import MANTELZORG
from workshop.web.server import COOKIE, WEB

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def _pid(page) -> str:
    (cookie,) = [c for c in await page.context.cookies() if c["name"] == COOKIE]
    return cookie["value"].rpartition(".")[0]


def _leave_one_request(served, pid: str) -> None:
    """Spend the phone's budget (the ticker stands still), then give back room for one request, not two."""
    limiter = served.server.app[WEB].limiter
    while limiter.allow(pid):
        pass
    served.ticker.now += 1.5 / limiter.rate


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
async def test_a_card_sent_with_one_request_left_is_never_stored_behind_a_try_again(serve, browser, js):
    served = await serve(MANTELZORG, rate=10.0, burst=40)
    served.go("drempels")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    await expect(page.locator("textarea#text")).to_be_visible()
    _leave_one_request(served, await _pid(page))

    await page.fill("textarea#text", "De bus rijdt niet op zondag")
    await page.get_by_role("button", name="Versturen").click()
    told = page.locator("#melding")
    await expect(told).to_contain_text("niet opgeslagen")
    cards = served.service.state.cards("drempels")
    assert cards == (), "the page says 'not stored', so nothing may be stored"
    await expect(page.locator("textarea#text")).to_have_value("De bus rijdt niet op zondag")  # kept to send again
    if not js:  # the refusal is a page of its own: a reload sends nothing again, the text still in its field
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        response = await page.reload()
        assert response is not None and response.request.method == "GET" and posts == []
        await expect(told).to_contain_text("niet opgeslagen")
        await expect(page.locator("textarea#text")).to_have_value("De bus rijdt niet op zondag")

    served.ticker.now += 10  # the budget refills
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.ok")).to_contain_text("Verstuurd")
    assert [c.text for c in served.service.state.cards("drempels")] == ["De bus rijdt niet op zondag"]


async def test_the_page_after_a_stored_card_says_verstuurd_even_when_the_budget_ran_out_meanwhile(serve):
    """The post paid for its own answer: the redirect's page is shown (once) whatever else spent the budget."""
    served = await serve(MANTELZORG, rate=10.0, burst=40)
    served.go("drempels")
    phone_ = await served.phone()
    form = await phone_.page()
    limiter = served.server.app[WEB].limiter
    while limiter.allow(phone_.pid or ""):
        pass
    served.ticker.now += 2.5 / limiter.rate  # room for the post and its page
    async with phone_.http.post(
        f"{served.base}/s/{served.token}/card",
        data={"csrf": form.hidden("csrf"), "step": "drempels", "fid": form.hidden("fid"), "text": "Geen vervoer"},
        allow_redirects=False,
    ) as response:
        assert response.status == 303
        location = response.headers["Location"]
    assert [c.text for c in served.service.state.cards("drempels")] == ["Geen vervoer"]
    while limiter.allow(phone_.pid or ""):  # another tab spends what was left
        pass
    after = await phone_.get(location)
    assert after.status == 200 and after.notice is not None and "Verstuurd" in after.notice
    again = await phone_.get(location)  # a reload is a page like any other: over budget now
    assert again.status == 429
