"""A bench phone's card posts, written by hand on one kept-alive connection per phone.

The room bench compares the durable server with a no-op one; the no-op's figure is only a baseline while the
server, not the phones, is what limits it. aiohttp's client costs the phones' processes ~0.3 ms of CPU per
post, so on two cores the phones, not the no-op server, set its pace (issue 13). A form post on a socket of
its own, read back as far as its status line and headers, costs a fraction of that: what the phones ask of
the server is the same request (its cookie, CSRF field, form id and text, urlencoded), and the server serves
it the same way. Joining, the pages and the live streams stay on aiohttp: they are not timed per request.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode, urlsplit

MAX_HEAD = 16 * 1024  # bytes of status line and headers read at most


class ResponseError(ValueError):
    """The server's answer is not one this client reads (a malformed or oversized head)."""


class CardPoster:
    """Posts urlencoded forms to one path, with one cookie header, over one kept-alive HTTP/1.1 connection."""

    def __init__(self, base: str, path: str, cookie: str) -> None:
        address = urlsplit(base)
        self._host = address.hostname or "127.0.0.1"
        self._port = address.port or 80
        self._head = (
            f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        ).encode("ascii")
        self._stream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, fields: dict[str, str]) -> tuple[int, str]:
        """Send one form; return the answer's status and Location header (its body is read and dropped).

        Raises OSError, asyncio.IncompleteReadError or ResponseError; the connection is then dropped and the
        next post opens a new one (a post is never sent twice).
        """
        body = urlencode(fields).encode("ascii")
        try:
            if self._stream is None or self._stream[0].at_eof():
                self._stream = await asyncio.open_connection(self._host, self._port)
            reader, writer = self._stream
            writer.write(self._head + str(len(body)).encode("ascii") + b"\r\n\r\n" + body)
            status, headers = _read_head(await reader.readuntil(b"\r\n\r\n"))
            if headers.get("transfer-encoding", "").lower() == "chunked":
                await _skip_chunks(reader)
            elif int(headers.get("content-length", "0")):
                await reader.readexactly(int(headers["content-length"]))
            if headers.get("connection", "").lower() == "close":
                await self.close()
            return status, headers.get("location", "")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            await self.close()
            raise

    async def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream[1].close()
            try:
                await stream[1].wait_closed()
            except OSError:
                pass


def _read_head(raw: bytes) -> tuple[int, dict[str, str]]:
    if len(raw) > MAX_HEAD or not raw.startswith(b"HTTP/1.1 "):
        raise ResponseError("not an HTTP/1.1 answer")
    lines = raw.decode("latin-1").split("\r\n")
    status = int(lines[0][9:12])
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return status, headers


async def _skip_chunks(reader: asyncio.StreamReader) -> None:
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(size + 2)  # the chunk and its CRLF
        if size == 0:
            return
