"""The core rules behind what a phone is told (issue 13): joining, own cards, roles, voting closed, group size."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from workshop.core import events as ev
from workshop.core.attendance import (
    DEFAULT_MAX_PARTICIPANTS,
    JOIN_WARNING_EVERY,
    JOINED_CEILING,
    PRESENT_SECONDS,
    UNCONFIRMED_SECONDS,
    took_part,
)
from workshop.core.errors import DomainError
from workshop.core.export import session_summary
from workshop.core.messages import render
from workshop.core.ports import MemoryStore
from workshop.core.results import RatingResults, VoteResults, shown_results
from workshop.core.script import load_script, parse_script
from workshop.core.session import SessionService


def start(path=FIXTURES / "mini.md", clock: FakeClock | None = None, text: str | None = None) -> SessionService:
    script = parse_script(text, "x.md") if text is not None else load_script(path)
    return SessionService.start(script, team="T", store=MemoryStore(), session_id="s", clock=clock or FakeClock())


def heard(service: SessionService) -> list[ev.Event]:
    events: list[ev.Event] = []
    service.subscribe(events.append)
    return events


# ----- joining -------------------------------------------------------------------------------------------------


def test_joins_stop_at_the_cap_proxies_do_not_count_and_known_phones_still_get_in() -> None:
    service = start()
    service.set_join_limit(3)
    first = service.join()
    service.join(), service.join()
    events = heard(service)
    with pytest.raises(DomainError) as err:
        service.join()
    assert err.value.code == "session.full" and "3 telefoons" in err.value.text()
    assert service.join(first.id) == first  # a phone that joined comes back in
    assert service.add_proxy().id.startswith("proxy-")  # the facilitator's people without a phone: never capped
    (warning,) = [e for e in events if isinstance(e, ev.JoinWarning)]
    assert (warning.reason, warning.count, warning.limit) == ("full", 1, 3)
    assert "vol (3 telefoons)" in warning.text()


def test_the_default_cap_is_sized_to_the_room() -> None:
    service = start()
    assert service.join_cap == DEFAULT_MAX_PARTICIPANTS
    service.set_details(headcount=45)
    assert service.join_cap == 54  # the people present and a fifth to spare (test_room_places.py)
    with pytest.raises(DomainError) as err:
        service.set_join_limit("veel")
    assert err.value.code == "session.bad_limit"


def test_a_closed_door_lets_nobody_new_in_and_the_facilitator_hears_of_tries() -> None:
    clock = FakeClock()
    service = start(clock=clock)
    known = service.join()
    events = heard(service)
    service.close_door()
    assert service.state.meta.door_closed and isinstance(events[-1], ev.DoorChanged) and events[-1].closed
    for _ in range(3):
        with pytest.raises(DomainError) as err:
            service.join()
        assert err.value.code == "session.door_closed"
    assert service.join(known.id) == known
    warnings = [e for e in events if isinstance(e, ev.JoinWarning)]
    assert [(w.reason, w.count) for w in warnings] == [("door", 1)]  # once per JOIN_WARNING_EVERY seconds
    clock.advance(seconds=JOIN_WARNING_EVERY)
    with pytest.raises(DomainError):
        service.join()
    assert [(w.reason, w.count) for w in events if isinstance(w, ev.JoinWarning)][-1] == ("door", 3)
    service.close_door(False)
    assert service.join().id != known.id


def test_the_cap_counts_the_phones_here_now_and_a_phone_that_comes_back_is_never_refused() -> None:
    """User trial: phones that left (closed the page, swapped phones) still filled the cap and the counts."""
    clock = FakeClock()
    service = start(clock=clock)
    service.set_join_limit(3)
    left, sleeping, streaming = service.join(), service.join(), service.join()
    for phone in (left, sleeping):
        service.phone_seen(phone.id)  # its page loaded: here
    service.phone_connected(streaming.id)  # a page with a live stream open: here however long it stays quiet
    with pytest.raises(DomainError):
        service.join()
    clock.advance(seconds=PRESENT_SECONDS - 1)
    service.phone_seen(sleeping.id)  # a page without JavaScript sent something: still here
    clock.advance(seconds=2)  # `left` asked nothing for PRESENT_SECONDS: gone
    assert service.phones_present == 2 and service.phones_joined == 3
    newcomer = service.join()  # room for someone who is here
    service.phone_seen(newcomer.id)
    assert service.phones_present == 3
    assert service.join(left.id) == left  # the phone that left comes back with its cookie: the same participant
    assert service.phones_present == 4 and service.phones_joined == 4  # over the cap, never refused for it
    with pytest.raises(DomainError) as err:
        service.join()
    assert err.value.code == "session.full"
    service.phone_disconnected(streaming.id)  # the stream closed (the phone locked its screen): here a while more
    clock.advance(seconds=PRESENT_SECONDS - 1)
    assert streaming.id in service.present()
    clock.advance(seconds=2)
    assert service.present() == set()
    assert {newcomer.id, left.id, sleeping.id, streaming.id} <= {p.id for p in service.state.participants}


def test_a_flood_that_joins_and_leaves_stops_at_the_ceiling() -> None:
    """The cap still stops a script: at most the cap at once, and JOINED_CEILING times the cap in all."""
    clock = FakeClock()
    service = start(clock=clock)
    service.set_join_limit(5)
    joined = refused = 0
    for _ in range(JOINED_CEILING * 2):  # waves, each after the last one left
        for _ in range(20):
            try:
                service.join()
                joined += 1
            except DomainError as err:
                refused += 1
                last = err
        clock.advance(seconds=PRESENT_SECONDS + 1)
    assert joined == JOINED_CEILING * 5 == service.phones_joined
    assert last.code == "session.no_more_phones" and "20 deden al mee" in last.text()


def test_a_join_never_followed_up_is_no_phone_in_the_room_but_holds_a_place_under_the_cap() -> None:
    """Issue 13: two phones in the room, and the facilitator read '3 telefoons doen mee' (a `curl` of the join link).
    A phone counts once it asks something again with its cookie; until then, for UNCONFIRMED_SECONDS, it only holds
    a place under the cap, so a flood of such joins is still capped."""
    clock = FakeClock()
    service = start(clock=clock)
    service.set_join_limit(4)
    phones = [service.join(), service.join()]
    for phone in phones:
        service.phone_seen(phone.id)  # the browser followed the join's redirect with its cookie
    curled = service.join()  # nobody asks anything with its cookie again
    assert service.phones_present == 2 and curled.id not in service.present()
    service.go_to("ideeen")
    assert service.progress().total == 2  # "0 van 2", not "0 van 3"
    service.join()  # a fourth place taken, for now
    with pytest.raises(DomainError) as err:  # a flood of joins without a cookie is capped all the same
        service.join()
    assert err.value.code == "session.full"
    clock.advance(seconds=UNCONFIRMED_SECONDS)  # they never came back: the places are free again
    assert service.phones_present == 2
    late = service.join()
    service.phone_seen(late.id)  # a phone that keeps its cookie: here, and counted from its first page
    assert service.phones_present == 3 and late.id in service.present()
    assert service.progress().total == 3
    clock.advance(seconds=PRESENT_SECONDS)
    assert service.phones_present == 0  # nobody asked anything since: all gone


def test_progress_counts_those_here_and_those_who_did_it() -> None:
    """ "9 van 60 hebben iets gestuurd" counted phones that left; now the people here and those who did it."""
    clock = FakeClock()
    service = start(clock=clock)
    sender, gone, stays = service.join(), service.join(), service.join()
    for phone in (sender, gone, stays):
        service.phone_seen(phone.id)  # their pages loaded: here
    proxy = service.add_proxy("Anna")
    service.go_to("ideeen")
    service.add_contribution("Idee", author=sender.id, category="A")
    assert (service.progress().done, service.progress().total) == (1, 4)
    clock.advance(seconds=PRESENT_SECONDS - 1)
    service.phone_seen(stays.id)
    clock.advance(seconds=2)  # the sender and `gone` left: the sender's card still counts, `gone` no more
    assert service.present() == {stays.id, proxy.id}
    assert service.progress().text() == "1 van 3 heeft iets gestuurd"
    service.set_details(headcount=8)
    assert service.progress().total == 8
    assert gone.id not in service.present() and service.participant_count == 8  # "Deelnemers": who took part


def test_a_burst_of_joins_warns_the_facilitator_once() -> None:
    service = start()
    service.set_join_limit(200)
    events = heard(service)
    for _ in range(40):
        service.join()
    spikes = [e for e in events if isinstance(e, ev.JoinWarning) and e.reason == "spike"]
    assert len(spikes) == 1 and spikes[0].count == 26 and "26 telefoons deden mee in 10 seconden" in spikes[0].text()


def test_people_count_who_took_part_not_who_joined() -> None:
    service = start()
    a, b, _idle = service.join(), service.join(), service.join()
    service.go_to("ideeen")
    service.add_contribution("Idee", author=a.id, category="A")
    service.add_contribution("Van de begeleider", category="A")
    service.go_to("scores")
    service.rate(0, "groen", voter=b.id)
    assert took_part(service.state) == 2 and service.participant_count == 2
    service.set_details(headcount=9)
    assert service.participant_count == 9
    assert "- **Deelnemers:** 9 (2 via telefoon of volmacht)" in session_summary(service.state)


def test_roles_are_the_scripts_and_may_be_skipped() -> None:
    service = start(SCRIPTS / "mantelzorg-drempelcheck.md")
    pid = service.join().id
    assert service.participant_view(pid).roles == service.state.script.roles
    with pytest.raises(DomainError) as err:
        service.set_role(pid, "directeur")
    assert err.value.code == "role.unknown"
    with pytest.raises(DomainError) as err:  # "Verder" with no role chosen: said, never taken for "rather not say"
        service.set_role(pid, None)
    assert err.value.code == "role.not_chosen" and service.participant_view(pid).roles == service.state.script.roles
    assert service.set_role(pid, "Mantelzorger of naaste").role == "mantelzorger of naaste"
    seen = service.participant_view(pid)
    assert seen.roles == () and seen.role == "mantelzorger of naaste"
    other = service.join().id
    assert service.set_role(other, "").role == ""  # rather not say: asked once, not again
    assert service.participant_view(other).roles == ()


def test_a_role_can_change_until_ones_answers_count_for_it() -> None:
    """Issue 13: the phone confirms the role chosen and offers to change it while that is allowed: until the person
    gave an answer. Moving answers to another role would change the counts per role the room sees, and the
    difference would tell the answers of a role too small to be shown."""
    service = start(text=ROLES)
    staff, quiet = service.join().id, service.join().id
    service.set_role(staff, "medewerker")
    seen = service.participant_view(staff)
    assert seen.roles == () and seen.role == "medewerker" and seen.role_choices == ("medewerker", "mantelzorger")
    assert service.set_role(staff, "mantelzorger").role == "mantelzorger"  # changed its mind: fine
    service.go_to("check")
    service.rate(0, "groen", voter=staff)
    with pytest.raises(DomainError) as err:
        service.set_role(staff, "medewerker")
    assert err.value.code == "role.settled" and "je hebt al antwoorden gegeven" in err.value.text()
    assert service.set_role(staff, "mantelzorger").role == "mantelzorger"  # the same again: nothing changes
    assert service.participant_view(staff).role_choices == ()
    assert service.participant_view(quiet).roles == ("medewerker", "mantelzorger")  # not answered: may still choose
    service.rate(0, "rood", voter=quiet)  # answered before choosing: counted without a role, and settled so
    assert service.participant_view(quiet).roles == () and service.participant_view(quiet).role_choices == ()
    assert [p.role for p in service.state.participants] == ["mantelzorger", None]
    service.close_session()
    assert not service.role_open(staff) and service.participant_view(staff).role_choices == ()


# ----- own cards -----------------------------------------------------------------------------------------------


def test_a_participant_withdraws_their_own_card_and_its_text_is_gone() -> None:
    service = start()
    me, other = service.join().id, service.join().id
    service.go_to("ideeen")
    card = service.add_contribution("Bel 06-12345678", author=me, via="participant", category="A")
    theirs = service.add_contribution("Van een ander", author=other, via="participant", category="A")
    with pytest.raises(DomainError) as err:
        service.withdraw_contribution(theirs.id, by=me)
    assert err.value.code == "card.not_yours"
    events = heard(service)
    service.withdraw_contribution(card.id, by=me)
    assert isinstance(events[-1], ev.ContributionWithdrawn) and events[-1].author == me
    assert [c.id for c in service.state.contributions] == [theirs.id]
    assert "06-12345678" not in str(service._store.read())  # type: ignore[attr-defined]
    again = service.add_contribution("Nieuw", author=me, via="participant", category="A")
    assert again.id not in (card.id, theirs.id)  # ids are never given twice
    resumed = SessionService.resume(MemoryStore(service._store.read()))  # type: ignore[attr-defined]
    assert resumed.add_contribution("Nog een", category="A").id not in (card.id, theirs.id, again.id)


def test_a_card_in_a_theme_or_a_step_left_behind_stays() -> None:
    service = start()
    me = service.join().id
    service.go_to("ideeen")
    card = service.add_contribution("Idee", author=me, via="participant", category="A")
    assert service.participant_view(me).own_cards[0].changeable
    service.go_to("groeperen")
    with pytest.raises(DomainError) as err:
        service.withdraw_contribution(card.id, by=me)
    assert err.value.code == "card.step_closed"
    service.group_card(card.id, service.create_theme("Tijd").id)
    service.go_to("ideeen")
    assert not service.participant_view(me).own_cards[0].changeable
    for attempt in (
        lambda: service.withdraw_contribution(card.id, by=me),
        lambda: service.edit_contribution(card.id, "Anders", by=me),
    ):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == "card.grouped"


def test_with_pick_phones_wait_until_the_facilitator_chose() -> None:
    service = start(SCRIPTS / "visie-leren-ontwikkelen.md")
    me = service.join().id
    step = next(s for s in service.state.script.steps if s.pick)
    service.go_to(step.id)
    seen = service.participant_view(me)
    assert (seen.mode, seen.waiting_for) == ("wait", "categories")
    with pytest.raises(DomainError) as err:
        service.add_contribution("Iets", author=me, via="participant", category=step.categories[0])
    assert err.value.code == "card.categories_pending"
    service.choose_categories(list(step.categories[:2]))
    seen = service.participant_view(me)
    assert seen.mode == "text" and seen.categories == step.categories[:2]


def test_bidi_controls_never_reach_a_card_a_name_or_an_action() -> None:
    service = start()
    service.go_to("ideeen")
    card = service.add_contribution("\u202elive\u202c \u2066x\u2069", category="A")
    assert card.text == "live x"
    with pytest.raises(DomainError):
        service.add_contribution("\u202e\u200f", category="A")  # nothing left
    service.go_to("groeperen")
    assert service.create_theme("\u202eTijd").name == "Tijd"
    action = service.add_action("\u202eBel de huisarts", owner="teamleider\u202e", due="2030-01-01")
    assert (action.what, action.owner) == ("Bel de huisarts", "teamleider")


# ----- voting closed, progress, time ---------------------------------------------------------------------------


def test_after_voting_closes_a_phone_sees_closed_and_its_dots() -> None:
    clock = FakeClock()
    service = start(clock=clock)
    me = service.join().id
    service.go_to("ideeen")
    card = service.add_contribution("Idee", category="A")
    service.go_to("stemmen")
    assert service.participant_view(me).mode == "vote_wait"
    service.open_voting()
    service.cast_vote(card.id, voter=me)
    service.cast_vote(card.id, voter=me)
    seen = service.participant_view(me)
    assert seen.full_items == {card.id}  # max_per_item 2: no third dot on it
    assert seen.progress is not None and (seen.progress.done, seen.progress.total) == (1, 1)
    assert seen.remaining == 180
    clock.advance(seconds=50)
    assert service.participant_view(me).remaining == 130
    service.close_voting()
    closed = service.participant_view(me)
    assert closed.mode == "vote_closed" and dict(closed.own_dots) == {card.id: 2}
    service.open_voting()
    service.go_to("slot")  # leaving the step closes its voting too
    service.go_to("stemmen")
    assert service.participant_view(me).mode == "vote_closed"


def test_singular_messages_say_one_dot() -> None:
    assert render("vote.max_per_item", "nl", {"max": 1}) == "Je kunt hier maar 1 stip op zetten."
    assert render("vote.max_per_item", "nl", {"max": 2}) == "Je kunt hier hooguit 2 stippen op zetten."
    assert "stip(pen)" not in render("vote.budget", "nl", {"dots": 1})
    assert render("card.too_long", "nl", {"length": 501, "limit": 500}).endswith("hooguit 500 in.")


# ----- the minimum group size and results per role -------------------------------------------------------------

ROLES = """---
id: rollen
title: Rollen
roles: medewerker, mantelzorger
---

