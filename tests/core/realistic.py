"""Realistic sessions of the shipped scripts, run through the core like a facilitator with a room of eight would:
a team with a plan from an earlier session, its open actions reviewed, Dutch cards, votes, ratings that
differ per statement, and actions. Deterministic (a seeded random and a fixed clock), for snapshot tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from tests.conftest import FakeClock
from workshop.core.model import SCALES, Step
from workshop.core.review import review_steps
from workshop.core.session import SessionService
from workshop.workspace import Workspace

TEAM = "Team De Linde"
ORG = "Zorggroep Oost"
PEOPLE = 8
SAYINGS = (
    "Vaste leertijd staat in het rooster, maar bij ziekte schrappen we die als eerste",
    "Nieuwe collega's krijgen een maatje voor de eerste zes weken",
    "We bespreken fouten pas als het echt mis is gegaan",
    "Meer tijd voor de overdracht aan het begin van de dienst",
    "De e-learning sluit niet aan bij wat we op de afdeling doen",
    "Samen een casus bespreken helpt meer dan een cursus",
    "Naasten weten vaak niet bij wie ze terecht kunnen",
    "Afspraken met familie staan verspreid over drie systemen",
    "In de avond kan niemand vragen van mantelzorgers beantwoorden",
    "De teamleider doet mee met de intervisie en dat voelt veilig",
    "Complimenten van familie delen we niet met het hele team",
    "Inwerken duurt te kort voor wie van buiten de zorg komt",
    "Leren van elkaar gebeurt vooral in de pauze",
    "Het ECD geeft geen melding als een afspraak verandert",
    "We durven elkaar nog te weinig aan te spreken",
    "Scholing wordt ver weg gepland, buiten werktijd",
    "Een vaste contactpersoon voor elke mantelzorger",
    "Korte leermomenten van tien minuten in het teamoverleg",
    "De nachtdienst mist alle overleggen",
    "Wie meldt, hoort nooit wat er met de melding gebeurd is",
    "Goed voorbeeld: de EVV'er belde de dochter zelf terug",
    "Een overzicht van wie wat doet, op één A4 bij de koffie",
)
THEMES = ("Tijd om te leren", "Samen met naasten", "Melden en terugkoppelen")
# Eight answers per pattern, on the traffic light / building-block scale and on 1-5, with how often a
# statement comes out that way: mostly fine or "partly", now and then red, split or unknown.
LIGHT_PATTERNS = (
    ("groen",) * 5 + ("oranje",) * 2 + ("onbekend",),
    ("groen",) * 2 + ("oranje",) * 5 + ("rood",),
    ("groen",) * 6 + ("oranje",) + ("rood",),
    ("groen",) * 3 + ("oranje",) * 3 + ("rood",) * 2,
    ("groen",) * 3 + ("oranje",) + ("rood",) * 3 + ("onbekend",),
    ("groen",) + ("oranje",) * 2 + ("rood",) * 5,
    ("groen",) * 2 + ("oranje",) * 2 + ("rood",) + ("onbekend",) * 3,
)
LIGHT_WEIGHTS = (5, 4, 4, 1, 1, 1, 1)
FIVE_PATTERNS = (
    ("4", "4", "5", "3", "4", "5", "4", "3"),
    ("2", "3", "3", "2", "4", "3", "2", "3"),
    ("1", "2", "4", "5", "2", "4", "1", "5"),
)
ACTIONS = (
    dict(
        what="Plan elke maand een leermoment van tien minuten in het teamoverleg",
        owner="teamleider",
        due="2026-12-21",
        check_method="interne audit",
        indicator="8 van 10 overleggen met een leermoment",
        check_date="2027-02-01",
    ),
    dict(
        what="Geef elke mantelzorger één vaste contactpersoon",
        owner="EVV'er",
        due="2027-01-15",
        check_method="feedback cliënten/naasten",
        indicator="9 van 10 mantelzorgers weten wie hun contactpersoon is",
        check_date="2027-03-01",
        feedback="mantelzorgers via de nieuwsbrief",
    ),
    dict(
        what="Vertel wie een melding deed binnen twee weken wat ermee gebeurd is",
        owner="kwaliteitsadviseur",
        due="2027-01-31",
        check_method="kwantitatieve indicator",
        indicator="80% van de melders hoort binnen twee weken iets",
        check_date="2027-03-15",
    ),
)
EARLIER = (
    dict(what="Zet de overdracht om 7 uur op een vast lijstje", owner="teamleider", due="2026-10-15"),
    dict(
        what="Nodig de cliëntenraad uit voor het leeroverleg",
        owner="kwaliteitsadviseur",
        due="2026-10-31",
        check_date="2026-11-15",
    ),
    dict(what="Maak een leerwand in de teamkamer", owner="praktijkopleider", due="2026-11-30"),
)


def earlier_plan(workspace: Workspace) -> None:
    """The team's plan before this session: a short meeting in September with three actions, one edited by hand."""
    clock = FakeClock(datetime(2026, 9, 14, 14, 0, tzinfo=UTC))
    service = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=TEAM, organisation=ORG, clock=clock)
    service.go_to("een-actie")
    for fields in EARLIER:
        service.add_action(**fields)
    service.close_session()
    session_id = service.state.meta.id
    service.release()
    path, _ = workspace.merge_plan(workspace.read_session(session_id))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("| P | gepland |\n| DL-2609-a2", "| P | bezig |\n| DL-2609-a2", 1), encoding="utf-8")


