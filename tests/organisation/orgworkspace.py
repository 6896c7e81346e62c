"""A realistic organisation for the tests above the team: 5 teams x 3 cycles of sessions, run through the real
core, exported with the real `workshop export`, then plans edited by hand the way people do.

Deterministic (fixed clocks, seeded choices). Build it once per test module (`build(root)`, ~10 s) and copy it
for a test that changes files (`copy_of`).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.conftest import FakeClock
from workshop.cli import main as cli
from workshop.core.model import Step
from workshop.core.review import review_steps
from workshop.core.session import SessionService
from workshop.workspace import Workspace

ORG = "Zorggroep Oost"
TEAMS = ("Team De Linde", "Team De Eik", "Wijkteam Noord", "Afdeling 3B", "Team Rivierenhof")
CYCLES = (
    datetime(2026, 3, 9, 13, 30, tzinfo=UTC),
    datetime(2026, 6, 8, 13, 30, tzinfo=UTC),
    datetime(2026, 9, 14, 13, 30, tzinfo=UTC),
)
TODAY = date(2026, 11, 23)
# Which script each team runs in each cycle: the mantelzorg check twice (a trend), the short meeting, and the
# kwaliteitsbeeld retrospective at the end of the year.
SCRIPTS = (
    (
        "mantelzorg-drempelcheck",
        "mantelzorg-drempelcheck",
        "mantelzorg-drempelcheck",
        "kort-teamoverleg",
        "kort-teamoverleg",
    ),
    ("kort-teamoverleg",) * 5,
    (
        "mantelzorg-drempelcheck",
        "mantelzorg-drempelcheck",
        "kwaliteitsbeeld-retrospectief",
        "kwaliteitsbeeld-retrospectief",
        "kwaliteitsbeeld-retrospectief",
    ),
)
PEOPLE = 8
SAYINGS = (
    "Naasten weten vaak niet bij wie ze terecht kunnen",
    "Afspraken met familie staan verspreid over drie systemen",
    "In de avond kan niemand vragen van mantelzorgers beantwoorden",
    "Complimenten van familie delen we niet met het hele team",
    "Wie meldt, hoort nooit wat er met de melding gebeurd is",
    "Goed voorbeeld: de EVV'er belde de dochter zelf terug",
    "Een vaste contactpersoon voor elke mantelzorger",
    "Korte leermomenten van tien minuten in het teamoverleg",
    "De nachtdienst mist alle overleggen",
    "We durven elkaar nog te weinig aan te spreken",
    "Scholing wordt ver weg gepland, buiten werktijd",
    "Bel mevr. Jansen op 06-12345678 terug over het bezoek",  # the privacy guard flags this card
)
THEMES = (
    ("Samen met naasten", "Melden en terugkoppelen", "Tijd om te leren"),
    ("Samen met naasten", "Werkdruk in de avond", "Tijd om te leren"),
    ("Melden en terugkoppelen", "Samen met naasten", "Inwerken"),
)
# Red answers per statement of the mantelzorg check, for the trend: (cycle 1, cycle 3) out of 8 people.
# Statement 6 ("Er is tijd en geld ...") improves, statement 11 gets worse, statement 1 stays the same.
RED = {5: (5, 2), 10: (1, 4), 0: (3, 3)}
ACTIONS = (
    (
        "Geef elke mantelzorger één vaste contactpersoon",
        "EVV'er",
        "feedback cliënten/naasten",
        "9 van 10 mantelzorgers weten wie hun contactpersoon is",
    ),
    (
        "Plan elke maand een leermoment van tien minuten in het teamoverleg",
        "teamleider",
        "interne audit",
        "8 van 10 overleggen met een leermoment",
    ),
    (
        "Vertel wie een melding deed binnen twee weken wat ermee gebeurd is",
        "kwaliteitsadviseur",
        "kwantitatieve indicator",
        "80% van de melders hoort binnen twee weken iets",
    ),
)


@dataclass(frozen=True)
class Org:
    """The built organisation: its workspace and the session ids per (cycle, team index)."""

    root: Path
    sessions: dict[tuple[int, int], str]

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.root)

    def plan(self, team: str) -> Path:
        return self.workspace.plan_path(team)


def build(root: Path) -> Org:
    """Run 3 cycles for 5 teams in `root`, exporting each session into its team's plan, then edit plans by hand."""
    workspace = Workspace(root)
    sessions: dict[tuple[int, int], str] = {}
    for cycle, when in enumerate(CYCLES):
        for n, team in enumerate(TEAMS):
            clock = FakeClock(when + timedelta(days=n))
            script = workspace.find_script(SCRIPTS[cycle][n])
            service = workspace.new_session(script, team=team, organisation=ORG, clock=clock)
            Room(service, clock, random.Random(f"{cycle}-{n}"), cycle, n).play()
            service.close_session()
            sessions[(cycle, n)] = service.state.meta.id
            service.release()
            assert cli(["--workspace", str(root), "export", sessions[(cycle, n)]]) == 0
    hand_edits(workspace)
    return Org(root, sessions)


def copy_of(org: Org, target: Path) -> Org:
    """A copy of the organisation in `target`, for a test that changes its files."""
    shutil.copytree(org.root, target, dirs_exist_ok=True)
    return Org(target, dict(org.sessions))


