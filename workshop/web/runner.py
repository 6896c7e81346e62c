"""Running the phone server inside the caller's event loop: listen, log without addresses, stop quickly."""

from __future__ import annotations

import errno
import logging
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from ..core.errors import WorkshopError
from ..core.session import SessionService, new_join_token
from .app import make_web_app
from .board import BOARD
from .context import WEB

DEFAULT_PORT = 8765
SHUTDOWN_TIMEOUT = 1.0  # aiohttp's default makes quitting wait up to 2 x 60 s with a request open
KEEPALIVE_TIMEOUT = 15.0
# Connections waiting to be accepted: 128 stalled a reconnect storm of more phones (after a restart) by 1-1.4 s.
# Linux caps it at net.core.somaxconn (4,096 on current kernels).
BACKLOG = 2048


class ServerStartError(WorkshopError):
    """The participant server could not listen: the port is taken or the address is not this laptop's."""


class _AccessLog(AbstractAccessLogger):
    """Logs method, route pattern, status and duration: never an address, the join token or a body."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, elapsed: float) -> None:
        try:
            match_info = getattr(request, "match_info", None)  # only a routed web.Request has one
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
        scan_process: bool = False,
        **options: Any,
    ) -> None:
        """`scan_process`: scan cards' texts for personal data in a process of its own (web/scanner.py) while
        the server runs, so a room sending cards does not wait for the scans on this loop."""
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
        self._scan_process = scan_process

    @property
    def capacity(self) -> int:
        """How many phones can hold a live-update stream at once (the others poll): sized to the open-file limit."""
        return self.app[WEB].hub.capacity

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

    @property
    def board_url(self) -> str:
        """The room's board page (read-only, for the beamer), with its own secret token. Raises before start()."""
        return self.url.partition("/j/")[0] + self.app[BOARD].path

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
        site = web.TCPSite(runner, host, port, backlog=BACKLOG)
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
        self.app[BOARD].join_url = self.url  # the board's QR code shows the address phones use
        if self._scan_process:
            await self.app[WEB].scanner.start()  # ready once it loaded its name lists; meanwhile the core scans
        return self.url

    async def stop(self) -> None:
        """Stop listening and close open pages' live streams; returns within about a second."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        await self.app[WEB].scanner.stop()
