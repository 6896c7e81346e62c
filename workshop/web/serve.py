"""`workshop serve SESSION`: only the participants' web server for one stored session, without the facilitator app.

For development, for tests that must kill the server (a child process), and for a second screen-less
laptop. It uses the session's own join token and cookie key, so the QR code and the phones' cookies
keep working across restarts.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import TextIO

from ..core import events as ev
from ..core.messages import render
from ..workspace import Workspace
from .network import lan_address
from .server import DEFAULT_PORT, ParticipantServer, ServerStartError

TEXT = {
    "nl": {
        "serving": "Telefoons doen mee via {url}\nStoppen: Ctrl+C",
        "not_saved": "LET OP: niet opgeslagen ({reason}). Telefoons krijgen 'niet opgeslagen, probeer het opnieuw'.",
        "saved_again": "Opslaan werkt weer.",
        "stopped": "Gestopt.",
    },
    "en": {
        "serving": "Phones join at {url}\nStop: Ctrl+C",
        "not_saved": "WARNING: not saved ({reason}). Phones are told 'not saved, try again'.",
        "saved_again": "Saving works again.",
        "stopped": "Stopped.",
    },
}


async def serve(
    workspace: Workspace,
    ref: str,
    *,
    host: str | None = None,
    port: int | None = None,
    lang: str = "nl",
    max_participants: int | None = None,
    stop: asyncio.Event | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Serve the phones of session `ref` until `stop` is set (or SIGINT/SIGTERM); returns the exit code.

    Prints the join URL on `out` once listening, and a warning on `err` whenever the disk refuses a
    write (and when it works again), or when joins spike, the session is full or phones knock on a
    closed door. `max_participants`: the session's join cap (None: keep its own). Raises StoreError
    when the session cannot be opened.
    """
    t = TEXT.get(lang, TEXT["nl"])
    address = lan_address(host)
    if address is None:
        print(render("web.no_lan", lang, {}), file=err)
        return 1
    service = workspace.open_session(ref)
    try:

        def on_event(event: ev.Event) -> None:
            if isinstance(event, ev.StoreHealthChanged):
                text = t["saved_again"] if event.ok else t["not_saved"].format(reason=event.reason)
                print(text, file=err, flush=True)
            elif isinstance(event, ev.JoinWarning):
                print(event.text(lang), file=err, flush=True)

        unsubscribe = service.subscribe(on_event)
        server = ParticipantServer(service, lang=lang, max_participants=max_participants)
        try:
            url = await server.start(address, DEFAULT_PORT if port is None else port)
        except ServerStartError as exc:
            print(exc.text(lang), file=err)
            return 1
        print(t["serving"].format(url=url), file=out, flush=True)
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        handled = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
                handled.append(signum)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # Windows: Ctrl+C arrives as KeyboardInterrupt instead
        try:
            await stop.wait()
        finally:
            for signum in handled:
                loop.remove_signal_handler(signum)
            await server.stop()
            unsubscribe()
        print(t["stopped"], file=out, flush=True)
        return 0
    finally:
        service.release()


def run(
    workspace: Workspace,
    ref: str,
    *,
    host: str | None,
    port: int | None,
    lang: str,
    max_participants: int | None = None,
) -> int:
    """Run `serve` in a fresh event loop (the CLI entry); returns the exit code."""
    try:
        return asyncio.run(serve(workspace, ref, host=host, port=port, lang=lang, max_participants=max_participants))
    except KeyboardInterrupt:
        return 0
