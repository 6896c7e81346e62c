"""Hardening under a full room: SIGKILL mid-load and restart, a full or read-only disk, kept join links.

The kill test runs the real server as its own program (`workshop serve`), kills it with SIGKILL while
phones are voting, starts it again on the same session and port, and lets the same phones (same
cookies) carry on. The disk tests refuse writes twice over: in-process through a FaultyStore around the
real session file (to see the events the facilitator gets), and in the real program through a
file-size limit set on it from outside.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import resource
import signal
import socket
import sys
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import ROOT, SCRIPTS, FakeClock
from tests.faulty_store import disk_refused
from tests.web.conftest import MANTELZORG
from workshop.bench.seed import OPTIONS, SCRIPT
from workshop.core import events as ev
from workshop.core.script import load_script, parse_script
from workshop.store import journal_path
from workshop.web.server import ParticipantServer
from workshop.workspace import Workspace

CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
PHONES = 12
_DOTS_LEFT = re.compile(r"Je hebt nog (\d+) van de (\d+) stippen")
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_HIDDEN = {name: re.compile(rf'name="{name}" value="([^"]*)"') for name in ("csrf", "step", "fid")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_serve(workspace: Workspace, session_id: str, port: int) -> tuple[asyncio.subprocess.Process, str]:
    """Start `workshop serve` for the session; returns the process and the join URL it printed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workshop.cli",
        "--workspace",
        str(workspace.root),
        "serve",
        session_id,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        stdout=asyncio.subprocess.PIPE,
        env=CHILD_ENV,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
    match = re.search(r"http://\S+", line)
    assert match, f"no join URL in {line!r}"
    return process, match.group(0)


