"""A phone whose page was closed counted as here for five more minutes ('3 telefoons doen mee' with two phones
left). In a real browser the page now says it is closed (pagehide, a beacon), and the count drops as soon as the
server finds its live stream gone (its next heartbeat)."""

from __future__ import annotations

from tests.web.browser import browser, joined, needs_chromium  # noqa: F401  (browser: a fixture)
from tests.web.conftest import MANTELZORG
from tests.web.test_write_behind import until
from workshop.web.server import WEB

pytestmark = needs_chromium


async def test_closing_the_page_in_a_browser_stops_it_counting_at_once(serve, browser):  # noqa: F811
    served = await serve(MANTELZORG, heartbeat=0.05)
    service = served.service
    staying, closing = await joined(served, browser, "drempelcheck"), await joined(served, browser, "drempelcheck")
    await until(lambda: len(served.server.app[WEB].hub) == 2, "both pages hold their live stream")
    assert service.phones_present == 2
    await closing.context.close()  # the tab is closed (pagehide, not kept for Back)
    await until(lambda: service.phones_present == 1, "the closed page no longer counts")
    await staying.reload()  # a page reloaded is closed and opened again: it counts again at once
    await until(lambda: len(served.server.app[WEB].hub) == 1, "the reloaded page holds its stream again")
    assert service.phones_present == 1
