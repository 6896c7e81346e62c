"""Fuzz the participant endpoints of the real server: random paths, methods, headers, cookies, forms and bytes.

No request may get a 5xx (the deliberate 503s are for a refused disk write or too many live streams,
neither of which happens here), none may crash the server or log an error, and the session must stay
consistent: what the service holds is what the file holds, and its lookups match its snapshot.

The server runs in its own thread's event loop (as in the app: one loop, one thread for the session);
the test thread only speaks HTTP to it, and reads the service through that loop.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from aiohttp.http_exceptions import HttpProcessingError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SCRIPTS, FakeClock
from tests.hypo import scaled
from tests.web.conftest import MANTELZORG
from workshop.core.script import load_script
from workshop.core.session import SessionService, state_from_tables
from workshop.core.state_index import StateIndex
from workshop.store import read_tables
from workshop.web.server import COOKIE, ParticipantServer
from workshop.workspace import Workspace

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Live:
    service: SessionService
    server: ParticipantServer
    loop: asyncio.AbstractEventLoop
    workspace: Workspace
    port: int
    token: str
    cookie: str
    csrf: str
    errors: list[logging.LogRecord]

    def on_loop(self, fn):
        """Run `fn()` in the server's loop (where the session lives) and return its result."""

        async def call():
            return fn()

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(10)


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        # aiohttp logs every malformed HTTP message (garbage on the socket) at error level, after answering
        # it with a 400: that is the library doing its job, not a crash.
        if record.exc_info and isinstance(record.exc_info[1], HttpProcessingError):
            return
        self.into.append(record)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    workspace = Workspace(tmp_path_factory.mktemp("fuzz"))
    service = workspace.new_session(load_script(SCRIPTS / MANTELZORG), team="Team De Linde", clock=FakeClock())
    service.go_to("drempels")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fuzz-server", daemon=True)
    thread.start()
    # No rate limits: the fuzzer should reach the handlers, not the limiter's 429.
    server = ParticipantServer(service, rate=1e9, burst=10**9, join_rate=1e9, join_burst=10**9, heartbeat=0.05)
    asyncio.run_coroutine_threadsafe(server.start("127.0.0.1", 0), loop).result(10)
    errors: list[logging.LogRecord] = []
    handler = _Collect(errors)
    logging.getLogger("workshop.web").addHandler(handler)
    logging.getLogger("aiohttp").addHandler(handler)
    # One real phone, so examples can carry a valid cookie and CSRF token and reach deep into the handlers.
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", f"/j/{server.token}")
    response = conn.getresponse()
    response.read()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    conn.request("GET", f"/s/{server.token}", headers={"Cookie": cookie})
    csrf = _CSRF.search(conn.getresponse().read().decode()).group(1)
    conn.close()
    yield Live(service, server, loop, workspace, server.port, server.token, cookie, csrf, errors)
    logging.getLogger("workshop.web").removeHandler(handler)
    logging.getLogger("aiohttp").removeHandler(handler)
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()
    service.release()


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
FIELD_NAMES = st.sampled_from(
    ["csrf", "step", "fid", "text", "category", "item", "do", "s0", "s1", "s99", "s-1", "x", ""]
) | st.text(max_size=8)
FIELD_VALUES = (
    st.sampled_from(["", "drempels", "welkom", "add", "remove", "o1", "c1", "groen", "rood", "1", "Tijd", "x" * 600])
    | TEXT
)


@st.composite
def requests(draw) -> dict:
    """One HTTP request: mostly well-formed with random parts, now and then raw bytes on the socket."""
    if draw(st.integers(0, 12)) == 0:
        return {
            "raw": draw(
                st.binary(max_size=300)
                | st.sampled_from(
                    [
                        b"GET / HTTP/1.1\r\n\r\n",
                        b"\x16\x03\x01\x00",
                        b"POST /s/x/card HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                        b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n",
                        b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 200 + b"\r\n",
                    ]
                )
            )
        }
    token = draw(st.sampled_from(["{token}", "{token}", "verkeerd", "", "{token}x", "%00"]))
    path = draw(
        st.sampled_from(
            [
                "/",
                "/j/{t}",
                "/s/{t}",
                "/s/{t}/card",
                "/s/{t}/vote",
                "/s/{t}/rate",
                "/s/{t}/events",
                "/s/{t}/onbekend",
                "/static/x",
                "/j/",
                "/s//card",
                "/s/{t}/card/extra",
                "/favicon.ico",
            ]
        )
    ).replace("{t}", token)
    if draw(st.booleans()):
        path += draw(st.sampled_from(["?", "?ok=card", "?j=1", "?ok=", "#x", "?" + "a=" * 50]))
    if draw(st.integers(0, 4)) == 0:
        path += quote(draw(TEXT), safe="/?=&")
    method = draw(st.sampled_from(["GET", "POST", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "FOO"]))
    cookie = draw(st.sampled_from(["valid", "valid", "none", "forged", "garbage", "other"]))
    fields = draw(st.lists(st.tuples(FIELD_NAMES, FIELD_VALUES), max_size=8))
    use_csrf = draw(st.sampled_from(["valid", "valid", "wrong", "none"]))
    body_kind = draw(st.sampled_from(["form", "form", "form", "bytes", "json", "none"]))
    content_type = draw(
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=latin-1",
                "multipart/form-data; boundary=x",
                "text/plain",
                "application/json",
                "",
                "application/x-www-form-urlencoded; x",
            ]
        )
    )
    header_value = TEXT.map(
        lambda t: t.encode("latin-1", "ignore").decode("latin-1").replace("\r", "").replace("\n", "")
    )
    extra = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "Accept",
                    "Accept-Encoding",
                    "Origin",
                    "Referer",
                    "X-Forwarded-For",
                    "Content-Encoding",
                    "Range",
                    "If-None-Match",
                ]
            ),
            header_value,
            max_size=3,
        )
    )
    return {
        "path": path,
        "method": method,
        "cookie": cookie,
        "fields": fields,
        "csrf": use_csrf,
        "body": body_kind,
        "content_type": content_type,
        "extra": extra,
        "raw_body": draw(st.binary(max_size=200)),
    }


