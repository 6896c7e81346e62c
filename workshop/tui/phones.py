"""Starting the phones' web server for a session in the app's own event loop, and its printable join sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.join_code import format_join_code, join_code
from ..core.messages import render
from .strings import tr

if TYPE_CHECKING:
    from ..core.session import SessionService
    from ..web.server import ParticipantServer


@dataclass(frozen=True)
class Started:
    """The outcome of starting the server: its URL (and the server), or why phones cannot join."""

    server: ParticipantServer | None = None
    url: str = ""
    problem: str = ""


def short_code(url: str) -> str:
    """The six-character join code of the join link's token, as people read it ("KMT 4RX"); "" without one.

    The link carries the session's join token (…/j/<token>), so this is the session's own code.
    """
    _, sep, token = url.rpartition("/j/")
    return format_join_code(join_code(token.strip("/"))) if sep else ""


def typed_address(url: str) -> str:
    """The part of the join link people type, with the join code, when they cannot scan: the server's own address
    ("http://192.168.1.23:8765", whose page asks for the code); the whole `url` when it holds no join token."""
    head, sep, _ = url.rpartition("/j/")
    return head if sep else url


def how_to_join(lang: str) -> str:
    """One line on how to join, for the screen and the printable sheet."""
    return tr("Scan de QR-code met de camera van je telefoon, of typ de link in je browser.", lang)


async def start_server(
    service: SessionService, host: str | None, port: int | None, lang: str, max_participants: int | None = None
) -> Started:
    """Start the phones' web server on the laptop's network address (or `host`); never raises."""
    # Imported here: the web server (aiohttp) is only needed once a session runs.
    from ..web.network import lan_address
    from ..web.server import DEFAULT_PORT, ParticipantServer, ServerStartError

    address = lan_address(host)
    if address is None:
        return Started(problem=render("web.no_lan", lang, {}))
    server = ParticipantServer(service, lang=lang, max_participants=max_participants, scan_process=True)
    try:
        url = await server.start(address, DEFAULT_PORT if port is None else port)  # 0: any free port
    except ServerStartError as err:
        return Started(problem=err.text(lang))
    return Started(server=server, url=url)


def write_sheet(url: str, code: str, path: Path, lang: str) -> Path | None:
    """Write the printable join sheet (QR code, code, link, one line of instructions); None when the disk refuses.

    The QR code on the screen works without it, so a failure here is no reason to stop.
    """
    from ..web.qr import write_join_sheet

    try:
        return write_join_sheet(
            url,
            path,
            title=tr("Meedoen met de telefoon", lang),
            code=tr("Code: {code}", lang, code=code) if code else "",
            instructions=(how_to_join(lang),),
        )
    except OSError:
        return None
