"""Property tests: no sequence of casts and withdrawals breaks a budget, and tallies match stored votes."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, FakeClock
from tests.hypo import scaled
from workshop.core.errors import DomainError
from workshop.core.ports import MemoryStore
from workshop.core.script import parse_script
from workshop.core.session import SessionService
from workshop.store.tinydb_store import open_store

MINI = (FIXTURES / "mini.md").read_text(encoding="utf-8")

ops = st.lists(
    st.tuples(st.sampled_from(["cast", "withdraw"]), st.integers(0, 3), st.integers(0, 4)),
    max_size=60,
)


def voting_session(store, dots: int, max_per_item: int | None) -> tuple[SessionService, list[str], list[str]]:
    text = MINI.replace("- dots: 3", f"- dots: {dots}").replace(
        "- max_per_item: 2", f"- max_per_item: {max_per_item}" if max_per_item else ""
    )
    script = parse_script(text, "mini.md")
    service = SessionService.start(script, team="T", store=store, session_id="s", clock=FakeClock())
    voters = [service.join().id for _ in range(4)]
    service.advance()
    [service.add_contribution(f"Kaart {n}", category="A").id for n in range(5)]
    service.go_to("stemmen")
    service.open_voting()
    return service, voters, [item.id for item in service.vote_items()]


def check_invariants(service: SessionService, dots: int, max_per_item: int | None, model: Counter) -> None:
    votes = [v for v in service.state.votes if v.step_id == "stemmen"]
    per_voter = Counter(v.voter for v in votes)
    per_pair = Counter((v.voter, v.item_id) for v in votes)
    assert all(n <= dots for n in per_voter.values())
    if max_per_item:
        assert all(n <= max_per_item for n in per_pair.values())
    results = service.vote_results()
    assert results.total == len(votes) == sum(r.votes for r in results.items)
    assert {r.item.id: r.votes for r in results.items if r.votes} == dict(Counter(v.item_id for v in votes))
    assert per_pair == +model
    for voter in per_voter:
        assert service.dots_left(voter) == dots - per_voter[voter]


def run_ops(service, voters, items, operations, dots, max_per_item) -> Counter:
    model: Counter = Counter()
    for op, who, what in operations:
        voter, item = voters[who], items[what]
        mine = sum(n for (v, _), n in model.items() if v == voter)
        try:
            if op == "cast":
                service.cast_vote(item, voter=voter)
                assert mine < dots
                model[(voter, item)] += 1
            else:
                service.withdraw_vote(item, voter=voter)
                assert model[(voter, item)] > 0
                model[(voter, item)] -= 1
        except DomainError as err:
            # Refused exactly when the rules say so.
            if op == "cast":
                assert mine >= dots or (max_per_item and model[(voter, item)] >= max_per_item), err.code
            else:
                assert model[(voter, item)] == 0
        check_invariants(service, dots, max_per_item, model)
    return model


@settings(max_examples=scaled(150), deadline=None)
@given(operations=ops, dots=st.integers(1, 4), max_per_item=st.one_of(st.none(), st.integers(1, 4)))
def test_budget_never_exceeded_and_tallies_match(operations, dots, max_per_item):
    max_per_item = min(max_per_item, dots) if max_per_item else None
    store = MemoryStore()
    service, voters, items = voting_session(store, dots, max_per_item)
    model = run_ops(service, voters, items, operations, dots, max_per_item)
    reloaded = SessionService.resume(MemoryStore(store.read()))
    check_invariants(reloaded, dots, max_per_item, model)
    assert reloaded.vote_results() == service.vote_results()


@settings(max_examples=scaled(25), deadline=None)
@given(operations=ops, dots=st.integers(1, 3))
def test_reload_from_disk_gives_the_same_state(operations, dots):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        store = open_store(path, create=True)
        service, voters, items = voting_session(store, dots, None)
        model = run_ops(service, voters, items, operations, dots, None)
        store.close()
        reopened = open_store(path)
        try:
            reloaded = SessionService.resume(reopened)
            assert sorted(reloaded.state.votes, key=lambda v: v.id) == sorted(service.state.votes, key=lambda v: v.id)
            # The step's clock starts again from the resume (time no program ran the session never counts).
            assert replace(reloaded.state.meta, entered_at="") == replace(service.state.meta, entered_at="")
            assert reloaded.state.contributions == service.state.contributions
            assert reloaded.vote_results() == service.vote_results()
            check_invariants(reloaded, dots, None, model)
        finally:
            reopened.close()