## Check
- kind: rate
- minutes: 5
- statements: Eén, Twee, Drie

Kleur.

## Terugblik
- kind: review
- minutes: 2
- of: Check

Rood of oneens.

## Stemmen
- kind: vote
- minutes: 2
- options: Ja, Nee

Kies.
"""


def test_fewer_answers_than_the_minimum_are_withheld_everywhere() -> None:
    service = start(text=ROLES)
    people = [service.join().id for _ in range(4)]
    service.rate(0, "rood", voter=people[0])
    for pid in people[:3]:
        service.rate(1, "groen", voter=pid)
    service.reveal()
    results = service.room_results()
    assert isinstance(results, RatingResults)
    lonely, enough, _ = results.statements
    assert lonely.too_few and lonely.answers == 1 and all(n == 0 for _, n in lonely.counts) and not lonely.focus
    assert not enough.too_few and dict(enough.counts)["groen"] == 3
    record = shown_results(service.state, service.state.script.steps[0], "record")
    assert isinstance(record, RatingResults) and record.statements[0].too_few  # the export withholds it too
    assert "Te weinig antwoorden om te tonen" in session_summary(service.state)
    service.go_to("stemmen")
    service.open_voting()
    service.cast_vote("o1", voter=people[0])
    service.cast_vote("o2", voter=people[1])
    service.reveal()
    votes = service.room_results()
    assert isinstance(votes, VoteResults) and votes.too_few and votes.total == 0
    service.open_voting()  # revealing closed voting; opening it again hides the results until the next reveal
    service.cast_vote("o1", voter=people[2])
    service.reveal()
    votes = service.room_results()
    assert isinstance(votes, VoteResults) and not votes.too_few and votes.total == 3


def test_results_per_role_hide_small_roles_and_what_the_total_gives_away() -> None:
    service = start(text=ROLES)
    staff = [service.join().id for _ in range(4)]
    carers = [service.join().id for _ in range(3)]
    for pid in staff:
        service.set_role(pid, "medewerker")
    for pid in carers:
        service.set_role(pid, "mantelzorger")
    for pid in staff:
        service.rate(0, "groen", voter=pid)
    for pid in carers:
        service.rate(0, "rood", voter=pid)
    service.rate(1, "groen", voter=staff[0])  # statement two: 4 staff, 2 carers
    for pid in staff[1:]:
        service.rate(1, "groen", voter=pid)
    for pid in carers[:2]:
        service.rate(1, "rood", voter=pid)
    for pid in staff:
        service.rate(2, "groen", voter=pid)  # statement three: everyone agrees it works
    service.reveal()
    results = service.room_results()
    assert isinstance(results, RatingResults)
    one, two, _three = results.statements
    assert [(r.role, dict(r.counts)["groen"], dict(r.counts)["rood"], r.too_few) for r in one.roles] == [
        ("medewerker", 4, 0, False),
        ("mantelzorger", 0, 3, False),
    ]
    # Two carers are too few; and the total minus the staff would give them away: no breakdown at all.
    assert [(r.role, r.too_few) for r in two.roles] == [("medewerker", True), ("mantelzorger", True)]
    assert all(n == 0 for r in two.roles for _, n in r.counts)
    # The review of the check shows only what needs discussing (red or disputed) on the phones.
    service.go_to("terugblik")
    (back,) = service.participant_view(staff[0]).results
    assert back.looking_back and [s.text for s in back.results.statements] == ["Eén", "Twee"]  # type: ignore[union-attr]


def test_an_earlier_flagged_card_is_told_once_on_the_step_the_room_went_on_to() -> None:
    """Where it can be changed its own step shows it; the room's next step says it once; the steps after do not."""
    clock = FakeClock()
    service = start(SCRIPTS / "mantelzorg-drempelcheck.md", clock=clock)
    pid = service.join().id
    steps = [s.id for s in service.state.script.steps]
    at = steps.index("drempels")
    service.go_to("drempels")
    card = service.add_contribution("Collega Sandra vergat de overdracht", author=pid, via="participant")
    assert card.privacy
    assert service.participant_view(pid).flagged_before == ()  # its own step: the card itself, changeable
    clock.advance(seconds=30)
    service.go_to(steps[at + 1])
    assert [f.step_title for f in service.participant_view(pid).flagged_before] == ["Drempels"]
    clock.advance(seconds=30)
    service.go_to(steps[at + 2])
    assert service.participant_view(pid).flagged_before == ()  # told on the step before
