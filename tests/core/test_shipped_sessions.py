"""Each shipped script run end to end through the core (no UI), on a real session file, then exported."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.core import mdcheck
from workshop.core.errors import DomainError
from workshop.core.export import session_summary
from workshop.core.model import SCALES
from workshop.core.results import vote_items
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.workspace import Workspace

SHIPPED = sorted(p.name for p in SCRIPTS.glob("*.md") if p.name != "README.md")


def test_all_seven_scripts_ship():
    assert SHIPPED == [
        "incidentbespreking-vooruit.md",
        "kort-teamoverleg.md",
        "kwaliteitsbeeld-retrospectief.md",
        "mantelzorg-drempelcheck.md",
        "netwerkkaart.md",
        "signaal-naar-verbetering.md",
        "visie-leren-ontwikkelen.md",
    ]


class Run:
    """Drives one session like a facilitator with three phones and one person without a phone."""

    def __init__(self, service: SessionService, clock: FakeClock) -> None:
        self.service = service
        self.clock = clock
        self.phones = [service.join().id for _ in range(3)]
        self.proxy = service.add_proxy().id
        self.said: list[str] = []  # every visible card text that must be in the export
        self.private: list[str] = []  # card texts of `export: nee` steps: in the session, not in the export
        self.hidden: list[str] = []
        self.expected_votes: dict[str, int] = {}
        self.counter = itertools.count(1)

    def card(self, step, author: str, category: str | None) -> None:
        text = f"{step.id} idee {next(self.counter)}"
        via = "participant" if author in self.phones else "facilitator"
        self.service.add_contribution(text, author=author, via=via, category=category)
        (self.said if step.export else self.private).append(text)

    def do(self, step) -> None:
        service = self.service
        service.go_to(step.id)
        self.clock.advance(minutes=step.minutes)
        kind = step.kind
        if step.scale_spec is not None:
            self.rate(step)
        if kind in ("collect", "round", "close", "review"):
            categories = step.categories
            if step.pick:
                categories = service.choose_categories(list(step.categories[: step.pick]))
            for n, author in enumerate(self.phones + ["facilitator"]):
                self.card(step, author, categories[n % len(categories)] if categories else None)
            if kind == "collect":
                # Moderation: one card is hidden before the room sees it.
                hidden = service.add_contribution(
                    f"{step.id} te persoonlijk", category=categories[0] if categories else None
                )
                service.hide_contribution(hidden.id)
                self.hidden.append(hidden.text)
        if kind == "group":
            # Entering a group step made the script's own themes (SessionService._entered).
            themes = service.state.themes_of(step.id) or (service.create_theme("Tijd"), service.create_theme("Samen"))
            if not step.themes:
                themes = service.state.themes_of(step.id)
            cards = [c for source in step.source for c in service.state.cards(source)]
            for card, theme in zip(cards[:-1], itertools.cycle(themes)):
                service.group_card(card.id, theme.id)
        if kind == "vote":
            self.vote(step)
        if kind == "actions":
            theme = next(iter(service.state.themes), None)
            service.add_action(
                "Plan vaste leertijd in het rooster",
                owner="teamleider",
                due="2026-12-15",
                theme_id=theme.id if theme else None,
                check_method="interne audit",
                indicator="8 van 10 overleggen met leermoment",
                check_date="2027-01-31",
            )
            service.add_action(
                "Bespreek de uitkomst met de cliëntenraad",
                owner="kwaliteitsadviseur",
                due="2027-01-10",
                check_method="feedback cliënten/naasten",
            )

    def rate(self, step) -> None:
        scale = SCALES[step.scale or "verkeerslicht"]
        for n, _statement in enumerate(step.rated_statements):
            for m, voter in enumerate(self.phones):
                self.service.rate(n, scale.values[(n + m) % len(scale.values)], voter=voter)
            self.service.rate(n, scale.values[0], voter=self.proxy, via="proxy")
        self.service.reveal()

    def vote(self, step) -> None:
        service = self.service
        with pytest.raises(DomainError):
            service.cast_vote(service.vote_items()[0].id, voter=self.phones[0])  # not open yet
        service.open_voting()
        items = service.vote_items()
        assert items, f"nothing to vote on in {step.id}"
        for voter in self.phones + [self.proxy]:
            via = "proxy" if voter == self.proxy else "participant"
            spent = 0
            for item in itertools.cycle(items):
                if spent == step.dots:
                    break
                try:
                    service.cast_vote(item.id, voter=voter, via=via)
                except DomainError as err:
                    assert err.code == "vote.max_per_item"
                    continue
                spent += 1
                self.expected_votes[item.id] = self.expected_votes.get(item.id, 0) + 1
            assert service.dots_left(voter) == 0
            with pytest.raises(DomainError) as err:  # one over the budget
                service.cast_vote(items[-1].id, voter=voter, via=via)
            assert err.value.code in ("vote.budget", "vote.max_per_item")
        assert service.room_results() is None
        service.close_voting()
        service.reveal()


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_script_end_to_end(name, tmp_path: Path):
    clock = FakeClock()
    workspace = Workspace(tmp_path)
    script = load_script(SCRIPTS / name)
    service = workspace.new_session(script, team="Team De Linde", organisation="Zorggroep Oost", clock=clock)
    session_id = service.state.meta.id
    run = Run(service, clock)
    half = len(script.steps) // 2
    for step in script.steps[:half]:
        run.do(step)
    # The laptop lid closes: the program ends; resuming continues exactly where it was.
    before, clock_before = service.state, service.timebox().elapsed
    service.release()
    service = workspace.open_session(session_id, clock=clock)
    untimed = lambda meta: replace(meta, spent=(), entered_at="")
    assert untimed(service.state.meta) == untimed(before.meta)
    assert service.timebox().elapsed == clock_before  # the step's clock paused while nobody ran it
    assert service.state.contributions == before.contributions
    assert service.state.step.id == script.steps[half - 1].id
    run.service = service
    for step in script.steps[half:]:
        run.do(step)
    service.close_session()
    service.release()

    state = workspace.read_session(session_id)
    md = session_summary(state)
    path = workspace.write_export(f"{session_id}.md", md)
    assert path.read_text(encoding="utf-8") == md
    check_export(md, script, run, state)


def check_export(md: str, script, run: Run, state) -> None:
    assert mdcheck.headings(md, 1) == [f"{script.title} — Team De Linde"]
    assert "Deelnemers: 4" in mdcheck.list_items(md)
    assert mdcheck.headings(md, 2) == [
        "Besluiten en acties",
        "Keuzes",
        "Verloop van de sessie",
        "Verbeterplan (PDCA)",
        "Leeswijzer",
    ]
    steps = [f"{n}. {s.title}" for n, s in enumerate(script.steps, 1)]
    assert mdcheck.headings(md, 3) == steps + ["Plan", "Do", "Check", "Act"]
    items = mdcheck.list_items(md)
    for text in run.said:
        # A card grouped into a theme keeps its category next to it ("text — category").
        assert text in items or any(i.startswith(f"{text} — ") for i in items), text
    for text in run.hidden:
        assert text not in md
    # `export: nee` (the incident stories): kept in the session file, left out of the team summary.
    kept = {c.text for c in state.contributions}
    for text in run.private:
        assert text in kept and text not in md, text
    assert bool(run.private) == any(not s.export for s in script.steps)
    tables = mdcheck.tables(md)
    vote_tables = [t for t in tables if t[0] == ["Plaats", "Thema of kaartje", "Stippen"]]
    vote_steps = [s for s in script.steps if s.kind == "vote"]
    assert len(vote_tables) == len(vote_steps)
    for table, step in zip(vote_tables, vote_steps, strict=False):
        expected = {item.label: run.expected_votes.get(item.id, 0) for item in vote_items(state, step)}
        assert {row[1]: int(row[2]) for row in table[1:]} == expected
        counts = [int(row[2]) for row in table[1:]]
        assert counts == sorted(counts, reverse=True)
        assert sum(counts) == 4 * step.dots  # three phones and one proxy spent their whole budget
    rate_steps = [s for s in script.steps if s.scale_spec is not None]
    rating_tables = [t for t in tables if t[0][0] == "Stelling"]
    assert len(rating_tables) == len(rate_steps)
    for table, step in zip(rating_tables, rate_steps, strict=False):
        assert [row[0] for row in table[1:]] == list(step.rated_statements)
        answers = table[0].index("Antwoorden")
        assert all(row[answers] == "4" for row in table[1:])  # three phones and one proxy
    do = next(t for t in tables if t[0][:2] == ["ID", "Wat"])
    assert [row[1] for row in do[1:]] == [
        "Plan vaste leertijd in het rooster",
        "Bespreek de uitkomst met de cliëntenraad",
    ]
    assert do[1][4] == "15-12-2026"
    check = next(t for t in tables if t[0][:2] == ["ID", "Checkmethode"])
    assert check[1][1:4] == ["interne audit", "8 van 10 overleggen met leermoment", "31-01-2027"]
