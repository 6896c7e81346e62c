"""The participants' web server: join by the QR link, answer the current step, follow the room live."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import hmac
import logging
import re
import secrets
import time
import traceback
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core.errors import DomainError, StoreError, WorkshopError
from ..core.messages import render
from ..core.session import MAX_CARD_LENGTH, SessionService, new_join_token, new_web_secret
from .commit import CommandQueue
from .live import LiveHub
from .security import RateLimiter, RecentForms, Signer
from .strings import tr
from .views import page_view

__all__ = ["DEFAULT_PORT", "ParticipantServer", "ServerStartError", "make_web_app"]

DEFAULT_PORT = 8765
COOKIE = "deelnemer"
COOKIE_MAX_AGE = 24 * 3600  # outlives a day of sessions, so closing the browser keeps your dots
MAX_BODY = 16 * 1024  # a card is at most 500 characters; nothing a phone sends needs more
MAX_FIELD = 100  # every form field except the card text
MAX_FIELDS = 64
BODY_TIMEOUT = 10.0  # seconds to receive a form body; a stalled phone does not hold a handler forever
SHUTDOWN_TIMEOUT = 1.0  # aiohttp's default makes quitting wait up to 2 x 60 s with a request open
KEEPALIVE_TIMEOUT = 15.0
HEARTBEAT = 15.0  # seconds between SSE comments, which also find phones that went away
TEMPLATES = Path(__file__).resolve().parent / "templates"

log = logging.getLogger("workshop.web")
log.addHandler(logging.NullHandler())  # never Python's last-resort handler: it writes into the TUI

# How a refused command is answered: the state moved on (409), the phone sent something off (400),
# or the content breaks a rule (422, the default).
_CONFLICT = frozenset(
    {
        "card.step_closed",
        "card.not_collecting",
        "card.unknown",
        "session.closed",
        "vote.closed",
        "vote.budget",
        "vote.max_per_item",
        "vote.none_to_withdraw",
        "vote.not_vote_step",
        "vote.unknown_item",
        "rate.not_rate_step",
    }
)
_BAD_REQUEST = frozenset({"session.no_such_step", "rate.unknown_statement"})
# Confirmations after a form was stored. Dots need none: the dot itself and the counter show it.
_NOTICES = {
    "card": "Verstuurd. Je kunt er nog een sturen.",
    "rate": "Je antwoorden zijn opgeslagen.",
}
_STATEMENT_FIELD = re.compile(r"s(\d{1,3})")


class ServerStartError(WorkshopError):
    """The participant server could not listen: the port is taken or the address is not this laptop's."""


class _Refused(Exception):
    """A request the server answers with a friendly page instead of doing anything."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        link: str | None = None,
        link_text: str = "",
        retry: int | None = None,
        **params: object,
    ) -> None:
        """`retry`: the page follows `link` by itself after that many seconds (and says so in Retry-After)."""
        super().__init__(code)
        self.status = status
        self.code = code
        self.link = link
        self.link_text = link_text
        self.retry = retry
        self.params = params


class _Web:
    """Everything the handlers share: the service and the server's own helpers (one per app)."""

    def __init__(
        self,
        service: SessionService,
        *,
        token: str,
        lang: str,
        secret: bytes,
        rate: float,
        burst: int,
        join_rate: float,
        join_burst: int,
        clock: Callable[[], float],
        heartbeat: float,
        max_body: int,
    ) -> None:
        self.service = service
        self.token = token
        self.lang = lang
        self.signer = Signer(secret)
        self.limiter = RateLimiter(rate, burst, clock=clock)
        # Joining has no participant yet to key on; one bucket for the whole room still lets a room
        # of phones join at once while a script cannot fill the session with made-up participants.
        self.joins = RateLimiter(join_rate, join_burst, clock=clock)
        self.forms = RecentForms()
        self.queue = CommandQueue(service)
        self.hub = LiveHub(lambda: service.state)
        self.heartbeat = heartbeat
        self.max_body = max_body
        self.unsubscribe: Callable[[], None] | None = None
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
        )
        self.templates.globals["t"] = partial(tr, lang=lang)

    def t(self, text: str, **params: object) -> str:
        return tr(text, self.lang, **params)

    def message(self, code: str, **params: object) -> str:
        return render(code, self.lang, params)

    def url(self, name: str = "page") -> str:
        if name == "join":
            return f"/j/{self.token}"
        if name == "page":
            return f"/s/{self.token}"
        return f"/s/{self.token}/{name}"


