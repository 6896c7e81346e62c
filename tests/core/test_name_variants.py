"""Lessons and terugkoppeling leave out the team's and the organisation's name in every spelling people use
(issue 11): "De Linde", "de linde", "Team De Linde", "Zorggroep-Oost", "zorggroep oost", "ZGO"."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SCRIPTS
from workshop.core.followup import feedback_overview, lessons
from workshop.core.plan import plan_rows
from workshop.core.ports import MemoryStore
from workshop.core.redaction import name_variants, remove_names
from workshop.core.script import load_script
from workshop.core.session import SessionService

SPELLINGS = [
    "Team De Linde",
    "team de linde",
    "De Linde",
    "de linde",
    "DE LINDE",
    "De-Linde",
    "Zorggroep Oost",
    "Zorggroep-Oost",
    "zorggroep oost",
    "ZorggroepOost",
    "ZGO",
]
NAMES = (("Team De Linde", "het team"), ("Zorggroep Oost", "de organisatie"))


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_is_replaced_by_its_neutral_word(spelling):
    out = remove_names(f"Bij {spelling} ging het mis.", NAMES)
    assert out in ("Bij het team ging het mis.", "Bij de organisatie ging het mis.")


@pytest.mark.parametrize(
    "text",
    ["Zo gaan we over de dijk.", "Het oosten van het land.", "Oost-Indië en de lindeboom.", "Zorg voor elkaar."],
)
def test_ordinary_words_around_them_stay(text):
    assert remove_names(text, NAMES) == text


def test_a_one_word_team_name_is_removed_alone_unless_it_is_a_plain_word():
    assert remove_names("Op rivierenhof en Rivierenhof.", (("Team Rivierenhof", "het team"),)) == (
        "Op het team en het team."
    )
    assert remove_names("Het Oost-blok.", (("Zorggroep Oost", "de organisatie"),)) == "Het Oost-blok."
    assert name_variants("") == [] and name_variants("X") == []


def test_lessons_leave_out_every_spelling(clock):
    script = load_script(SCRIPTS / "incidentbespreking-vooruit.md")
    service = SessionService.start(
        script, team="Team De Linde", organisation="Zorggroep Oost", store=MemoryStore(), session_id="s1", clock=clock
    )
    service.go_to(next(s.id for s in script.steps if s.kind == "actions"))
    for n, spelling in enumerate(SPELLINGS):
        service.add_action(f"Afspraak {n} voor {spelling} maken", owner="teamleider", due="2026-12-01")
    shared = lessons(service.state)
    for secret in ("Linde", "linde", "LINDE", "Zorggroep", "zorggroep", "Oost", "oost", "ZGO"):
        assert secret not in shared, secret


def test_the_terugkoppeling_leaves_out_the_team_in_every_spelling():
    plan = (
        "## Do\n\n| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        + "".join(
            f"| r{n} | Overleg met {s} | signaal van de linde | teamleider | 15-12-2026 | D | bezig |\n"
            for n, s in enumerate(SPELLINGS[:6])
        )
    )
    overview = feedback_overview(plan_rows(plan), team="Team De Linde", on=date(2027, 2, 1))
    body = overview.split("\n", 4)[4]  # below the heading, which names the team the overview is for
    for secret in ("Linde", "linde", "LINDE"):
        assert secret not in body, secret
    assert "Overleg met het team" in body
