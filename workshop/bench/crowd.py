"""The room benchmark's phones, in a process of their own: join, hold a live stream each, send cards on command.

    python -m workshop.bench.crowd BASE TOKEN FIRST COUNT SEED

Runs phones FIRST .. FIRST+COUNT-1 against the server at BASE. Each phone behaves as phone.js does: it
keeps one Server-Sent Events stream open (`?v=` its page's mark, `Last-Event-ID` once it had an event,
reconnecting after the server's `retry:` when the stream breaks) and, while following, fetches its page
again on every 'changed' event its newest page does not show yet and after every reconnect. It sends cards
without following the form's answer (a page, for phone.js), so every own card costs one page fetched on its
'changed', at most one a second (web/live.py OWN_EVERY). Steered with one JSON object a line on stdin,
answered with one JSON object a line on stdout (see `Crowd.handle`). Times are `time.monotonic()`,
which every process on the machine shares, so the parent compares them with its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sys
import time
from collections import Counter
from typing import Any

import aiohttp

from ..web.limits import raise_open_files
from .rawpost import CardPoster
from .seed import LIVE_COLLECT

REQUEST_TIMEOUT = 30.0
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
_SINCE = re.compile(r'data-since="([^"]*)"')
_STEP = re.compile(r'name="step" value="([^"]+)"')


def phone_http(connector: aiohttp.TCPConnector) -> aiohttp.ClientSession:
    """A phone's own HTTP session (its cookie jar) over the bench's shared connection pool."""
    return aiohttp.ClientSession(
        connector=connector,
        connector_owner=False,
        cookie_jar=aiohttp.CookieJar(unsafe=True),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
    )


class StreamPhone:
    """One phone: its own cookies, CSRF token and page mark, and one live stream."""

    def __init__(self, number: int, base: str, token: str, connector: aiohttp.TCPConnector) -> None:
        self.number = number
        self.base = base
        self.token = token
        self.http = phone_http(connector)
        self.csrf = ""
        self.mark = ""  # the page's resume mark (data-since)
        self.step = ""  # the step its newest page shows
        self.last_id = ""  # the newest event id, sent back as Last-Event-ID
        self.follow = False  # fetch the page on 'changed' (phone.js does; off while cards are timed)
        self.connected = False
        self.connects = 0
        self.refused = 0
        self.changed: list[float] = []  # when 'changed' events arrived (since the last `since`)
        self.pages: list[float] = []  # when refreshed pages arrived
        self.connected_at: list[float] = []
        self._refreshing = False
        self._again = False
        self.task: asyncio.Task[None] | None = None
        self._refreshes: set[asyncio.Task[None]] = set()  # page fetches in flight, cancelled on close
        self.poster: CardPoster | None = None  # its card posts (rawpost.py), made at the first card

    def _read_page(self, text: str) -> None:
        for pattern, name in ((CSRF_FIELD, "csrf"), (_SINCE, "mark"), (_STEP, "step")):
            match = pattern.search(text)
            if match:
                setattr(self, name, match.group(1))

    async def join(self) -> str:
        """Follow the join link to the page; returns "" when in, else what went wrong."""
        async with self.http.get(f"{self.base}/j/{self.token}") as response:
            text = await response.text()
            if response.status != 200:
                return str(response.status)
        self._read_page(text)
        return "" if self.csrf and self.mark else "no-csrf-or-mark"

    async def refresh(self) -> None:
        """Fetch the page again (coalescing: at most one in flight, one more queued), as phone.js does."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        try:
            while True:
                self._again = False
                try:
                    async with self.http.get(f"{self.base}/s/{self.token}") as response:
                        text = await response.text()
                    if response.status == 200:
                        self._read_page(text)
                        self.pages.append(time.monotonic())
                except (TimeoutError, aiohttp.ClientError, OSError):
                    pass
                if not self._again:
                    break
        finally:
            self._refreshing = False

    def shows(self, mark: str) -> bool:
        """True when the newest page already shows the change `mark` names (phone.js then fetches none)."""
        epoch, _, version = mark.rpartition(".")
        own_epoch, _, own = self.mark.rpartition(".")
        return bool(epoch) and epoch == own_epoch and version.isdigit() and own.isdigit() and int(version) <= int(own)

    def _refresh_soon(self) -> None:
        task = asyncio.ensure_future(self.refresh())
        self._refreshes.add(task)
        task.add_done_callback(self._refreshes.discard)

    async def listen(self) -> None:
        """Hold the live stream for good, reconnecting as EventSource does."""
        retry = 3.0
        lost = False
        while True:
            headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
            if self.last_id:
                headers["Last-Event-ID"] = self.last_id
            try:
                async with self.http.get(
                    f"{self.base}/s/{self.token}/events",
                    params={"v": self.mark},
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=None, sock_connect=REQUEST_TIMEOUT, sock_read=60),
                ) as response:
                    if response.status != 200:
                        self.refused += 1  # phone.js polls meanwhile and asks for a stream again 20-40 s later
                        await response.read()
                        await asyncio.sleep(20 + random.random() * 20)
                        continue
                    self.connected = True
                    self.connects += 1
                    self.connected_at.append(time.monotonic())
                    if lost and self.follow:
                        self._refresh_soon()
                    event = ""
                    async for raw in response.content:
                        line = raw.decode("utf-8").rstrip("\r\n")
                        if not line:
                            if event == "changed":
                                self.changed.append(time.monotonic())
                                if self.follow and not self.shows(self.last_id):
                                    self._refresh_soon()
                            event = ""
                            continue
                        name, _, value = line.partition(":")
                        value = value[1:] if value.startswith(" ") else value
                        if name == "event":
                            event = value
                        elif name == "id":
                            self.last_id = value
                        elif name == "retry" and value.isdigit():
                            retry = int(value) / 1000
            except (TimeoutError, aiohttp.ClientError, OSError):
                pass
            self.connected = False
            lost = True
            await asyncio.sleep(retry)

    async def card(self, text: str) -> tuple[float, bool, str]:
        """POST one card without following the redirect: (seconds, acknowledged, error kind)."""
        data = {"csrf": self.csrf, "fid": os.urandom(9).hex(), "step": LIVE_COLLECT, "text": text}
        if self.poster is None:
            cookie = "; ".join(f"{morsel.key}={morsel.value}" for morsel in self.http.cookie_jar)  # this server's only
            self.poster = CardPoster(self.base, f"/s/{self.token}/card", cookie)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                status, location = await self.poster.post(data)
            ok = status == 303 and "?ok=" in location
            kind = "" if ok else str(status)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.poster.close()  # after a timeout the answer may still come: never read it as the next one's
            ok, kind = False, type(exc).__name__
        return time.perf_counter() - started, ok, kind

    async def close(self) -> None:
        for task in [self.task, *self._refreshes]:
            if task is not None:
                task.cancel()
        await asyncio.gather(*(t for t in [self.task, *self._refreshes] if t is not None), return_exceptions=True)
        if self.poster is not None:
            await self.poster.close()
        await self.http.close()


