"""A review's answers go into the plan once: exporting the same session again never writes them over a cell a
person emptied or changed since (trial, severe: an emptied Resultaat or Besluit was quietly filled in again). The
plan's memory keeps a short mark per answer written, so a changed answer is still written where the plan shows
the old one; what the memory cannot read is left out, and older plans without it behave as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.core import mdcheck
from tests.core.test_plan import FIRST, S1, session
from workshop.core.plan import merge, merge_plan, merge_reviews, open_actions, plan_rows
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.exporting import merge_notes, own_plan_line

A1, A2 = "DL-2611-a1", "DL-2611-a2"
REVIEW = "2027-02-10-team-de-linde-kb"
ANSWERS = {
    A1: {"status": "klaar", "result": "8 van 10 overleggen", "act_decision": "borgen"},
    A2: {"status": "klaar", "result": "elke maand gelukt", "act_decision": "borgen"},
}


@pytest.fixture
def plan() -> str:
    """The plan after the first session (actions DL-2611-a1 and -a2), as workshop writes it."""
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


def retrospective(text: str, team: str = "") -> SessionService:
    """A retrospective of Team De Linde that loads the open actions of `text` (another team's plan: `team`)."""
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    clock = FakeClock(FakeClock().now.replace(year=2027, month=2, day=10))
    service = SessionService.start(script, team="Team De Linde", store=MemoryStore(), session_id=REVIEW, clock=clock)
    service.load_team_reviews([(team, open_actions(text))])
    return service


def reviewed(text: str, answers: dict[str, dict[str, str]] = ANSWERS, team: str = "") -> SessionService:
    service = retrospective(text, team)
    for row_id, given in answers.items():
        service.review_action(f"{team} · {row_id}" if team else row_id, **given)
    return service


def cells(text: str) -> dict[tuple[str, str], str]:
    """Every cell of the plan's tables, by (row id, column header)."""
    found = {}
    for table in mdcheck.tables(text):
        for row in table[1:]:
            found.update({(row[0], header): cell for header, cell in zip(table[0], row, strict=False)})
    return found


def emptied(text: str, row_id: str, header: str, value: str = "") -> str:
    """The plan with one cell of `row_id` set to `value` by hand (emptied by default)."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("| ID |") and f" {header} |" in line:
            column = [c.strip() for c in line.strip().strip("|").split("|")].index(header)
            row = next(i for i in range(n + 2, len(lines)) if lines[i].startswith(f"| {row_id} |"))
            parts = lines[row].strip().strip("|").split(" | ")
            parts[column] = value
            lines[row] = "| " + " | ".join(p.strip() for p in parts) + " |"
            return "\n".join(lines)
    raise AssertionError(header)


def said(merged, lang: str = "nl") -> str:
    left, _unread = merge_notes(merged, Path("exports/pdca-team-de-linde.md"), lang)
    return " ".join(left)


@pytest.mark.parametrize("row_id, header", [(A1, "Resultaat"), (A2, "Besluit"), (A1, "Status")])
def test_a_cell_emptied_after_the_export_stays_empty_when_the_same_session_is_exported_again(plan, row_id, header):
    state = reviewed(plan).state
    once = merge(plan, state)
    assert cells(once.text)[(row_id, header)] and set(once.updated) == {A1, A2}
    by_hand = emptied(once.text, row_id, header)
    again = merge(by_hand, state)
    assert cells(again.text)[(row_id, header)] == ""
    # Nothing else changes, the Fase neither: an A whose Besluit was emptied by hand stays A (the export names it).
    assert cells(again.text) == cells(by_hand) and cells(again.text)[(row_id, "Fase")] == "A"
    assert again.text == by_hand
    assert again.kept == (row_id,) and again.kept_cells == ((row_id, header),)
    text = said(again)
    assert f"{row_id} ({header})" in text and "ook een cel die leeg is gemaakt, is blijven staan" in text
    assert "also a cell that was emptied, was kept" in said(again, "en")
    assert merge(again.text, state).text == again.text  # and so on every export after


def test_a_cell_changed_after_the_export_keeps_the_persons_text(plan):
    state = reviewed(plan).state
    once = merge(plan, state).text
    by_hand = emptied(once, A1, "Resultaat", "7 van 10, zie notulen")
    again = merge(by_hand, state)
    assert again.text == by_hand and again.kept_cells == ((A1, "Resultaat"),)


def test_an_answer_changed_in_the_session_is_still_written_where_the_plan_shows_the_old_one(plan):
    service = reviewed(plan)
    once = merge(plan, service.state).text
    service.review_action(A1, result="9 van 10 overleggen")
    again = merge(once, service.state)
    assert cells(again.text)[(A1, "Resultaat")] == "9 van 10 overleggen"
    assert again.updated == (A1,) and again.kept == ()
    # From then on that new answer is the one the plan got: emptying it keeps it empty too.
    by_hand = emptied(again.text, A1, "Resultaat")
    assert merge(by_hand, service.state).text == by_hand


def test_an_answer_changed_in_the_session_is_not_written_over_an_emptied_cell(plan):
    service = reviewed(plan)
    by_hand = emptied(merge(plan, service.state).text, A2, "Besluit")
    service.review_action(A2, act_decision="opschalen")
    again = merge(by_hand, service.state)
    assert cells(again.text)[(A2, "Besluit")] == "" and again.kept_cells == ((A2, "Besluit"),)


def test_the_memory_keeps_a_short_mark_per_answer_written_and_no_text(plan):
    once = merge_plan(plan, reviewed(plan).state)
    memory = once.split("<!-- workshop-geheugen")[1].split("-->")[0]
    lines = [line for line in memory.split("\n") if line.startswith("antwoorden")]
    assert [line.split(":")[0] for line in lines] == [f"antwoorden {REVIEW} {A1}", f"antwoorden {REVIEW} {A2}"]
    for line in lines:
        assert re.fullmatch(
            r"antwoorden \S+ \S+: status=[0-9a-f]{8} resultaat=[0-9a-f]{8} besluit=[0-9a-f]{8}", line
        ), line
    assert "8 van 10" not in memory and "borgen" not in memory
    assert merge_plan(once, reviewed(plan).state) == once


def test_an_answer_the_plan_already_showed_is_marked_when_the_session_is_first_exported(plan):
    # Someone typed the group's result into the plan before the export; emptying it later keeps it empty too.
    state = reviewed(plan, {A1: {"result": "8 van 10 overleggen"}}).state
    typed = emptied(plan, A1, "Resultaat", "8 van 10 overleggen")
    once = merge(typed, state).text
    assert "resultaat=" in once
    by_hand = emptied(once, A1, "Resultaat")
    again = merge(by_hand, state)
    assert cells(again.text)[(A1, "Resultaat")] == "" and again.kept_cells == ((A1, "Resultaat"),)


def test_an_older_plan_without_marks_writes_the_answers_as_before_and_is_not_changed_by_a_re_export(plan):
    state = reviewed(plan).state
    older = re.sub(r"antwoorden .*\n", "", merge_plan(plan, state))
    assert "antwoorden" not in older
    assert merge_plan(older, state) == older  # nothing to do: the marks are not added by a re-export alone
    # What it did before the marks: an emptied cell the session loaded empty gets the answer again.
    again = merge(emptied(older, A1, "Resultaat"), state)
    assert cells(again.text)[(A1, "Resultaat")] == "8 van 10 overleggen" and again.updated == (A1,)
    by_hand = emptied(again.text, A1, "Resultaat")  # from then on it is marked
    assert merge_plan(by_hand, state) == by_hand


@pytest.mark.parametrize(
    "edit, kept",
    [
        (lambda line: line.replace("resultaat=", "uitkomst="), False),  # a word it does not know
        (lambda line: line.replace("resultaat=", "resultaat=zz"), False),  # a mark that is no hash
        (lambda line: line.replace(":", ""), False),  # no colon: the line is not read
        (lambda line: line.replace(A1, "dl-2611-A1 "), True),  # the id in another case or spacing: still read
        (lambda line: line + " iets=", True),  # a word added by hand: the rest is read
        (lambda line: line.replace("antwoorden", "antwoorden   "), True),
    ],
)
def test_a_hand_edited_memory_is_read_where_it_can_be_and_never_crashes(plan, edit, kept):
    state = reviewed(plan).state
    once = merge_plan(plan, state)
    line = next(line for line in once.split("\n") if line.startswith(f"antwoorden {REVIEW} {A1}"))
    edited = emptied(once.replace(line, edit(line)), A1, "Resultaat")
    again = merge(edited, state)
    assert (cells(again.text)[(A1, "Resultaat")] == "") is kept
    assert (again.kept == (A1,)) is kept
    assert {r.id for r in plan_rows(again.text)} == {A1, A2}


def test_another_teams_plan_gets_the_marks_and_keeps_an_emptied_cell(plan):
    """A review across teams writes into another team's plan: only its answers and their marks ('antwoorden'
    lines, no 'sessie' line of the reviewing session), so an emptied cell there stays empty too."""
    state = reviewed(plan, {A1: ANSWERS[A1]}, team="Team De Eik").state
    once = merge_reviews(plan, state, "Team De Eik")
    assert cells(once.text)[(A1, "Resultaat")] == "8 van 10 overleggen" and once.updated == (A1,)
    assert f"antwoorden {REVIEW} {A1}: " in once.text and f"sessie {REVIEW}" not in once.text
    assert merge_reviews(once.text, state, "Team De Eik").text == once.text
    by_hand = emptied(once.text, A1, "Resultaat")
    again = merge_reviews(by_hand, state, "Team De Eik")
    assert again.text == by_hand and again.kept_cells == ((A1, "Resultaat"),)
    # The team's own next session keeps those marks in the memory it rewrites.
    own = merge_plan(by_hand, session("2027-03-01-team-de-linde-visie", FIRST[:1], FakeClock()).state)
    assert f"antwoorden {REVIEW} {A1}: " in own and "sessie 2027-03-01-team-de-linde-visie" in own


def test_another_teams_plan_that_showed_the_answer_already_is_left_byte_for_byte(plan):
    state = reviewed(plan, {A1: {"result": "8 van 10 overleggen"}}, team="Team De Eik").state
    typed = emptied(plan, A1, "Resultaat", "8 van 10 overleggen")
    assert merge_reviews(typed, state, "Team De Eik").text == typed


def without_memory(text: str) -> str:
    """The plan as a Word round trip gives it back: its memory comment gone, every other line kept."""
    out = re.sub(r"\n?<!-- workshop-geheugen.*?-->\n?", "\n", text, flags=re.S)
    assert "workshop-geheugen" not in out and "antwoorden" not in out
    return out


@pytest.mark.parametrize("row_id, header", [(A1, "Resultaat"), (A2, "Besluit")])
def test_after_a_word_round_trip_a_cell_emptied_by_hand_is_not_filled_in_again_but_named(plan, row_id, header):
    """Trial left-out: a Word round trip drops the memory comment, and with it the marks of the answers written; a
    re-export then filled an emptied cell in again. The plan shows the session was merged before, so which answers
    it wrote cannot be told: the cell stays as it is, and the export says so and why."""
    state = reviewed(plan).state
    once = merge(plan, state).text
    by_hand = emptied(without_memory(once), row_id, header)
    again = merge(by_hand, state)
    assert cells(again.text)[(row_id, header)] == ""
    assert again.unsure_cells == ((row_id, header),) and again.kept == ()
    assert again.memory_rebuilt and "workshop-geheugen" in again.text
    text = said(again)
    assert f"Niet in het plan gezet bij {row_id} ({header}): het geheugen-commentaar van het plan ontbrak" in text
    assert "fill it in yourself" in said(again, "en")
    # The rebuilt memory holds the answer as written: every later export keeps the cell as the person left it.
    later = merge(again.text, state)
    assert cells(later.text)[(row_id, header)] == "" and later.kept_cells == ((row_id, header),)
    # Answers still in the plan are not named and not changed.
    other = A2 if row_id == A1 else A1
    assert cells(again.text)[(other, "Resultaat")] == ANSWERS[other]["result"]


def test_after_a_word_round_trip_a_session_never_merged_writes_its_answers_as_always(plan):
    state = reviewed(plan).state
    again = merge(without_memory(plan), state)
    assert cells(again.text)[(A1, "Resultaat")] == "8 van 10 overleggen" and again.unsure_cells == ()
    assert set(again.updated) == {A1, A2}


def test_after_a_word_round_trip_an_unchanged_plan_gets_no_warning_about_its_answers(plan):
    state = reviewed(plan).state
    again = merge(without_memory(merge(plan, state).text), state)
    assert again.unsure_cells == () and again.kept == () and again.updated == ()
    # What changed is the memory, put back: said so (not "only the session was added, under Plan").
    line = own_plan_line(again, Path("pdca.md"), "nl", "bijgewerkt {path} {added} {updated}", "al bij {path}")
    assert line == (
        "PDCA-plan bijgewerkt: pdca.md (geen acties veranderd; alleen het geheugen-commentaar onderaan is aangevuld)"
    )


def test_a_row_deleted_after_a_word_round_trip_stays_deleted_on_every_later_export(plan):
    """Trial (severe): the memory comment gone, a review session's export rebuilt it with only its own lines; the
    first session's action deleted by hand then was named as deleted once, and put back by the next export."""
    first = session(S1, FIRST, FakeClock(), vote=True).state
    review = reviewed(plan).state
    rebuilt = merge(without_memory(merge(plan, review).text), review).text
    by_hand = "\n".join(line for line in rebuilt.split("\n") if not line.startswith(f"| {A2} |"))
    once = merge(by_hand, first)
    assert once.deleted == (A2,) and once.added == ()
    for _ in range(2):
        again = merge(once.text, first)
        assert again.added == () and A2 not in {r.id for r in plan_rows(again.text)}
        assert again.text == once.text
    lines = [line for line in once.text.split("\n") if line.startswith("antwoorden ")]
    assert len(lines) == len(set(lines))