def hand_edits(workspace: Workspace) -> None:
    """What people do to their plans between sessions: a column renamed, a row of their own, a status in words,
    a date written out, a note under a heading."""
    linde = workspace.plan_path("Team De Linde")
    text = linde.read_text(encoding="utf-8")
    text = text.replace("| ID | Wat | Waarom | Eigenaar |", "| ID | Wat | Waarom | Verantwoordelijke |", 1)
    text = text.replace(
        "## Check",
        "Afgesproken in het MT: acties met een rode stip eerst.\n\n## Check",
        1,
    )
    own = (
        "| eigen-1 | Zet een leerwand in de teamkamer | idee van de nachtdienst | teamleider | 10 januari 2027 | D "
        "| Bezig, meting loopt |"
    )
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("| ID | Wat"))
    lines.insert(header + 2, own)
    linde.write_text("\n".join(lines), encoding="utf-8")
    eik = workspace.plan_path("Team De Eik")
    text = eik.read_text(encoding="utf-8")
    # The first open action of De Eik is marked done by hand, with a check mark.
    first = next(line for line in text.split("\n") if line.startswith("| DE-") and "| gepland |" in line)
    eik.write_text(text.replace(first, first.replace("| gepland |", "| Klaar ✅ |"), 1), encoding="utf-8")


class Room:
    """Eight people with phones going through the agenda; answers depend on the team and the cycle."""

    def __init__(self, service: SessionService, clock: FakeClock, rng: random.Random, cycle: int, team: int) -> None:
        self.service, self.clock, self.rng, self.cycle, self.team = service, clock, rng, cycle, team
        self.people = [service.join().id for _ in range(PEOPLE)]
        service.set_details(headcount=PEOPLE + 2)
        self.said = iter(rng.sample(SAYINGS, len(SAYINGS)) * 6)

    def play(self) -> None:
        service = self.service
        while True:
            self.do(service.state.step)
            if service.state.meta.current + 1 >= len(service.state.script.steps):
                return
            self.clock.advance(minutes=service.state.step.minutes)
            service.advance()

    def do(self, step: Step) -> None:
        if step.kind == "review" and step in review_steps(self.service.state.script):
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
            self.actions()

    def review(self) -> None:
        """The first open action is done and kept, the second goes on (carried over), the third waits."""
        day = self.clock().date()
        answers = (
            dict(
                status="klaar",
                result="9 van 10 weten het nu",
                act_decision="borgen",
                feedback="cliëntenraad",
                feedback_when=day.isoformat(),
                feedback_done="ja",
            ),
            dict(status="bezig", result="Eerste helft gedaan"),
            dict(status="uitgesteld"),
        )
        for item, given in zip(self.service.state.reviews, answers, strict=False):
            self.service.review_action(item.key, **given)

    def actions(self) -> None:
        day = self.clock().date()
        themes = self.service.state.themes
        for n, (what, owner, method, indicator) in enumerate(ACTIONS[: 2 + (self.team + self.cycle) % 2]):
            due = day + timedelta(days=45 + 15 * n)
            self.service.add_action(
                what,
                owner=owner,
                due=due.isoformat(),
                check_method=method,
                indicator=indicator,
                check_date=(due + timedelta(days=30)).isoformat(),
                theme_id=themes[n % len(themes)].id if themes else None,
            )

    def cards(self, step: Step) -> None:
        service = self.service
        categories = service.state.categories(step.id)
        if step.pick:
            categories = service.choose_categories(list(step.categories[: step.pick]))
        for n in range(4 if step.kind == "collect" else 2):
            category = categories[n % len(categories)] if categories else None
            service.add_contribution(next(self.said), author=self.people[n], via="participant", category=category)

    def group(self, step: Step) -> None:
        service = self.service
        themes = list(service.state.themes_of(step.id)) or [service.create_theme(t) for t in THEMES[self.cycle]]
        cards = [c for source in step.source for c in service.state.cards(source)]
        for n, card in enumerate(cards[:-1]):
            service.group_card(card.id, themes[n % len(themes)].id)

    def vote(self, step: Step) -> None:
        service = self.service
        service.open_voting()
        items = list(service.vote_items())
        for p, voter in enumerate(self.people):
            for d in range(min(step.dots, len(items))):
                item = items[(p + d) % 2 if len(items) > 1 else 0] if d == 0 else items[(d + self.team) % len(items)]
                if service.dots_left(voter) and service.dots_of(voter).get(item.id, 0) < (
                    step.max_per_item or step.dots
                ):
                    service.cast_vote(item.id, voter=voter)
        service.close_voting()
        service.reveal()

    def rate(self, step: Step) -> None:
        scale = step.scale_spec
        assert scale is not None
        for n, _statement in enumerate(step.rated_statements):
            if scale.key == "1-5":
                answers = ["4", "4", "5", "3", "4", "2", "4", "3"]
            elif step.scale == "bouwsteen":
                answers = BOUWSTEEN[(n + self.team) % len(BOUWSTEEN)]
            else:
                red = RED.get(n, (1, 1))[0 if self.cycle == 0 else 1]
                answers = ["rood"] * red + ["oranje"] * 2 + ["groen"] * (PEOPLE - red - 2)
            for voter, value in zip(self.people, answers, strict=True):
                self.service.rate(n, value, voter=voter)
        self.service.reveal()


BOUWSTEEN = (
    ["groen"] * 4 + ["oranje"] * 3 + ["onbekend"],
    ["groen"] * 2 + ["oranje"] * 3 + ["rood"] * 3,
    ["groen"] * 3 + ["oranje"] * 2 + ["rood"] * 2 + ["groen"],
)
