"""The room bench's hand-written card posts, against a real aiohttp server on a real port."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from workshop.bench.rawpost import CardPoster


async def _serve(handler):  # returns (runner, base url)
    app = web.Application()
    app.router.add_post("/s/t/card", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


def test_posts_go_on_one_kept_alive_connection_with_the_cookie_and_the_form() -> None:
    seen: list[tuple[str, dict[str, str], str]] = []

    async def card(request: web.Request) -> web.Response:
        form = await request.post()
        peer = request.transport.get_extra_info("peername") if request.transport else None
        seen.append((request.headers.get("Cookie", ""), {k: str(v) for k, v in form.items()}, str(peer)))
        raise web.HTTPSeeOther(f"/s/t?ok=card&n={len(seen)}")

    async def go() -> list[tuple[int, str]]:
        runner, base = await _serve(card)
        poster = CardPoster(base, "/s/t/card", "p=abc; q=d")
        try:
            return [await poster.post({"csrf": "x", "text": f"Idee {n} & meer: één"}) for n in range(3)]
        finally:
            await poster.close()
            await runner.cleanup()

    answers = asyncio.run(go())
    assert answers == [(303, f"/s/t?ok=card&n={n}") for n in (1, 2, 3)]
    assert [cookie for cookie, _, _ in seen] == ["p=abc; q=d"] * 3
    assert [form["text"] for _, form, _ in seen] == ["Idee 0 & meer: één", "Idee 1 & meer: één", "Idee 2 & meer: één"]
    assert len({peer for _, _, peer in seen}) == 1  # one connection for all three


def test_a_chunked_answer_and_a_closed_connection_are_read_and_the_next_post_still_works() -> None:
    calls = 0

    async def card(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        await request.post()
        if calls == 1:
            response = web.StreamResponse(status=200)
            response.enable_chunked_encoding()
            await response.prepare(request)
            await response.write(b"deel een, ")
            await response.write(b"deel twee")
            await response.write_eof()
            return response
        if calls == 2:
            return web.Response(status=503, text="bezet", headers={"Connection": "close"})
        return web.Response(status=303, headers={"Location": "/s/t?ok=card"})

    async def go() -> list[tuple[int, str]]:
        runner, base = await _serve(card)
        poster = CardPoster(base, "/s/t/card", "p=1")
        try:
            return [await poster.post({"text": "x"}) for _ in range(3)]
        finally:
            await poster.close()
            await runner.cleanup()

    assert asyncio.run(go()) == [(200, ""), (503, ""), (303, "/s/t?ok=card")]


def test_a_server_that_went_away_makes_the_post_raise() -> None:
    async def go() -> None:
        async def card(request: web.Request) -> web.Response:
            await request.post()
            raise web.HTTPSeeOther("/s/t?ok=card")

        runner, base = await _serve(card)
        poster = CardPoster(base, "/s/t/card", "p=1")
        assert (await poster.post({"text": "x"}))[0] == 303
        await runner.cleanup()
        with pytest.raises((OSError, asyncio.IncompleteReadError)):
            await poster.post({"text": "y"})
        await poster.close()

    asyncio.run(go())
