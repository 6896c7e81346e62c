"""The service's lookups (StateIndex) always answer what a scan of the snapshot would, whatever happens.

The index is kept next to the snapshot and updated per command; a failed write puts the old snapshot
back. Random programs of commands (with failing writes and batches mixed in) check after every step
that the kept index equals a fresh one and that every indexed answer equals the plain scan.
"""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, FakeClock
from tests.hypo import scaled
from workshop.core.errors import DomainError, StoreWriteError
from workshop.core.model import FACILITATOR
from workshop.core.participant_view import progress
from workshop.core.ports import MemoryStore
from workshop.core.results import vote_items
from workshop.core.script import parse_script
from workshop.core.session import SessionService
from workshop.core.state_index import StateIndex

MINI = (FIXTURES / "mini.md").read_text(encoding="utf-8")


class FlakyStore(MemoryStore):
    """A MemoryStore whose next write fails when told to (a full disk for one write)."""

    def __init__(self) -> None:
        super().__init__()
        self.fail_next = False

    def write(self, changes) -> None:
        if self.fail_next:
            self.fail_next = False
            raise StoreWriteError("store.write_failed", reason="schijf vol")
        super().write(changes)


COMMANDS = st.sampled_from(
    [
        "join",
        "card",
        "card",
        "hide",
        "show",
        "edit",
        "theme",
        "remove_theme",
        "group",
        "ungroup",
        "vote",
        "vote",
        "withdraw",
        "rate",
        "rate",
        "go",
        "open",
        "close",
        "fail",
        "batch",
    ]
)
PROGRAM = st.lists(st.tuples(COMMANDS, st.integers(0, 50), st.integers(0, 50)), max_size=70)


def run(service: SessionService, store: FlakyStore, command: str, a: int, b: int) -> None:
    state = service.state
    people = [p.id for p in state.participants] or ["nobody"]
    who = people[a % len(people)]
    cards = [c.id for c in state.contributions] or ["c1"]
    card = cards[b % len(cards)]
    themes = [t.id for t in state.themes] or ["t1"]
    items = [i.id for i in service.vote_items("stemmen")] + ["c999", "o1"]
    steps = [s.id for s in state.script.steps]
    if command == "join":
        service.phone_seen(service.join().id)  # the phone's page loads: it is here
    elif command == "card":
        service.add_contribution(
            f"Kaart {a}",
            author=who if b % 5 else FACILITATOR,  # the facilitator's own cards: not counted as a sender
            category="A",
            step_id="ideeen",
            via="participant" if a % 2 else "facilitator",
        )
    elif command in ("hide", "show"):
        service.hide_contribution(card, hidden=command == "hide")
    elif command == "edit":
        service.edit_contribution(card, f"Anders {b}")
    elif command == "theme":
        service.create_theme(f"Thema {a}", "groeperen")
    elif command == "remove_theme":
        service.remove_theme(themes[a % len(themes)])
    elif command == "group":
        service.group_card(card, themes[a % len(themes)])
    elif command == "ungroup":
        service.group_card(card, None)
    elif command == "vote":
        service.cast_vote(items[b % len(items)], voter=who, step_id="stemmen")
    elif command == "withdraw":
        service.withdraw_vote(items[b % len(items)], voter=who, step_id="stemmen")
    elif command == "rate":
        service.rate(a % 2, ("groen", "oranje", "rood", "onbekend")[b % 4], voter=who, via="proxy", step_id="scores")
    elif command == "go":
        service.go_to(steps[a % len(steps)])
    elif command == "open":
        service.open_voting("stemmen")
    elif command == "close":
        service.close_voting("stemmen")
    elif command == "fail":
        store.fail_next = True
    elif command == "batch":
        # A batch of several commands whose one write may fail: the snapshot goes back, the index must follow.
        store.fail_next = a % 3 == 0
        try:
            with service.batch():
                for n in range(b % 5):
                    with contextlib.suppress(DomainError):
                        run(service, store, ("card", "vote", "rate", "join", "withdraw")[n], a + n, b + n)
        except StoreWriteError:
            pass


def check(service: SessionService) -> None:
    state = service.state
    kept = service._index
    fresh = StateIndex(state)
    if kept is not None and kept.describes(state):
        assert kept.snapshot() == fresh.snapshot()
    step = state.script.step("stemmen")
    offered = {i.id for i in vote_items(state, step)}
    candidates = offered | {c.id for c in state.contributions} | {t.id for t in state.themes} | {"o1", "x"}
    for item_id in candidates:
        assert service._is_vote_item(step, item_id) == (item_id in offered), item_id
    for p in state.participants:
        assert service.participant(p.id) == next(q for q in state.participants if q.id == p.id)
        placed = sum(1 for v in state.votes if v.step_id == step.id and v.voter == p.id)
        assert service.dots_left(p.id, "stemmen") == step.dots - placed
    assert service.participant("niemand") is None
    # A step's progress and whether a card is the room's now come from the lookups: as a scan would say.
    for each in state.script.steps:
        assert service.progress(each.id) == progress(state, each), each.id
    voted = {v.item_id for v in state.votes}
    for c in state.contributions:
        assert service._used(c) == bool(c.theme_id or c.hidden or c.id in voted), c.id
    ratings = [r.key for r in state.ratings]
    assert len(ratings) == len(set(ratings))


@settings(max_examples=scaled(60), deadline=None)
@given(PROGRAM)
def test_the_index_always_matches_a_scan(program) -> None:
    store = FlakyStore()
    service = SessionService.start(
        parse_script(MINI, "mini.md"), team="T", store=store, session_id="s", clock=FakeClock()
    )
    for _ in range(3):
        service.phone_seen(service.join().id)
    service.go_to("ideeen")
    for command, a, b in program:
        with contextlib.suppress(DomainError, StoreWriteError):
            run(service, store, command, a, b)
        check(service)
    # And what was stored reads back into the same session.
    resumed = SessionService.resume(store)
    assert resumed.state.contributions == service.state.contributions
    assert sorted(resumed.state.votes, key=lambda v: v.id) == sorted(service.state.votes, key=lambda v: v.id)
    assert set(resumed.state.ratings) == set(service.state.ratings)


def test_a_hand_edited_file_with_an_id_twice_is_handled_as_before() -> None:
    """A duplicate card id (never made by the service) takes the old scanning way: every copy changes."""
    store = MemoryStore()
    service = SessionService.start(
        parse_script(MINI, "mini.md"), team="T", store=store, session_id="s", clock=FakeClock()
    )
    service.go_to("ideeen")
    service.add_contribution("Een", category="A")
    tables = store.read()
    tables["contributions"]["kopie"] = dict(tables["contributions"]["c1"], text="Kopie")
    twin = SessionService.resume(MemoryStore(tables))
    assert [c.id for c in twin.state.contributions] == ["c1", "c1"]
    twin.hide_contribution("c1")
    assert [c.hidden for c in twin.state.contributions] == [True, True]
    check(twin)
