"""Fairness and robustness: budgets under concurrency, double taps, rate limits, logs, failures, headers, ports."""

from __future__ import annotations

import asyncio
import errno
import logging
import re
import socket
import time

import pytest

from tests.faulty_store import disk_refused
from tests.web.conftest import KWALITEIT, MANTELZORG, Served
from workshop.web.server import ParticipantServer, ServerStartError


async def kwaliteit_vote(serve) -> tuple[Served, list[str]]:
    """The 'Onze leeragenda' vote: 3 dots, no limit per item, on ungrouped cards."""
    served = await serve(KWALITEIT, burst=100)  # the rate limit has its own test
    service = served.service
    served.go("terugblik")
    ids = [service.add_contribution(t, category="Hier zijn we trots op").id for t in ("Scholing", "Intervisie")]
    served.go("onze-leeragenda")
    service.open_voting()
    return served, ids


async def test_vote_budget_holds_under_twenty_concurrent_casts_from_one_phone(serve):
    served, ids = await kwaliteit_vote(serve)
    phone = await served.phone()
    form = await phone.page()
    pages = await asyncio.gather(
        *(
            phone.post(
                "vote", {"item": ids[n % 2], "do": "add", "fid": f"tap-{n}"}, form_from=form, allow_redirects=False
            )
            for n in range(20)
        )
    )
    statuses = sorted(p.status for p in pages)
    assert statuses == [303] * 3 + [409] * 17
    assert all("Je hebt al je 3 stippen gebruikt." in p.text for p in pages if p.status == 409)
    mine = [v for v in served.service.state.votes if v.voter == phone.pid]
    assert len(mine) == 3
    assert len(served.stored().votes) == 3  # and exactly those are on disk


async def test_concurrent_phones_each_keep_their_own_budget(serve):
    served, ids = await kwaliteit_vote(serve)
    phones = [await served.phone() for _ in range(5)]
    forms = [await p.page() for p in phones]
    await asyncio.gather(
        *(
            phone.post("vote", {"item": ids[0], "do": "add", "fid": f"{n}"}, form_from=form)
            for phone, form in zip(phones, forms, strict=False)
            for n in range(4)
        )
    )
    counts = {p.pid: sum(1 for v in served.service.state.votes if v.voter == p.pid) for p in phones}
    assert set(counts.values()) == {3}


async def test_quick_taps_on_different_items_of_one_page_all_count(serve):
    """Every "+" on a page shares the page's form id: only a repeat of the same tap is a double tap."""
    served, ids = await kwaliteit_vote(serve)
    phone = await served.phone()
    page = await phone.page()  # no reload in between: all from the same page

    async def tap(item: str, do: str) -> list[str]:
        assert (await phone.post("vote", {"item": item, "do": do}, form_from=page)).status == 200
        return sorted(v.item_id for v in served.service.state.votes if v.voter == phone.pid)

    assert await tap(ids[0], "add") == [ids[0]]
    assert await tap(ids[1], "add") == sorted([ids[0], ids[1]])  # another item: counts
    assert await tap(ids[1], "add") == sorted([ids[0], ids[1]])  # the same tap again: a double tap
    assert await tap(ids[0], "remove") == [ids[1]]  # another button: counts


async def test_a_double_tap_sends_a_card_once(serve):
    served = await serve(MANTELZORG)
    served.go("drempels")
    phone = await served.phone()
    form = await phone.page()
    first, second = await asyncio.gather(
        phone.post("card", {"text": "Eén keer"}, form_from=form),
        phone.post("card", {"text": "Eén keer"}, form_from=form),
    )
    assert first.status == second.status == 200
    assert [c.text for c in served.service.state.cards("drempels")] == ["Eén keer"]
    # A new form (new page) can send the same words again on purpose.
    assert (await phone.post("card", {"text": "Eén keer"})).status == 200
    assert len(served.service.state.cards("drempels")) == 2


async def test_rate_limit_is_per_participant_not_per_address(serve):
    served = await serve(MANTELZORG, rate=10.0, burst=5)
    # Same IP address, like a room on one Wi-Fi; the role question left open (answering it takes tokens too).
    hasty, calm = await served.phone(role=None), await served.phone(role=None)
    # Joining is budgeted for the room; the page it redirects to took 1 of hasty's 5 tokens.
    pages = [await hasty.page() for _ in range(5)]
    assert [p.status for p in pages] == [200, 200, 200, 200, 429]
    assert "Even rustig aan: te veel verzoeken tegelijk." in pages[-1].text
    assert (await calm.page()).status == 200
    served.ticker.now += 0.1  # one token back at 10 per second
    assert (await hasty.page()).status == 200
    assert (await hasty.page()).status == 429


async def test_joins_share_one_room_budget_and_a_phone_over_it_tries_again_by_itself(serve):
    served = await serve(MANTELZORG, join_rate=1.0, join_burst=3)
    phones = [await served.phone(join=False) for _ in range(4)]
    pages = [await phone.join() for phone in phones]
    assert [p.status for p in pages] == [200, 200, 200, 429]
    assert len(served.service.state.participants) == 3
    # The fourth phone is told to wait, not that something failed, and its page retries the join link
    # after a few seconds (a different few per phone, so a rush does not come back all at once).
    waiting = pages[-1]
    assert "deze pagina probeert het zo vanzelf opnieuw" in waiting.text
    retry = int(waiting.headers["Retry-After"])
    assert 2 <= retry <= 6
    join_link = f"/j/{served.token}"
    assert f'<meta http-equiv="refresh" content="{retry};url={join_link}">' in waiting.text
    served.ticker.now += retry
    assert (await phones[-1].get(join_link)).status == 200
    assert len(served.service.state.participants) == 4