# The room's budget for new phones: a plenary of 300 joins at once, more at 50 a second (the server stores
# ~1,800 writes a second; `python -m workshop.bench`). A phone over budget waits on a page that tries again
# by itself after a few seconds, each phone after a different few, so a rush of 1,000 sorts itself out.
JOIN_RATE = 50.0
JOIN_BURST = 300
JOIN_RETRY = (2, 6)  # seconds, first and last

WEB = web.AppKey("workshop_web", _Web)
NONCE = web.RequestKey("workshop_nonce", str)


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
) -> web.Application:
    """Return the participants' aiohttp application for `service`; nothing runs until it is served.

    `token` is the secret part of the join URL; `secret` signs cookies and CSRF tokens (random when
    None: phones then join afresh after a restart). `rate`/`burst` is each participant's request
    budget (token bucket), `join_rate`/`join_burst` the room's budget for new joins.
    """
    app = web.Application(middlewares=[_guard], client_max_size=max_body)
    app[WEB] = _Web(
        service,
        token=token,
        lang=lang,
        secret=secret or bytes.fromhex(new_web_secret()),
        rate=rate,
        burst=burst,
        join_rate=join_rate,
        join_burst=join_burst,
        clock=clock,
        heartbeat=heartbeat,
        max_body=max_body,
    )
    app.router.add_get("/j/{token}", _join)
    app.router.add_get("/s/{token}", _page)
    app.router.add_post("/s/{token}/card", _card)
    app.router.add_post("/s/{token}/vote", _vote)
    app.router.add_post("/s/{token}/rate", _rate)
    app.router.add_get("/s/{token}/events", _events)
    app.on_startup.append(_subscribe)
    app.on_shutdown.append(_close_streams)
    app.on_cleanup.append(_unsubscribe)
    return app


async def _subscribe(app: web.Application) -> None:
    state = app[WEB]
    state.unsubscribe = state.service.subscribe(state.hub.publish)


async def _close_streams(app: web.Application) -> None:
    app[WEB].hub.shutdown()


async def _unsubscribe(app: web.Application) -> None:
    state = app[WEB]
    if state.unsubscribe is not None:
        state.unsubscribe()
        state.unsubscribe = None


# ----- middleware: friendly pages, security headers, nothing ever reaches a phone as a traceback ----------


