"""The live-update route: a Server-Sent Events stream that tells a phone when to fetch its page again."""

from __future__ import annotations

import asyncio

from aiohttp import web

from .forms import check_token, limit, participant
from .pages import Refused


async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: 'changed' (with the state version, never any text) when this phone should refresh."""
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        raise Refused(403, "participant.unknown")
    limit(state, pid)
    stream = state.hub.open(pid)
    if stream is None:
        raise Refused(503, "web.too_many")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
            "X-Content-Type-Options": "nosniff",
        }
    )
    try:
        await response.prepare(request)
        await response.write(b"retry: 3000\n\n")
        while True:
            try:
                async with asyncio.timeout(state.heartbeat):
                    version = await stream.queue.get()
            except TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if version is None:
                break
            await response.write(f"event: changed\ndata: {version}\n\n".encode())
    except (ConnectionError, RuntimeError):
        pass  # the phone went away (or the server is stopping); nothing to clean up but the stream
    finally:
        state.hub.close(stream)
    return response
