"""The console counts in the room's words: how many phones joined ("2 telefoons doen mee", in the status line and
beside the QR code) and how many did what the step asks, in the very sentence the phones show ("1 van 2 hebben
iets gestuurd"). Before, the console said "N deelnemers" for two different counts and the phones something else
(trial). Real app, real server, real phones over HTTP."""

from __future__ import annotations

import re
import time
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import aiohttp

from tests.conftest import SCRIPTS, FakeClock
from tests.tui.screen_text import joined, widget_lines
from workshop.core.attendance import PRESENT_SECONDS
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import JoinPanel
from workshop.workspace import Workspace


async def _until(condition, what: str, pilot, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


def _status(app) -> str:
    return joined(" ".join(widget_lines(app, app.screen.query_one("#status"))))


@asynccontextmanager
async def console_with_phones(tmp_path, count: int, clock: FakeClock | None = None):
    """The real app on a new session of the vision script, its phones' server running, `count` phones joined."""
    workspace = Workspace(tmp_path)
    script = load_script(SCRIPTS / "visie-leren-ontwikkelen.md")
    service = workspace.new_session(script, team="Team Noord", **({"clock": clock} if clock else {}))
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    phones = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(count)]
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            await _until(lambda: screen.server is not None and screen.server.running, "the phones' server", pilot)
            for phone in phones:
                async with phone.get(screen.server.url) as response:
                    assert response.status == 200
            yield service, app, pilot, screen, phones
    finally:
        for phone in phones:
            await phone.close()


async def test_console_and_phones_count_in_the_same_words(tmp_path) -> None:
    async with console_with_phones(tmp_path, 2) as (service, app, pilot, screen, phones):
        service.add_proxy("Anna")  # someone without a phone: counted in the room, not as a phone
        await _until(lambda: "2 telefoons doen mee" in _status(app), "the phones in the status line", pilot)
        panel = joined(" ".join(widget_lines(app, screen.query_one(JoinPanel))))
        assert "2 telefoons doen mee" in panel and "deelnemer" not in panel
        assert not re.search(r"van \d+ hebben", _status(app)), "the welcome step asks nothing"

        service.go_to("wat-moet-leren-opleveren")
        author = service.state.participants[0].id
        service.add_contribution("Meer tijd om samen te leren", author=author)
        await _until(lambda: "1 van 3 heeft iets gestuurd" in _status(app), "the progress on the console", pilot)
        async with phones[1].get(screen.server.url.replace("/j/", "/s/")) as response:
            page = re.sub(r"\s+", " ", await response.text())
        assert "1 van 3 heeft iets gestuurd" in page, "the phone shows the same sentence"

        service.go_to("stemmen-op-themas")
        await _until(lambda: "0 van 3 hebben stippen gezet" in _status(app), "a vote's progress", pilot)


async def test_a_rating_counts_as_answered_only_when_every_statement_is(tmp_path) -> None:
    """User trial: "3 van 3 hebben geantwoord" while one had answered only one statement of many. Now the console and
    the phone count only those who answered every statement, and say so ("... hebben alles beantwoord")."""
    async with console_with_phones(tmp_path, 3) as (service, app, pilot, screen, phones):
        service.go_to("randvoorwaarden")
        statements = len(service.state.step.rated_statements)
        first, second, third = (p.id for p in service.state.participants)
        for n in range(statements):
            service.rate(n, "groen", voter=first)
        service.rate(0, "rood", voter=second)  # only the first statement, so far
        service.rate(1, "rood", voter=third)
        await _until(lambda: "1 van 3 heeft alles beantwoord" in _status(app), "the rating's progress", pilot)
        async with phones[0].get(screen.server.url.replace("/j/", "/s/")) as response:
            page = re.sub(r"\s+", " ", await response.text())
        assert "1 van 3 heeft alles beantwoord" in page, "the phone shows the same sentence"
        for n in range(1, statements):
            service.rate(n, "oranje", voter=second)
        await _until(lambda: "2 van 3 hebben alles beantwoord" in _status(app), "the second one done", pilot)


async def test_the_console_counts_the_phones_here_now_not_those_that_left(tmp_path) -> None:
    """User trial: phones that left (closed the page, swapped phones) still counted, beside the QR code and in the
    step's progress ("0 van 3"). Now both count the phones here now, and follow them without any key pressed."""
    clock = FakeClock(datetime.now(UTC))
    async with console_with_phones(tmp_path, 3, clock) as (service, app, pilot, screen, phones):
        service.go_to("wat-moet-leren-opleveren")
        await _until(lambda: "0 van 3 hebben iets gestuurd" in _status(app), "three phones here", pilot)
        clock.advance(seconds=PRESENT_SECONDS - 1)
        async with phones[0].get(screen.server.url.replace("/j/", "/s/")) as response:
            assert response.status == 200  # this one is still here; the other two asked nothing since
        clock.advance(seconds=2)
        await _until(lambda: "0 van 1 hebben iets gestuurd" in _status(app), "the progress of those here", pilot)
        assert "1 telefoon doet mee" in _status(app)
        panel = joined(" ".join(widget_lines(app, screen.query_one(JoinPanel))))
        assert "1 telefoon doet mee" in panel
