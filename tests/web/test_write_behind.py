"""The phones' writes go to the disk behind the event loop (issue 13): a slow disk holds only the requests waiting
for it, and a refused write takes back everything built on it. Real server, real session file; the FaultyStore
holds a write as a disk stuck in its fsync would (the writing thread sleeps, the others run)."""

from __future__ import annotations

import asyncio
import errno
import threading
import time

from tests.faulty_store import disk_refused
from tests.web.conftest import MANTELZORG
from workshop.core import events as ev


async def until(condition, what: str, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"never happened: {what}")


async def test_other_phones_are_served_while_a_card_waits_for_the_disk(serve):
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    writer, reader = await served.phone(), await served.phone()
    form = await writer.page()
    with served.store.holding() as gate:
        sending = asyncio.create_task(writer.post("card", {"text": "Op een trage schijf"}, form_from=form))
        await until(served.store.waiting.is_set, "the card's write started")
        page = await reader.page()  # with the write on the event loop, this waits for the disk
        answered_at = time.monotonic()
        assert page.status == 200
        assert not sending.done()  # no "Verstuurd" before the card is on disk
        gate.set()
        sent = await sending
    assert answered_at < served.store.let_go_at  # answered while the card's write was still held
    assert "?ok=card&c=" in sent.url
    assert [c.text for c in served.stored().cards("drempels")] == ["Op een trage schijf"]


async def test_a_refused_write_takes_back_every_card_built_on_it(serve):
    """The rule: a failed write fails its batch and every later batch not yet stored (they were built on it);
    the session goes back to what is stored. Nobody is told "Verstuurd" for a card that is not on disk."""
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    seen: list[ev.Event] = []
    served.service.subscribe(seen.append)
    first, second = await served.phone(), await served.phone()
    assert "?ok=card&c=" in (await first.post("card", {"text": "Al opgeslagen"})).url
    forms = await first.page(), await second.page()
    in_memory = lambda: [c.text for c in served.service.state.cards("drempels")]

    with served.store.holding() as gate:
        one = asyncio.create_task(first.post("card", {"text": "Eerste, op de trage schijf"}, form_from=forms[0]))
        await until(served.store.waiting.is_set, "the first card's write started")
        two = asyncio.create_task(second.post("card", {"text": "Tweede, erachteraan"}, form_from=forms[1]))
        await until(lambda: "Tweede, erachteraan" in in_memory(), "the second card counted in memory")
        # Nothing of either is announced before it is stored: no 'changed' for a card that may yet be lost.
        assert [e.card.text for e in seen if isinstance(e, ev.ContributionAdded)] == ["Al opgeslagen"]
        with served.store.refusing(disk_refused(errno.ENOSPC)):
            gate.set()
            answers = await asyncio.gather(one, two)

    for answer in answers:
        assert answer.status == 503 and answer.error == "Niet opgeslagen. Probeer het opnieuw."
    assert served.store.refused == 1  # the second batch was never written on top of the refused one
    assert in_memory() == ["Al opgeslagen"]
    assert [c.text for c in served.stored().cards("drempels")] == ["Al opgeslagen"]
    assert [e.card.text for e in seen if isinstance(e, ev.ContributionAdded)] == ["Al opgeslagen"]
    health = [e for e in seen if isinstance(e, ev.StoreHealthChanged)]
    assert len(health) == 1 and not health[0].ok and "de schijf is vol" in health[0].reason

    # The disk works again: sent again, each card is stored once, under a fresh number, and only now confirmed.
    assert "?ok=card&c=" in (await second.post("card", {"text": "Tweede, erachteraan"})).url
    assert "?ok=card&c=" in (await first.post("card", {"text": "Eerste, op de trage schijf"})).url
    stored = served.stored().cards("drempels")
    assert [c.text for c in stored] == ["Al opgeslagen", "Tweede, erachteraan", "Eerste, op de trage schijf"]
    assert len({c.id for c in stored}) == 3
    assert served.service.state.cards("drempels") == stored
    assert [e for e in seen if isinstance(e, ev.StoreHealthChanged)][-1].ok


async def test_the_facilitator_moving_on_waits_for_the_cards_on_their_way(serve):
    """A command of the facilitator (written on the loop) comes after the phones' batches before it, on disk too."""
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    seen: list[ev.Event] = []
    served.service.subscribe(seen.append)
    writer = await served.phone()
    form = await writer.page()
    with served.store.holding() as gate:
        sending = asyncio.create_task(writer.post("card", {"text": "Net op tijd"}, form_from=form))
        await until(served.store.waiting.is_set, "the card's write started")
        threading.Timer(0.1, gate.set).start()  # the disk comes through while the loop waits for it
        served.go("wat-pakken-we-eerst-aan")
        sent = await sending
    assert "?ok=card&c=" in sent.url
    kinds = [type(e) for e in seen if isinstance(e, (ev.ContributionAdded, ev.StepChanged))]
    assert kinds == [ev.ContributionAdded, ev.StepChanged]
    stored = served.stored()
    assert [c.text for c in stored.cards("drempels")] == ["Net op tijd"]
    assert stored.step.id == "wat-pakken-we-eerst-aan"


async def test_a_long_batch_gives_the_loop_a_turn_and_keeps_the_order(tmp_path):
    """A loop that was held up finds many phones' cards at once; the batch stops after commit.SLICE and the rest
    follow in the next one, after the loop's other work (the facilitator's keys). Every card is stored, in the
    order they came."""
    from tests.conftest import SCRIPTS
    from workshop.core.script import load_script
    from workshop.web import commit
    from workshop.workspace import Workspace

    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="Team Noord")
    service.go_to("wat-moet-leren-opleveren")
    queue = commit.CommandQueue(service)
    log: list[str] = []
    count = 3 * round(commit.SLICE / 0.001)  # three slices' worth of 1 ms commands

    def card(n: int):
        def command():
            time.sleep(0.001)  # a slow command (the privacy scan of a long card)
            log.append(f"card {n}")
            return service.add_contribution(f"Kaartje {n}")

        return command

    sending = [asyncio.create_task(queue.run(card(n))) for n in range(count)]
    await asyncio.sleep(0)  # every command queued; the first batch is scheduled
    asyncio.get_running_loop().call_soon(lambda: log.append("the loop's turn"))
    await asyncio.gather(*sending)
    assert log.index("the loop's turn") < count, "the loop waited for the whole batch"
    assert [entry for entry in log if entry.startswith("card")] == [f"card {n}" for n in range(count)]
    on_disk = workspace.read_session(service.state.meta.id)  # the session as stored, read without the lock
    assert [c.text for c in on_disk.cards("wat-moet-leren-opleveren")] == [f"Kaartje {n}" for n in range(count)]
