"""'Deur dicht' from the keyboard (core/people.py close_door): a key (D) in the help and the palette, the state on the
session screen, and the facilitator's warnings about joins that name the keys that help. Real app, real core."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from tests.tui.screen_text import screen_lines
from workshop.core.attendance import SPIKE_JOINS, STRAY_SECONDS
from workshop.core.errors import DomainError
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import HelpScreen, TextDialog
from workshop.workspace import Workspace

DOOR_SHUT = "Deur dicht: nieuwe telefoons kunnen niet meedoen"
JOIN_URL = "http://192.168.1.23:8765/j/Vb3kQ9xTzP2mW7nR4sLc8A"  # phones join (without a server)


def session(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord", clock=clock)
    return workspace, service


def status(app) -> str:
    return " ".join(str(app.screen.query_one("#status").render()).split())


async def test_d_closes_the_door_and_opens_it_again_and_the_screen_says_so(tmp_path, clock):
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert DOOR_SHUT not in status(app)
        await pilot.press("D")
        await pilot.pause()
        assert service.state.meta.door_closed
        assert DOOR_SHUT in status(app)
        footer = " ".join(screen_lines(app)[-1].split())
        assert "D Deur open" in footer and "Deur dicht" not in footer, footer  # what D does now
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        said = [" ".join(str(s.render()).split()) for s in app.screen.query(Static)]
        assert "D Deur dicht of open" in said, said
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert not service.state.meta.door_closed and DOOR_SHUT not in status(app)


async def test_the_palette_offers_the_door(tmp_path, clock):
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "deur")
        await pilot.press("enter")
        await pilot.pause()
        assert service.state.meta.door_closed


async def test_a_burst_of_joins_warns_and_names_the_door_key(tmp_path, clock):
    workspace, service = session(tmp_path, clock)
    service.set_join_limit(200)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(SPIKE_JOINS + 1):
            service.join()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Doe de deur dicht" in m and "druk D" in m for m in said), said


async def test_a_full_session_tells_the_facilitator_how_places_free_up_and_how_to_make_room(tmp_path, clock):
    workspace, service = session(tmp_path, clock)
    service.set_details(headcount=4)  # 4 people: 7 phones may join (a margin of 3)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        phones = [service.join() for _ in range(7)]
        for phone in phones[:5]:
            service.phone_seen(phone.id)
        with pytest.raises(DomainError):  # the refusal itself is the core's (test_room_places.py)
            service.join()
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert "De sessie is vol (7 telefoons)" in said and "2 minuten niets deed, geeft zijn plek vrij" in said, said
        assert "d" in said and "aantal aanwezigen" in said
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        hint = " ".join(str(s.render()) for s in app.screen.query(".hint"))
        assert "plus een vijfde (minstens 3)" in hint, hint  # what the number does to the phones, where it is typed


async def test_raising_the_number_present_takes_the_full_warning_away_and_says_the_new_cap(tmp_path, clock):
    """A trial: "De sessie is vol" stayed on screen for its 20 seconds after the facilitator made room with d."""
    workspace, service = session(tmp_path, clock)
    service.set_details(headcount=4)  # 7 phones may join
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(7):
            service.phone_seen(service.join().id)
        with pytest.raises(DomainError):
            service.join()
        await pilot.pause()
        assert any("De sessie is vol" in n.message for n in app._notifications)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("backspace")
        await type_text(pilot, "10")
        await pilot.press("enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert service.state.meta.headcount == 10
        assert not any("De sessie is vol" in m for m in said), said
        assert "Er kunnen nu hooguit 13 telefoons tegelijk meedoen." in said, said


async def test_a_session_full_of_joins_no_page_followed_says_so_and_points_to_the_door(tmp_path, clock):
    """Trial: a flood of the join link filled the places while 4 phones were here; the console said only "vol" and
    suggested d, which does not help. It now says the places are held by joins no page followed, and D."""
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for phone in [service.join() for _ in range(4)]:
            service.phone_seen(phone.id)
        for _ in range(service.join_cap - 4):
            service.join()
        clock.advance(seconds=STRAY_SECONDS)
        with pytest.raises(DomainError):
            service.join()
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert "houden aanmeldingen vast waarna geen pagina werd geopend" in said, said
        assert "Doe de deur dicht: druk D" in said and "aantal aanwezigen" not in said, said


async def test_without_phones_the_screen_says_they_are_off_and_offers_no_door(tmp_path, clock):
    """Trial: started with --no-phones, the status line said "0 telefoons doen mee" and the footer, the help and
    the palette offered D (the door for new phones). Now the line says phones are off, D is not offered anywhere,
    and the help says how to turn phones on; a number present is said without a cap on phones."""
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)  # what --no-phones starts
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Telefoons uit" in status(app) and "telefoons doen mee" not in status(app)
        footer = " ".join(screen_lines(app)[-1].split())
        assert "Deur" not in footer, footer
        await pilot.press("D")
        await pilot.pause()
        assert not service.state.meta.door_closed and DOOR_SHUT not in status(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        said = " ".join(" ".join(str(s.render()).split()) for s in app.screen.query(Static))
        assert "Deur" not in said and "zonder --no-phones" in said, said
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "deur")
        await pilot.pause()
        assert "Deur dicht of open" not in " ".join(screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause()
        assert service.state.meta.headcount == 12
        told = [n.message for n in app._notifications]
        assert "12 aanwezig" in told and not any("telefoons" in m for m in told), told


async def test_without_phones_w_and_b_say_that_phones_are_off(tmp_path, clock):
    """Re-trial: with --no-phones, w (QR code) and b (board) did nothing without a word."""
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("w", "b"):
            app._notifications.clear()
            await pilot.press(key)
            await pilot.pause()
            told = " ".join(str(n.message) for n in app._notifications)
            assert "Telefoons staan uit" in told and "zonder --no-phones" in told, (key, told)
