"""Live updates (Server-Sent Events) and group commit of phone requests."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from tests.conftest import FIXTURES
from tests.web.conftest import MANTELZORG, Phone, Served
from workshop.core import events as ev
from workshop.core.errors import DomainError, StoreWriteError
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.web.commit import CommandQueue
from workshop.web.live import ENDED, LiveHub, audience
from workshop.web.server import WEB

TIMEOUT = 5.0  # generous upper bound; every wait below ends as soon as the event arrives


class Events:
    """An open event stream of one phone, read line by line."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response
        self.raw: list[str] = []

    @classmethod
    async def open(cls, served: Served, phone: Phone) -> Events:
        response = await phone.http.get(f"{served.base}/s/{served.token}/events")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        stream = cls(response)
        assert await stream.line() == "retry: 3000"
        return stream

    async def line(self) -> str:
        raw = await asyncio.wait_for(self.response.content.readline(), TIMEOUT)
        text = raw.decode().rstrip("\n")
        self.raw.append(text)
        return text

    async def next_change(self) -> int:
        """Wait for the next 'changed' event; returns its state version."""
        while True:
            if await self.line() == "event: changed":
                data = await self.line()
                assert data.startswith("data: ")
                return int(data.removeprefix("data: "))

    def close(self) -> None:
        self.response.close()


async def test_phones_hear_when_the_facilitator_moves_on(serve):
    served = await serve(MANTELZORG)
    one, two = await served.phone(), await served.phone()
    streams = [await Events.open(served, one), await Events.open(served, two)]
    served.service.advance()
    version = served.service.state.version
    assert [await s.next_change() for s in streams] == [version, version]
    served.go("drempels")
    served.go("wat-pakken-we-eerst-aan")
    served.service.open_voting()
    assert await streams[0].next_change() <= served.service.state.version
    for s in streams:
        s.close()


async def test_a_poll_waits_for_news_and_hears_when_the_session_ends(serve):
    """A phone without a stream polls `/version?wait=1`: the answer waits for a change ("1"), and when the server
    stops it says so like the stream's 'ended' event (user trial: a polling phone only lost its connection)."""
    served = await serve(MANTELZORG)
    phone = await served.phone()
    mark = served.server.app[WEB].hub.mark(served.service.state.version)
    poll = f"/s/{served.token}/version?wait=1&v={mark}"
    assert (await phone.get(f"/s/{served.token}/version?v={mark}")).text == "0"  # without wait: at once
    waiting = asyncio.create_task(phone.get(poll))
    await asyncio.sleep(0.2)
    assert not waiting.done()  # nothing new: it waits
    served.service.advance()
    assert (await asyncio.wait_for(waiting, 5)).text == "1"
    mark = served.server.app[WEB].hub.mark(served.service.state.version)
    waiting = asyncio.create_task(phone.get(f"/s/{served.token}/version?wait=1&v={mark}"))
    await asyncio.sleep(0.2)
    await served.server.stop()
    answer = await asyncio.wait_for(waiting, 5)
    assert answer.status == 200
    # The session is still open (the facilitator only left): paused, not ended (test_paused_or_ended.py).
    assert answer.text.startswith("ended\nDe begeleider heeft de sessie gepauzeerd.")
    await phone.close()


async def test_someone_elses_input_is_never_pushed_and_no_text_ever_is(serve):
    served = await serve(MANTELZORG)
    served.go("drempels")
    watcher, writer = await served.phone(), await served.phone()
    watching = await Events.open(served, watcher)
    writing = await Events.open(served, writer)
    await writer.post("card", {"text": "Geheim kaartje"})
    card_version = served.service.state.version
    # The writer's own other tabs hear of it; the watcher does not.
    assert await writing.next_change() == card_version
    served.service.advance()
    assert await watching.next_change() == served.service.state.version  # the first thing it heard
    assert all("Geheim" not in line for line in watching.raw + writing.raw)
    assert all(
        line in ("", "retry: 3000", "event: changed") or line.startswith(("data: ", ": ping"))
        for line in watching.raw + writing.raw
    )
    watching.close()
    writing.close()