def test_an_action_with_only_a_do_row_has_its_answers_named_not_left_out_without_a_word(plan):
    """Trial (severe): a team's own action, added by hand to Do only, got none of its review answers (Resultaat,
    Doorgeschoven) and the export said nothing. The answers the plan has no cell for are named now."""
    own = "| eigen-1 | Valmatten bestellen | minder letsel | locatiemanager | 20-12-2026 |  | gepland |"
    lines = plan.split("\n")
    do_row = next(n for n, line in enumerate(lines) if line.startswith(f"| {A2} |"))  # the first: in Do
    lines.insert(do_row + 1, own)
    with_own = "\n".join(lines)
    service = retrospective(with_own)
    service.review_action(
        "eigen-1", status="bezig", result="offerte aangevraagd", feedback="het hele team", feedback_when="2027-02-10"
    )
    merged = merge(with_own, service.state)
    assert ("eigen-1", "Resultaat") in merged.unplaced and ("eigen-1", "Status") not in merged.unplaced
    # The terugkoppeling goes in Act, where this action has no row either (re-trial): named too.
    assert {("eigen-1", "Terugkoppeling aan"), ("eigen-1", "Terugkoppeling wanneer")} <= set(merged.unplaced)
    # An action taken out of every table was deleted on purpose: its answers are not asked for.
    gone = "\n".join(line for line in with_own.split("\n") if not line.startswith("| eigen-1 |"))
    assert merge(gone, service.state).unplaced == ()
    assert cells(merged.text)[("eigen-1", "Status")] == "bezig"  # Status is in Do: written as always
    text = said(merged)
    assert "Niet in het plan gezet bij eigen-1 (Resultaat" in text and "Voeg die rij toe" in text
    assert "Add that row and the next export fills it in" in said(merged, "en")