class Phone:
    def __init__(self, connector: aiohttp.BaseConnector) -> None:
        self.http = aiohttp.ClientSession(
            connector=connector,
            connector_owner=False,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=20),
        )
        self.acked: Counter = Counter()
        self.csrf = ""

    async def page(self, base: str, token: str) -> tuple[int, str]:
        async with self.http.get(f"{base}/s/{token}", allow_redirects=False) as response:
            return response.status, await response.text()

    async def vote(self, base: str, token: str, item: str) -> int:
        data = {"csrf": self.csrf, "step": "stemmen", "item": item, "do": "add", "fid": os.urandom(6).hex()}
        async with self.http.post(f"{base}/s/{token}/vote", data=data, allow_redirects=False) as response:
            await response.read()
            if response.status == 303:
                self.acked[item] += 1
            return response.status


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_sigkill_mid_load_then_restart_keeps_every_dot_and_the_phones_carry_on(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(parse_script(SCRIPT, "bench.md"), team="Team De Linde", clock=FakeClock())
    session_id = service.state.meta.id
    service.go_to("stemmen")
    service.open_voting()
    service.release()
    port = free_port()
    process, url = await start_serve(workspace, session_id, port)
    base, token = url.split("/j/")
    connector = aiohttp.TCPConnector(limit=0)
    phones = [Phone(connector) for _ in range(PHONES)]
    try:
        for phone in phones:
            async with phone.http.get(url) as response:
                phone.csrf = _CSRF.search(await response.text()).group(1)

        async def tap(phone: Phone, n: int) -> None:
            try:
                await phone.vote(base, token, f"o{1 + n % len(OPTIONS)}")
            except (TimeoutError, aiohttp.ClientError):
                pass  # in flight when the server died: not acknowledged

        # Load: every phone taps its dots at once, over and over; kill the server while that goes on.
        taps = [asyncio.create_task(tap(phone, i)) for i, phone in enumerate(phones)]
        await asyncio.sleep(0)
        for _ in range(200):  # bounded: until a third of the dots are acknowledged
            if sum(sum(p.acked.values()) for p in phones) >= PHONES:
                break
            await asyncio.sleep(0.01)
        taps += [asyncio.create_task(tap(phone, i + 1)) for i, phone in enumerate(phones)]
        await asyncio.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        await asyncio.gather(*taps)
        acked_before = sum(sum(p.acked.values()) for p in phones)
        assert acked_before >= PHONES

        # The same session, the same port: the same join link (the QR code on paper still works).
        process, again = await start_serve(workspace, session_id, port)
        assert again == url
        service_file = workspace.read_session(session_id)
        stored = Counter((v.voter, v.item_id) for v in service_file.votes)
        for phone in phones:
            status, text = await phone.page(base, token)
            assert status == 200, "the phone's cookie no longer works"  # not sent back to join
            pid = next(c.value for c in phone.http.cookie_jar if c.key == "deelnemer").rpartition(".")[0]
            placed = sum(n for (voter, _), n in stored.items() if voter == pid)
            for item, n in phone.acked.items():
                assert stored[(pid, item)] >= n, "an acknowledged dot was lost"
            # The budget is intact: what the page offers is 3 minus the dots stored for this phone.
            left = int(_DOTS_LEFT.search(text).group(1))
            assert left == 3 - placed
            for n in range(left):
                assert await phone.vote(base, token, f"o{1 + n}") == 303
            assert await phone.vote(base, token, "o1") == 409  # the fourth dot is refused
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
        final = workspace.read_session(session_id)
        assert Counter(v.voter for v in final.votes) == Counter(
            {next(c.value for c in p.http.cookie_jar if c.key == "deelnemer").rpartition(".")[0]: 3 for p in phones}
        )
    finally:
        for phone in phones:
            await phone.http.close()
        await connector.close()
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.mark.parametrize(
    ("code", "reason"), [(errno.ENOSPC, "de schijf is vol"), (errno.EROFS, "de schijf of map is alleen-lezen")]
)
async def test_a_full_or_read_only_disk_refuses_clearly_and_recovers(serve, code, reason) -> None:
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempels")
    seen: list[ev.Event] = []
    served.service.subscribe(seen.append)
    phone = await served.phone()
    assert "?ok=card&c=" in (await phone.post("card", {"text": "Opgeslagen voor de storing"})).url

    with served.store.refusing(disk_refused(code)):
        refused = await phone.post("card", {"text": "Tijdens de storing"})
        assert refused.status == 503 and refused.error == "Niet opgeslagen. Probeer het opnieuw."
        assert "Tijdens de storing" in refused.text  # the phone keeps what it typed, to send again
        newcomer = await served.phone(join=False)
        assert (await newcomer.join()).status == 503  # joining needs a write too
    health = [e for e in seen if isinstance(e, ev.StoreHealthChanged)]
    assert health and not health[-1].ok and reason in health[-1].reason and health[-1].failures == 2
    assert reason in served.service.store_problem
    assert [c.text for c in served.service.state.cards("drempels")] == ["Opgeslagen voor de storing"]

    # Space is back.
    assert "?ok=card&c=" in (await phone.post("card", {"text": "Tijdens de storing"})).url
    assert [e for e in seen if isinstance(e, ev.StoreHealthChanged)][-1].ok
    assert served.service.store_problem == ""
    assert (await newcomer.join()).status == 200
    stored = [c.text for c in served.stored().cards("drempels")]
    assert stored == ["Opgeslagen voor de storing", "Tijdens de storing"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prlimit on another program is Linux")
async def test_a_real_full_disk_under_the_running_server_is_refused_and_recovers(tmp_path: Path) -> None:
    """The real `workshop serve`, no test double anywhere: its files may not grow (RLIMIT_FSIZE set on the
    running program from outside), so the journal append of a card is refused by the kernel, as on a full disk."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / MANTELZORG), team="Team De Linde", clock=FakeClock())
    session_id = service.state.meta.id
    service.go_to("drempels")
    service.release()
    process, url = await start_serve(workspace, session_id, free_port())
    base, token = url.split("/j/")
    journal = journal_path(workspace.session_path(session_id))
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone:

        async def send(text: str) -> tuple[int, str]:
            async with phone.get(f"{base}/s/{token}") as response:
                page = await response.text()
            fields = {name: _HIDDEN[name].search(page).group(1) for name in _HIDDEN}
            async with phone.post(f"{base}/s/{token}/card", data={**fields, "text": text}) as response:
                return response.status, await response.text()

        try:
            async with phone.get(url) as response:
                assert response.status == 200
            assert (await send("Opgeslagen voor de storing"))[0] == 200
            soft, hard = resource.prlimit(process.pid, resource.RLIMIT_FSIZE)
            resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (journal.stat().st_size, hard))
            status, page = await send("Tijdens de storing")
            assert status == 503 and "Niet opgeslagen. Probeer het opnieuw." in page
            assert "Tijdens de storing" in page  # kept in the form, to send again
            resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (soft, hard))  # space is back
            assert (await send("Tijdens de storing"))[0] == 200
        finally:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 20) == 0
    stored = [c.text for c in workspace.read_session(session_id).cards("drempels")]
    assert stored == ["Opgeslagen voor de storing", "Tijdens de storing"]


async def test_join_link_and_cookie_key_are_kept_with_the_session(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(parse_script(SCRIPT, "bench.md"), team="Team De Linde", clock=FakeClock())
    meta = service.state.meta
    assert len(meta.join_token) >= 22 and len(bytes.fromhex(meta.web_secret)) == 32
    server = ParticipantServer(service)
    url = await server.start("127.0.0.1", 0)
    assert url.endswith(f"/j/{meta.join_token}")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone:
        async with phone.get(url) as response:
            assert response.status == 200
        await server.stop()
        session_id = meta.id
        service.release()
        # A restart (a crash, or the facilitator resuming later): same link, the phone's cookie still counts.
        resumed = workspace.open_session(session_id)
        again = ParticipantServer(resumed)
        assert again.token == meta.join_token
        await again.start("127.0.0.1", server.port)
        try:
            async with phone.get(
                f"{server.url.split('/j/')[0]}/s/{meta.join_token}", allow_redirects=False
            ) as response:
                assert response.status == 200
            assert len(resumed.state.participants) == 1
        finally:
            await again.stop()
            resumed.release()
    # The caller can still choose its own (tests, a deliberately new link).
    reopened = workspace.open_session(session_id)
    try:
        assert ParticipantServer(reopened, token="eigen-token", secret=b"k" * 32).token == "eigen-token"
    finally:
        reopened.release()


def test_an_older_session_gets_its_link_and_key_on_first_resume(tmp_path: Path) -> None:
    from workshop.store.tinydb_store import open_store

    workspace = Workspace(tmp_path)
    service = workspace.new_session(parse_script(SCRIPT, "bench.md"), team="Oud team", clock=FakeClock())
    path = workspace.session_path(service.state.meta.id)
    service.release()
    with open_store(path) as store:  # make it look like a session from before issue 6
        meta = store.read()["meta"]["session"]
        del meta["join_token"], meta["web_secret"]
        from workshop.core.model import Change

        store.write([Change("meta", "session", meta)])
    first = workspace.open_session(path.stem)
    token, secret = first.state.meta.join_token, first.state.meta.web_secret
    assert token and secret
    first.release()
    second = workspace.open_session(path.stem)
    assert (second.state.meta.join_token, second.state.meta.web_secret) == (token, secret)
    second.release()