async def test_results_revealed_reach_every_phone(serve):
    served = await serve(MANTELZORG)
    served.go("drempelcheck")
    phone = await served.phone()
    stream = await Events.open(served, phone)
    served.service.reveal()
    assert await stream.next_change() == served.service.state.version
    assert "<h2>Uitslag</h2>" in (await phone.page()).text
    stream.close()


async def test_streams_need_a_participant(serve):
    served = await serve(MANTELZORG)
    stranger = await served.phone(join=False)
    page = await stranger.get(f"/s/{served.token}/events")
    assert page.status == 403 and "niet aangemeld" in page.text


async def test_heartbeat_keeps_the_stream_alive(serve):
    served = await serve(MANTELZORG, heartbeat=0.05)
    stream = await Events.open(served, await served.phone())
    assert await stream.line() == ""  # the end of the retry field
    assert await stream.line() == ": ping"
    stream.close()


def test_audience_of_each_event():
    script = load_script(FIXTURES / "mini.md")
    service = SessionService.start(script, team="T", store=MemoryStore(), session_id="s")
    state = service.state
    p = service.join()
    card = service.add_contribution("x", author="facilitator", step_id="ideeen", category="A")
    assert audience(ev.StepChanged(1, step_id="a", index=1), state) == "all"
    assert audience(ev.ResultsRevealed(1, step_id="a", revealed=True), state) == "all"
    assert audience(ev.ParticipantJoined(1, participant=p), state) is None
    assert audience(ev.ContributionAdded(1, card=card), state) == "facilitator"  # nobody's phone
    assert audience(ev.ThemeRemoved(1, theme_id="t1"), state) is None
    service.go_to(next(s.id for s in script.steps if s.kind == "vote"))
    assert audience(ev.ContributionAdded(1, card=card), service.state) == "all"  # vote items may change


async def test_hub_bounds_streams_per_participant_and_in_total():
    hub = LiveHub(lambda: None, per_participant=2, max_streams=3)  # type: ignore[arg-type]
    a1, a2 = hub.open("a"), hub.open("a")
    a3 = hub.open("a")
    assert len(hub) == 2 and a1 is not None and a1.queue.get_nowait() is None  # the oldest tab was closed
    assert hub.open("b") is not None
    assert hub.open("c") is None
    hub.shutdown()
    assert a2.queue.get_nowait() == a3.queue.get_nowait() == ENDED and len(hub) == 0  # told why, then closed


async def test_group_commit_writes_a_burst_once_and_acknowledges_after_the_write():
    script = load_script(FIXTURES / "mini.md")
    store = MemoryStore()
    service = SessionService.start(script, team="T", store=store, session_id="s")
    service.advance()  # ideeen: collect with categories A/B
    phones = [service.join().id for _ in range(10)]
    # A slice long enough for the whole burst on a busy machine: this is about grouping (slicing: test_write_behind).
    queue = CommandQueue(service, slice_s=1.0)
    writes = store.writes
    calls = [
        queue.run(lambda pid=pid: service.add_contribution(f"kaart {pid}", author=pid, category="A")) for pid in phones
    ]
    calls.append(queue.run(lambda: service.add_contribution("", author=phones[0], category="A")))
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert store.writes == writes + 1  # ten cards, one disk write
    assert isinstance(results[-1], DomainError) and results[-1].code == "card.empty"
    assert len(service.state.cards("ideeen")) == 10

    def failing(changes):
        raise StoreWriteError("store.write_failed", reason="test")

    store.write = failing  # type: ignore[method-assign]
    before = service.state
    with pytest.raises(StoreWriteError):
        await queue.run(lambda: service.add_contribution("verloren", author=phones[0], category="A"))
    assert service.state is before


async def test_the_app_listens_to_the_session_only_while_it_runs(serve):
    served = await serve(MANTELZORG)
    listeners = served.service._listeners
    assert len(listeners) == 2  # the phones' live hub and the board page's streams
    await served.server.stop()
    assert listeners == []