def run(workspace: Workspace, script_id: str) -> str:
    """Run a realistic session of `script_id` for Team De Linde (with a plan from September); returns its id."""
    earlier_plan(workspace)
    clock = FakeClock(datetime(2026, 11, 23, 13, 30, tzinfo=UTC))
    service = workspace.new_session(workspace.find_script(script_id), team=TEAM, organisation=ORG, clock=clock)
    Room(service, clock, random.Random(script_id)).play()
    service.close_session()
    session_id = service.state.meta.id
    service.release()
    return session_id


class Room:
    """Eight people with phones and a facilitator, going through the agenda with `n` (advance)."""

    def __init__(self, service: SessionService, clock: FakeClock, rng: random.Random) -> None:
        self.service, self.clock, self.rng = service, clock, rng
        self.people = [service.join().id for _ in range(PEOPLE)]
        service.set_details(headcount=PEOPLE + 3)
        self.said = iter(rng.sample(SAYINGS, len(SAYINGS)) * 4)

    def play(self) -> None:
        service = self.service
        while True:
            self.do(service.state.step)
            if service.state.meta.current + 1 >= len(service.state.script.steps):
                return
            self.clock.advance(minutes=service.state.step.minutes)
            service.advance()

    def do(self, step: Step) -> None:
        service = self.service
        if step.kind == "review" and step in review_steps(service.state.script):
            self.review()
        if step.scale_spec is not None:
            self.rate(step)
        if step.kind in ("collect", "round", "close") or (step.kind == "review" and step.of != "acties"):
            self.cards(step)
        if step.kind == "group":
            self.group(step)
        if step.kind == "vote":
            self.vote(step)
        if step.kind == "actions":
            themes = service.state.themes
            for n, fields in enumerate(ACTIONS[: 2 + self.rng.randrange(2)]):
                theme = themes[n % len(themes)].id if themes else None
                service.add_action(**fields, theme_id=theme)

    def review(self) -> None:
        answers = (
            dict(
                status="klaar",
                result="De overdracht duurt nu 10 minuten korter",
                act_decision="borgen",
                feedback="team en cliëntenraad",
                feedback_when="2026-11-20",
                feedback_done="ja",
            ),
            dict(status="bezig", result="Eerste overleg is gepland", feedback="cliëntenraad"),
            dict(status="uitgesteld"),
        )
        for item, given in zip(self.service.state.reviews, answers, strict=False):
            self.service.review_action(item.plan_id, **given)

    def cards(self, step: Step) -> None:
        service = self.service
        categories = service.state.categories(step.id)
        if step.pick:
            categories = service.choose_categories(list(step.categories[: step.pick]))
        for n in range(4 if step.kind == "collect" else 2):
            author = self.people[n % PEOPLE]
            category = categories[n % len(categories)] if categories else None
            service.add_contribution(next(self.said), author=author, via="participant", category=category)

    def group(self, step: Step) -> None:
        service = self.service
        themes = list(service.state.themes_of(step.id))
        if not themes:
            themes = [service.create_theme(name) for name in THEMES]
        cards = [c for source in step.source for c in service.state.cards(source)]
        for n, card in enumerate(cards[:-1]):
            service.group_card(card.id, themes[n % len(themes)].id)

    def vote(self, step: Step) -> None:
        service = self.service
        service.open_voting()
        items = list(service.vote_items())
        favourites = self.rng.sample(items, len(items))
        limit = step.max_per_item or step.dots
        for voter in self.people:
            spent: dict[str, int] = {}
            for item in favourites[: max(1, len(items) // 2)] * step.dots:
                if sum(spent.values()) == step.dots:
                    break
                if spent.get(item.id, 0) < limit and self.rng.random() < 0.7:
                    service.cast_vote(item.id, voter=voter)
                    spent[item.id] = spent.get(item.id, 0) + 1
        service.close_voting()
        service.reveal()

    def rate(self, step: Step) -> None:
        scale = SCALES[step.scale or "verkeerslicht"]
        patterns = FIVE_PATTERNS if scale.key == "1-5" else LIGHT_PATTERNS
        weights = (1,) * len(FIVE_PATTERNS) if scale.key == "1-5" else LIGHT_WEIGHTS
        for n, _statement in enumerate(step.rated_statements):
            answers = list(self.rng.choices(patterns, weights)[0])
            self.rng.shuffle(answers)
            for voter, value in zip(self.people, answers, strict=True):
                self.service.rate(n, value, voter=voter)
        self.service.reveal()