def send(live: Live, req: dict) -> int | None:
    """Send one request; returns the status (None when the server closed the connection on raw junk)."""
    if "raw" in req:
        with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
            sock.sendall(req["raw"])
            sock.shutdown(socket.SHUT_WR)
            data = b""
            for _ in range(100):  # bounded
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
        return int(match.group(1)) if match else None
    path = req["path"].replace("{token}", live.token)
    headers = {k: v for k, v in req["extra"].items()}
    cookie = {
        "valid": live.cookie,
        "none": None,
        "forged": f"{COOKIE}=abc.{'0' * 32}",
        "garbage": f"{COOKIE}=\x7f;;=;",
        "other": "iets=anders",
    }[req["cookie"]]
    if cookie:
        headers["Cookie"] = cookie
    fields = list(req["fields"])
    if req["csrf"] == "valid":
        fields.append(("csrf", live.csrf))
    elif req["csrf"] == "wrong":
        fields.append(("csrf", "0" * 32))
    body: bytes | None = None
    if req["body"] == "form":
        body = urlencode(fields).encode()
    elif req["body"] == "bytes":
        body = req["raw_body"]
    elif req["body"] == "json":
        body = repr(dict(fields)).encode("utf-8", "replace")
    if body is not None and req["content_type"]:
        headers["Content-Type"] = req["content_type"]
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=10)
    try:
        conn.request(req["method"], path, body=body, headers=headers)
        response = conn.getresponse()
        if response.getheader("Content-Type", "").startswith("text/event-stream"):
            return response.status  # a live stream stays open: the status is enough
        response.read()
        return response.status
    finally:
        conn.close()


def consistent(live: Live) -> None:
    def check() -> None:
        state = live.service.state
        stored = state_from_tables(read_tables(live.workspace.session_path(state.meta.id)))
        assert stored.participants == state.participants
        assert stored.contributions == state.contributions
        assert sorted(stored.votes, key=lambda v: v.id) == sorted(state.votes, key=lambda v: v.id)
        assert set(stored.ratings) == set(state.ratings)
        kept = live.service._index
        if kept is not None and kept.describes(state):
            assert kept.snapshot() == StateIndex(state).snapshot()

    live.on_loop(check)


STEPS = st.sampled_from(["drempels", "drempels", "wat-pakken-we-eerst-aan", "drempelcheck", "welkom-en-uitleg"])


@pytest.mark.slow  # 250 requests against a real server
@settings(
    max_examples=scaled(250),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(req=requests(), step=STEPS)
def test_no_request_gets_a_5xx_or_breaks_the_session(live: Live, req: dict, step: str) -> None:
    def move() -> None:
        service = live.service
        if service.state.step.id != step:
            service.go_to(step)
        if service.state.step.kind == "vote":
            service.open_voting()

    live.on_loop(move)
    logged = len(live.errors)
    status = send(live, req)
    live.on_loop(lambda: None)  # the server finished with this request (its log lines are written)
    assert status is None or status < 500, (status, req)
    new = live.errors[logged:]
    assert not new, [f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage() for r in new]


def test_after_the_fuzzing_the_session_is_consistent_and_still_serves(live: Live) -> None:
    consistent(live)
    status = send(
        live,
        {
            "path": "/s/{token}",
            "method": "GET",
            "cookie": "valid",
            "fields": [],
            "csrf": "none",
            "body": "none",
            "content_type": "",
            "extra": {},
            "raw_body": b"",
        },
    )
    assert status == 200