async def test_a_progress_line_reaches_every_stream_a_chunk_at_a_time_spread_out():
    """Progress wakes PROGRESS_CHUNK streams at a time, PROGRESS_SPACING apart (requests are read in between and
    never wait behind a burst of writes), yet reaches all."""
    from workshop.web.live import PROGRESS_CHUNK, PROGRESS_SPACING

    hub = LiveHub(lambda: None, per_participant=1, max_streams=1_000, progress=lambda: "9 12")  # type: ignore[arg-type]
    streams = [hub.open(f"p{n}") for n in range(2 * PROGRESS_CHUNK + 7)]
    assert all(s is not None for s in streams)
    hub._send_progress()
    woken = [s for s in streams if s is not None and s.progress]
    assert len(woken) == PROGRESS_CHUNK  # the first chunk now, the rest later
    for _ in range(3):
        await asyncio.sleep(0)
    assert len([s for s in streams if s is not None and s.progress]) == PROGRESS_CHUNK  # not on the next turns
    await asyncio.sleep(6 * PROGRESS_SPACING)
    assert all(s is not None and s.progress == "9 12" and s.queue.get_nowait() == 0 for s in streams)


async def test_a_tab_hears_of_its_own_changes_at_once_then_at_most_once_per_window():
    """A phone sending cards quickly makes its tabs fetch the page once per window, not once per card (issue 12)."""
    script = load_script(FIXTURES / "mini.md")
    service = SessionService.start(script, team="T", store=MemoryStore(), session_id="s")
    service.advance()  # ideeen: collect
    pid = service.join().id
    hub = LiveHub(lambda: service.state, own_every=0.2)
    service.subscribe(hub.publish)
    stream, other = hub.open(pid), hub.open("someone-else")
    assert stream is not None and other is not None
    service.add_contribution("een", author=pid, category="A")
    assert stream.queue.get_nowait() == service.state.version  # the first one at once
    service.add_contribution("twee", author=pid, category="A")
    service.add_contribution("drie", author=pid, category="A")
    assert stream.queue.empty()  # held back: the tab would fetch its page for every card
    # One notice once the window is over, carrying the newest version.
    assert await asyncio.wait_for(stream.queue.get(), TIMEOUT) == service.state.version
    assert other.queue.empty()  # nobody else hears of it
    hub.shutdown()


async def test_a_step_change_is_never_held_back_and_replaces_a_held_notice():
    script = load_script(FIXTURES / "mini.md")
    service = SessionService.start(script, team="T", store=MemoryStore(), session_id="s")
    service.advance()
    pid = service.join().id
    hub = LiveHub(lambda: service.state, own_every=60.0)
    service.subscribe(hub.publish)
    stream = hub.open(pid)
    assert stream is not None
    service.add_contribution("een", author=pid, category="A")
    stream.queue.get_nowait()
    service.add_contribution("twee", author=pid, category="A")
    assert stream.queue.empty() and stream.own_due is not None  # held back for a minute
    service.advance()
    assert stream.queue.get_nowait() == service.state.version  # the step change: at once
    assert stream.own_due is None  # and nothing more follows: the page it fetches is the newest
    hub.shutdown()


async def test_a_progress_line_reaches_even_a_large_plenary_within_a_second():
    """Chunks of 5, 5 ms apart, would take 3 s for 3,000 streams (longer than the 2 s between progress lines): the
    chunks grow so that every stream hears it within PROGRESS_WITHIN. (Checked by the chunks' plan, not by the clock:
    on a busy machine the loop's timers run late whatever the plan.)"""
    from workshop.web.live import PROGRESS_SPACING, PROGRESS_WITHIN

    hub = LiveHub(lambda: None, per_participant=1, max_streams=3_000, progress=lambda: "9 12")  # type: ignore[arg-type]
    streams = [hub.open(f"p{n}") for n in range(3_000)]
    assert all(s is not None for s in streams)
    hub._send_progress()
    first = sum(1 for s in streams if s is not None and s.progress)  # the first chunk goes at once
    chunks = -(-len(streams) // first)
    assert (chunks - 1) * PROGRESS_SPACING <= PROGRESS_WITHIN, (first, chunks)
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not all(s is not None and s.progress for s in streams):  # and the rest follow
        assert loop.time() - started < 10 * PROGRESS_WITHIN
        await asyncio.sleep(0.01)
