"""Each shipped script run start to end with realistic Dutch input, through the core on a real session file.

A scenario per script says what the room says, scores, votes and agrees; the driver plays it through the
SessionService (three phones and one person without a phone, on a real TinyDB file in a temp folder) and
the test reads the Markdown summary back: cards under their category, `export: nee` cards only in the
session file, every rating and vote counted as given, and the PDCA actions.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.core import mdcheck
from workshop.core.export import session_summary
from workshop.core.model import SCALES, SessionState
from workshop.core.plan import plan_id, short_prefix
from workshop.core.session import SessionService
from workshop.workspace import Workspace

TEAM = "Team De Linde"
Card = str | tuple[str, str]  # a text, or (category, text)
LETTERS = {"g": "groen", "o": "oranje", "r": "rood", "?": "onbekend"}
PRIVATE_NOTE = "Wat hier is gezegd, blijft in het sessiebestand en staat niet in deze samenvatting."


@dataclass
class Scenario:
    script: str
    cards: dict[str, list[Card]]  # step id -> what is said, in order
    ratings: dict[str, list[str]] = field(default_factory=dict)  # step id -> one answer string per voter
    themes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # group step -> theme -> card texts
    dots: dict[str, list[list[str]]] = field(default_factory=dict)  # vote step -> per voter, the item labels
    actions: list[dict[str, str]] = field(default_factory=list)


SCENARIOS = [
    Scenario(
        "visie-leren-ontwikkelen",
        cards={
            "wat-heb-jij-geleerd": [
                "Van een collega geleerd hoe je rustig blijft bij onrust in de avond",
                "Dat een korte overdracht aan het bed beter werkt dan op kantoor",
                "Van een naaste gehoord welke muziek een cliënt rustig maakt",
            ],
            "wat-moet-leren-opleveren": [
                ("Cliënten", "Zorg die past bij wie iemand is, niet alleen bij de diagnose"),
                ("Cliënten", "Minder wisselende gezichten door goed ingewerkte collega's"),
                ("Naasten", "Naasten weten wat ze van ons kunnen verwachten"),
                ("Onszelf", "Meer plezier in het werk en zekerheid bij nieuwe handelingen"),
            ],
            "over-drie-jaar": [
                ("Zeggenschap", "Het team kiest zelf een deel van de scholing"),
                ("Zeggenschap", "We horen elk kwartaal terug wat er met onze meldingen is gedaan"),
                ("Leermethoden", "We leren elke week van elkaar in een kort overleg"),
                ("Leermethoden", "Nieuwe collega's werken de eerste weken met een vast maatje"),
                ("Behoeften van naasten", "Naasten geven ons makkelijk feedback, ook buiten de cliëntenraad"),
                ("Borging", "Na elke scholing kijken we na drie maanden wat het opleverde"),
            ],
            "bij-ons-leren-we-door": [
                "Bij ons leren we door elke week een casus te bespreken",
                "Bij ons leren we door elkaar feedback te geven, ook aan de leidinggevende",
                "Bij ons leren we door te luisteren naar wat cliënten en naasten vertellen",
            ],
            "afsluiting": ["De cliëntenraad", "De VAR", "Het team van de andere locatie"],
        },
        themes={
            "themas-maken": {
                "Leren van elkaar": [
                    "We leren elke week van elkaar in een kort overleg",
                    "Nieuwe collega's werken de eerste weken met een vast maatje",
                ],
                "Gehoord worden": [
                    "Het team kiest zelf een deel van de scholing",
                    "We horen elk kwartaal terug wat er met onze meldingen is gedaan",
                ],
                "Samen met naasten": [
                    "Naasten weten wat ze van ons kunnen verwachten",
                    "Naasten geven ons makkelijk feedback, ook buiten de cliëntenraad",
                ],
                "Weten wat het oplevert": ["Na elke scholing kijken we na drie maanden wat het opleverde"],
            }
        },
        dots={
            "stemmen-op-themas": [
                ["Leren van elkaar", "Gehoord worden", "Samen met naasten"],
                ["Leren van elkaar", "Gehoord worden", "Weten wat het oplevert"],
                ["Leren van elkaar", "Samen met naasten", "Gehoord worden"],
                ["Leren van elkaar", "Weten wat het oplevert", "Gehoord worden"],
            ]
        },
        ratings={"randvoorwaarden": ["rgoggoorgrogog", "roo?gorrgroggg", "rgogoo?rorrogo", "ogogggrrgrgogg"]},
        actions=[
            {
                "what": "Plan elke maand een uur leertijd in het rooster",
                "owner": "teamleider",
                "due": "2027-01-15",
                "why": "Randvoorwaarde ruimte en tijd kleurde rood",
                "check_method": "kwantitatieve indicator",
                "indicator": "12 van 12 maanden een leeruur gepland",
                "check_date": "2027-04-01",
            },
            {
                "what": "Vraag de cliëntenraad om feedback op de eerste versie van de visie",
                "owner": "kwaliteitsadviseur",
                "due": "2026-12-20",
                "check_method": "feedback cliënten/naasten",
            },
        ],
    ),
    Scenario(
        "incidentbespreking-vooruit",
        cards={
            "inchecken": ["Gespannen", "Nieuwsgierig", "Moe"],
            "wat-gebeurde-er": [
                ("Wat de bedoeling was", "De cliënt zou in de ochtend zijn medicatie één keer krijgen"),
                ("Wat er gebeurde", "De medicatie werd twee keer gegeven, door twee collega's"),
                ("Wat anders liep dan verwacht", "De aftekenlijst was na de overdracht niet bijgewerkt"),
            ],
            "waarom-leek-het-logisch": [
                "Het was druk door een ziekmelding in de vroege dienst",
                "De lijst op papier en die in het systeem verschilden",
            ],
            "wat-ging-er-goed": [
                ("Wat erger voorkwam", "De collega belde meteen de huisarts"),
                ("Wat erger voorkwam", "De cliënt werd de rest van de dag extra in de gaten gehouden"),
                ("Wat meestal goed gaat", "Normaal tekenen we direct af bij de cliënt"),
            ],
            "wie-is-geraakt": [
                "De cliënt: uitleg en een extra controle door de huisarts",
                "De collega's: een gesprek met iemand van de collegiale opvang",
            ],
            "ideeen-voor-de-toekomst": [
                "Aftekenen alleen nog digitaal en direct bij de cliënt",
                "Bij drukte één collega per ronde voor alle medicatie",
                "Medicatie bij de overdracht altijd hardop doorlopen",
            ],
            "hoe-veilig-voelde-dit-gesprek": ["Fijn dat we niet naar een schuldige zochten"],
        },
        themes={
            "mens-organisatie-techniek-of-client": {
                "Organisatie": [
                    "Het was druk door een ziekmelding in de vroege dienst",
                    "Normaal tekenen we direct af bij de cliënt",
                ],
                "Techniek": ["De lijst op papier en die in het systeem verschilden"],
                "Mens": ["De collega belde meteen de huisarts"],
            }
        },
        ratings={"hoe-groot-is-het-risico": ["34", "43", "33", "24"], "hoe-veilig-voelde-dit-gesprek": list("4534")},
        dots={
            "beste-ideeen-kiezen": [
                ["Aftekenen alleen nog digitaal en direct bij de cliënt"] * 2,
                [
                    "Aftekenen alleen nog digitaal en direct bij de cliënt",
                    "Medicatie bij de overdracht altijd hardop doorlopen",
                ],
                [
                    "Bij drukte één collega per ronde voor alle medicatie",
                    "Aftekenen alleen nog digitaal en direct bij de cliënt",
                ],
                ["Medicatie bij de overdracht altijd hardop doorlopen"] * 2,
            ]
        },
        actions=[
            {
                "what": "Zet het digitaal aftekenen bij de cliënt aan op de hele afdeling",
                "owner": "teamleider",
                "due": "2026-12-15",
                "why": "Idee met de meeste stippen",
                "check_method": "interne audit",
                "indicator": "geen dubbele toediening in drie maanden",
                "check_date": "2027-03-15",
                "feedback": "melder en cliënt via de EVV'er; team in het teamoverleg",
            }
        ],
    ),
    Scenario(
        "mantelzorg-drempelcheck",
        cards={
            "wat-ging-goed": [
                "Een dochter hielp bij het eten, en wij hadden tijd voor een praatje",
                "Met een partner samen een rustig moment voor het slapen gevonden",
            ],
            "wat-zie-jij": [
                "Als mantelzorger weet ik niet bij wie ik 's avonds terecht kan",
                "Wij weten vaak niet wat de familie die dag al heeft gedaan",
            ],
            "drempels": [
                "Geen vast aanspreekpunt voor mantelzorgers",
                "Onduidelijk welke informatie we met een buurvrouw mogen delen",
                "Geen tijd in de planning voor een gesprek met familie",
            ],
            "afsluiting": ["Een vast aanspreekpunt per cliënt, in de map bij de voordeur"],
        },
        ratings={
            "drempelcheck": [
                "goo?rrogo?g?rorogr??g",
                "oor?rrogg?grrrooro??o",
                "gog?orrgo?o?rrrgrr?og",
                "rrrrrrrrrrrrrrrrrrrrr",
            ]
        },
        dots={
            "wat-pakken-we-eerst-aan": [
                ["Geen vast aanspreekpunt voor mantelzorgers", "Geen tijd in de planning voor een gesprek met familie"],
                [
                    "Geen vast aanspreekpunt voor mantelzorgers",
                    "Onduidelijk welke informatie we met een buurvrouw mogen delen",
                ],
                [
                    "Onduidelijk welke informatie we met een buurvrouw mogen delen",
                    "Geen vast aanspreekpunt voor mantelzorgers",
                ],
                ["Geen vast aanspreekpunt voor mantelzorgers", "Geen tijd in de planning voor een gesprek met familie"],
            ]
        },
        actions=[
            {
                "what": "Wijs per cliënt een vast aanspreekpunt voor mantelzorgers aan",
                "owner": "EVV'er",
                "due": "2027-01-31",
                "check_method": "feedback cliënten/naasten",
                "indicator": "mantelzorgers weten bij wie ze terechtkunnen",
                "check_date": "2027-04-30",
            }
        ],
    ),
    Scenario(
        "kwaliteitsbeeld-retrospectief",
        cards={
            "terugblik": [
                ("Hier zijn we trots op", "Het verloop onder nieuwe collega's is gehalveerd"),
                ("Dit ging mis, en zo gingen we ermee om", "Te laat gereageerd op klachten over de maaltijden"),
            ],
            "de-beweging-van-het-kompas": [
                ("Zeggenschap van cliënten en naasten", "De cliëntenraad koos mee het nieuwe dagprogramma"),
                ("Kwaliteit van bestaan", "Meer tijd voor een wandeling, minder vaste zorgmomenten"),
                ("Zeggenschap van medewerkers", "Het team koos zelf de scholing over onbegrepen gedrag"),
            ],
            "vergelijken-met-het-odb": [
                ("Cijfer uit het ODB", "Onze cliënttevredenheid ligt iets onder die van vergelijkbare aanbieders"),
                ("Komt door onze context", "Wij hebben meer cliënten met zware zorg"),
                ("Hier kunnen we leren", "Een collega-aanbieder werkt al met vaste teams per huiskamer"),
            ],
            "ontwikkelingen-om-ons-heen": [
                ("Zorgtechnologie", "Slimme sensoren 's nachts in plaats van rondes"),
                ("Herverdeling van geld en mensen", "Minder nieuwe collega's, dus anders werken"),
            ],
            "vooruitblik": ["Over een jaar werkt elke huiskamer met een vast team, net als de collega-aanbieder"],
            "afsluiting": ["We luisteren beter naar cliënten dan vorig jaar, en dat merken ze"],
        },
        themes={
            "wat-hoort-bij-elkaar": {
                "Vaste gezichten": [
                    "Het verloop onder nieuwe collega's is gehalveerd",
                    "Een collega-aanbieder werkt al met vaste teams per huiskamer",
                ],
                "Zeggenschap": [
                    "De cliëntenraad koos mee het nieuwe dagprogramma",
                    "Het team koos zelf de scholing over onbegrepen gedrag",
                ],
                "Slim werken": [
                    "Slimme sensoren 's nachts in plaats van rondes",
                    "Minder nieuwe collega's, dus anders werken",
                ],
            }
        },
        ratings={"stand-per-bouwsteen": ["goggo", "oog?o", "gorgo", "oggrr"]},
        dots={
            "onze-leeragenda": [
                ["Vaste gezichten", "Vaste gezichten", "Slim werken"],
                ["Vaste gezichten", "Zeggenschap", "Slim werken"],
                ["Zeggenschap", "Vaste gezichten", "Vaste gezichten"],
                ["Slim werken", "Vaste gezichten", "Zeggenschap"],
            ]
        },
        actions=[
            {
                "what": "Start op twee huiskamers met vaste teams",
                "owner": "manager zorg",
                "due": "2027-03-01",
                "why": "Leeragenda: vaste gezichten",
                "check_method": "feedback cliënten/naasten",
                "check_date": "2027-06-01",
            }
        ],
    ),
    Scenario(
        "signaal-naar-verbetering",
        cards={
            "een-signaal-dat-iets-opleverde": [
                "Een compliment over de avondzorg leidde tot een vaste rustige avondronde",
                "Een klacht over de was werd pas na drie weken beantwoord",
            ],
            "waar-loopt-een-signaal-vast": [
                ("Binnenkomen", "Naasten weten niet dat ze ook bij de klachtenfunctionaris terechtkunnen"),
                ("Terugkoppelen", "Wie een melding doet, hoort er nooit meer iets van"),
                ("Voorrang", "Alle meldingen komen op één stapel, groot en klein"),
                ("Terugkoppelen", "Complimenten worden niet doorgegeven aan het team"),
            ],
            "afsluiting": ["Dat de vertrouwenspersoon ook voor medewerkers is, en hoe je die bereikt"],
        },
        ratings={"waar-kun-je-terecht": ["orgrro?gorrogo", "or?rrooggrrogr", "gogrroogrrrgog", "oogrro?ogrrogo"]},
        dots={
            "wat-pakken-we-eerst-aan": [
                [
                    "Wie een melding doet, hoort er nooit meer iets van",
                    "Alle meldingen komen op één stapel, groot en klein",
                ],
                [
                    "Wie een melding doet, hoort er nooit meer iets van",
                    "Naasten weten niet dat ze ook bij de klachtenfunctionaris terechtkunnen",
                ],
                [
                    "Complimenten worden niet doorgegeven aan het team",
                    "Wie een melding doet, hoort er nooit meer iets van",
                ],
                [
                    "Wie een melding doet, hoort er nooit meer iets van",
                    "Naasten weten niet dat ze ook bij de klachtenfunctionaris terechtkunnen",
                ],
            ]
        },
        actions=[
            {
                "what": "Bel wie een melding deed binnen twee weken terug met wat ermee is gedaan",
                "owner": "kwaliteitsadviseur",
                "due": "2027-01-15",
                "check_method": "kwantitatieve indicator",
                "indicator": "9 van 10 melders binnen twee weken teruggebeld",
                "check_date": "2027-04-15",
            }
        ],
    ),
    Scenario(
        "netwerkkaart",
        cards={
            "in-welke-netwerken-zitten-we": [
                ("Regionaal zorgnetwerk", "Het regionale netwerk voor infectiepreventie, voor de aandachtsvelders"),
                ("Lerend netwerk", "Het lerend netwerk van vijf kleine aanbieders, voor de teamleiders"),
                ("Mantelzorgsteunpunt", "Het steunpunt mantelzorg van de gemeente"),
                ("Wijk en gemeente", "Het wijkoverleg met huisarts en wijkteam"),
            ],
            "wie-is-ons-aanspreekpunt": [
                "Infectiepreventie – de aandachtsvelder hygiëne",
                "Lerend netwerk – de manager zorg",
                "Mantelzorgsteunpunt – niemand bekend",
            ],
            "halen-en-brengen": [
                ("Wat we halen", "Nieuwe afspraken over isolatie bij een uitbraak"),
                ("Wat we brengen", "Onze ervaring met vaste teams per huiskamer"),
                ("Wat we missen", "Een afspraak met het steunpunt over doorverwijzen"),
            ],
            "afsluiting": ["Het lerend netwerk, bij de collega's van de nachtdienst"],
        },
        ratings={"hoe-staat-het-met-onze-netwerken": ["oroogr", "orr?gr", "grooor", "o?rogr"]},
        dots={
            "waar-halen-we-meer-uit": [
                ["Een afspraak met het steunpunt over doorverwijzen", "Onze ervaring met vaste teams per huiskamer"],
                [
                    "Een afspraak met het steunpunt over doorverwijzen",
                    "Nieuwe afspraken over isolatie bij een uitbraak",
                ],
                ["Onze ervaring met vaste teams per huiskamer", "Een afspraak met het steunpunt over doorverwijzen"],
                ["Een afspraak met het steunpunt over doorverwijzen", "Onze ervaring met vaste teams per huiskamer"],
            ]
        },
        actions=[
            {
                "what": "Maak met het mantelzorgsteunpunt een afspraak over doorverwijzen",
                "owner": "teamleider",
                "due": "2027-02-01",
                "check_method": "anders",
                "indicator": "afspraak staat op papier en is bekend in het team",
            }
        ],
    ),
    Scenario(
        "kort-teamoverleg",
        cards={
            "een-signaal": [
                ("Ging goed", "Een naaste bedankte ons voor de rustige overdracht"),
                ("Kan beter", "Twee keer deze week kwam de maaltijd koud op de kamer"),
                ("Kan beter", "De tillift stond niet op de vaste plek"),
            ],
            "wie-laten-we-het-weten": ["De teamleider vertelt het de cliënt bij de koffie"],
        },
        dots={
            "welk-signaal-pakken-we-op": [
                ["Twee keer deze week kwam de maaltijd koud op de kamer"],
                ["Twee keer deze week kwam de maaltijd koud op de kamer"],
                ["De tillift stond niet op de vaste plek"],
                ["Twee keer deze week kwam de maaltijd koud op de kamer"],
            ]
        },
        actions=[
            {
                "what": "Spreek met de keuken een vaste tijd af voor de maaltijdkar",
                "owner": "EVV'er",
                "due": "2026-12-01",
                "check_method": "feedback cliënten/naasten",
                "check_date": "2026-12-15",
            }
        ],
    ),
]


class Room:
    """Three phones and one person without a phone; the facilitator types in what is said aloud."""

    def __init__(self, service: SessionService) -> None:
        self.service = service
        self.voters = [service.join().id for _ in range(3)] + [service.add_proxy().id]
        self.authors = itertools.cycle(self.voters[:3] + ["facilitator"])

    def play(self, scenario: Scenario, clock: FakeClock) -> None:
        service = self.service
        for step in service.state.script.steps:
            service.go_to(step.id)
            clock.advance(minutes=step.minutes)
            cards = scenario.cards.get(step.id, [])
            used = [c[0] for c in cards if isinstance(c, tuple)]
            if step.pick:
                service.choose_categories([c for c in step.categories if c in used])
            for card in cards:
                category, text = card if isinstance(card, tuple) else (None, card)
                author = next(self.authors)
                via = "facilitator" if author == "facilitator" else "participant"
                if author == self.voters[3]:
                    via = "proxy"
                service.add_contribution(text, author=author, via=via, category=category)
            if step.scale_spec is not None:
                self.rate(step.id, scenario.ratings[step.id])
            if step.id in scenario.themes:
                self.group(step.id, scenario.themes[step.id])
            if step.kind == "vote":
                self.vote(scenario.dots[step.id])
            if step.kind == "actions":
                for action in scenario.actions:
                    service.add_action(**action)

    def rate(self, step_id: str, answers: list[str]) -> None:
        scale = self.service.state.script.step(step_id).scale_spec
        assert scale is not None
        for voter, answer in zip(self.voters, answers, strict=True):
            assert len(answer) == len(self.service.state.script.step(step_id).rated_statements)
            for index, letter in enumerate(answer):
                value = LETTERS.get(letter, letter)
                assert value in scale.values
                self.service.rate(index, value, voter=voter, via="proxy" if voter == self.voters[3] else "participant")
        self.service.reveal()

    def group(self, step_id: str, themes: dict[str, list[str]]) -> None:
        service = self.service
        # Entering the group step made the script's own themes (SessionService._entered).
        existing = {t.name: t for t in service.state.themes_of(step_id)}
        cards = {c.text: c for c in service.state.contributions}
        for name, texts in themes.items():
            theme = existing.get(name) or service.create_theme(name)
            for text in texts:
                service.group_card(cards[text].id, theme.id)

    def vote(self, per_voter: list[list[str]]) -> None:
        service = self.service
        service.open_voting()
        items = {item.label: item for item in service.vote_items()}
        for voter, labels in zip(self.voters, per_voter, strict=True):
            for label in labels:
                service.cast_vote(
                    items[label].id, voter=voter, via="proxy" if voter == self.voters[3] else "participant"
                )
        service.close_voting()
        service.reveal()


def section(md: str, title: str) -> str:
    """The part of the summary under the step heading that ends in `title`, up to the next step.

    Steps are `### n. Title` under "## Verloop van de sessie" (the decisions and actions come first).
    """
    start = next(i for i, line in enumerate(md.splitlines()) if line.startswith("### ") and line.endswith(title))
    lines = md.splitlines()[start + 1 :]
    end = next((i for i, line in enumerate(lines) if line.startswith(("## ", "### "))), len(lines))
    return "\n".join(lines[:end])


def check_summary(md: str, scenario: Scenario, state: SessionState) -> None:
    script = state.script
    assert mdcheck.headings(md, 1) == [f"{script.title} — {TEAM}"]
    items = mdcheck.list_items(md)
    stored = {c.text for c in state.contributions}
    for step in script.steps:
        body = section(md, step.title)
        # Cards a group step grouped are listed under their theme; the others under their category.
        grouped_by = [g for g in script.steps if g.kind == "group" and step.id in g.source and g.id in scenario.themes]
        themes = {text: name for g in grouped_by for name, texts in scenario.themes[g.id].items() for text in texts}
        for card in scenario.cards.get(step.id, []):
            category, text = card if isinstance(card, tuple) else (None, card)
            assert text in stored
            if not step.export:
                # Kept in the session file only: not in the summary, not even as part of another step.
                assert text not in md, text
                continue
            # A grouped card keeps its category next to it ("text — category").
            assert text in items or any(i.startswith(f"{text} — ") for i in items), text
            heading = (
                (f"**Thema: {themes[text]}**" if text in themes else "**Niet gegroepeerd**") if grouped_by else None
            )
            heading = heading or (f"**{category}**" if category else None)
            if heading:
                assert body.index(heading) < body.index(f"\n- {text}"), (heading, text)
        if not step.export and scenario.cards.get(step.id):
            assert PRIVATE_NOTE in body
        if step.id in scenario.ratings:
            check_ratings(body, step.rated_statements, scenario.ratings[step.id], step.scale or "verkeerslicht")
        if step.id in scenario.dots:
            check_votes(body, scenario.dots[step.id])
    tables = mdcheck.tables(md)
    do = next(t for t in tables if t[0][:2] == ["ID", "Wat"])
    assert [row[1] for row in do[1:]] == [a["what"] for a in scenario.actions]
    assert [row[3] for row in do[1:]] == [a["owner"] for a in scenario.actions]
    act = next(t for t in tables if t[0] == ["ID", "Besluit", "Terugkoppeling aan"])
    assert [row[2] for row in act[1:]] == [a.get("feedback", "") for a in scenario.actions]


def check_ratings(body: str, statements: tuple[str, ...], answers: list[str], scale_key: str) -> None:
    scale = SCALES[scale_key]
    [table] = [t for t in mdcheck.tables(body) if t[0][0] == "Stelling"]
    assert table[0][1 : 1 + len(scale.labels)] == list(scale.labels)
    assert [row[0] for row in table[1:]] == list(statements)
    for index, row in enumerate(table[1:]):
        given = Counter(LETTERS.get(a[index], a[index]) for a in answers)
        assert [int(n) for n in row[1 : 1 + len(scale.values)]] == [given[v] for v in scale.values], row[0]
        assert row[1 + len(scale.values)] == str(len(answers))


def check_votes(body: str, per_voter: list[list[str]]) -> None:
    [table] = [t for t in mdcheck.tables(body) if t[0] == ["Plaats", "Thema of kaartje", "Stippen"]]
    given = Counter(label for labels in per_voter for label in labels)
    counted = {row[1]: int(row[2]) for row in table[1:] if int(row[2])}
    assert counted == dict(given)
    top = max(given.values())
    assert table[1][1] in [label for label, n in given.items() if n == top]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.script for s in SCENARIOS])
def test_script_runs_start_to_end_with_real_input(scenario: Scenario, tmp_path: Path) -> None:
    clock = FakeClock()
    workspace = Workspace(tmp_path)
    service = workspace.new_session(
        workspace.find_script(scenario.script), team=TEAM, organisation="Zorggroep Oost", clock=clock
    )
    session_id = service.state.meta.id
    assert workspace.load_open_actions(service) == 0  # a new team: no plan, nothing to review (step is skipped)
    Room(service).play(scenario, clock)
    service.close_session()
    service.release()

    state = workspace.read_session(session_id)  # from the session file on disk
    md = session_summary(state)
    workspace.write_export(f"{session_id}.md", md)
    check_summary(md, scenario, state)
    # The whole script was walked, and the plan takes the actions.
    assert state.meta.current == len(state.script.steps) - 1
    _path, merged = workspace.merge_plan(state)
    assert len(merged.added) == len(scenario.actions)


def test_the_short_team_meeting_opens_with_last_times_action(tmp_path: Path) -> None:
    """Two 15-minute meetings: the action agreed in the first comes back first in the second."""
    clock = FakeClock()
    workspace = Workspace(tmp_path)
    scenario = next(s for s in SCENARIOS if s.script == "kort-teamoverleg")
    first = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=TEAM, clock=clock)
    Room(first).play(scenario, clock)
    first.close_session()
    first_id = first.state.meta.id
    first.release()
    workspace.merge_plan(workspace.read_session(first_id))

    clock.advance(days=14)
    second = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=TEAM, clock=clock)
    assert workspace.load_open_actions(second) == 1
    review = second.state.script.steps[1]
    assert (review.kind, review.of, review.skip_when_empty) == ("review", "acties", True)
    second.go_to(review.id)
    [item] = second.state.reviews
    assert item.plan_id == plan_id(short_prefix(TEAM, first.state.meta.created_at), "a1")
    assert item.what == "Spreek met de keuken een vaste tijd af voor de maaltijdkar"
    second.review_action(
        item.plan_id,
        status="klaar",
        result="De maaltijd komt nu warm aan",
        act_decision="borgen",
        feedback="cliënten bij de koffie",
    )
    second.close_session()
    second_id = second.state.meta.id
    second.release()
    md = session_summary(workspace.read_session(second_id))
    assert "Besluiten en acties" in section(md, review.title)  # the answers are on the first screen
    table = next(t for t in mdcheck.tables(md) if t[0][:3] == ["ID", "Actie", "Status"])
    row = next(r for r in table[1:] if "maaltijdkar" in " ".join(r))
    assert "De maaltijd komt nu warm aan" in row and "borgen" in row


def test_named_cards_show_their_authors_name_only_where_the_script_says_so(tmp_path: Path) -> None:
    """`anonymous: nee` on a step: the core gives its cards' author names; everywhere else it gives none."""
    text = (
        "---\nid: namen\ntitle: Namen\n---\n\n"
        "## Welkom\n- kind: explain\n- minutes: 1\n\n**Geen namen, geen BSN, geen geboortedata.**\n\n"
        "## Wie leerde wat?\n- kind: round\n- minutes: 5\n- anonymous: nee\n\nWat heb jij geleerd?\n\n"
        "## Anoniem\n- kind: collect\n- minutes: 5\n\nWat zit je dwars?\n"
    )
    from workshop.core.script import parse_script

    script = parse_script(text, "namen.md")
    workspace = Workspace(tmp_path)
    service = workspace.new_session(script, team=TEAM, clock=FakeClock())
    anouk = service.join(nickname="Anouk")
    nameless = service.join()
    service.go_to("wie-leerde-wat")
    named = service.add_contribution("Hoe je een tillift veilig gebruikt", author=anouk.id, via="participant")
    unnamed = service.add_contribution("Rustig blijven bij onrust", author=nameless.id, via="participant")
    typed = service.add_contribution("Iets van de begeleider")
    service.go_to("anoniem")
    private = service.add_contribution("Te weinig tijd", author=anouk.id, via="participant")
    state = service.state
    assert state.author_name(named) == "Anouk"
    assert state.author_name(unnamed) is None and state.author_name(typed) is None
    assert state.author_name(private) is None  # same person, anonymous step: no name
    service.release()
