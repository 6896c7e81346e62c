"""Cards' privacy scans run in a process of their own (issue 13: the scan was the largest part of a card's cost
on the server's loop). Real server, real scanner process, real session file: the child's verdict is the one
stored, and a child that dies or hangs leaves the scan to the core, never a card unscanned or refused."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from datetime import date

import pytest

from tests.web.conftest import MANTELZORG
from tests.web.test_write_behind import until
from workshop.core.prescan import Scanned, scan_ahead
from workshop.web.scan_child import answer
from workshop.web.scanner import WAIT
from workshop.web.server import WEB

PRIVATE = "Bel mevrouw Jansen op 06-12345678"


async def scanning(serve):
    served = await serve(MANTELZORG, scan_process=True)
    scanner = served.server.app[WEB].scanner
    await until(lambda: scanner.ready, "the scanner process loaded its name lists", seconds=20)
    served.go("drempels")
    return served, scanner


def stored_privacy(served) -> dict[str, tuple[str, ...]]:
    return {c.text: c.privacy for c in served.stored().contributions}


async def test_a_phones_card_is_scanned_by_the_scanner_process_and_its_verdict_stored(serve):
    served, scanner = await scanning(serve)
    phone = await served.phone()
    for text in (PRIVATE, "Geen tijd voor overleg"):
        sent = await phone.post("card", {"text": text})
        assert "?ok=card" in sent.url
    assert scanner.answered == 2  # the child scanned both, the core did not have to
    flags = stored_privacy(served)
    assert set(flags[PRIVATE]) >= {"phone", "name"}
    assert flags["Geen tijd voor overleg"] == ()
    assert "Laat het nummer weg" in (await phone.page()).text  # the sender is told, as before


async def test_a_scanner_that_died_leaves_the_scan_to_the_core(serve):
    served, scanner = await scanning(serve)
    os.kill(scanner.pid, signal.SIGKILL)
    await until(lambda: not scanner.ready, "the server noticed the scanner is gone")
    sent = await (await served.phone()).post("card", {"text": PRIVATE})
    assert "?ok=card" in sent.url
    assert scanner.answered == 0
    assert "phone" in stored_privacy(served)[PRIVATE]


@pytest.mark.slow  # waits the scanner's 2 s on purpose
async def test_a_hanging_scanner_holds_a_card_at_most_its_wait_then_the_core_scans(serve):
    served, scanner = await scanning(serve)
    phone = await served.phone()
    os.kill(scanner.pid, signal.SIGSTOP)
    try:
        started = asyncio.get_running_loop().time()
        sent = await phone.post("card", {"text": PRIVATE})
        waited = asyncio.get_running_loop().time() - started
    finally:
        os.kill(scanner.pid, signal.SIGCONT)
    assert "?ok=card" in sent.url
    assert WAIT <= waited < WAIT + 5
    assert "phone" in stored_privacy(served)[PRIVATE]


async def test_the_scanner_process_ends_with_the_server(serve):
    served, scanner = await scanning(serve)
    pid = scanner.pid
    await served.server.stop()
    assert scanner.pid is None and not scanner.ready
    with pytest.raises(ProcessLookupError):  # gone and reaped, not left running or a zombie
        os.kill(pid, 0)


def test_a_scan_made_ahead_counts_only_for_its_own_text_and_day(tmp_path):
    from workshop.core.prescan import card_flags

    today = date(2026, 12, 5)
    forged = Scanned(PRIVATE, today, ())  # says "nothing found"
    assert card_flags(PRIVATE, today, forged) == ()  # the same text and day: taken as scanned
    assert "phone" in card_flags(PRIVATE + ".", today, forged)  # another text: scanned again
    assert "phone" in card_flags(PRIVATE, date(2026, 12, 6), forged)  # another day: scanned again
    assert scan_ahead("  " + PRIVATE + "\x07 ", today).text == PRIVATE  # cleaned as the card command cleans


def test_the_scanner_child_never_repeats_a_text_in_an_error():
    malformed = json.dumps({"day": "gisteren", "texts": [PRIVATE]}).encode()
    reply = answer(malformed)
    assert b"Jansen" not in reply and json.loads(reply) == {"error": "ValueError"}
    good = json.loads(answer(json.dumps({"day": "2026-12-05", "texts": [PRIVATE, "Geen tijd"]}).encode()))
    assert "phone" in good["kinds"][0] and good["kinds"][1] == []


async def test_a_double_tap_of_a_card_is_scanned_once(serve):
    """Two taps on Versturen send the same form twice, the second while the first may still be scanned or stored:
    one card, and its text goes to the privacy scanner once (it is participant text: no needless copies)."""
    served, scanner = await scanning(serve)
    phone = await served.phone()
    form = await phone.page()
    fields = {"text": PRIVATE}
    first, second = await asyncio.gather(
        phone.post("card", fields, form_from=form), phone.post("card", fields, form_from=form)
    )
    again = await phone.post("card", fields, form_from=form)  # a third tap, after the first was answered
    assert {first.url, second.url, again.url} == {first.url} and "?ok=card" in first.url
    assert [c.text for c in served.service.state.cards("drempels")] == [PRIVATE]
    assert scanner.answered == 1
