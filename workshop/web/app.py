"""The app factory: the participants' aiohttp application for one session, its routes and its life cycle."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from ..core.session import SessionService, new_web_secret
from . import board, handlers
from .context import HEARTBEAT, JOIN_BURST, JOIN_RATE, MAX_BODY, WEB, Limits, WebContext
from .limits import stream_limit
from .middleware import guard
from .stream import events, left, poll
from .strings import LOCALES


def make_web_app(
    service: SessionService,
    *,
    token: str,
    lang: str = "nl",
    secret: bytes | None = None,
    rate: float = 10.0,
    burst: int = 20,
    join_rate: float = JOIN_RATE,
    join_burst: int = JOIN_BURST,
    clock: Callable[[], float] = time.monotonic,
    heartbeat: float = HEARTBEAT,
    max_body: int = MAX_BODY,
    max_streams: int | None = None,
    max_participants: int | None = None,
    locales: Path | None = None,
) -> web.Application:
    """Return the participants' aiohttp application for `service`; nothing runs until it is served.

    `token` is the secret part of the join URL; `secret` signs cookies and CSRF tokens (random when
    None: phones then join afresh after a restart). `rate`/`burst` is each participant's request
    budget (token bucket), `join_rate`/`join_burst` the room's budget for new joins. `max_streams`: open
    live-update streams (default: what the open-file limit allows, at most 2,000); `max_participants`: the
    session's join cap, stored when the server starts (None: keep the session's own); `locales`: the
    folder of the pages' language files (default: the ones that ship).
    """
    app = web.Application(middlewares=[guard], client_max_size=max_body)
    limits = Limits(
        rate=rate,
        burst=burst,
        join_rate=join_rate,
        join_burst=join_burst,
        heartbeat=heartbeat,
        max_body=max_body,
        max_streams=max_streams or stream_limit(),
        max_participants=max_participants,
        locales=locales or LOCALES,
    )
    app[WEB] = WebContext(
        service, token=token, lang=lang, secret=secret or bytes.fromhex(new_web_secret()), limits=limits, clock=clock
    )
    app.router.add_get("/", handlers.code)
    app.router.add_post("/", handlers.code)
    app.router.add_get("/taal/{code}", handlers.lang)
    app.router.add_get("/j/{token}", handlers.join)
    app.router.add_get("/s/{token}", handlers.page)
    forms = {
        "card": handlers.card,
        "withdraw": handlers.withdraw,
        "vote": handlers.vote,
        "rate": handlers.rate,
        "role": handlers.role,
    }
    for name, handler in forms.items():
        app.router.add_post(f"/s/{{token}}/{name}", handler)
    # A form's address opened as a page (where a refused form left a phone without JavaScript: a restored tab, Enter
    # in the address bar) is the session's page, not "Deze pagina bestaat niet".
    app.router.add_get(f"/s/{{token}}/{{form:{'|'.join(forms)}}}", handlers.to_page)
    app.router.add_get("/s/{token}/events", events)
    app.router.add_get("/s/{token}/version", poll)
    app.router.add_post("/s/{token}/left", left)
    board.install(app, app[WEB].signer.board_token())  # the room's board: its own secret address, read-only
    app.on_startup.append(_subscribe)
    app.on_shutdown.append(_close_streams)
    app.on_cleanup.append(_unsubscribe)
    return app


async def _subscribe(app: web.Application) -> None:
    state = app[WEB]
    if state.max_participants is not None:
        state.service.set_join_limit(state.max_participants)
    state.unsubscribe = state.service.subscribe(state.hub.publish)


async def _close_streams(app: web.Application) -> None:
    app[WEB].hub.shutdown()


async def _unsubscribe(app: web.Application) -> None:
    state = app[WEB]
    if state.unsubscribe is not None:
        state.unsubscribe()
        state.unsubscribe = None
