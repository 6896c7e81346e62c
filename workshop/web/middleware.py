"""The guard around every request: friendly pages, security headers, and never a traceback or participant text."""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Awaitable, Callable

from aiohttp import web

from ..core.errors import StoreError
from ..core.inputs import MAX_CARD_LENGTH
from .context import NONCE, WEB
from .pages import Refused, back, message_page

log = logging.getLogger("workshop.web")
log.addHandler(logging.NullHandler())  # never Python's last-resort handler: it writes into the TUI

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Run `handler`; turn a refusal or any error into a friendly page, and secure what goes out."""
    state = request.app[WEB]
    nonce = secrets.token_urlsafe(12)
    request[NONCE] = nonce
    try:
        response = await handler(request)
    except Refused as refused:
        response = refused.page if refused.page is not None else message_page(request, refused)
    except web.HTTPException as exc:
        response = _http_error_page(request, exc)
    except StoreError:
        log.warning("store error while serving %s", route(request))
        response = message_page(request, back(state, 503, "web.not_saved"))
    except Exception as exc:
        # Frames only: an exception's message could quote what a participant typed.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("%s while serving %s\n%s", type(exc).__name__, route(request), frames)
        response = message_page(request, back(state, 500, "web.failed"))
    if not response.prepared:
        secure(response, nonce)
    return response


def secure(response: web.StreamResponse, nonce: str) -> None:
    """Add the security headers: a nonce CSP (no inline script or style without it), no framing, no referrer."""
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


def route(request: web.Request) -> str:
    """The route pattern, not the path: paths carry the join token."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "-"


def _http_error_page(request: web.Request, exc: web.HTTPException) -> web.StreamResponse:
    state = request.app[WEB]
    if exc.status in (404, 405):
        return message_page(request, Refused(404, "web.not_found"))
    if exc.status == 413:
        return message_page(request, back(state, 413, "web.too_large", limit=MAX_CARD_LENGTH))
    if exc.status < 400:
        return exc
    return message_page(request, back(state, exc.status, "web.bad_form"))
