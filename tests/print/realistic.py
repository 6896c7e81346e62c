"""Realistic sessions of the shipped scripts, run through the public core like a facilitator would, for print tests."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta
from pathlib import Path

from tests.conftest import SCRIPTS, FakeClock
from workshop.core.errors import DomainError
from workshop.core.model import SessionState
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.workspace import Workspace

TEAM = "Team De Linde"
ORG = "Zorggroep Oost"

# What people in a care team say: long and short, the way cards look after a real session.
SAYINGS = (
    "Vaste leertijd staat wel in het rooster, maar bij ziekte schrappen we die als eerste",
    "Nieuwe collega's krijgen een maatje voor de eerste zes weken",
    "We bespreken fouten pas als het echt mis is gegaan",
    "Meer tijd voor overdracht aan het begin van de dienst",
    "De e-learning sluit niet aan bij wat we op de afdeling doen",
    "Samen een casus bespreken helpt meer dan een cursus",
    "Naasten weten vaak niet bij wie ze terecht kunnen",
    "Afspraken met familie staan verspreid over drie systemen",
    "In de avond is er niemand die vragen van mantelzorgers kan beantwoorden",
    "De teamleider doet mee met de intervisie en dat voelt veilig",
    "Complimenten van familie delen we niet met het hele team",
    "Inwerken duurt te kort voor wie van buiten de zorg komt",
    "Leren van elkaar gebeurt vooral in de pauze",
    "Het ECD geeft geen melding als een afspraak verandert",
    "We durven elkaar nog te weinig aan te spreken",
    "De vrijwilligers weten niet wat ze wel en niet mogen doen",
    "Scholing wordt geregeld ver weg gepland, buiten werktijd",
    "Een vaste contactpersoon voor elke mantelzorger",
    "Korte leermomenten van tien minuten in het teamoverleg",
    "Twee keer per jaar een gesprek met de familie over wat goed gaat",
    "De nachtdienst mist alle overleggen",
    "Protocollen zijn te lang en niemand leest ze helemaal",
    "Wie meldt, hoort nooit wat er met de melding gebeurd is",
    "Drukte op maandagochtend door de artsenvisite",
    "Goed voorbeeld: de EVV'er belde de dochter zelf terug",
    "Een overzicht van wie wat doet, op één A4 bij de koffie",
)
ACTIONS = (
    # what, owner, due (days after the session), check method, indicator, check date (days after)
    (
        "Plan elke maand een leermoment van tien minuten in het teamoverleg",
        "teamleider",
        21,
        "interne audit",
        "8 van 10 overleggen met een leermoment",
        70,
    ),
    (
        "Maak voor elke mantelzorger één vaste contactpersoon",
        "EVV'er",
        45,
        "feedback cliënten/naasten",
        "9 van 10 mantelzorgers weten wie hun contactpersoon is",
        100,
    ),
    (
        "Zet de afspraken met naasten op een vaste plek in het ECD",
        "kwaliteitsadviseur",
        60,
        "kwantitatieve indicator",
        "Alle dossiers hebben het tabblad 'afspraken naasten' ingevuld",
        120,
    ),
)


def run_session(
    workspace: Workspace, script_name: str, clock: FakeClock, *, people: int = 8, seed: int = 7
) -> SessionState:
    """Run a whole session of a shipped script with `people` (two of them without a phone); returns its state."""
    rng = random.Random(seed)
    script = load_script(SCRIPTS / script_name)
    service = workspace.new_session(script, team=TEAM, organisation=ORG, clock=clock)
    try:
        workspace.load_open_actions(service)
        _run(service, clock, rng, people)
        service.close_session()
        return service.state
    finally:
        service.release()


def _run(service: SessionService, clock: FakeClock, rng: random.Random, people: int) -> None:
    phones = [service.join().id for _ in range(people - 2)]
    proxies = [service.add_proxy().id for _ in range(2)]
    everyone = phones + proxies
    sayings = itertools.cycle(SAYINGS)
    actions = itertools.cycle(ACTIONS)
    for step in service.state.script.steps:
        service.go_to(step.id)
        clock.advance(minutes=step.minutes)
        if step.scale_spec is not None:
            scale = step.scale_spec
            for index in range(len(step.rated_statements)):
                leaning = rng.randrange(len(scale.values))
                for voter in everyone:
                    choice = leaning if rng.random() < 0.55 else rng.randrange(len(scale.values))
                    via = "proxy" if voter in proxies else "participant"
                    service.rate(index, scale.values[choice], voter=voter, via=via)
            service.reveal()
        if step.kind == "review" and step.of == "acties":
            for item, status in zip(service.state.reviews, itertools.cycle(("klaar", "bezig", "uitgesteld"))):
                service.review_action(
                    item.plan_id,
                    status=status,
                    result="Deels gelukt; 6 van 10 keer gedaan",
                    act_decision="bijstellen",
                    feedback="teamoverleg",
                )
        if step.collects_text and step.kind != "review":
            categories = step.categories
            if step.pick:
                categories = service.choose_categories(list(step.categories[: step.pick]))
            count = 6 if step.kind == "collect" else 4
            for n in range(count):
                author = phones[n % len(phones)] if n % 3 else "facilitator"
                service.add_contribution(
                    next(sayings), author=author, category=categories[n % len(categories)] if categories else None
                )
        if step.kind == "group":
            # Entering a group step made the script's own themes; without any, the group makes three.
            themes = service.state.themes_of(step.id) or tuple(
                service.create_theme(name) for name in ("Tijd om te leren", "Samenwerken met naasten", "Veilig melden")
            )
            cards = [c for source in step.source for c in service.state.cards(source)]
            for card, theme in zip(cards[:-2], itertools.cycle(themes)):
                service.group_card(card.id, theme.id)
        if step.kind == "vote":
            service.open_voting()
            items = service.vote_items()
            for voter in everyone:
                via = "proxy" if voter in proxies else "participant"
                for item in rng.sample(items, min(len(items), step.dots)):
                    try:
                        service.cast_vote(item.id, voter=voter, via=via)
                    except DomainError:
                        pass
            service.close_voting()
            service.reveal()
        if step.kind == "actions":
            theme = next(iter(service.state.themes), None)
            today = clock().date()
            for what, owner, due, method, indicator, check in itertools.islice(actions, 2):
                service.add_action(
                    what,
                    owner=owner,
                    due=(today + timedelta(days=due)).isoformat(),
                    theme_id=theme.id if theme else None,
                    check_method=method,
                    indicator=indicator,
                    check_date=(today + timedelta(days=check)).isoformat(),
                    why="Uit de stemming van vandaag",
                )


def workspace_with_sessions(root: Path) -> tuple[Workspace, dict[str, SessionState]]:
    """Return a workspace holding one realistic, closed session of every shipped script (the plan merged in between)."""
    workspace = Workspace(root)
    clock = FakeClock()
    states = {}
    for name in sorted(p.name for p in SCRIPTS.glob("*.md") if p.name != "README.md"):
        state = run_session(workspace, name, clock)
        workspace.merge_plan(state)  # so a later session's review of acties has open actions
        clock.advance(days=14)
        states[name] = state
    return workspace, states
