"""Every phone page and form against the real server on a real port: join, each step kind, results."""

from __future__ import annotations

import re

from markupsafe import escape

from tests.web.conftest import INCIDENT, KWALITEIT, MANTELZORG, VISIE
from workshop.core.model import FACILITATOR


async def test_join_sets_an_anonymous_signed_cookie_and_redirects(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone(join=False)
    async with phone.http.get(f"{served.base}/j/{served.token}", allow_redirects=False) as response:
        assert response.status == 303
        assert response.headers["Location"].startswith(f"/s/{served.token}?j=")  # when the cookie was given
        cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    (participant,) = served.service.state.participants
    assert phone.pid == participant.id and participant.nickname is None
    page = await phone.page()
    assert page.status == 200
    assert "<h1>Welkom en uitleg</h1>" in page.text
    # The script's Markdown prompt is rendered: bold privacy line, the scale, and the waiting message.
    assert "<strong>Geen namen, geen BSN, geen geboortedata" in page.text
    assert "Kijk mee op het scherm." in page.text
    assert "Stap 1 van 10" in page.text


async def test_joining_again_keeps_the_same_identity(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone()
    first = phone.pid
    assert (await phone.join()).status == 200
    assert phone.pid == first
    assert len(served.service.state.participants) == 1
    other = await served.phone()
    assert other.pid != first and len(served.service.state.participants) == 2


async def test_collect_step_sends_cards_and_lists_your_own(serve):
    served = await serve(MANTELZORG)
    served.go("drempels")
    phone, other = await served.phone(), await served.phone()
    page = await phone.page()
    assert '<textarea id="text" name="text" maxlength="500"' in page.text
    assert page.hidden("step") == "drempels"
    sent = await phone.post("card", {"text": "Geen vaste plek voor afspraken"})
    assert sent.status == 200 and sent.url.endswith("?ok=card&c=c1")
    assert sent.notice == "Verstuurd. Je kunt er nog een sturen."
    assert "Dit heb jij gestuurd" in sent.text and "Geen vaste plek voor afspraken" in sent.text
    await other.post("card", {"text": "Iets van een ander"})
    # A phone sees only its own cards, never someone else's.
    assert "Iets van een ander" not in (await phone.page()).text
    (card, _) = served.service.state.cards("drempels")
    assert (card.text, card.author, card.via, card.step_id) == (
        "Geen vaste plek voor afspraken",
        phone.pid,
        "participant",
        "drempels",
    )
    stored = [c.text for c in served.stored().cards("drempels")]
    assert stored == ["Geen vaste plek voor afspraken", "Iets van een ander"]


async def test_collect_step_with_categories_offers_a_select(serve):
    served = await serve(VISIE)
    served.go("wat-moet-leren-opleveren")
    phone = await served.phone()
    page = await phone.page()
    assert '<select id="category" name="category" required>' in page.text
    for name in ("Cliënten", "Naasten", "Onszelf"):
        assert f'<option value="{name}">{name}</option>' in page.text
    sent = await phone.post("card", {"text": "Betere overdracht", "category": "Naasten"})
    assert sent.status == 200
    assert served.service.state.cards("wat-moet-leren-opleveren")[0].category == "Naasten"
    assert '<span class="tag">Naasten</span>' in sent.text


async def test_chosen_categories_are_the_ones_offered(serve):
    served = await serve(VISIE)
    served.go("over-drie-jaar")
    served.service.choose_categories(["Strategie", "Borging"])
    page = await (await served.phone()).page()
    assert '<option value="Strategie">' in page.text and '<option value="Borging">' in page.text
    assert "Kennisdeling" not in page.text


async def test_round_step_takes_a_short_answer(serve):
    served = await serve(MANTELZORG)
    served.go("wat-ging-goed")
    phone = await served.phone()
    page = await phone.page()
    assert "Jouw antwoord" in page.text and "<select" not in page.text
    assert (await phone.post("card", {"text": "De dochter belde op tijd"})).status == 200
    assert served.service.state.cards("wat-ging-goed")[0].text == "De dochter belde op tijd"


async def test_close_step_with_a_scale_asks_the_title_as_a_question(serve):
    served = await serve(INCIDENT)
    served.go("hoe-veilig-voelde-dit-gesprek")
    phone = await served.phone()
    page = await phone.page()
    assert "<textarea" not in page.text
    assert 'class="choices scale-1-5"' in page.text
    assert page.text.count('type="radio" name="s0"') == 5
    sent = await phone.post("rate", {"s0": "4"})
    assert sent.status == 200 and sent.notice == "Je antwoorden zijn opgeslagen."
    (rating,) = served.service.state.ratings
    assert (rating.statement, rating.value, rating.voter, rating.via) == (0, "4", phone.pid, "participant")
    assert 'name="s0" value="4" checked' in sent.text


async def test_rate_step_shows_every_statement_and_answers_can_change(serve):
    served = await serve(MANTELZORG)
    served.go("drempelcheck")
    phone = await served.phone()
    page = await phone.page()
    assert page.text.count("<fieldset") == 21
    assert "🟢 geregeld en werkt" in page.text and "❓ weet ik niet" in page.text
    assert "0 van 21 ingevuld" in page.text
    sent = await phone.post("rate", {"s0": "groen", "s13": "rood"})
    assert sent.status == 200 and "2 van 21 ingevuld" in sent.text
    await phone.post("rate", {"s0": "oranje"})
    ratings = {r.statement: r.value for r in served.service.state.ratings}
    assert ratings == {0: "oranje", 13: "rood"}
    page = await phone.page()
    assert 'name="s0" value="oranje" checked' in page.text and 'name="s0" value="groen" checked' not in page.text
    assert {r.statement: r.value for r in served.stored().ratings} == {0: "oranje", 13: "rood"}


async def test_vote_step_waits_until_voting_opens_then_spends_and_takes_back_dots(serve):
    served = await serve(MANTELZORG)
    service = served.service
    served.go("drempels")
    for text in ("Geen tijd", "Onduidelijke afspraken", "Privacyregels"):
        service.add_contribution(text)
    served.go("wat-pakken-we-eerst-aan")
    phone = await served.phone()
    page = await phone.page()
    assert "Het stemmen is nog niet open." in page.text and 'name="item"' not in page.text
    service.open_voting()
    page = await phone.page()
    assert "Je hebt nog 2 van de 2 stippen." in page.text
    assert "Hooguit 1 stip per punt." in page.text
    assert page.text.count('name="item"') == 3
    items = [c.id for c in service.state.cards("drempels")]
    sent = await phone.post("vote", {"item": items[0], "do": "add"}, form_from=page)
    assert sent.status == 200 and sent.notice is None  # the dot and the counter say it
    assert "Je hebt nog 1 van de 2 stippen." in sent.text and 'value="remove"' in sent.text
    # Without JavaScript the page comes back at the item that was tapped.
    redirect = await phone.post("vote", {"item": items[1], "do": "add"}, allow_redirects=False)
    assert redirect.status == 303 and redirect.headers["Location"] == (
        f"/s/{served.token}?ok=add&s=wat-pakken-we-eerst-aan#item-{items[1]}"
    )
    page = await phone.page()
    assert "Je hebt nog 0 van de 2 stippen." in page.text
    assert page.text.count('value="add" disabled') == 3  # no dots left: the buttons say so
    taken = await phone.post("vote", {"item": items[0], "do": "remove"})
    assert taken.status == 200 and "Je hebt nog 1 van de 2 stippen." in taken.text
    assert [(v.item_id, v.voter) for v in service.state.votes] == [(items[1], phone.pid)]
    assert service.dots_left(phone.pid) == 1


async def test_with_one_dot_the_phone_says_one_stip_not_one_of_one_stippen(serve):
    served = await serve("kort-teamoverleg.md")
    service = served.service
    served.go("een-signaal")
    for text in ("Bel deed het niet", "Huisarts op tijd gebeld"):
        service.add_contribution(text)
    served.go("welk-signaal-pakken-we-op")
    service.open_voting()
    phone = await served.phone()
    page = await phone.page()
    assert "Je hebt nog 1 stip." in page.text and "van de 1 stippen" not in page.text
    item = service.state.cards("een-signaal")[0].id
    sent = await phone.post("vote", {"item": item, "do": "add"}, form_from=page)
    assert sent.status == 200 and "Je hebt geen stip meer." in sent.text


async def test_results_reach_the_phone_only_once_revealed(serve):
    served = await serve(MANTELZORG)
    service = served.service
    served.go("drempelcheck")
    # Three phones: the script's minimum group size, below which no count is shown.
    phone, *others = [await served.phone() for _ in range(3)]
    for each in (phone, *others):
        await each.post("rate", {"s0": "rood", "s1": "groen"})
    assert "Uitslag" not in (await phone.page()).text
    service.reveal()
    page = await phone.page()
    assert "<h2>Uitslag</h2>" in page.text
    assert '<i class="w20 v-rood">' in page.text  # statement 1: all answers red
    # The review step looks back on the revealed rate step.
    served.go("rood-of-oneens")
    assert "Uitslag: Drempelcheck" in (await phone.page()).text


async def test_vote_results_after_reveal(serve):
    served = await serve(MANTELZORG)
    service = served.service
    served.go("drempels")
    card = service.add_contribution("Geen tijd")
    served.go("wat-pakken-we-eerst-aan")
    service.open_voting()
    phone = await served.phone()
    await phone.post("vote", {"item": card.id, "do": "add"})
    for _ in range(2):  # three voters: the script's minimum group size
        await (await served.phone()).post("vote", {"item": card.id, "do": "add"})
    service.close_voting()
    page = await phone.page()
    # Closed, not "not open yet" (issue 13), and your dots stay in view.
    assert "Het stemmen is gesloten." in page.text and "Uitslag" not in page.text
    assert 'Geen tijd <strong class="count">(1 stip)</strong>' in page.text
    service.reveal()
    page = await phone.page()
    assert "1. Geen tijd" in page.text and '<span class="count">3 stippen</span>' in page.text
    assert "Het stemmen is nog niet open." not in page.text


async def test_explain_group_and_actions_steps_are_waiting_pages_that_refresh_without_js(serve):
    served = await serve(VISIE)
    phone = await served.phone()
    for step_id in ("welkom", "themas-maken", "eerste-stappen"):
        served.go(step_id)
        page = await phone.page()
        assert "Kijk mee op het scherm." in page.text, step_id
        assert "<form" not in page.text
        assert f'<noscript><meta http-equiv="refresh" content="10;url=/s/{served.token}"></noscript>' in page.text


async def test_input_pages_never_auto_refresh_without_js(serve):
    """A meta refresh would throw away what someone is typing."""
    served = await serve(MANTELZORG)
    served.go("drempels")
    page = await (await served.phone()).page()
    assert 'http-equiv="refresh"' not in page.text
    assert f'<a class="button secondary" href="/s/{served.token}">Vernieuwen</a>' in page.text


async def test_closed_session_says_thank_you(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone()
    served.service.close_session()
    page = await phone.page()
    assert "De sessie is afgelopen. Bedankt voor het meedoen!" in page.text
    newcomer = await served.phone(join=False)
    refused = await newcomer.join()
    assert refused.status == 409 and "Deze sessie is afgesloten." in refused.text


async def test_page_in_english(serve):
    served = await serve(MANTELZORG, lang="en")
    served.go("drempels")
    phone = await served.phone()
    page = await phone.page()
    assert '<html lang="en">' in page.text and "Your card" in page.text and "Send" in page.text
    empty = await phone.post("card", {"text": " "})
    assert empty.error == "Your message is empty. Type something first."


async def test_markdown_prompt_html_is_escaped(serve):
    """Raw HTML in a script prompt is shown as text, not run (html disabled in markdown-it)."""
    from workshop.web.views import render_prompt

    rendered = str(render_prompt("Hallo <script>alert(1)</script> **vet** [x](javascript:alert(1))"))
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<strong>vet</strong>" in rendered and 'href="javascript' not in rendered


async def test_review_of_open_actions_takes_answers(serve):
    served = await serve(KWALITEIT)
    served.go("wat-is-er-met-onze-acties-gebeurd")
    phone = await served.phone()
    assert (await phone.post("card", {"text": "Actie 1 is klaar"})).status == 200
    card = served.service.state.cards("wat-is-er-met-onze-acties-gebeurd")[0]
    assert card.author == phone.pid and card.author != FACILITATOR


async def test_hostile_text_is_stored_verbatim_and_escaped_everywhere(serve):
    served = await serve(MANTELZORG)
    service = served.service
    served.go("drempels")
    phone = await served.phone()
    hostile = ['<script>alert("x")</script>', "[bold red]x[/]", '"><img src=x onerror=alert(1)>', "{{ 7*7 }} & ${x}"]
    for text in hostile:
        assert (await phone.post("card", {"text": text})).status == 200
    assert [c.text for c in service.state.cards("drempels")] == hostile
    assert [c.text for c in served.stored().cards("drempels")] == hostile
    page = await phone.page()
    for text in hostile:
        assert str(escape(text)) in page.text
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    assert "{{ 7*7 }}" in page.text  # not evaluated as a template
    # The same cards as vote items on another phone: escaped there too.
    served.go("wat-pakken-we-eerst-aan")
    service.open_voting()
    page = await (await served.phone()).page()
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "[bold red]x[/]" in page.text


async def test_privacy_guard_warns_the_sender_and_masks_the_card_for_other_phones(serve):
    served = await serve(MANTELZORG)
    service = served.service
    served.go("drempels")
    sender = await served.phone()
    sent = await sender.post("card", {"text": "Mevrouw Jansen wacht te lang op hulp"})
    assert sent.status == 200
    (card,) = service.state.cards("drempels")
    assert card.text == "Mevrouw Jansen wacht te lang op hulp" and card.privacy  # kept, but flagged
    assert "Je bericht bevat mogelijk een naam." in sent.text  # the sender reads why
    served.go("wat-pakken-we-eerst-aan")
    service.open_voting()
    other = await (await served.phone()).page()
    assert 'name="item"' in other.text and "Jansen" not in other.text
    service.close_voting()
    service.reveal()
    assert "Jansen" not in (await sender.page()).text


async def test_a_sent_card_is_drawn_anew_when_it_changes_and_its_withdraw_counts_once(serve):
    """Sent cards are drawn once and kept (pages.sent_cards): a change shows, and a double tap stays one."""
    served = await serve(MANTELZORG)
    served.go("drempels")
    phone = await served.phone()
    await phone.post("card", {"text": "Eerste versie"})
    await phone.post("card", {"text": "Tweede kaartje"})
    card = served.service.state.cards("drempels")[0]
    page = await phone.page()
    # (counted by the sent cards' own form ids, "k<card>": the page's random form id may start with a k as well)
    assert "Eerste versie" in page.text and len(re.findall(r'name="fid" value="kc\d+"', page.text)) == 2
    edited = await phone.post("card", {"text": "Aangepaste versie", "card": card.id})
    assert edited.status == 200 and "Aangepaste versie" in edited.text and "Eerste versie" not in edited.text
    form = next(f for f in edited.forms if f["fields"].get("card") == card.id and f["action"].endswith("/withdraw"))
    fields = {name: form["fields"][name] for name in ("fid", "card")}
    first = await phone.post("withdraw", fields, form_from=edited)
    again = await phone.post("withdraw", fields, form_from=edited)  # the same form again: a double tap
    assert first.status == again.status == 200
    assert "Je kaartje is ingetrokken." in (again.notice or "")  # answered as the first, not "unknown card"
    assert [c.text for c in served.service.state.cards("drempels")] == ["Tweede kaartje"]
    assert "Aangepaste versie" not in (await phone.page()).text


async def test_the_role_chosen_is_said_and_can_change_until_answers_count_for_it(serve):
    """Issue 13: after the role question the page said nothing of the answer. It says it now (green, right after
    choosing), with a way to change it (`?rol=kiezen`) until the person gives answers; then it stays as it is."""
    served = await serve(MANTELZORG)
    phone = await served.phone(role=None)
    chosen = await phone.post("role", {"role": "mantelzorger of naaste"})
    assert chosen.status == 200 and chosen.url.endswith("?ok=role")
    assert chosen.notice is None  # no second green box: the role line itself is the confirmation
    assert re.search(
        r'<div id="rol" class="box ok" role="status" data-notice>\s*<p>Je doet mee als: mantelzorger of '
        r'naaste <a href="[^"]+\?rol=kiezen#rol-vraag" id="rol-veranderen">Rol veranderen</a>',
        chosen.text,
    )
    later = await phone.page()
    assert '<div id="rol" class="role-line">' in later.text and "Wat is je rol?" not in later.text
    changing = await phone.get(f"/s/{served.token}?rol=kiezen")
    assert "Wat is je rol?" in changing.text and "Niet veranderen" in changing.text
    assert re.search(r'value="mantelzorger of naaste" id="rol-\d" checked', changing.text)
    rather_not = await phone.post("role", {"role": ""}, form_from=changing)
    assert "Je doet mee zonder rol. <a" in rather_not.text and ">Rol kiezen</a>" in rather_not.text
    await phone.post("role", {"role": "medewerker"}, form_from=changing)

    served.go("drempelcheck")
    assert (await phone.post("rate", {"s0": "groen"})).status == 200
    settled = await phone.page()
    assert "Je doet mee als: medewerker</p>" in settled.text and "rol=kiezen" not in settled.text
    assert "Wat is je rol?" not in (await phone.get(f"/s/{served.token}?rol=kiezen")).text
    refused = await phone.post("role", {"role": "mantelzorger of naaste"}, form_from=changing)
    assert refused.status == 409 and refused.error == (
        "Je rol kan niet meer veranderen: je hebt al antwoorden gegeven, en die tellen mee voor je rol."
    )
    assert [p.role for p in served.stored().participants] == ["medewerker"]
