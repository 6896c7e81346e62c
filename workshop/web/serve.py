"""`workshop serve SESSION`: only the participants' web server for one stored session, without the facilitator app.

For development, for tests that must kill the server (a child process), and for a second screen-less
laptop. It uses the session's own join token and cookie key, so the QR code and the phones' cookies
keep working across restarts.
"""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
from typing import TextIO

from ..core import events as ev
from ..core.messages import render
from ..workspace import Workspace
from .limits import FILES_PER_PHONE, RESERVED_FILES, raise_open_files
from .network import lan_address
from .server import DEFAULT_PORT, ParticipantServer, ServerStartError

TEXT = {
    "nl": {
        "serving": "Telefoons doen mee via {url}\nStoppen: Ctrl+C",
        "not_saved": "LET OP: niet opgeslagen ({reason}). Telefoons krijgen 'niet opgeslagen, probeer het opnieuw'.",
        "saved_again": "Opslaan werkt weer.",
        "stopped": "Gestopt.",
        "capacity": "Plaats voor {phones} telefoons met directe updates (open bestanden: {files}); "
        "meer telefoons vernieuwen zelf om de paar seconden.",
        "few_files": "Voor {wanted} telefoons met directe updates: start met een hogere limiet, bijvoorbeeld "
        "`ulimit -n {files}`.",
    },
    "en": {
        "serving": "Phones join at {url}\nStop: Ctrl+C",
        "not_saved": "WARNING: not saved ({reason}). Phones are told 'not saved, try again'.",
        "saved_again": "Saving works again.",
        "stopped": "Stopped.",
        "capacity": "Room for {phones} phones with live updates (open files: {files}); "
        "more phones refresh by themselves every few seconds.",
        "few_files": "For {wanted} phones with live updates: start with a higher limit, e.g. `ulimit -n {files}`.",
    },
}

# A plenary's phones: below this many live streams `serve` says how to raise the open-file limit.
PLENARY = 1_000
# The session's records are frozen out of the collector once it listens (the facilitator app does the same), so a
# full collection no longer walks them (it paused `serve` for up to 60 ms). The youngest generation keeps Python's
# own threshold: at 50,000 allocations a young collection paused the room benchmark's server for 16-26 ms (p50) and
# up to 70 ms. The middle one is collected at every second young collection instead of every eleventh: it then holds
# the survivors of two young collections (mostly requests in flight), not ten, and its pauses went from 4-6 ms (p50)
# to 0.6-1.0 ms, for no more collector time in all; the durable cards' spread p99 fell from 13-20 ms to 11-13 ms in
# alternated runs (benchmarks/README.md). A full collection comes after ~1,000 middle ones (~2,000 young ones, where
# it was ~1,100), and only when the records built since the last one are a quarter of the old ones.
GC_THRESHOLDS = (700, 1, 1000)
# Seconds between two asks whether the step's time so far is to be stored (SessionService.keep_time decides).
KEEP_CHECK = 15.0


def quiet_gc() -> None:
    """Move everything built so far out of the collector's way, and collect the oldest generation less often.

    Called once the server listens: the session's records and the app live as long as the process, and
    full collections over them paused `workshop serve` for up to 60 ms under load.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


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
    tune_gc: bool = False,
) -> int:
    """Serve the phones of session `ref` until `stop` is set (or SIGINT/SIGTERM); returns the exit code.

        Prints the join URL on `out` once listening, and a warning on `err` whenever the disk refuses a
        write (and when it works again), or when joins spike, the session is full or phones knock on a
        closed door. `max_participants`: the session's join cap (None: keep its own). `tune_gc`: once listening,
    freeze the garbage collector's view of the process (quiet_gc; the CLI's own process). Raises StoreError
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
        server = ParticipantServer(service, lang=lang, max_participants=max_participants, scan_process=True)
        try:
            url = await server.start(address, DEFAULT_PORT if port is None else port)
        except ServerStartError as exc:
            print(exc.text(lang), file=err)
            return 1
        print(t["serving"].format(url=url), file=out, flush=True)
        files = raise_open_files()
        if server.capacity < PLENARY:
            wanted = PLENARY * FILES_PER_PHONE + RESERVED_FILES
            print(t["few_files"].format(wanted=PLENARY, files=wanted), file=err, flush=True)
        print(t["capacity"].format(phones=server.capacity, files=files), file=out, flush=True)
        if tune_gc:
            quiet_gc()
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
            while not stop.is_set():
                try:
                    await asyncio.wait_for(stop.wait(), KEEP_CHECK)
                except TimeoutError:
                    service.keep_time()  # the step's time so far, in case this process is killed
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
        return asyncio.run(
            serve(workspace, ref, host=host, port=port, lang=lang, max_participants=max_participants, tune_gc=True)
        )
    except KeyboardInterrupt:
        return 0
