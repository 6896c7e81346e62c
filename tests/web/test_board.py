"""The board page over real HTTP: its own secret address, read-only, no cookie, and only what the room may see."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import aiohttp

from tests.attention import SAID, rate_for_attention, summary_notes
from tests.core.test_review import PLAN
from tests.web.conftest import MANTELZORG, VISIE
from workshop.core.join_code import format_join_code, join_code
from workshop.core.plan import plan_file_name
from workshop.web.board import BOARD
from workshop.web.server import ParticipantServer

FLAGGED = "Mevrouw Jansen op kamer 12 viel gisteren, bel haar dochter op 06-12345678"


def _board_path(served) -> str:
    return served.server.app[BOARD].path


async def _get(served, path: str, **kwargs) -> tuple[int, str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(served.base + path, allow_redirects=False, **kwargs) as response,
    ):
        return response.status, await response.text(), response.headers


async def test_the_board_has_its_own_unguessable_address_and_shows_how_to_join(serve):
    served = await serve(MANTELZORG)
    path = _board_path(served)
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 20 and token != served.token and served.token not in path
    assert served.server.board_url == served.server.url.partition("/j/")[0] + path
    status, html, headers = await _get(served, path)
    assert status == 200
    assert "Set-Cookie" not in headers  # no participant, no language cookie: the board is nobody
    assert "<form" not in html and "csrf" not in html
    assert "Welkom en uitleg" in html
    assert format_join_code(join_code(served.token)) in html
    assert '<svg class="qr"' in html and f"127.0.0.1:{served.server.port}" in html
    assert 'http-equiv="refresh"' in html  # a board without JavaScript still follows the session
    assert "Content-Security-Policy" in headers and "nonce-" in headers["Content-Security-Policy"]


async def test_a_wrong_or_old_board_token_shows_nothing(serve):
    served = await serve(MANTELZORG)
    path = _board_path(served)
    for wrong in (path[:-1] + ("A" if path[-1] != "A" else "B"), "/b/" + served.token, "/b/", "/b/x/events"):
        status, html, _ = await _get(served, wrong)
        assert status == 404, wrong
        assert "Welkom en uitleg" not in html
    # Another session's board has another address.
    other = await serve(MANTELZORG)
    assert _board_path(other) != path


async def test_a_restarted_server_keeps_the_board_address_so_the_beamer_carries_on(serve):
    served = await serve(MANTELZORG)
    path, port = _board_path(served), served.server.port
    status, _, _ = await _get(served, path)
    assert status == 200
    # A restart (a crash, or the facilitator resuming later): the same session file, a new server.
    await served.server.stop()
    session_id = served.service.state.meta.id
    served.service.release()
    resumed = served.workspace.open_session(session_id)
    again = ParticipantServer(resumed)
    await again.start("127.0.0.1", port)
    try:
        assert again.app[BOARD].path == path and again.board_url.endswith(path)
        assert again.app[BOARD].token not in (again.token, resumed.state.meta.web_secret)
        async with aiohttp.ClientSession() as http, http.get(served.base + path) as response:
            assert response.status == 200
            assert "Welkom en uitleg" in await response.text()
    finally:
        await again.stop()
        served.service = resumed  # the fixture releases it


async def test_the_board_address_cannot_post_anything_or_open_a_participant_page(serve):
    served = await serve(MANTELZORG)
    path = _board_path(served)
    token = path.rsplit("/", 1)[1]
    before = served.service.state.version
    async with aiohttp.ClientSession() as http:
        for target in (path, f"{path}/events", f"/s/{token}/card", f"/s/{token}/vote", f"/s/{token}/rate"):
            async with http.post(served.base + target, data={"text": "hallo", "step": "x"}) as response:
                assert response.status in (403, 404, 405), target
        # With the board's token in a participant's address: not a page, not a join, not a stream.
        for target in (f"/s/{token}", f"/j/{token}", f"/s/{token}/events", f"/s/{token}/version"):
            async with http.get(served.base + target, allow_redirects=False) as response:
                assert response.status == 404, target
                assert "Set-Cookie" not in response.headers
    assert served.service.state.version == before
    assert not served.service.state.participants


async def test_a_flagged_card_is_masked_on_the_board_and_hidden_cards_are_not_shown(serve):
    served = await serve(MANTELZORG)
    served.go("drempels")
    phone = await served.phone()
    await phone.post("card", {"text": FLAGGED})
    await phone.post("card", {"text": "Te weinig tijd voor overleg"})
    cards = served.service.state.cards("drempels")
    assert cards[0].privacy, "the privacy guard flags the card"
    served.service.add_contribution("Verborgen kaartje", step_id="drempels")
    hidden = served.service.state.cards("drempels")[-1]
    served.service.hide_contribution(hidden.id)
    status, html, _ = await _get(served, _board_path(served))
    assert status == 200
    assert "Te weinig tijd voor overleg" in html
    for secret in ("Jansen", "12345678", "06-"):
        assert secret not in html
    assert "Deels afgeschermd" in html
    assert "Verborgen kaartje" not in html
    # Released by the facilitator: the room may read it now.
    served.service.release_card(cards[0].id)
    _, html, _ = await _get(served, _board_path(served))
    assert "Jansen" in html


async def test_the_actions_step_shows_the_agreed_actions_with_flagged_ones_masked(serve):
    served = await serve(MANTELZORG)
    served.service.add_action("Mantelzorgers bellen na de eerste week", owner="EVV'er", due="2027-01-15")
    flagged = served.service.add_action(
        "Terugbellen naar mevrouw Jansen op 06-12345678", owner="teamleider", due="2027-02-01"
    )
    assert flagged.privacy, "the privacy guard flags the action"
    _, html, _ = await _get(served, _board_path(served))
    assert "Mantelzorgers bellen" not in html, "only in the actions step"
    served.go("acties")
    _, html, _ = await _get(served, _board_path(served))
    assert "Afspraken" in html
    assert "Mantelzorgers bellen na de eerste week" in html and "EVV&#39;er" in html
    assert "15 jan 2027" in html and "2027-01-15" not in html  # the date as people read it
    assert html.index("Mantelzorgers bellen") < html.index("Terugbellen naar")  # in the order agreed
    for secret in ("Jansen", "12345678"):
        assert secret not in html
    assert "Deels afgeschermd" in html
    served.service.release_action(flagged.id)
    _, html, _ = await _get(served, _board_path(served))
    assert "Jansen" in html


async def test_cards_are_only_shown_where_the_room_sees_cards_and_results_only_after_the_reveal(serve):
    served = await serve(VISIE)
    phones = [await served.phone() for _ in range(3)]
    served.go("wat-moet-leren-opleveren")
    for n, phone in enumerate(phones):
        await phone.post("card", {"text": f"Kaartje nummer {n}"})
    _, html, _ = await _get(served, _board_path(served))
    assert "Kaartje nummer 2" in html
    assert "3 van 3 hebben iets gestuurd" in html
    served.go("randvoorwaarden")
    for phone in phones:
        page = await phone.page()
        fields = {f"s{i}": "rood" for i in range(len(served.service.state.step.rated_statements))}
        await phone.post("rate", fields, form_from=page)
    _, html, _ = await _get(served, _board_path(served))
    assert "Kaartje nummer" not in html
    assert "3 van 3 hebben alles beantwoord" in html  # every statement: only then done
    assert 'class="heat"' not in html  # not revealed yet: no counts, not even which statements stand out
    served.service.reveal()
    _, html, _ = await _get(served, _board_path(served))
    assert 'class="heat"' in html
    assert re.search(r"🔴 [^<]+</th>", html)  # every column says its answer in words
    assert '<td class="h4">3</td>' in html


async def test_the_board_stream_says_changed_after_a_step_change(serve):
    served = await serve(MANTELZORG)
    path = _board_path(served)
    async with aiohttp.ClientSession() as http, http.get(served.base + path + "/events") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert "Set-Cookie" not in response.headers
        assert await response.content.readline() == b"retry: 1000\n"
        await response.content.readline()
        served.go("drempels")
        line = await asyncio.wait_for(response.content.readline(), 5)
        assert line == b"event: changed\n"


async def test_the_board_shows_the_newest_cards_first_and_counts_the_rest(serve):
    served = await serve(MANTELZORG)
    served.go("drempels")
    for n in range(1, 16):
        served.service.add_contribution(f"Drempel {n:02d}", step_id="drempels")
    _, html, _ = await _get(served, _board_path(served))
    shown = re.findall(r"Drempel (\d\d)", html)
    assert shown == [f"{n:02d}" for n in range(15, 3, -1)]  # the newest twelve, newest first
    assert "En nog 3 eerdere kaartjes" in html


async def test_the_review_step_shows_the_open_actions_it_walks_with_flagged_ones_masked(serve):
    served = await serve(MANTELZORG)
    plan = served.workspace.exports_dir / plan_file_name("Team De Linde")
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(PLAN, encoding="utf-8")
    served.go("wat-is-er-met-onze-acties-gebeurd")  # entering the review step loads the plan's open actions
    assert {"r1", "r4"} <= {r.plan_id for r in served.service.state.reviews}
    _, html, _ = await _get(served, _board_path(served))
    assert "Acties van vorige keer" in html
    assert "Plan vaste leertijd" in html and "Status: bezig" in html
    assert "Jansen" not in html and "Deels afgeschermd" in html  # r4 names someone: masked until released
    served.service.review_action("r1", status="klaar", result="8 van 10 overleggen")
    _, html, _ = await _get(served, _board_path(served))
    assert "Status: klaar · ✓ besproken" in html
    assert "8 van 10 overleggen" not in html  # the group's written answers stay on the facilitator's screen


async def test_the_board_marks_what_needs_attention_in_the_summarys_words(serve):
    """Trial: the board marked only "⚠ oneens"; the red statements and those with many ❓ stayed unmarked. Now each
    row's 'Let op' cell says what the summary says, and a line under the table says why (the rule, short)."""
    served = await serve(MANTELZORG)
    rate_for_attention(served.service)
    _, page, _ = await _get(served, _board_path(served))
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th>.*?<td class="note">([^<]*)</td></tr>', page)
    shown = {html.unescape(text): html.unescape(note) for text, note in rows}
    notes = summary_notes(served.service.state)
    for text in served.service.state.step.rated_statements[: len(SAID)]:
        assert shown[text] == notes[text]
    assert [shown[text] for text in served.service.state.step.rated_statements[: len(SAID)]] == list(SAID)
    assert '<p class="legend">aandacht: minstens 2 mensen en 20% kiezen 🔴' in page
