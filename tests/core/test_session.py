"""Rules of the session service: navigation, timebox, cards, themes, votes, ratings, actions, events."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from workshop.core import events as ev
from workshop.core.actions import action_warnings
from workshop.core.errors import DomainError, StoreWriteError
from workshop.core.model import FACILITATOR
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService, parse_date


@pytest.fixture
def script():
    return load_script(FIXTURES / "mini.md")


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def service(script, store, clock):
    return SessionService.start(script, team="Team De Linde", store=store, session_id="s1", clock=clock)


def at(service: SessionService, step_id: str) -> SessionService:
    service.go_to(step_id)
    return service


def test_start_keeps_script_copy_and_team(service, store):
    tables = store.read()
    assert tables["script"]["copy"]["text"].startswith("---")
    assert tables["meta"]["session"]["team"] == "Team De Linde"
    assert service.state.step.id == "welkom"


def test_team_name_is_required(script, store, clock):
    with pytest.raises(DomainError) as err:
        SessionService.start(script, team="  ", store=store, session_id="s", clock=clock)
    assert err.value.code == "session.team_required"
    assert store.writes == 0


def test_navigation_forward_back_jump_and_edges(service):
    with pytest.raises(DomainError, match="eerste stap"):
        service.back()
    assert service.advance().id == "ideeen"
    assert service.back().id == "welkom"
    assert service.go_to("slot").id == "slot"
    with pytest.raises(DomainError) as err:
        service.advance()
    assert err.value.text("en") == "This is already the last step."
    with pytest.raises(DomainError):
        service.go_to("bestaat-niet")


def test_timebox_counts_remaining_warning_and_overrun(service, clock):
    service.advance()  # ideeen: 10 minutes
    clock.advance(minutes=5)
    box = service.timebox()
    assert (box.elapsed, box.remaining, box.overrun, box.warning) == (300, 300, 0, False)
    clock.advance(minutes=4, seconds=30)
    assert service.timebox().warning
    clock.advance(minutes=2)
    box = service.timebox()
    assert box.remaining == 0 and box.overrun == 90 and box.warning


def test_timebox_adds_up_over_visits(service, clock):
    service.advance()
    clock.advance(minutes=3)
    service.advance()
    clock.advance(minutes=1)
    service.back()
    clock.advance(minutes=2)
    assert service.timebox().elapsed == 300
    assert service.timebox("groeperen").elapsed == 60


def test_participant_cards_only_in_the_current_step(service):
    p = service.join()
    with pytest.raises(DomainError) as err:
        service.add_contribution("Te vroeg", author=p.id, category="A", step_id="ideeen")
    assert err.value.code == "card.step_closed"
    service.advance()
    card = service.add_contribution("Meer tijd om te leren", author=p.id, category="a")
    assert card.category == "A" and card.via == "participant"
    # The facilitator may still add to an earlier collecting step.
    service.advance()
    late = service.add_contribution("Nagekomen", step_id="ideeen")
    assert late.via == "facilitator"


def test_card_text_rules(service):
    service.advance()
    with pytest.raises(DomainError, match="leeg"):
        service.add_contribution("   \n ")
    with pytest.raises(DomainError) as err:
        service.add_contribution("x" * 501)
    assert err.value.code == "card.too_long"
    with pytest.raises(DomainError) as err:
        service.add_contribution("Iets", category="Onbekend")
    assert err.value.code == "card.unknown_category"
    card = service.add_contribution("met\x1b[31m kleur\x07")
    assert card.text == "met[31m kleur"


def test_unknown_participant_cannot_add(service):
    service.advance()
    with pytest.raises(DomainError) as err:
        service.add_contribution("Hallo", author="vervalst", category="A")
    assert err.value.code == "participant.unknown"


def test_steps_without_cards_refuse_them(service):
    with pytest.raises(DomainError) as err:
        service.add_contribution("Hallo")  # explain step
    assert err.value.code == "card.not_collecting"


def test_edit_and_hide_moderation(service):
    p = service.join()
    service.advance()
    card = service.add_contribution("Tikfoutt", author=p.id, category="A")
    assert service.edit_contribution(card.id, "Tikfout", by=p.id).edited
    other = service.join()
    with pytest.raises(DomainError):
        service.edit_contribution(card.id, "Niet van mij", by=other.id)
    service.hide_contribution(card.id)
    assert service.state.cards("ideeen") == ()
    assert len(service.state.cards("ideeen", include_hidden=True)) == 1
    service.hide_contribution(card.id, hidden=False)
    assert service.state.cards("ideeen")[0].text == "Tikfout"


def test_choose_categories_respects_the_list(script, store, clock):
    service = SessionService.start(script, team="T", store=store, session_id="s", clock=clock)
    service.advance()
    assert service.choose_categories(["B, c"]) == ("B, c",)
    assert service.state.categories("ideeen") == ("B, c",)
    with pytest.raises(DomainError):
        service.choose_categories(["Z"])
    # With one category left, a card without one gets it.
    assert service.add_contribution("Iets").category == "B, c"


def test_themes_group_and_ungroup(service):
    service.advance()
    a = service.add_contribution("Rooster", category="A")
    b = service.add_contribution("Scholing", category="A")
    service.advance()
    theme = service.create_theme("Tijd")
    with pytest.raises(DomainError, match="al een thema"):
        service.create_theme(" tijd ")
    service.group_card(a.id, theme.id)
    service.group_card(b.id, theme.id)
    assert service.rename_theme(theme.id, "Tijd en rooster").name == "Tijd en rooster"
    service.group_card(b.id, None)
    assert [c.theme_id for c in service.state.cards("ideeen")] == [theme.id, None]
    service.remove_theme(theme.id)
    assert all(c.theme_id is None for c in service.state.contributions)
    with pytest.raises(DomainError) as err:
        service.group_card(a.id, theme.id)
    assert err.value.code == "theme.unknown"


def test_create_theme_only_in_group_steps(service):
    with pytest.raises(DomainError) as err:
        service.create_theme("Tijd")
    assert err.value.code == "group.not_group_step"


def voting_setup(service: SessionService):
    service.advance()
    cards = [service.add_contribution(t, category="A") for t in ("Rooster", "Scholing", "Intervisie")]
    service.advance()
    theme = service.create_theme("Tijd")
    service.group_card(cards[0].id, theme.id)
    service.advance()
    return theme, cards


def test_vote_items_are_themes_and_ungrouped_cards(service):
    theme, cards = voting_setup(service)
    items = service.vote_items()
    assert [(i.id, i.kind) for i in items] == [(theme.id, "theme"), (cards[1].id, "card"), (cards[2].id, "card")]
    assert items[0].cards == (cards[0].id,)


def test_votes_need_open_voting_and_respect_budget_and_max(service):
    theme, cards = voting_setup(service)
    p = service.join()
    with pytest.raises(DomainError) as err:
        service.cast_vote(theme.id, voter=p.id)
    assert err.value.code == "vote.closed"
    service.open_voting()
    service.cast_vote(theme.id, voter=p.id)
    service.cast_vote(theme.id, voter=p.id)
    with pytest.raises(DomainError) as err:
        service.cast_vote(theme.id, voter=p.id)  # max_per_item is 2
    assert err.value.code == "vote.max_per_item"
    service.cast_vote(cards[1].id, voter=p.id)
    assert service.dots_left(p.id) == 0
    with pytest.raises(DomainError) as err:
        service.cast_vote(cards[2].id, voter=p.id)  # one over the budget of 3
    assert err.value.code == "vote.budget"
    service.withdraw_vote(theme.id, voter=p.id)
    service.cast_vote(cards[2].id, voter=p.id)
    with pytest.raises(DomainError) as err:
        service.withdraw_vote(
            cards[1].id,
            voter="facilitator",
        )
    assert err.value.code == "vote.none_to_withdraw"
    with pytest.raises(DomainError) as err:
        service.cast_vote("c999", voter=p.id)
    assert err.value.code == "vote.unknown_item"
    service.close_voting()
    with pytest.raises(DomainError):
        service.withdraw_vote(cards[2].id, voter=p.id)
    assert service.vote_results().total == 3


def test_leaving_a_vote_step_closes_voting(service):
    voting_setup(service)
    service.open_voting()
    service.advance()
    assert not service.state.is_voting_open("stemmen")


def test_proxy_votes_count_in_the_same_tally(service):
    theme, cards = voting_setup(service)
    service.open_voting()
    proxy = service.add_proxy()
    phone = service.join()
    service.cast_vote(theme.id, voter=proxy.id, via="proxy")
    service.cast_vote(theme.id, voter=phone.id)
    results = service.vote_results()
    assert results.items[0].votes == 2 and results.voters == 2
    assert {v.via for v in service.state.votes} == {"proxy", "participant"}


def test_ties_share_a_rank(service):
    theme, cards = voting_setup(service)
    service.open_voting()
    a, b = service.join(), service.join()
    service.cast_vote(theme.id, voter=a.id)
    service.cast_vote(cards[1].id, voter=b.id)
    ranked = service.vote_results().items
    assert [(r.item.id, r.rank, r.tied) for r in ranked] == [
        (theme.id, 1, True),
        (cards[1].id, 1, True),
        (cards[2].id, 3, False),
    ]


def test_results_hidden_from_the_room_until_revealed(service):
    theme, _ = voting_setup(service)
    service.open_voting()
    service.cast_vote(theme.id, voter=service.join().id)
    service.cast_vote(theme.id, voter=service.join().id)  # two: the mini script's minimum group size
    assert service.room_results() is None
    service.reveal()
    assert service.room_results().total == 2
    service.reveal(revealed=False)
    assert service.room_results() is None


def test_ratings_one_per_person_per_statement_and_disagreement(service):
    at(service, "scores")
    a, b, c, d, e = (service.join() for _ in range(5))
    service.rate(0, "groen", voter=a.id)
    service.rate(0, "rood", voter=a.id)  # changes the answer, not a second one
    service.rate(0, "groen", voter=b.id)
    service.rate(1, "oranje", voter=c.id)
    with pytest.raises(DomainError) as err:
        service.rate(0, "paars", voter=c.id)
    assert err.value.code == "rate.bad_value"
    with pytest.raises(DomainError):
        service.rate(5, "groen", voter=c.id)
    # One green and one red is not yet "oneens": each end needs two people (rating_rule.py).
    lone = service.rating_results().statements[0]
    assert dict(lone.counts) == {"groen": 1, "oranje": 0, "rood": 1, "onbekend": 0}
    assert lone.answers == 2 and not lone.disputed and not lone.focus
    service.rate(0, "rood", voter=d.id)
    service.rate(0, "groen", voter=e.id)
    results = service.rating_results()
    first, second = results.statements
    assert dict(first.counts) == {"groen": 2, "oranje": 0, "rood": 2, "onbekend": 0}
    assert first.answers == 4 and first.disputed and first.focus
    assert not second.disputed and second.answers == 1
    assert results.respondents == 5


def test_unknown_answers_do_not_count_as_disagreement(service):
    at(service, "scores")
    for value in ("groen", "groen", "onbekend", "onbekend"):
        service.rate(0, value, voter=service.join().id)
    assert service.rating_results().statements[0].disagreement == 0


def test_scale_question_in_a_close_step(service):
    at(service, "slot")
    p = service.join()
    service.rate(0, "4", voter=p.id)
    service.rate(0, "2", voter=service.join().id)
    stats = service.rating_results().statements[0]
    assert stats.text == "Slot" and stats.mean == 3.0


def test_participant_rating_only_in_current_step(service):
    p = service.join()
    with pytest.raises(DomainError) as err:
        service.rate(0, "groen", voter=p.id, step_id="scores")
    assert err.value.code == "card.step_closed"
    # The facilitator may record a proxy answer for an earlier step.
    proxy = service.add_proxy()
    service.rate(0, "groen", voter=proxy.id, via="proxy", step_id="scores")


def test_a_check_before_the_deadline_is_an_interim_check_the_core_warns_about_and_keeps(service):
    """User trial 16: a check date before the deadline was refused, though an interim check is normal PDCA."""
    fields = dict(owner="teamleider", due="01-01-2027", check_date="08-12-2026")
    (warning,) = action_warnings(fields).values()
    assert warning.text("nl") == "De checkdatum (8 dec 2026) ligt vóór de deadline (1 jan 2027)."
    assert list(action_warnings(fields)) == ["check_date"]  # said at the check date
    action = service.add_action("Tussenmeting dossiers", **fields)
    assert (action.due, action.check_date) == ("2027-01-01", "2026-12-08")
    assert action_warnings(dict(due="01-01-2027", check_date="01-01-2027")) == {}
    assert action_warnings(dict(due="01-01-2027", check_date="morgen")) == {}  # refused by the save, not warned


def test_actions_validate_pdca_fields(service):
    action = service.add_action(
        "Plan vaste leertijd in",
        owner="teamleider",
        due="01-12-2026",
        check_date="2027-01-15",
        check_method="interne audit",
        indicator="8 van 10 overleggen met leermoment",
    )
    assert action.due == "2026-12-01" and action.status == "gepland" and action.id == "a1"
    for fields_, code in [
        (dict(what="", owner="x", due="2026-12-01"), "action.what_required"),
        (dict(what="Doe", owner=" ", due="2026-12-01"), "action.owner_required"),
        (dict(what="Doe", owner="x", due="morgen"), "action.bad_date"),
        (dict(what="Doe", owner="x", due="31-02-2027"), "action.bad_date"),
        (dict(what="Doe", owner="x", due="2026-11-01"), "action.due_before_session"),
        (dict(what="Doe", owner="x", due="2026-12-01", status="half"), "action.bad_choice"),
        (dict(what="Doe", owner="x", due="2026-12-01", colour="rood"), "action.unknown_field"),
    ]:
        with pytest.raises(DomainError) as err:
            service.add_action(fields_.pop("what"), **fields_)
        assert err.value.code == code, fields_
    updated = service.update_action("a1", status="bezig", result="Half van de overleggen")
    assert updated.status == "bezig"
    with pytest.raises(DomainError):
        service.update_action("a1", check_date="31-02-2027")
    assert service.state.actions[0].check_date == "2027-01-15"
    service.remove_action("a1")
    assert service.state.actions == ()


def test_parse_date_accepts_dutch_forms():
    assert parse_date("1-12-2026").isoformat() == "2026-12-01"
    assert parse_date("01/12/2026").isoformat() == "2026-12-01"
    assert parse_date("2026-12-01").isoformat() == "2026-12-01"
    # In words, as the README says a plan may hold them (a trial typed "1 maart 2027" and was refused).
    assert parse_date("1 maart 2027").isoformat() == "2027-03-01"
    assert parse_date("vr 10 jan. 2027").isoformat() == "2027-01-10"


@pytest.mark.parametrize("typed", ["10 januari", "morgen", "31 februari 2027", "1 maart 2027 of 2 maart 2027", ""])
def test_parse_date_refuses_what_it_would_have_to_guess(typed):
    with pytest.raises(DomainError) as refused:
        parse_date(typed)
    assert "met het jaar" in refused.value.text("nl")


def test_every_command_emits_an_event_after_persisting(service, store):
    seen: list[tuple[type, int]] = []
    service.subscribe(lambda e: seen.append((type(e), store.writes)))
    service.advance()
    p = service.join()
    service.add_contribution("Idee", author=p.id, category="A")
    assert [t for t, _ in seen] == [ev.StepChanged, ev.ParticipantJoined, ev.ContributionAdded]
    # Each event came after its own write.
    assert [w for _, w in seen] == [2, 3, 4]


def test_failed_write_changes_nothing_and_emits_nothing(service, store):
    service.advance()
    seen = []
    service.subscribe(seen.append)

    def broken(changes):
        raise StoreWriteError("store.write_failed", reason="schijf vol")

    store.write = broken
    before = service.state
    with pytest.raises(StoreWriteError):
        service.add_contribution("Verloren?")
    # No domain event; only the warning for the facilitator that the disk refused (issue 6).
    assert service.state is before
    assert seen == [ev.StoreHealthChanged(before.version, ok=False, reason="schijf vol", failures=1)]


def test_batch_writes_once_and_keeps_valid_commands(service, store):
    service.advance()
    p = service.join()
    writes = store.writes
    events = []
    service.subscribe(events.append)
    with pytest.raises(DomainError), service.batch():
        service.add_contribution("Een", author=p.id, category="A")
        service.add_contribution("Twee", author=p.id, category="A")
        service.add_contribution("", author=p.id, category="A")
    assert store.writes == writes + 1
    assert [c.text for c in service.state.cards("ideeen")] == ["Een", "Twee"]
    assert len(events) == 2
    assert len(store.read()["contributions"]) == 2


def test_batch_rolls_back_when_the_write_fails(service, store):
    service.advance()
    before = service.state

    def broken(changes):
        raise StoreWriteError("store.write_failed", reason="schijf vol")

    store.write = broken
    with pytest.raises(StoreWriteError), service.batch():
        service.add_contribution("Een", category="A")
    assert service.state is before


def test_closed_session_refuses_changes_and_resume_restores_everything(service, store, clock, script):
    service.advance()
    p = service.join()
    service.add_contribution("Idee", author=p.id, category="A")
    clock.advance(minutes=4)
    service.close_session()
    with pytest.raises(DomainError) as err:
        service.add_contribution("Te laat")
    assert err.value.code == "session.closed"
    resumed = SessionService.resume(MemoryStore(store.read()), clock=clock)
    assert resumed.state.meta == service.state.meta
    assert resumed.state.contributions == service.state.contributions
    assert resumed.state.participants == service.state.participants
    assert resumed.timebox().elapsed == 240


def test_facilitator_is_a_known_voter_for_own_cards(service):
    service.advance()
    card = service.add_contribution("Van de facilitator", author=FACILITATOR, category="A")
    assert card.author == FACILITATOR and card.via == "facilitator"


def test_entering_a_group_step_creates_the_scripts_themes_once(clock):
    text = (
        (FIXTURES / "mini.md")
        .read_text(encoding="utf-8")
        .replace("- kind: group\n", "- kind: group\n- themes: Mens, Organisatie\n")
    )
    from workshop.core.script import parse_script

    service = SessionService.start(
        parse_script(text, "mini.md"), team="T", store=MemoryStore(), session_id="s", clock=clock
    )
    service.go_to("groeperen")
    assert [t.name for t in service.state.themes_of("groeperen")] == ["Mens", "Organisatie"]
    service.back()
    service.advance()
    assert len(service.state.themes) == 2


def test_the_step_clock_pauses_while_the_session_is_not_open_in_a_program(tmp_path, clock):
    from workshop.workspace import Workspace

    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(FIXTURES / "mini.md"), team="T", clock=clock)
    service.advance()
    clock.advance(minutes=4)
    service.release()
    clock.advance(hours=20)  # the next morning
    resumed = workspace.open_session(service.state.meta.id, clock=clock)
    assert resumed.timebox().elapsed == 240
    clock.advance(minutes=1)
    assert resumed.timebox().elapsed == 300
    resumed.release()


def test_vote_items_carry_the_room_label_of_flagged_cards(service):
    theme, cards = voting_setup(service)
    flagged = service.add_contribution("Bel 06-12345678 voor de overdracht", step_id="ideeen", category="A")
    item = next(i for i in service.vote_items() if i.id == flagged.id)
    assert item.privacy == ("phone",) and "12345678" not in item.room_label
    assert item.label == flagged.text  # the facilitator still sees what was sent
    service.release_card(flagged.id)
    item = next(i for i in service.vote_items() if i.id == flagged.id)
    assert item.privacy == () and item.room_label == flagged.text
    assert service.state.proxies == ()
    assert service.add_proxy().id in {p.id for p in service.state.proxies}


HEADER_DAMAGE = [
    lambda t: t.pop("script"),
    lambda t: t.pop("meta"),
    lambda t: t["meta"]["session"].pop("team"),
    lambda t: t["meta"]["session"].update(current=99),
    lambda t: t["meta"]["session"].update(current="2"),
    lambda t: t["meta"]["session"].update(created_at="gisteren"),
    lambda t: t["meta"]["session"].update(spent=[["a", "veel"]]),
    lambda t: t["script"]["copy"].update(text=None),
]
RECORD_DAMAGE = [
    lambda t: t.setdefault("contributions", {}).update(x={"id": "k1", "bogus": 1}),
    lambda t: t.setdefault("contributions", {}).update(x={"id": "kaart", "step_id": "a", "text": "t", "author": "f"}),
]


@pytest.mark.parametrize("damage", HEADER_DAMAGE + RECORD_DAMAGE)
def test_records_that_are_not_a_session_give_a_clear_error(service, damage):
    """A JSON file in sessions/ that is not (all of) a session: listed and refused as such, no traceback."""
    import copy

    from workshop.core.errors import CorruptSessionError
    from workshop.core.session import header_from_tables, state_from_tables

    tables = copy.deepcopy(service._store.read())
    state_from_tables(tables)  # intact: reads fine
    damage(tables)
    with pytest.raises(CorruptSessionError) as err:
        state_from_tables(tables)
    assert "geen (volledige) workshop-sessie" in str(err.value)
    assert "not a (complete) workshop session" in err.value.text("en")
    if damage in HEADER_DAMAGE:  # what a list of sessions reads
        with pytest.raises(CorruptSessionError):
            header_from_tables(tables)


def test_one_persons_dots_and_answers_as_a_scan_would_find_them(service):
    service.go_to("ideeen")
    cards = [service.add_contribution(t).id for t in ("a", "b")]
    step = service.go_to("stemmen")
    service.open_voting()
    anna, bram = service.join().id, service.join().id
    items = [i.id for i in service.vote_items()]
    for item in (items[0], items[0], items[1]):
        service.cast_vote(item, voter=anna)
    service.cast_vote(items[1], voter=bram)
    service.withdraw_vote(items[0], voter=anna)

    def scanned(voter: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for v in service.state.votes:
            if v.step_id == step.id and v.voter == voter:
                found[v.item_id] = found.get(v.item_id, 0) + 1
        return found

    assert service.dots_of(anna) == scanned(anna) == {items[0]: 1, items[1]: 1}
    assert service.dots_of(bram) == {items[1]: 1} and service.dots_of("niemand") == {}
    assert cards  # the items are these cards
    scores = service.go_to("scores")
    service.rate(0, scores.scale_spec.values[0], voter=anna)
    service.rate(1, scores.scale_spec.values[1], voter=anna)
    service.rate(1, scores.scale_spec.values[2], voter=anna)  # changed: the last answer counts
    service.rate(0, scores.scale_spec.values[1], voter=bram)
    assert service.answers_of(anna) == {0: scores.scale_spec.values[0], 1: scores.scale_spec.values[2]}
    assert service.answers_of(bram) == {0: scores.scale_spec.values[1]}


def test_vote_items_and_tallies_are_computed_once_per_snapshot_and_follow_every_change(service):
    service.go_to("ideeen")
    service.add_contribution("a")
    service.go_to("stemmen")
    service.open_voting()
    first = service.vote_items()
    assert service.vote_items() is first  # the same snapshot: the same answer
    voter = service.join().id
    service.cast_vote(first[0].id, voter=voter)
    assert service.vote_results().items[0].votes == 1  # a change: computed again
    service.go_to("ideeen")
    service.add_contribution("b")
    assert [i.label for i in service.vote_items("stemmen")] == ["a", "b"]
