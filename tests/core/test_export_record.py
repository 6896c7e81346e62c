"""What the exports say about the session: the Fase moves with the answers, terugkoppeling in three cells
(aan wie, wanneer, gedaan), attendance by role, a redacted phone number keeps its brackets, passed dates named."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import FakeClock
from tests.core import mdcheck
from tests.core.test_plan import FIRST, S1, session
from tests.core.test_plan_reading import reviewed
from workshop.core.export import attendance_by_role, session_summary
from workshop.core.followup import feedback_overview
from workshop.core.plan import merge, merge_plan, plan_rows
from workshop.core.privacy import redact
from workshop.core.script import parse_script


def first_plan() -> tuple[str, str, str]:
    plan = merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)
    a1, a2 = (r.id for r in plan_rows(plan))
    return plan, a1, a2


def test_the_fase_follows_status_result_and_decision():
    plan, a1, a2 = first_plan()
    state = reviewed(plan, {a1: {"status": "klaar", "act_decision": "borgen"}, a2: {"status": "bezig"}})
    rows = {r.id: r for r in plan_rows(merge_plan(plan, state))}
    assert (rows[a1].phase, rows[a2].phase) == ("A", "D")  # was "P" for both, whatever the answers
    state = reviewed(plan, {a1: {"status": "bezig", "result": "6 van 10"}})
    assert {r.id: r for r in plan_rows(merge_plan(plan, state))}[a1].phase == "C"


def test_a_written_fase_is_derived_again_also_back_and_a_persons_words_stay():
    """The rule changed after a user trial: a P/D/C/A follows status, result and decision, also back (an action
    answered bezig without a result is in Do, whatever Fase said); words of the team's own stay."""
    plan, a1, a2 = first_plan()
    lines = plan.split("\n")
    for n, line in enumerate(lines):
        if line.startswith(f"| {a1} | Plan"):
            lines[n] = line.replace("| P | gepland |", "| C | gepland |")
        if line.startswith(f"| {a2} | Start"):
            lines[n] = line.replace("| P | gepland |", "| loopt via MT | gepland |")
    text = "\n".join(lines)
    state = reviewed(text, {a1: {"status": "bezig"}, a2: {"status": "klaar", "act_decision": "borgen"}})
    rows = {r.id: r for r in plan_rows(merge_plan(text, state))}
    assert (rows[a1].phase, rows[a2].phase) == ("D", "loopt via MT")


def test_terugkoppeling_is_three_cells_aan_wie_wanneer_gedaan():
    plan, a1, a2 = first_plan()
    assert "| Terugkoppeling aan | Terugkoppeling wanneer | Terugkoppeling gedaan |" in plan
    state = reviewed(
        plan,
        {
            a1: {"status": "klaar", "feedback": "cliëntenraad", "feedback_when": "14-01-2027", "feedback_done": True},
            a2: {"status": "bezig", "result": "2 van 3 sessies", "feedback": "team", "feedback_done": "nee"},
        },
    )
    merged = merge_plan(plan, state)
    rows = {r.id: r for r in plan_rows(merged)}
    assert (rows[a1].feedback_to, rows[a1].feedback_when, rows[a1].feedback_done) == (
        "cliëntenraad",
        "14-01-2027",
        "ja",
    )
    assert rows[a1].told == "cliëntenraad · 14-01-2027 · gedaan"
    overview = feedback_overview(plan_rows(merged), team="Team De Linde", on=FakeClock()().date())
    untold = overview[overview.index("Nog niet teruggekoppeld") :]
    # a2 names "team" but says gedaan: nee, so it is still to be told; a1 was told.
    assert "Start intervisie" in untold and "Plan vaste leertijd" not in untold
    summary = session_summary(state)
    assert "cliëntenraad · 14-01-2027 · gedaan" in summary and "team · nog niet gedaan" in summary


def test_an_older_plan_with_one_terugkoppeling_column_gets_the_three_answers_on_one_line():
    plan, a1, _a2 = first_plan()
    old = plan.replace(
        "| ID | Besluit | Terugkoppeling aan | Terugkoppeling wanneer | Terugkoppeling gedaan "
        "| Doorgeschoven (keer open na review) |\n| --- | --- | --- | --- | --- | --- |",
        "| ID | Besluit | Terugkoppeling | Doorgeschoven |\n| --- | --- | --- | --- |",
    ).replace("|  |  |  |  | 0 |", "|  |  | 0 |")
    state = reviewed(old, {a1: {"feedback": "cliëntenraad", "feedback_when": "2027-01-14", "feedback_done": "ja"}})
    row = {r.id: r for r in plan_rows(merge_plan(old, state))}[a1]
    assert row.feedback == "cliëntenraad · 14-01-2027 · gedaan"


ROLES = """---
id: rollen
title: Rollen
roles: medewerker, leidinggevende, mantelzorger of naaste
---

## Welkom
- kind: explain
- minutes: 1

**Geen namen, geen BSN, geen geboortedata.**

## Wat valt op?
- kind: collect
- minutes: 5

Eén ding per kaartje.
"""


