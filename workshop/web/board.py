"""The board page: what the room sees on the beamer, at its own unguessable address (read-only, no cookie).

`/b/<board token>` shows the current step for the whole room in large type: how to join while the door is open,
the cards the room may see (masked by the privacy guard), the actions agreed so far in an actions step (masked
the same way), results once revealed, the timer and the progress. `/b/<board token>/events` tells an open board
to fetch itself again after any change of the session. The token is derived from the session's secret key
(`Signer.board_token`): the same after a restart of the same session, so a beamer's open board reconnects by
itself, and known only to whoever has the session file; the board sets no cookie, has no form and no POST route,
and its token is not the join token, so it cannot open a participant's page.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from dataclasses import dataclass, field
from functools import lru_cache, partial

import qrcode
import qrcode.image.svg
from aiohttp import web
from markupsafe import Markup
from qrcode.constants import ERROR_CORRECT_M

from ..core import events as ev
from ..core.join_code import format_join_code, join_code
from ..core.rating_rule import MARKS
from ..core.room_view import RoomCard, room_view
from .context import NONCE, WEB
from .pages import Refused, progress_text, script_words
from .stream import EVENT_STREAM_HEADERS, open_event_stream
from .strings import core_lang, message, tr
from .views import room_page_view

MAX_BOARDS = 8  # open board streams at once: a beamer or two, and a reload or two while they reconnect
SHOWN_CARDS = 12  # the newest cards only: more would not be readable from the back of the room


@dataclass(eq=False)
class BoardContext:
    """The board's secret address and its open streams (one per app, made with the app)."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))  # install() passes the derived one
    join_url: str = ""  # the phones' join URL, as the runner serves it (else made from the board's own address)
    streams: set[asyncio.Queue[int | None]] = field(default_factory=set)
    unsubscribe: object = None

    @property
    def path(self) -> str:
        """The board page's path, with its token."""
        return f"/b/{self.token}"

    def publish(self, event: ev.Event) -> None:
        """Session listener: every change may change the board; a burst coalesces into one refresh per board."""
        if isinstance(event, ev.TimeKept):
            return  # the step's time stored: the board counts down by itself
        for queue in self.streams:
            if queue.empty():
                queue.put_nowait(event.version)

    def shutdown(self) -> None:
        for queue in self.streams:
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(None)


BOARD = web.AppKey("workshop_board", BoardContext)


def install(app: web.Application, token: str) -> BoardContext:
    """Add the board's routes (GET only) and its session listener to `app`; returns its context."""
    board = app[BOARD] = BoardContext(token=token)
    app.router.add_get("/b/{board}", board_page)
    app.router.add_get("/b/{board}/events", board_events)
    app.on_startup.append(_subscribe)
    app.on_shutdown.append(_close)
    app.on_cleanup.append(_unsubscribe)
    return board


def _check(request: web.Request) -> BoardContext:
    board = request.app[BOARD]
    given = request.match_info.get("board", "")
    if not hmac.compare_digest(given.encode(), board.token.encode()):
        raise Refused(404, "web.not_found")
    return board


@lru_cache(maxsize=8)
def qr_svg(url: str, label: str) -> Markup:
    """Return the QR code for `url` as inline SVG (the qrcode library's path image), sized by the page's CSS.

    Kept per address: making the code costs ~15 ms, and the board is drawn again after every change.
    """
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=4, box_size=10, image_factory=qrcode.image.svg.SvgPathImage
    )
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    _, _, rest = svg.partition(" version=")
    # The library writes a size in mm; the page sizes it instead. A white square behind it: scanners need light.
    head = f'<svg class="qr" role="img" aria-label="{Markup.escape(label)}" shape-rendering="crispEdges"'
    rest = rest.replace("<path ", '<rect width="100%" height="100%" fill="#fff"/><path fill="#000" ', 1)
    return Markup(f"{head} version={rest}")


async def board_page(request: web.Request) -> web.StreamResponse:
    """The board for the room: the current step in large type, with what the room may see of it."""
    board = _check(request)
    state = request.app[WEB]
    lang = state.lang
    t = partial(tr, lang=lang, folder=state.locales)
    room = room_view(state.service, core_lang(lang), newest=SHOWN_CARDS)
    page = room_page_view(room.view)
    join = None
    if room.door_open:
        join_url = board.join_url or f"{request.scheme}://{request.host}{state.url('join')}"
        address = join_url.split("://", 1)[-1].split("/", 1)[0]
        join = {
            "qr": qr_svg(join_url, t("QR-code om mee te doen")),
            "address": address,
            "code": format_join_code(join_code(state.token)),
        }
    cards: tuple[RoomCard, ...] = tuple(reversed(room.cards))  # the newest first: where the eye starts
    progress = ""
    if page.progress is not None and page.progress.total:
        progress = progress_text(page.progress, lang, state.locales)
    html = state.templates.get_template("board.html").render(
        lang=lang,
        t=t,
        nonce=request[NONCE],
        page=page,
        join=join,
        cards=cards,
        more_cards=room.card_count - len(cards),
        actions=room.actions,
        reviews=room.reviews,
        progress=progress,
        words=script_words(lang, state.locales),
        too_few=message("results.too_few", lang, {}, state.locales),
        marks={mark: message(f"rating.mark.{mark}", lang, {}, state.locales) for mark in MARKS},
        marks_legend=message("rating.marks_legend", lang, {}, state.locales),
        events=f"{board.path}/events",
    )
    return web.Response(text=html, content_type="text/html")


async def board_events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events for an open board: 'changed' (the state version only) after every change."""
    board = _check(request)
    state = request.app[WEB]
    if len(board.streams) >= MAX_BOARDS:
        raise Refused(503, "web.too_many")
    queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=1)
    board.streams.add(queue)
    response = web.StreamResponse(headers=EVENT_STREAM_HEADERS)
    try:
        # Reconnect fast: a board that lost its stream (laptop asleep, server restarted) is stale meanwhile.
        await open_event_stream(request, response, retry_ms=1000)
        while True:
            try:
                async with asyncio.timeout(state.heartbeat):
                    version = await queue.get()
            except TimeoutError:
                await response.write(b": ping\n\n")
                continue
            if version is None:
                break
            await response.write(f"event: changed\ndata: {version}\n\n".encode())
    except (ConnectionError, RuntimeError):
        pass  # the board went away (or the server is stopping)
    finally:
        board.streams.discard(queue)
    return response


async def _subscribe(app: web.Application) -> None:
    board = app[BOARD]
    board.unsubscribe = app[WEB].service.subscribe(board.publish)


async def _close(app: web.Application) -> None:
    app[BOARD].shutdown()


async def _unsubscribe(app: web.Application) -> None:
    board = app[BOARD]
    if callable(board.unsubscribe):
        board.unsubscribe()
    board.unsubscribe = None
