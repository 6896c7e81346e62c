"""One question for "what does this participant see now": the phone page (and later a board page or the
projector) renders the answer as it is."""

from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from workshop.core.errors import DomainError
from workshop.core.participant_view import ParticipantView
from workshop.core.participant_view import mode as participant_view_mode
from workshop.core.ports import MemoryStore
from workshop.core.results import RatingResults, VoteResults
from workshop.core.room_view import room_view
from workshop.core.script import load_script
from workshop.core.session import SessionService


@pytest.fixture
def service() -> SessionService:
    return SessionService.start(
        load_script(FIXTURES / "mini.md"), team="T", store=MemoryStore(), session_id="s", clock=FakeClock()
    )


def test_a_card_step_shows_your_own_cards_only_with_the_privacy_note(service) -> None:
    me, other = service.join().id, service.join().id
    service.go_to("ideeen")
    mine = service.add_contribution("Bel 06-12345678 voor de overdracht", author=me, category="A")
    service.add_contribution("Van een ander", author=other, category="A")
    hidden = service.add_contribution("Te persoonlijk", author=me, category="A")
    service.hide_contribution(hidden.id)
    seen = service.participant_view(me)
    assert isinstance(seen, ParticipantView) and seen.mode == "text"
    assert [c.text for c in seen.own_cards] == [mine.text, hidden.text]  # not the other's
    # The hidden one is said to be hidden, and not offered to change (the facilitator took it from the room).
    assert [(c.moderated, c.changeable) for c in seen.own_cards] == [("", True), ("hidden", False)]
    assert "telefoonnummer" in seen.own_cards[0].notice and seen.categories == ("A", "B, c")
    assert "phone number" in service.participant_view(me, "en").own_cards[0].notice
    assert (seen.step.id, seen.step_number, seen.step_count, seen.version) == ("ideeen", 2, 6, service.state.version)
    service.choose_categories(["A"])
    assert service.participant_view(me).categories == ()  # one category: the core files the card under it
    assert service.participant_view(None).own_cards == ()  # the room: nobody's own cards
    with pytest.raises(dataclasses.FrozenInstanceError):
        seen.mode = "wait"  # type: ignore[misc]


def test_a_card_the_facilitator_changed_says_so_until_its_author_changes_it_again(service) -> None:
    me = service.join().id
    service.go_to("ideeen")
    card = service.add_contribution("De bus rijdt niet", author=me, category="A")
    service.edit_contribution(card.id, "De bus rijdt niet op zondag")  # the facilitator
    (seen,) = service.participant_view(me).own_cards
    assert (seen.text, seen.moderated, seen.changeable) == ("De bus rijdt niet op zondag", "edited", True)
    service.edit_contribution(card.id, "De bus rijdt 's zondags niet", by=me)  # its author's words again
    assert service.participant_view(me).own_cards[0].moderated == ""
    service.hide_contribution(card.id)
    service.hide_contribution(card.id, hidden=False)  # shown again: as before
    assert service.participant_view(me).own_cards[0].moderated == ""


def test_a_vote_step_shows_the_items_as_the_room_may_see_them_with_your_dots(service) -> None:
    me = service.join().id
    service.go_to("ideeen")
    flagged = service.add_contribution("Bel 06-12345678 voor de overdracht", category="A")
    plain = service.add_contribution("Vaste leertijd", category="A")
    service.go_to("stemmen")
    assert service.participant_view(me).mode == "vote_wait"
    service.open_voting()
    service.cast_vote(plain.id, voter=me)
    seen = service.participant_view(me)
    assert seen.mode == "vote" and seen.dots_left == 2
    items = {i.id: i for i in seen.items}
    assert seen.own_dots == {plain.id: 1} and seen.items is service.vote_items()  # one tuple for every phone
    assert "12345678" not in items[flagged.id].room_label  # masked for the room until released
    assert seen.results == ()  # nothing revealed yet
    for _ in range(2):  # three voters: the script's minimum group size (mini.md: 2) is met
        service.cast_vote(flagged.id, voter=service.join().id)
    service.reveal()
    (shown,) = service.participant_view(me).results
    assert isinstance(shown.results, VoteResults) and shown.results.total == 3
    service.close_session()
    closed = service.participant_view(me)
    assert closed.mode == "closed" and closed.items == () and closed.results == ()


def test_showing_a_vote_s_results_closes_voting_for_the_phones_and_the_board(service) -> None:
    """Revealing (r) closed voting but left it unremembered as closed: phones said "nog niet open" and hid their own
    dots, the board "begint zo" above the results. It is closed, as `close_voting` leaves it, and stays so when the
    results are hidden again."""
    me = service.join().id
    service.go_to("ideeen")
    card = service.add_contribution("Vaste leertijd", category="A")
    service.go_to("stemmen")
    service.open_voting()
    service.cast_vote(card.id, voter=me)
    service.reveal()
    seen = service.participant_view(me)
    assert seen.mode == "vote_closed" and seen.own_dots == {card.id: 1}
    assert room_view(service).view.mode == "vote_closed"  # the board: no "Het stemmen begint zo"
    with pytest.raises(DomainError) as refused:
        service.cast_vote(card.id, voter=me)
    assert refused.value.code == "vote.ended"  # "Het stemmen is gesloten", not "(nog) niet open"
    service.reveal(revealed=False)
    assert service.participant_view(me).mode == "vote_closed"
    # A session stored before a reveal was remembered as a close: the reveal alone says voting is over.
    service.open_voting()
    service.reveal()
    old = dataclasses.replace(service.state.meta, voting_closed=())
    assert participant_view_mode(dataclasses.replace(service.state, meta=old)) == "vote_closed"


def test_a_scale_step_shows_your_answers(service) -> None:
    me = service.join().id
    service.go_to("scores")
    service.rate(1, "rood", voter=me)
    seen = service.participant_view(me)
    assert seen.mode == "scale" and seen.answers == ((1, "rood"),)
    assert seen.answer(1) == "rood" and seen.answer(0) is None


def test_a_review_of_ratings_shows_the_ratings_it_looks_back_on_once_revealed() -> None:
    service = SessionService.start(
        load_script(SCRIPTS / "mantelzorg-drempelcheck.md"),
        team="T",
        store=MemoryStore(),
        session_id="s",
        clock=FakeClock(),
    )
    me = service.join().id
    rated = service.go_to("drempelcheck")
    service.rate(0, "rood", voter=me)
    service.go_to("rood-of-oneens")
    assert service.participant_view(me).results == ()
    service.reveal(rated.id)
    (shown,) = service.participant_view(me).results
    assert shown.step == rated and isinstance(shown.results, RatingResults)


def test_after_saving_answers_a_phone_goes_on_at_the_next_statement_not_answered():
    from workshop.core.participant_view import statement_to_go_on

    assert statement_to_go_on({0, 1, 2}, 21, {0, 1, 2}) == 3  # the next one
    assert statement_to_go_on({0, 1, 2, 5}, 21, {5}) == 6  # after the one saved, not back at 3
    assert statement_to_go_on({0, 1, 2, 5, 6, 20}, 21, {20}) == 3  # none open after it: the first one open
    assert statement_to_go_on(set(range(21)), 21, {7}) == 7  # all answered: where it was saved