def test_attendance_by_role_where_roles_are_known():
    from workshop.core.ports import MemoryStore
    from workshop.core.session import SessionService

    script = parse_script(ROLES, "rollen.md")
    service = SessionService.start(script, team="Team X", store=MemoryStore(), session_id="s", clock=FakeClock())
    for _ in range(6):
        service.join()
    service.advance()
    for person in service.state.participants[:5]:  # the sixth only joined: not counted, like "Deelnemers"
        service.add_contribution("Een kaartje", author=person.id, via="participant")
    roles = ["medewerker", "medewerker", "mantelzorger of naaste", "medewerker", "", "leidinggevende"]
    state = replace(
        service.state,
        participants=tuple(replace(p, role=r) for p, r in zip(service.state.participants, roles, strict=True)),
    )
    assert "Deelnemers: 5" in mdcheck.list_items(session_summary(state))
    assert attendance_by_role(state) == [("medewerker", 3), ("mantelzorger of naaste", 1), ("zonder rol", 1)]
    assert "Per rol: 3 medewerker · 1 mantelzorger of naaste · 1 zonder rol" in mdcheck.list_items(
        session_summary(state)
    )
    assert attendance_by_role(service.state) == []  # nobody gave a role: no line
    assert "Per rol" not in session_summary(service.state)


def test_a_redacted_phone_number_keeps_its_brackets():
    assert redact("Bel de teamleider (06-12345678) morgen") == "Bel de teamleider ([verwijderd: telefoonnummer]) morgen"
    assert redact("(010) 1234567 is de receptie").startswith("[verwijderd: telefoonnummer] is")


def test_a_passed_deadline_is_called_a_deadline_and_a_check_date_a_check_date():
    plan, a1, a2 = first_plan()  # a1: check date 31-01-2027; a2: no check date, deadline 10-01-2027
    summary = session_summary(reviewed(plan, {a1: {"status": "bezig"}, a2: {"status": "bezig"}}))
    assert "De checkdatum (31-01-2027) is voorbij" in summary
    assert "De deadline (10-01-2027) is voorbij" in summary and "checkdatum (10-01-2027)" not in summary


def test_a_check_date_in_words_is_used_in_the_review():
    plan, a1, _a2 = first_plan()
    text = plan.replace("| 31-01-2027 |", "| 10 januari 2027 |")
    state = reviewed(text, {a1: {"status": "bezig"}})
    assert state.reviews[0].check_date == "2027-01-10"
    assert "De checkdatum (10-01-2027) is voorbij" in session_summary(state)


def test_the_summary_names_actions_by_their_id_in_the_plan():
    state = session(S1, FIRST, FakeClock(), vote=True).state
    merged = merge(None, state)
    summary = session_summary(state, dict(merged.ids))
    actions = next(t for t in mdcheck.tables(summary) if t[0][:2] == ["ID", "Actie"])
    assert [row[0] for row in actions[1:]] == ["DL-2611-a1", "DL-2611-a2"] == [r.id for r in plan_rows(merged.text)]


def test_a_review_step_where_nothing_was_reviewed_says_so():
    """The summary showed the review step's bare question, so a reader could not tell whether the answers about
    last time's actions had gone missing (a trial: the step was skipped for want of open actions)."""
    plan, a1, _a2 = first_plan()
    nothing = session_summary(reviewed(plan, {}))  # open actions loaded, none answered
    assert "*Geen acties van vorige keer besproken.*" in nothing
    assert "De antwoorden per actie staan bovenaan" not in nothing
    answered = session_summary(reviewed(plan, {a1: {"status": "bezig"}}))
    assert "De antwoorden per actie staan bovenaan, onder **Besluiten en acties**." in answered
    assert "Geen acties van vorige keer besproken" not in answered


def test_an_html_comment_in_a_cell_is_a_note_not_a_result():
    """A trial wrote <!-- nog invullen --> in a Resultaat cell: it was read as a result (Fase P became C, "er is een
    resultaat") and the summary showed it escaped. A comment is shown to no reader: the cell is empty."""
    plan, a1, _a2 = first_plan()
    text = plan.replace(
        f"| {a1} | interne audit | 8 van 10 overleggen met leermoment | 31-01-2027 |  |",
        (f"| {a1} | interne audit | 8 van 10 overleggen met leermoment | 31-01-2027 | <!-- nog invullen --> |"),
    )
    assert text != plan
    rows = {r.id: r for r in plan_rows(text)}
    assert rows[a1].result == "" and rows[a1].phase == "P"
    merged = merge_plan(text, reviewed(text, {a1: {"status": "gepland"}}))
    assert "<!-- nog invullen -->" in merged  # the team's note stays in the file
    assert {r.id: r for r in plan_rows(merged)}[a1].phase == "P"
    assert "nog invullen" not in session_summary(reviewed(text, {a1: {"status": "gepland"}}))
