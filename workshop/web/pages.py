"""The phone's pages as HTML: the current step for one participant, and the friendly page for a refusal."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from functools import partial

from aiohttp import web

from ..core.messages import render
from .context import NONCE, WEB, WebContext
from .strings import tr
from .views import page_view


class Refused(Exception):
    """A request the server answers with a friendly page instead of doing anything."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        link: str | None = None,
        link_text: str = "",
        retry: int | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        """`retry`: the page follows `link` by itself after that many seconds (and says so in Retry-After)."""
        super().__init__(code)
        self.status = status
        self.code = code
        self.link = link
        self.link_text = link_text
        self.retry = retry
        self.params = dict(params or {})


def back(state: WebContext, status: int, code: str, **params: object) -> Refused:
    """A refusal whose page links back to the questions."""
    return Refused(status, code, link=state.url(), link_text="Terug naar de vragen", params=params)


def lang_of(request: web.Request) -> str:
    """The language this phone reads."""
    return request.app[WEB].lang


def t(request: web.Request, text: str, **params: object) -> str:
    """`text` (Dutch, as written) in this phone's language."""
    return tr(text, lang_of(request), **params)


def message(request: web.Request, code: str, **params: object) -> str:
    """The core's message `code` in this phone's language."""
    return render(code, lang_of(request), params)


def message_page(request: web.Request, refused: Refused) -> web.Response:
    """The page that says why a request was refused, with a way back (or a retry by itself)."""
    state = request.app[WEB]
    lang = lang_of(request)
    heading = "Niet opgeslagen" if refused.status == 503 else "Even wachten" if refused.retry else "Dit lukt niet"
    html = state.templates.get_template("message.html").render(
        lang=lang,
        t=partial(tr, lang=lang),
        nonce=request[NONCE],
        heading=tr(heading, lang),
        tone="wait" if refused.retry else "error",
        message=render(refused.code, lang, refused.params),
        link=refused.link,
        link_text=tr(refused.link_text, lang) if refused.link_text else "",
        retry=refused.retry,
    )
    response = web.Response(text=html, content_type="text/html", status=refused.status)
    if refused.retry:
        response.headers["Retry-After"] = str(refused.retry)
    return response


def render_page(
    request: web.Request,
    pid: str,
    *,
    status: int = 200,
    error: str | None = None,
    notice: str | None = None,
    draft: str = "",
    draft_category: str = "",
) -> web.Response:
    """The current step as `pid`'s phone shows it; `error`/`notice` on top, `draft` back in the text field."""
    state = request.app[WEB]
    lang = lang_of(request)
    html = state.templates.get_template("page.html").render(
        lang=lang,
        t=partial(tr, lang=lang),
        nonce=request[NONCE],
        page=page_view(state.service, pid, lang),
        csrf=state.signer.csrf_for(pid),
        fid=secrets.token_urlsafe(9),
        error=error,
        notice=notice,
        draft=draft,
        draft_category=draft_category,
        urls={name: state.url(name) for name in ("page", "card", "vote", "rate", "events")},
    )
    return web.Response(text=html, content_type="text/html", status=status)