class Crowd:
    """This process's phones and the commands the parent sends them."""

    def __init__(self, base: str, token: str, first: int, count: int, seed: int) -> None:
        self.connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=30.0)
        self.phones = [StreamPhone(n, base, token, self.connector) for n in range(first, first + count)]
        self.rng = random.Random(seed * 7_919 + first)

    async def handle(self, command: dict[str, Any]) -> dict[str, Any]:
        do = command["do"]
        if do == "join":
            kinds = Counter(k for k in await asyncio.gather(*(self._safe_join(p) for p in self.phones)) if k)
            self.phones = [p for p in self.phones if p.csrf]
            return {"joined": len(self.phones), "errors": dict(kinds)}
        if do == "listen":
            for phone in self.phones:
                phone.task = asyncio.ensure_future(phone.listen())
            return await self._until_connected(command.get("timeout", 60.0))
        if do == "follow":
            for phone in self.phones:
                phone.follow = bool(command["on"])
            return {}
        if do == "since":
            for phone in self.phones:
                phone.changed.clear()
                phone.pages.clear()
                phone.connected_at.clear()
            return {"t": time.monotonic()}
        if do == "state":
            return {
                "changed": [p.changed[0] if p.changed else None for p in self.phones],
                "pages": [p.pages[-1] if p.pages else None for p in self.phones],
                "reconnected": [p.connected_at[0] if p.connected_at else None for p in self.phones],
                "connected": sum(p.connected for p in self.phones),
                "refused": sum(p.refused for p in self.phones),
                "steps": dict(Counter(p.step for p in self.phones)),
            }
        if do == "cpu":
            return {"cpu": time.process_time()}
        if do == "cards":
            return await self._cards(command)
        raise ValueError(f"unknown command {do}")

    async def _safe_join(self, phone: StreamPhone) -> str:
        try:
            return await phone.join()
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            return type(exc).__name__

    async def _until_connected(self, within: float) -> dict[str, Any]:
        for _ in range(int(within * 10)):
            if sum(p.connected for p in self.phones) == len(self.phones):
                break
            await asyncio.sleep(0.1)
        return {"connected": sum(p.connected for p in self.phones), "refused": sum(p.refused for p in self.phones)}

    async def _cards(self, command: dict[str, Any]) -> dict[str, Any]:
        """Each phone sends `count` cards: spread (a random start within `window`, 0.1-0.5 s between) or herd."""
        count, window, tag = int(command["count"]), float(command.get("window", 0.0)), command["tag"]
        pause = (0.1, 0.5) if window else (0.0, 0.0)

        async def one(phone: StreamPhone, delay: float) -> list[tuple[float, bool, str, str]]:
            await asyncio.sleep(delay)
            out = []
            for j in range(count):
                text = f"Idee {tag}{phone.number}x{j}: meer tijd voor overleg in het team"
                seconds, ok, kind = await phone.card(text)
                out.append((seconds, ok, kind, text))
                if pause[1]:
                    await asyncio.sleep(self.rng.uniform(*pause))
            return out

        started = time.monotonic()
        outcomes = await asyncio.gather(*(one(p, self.rng.uniform(0, window)) for p in self.phones))
        ended = time.monotonic()
        flat = [o for outcome in outcomes for o in outcome]
        return {
            "start": started,
            "end": ended,
            "ms": [round(s * 1000, 3) for s, ok, _, _ in flat if ok],
            "sent": len(flat),
            "errors": dict(Counter(kind for _, ok, kind, _ in flat if not ok)),
            "texts": [text for _, ok, _, text in flat if ok],
            "cpu": time.process_time(),
        }

    async def close(self) -> None:
        for phone in self.phones:
            await phone.close()
        await self.connector.close()


async def main(base: str, token: str, first: int, count: int, seed: int) -> int:
    raise_open_files()  # each phone holds two connections
    crowd = Crowd(base, token, first, count, seed)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    print(json.dumps({"ready": True}), flush=True)
    try:
        for _ in range(10_000):  # bounded: a run sends a few dozen commands
            line = (await reader.readline()).decode().strip()
            if not line:
                break
            command = json.loads(line)
            if command["do"] == "stop":
                break
            try:
                reply = await crowd.handle(command)
            except Exception as exc:
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(reply), flush=True)
    finally:
        await crowd.close()
    return 0


if __name__ == "__main__":
    base_url, join_token, first_phone, phone_count, rng_seed = sys.argv[1:6]
    raise SystemExit(asyncio.run(main(base_url, join_token, int(first_phone), int(phone_count), int(rng_seed))))
