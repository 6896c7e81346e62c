"""What a user trial of the plan found read wrongly without a word: doubtful statuses as klaar, a status column
under another name, a lost memory comment, ids in another case, a numbered nested heading; each now read as
meant, or kept open with a warning naming the line."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SCRIPTS, FakeClock
from tests.core.test_plan import FIRST, S1, SECOND, session
from workshop.core.errors import PlanError
from workshop.core.export import session_summary
from workshop.core.plan import merge, merge_plan, open_actions, plan_rows, plan_warnings, read_status
from workshop.core.plan_document import MEMORY_MARK
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

A1, A2 = "DL-2611-a1", "DL-2611-a2"


@pytest.fixture
def plan() -> str:
    """The plan after the first session (actions DL-2611-a1 and -a2), as workshop writes it."""
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


def with_status(plan: str, status: str) -> str:
    return plan.replace("| P | gepland |", f"| P | {status} |", 1)


def open_ids(text: str) -> set[str]:
    """The actions the plan reads as open (not klaar or gestopt). open_actions also gives klaar ones without a
    decision (they still come back in the review), so what a status is read as is asked of the rows."""
    return {r.id for r in plan_rows(text) if r.is_open}


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


# ----- 1. statuses: klaar only when the cell plainly says so ------------------------------------------------

DOUBTFUL = [
    "klaar?",
    "klaar (nee)",
    "klaar 50%",
    "voor de helft klaar",
    "klaar in maart",
    "klaar na de zomer",
    "[ ] klaar",
    "~~klaar~~",
    "klaar -> nee",
    "klaar → nee",
    "was klaar, opnieuw open",
    "Gedaan: ja, deels",
    "klaar 3/4",
    "afgerond (denk ik)",
    "gestopt?",
]


@pytest.mark.parametrize("status", DOUBTFUL)
def test_a_doubtful_closed_status_keeps_the_action_open_with_a_warning_on_its_line(plan, status):
    text = with_status(plan, status)
    assert A1 in open_ids(text) and A1 in {r.id for r in open_actions(text)}
    [warning] = plan_warnings(text)
    word = "gestopt" if "gestopt" in status else "klaar"
    assert (warning.code, warning.line) == ("plan.status_unsure", line_of(text, f"| {status} |"))
    assert dict(warning.params) == {"text": status.replace("\\", ""), "word": word}


PLAIN = ["klaar", "Klaar.", "Klaar!", "afgerond", "gedaan", "✅", "klaar op 3 maart", "klaar op 03-03-2027"]
PLAIN += ["Gedaan: ja", "**Afgerond** ✅", "[x] klaar", "klaar (3-3-2027)", "*klaar*"]


@pytest.mark.parametrize("status", PLAIN)
def test_a_plain_klaar_is_klaar_without_a_warning(plan, status):
    text = with_status(plan, status)
    assert A1 not in open_ids(text)
    assert {r.id: r for r in plan_rows(text)}[A1].status_key == "klaar"
    assert plan_warnings(text) == ()


@pytest.mark.parametrize(
    "status, warned",
    [
        ("nog niet klaar", False),
        ("Gedaan: nee", False),
        ("Klaar: nee", False),
        ("half klaar", False),
        ("deels klaar", False),
        ("niet gestopt", False),
        ("afgerond? nee", False),
        ("nee", True),
        ("onafgerond", True),
        ("❌", True),
    ],
)
def test_what_read_as_open_before_still_does(plan, status, warned):
    text = with_status(plan, status)
    assert A1 in open_ids(text) and A1 in {r.id for r in open_actions(text)}
    assert [w.code for w in plan_warnings(text)] == (["plan.status_unknown"] if warned else [])


QUALIFIERS = ["?", "50%", "3/4", "voor de helft", "in maart", "na de zomer", "[ ]", "->", "→", "opnieuw", "deels"]
QUALIFIERS += ["half", "was", "misschien", "(nee)", "bijna", "volgende week", "grotendeels", "zo goed als", "~~"]
CLOSED = ["klaar", "Klaar", "afgerond", "gedaan", "gereed", "voltooid", "✅", "gestopt", "vervallen"]


@given(
    word=st.sampled_from(CLOSED),
    before=st.lists(st.sampled_from(QUALIFIERS), max_size=2),
    after=st.lists(st.sampled_from(QUALIFIERS), max_size=2),
    markup=st.sampled_from(["", "**", "*"]),
)
def test_property_a_closed_word_with_any_qualifier_is_never_read_as_closed(word, before, after, markup):
    if not before and not after:
        return
    text = " ".join([*before, f"{markup}{word}{markup}", *after])
    assert read_status(text).key not in ("klaar", "gestopt"), text


@given(
    word=st.sampled_from(["klaar", "Klaar", "KLAAR", "afgerond", "Gedaan", "gereed", "✅"]),
    markup=st.sampled_from(["", "**", "*", "_"]),
    end=st.sampled_from(["", ".", "!", " ✅"]),
    when=st.sampled_from(["", " op 3 maart", " op 12-01-2027", " 3 mrt. 2027", " (10-01-2027)", " per 1 februari"]),
)
def test_property_a_plainly_closed_status_is_klaar(word, markup, end, when):
    text = f"{markup}{word}{markup}{when}{end}"
    assert read_status(text).key == "klaar", text


# ----- 2. the status column under another name, or none --------------------------------------------------------


@pytest.mark.parametrize("header", ["Status / voortgang", "Gedaan?", "Afgerond", "Status update", "Voortgang (%)"])
def test_a_status_column_under_a_reasonable_name_is_read(plan, header):
    text = with_status(plan, "klaar").replace("| Fase | Status |", f"| Fase | {header} |", 1)
    assert A1 not in open_ids(text) and A2 in open_ids(text)
    assert plan_warnings(text) == ()


@pytest.mark.parametrize("header", ["Statuss", "Hoe staat het", "Opmerking"])
def test_a_do_table_without_a_status_column_says_so_on_its_header_line(plan, header):
    text = with_status(plan, "klaar").replace("| Fase | Status |", f"| Fase | {header} |", 1)
    assert open_ids(text) == {A1, A2}  # nothing read as klaar
    [warning] = plan_warnings(text)
    assert (warning.code, warning.line) == ("plan.no_status_column", line_of(text, f"| {header} |"))
    assert header in dict(warning.params)["headers"]


def test_a_date_column_with_a_status_word_is_not_the_status(plan):
    text = plan.replace("| Fase | Status |", "| Fase | Status | Afgerond op |", 1).replace(
        "| --- | --- | --- | --- | --- | --- | --- |", "| --- | --- | --- | --- | --- | --- | --- | --- |", 1
    )
    text = text.replace("| P | gepland |", "| P | gepland | 03-03-2027 |", 1)
    assert open_ids(text) == {A1, A2}
    assert plan_warnings(text) == ()


# ----- 3. the memory comment lost (a Word round trip, or deleted by hand) ---------------------------------------


def without_memory(text: str) -> str:
    return re.sub(rf"<!-- {MEMORY_MARK}.*?-->\n?", "", text, flags=re.S)


def test_a_lost_memory_is_rebuilt_from_the_ids_in_the_plan_never_a_new_prefix():
    state = session(S1, FIRST, FakeClock(), vote=True).state
    lost = without_memory(merge_plan(None, state))
    assert MEMORY_MARK not in lost
    result = merge(lost, state)
    assert dict(result.ids) == {"a1": A1, "a2": A2}
    assert result.deleted == () and result.added == () and result.memory_rebuilt
    assert "DL-2611b" not in result.text
    assert f"sessie {S1} DL-2611: a1 a2" in result.text
    assert {r.id for r in plan_rows(result.text)} == {A1, A2}
    again = merge(result.text, state)  # said once: the memory is back
    assert not again.memory_rebuilt and not again.changed


def test_a_lost_memory_and_plan_line_are_rebuilt_from_the_actions_the_plan_still_holds():
    state = session(S1, FIRST, FakeClock(), vote=True).state
    lost = without_memory(merge_plan(None, state))
    lost = re.sub(r"- \*\*23-11-2026.*\n(  - .*\n)*", "", lost)  # the session's lines in Plan, deleted by hand
    assert S1 not in lost
    result = merge(lost, state)
    assert dict(result.ids) == {"a1": A1, "a2": A2} and result.memory_rebuilt
    assert result.added == () and "DL-2611b" not in result.text


def test_a_new_session_of_the_same_month_does_not_take_ids_of_another():
    other = "2026-11-30-team-de-linde-visie-leren-ontwikkelen"
    lost = without_memory(merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state))
    actions = SECOND + [dict(what="Zet een leeswand in de koffiekamer", owner="teamleider", due="2027-02-01")]
    result = merge(lost, session(other, actions, FakeClock()).state)  # also two actions, a1 and a2
    assert dict(result.ids) == {"a1": "DL-2611b-a1", "a2": "DL-2611b-a2"}
    assert result.added == ("DL-2611b-a1", "DL-2611b-a2")
    assert not result.memory_rebuilt


def test_a_lost_memory_of_two_sessions_in_one_month_gives_each_its_own_prefix_back():
    other = "2026-11-30-team-de-linde-visie-leren-ontwikkelen"
    first = session(S1, FIRST, FakeClock(), vote=True).state
    second = session(other, SECOND[:1] + FIRST[:1], FakeClock()).state
    both = merge_plan(merge_plan(None, first), second)
    assert "DL-2611b-a1" in both
    lost = without_memory(both)
    result = merge(lost, second)
    assert dict(result.ids) == {"a1": "DL-2611b-a1", "a2": "DL-2611b-a2"} and result.memory_rebuilt
    assert result.deleted == () and result.added == ()
    result = merge(result.text, first)
    assert dict(result.ids) == {"a1": A1, "a2": A2} and result.memory_rebuilt
    assert result.deleted == () and result.added == ()


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_word_round_trip_that_drops_the_memory_loses_no_id(tmp_path):
    state = session(S1, FIRST, FakeClock(), vote=True).state
    source = tmp_path / "plan.md"
    source.write_text(merge_plan(None, state), encoding="utf-8")
    docx = tmp_path / "plan.docx"
    subprocess.run(["pandoc", str(source), "-f", "gfm", "-o", str(docx)], check=True)
    back = subprocess.run(["pandoc", str(docx), "-t", "gfm"], check=True, capture_output=True, text=True).stdout
    assert MEMORY_MARK not in back  # what the trial saw: Word keeps no comments
    result = merge(back, state)
    assert dict(result.ids) == {"a1": A1, "a2": A2} and result.deleted == () and result.memory_rebuilt
    assert {r.id for r in plan_rows(result.text)} == {A1, A2}


# ----- 4. ids in another case; rows of no action -----------------------------------------------------------------


def test_ids_match_whatever_their_case(plan):
    text = plan.replace(f"| {A2} | Start", "| DL-2611-A2 | Start", 1)
    text = text.replace(f"| {A2} |  |  |  |  |\n", "| dl-2611-a2  | vragenlijst |  |  | gelukt |\n", 1)
    rows = {r.id: r for r in plan_rows(text)}
    assert set(rows) == {A1, "DL-2611-A2"}
    assert (rows["DL-2611-A2"].check_method, rows["DL-2611-A2"].result) == ("vragenlijst", "gelukt")
    assert plan_warnings(text) == ()
    # The session still knows its actions: nothing added again, nothing said deleted. Only A2's Fase moves on to
    # C, as its result (gelukt) says; the id keeps the case it was written in.
    result = merge(text, session(S1, FIRST, FakeClock(), vote=True).state)
    assert (result.added, result.deleted) == ((), ())
    a2 = next(line for line in text.split("\n") if line.startswith("| DL-2611-A2 | Start"))
    assert result.text == text.replace(a2, a2.replace("| P | gepland |", "| C | gepland |"), 1)


def test_a_check_row_of_no_action_is_warned_about_and_not_an_action(plan):
    text = plan.replace(f"| {A2} |  |  |  |  |\n", f"| {A2} |  |  |  |  |\n| DL-2611-a9 | navragen |  |  |  |\n", 1)
    assert {r.id for r in plan_rows(text)} == {A1, A2}
    [warning] = plan_warnings(text)
    assert (warning.code, warning.line) == ("plan.orphan_row", line_of(text, "| DL-2611-a9 |"))
    assert dict(warning.params)["id"] == "DL-2611-a9"


# ----- 6. a numbered PDCA heading nested under Plan ----------------------------------------------------------------


def test_a_numbered_do_heading_nested_under_plan_is_the_do_section(plan):
    text = plan.replace("## Do", "### 2.1 Do", 1).replace("## Check", "### 2.2 Check", 1)
    text = text.replace("## Act", "### 2.3. Act", 1)
    text = with_status(text, "klaar").replace("| P | klaar |", "| C | klaar |", 1)  # its Fase as the export sets it
    assert open_ids(text) == {A2}
    result = merge(text, session(S1, FIRST, FakeClock(), vote=True).state)
    assert not result.changed  # no second Do, Check or Act added
    assert text.count("Do") == result.text.count("Do")


# ----- 5. a cell taken out of a row ------------------------------------------------------------------------------


def test_a_row_with_a_cell_taken_out_is_refused_on_its_line_not_read_shifted(plan):
    """Trial (severe): deleting the empty Waarom cell of a row shifted its cells one column left: the deadline was
    read as the owner, the phase as the deadline, and the export wrote the review's answer onto that shifted row.
    Which cell is missing cannot be seen, so the row is refused, by line, as a row with a cell too many is."""
    short = plan.replace(
        "| Start intervisie \\| elke maand |  | praktijkopleider |",
        "| Start intervisie \\| elke maand | praktijkopleider |",
    )
    assert short != plan
    with pytest.raises(PlanError) as refused:
        open_actions(short, "pdca.md")
    said = refused.value.text("nl")
    assert f"pdca.md:{line_of(short, 'DL-2611-a2 | Start')}:" in said
    assert "heeft 6 cellen, maar de kop heeft er 7" in said and "welke cel ontbreekt" in said
    with pytest.raises(PlanError):
        merge(short, session(S1, FIRST, FakeClock(), vote=True).state)  # and nothing is written onto it


def test_a_column_added_by_hand_at_the_end_may_be_left_empty_in_other_rows(plan):
    text = plan.replace("| Deadline | Fase | Status |", "| Deadline | Fase | Status | Notitie |", 1)
    text = text.replace(
        "| --- | --- | --- | --- | --- | --- | --- |", "| --- | --- | --- | --- | --- | --- | --- | --- |", 1
    )
    assert {r.id: r.owner for r in plan_rows(text)} == {A1: "teamleider", A2: "praktijkopleider"}


# ----- 7. Doorgeschoven on the day the action was agreed -------------------------------------------------------


def test_an_open_action_reviewed_the_same_day_counts_as_carried_over_and_the_plan_and_summary_say_what_that_means(
    plan,
):
    """Trial: an action agreed in the morning and reviewed (still open, deadline ahead) the same afternoon got
    'Doorgeschoven 1'. domain.md §3 counts every review that leaves an action open ("unfinished actions carry
    over; warn on the second carry-over"), whatever its deadline: the count stays, and the plan's column, its
    comment and the summary now say that this is what it counts, so '1' does not read as 'postponed'."""
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    clock = FakeClock()  # the same day as the session that agreed the actions
    service = SessionService.start(script, team="Team De Linde", store=MemoryStore(), session_id=S1 + "-b", clock=clock)
    service.load_review_actions(open_actions(plan))
    service.review_action(A2, status="bezig")
    [item] = [i for i in service.state.reviews if i.plan_id == A2]
    assert item.due > clock().date().isoformat() and item.carried_over_now == 1
    merged = merge_plan(plan, service.state)
    assert {r.id: r.carried_over for r in plan_rows(merged)} == {A1: 0, A2: 1}
    assert "| Doorgeschoven (keer open na review) |" in merged
    assert "De kolom Doorgeschoven telt hoe vaak een review de actie nog open liet" in merged
    assert "ook als de deadline nog niet voorbij was" in merged
    summary = session_summary(service.state)
    assert "gaat mee naar de volgende review; het plan telt dat bij Doorgeschoven op, ook als de deadline" in summary
    assert "⚠" not in summary.split("*Doorgeschoven*")[0].split(A2)[-1]  # one carry-over: no warning yet
