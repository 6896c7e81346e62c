"""The short join code typed on the server's front page: the right code joins, guessing it stays hopeless.

Real server on a real port; the rate limiter's clock is the test's Ticker, so "later" is exact.
"""

from __future__ import annotations

import aiohttp

from tests.web.conftest import MANTELZORG
from workshop.core.join_code import format_join_code, join_code
from workshop.web.context import Limits


async def _type(http: aiohttp.ClientSession, base: str, code: str) -> tuple[int, str]:
    """POST the front page's form with `code`; returns the status and where it sends the phone (or "")."""
    async with http.post(f"{base}/", data={"code": code}, allow_redirects=False) as response:
        await response.read()
        return response.status, response.headers.get("Location", "")


async def test_the_right_code_joins_and_a_wrong_one_says_so(serve) -> None:
    served = await serve(MANTELZORG)
    async with aiohttp.ClientSession() as http:
        assert await _type(http, served.base, "ACD 234") == (422, "")
        status, location = await _type(http, served.base, format_join_code(join_code(served.token)).lower())
        assert (status, location) == (303, f"/j/{served.token}")


async def test_once_the_rooms_wrong_guesses_are_spent_not_even_the_right_code_gets_in(serve) -> None:
    served = await serve(MANTELZORG)
    right = join_code(served.token)
    wrong = "ACDEFH" if right != "ACDEFH" else "ACDEFJ"
    burst = Limits().code_burst
    async with aiohttp.ClientSession() as http:
        for _ in range(burst):
            assert (await _type(http, served.base, wrong))[0] == 422
        # A guesser past the budget learns nothing: every code is refused, the right one too.
        assert (await _type(http, served.base, wrong))[0] == 429
        assert (await _type(http, served.base, right))[0] == 429
        # The budget refills slowly (one guess per 1 / code_rate seconds); then the right code works again.
        served.ticker.now += 1 / Limits().code_rate
        assert await _type(http, served.base, right) == (303, f"/j/{served.token}")
        # ... and a right code spends no guess: the one wrong guess the refill allows is still there.
        assert (await _type(http, served.base, wrong))[0] == 422
        assert (await _type(http, served.base, wrong))[0] == 429