@pytest.mark.slow
async def test_with_the_default_budget_a_plenary_of_300_joins_at_once(serve):
    served = await serve(MANTELZORG, max_participants=1000)  # a plenary sets its own cap (--max-participants)
    phones = [await served.phone(join=False) for _ in range(300)]
    pages = await asyncio.gather(*(phone.join() for phone in phones))
    assert [p.status for p in pages] == [200] * 300
    assert len(served.service.state.participants) == 300
    assert (await (await served.phone(join=False)).join()).status == 429  # the ticker stood still
    served.ticker.now += 1.0  # 50 more a second
    late = await asyncio.gather(*[(await served.phone(join=False)).join() for _ in range(51)])
    assert sorted(p.status for p in late) == [200] * 50 + [429]


async def test_logs_hold_no_address_no_token_and_no_participant_text(serve, caplog):
    caplog.set_level(logging.DEBUG)
    served = await serve(MANTELZORG)
    served.go("drempels")
    phone = await served.phone()
    await phone.post("card", {"text": "GEHEIM-tekst-42"})
    await phone.post("card", {"text": "x" * 600})
    await phone.get("/s/fout-token")
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "workshop.web.access POST /s/{token}/card 303" in logged
    assert "workshop.web.access GET /s/{token} 404" in logged
    for secret in ("127.0.0.1", served.token, "GEHEIM", "xxxxxxxx", phone.pid, "fout-token"):
        assert secret not in logged, secret


async def test_a_failed_write_says_not_saved_and_keeps_nothing(serve):
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    phone = await served.phone()
    form = await phone.page()
    before = served.service.state

    with served.store.refusing(disk_refused(errno.ENOSPC)):
        page = await phone.post("card", {"text": "Belangrijk punt"}, form_from=form)
    assert served.store.refused == 1
    assert page.status == 503 and page.error == "Niet opgeslagen. Probeer het opnieuw."
    assert "Belangrijk punt" in page.text  # still in the textarea for the retry
    assert served.service.state is before
    assert (await phone.post("card", {"text": "Belangrijk punt"})).status == 200
    assert [c.text for c in served.stored().cards("drempels")] == ["Belangrijk punt"]


async def test_an_unexpected_error_never_reaches_the_phone_or_stops_the_session(serve, caplog):
    caplog.set_level(logging.DEBUG)
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    phone = await served.phone()
    form = await phone.page()

    words = "kapot met GEHEIME tekst"
    with served.store.refusing(lambda: RuntimeError(words)):  # not a refused write: a fault nobody foresaw
        page = await phone.post("card", {"text": "Hallo"}, form_from=form)
    assert page.status == 500
    assert "Er ging iets mis. Probeer het opnieuw" in page.text
    assert "Traceback" not in page.text and "kapot" not in page.text and "RuntimeError" not in page.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError while serving /s/{token}/card" in logged and "GEHEIME" not in logged
    assert served.service.state.cards("drempels") == ()  # nothing of the failed command counts
    # The session and the server carry on.
    served.service.advance()
    assert (await phone.page()).status == 200


async def test_security_headers_and_script_nonce(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone()
    page = await phone.page()
    csp = page.headers["Content-Security-Policy"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    assert f'<script nonce="{nonce}">' in page.text and f'<style nonce="{nonce}">' in page.text
    assert "default-src 'none'" in csp and "form-action 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert nonce != re.search(r"'nonce-([^']+)'", (await phone.page()).headers["Content-Security-Policy"]).group(1)


async def test_a_port_in_use_is_named_in_dutch_and_english(serve):
    served = await serve(MANTELZORG)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        second = ParticipantServer(served.service)
        with pytest.raises(ServerStartError) as err:
            await second.start("127.0.0.1", port)
    assert err.value.code == "web.port_in_use"
    assert f"Poort {port} is al in gebruik" in err.value.text("nl")
    assert f"Port {port} is already in use" in err.value.text("en")
    assert not second.running


async def test_an_address_that_is_not_this_laptop(serve):
    served = await serve(MANTELZORG)
    with pytest.raises(ServerStartError) as err:
        await ParticipantServer(served.service).start("192.0.2.254", 0)
    assert err.value.code == "web.cannot_listen" and "192.0.2.254" in str(err.value)


async def test_url_carries_the_token_and_a_stable_secret_keeps_phones_across_a_restart(serve):
    served = await serve(MANTELZORG, secret=b"s" * 32)
    assert served.server.url == f"http://127.0.0.1:{served.server.port}/j/{served.token}"
    phone = await served.phone()
    pid = phone.pid
    await served.server.stop()
    again = ParticipantServer(served.service, token=served.token, secret=b"s" * 32)
    await again.start("127.0.0.1", served.server.port)
    try:
        assert (await phone.page()).status == 200
        assert phone.pid == pid and len(served.service.state.participants) == 1
    finally:
        await again.stop()


async def test_stop_is_quick_even_with_live_streams_open(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone()
    response = await phone.http.get(f"{served.base}/s/{served.token}/events")
    assert response.status == 200
    await response.content.readline()
    started = time.monotonic()
    await served.server.stop()
    assert time.monotonic() - started < 2.0
    assert await asyncio.wait_for(response.content.read(), 2.0) is not None
    response.release()
    assert not served.server.running
