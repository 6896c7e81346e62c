"""The live-update routes: a Server-Sent Events stream per tab, and a poll for phones whose stream was refused."""

from __future__ import annotations

import asyncio

from aiohttp import web

from .context import COOKIE, WebContext
from .forms import check_token, limit, participant, read_form
from .live import ENDED
from .pages import Refused, t

# How long a phone whose stream was refused waits before it asks again (the page polls meanwhile).
STREAM_RETRY = 20
# How long a poll waits for news before it answers "0" (the phone asks again at once).
POLL_HOLD = 25.0
# What an open page says when the server stops: a closed session has ended (the closed page's words); one the
# facilitator only left (`q`, Esc, `workshop serve` stopped) is paused and resumes later, and the page follows then.
ENDED_TEXT = "De sessie is afgelopen. Bedankt voor het meedoen!"
PAUSED_TEXT = (
    "De begeleider heeft de sessie gepauzeerd. Wat je al verstuurd hebt, is bewaard. "
    "Deze pagina gaat verder zodra de sessie weer open is."
)


EVENT_STREAM_HEADERS = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",  # no proxy buffering: each event goes out at once
    "X-Content-Type-Options": "nosniff",
}


def stopped_text(request: web.Request, state: WebContext) -> str:
    """What an open page is told when the server stops, in the phone's language: ended only when closed."""
    closed = state.service.state.meta.status == "closed"
    return t(request, ENDED_TEXT if closed else PAUSED_TEXT)


async def open_event_stream(request: web.Request, response: web.StreamResponse, *, retry_ms: int) -> None:
    """Send the headers of a Server-Sent Events `response` and how soon to reconnect after losing it."""
    await response.prepare(request)
    await response.write(f"retry: {retry_ms}\n\n".encode())


async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: 'changed' (with the state version, never any text) when this phone should refresh.

    Each event has an id (the hub's resume mark); a phone that reconnects sends the last one it had
    (Last-Event-ID), or the page's own mark (`?v=`), and hears at once of anything it missed meanwhile.
    Between changes, 'progress' events carry the step's "done total" counts. When the server stops, 'ended'
    (with what to show, in the phone's language: paused, or ended when the session is closed) tells the page so,
    instead of leaving it to try to reconnect in view; it reconnects quietly and follows when the session is back.
    """
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        raise Refused(403, "participant.unknown")
    limit(state, pid)
    stream = state.hub.open(pid)
    if stream is None:
        # The page falls back to polling (`/version`) and tries a stream again after Retry-After.
        raise Refused(503, "web.too_many", retry=STREAM_RETRY)
    response = web.StreamResponse(headers=EVENT_STREAM_HEADERS)
    state.service.phone_connected(pid)  # here while the stream is open (the core's count of phones present)
    try:
        await open_event_stream(request, response, retry_ms=3000)
        if state.hub.missed(pid, request.headers.get("Last-Event-ID") or request.query.get("v")):
            stream.notify(state.service.state.version)
        while True:
            try:
                async with asyncio.timeout(state.heartbeat):
                    version = await stream.queue.get()
            except TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if version is None:
                break
            if version == ENDED:
                await response.write(f"event: ended\ndata: {stopped_text(request, state)}\n\n".encode())
                break
            if stream.progress:
                line, stream.progress = stream.progress, ""
                await response.write(f"event: progress\ndata: {line}\n\n".encode())
            if version:
                mark = state.hub.mark(version)
                await response.write(f"event: changed\ndata: {version}\nid: {mark}\n\n".encode())
    except (ConnectionError, RuntimeError):
        pass  # the phone went away (or the server is stopping); nothing to clean up but the stream
    finally:
        state.hub.close(stream)
        state.service.phone_disconnected(pid)
    return response


async def left(request: web.Request) -> web.StreamResponse:
    """A phone's page was closed (its `pagehide`, sent with navigator.sendBeacon, the page's CSRF token in the body):
    the phone stops counting as here at once, or as soon as its live stream closes, instead of PRESENT_SECONDS
    later. A locked screen sends nothing, so such a phone still counts. Answers 204: there is nothing to show."""
    state = check_token(request)
    pid = state.signer.participant_in(request.cookies.get(COOKIE))  # (not `participant`: that counts it as here)
    if pid is None or state.service.participant(pid) is None:
        raise Refused(403, "participant.unknown")
    limit(state, pid)
    form = await read_form(request, state)
    if not state.signer.csrf_ok(pid, form.get("csrf")):
        raise Refused(403, "web.expired_form")
    state.service.phone_left(pid)
    return web.Response(status=204)


async def poll(request: web.Request) -> web.StreamResponse:
    """For a phone without a stream: "1" when its page (mark `?v=`) is out of date, "0" when not.

    With `?wait=1` the answer waits (at most POLL_HOLD seconds) until there is news, so a phone that polls is told
    as soon as one with a stream: a change ("1"), or that the server is stopping ("ended", a newline and what to
    show, in the phone's language, like the stream's 'ended' event).
    """
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        raise Refused(403, "participant.unknown")
    limit(state, pid)
    mark = request.query.get("v") or "-"
    stale = state.hub.missed(pid, mark)
    if not stale and request.query.get("wait") == "1":
        loop = asyncio.get_running_loop()
        deadline = loop.time() + POLL_HOLD
        state.hub.polls_waiting += 1
        try:
            while not stale and not state.hub.ended and loop.time() < deadline:
                news = state.hub.news(pid)
                done, _ = await asyncio.wait(news, timeout=deadline - loop.time(), return_when="FIRST_COMPLETED")
                if not done:
                    break
                stale = state.hub.missed(pid, mark)
        finally:
            state.hub.polls_waiting -= 1
    if state.hub.ended:
        return web.Response(text=f"ended\n{stopped_text(request, state)}", content_type="text/plain")
    return web.Response(text="1" if stale else "0", content_type="text/plain")