@web.middleware
async def _guard(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    state = request.app[WEB]
    nonce = secrets.token_urlsafe(12)
    request[NONCE] = nonce
    try:
        response = await handler(request)
    except _Refused as refused:
        response = _message_page(request, refused)
    except web.HTTPException as exc:
        response = _http_error_page(request, exc)
    except StoreError:
        log.warning("store error while serving %s", _route(request))
        response = _message_page(request, _back(state, 503, "web.not_saved"))
    except Exception as exc:
        # Frames only: an exception's message could quote what a participant typed.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("%s while serving %s\n%s", type(exc).__name__, _route(request), frames)
        response = _message_page(request, _back(state, 500, "web.failed"))
    if not response.prepared:
        _secure(response, nonce)
    return response


def _secure(response: web.StreamResponse, nonce: str) -> None:
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        (
            f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; connect-src 'self'; "
            "img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    # The join token is in every URL: never hand it to a site a prompt links to.
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cache-Control", "no-store")


def _route(request: web.Request) -> str:
    """The route pattern, not the path: paths carry the join token."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "-"


def _http_error_page(request: web.Request, exc: web.HTTPException) -> web.StreamResponse:
    state = request.app[WEB]
    if exc.status in (404, 405):
        return _message_page(request, _Refused(404, "web.not_found"))
    if exc.status == 413:
        return _message_page(request, _back(state, 413, "web.too_large", limit=MAX_CARD_LENGTH))
    if exc.status < 400:
        return exc
    return _message_page(request, _back(state, exc.status, "web.bad_form"))


def _message_page(request: web.Request, refused: _Refused) -> web.Response:
    state = request.app[WEB]
    heading = "Niet opgeslagen" if refused.status == 503 else "Even wachten" if refused.retry else "Dit lukt niet"
    html = state.templates.get_template("message.html").render(
        lang=state.lang,
        nonce=request[NONCE],
        heading=state.t(heading),
        tone="wait" if refused.retry else "error",
        message=state.message(refused.code, **refused.params),
        link=refused.link,
        link_text=state.t(refused.link_text) if refused.link_text else "",
        retry=refused.retry,
    )
    response = web.Response(text=html, content_type="text/html", status=refused.status)
    if refused.retry:
        response.headers["Retry-After"] = str(refused.retry)
    return response


# ----- who is asking ---------------------------------------------------------------------------------------


def _back(state: _Web, status: int, code: str, **params: object) -> _Refused:
    """A refusal whose page links back to the questions."""
    return _Refused(status, code, link=state.url(), link_text="Terug naar de vragen", **params)


def _check_token(request: web.Request) -> _Web:
    state = request.app[WEB]
    given = request.match_info.get("token", "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, state.token.encode()):
        raise _Refused(404, "web.bad_token")
    return state


def _participant(request: web.Request, state: _Web) -> str | None:
    """The participant this phone is, or None: no cookie, a forged one, or one from another session."""
    pid = state.signer.participant_in(request.cookies.get(COOKIE))
    if pid is None or state.service.participant(pid) is None:
        return None
    return pid


def _limit(state: _Web, pid: str) -> None:
    if not state.limiter.allow(pid):
        raise _Refused(429, "web.too_many")


def _redirect(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


# ----- pages --------------------------------------------------------------------------------------------------


async def _join(request: web.Request) -> web.StreamResponse:
    """Join via the QR link: a known phone keeps its identity, anyone else gets a fresh anonymous one."""
    state = _check_token(request)
    pid = _participant(request, state)
    if pid is None:
        if not state.joins.allow("join"):
            first, last = JOIN_RETRY
            raise _Refused(
                429,
                "web.join_busy",
                link=state.url("join"),
                link_text="Nu opnieuw proberen",
                retry=first + secrets.randbelow(last - first + 1),
            )
        try:
            participant = await state.queue.run(state.service.join)
        except DomainError as err:  # the session is closed
            raise _Refused(409, err.code, **err.params) from None
        pid = participant.id
    else:
        _limit(state, pid)
    # "?j=1" tells the page this phone was just given a cookie, so a browser that refuses cookies gets
    # an explanation instead of an endless join loop.
    response = _redirect(state.url() + "?j=1")
    response.set_cookie(
        COOKIE, state.signer.cookie_for(pid), max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="Strict"
    )
    return response


async def _page(request: web.Request) -> web.StreamResponse:
    """The current step for this phone."""
    state = _check_token(request)
    pid = _participant(request, state)
    if pid is None:
        if request.query.get("j"):
            raise _Refused(403, "web.no_cookie")
        return _redirect(state.url("join"))
    _limit(state, pid)
    notice = _NOTICES.get(request.query.get("ok", ""))
    return _render_page(request, state, pid, notice=state.t(notice) if notice else None)


def _render_page(
    request: web.Request,
    state: _Web,
    pid: str,
    *,
    status: int = 200,
    error: str | None = None,
    notice: str | None = None,
    draft: str = "",
    draft_category: str = "",
) -> web.Response:
    html = state.templates.get_template("page.html").render(
        lang=state.lang,
        nonce=request[NONCE],
        page=page_view(state.service, pid, state.lang),
        csrf=state.signer.csrf_for(pid),
        fid=secrets.token_urlsafe(9),
        error=error,
        notice=notice,
        draft=draft,
        draft_category=draft_category,
        urls={name: state.url(name) for name in ("page", "card", "vote", "rate", "events")},
    )
    return web.Response(text=html, content_type="text/html", status=status)


# ----- forms ----------------------------------------------------------------------------------------------------


async def _posted(request: web.Request) -> tuple[_Web, str, dict[str, str]]:
    """Check token, participant, rate limit, body and CSRF token of a form post; returns its fields."""
    state = _check_token(request)
    pid = _participant(request, state)
    if pid is None:
        raise _Refused(403, "participant.unknown", link=state.url("join"), link_text="Opnieuw meedoen")
    _limit(state, pid)
    form = await _read_form(request, state)
    if not state.signer.csrf_ok(pid, form.get("csrf")):
        raise _back(state, 403, "web.expired_form")
    return state, pid, form


async def _read_form(request: web.Request, state: _Web) -> dict[str, str]:
    if request.content_type != "application/x-www-form-urlencoded":
        raise _back(state, 400, "web.bad_form")
    if request.content_length is not None and request.content_length > state.max_body:
        raise _back(state, 413, "web.too_large", limit=MAX_CARD_LENGTH)
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise _back(state, 413, "web.too_large", limit=MAX_CARD_LENGTH) from None
    except TimeoutError:
        raise _back(state, 408, "web.bad_form") from None
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, encoding="utf-8", errors="strict"
        )
    except ValueError:  # not UTF-8, or too many fields
        raise _back(state, 400, "web.bad_form") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form or (key != "text" and len(value) > MAX_FIELD):
            raise _back(state, 400, "web.bad_form")
        form[key] = value
    return form


def _required(form: dict[str, str], name: str, state: _Web) -> str:
    if name not in form:
        raise _back(state, 400, "web.bad_form")
    return form[name]


def _status(err: DomainError) -> int:
    if err.code == "participant.unknown":
        return 403
    if err.code in _CONFLICT:
        return 409
    if err.code in _BAD_REQUEST:
        return 400
    return 422


async def _act(
    request: web.Request,
    state: _Web,
    pid: str,
    form: dict[str, str],
    command: Callable[[], Any],
    *,
    done: str,
    anchor: str = "",
    draft: str = "",
    draft_category: str = "",
) -> web.Response:
    """Run `command` through the core; redirect once it is on disk, or show the page with the reason."""
    done_url = f"{state.url()}?ok={done}{anchor}"
    form_id = _sent_form(form)
    if form_id and state.forms.seen(pid, form_id):
        return _redirect(done_url)  # a double tap: the first one already counted
    if form_id:
        state.forms.remember(pid, form_id)
    try:
        await state.queue.run(command)
    except DomainError as err:
        return _render_page(
            request,
            state,
            pid,
            status=_status(err),
            error=err.text(state.lang),
            draft=draft,
            draft_category=draft_category,
        )
    except StoreError:
        log.warning("store error on %s; the phone was told to try again", _route(request))
        return _render_page(
            request,
            state,
            pid,
            status=503,
            error=state.message("web.not_saved"),
            draft=draft,
            draft_category=draft_category,
        )
    return _redirect(done_url)


def _sent_form(form: dict[str, str]) -> str:
    """What makes a request a double tap of an earlier one: the same page's form id *and* the same fields.

    One page holds several forms with one id (a "+" per vote item, "+" and "−" in one form): a tap on
    another item or button is a new request, not a repeat. "" when the form carries no id.
    """
    form_id = form.get("fid", "")
    if not form_id:
        return ""
    fields = sorted((k, v) for k, v in form.items() if k not in ("fid", "csrf"))
    return form_id + ":" + hashlib.sha256(repr(fields).encode()).hexdigest()[:16]


async def _card(request: web.Request) -> web.StreamResponse:
    """Send a card (collect) or a short answer (round, close, review) to the step the form was made for."""
    state, pid, form = await _posted(request)
    step_id = _required(form, "step", state)
    text = _required(form, "text", state)
    category = form.get("category")
    command = partial(
        state.service.add_contribution, text, step_id=step_id, author=pid, via="participant", category=category
    )
    return await _act(request, state, pid, form, command, done="card", draft=text, draft_category=category or "")


async def _vote(request: web.Request) -> web.StreamResponse:
    """Put one dot on an item, or take one back."""
    state, pid, form = await _posted(request)
    step_id = _required(form, "step", state)
    item = _required(form, "item", state)
    do = _required(form, "do", state)
    if do == "add":
        command = partial(state.service.cast_vote, item, voter=pid, via="participant", step_id=step_id)
    elif do == "remove":
        command = partial(state.service.withdraw_vote, item, voter=pid, step_id=step_id)
    else:
        raise _back(state, 400, "web.bad_form")
    # Back at the item that was tapped, not at the top of a long list (for phones without JavaScript).
    return await _act(request, state, pid, form, command, done=do, anchor=f"#item-{quote(item)}")


async def _rate(request: web.Request) -> web.StreamResponse:
    """Answer (or change) one or more statements of the step's scale: fields s0, s1, ... hold the values."""
    state, pid, form = await _posted(request)
    step_id = _required(form, "step", state)
    answers = []
    for key, value in form.items():
        match = _STATEMENT_FIELD.fullmatch(key)
        if match and value:
            answers.append((int(match.group(1)), value))
    if not answers:
        return _render_page(request, state, pid, status=422, error=state.message("web.no_answer"))

    def command() -> None:
        # Inside the queue's batch: all answers share one disk write. The form only offers valid
        # answers, so a refusal (the step moved on) comes at the first one, before anything changed.
        # Only a hand-made form with a bad value after good ones keeps the good ones: a batch cannot
        # be rolled back on a DomainError (each answer stands on its own, so that is harmless).
        for index, value in sorted(answers):
            state.service.rate(index, value, voter=pid, via="participant", step_id=step_id)

    return await _act(request, state, pid, form, command, done="rate")


# ----- live updates -------------------------------------------------------------------------------------------------


async def _events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: 'changed' (with the state version, never any text) when this phone should refresh."""
    state = _check_token(request)
    pid = _participant(request, state)
    if pid is None:
        raise _Refused(403, "participant.unknown")
    _limit(state, pid)
    stream = state.hub.open(pid)
    if stream is None:
        raise _Refused(503, "web.too_many")
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


# ----- running it -----------------------------------------------------------------------------------------------


class _AccessLog(AbstractAccessLogger):
    """Logs method, route pattern, status and duration: never an address, the join token or a body."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, elapsed: float) -> None:
        try:
            match_info = request.match_info
        except (AttributeError, AssertionError):
            # A request aiohttp could not even parse (garbage on the socket) was never routed, and its
            # match_info asserts; the log must not turn that 400 into an "Unhandled exception".
            match_info = None
        resource = match_info.route.resource if match_info is not None else None
        route = resource.canonical if resource is not None else "-"
        self.logger.debug("%s %s %s %.1fms", request.method, route, response.status, elapsed * 1000)


class _Redact(logging.Filter):
    """aiohttp's own error messages name the phone's address ("... from %s"); drop every argument."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple("-" for _ in record.args) if isinstance(record.args, tuple) else ()
        return True


_server_log = logging.getLogger("workshop.web.server")
_server_log.addFilter(_Redact())
_server_log.addHandler(logging.NullHandler())
_access_log = logging.getLogger("workshop.web.access")


class ParticipantServer:
    """Serves the phone pages inside the caller's asyncio loop (AppRunner + TCPSite; no thread).

    In the facilitator app, roughly::

        server = ParticipantServer(service, lang=lang, secret=secret)
        try:
            url = await server.start(lan_address(args.host) or "127.0.0.1", args.port or DEFAULT_PORT)
        except ServerStartError as err:
            ...  # show err.text(lang): it names the port
        ...
        await server.stop()  # before service.release()
    """

    def __init__(
        self,
        service: SessionService,
        *,
        token: str | None = None,
        lang: str = "nl",
        secret: bytes | None = None,
        **options: Any,
    ) -> None:
        # Without a token or secret of the caller's, the session's own (kept in its file) are used, so
        # the printed QR code and the phones' cookies keep working after a restart.
        meta = service.state.meta
        self.token = token or meta.join_token or new_join_token()
        if secret is None and meta.web_secret:
            secret = bytes.fromhex(meta.web_secret)
        self.app = make_web_app(service, token=self.token, lang=lang, secret=secret, **options)
        self.host: str | None = None
        self.port: int | None = None
        self._url_host: str | None = None
        self._runner: web.AppRunner | None = None

    @property
    def running(self) -> bool:
        """True between a successful start() and stop()."""
        return self._runner is not None

    @property
    def url(self) -> str:
        """The join URL for the QR code, with the token. Raises RuntimeError before start()."""
        if self._url_host is None or self.port is None:
            raise RuntimeError("the participant server is not running")
        host = f"[{self._url_host}]" if ":" in self._url_host else self._url_host
        return f"http://{host}:{self.port}/j/{self.token}"

    async def start(self, host: str, port: int = DEFAULT_PORT, *, url_host: str | None = None) -> str:
        """Listen on `host`:`port` (port 0: any free one); returns the join URL.

        `url_host` is the address phones use when `host` is a wildcard such as 0.0.0.0.
        Raises ServerStartError (message codes web.port_in_use / web.cannot_listen) when it cannot listen.
        """
        if self._runner is not None:
            raise RuntimeError("the participant server is already running")
        runner = web.AppRunner(
            self.app,
            handle_signals=False,
            access_log_class=_AccessLog,
            access_log=_access_log,
            logger=_server_log,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
            keepalive_timeout=KEEPALIVE_TIMEOUT,
            auto_decompress=False,  # phones never compress forms; a compressed body is a trick
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port, backlog=128)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            if exc.errno in (errno.EADDRINUSE, 10048):  # 10048: WSAEADDRINUSE on Windows
                raise ServerStartError("web.port_in_use", host=host, port=port) from exc
            raise ServerStartError(
                "web.cannot_listen", host=host, port=port, reason=exc.strerror or type(exc).__name__
            ) from exc
        self._runner = runner
        self.host = host
        self.port = int(runner.addresses[0][1])
        self._url_host = url_host or host
        return self.url

    async def stop(self) -> None:
        """Stop listening and close open pages' live streams; returns within about a second."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
