"""Follow-up exports: the terugkoppeling overview and the anonymised lessons for a learning network."""

from __future__ import annotations

from datetime import date

from tests.conftest import SCRIPTS
from tests.core import mdcheck
from workshop.core.followup import feedback_overview, lessons
from workshop.core.plan import plan_rows
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

PLAN = """## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
| a | Plan leertijd | signaal teamoverleg | teamleider | 15-12-2026 | D | klaar |
| b | Bel mevr. Jansen terug | klacht van een naaste | teamleider | 15-12-2026 | D | bezig |
| c | Start intervisie | | praktijkopleider | 15-12-2026 | P | gepland |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| a | interne audit | 8 van 10 | 31-01-2027 | 9 van 10 |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
| a | Borgen | | 0 |
| b | | melder via 06-12345678 | 0 |
"""


def test_overview_lists_signal_action_result_and_who_was_told_redacted():
    overview = feedback_overview(plan_rows(PLAN), team="Team Oost", on=date(2027, 2, 1))
    assert overview.startswith("# Terugkoppeling: wat deden we met de signalen?\n")
    rows = mdcheck.tables(overview)[0][1:]
    assert rows[0] == ["signaal teamoverleg", "Plan leertijd", "klaar", "9 van 10", "borgen", "nog niemand"]
    assert rows[1] == [
        "klacht van een naaste",
        "Bel [verwijderd: naam] terug",
        "bezig",
        "–",
        "–",
        "melder via [verwijderd: telefoonnummer]",
    ]
    assert rows[2][0] == "–" and rows[2][5] == "nog niemand"
    # a has a result and a decision but nobody was told yet: the team sees that at once.
    assert "**Nog niet teruggekoppeld (1):**" in overview and "- Plan leertijd" in overview
    assert "Jansen" not in overview and "12345678" not in overview


def test_overview_of_an_empty_plan():
    assert "Er staan nog geen acties in het plan." in feedback_overview((), team="T", on=date(2027, 1, 1))


def test_lessons_leave_out_names_participants_stories_and_client_details(clock):
    script = load_script(SCRIPTS / "incidentbespreking-vooruit.md")
    service = SessionService.start(
        script, team="Team De Linde", organisation="Zorggroep Oost", store=MemoryStore(), session_id="s1", clock=clock
    )
    phone = service.join(nickname="Anouk")
    story = next(s for s in script.steps if s.kind == "collect")
    service.go_to(story.id)
    card = service.add_contribution("Mevr. Jansen op kamer 12 viel om 03.00 uur", author=phone.id)
    service.release_card(card.id)  # released for the team's own summary, never for the network
    service.go_to(next(s.id for s in script.steps if s.kind == "actions"))
    service.add_action(
        "Leg bij Team De Linde een valmat klaar voor mevr. Jansen",
        owner="teamleider",
        due="2026-12-01",
        why="idee van Anouk",
        check_method="kwantitatieve indicator",
        indicator="aantal valincidenten per maand",
    )
    shared = lessons(service.state)
    assert shared.startswith("# Lessen uit een sessie: Vooruitkijkende incidentbespreking\n")
    assert "november 2026" in shared
    for secret in ("Linde", "Zorggroep", "Oost", "Anouk", "Jansen", phone.id, "kamer 12", "03.00"):
        assert secret not in shared, secret
    actions = mdcheck.tables(shared)[-1]
    assert actions[1] == [
        "Leg bij het team een valmat klaar voor [verwijderd: naam]",
        "idee van een deelnemer",
        "teamleider",
        "kwantitatieve indicator: aantal valincidenten per maand",
    ]
