"""Shared helpers for the web tests: a real session on disk, the real server on a free port, and phones."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.faulty_store import FaultyStore, resume_on_faulty_store
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.web.server import COOKIE, ParticipantServer
from workshop.workspace import Workspace

MANTELZORG = "mantelzorg-drempelcheck.md"
VISIE = "visie-leren-ontwikkelen.md"
INCIDENT = "incidentbespreking-vooruit.md"
KWALITEIT = "kwaliteitsbeeld-retrospectief.md"


class Ticker:
    """A monotonic clock for the rate limiter that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Forms(HTMLParser):
    """Collects the forms of a page: action and hidden/named fields (first value of each name)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": {}})
        elif tag == "input" and self.forms and a.get("type") == "hidden":
            self.forms[-1]["fields"].setdefault(a.get("name"), a.get("value") or "")


@dataclass
class Page:
    """A response as the phone got it."""

    status: int
    text: str
    url: str
    headers: Any = None

    @property
    def forms(self) -> list[dict[str, Any]]:
        parser = _Forms()
        parser.feed(self.text)
        return parser.forms

    def hidden(self, name: str) -> str:
        """The first hidden field `name` on the page."""
        for form in self.forms:
            if name in form["fields"]:
                return form["fields"][name]
        raise AssertionError(f"no hidden field {name!r} on the page")

    @property
    def error(self) -> str | None:
        """The text of the page's error box, unescaped, or None."""
        match = re.search(r'<div class="box error" role="alert"[^>]*>(.*?)</div>', self.text, re.S)
        return html.unescape(match.group(1)).strip() if match else None

    @property
    def notice(self) -> str | None:
        match = re.search(r'<div class="box ok" role="status"[^>]*>(.*?)</div>', self.text, re.S)
        return html.unescape(match.group(1)).strip() if match else None


class Phone:
    """One phone: its own cookie jar, talking to the real server over HTTP."""

    def __init__(self, served: Served) -> None:
        self.served = served
        # unsafe=True: the server is addressed by IP, and aiohttp's jar ignores cookies for IPs otherwise.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    @property
    def pid(self) -> str | None:
        """The participant id in this phone's cookie (the part before the signature)."""
        for cookie in self.http.cookie_jar:
            if cookie.key == COOKIE:
                return cookie.value.rpartition(".")[0]
        return None

    async def get(self, path: str, **kwargs: Any) -> Page:
        async with self.http.get(self.served.base + path, **kwargs) as response:
            return Page(response.status, await response.text(), str(response.url), response.headers)

    async def join(self) -> Page:
        return await self.get(f"/j/{self.served.token}")

    async def page(self) -> Page:
        return await self.get(f"/s/{self.served.token}")

    async def post(
        self, name: str, fields: dict[str, str] | None = None, *, form_from: Page | None = None, **kwargs: Any
    ) -> Page:
        """POST to /s/<token>/<name>; csrf, step and fid come from the current page unless given."""
        page = form_from or await self.page()
        data = {"csrf": page.hidden("csrf"), "step": page.hidden("step"), "fid": page.hidden("fid")}
        data.update(fields or {})
        data = {k: v for k, v in data.items() if v is not None}
        async with self.http.post(f"{self.served.base}/s/{self.served.token}/{name}", data=data, **kwargs) as response:
            return Page(response.status, await response.text(), str(response.url), response.headers)

    async def raw_post(
        self, name: str, body: bytes | str, content_type: str = "application/x-www-form-urlencoded", **kwargs: Any
    ) -> Page:
        headers = {"Content-Type": content_type}
        async with self.http.post(
            f"{self.served.base}/s/{self.served.token}/{name}", data=body, headers=headers, **kwargs
        ) as response:
            return Page(response.status, await response.text(), str(response.url), response.headers)

    async def close(self) -> None:
        await self.http.close()


@dataclass
class Served:
    """A running participant server for a real session."""

    service: SessionService
    server: ParticipantServer
    workspace: Workspace
    ticker: Ticker
    phones: list[Phone] = field(default_factory=list)
    store: FaultyStore | None = None  # with serve(..., faulty=True): make it refuse writes
    clock: FakeClock = field(default_factory=FakeClock)  # the session's clock (who is here, timers)

    @property
    def token(self) -> str:
        return self.server.token

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def phone(self, join: bool = True, role: str | None = "") -> Phone:
        """A new phone; joined unless `join` is False. A script's role question is answered with `role`
        ("": rather not say; None: left open, so the page keeps asking)."""
        phone = Phone(self)
        self.phones.append(phone)
        if join:
            page = await phone.join()
            assert page.status == 200, page.text
            if role is not None and f'action="/s/{self.token}/role"' in page.text:
                answered = await phone.post("role", {"role": role}, form_from=page)
                assert answered.status == 200, answered.text
        return phone

    def go(self, step_id: str) -> None:
        self.service.go_to(step_id)

    def stored(self):
        """The session as it is on disk now (read without the lock)."""
        return self.workspace.read_session(self.service.state.meta.id)


@pytest.fixture
async def serve(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[Served]]]:
    """Start the real server for a new session of a shipped script: `await serve(MANTELZORG, lang=...)`.

    With `faulty=True` the session runs on a FaultyStore (`served.store`) around its real file."""
    started: list[Served] = []

    async def start(script: str = MANTELZORG, *, faulty: bool = False, **options: Any) -> Served:
        workspace = Workspace(tmp_path / f"ws{len(started)}")
        clock = FakeClock()
        service = workspace.new_session(load_script(SCRIPTS / script), team="Team De Linde", clock=clock)
        store = None
        if faulty:  # the same session, run through a store the test can make refuse writes
            service.release()
            service, store = resume_on_faulty_store(workspace, service.state.meta.id, clock=clock)
        ticker = Ticker()
        options.setdefault("clock", ticker)
        server = ParticipantServer(service, **options)
        await server.start("127.0.0.1", 0)
        served = Served(service, server, workspace, ticker, store=store, clock=clock)
        started.append(served)
        return served

    yield start
    for served in started:
        for phone in served.phones:
            await phone.close()
        await served.server.stop()
        served.service.release()
