"""A whole PDCA cycle on real files: actions -> plan -> hand edits -> review in the next session -> terugkoppeling."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.core import mdcheck
from workshop.core.followup import feedback_overview, lessons
from workshop.core.plan import open_actions, plan_rows
from workshop.core.review import overdue, review_steps
from workshop.workspace import Workspace

TEAM = "Team De Linde"


def test_a_full_cycle_from_actions_to_terugkoppeling(tmp_path):
    workspace = Workspace(tmp_path)
    clock = FakeClock()

    # Session 1: the vision session agrees on three actions, one of them with a name in it.
    s1 = workspace.new_session(workspace.find_script("visie-leren-ontwikkelen"), team=TEAM, clock=clock)
    assert workspace.load_open_actions(s1) == 0  # no plan yet, and no review step in this script
    s1.go_to(next(s.id for s in s1.state.script.steps if s.kind == "actions"))
    s1.add_action(
        "Plan vaste leertijd in het rooster",
        owner="teamleider",
        due="2026-12-15",
        why="signaal uit het teamoverleg",
        check_method="interne audit",
        indicator="8 van 10 overleggen met leermoment",
        check_date="2027-01-31",
    )
    s1.add_action(
        "Start maandelijkse intervisie",
        owner="praktijkopleider",
        due="2027-01-10",
        why="klacht van mevr. Jansen over wisselende gezichten",
        check_date="2027-01-20",
    )
    s1.add_action(
        "Spreek met naasten een vast belmoment af",
        owner="wijkverpleegkundige",
        due="2027-01-15",
        why="signaal cliëntenraad",
    )
    s1.close_session()
    first_id = s1.state.meta.id
    s1.release()

    plan_path, merged = workspace.merge_plan(workspace.read_session(first_id))
    assert plan_path == tmp_path / "exports" / "pdca-team-de-linde.md" and len(merged.added) == 3
    assert "Jansen" not in plan_path.read_text(encoding="utf-8")  # flagged text stays out of the plan
    a1, a2, a3 = (dict(merged.ids)[f"a{n}"] for n in (1, 2, 3))
    assert (a1, a2, a3) == ("DL-2611-a1", "DL-2611-a2", "DL-2611-a3")  # short ids: team, year, month

    # Between the sessions the team edits the plan by hand.
    text = plan_path.read_text(encoding="utf-8")
    text = text.replace(
        f"| {a2} | Start maandelijkse intervisie | klacht van \\[verwijderd: naam\\] over wisselende "
        "gezichten | praktijkopleider | 10-01-2027 | P | gepland |",
        f"| {a2} | Start maandelijkse intervisie | klacht over wisselende gezichten | "
        "praktijkopleider | 10-01-2027 | P | bezig |",
    )
    hand_row = (
        "| eigen-1 | Zet een leerwand in de teamkamer | idee van de nachtdienst | teamleider | 20-12-2026 "
        "| D | gepland |"
    )
    text = text.replace("| P | bezig |\n", "| P | bezig |\n" + hand_row + "\n", 1)
    assert hand_row in text and "| P | bezig |" in text
    plan_path.write_text(text, encoding="utf-8")

    # Session 2, two months later: the kwaliteitsbeeld retrospective walks through the open actions.
    clock.advance(days=60)
    s2 = workspace.new_session(workspace.find_script("kwaliteitsbeeld-retrospectief"), team=TEAM, clock=clock)
    assert workspace.load_open_actions(s2) == 4
    review = review_steps(s2.state.script)[0]
    s2.go_to(review.id)
    items = {i.plan_id: i for i in s2.state.reviews}
    assert list(items) == [a1, a2, "eigen-1", a3]
    # Session day 22-01-2027: a1's check (31-01) is ahead, but its deadline (01-01) passed while it is still
    # gepland: late, as the overview and the agenda say (core/lateness.py); a2's check date (20-01) passed, and so
    # did the due dates of eigen-1 and a3, which have no check date.
    assert [i.plan_id for i in overdue(s2.state.reviews, clock().date())] == [a1, a2, "eigen-1", a3]
    s2.review_action(
        a1,
        status="klaar",
        result="8 van 10 overleggen met leermoment",
        act_decision="borgen",
        feedback="team via de teampagina, cliëntenraad op 14-01",
    )
    s2.review_action(
        a2,
        status="bezig",
        result="2 van de 3 sessies gehouden",
        act_decision="bijstellen",
        feedback="de melder, door de teamleider",
    )
    s2.review_action(a3, status="uitgesteld", feedback="nog niemand")
    s2.go_to(next(s.id for s in s2.state.script.steps if s.kind == "actions"))
    s2.add_action("Deel de leerwand met de andere locaties", owner="kwaliteitsfunctionaris", due="2027-03-01")
    s2.close_session()
    second_id = s2.state.meta.id
    s2.release()

    plan_path, merged = workspace.merge_plan(workspace.read_session(second_id))
    b1 = dict(merged.ids)["a1"]
    assert merged.added == (b1,) == ("DL-2701-a1",)
    # eigen-1 too: its Fase (D by hand, status gepland) moved to P, and a changed Fase counts as an update.
    assert set(merged.updated) == {a1, a2, a3, "eigen-1"} and merged.kept == ()
    text = plan_path.read_text(encoding="utf-8")
    rows = {r.id: r for r in plan_rows(text)}
    # Terugkoppeling has three cells now (aan wie, wanneer, gedaan): "to whom" holds the answer.
    assert (rows[a1].status, rows[a1].result, rows[a1].act_decision, rows[a1].feedback_to) == (
        "klaar",
        "8 van 10 overleggen met leermoment",
        "borgen",
        "team via de teampagina, cliëntenraad op 14-01",
    )
    assert (rows[a2].status, rows[a2].act_decision, rows[a2].carried_over) == ("bezig", "bijstellen", 1)
    assert (rows[a3].status, rows[a3].carried_over) == ("uitgesteld", 1)
    assert rows["eigen-1"].what == "Zet een leerwand in de teamkamer"  # the hand-made row is still there
    assert rows[a2].why == "klacht over wisselende gezichten"  # and so is the hand edit
    assert workspace.merge_plan(workspace.read_session(second_id))[1].changed is False
    for table in mdcheck.tables(text):
        ids = [row[0] for row in table[1:]]
        assert len(ids) == len(set(ids))

    # The terugkoppeling overview lists signal -> action -> result -> who was told.
    overview = feedback_overview(plan_rows(text), team=TEAM, on=clock().date())
    table = mdcheck.tables(overview)[0]
    assert table[0] == ["Signaal", "Wat we deden", "Status", "Resultaat", "Besluit", "Wie weet het"]
    by_action = {row[1]: row for row in table[1:]}
    assert by_action["Plan vaste leertijd in het rooster"] == [
        "signaal uit het teamoverleg",
        "Plan vaste leertijd in het rooster",
        "klaar",
        "8 van 10 overleggen met leermoment",
        "borgen",
        "team via de teampagina, cliëntenraad op 14-01",
    ]
    assert by_action["Start maandelijkse intervisie"][5] == "de melder, door de teamleider"
    assert "Jansen" not in overview

    # Session 3: the action postponed again is carried over a second time, with a warning.
    clock.advance(days=90)
    s3 = workspace.new_session(workspace.find_script("kwaliteitsbeeld-retrospectief"), team=TEAM, clock=clock)
    workspace.load_open_actions(s3)
    assert {i.plan_id for i in s3.state.reviews} == {a2, "eigen-1", a3, b1}
    again = s3.review_action(a3, status="uitgesteld")
    assert again.carried_over_now == 2 and again.carry_over_warning
    assert a1 not in {r.id for r in open_actions(text)}
    s3.release()

    # The lessons for the learning network name no team, person or participant.
    shared = lessons(workspace.read_session(second_id))
    assert "Linde" not in shared and "Jansen" not in shared
    assert "8 van 10 overleggen met leermoment" in shared and "borgen" in shared
