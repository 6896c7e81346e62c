"""The team's living PDCA plan: new plans, merges that keep hand edits, idempotency, and plans it refuses."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.core import mdcheck
from workshop.core.errors import PlanError
from workshop.core.plan import merge, merge_plan, new_plan_text, open_actions, plan_file_name, plan_id, plan_rows
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.workspace import Workspace

S1 = "2026-11-23-team-de-linde-visie-leren-ontwikkelen"
S2 = "2027-01-20-team-de-linde-visie-leren-ontwikkelen"
# The short prefix of each session's action ids in the plan: team initials, year and month.
P1 = "DL-2611"
P2 = "DL-2701"


def session(session_id: str, actions: list[dict], clock: FakeClock, *, vote: bool = False) -> SessionService:
    """A session of the shipped vision script for Team De Linde with the given actions (and maybe a vote)."""
    script = load_script(SCRIPTS / "visie-leren-ontwikkelen.md")
    service = SessionService.start(
        script, team="Team De Linde", store=MemoryStore(), session_id=session_id, clock=clock
    )
    if vote:
        collect = next(s for s in script.steps if s.kind == "collect" and not s.categories)
        group = next(s for s in script.steps if s.kind == "group")
        vote_step = next(s for s in script.steps if s.kind == "vote")
        service.go_to(collect.id)
        card = service.add_contribution("Leren van elkaar op de werkvloer")
        service.go_to(group.id)
        theme = service.create_theme("Leertijd")
        if card.step_id in group.source:
            service.group_card(card.id, theme.id)
        service.go_to(vote_step.id)
        service.open_voting()
        # Three people: the script's minimum group size, below which no count is shown (results.anonymous).
        for _ in range(3):
            service.cast_vote(theme.id, voter=service.join().id)
    service.go_to(next(s.id for s in script.steps if s.kind == "actions"))
    for fields in actions:
        service.add_action(**fields)
    return service


FIRST = [
    dict(
        what="Plan vaste leertijd in het rooster",
        owner="teamleider",
        due="2026-12-15",
        why="Leertijd",
        check_method="interne audit",
        indicator="8 van 10 overleggen met leermoment",
        check_date="2027-01-31",
    ),
    dict(what="Start intervisie | elke maand", owner="praktijkopleider", due="2027-01-10"),
]
SECOND = [
    dict(
        what="Nodig de cliëntenraad uit voor het leeroverleg",
        owner="kwaliteitsfunctionaris",
        due="2027-02-15",
        check_method="feedback cliënten/naasten",
        check_date="2027-03-15",
    )
]


@pytest.fixture
def first(clock):
    return session(S1, FIRST, clock, vote=True).state


@pytest.fixture
def second():
    return session(S2, SECOND, FakeClock(FakeClock().now.replace(year=2027, month=1, day=20))).state


def test_a_new_plan_has_the_four_parts_and_every_action_once(first):
    text = merge_plan(None, first)
    assert text.startswith("# PDCA-verbeterplan — Team De Linde\n")
    for heading in ("## Plan", "## Do", "## Check", "## Act"):
        assert text.count(f"\n{heading}\n") == 1
    tables = mdcheck.tables(text)
    assert [t[0][0] for t in tables] == ["ID", "ID", "ID"]
    ids = [plan_id(P1, "a1"), plan_id(P1, "a2")]
    assert [[row[0] for row in t[1:]] for t in tables] == [ids, ids, ids]
    assert tables[0][1] == [
        ids[0],
        "Plan vaste leertijd in het rooster",
        "Leertijd",
        "teamleider",
        "15-12-2026",
        "P",
        "gepland",
    ]
    assert tables[0][2][1] == "Start intervisie | elke maand"  # a pipe stays in its cell
    assert f"(`{S1}`)" in text and "Leertijd (3 stippen" in text


def test_rows_read_back_with_all_fields(first):
    row = plan_rows(merge_plan(None, first))[0]
    assert (row.id, row.owner, row.due_iso, row.check_method, row.indicator, row.check_date_iso, row.status) == (
        plan_id(P1, "a1"),
        "teamleider",
        "2026-12-15",
        "interne audit",
        "8 van 10 overleggen met leermoment",
        "2027-01-31",
        "gepland",
    )
    assert row.is_open and row.carried_over == 0


def test_plan_file_name_uses_the_team_slug():
    assert plan_file_name("Team De Linde") == "pdca-team-de-linde.md"


def test_merging_the_same_session_twice_changes_nothing(first):
    once = merge(None, first)
    twice = merge(once.text, first)
    assert twice.text == once.text and not twice.changed and twice.added == ()


# ----- hand edits survive ----------------------------------------------------------------------------------


def hand_edit(text: str) -> tuple[str, list[str]]:
    """Edit a plan the way a team would; returns the new text and lines that must survive any merge."""
    a1, a2 = plan_id(P1, "a1"), plan_id(P1, "a2")
    lines = text.split("\n")
    do_a1 = next(i for i, line in enumerate(lines) if line.startswith(f"| {a1} | Plan vaste"))
    do_a2 = next(i for i, line in enumerate(lines) if line.startswith(f"| {a2} | Start"))
    # Fase as the plan's comment says (it follows from status and result); the export would set it so.
    edited_a1 = lines[do_a1].replace("| P | gepland |", "| C | **bezig** (sinds januari) |")
    edited_a2 = lines[do_a2].replace("| P | gepland |", "| C | klaar |")
    hand_row = "| eigen-1 | Koffie-overleg met naasten | signaal cliëntenraad | teamleider | 01-02-2027 | D | bezig |"
    # Reorder: a2 before a1, then the hand-made row.
    lines[do_a1], lines[do_a2] = edited_a2, edited_a1
    lines.insert(do_a2 + 1, hand_row)
    check_a1 = next(i for i, line in enumerate(lines) if line.startswith(f"| {a1} | interne audit"))
    check_result = lines[check_a1].replace("|  |", "| 6 van 10, zie notulen |")
    assert check_result != lines[check_a1]
    lines[check_a1] = check_result
    comment = "<!-- opmerking van de teamleider: a2 is besproken in het MT -->"
    free_text = "Vrije tekst in Act: we bespreken dit in elk teamoverleg."
    act = lines.index("## Act")
    lines[act + 1 : act + 1] = ["", free_text]
    do = lines.index("## Do")
    lines[do:do] = [comment, ""]
    free_section = [
        "",
        "## Notulen teamoverleg",
        "",
        "Vrije sectie met *opmaak* en een eigen tabel:",
        "",
        "| Wie | Wat |",
        "| --- | --- |",
        "| rol | iets |",
    ]
    lines[-1:-1] = free_section
    survivors = [edited_a1, edited_a2, hand_row, check_result, comment, free_text] + [
        line for line in free_section if line
    ]
    return "\n".join(lines), survivors


def test_hand_edits_survive_a_merge_of_a_new_session(first, second):
    edited, survivors = hand_edit(merge_plan(None, first))
    merged = merge(edited, second)
    for line in survivors:
        assert line in merged.text.split("\n"), line
    assert merged.added == (plan_id(P2, "a1"),)
    for table in mdcheck.tables(merged.text)[:3]:
        ids = [row[0] for row in table[1:]]
        assert len(ids) == len(set(ids)) and ids.count(plan_id(P2, "a1")) == 1
    do_ids = [row[0] for row in mdcheck.tables(merged.text)[0][1:]]
    assert do_ids == [plan_id(P1, "a2"), plan_id(P1, "a1"), "eigen-1", plan_id(P2, "a1")]
    # Everything the old plan said is still there, line for line, in the same order.
    old_lines = [line for line in edited.split("\n")]
    new_lines = iter(merged.text.split("\n"))
    assert all(any(line == new for new in new_lines) for line in old_lines)
    # The second session's choices joined the Plan section next to the first's.
    assert f"(`{S1}`)" in merged.text and f"(`{S2}`)" in merged.text


def test_merging_again_after_hand_edits_changes_nothing(first, second):
    edited, _ = hand_edit(merge_plan(None, first))
    once = merge_plan(edited, second)
    assert merge_plan(once, second) == once
    assert merge_plan(once, first) == once  # the first session is in there already


def test_open_actions_reads_the_edited_plan(first):
    edited, _ = hand_edit(merge_plan(None, first))
    rows = {row.id: row for row in open_actions(edited)}
    # a2 is klaar without a decision: it comes back for its Check and Act (what did it bring, what do we decide).
    assert set(rows) == {plan_id(P1, "a1"), plan_id(P1, "a2"), "eigen-1"}
    assert not rows[plan_id(P1, "a2")].is_open and rows[plan_id(P1, "a2")].status_key == "klaar"
    assert rows[plan_id(P1, "a1")].status_key == "bezig"
    assert rows[plan_id(P1, "a1")].result == "6 van 10, zie notulen"
    assert rows["eigen-1"].due_iso == "2027-02-01" and rows["eigen-1"].why == "signaal cliëntenraad"


@pytest.mark.parametrize(
    "status, is_open, reviewed",
    [
        ("gepland", True, True),
        ("Bezig", True, True),
        ("uitgesteld", True, True),
        ("", True, True),
        ("half af", True, True),
        # klaar without a decision (the fixture has none) is not open, but still comes back in the review.
        ("klaar", False, True),
        ("**Afgerond** ✅", False, True),
        ("gestopt", False, False),
        ("vervallen", False, False),
    ],
)
def test_which_statuses_are_open_and_which_come_back_in_the_review(first, status, is_open, reviewed):
    text = merge_plan(None, first).replace("| P | gepland |", f"| P | {status} |", 1)
    [row] = [r for r in plan_rows(text) if r.id == plan_id(P1, "a1")]
    assert row.is_open is is_open
    assert (plan_id(P1, "a1") in {r.id for r in open_actions(text)}) is reviewed


def test_reordered_and_extra_columns_are_kept_and_filled(first, second):
    text = merge_plan(None, first)
    old_head = "| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |"
    lines = text.split("\n")
    head = lines.index(old_head)
    lines[head] = "| Status | ID | Wat | Waarom | Eigenaar | Deadline | Fase | Opmerking |"
    lines[head + 1] = "| --- | --- | --- | --- | --- | --- | --- | --- |"
    for n in (head + 2, head + 3):
        cells = lines[n].strip("|").split(" | ")
        lines[n] = "| " + " | ".join([cells[-1].strip()] + [c.strip() for c in cells[:-1]] + ["let op"]) + " |"
    merged = merge_plan("\n".join(lines), second)
    do = mdcheck.tables(merged)[0]
    assert do[-1] == [
        "gepland",
        plan_id(P2, "a1"),
        "Nodig de cliëntenraad uit voor het leeroverleg",
        "",
        "kwaliteitsfunctionaris",
        "15-02-2027",
        "P",
        "",
    ]
    assert {r.id: r.status for r in plan_rows(merged)}[plan_id(P1, "a1")] == "gepland"


def test_a_deleted_section_comes_back_at_the_end(first, second):
    text = merge_plan(None, first)
    start = text.index("## Check")
    without_check = text[:start] + text[text.index("## Act") :]
    merged = merge_plan(without_check, second)
    assert merged.index("## Act") < merged.index("## Check")
    check = mdcheck.tables(merged)[2]
    assert [row[0] for row in check[1:]] == [plan_id(P2, "a1")]


def test_a_plan_with_windows_line_endings_keeps_them(first, second):
    crlf = merge_plan(None, first).replace("\n", "\r\n")
    merged = merge_plan(crlf, second)
    assert "\r\n" in merged and "\n" not in merged.replace("\r\n", "")
    assert merge_plan(crlf, first) == crlf


def test_an_empty_file_becomes_a_plan(first):
    merged = merge_plan("", first)
    assert [t[0][0] for t in mdcheck.tables(merged)] == ["ID", "ID", "ID"]
    assert "## Plan" in merged


def test_new_plan_text_is_valid_markdown_with_three_empty_tables():
    assert [len(t) for t in mdcheck.tables(new_plan_text("Team | X"))] == [1, 1, 1]


# ----- plans it refuses ------------------------------------------------------------------------------------


def broken(text: str, case: str) -> tuple[str, int]:
    """Return a broken copy of a plan and the 1-based line the error must name."""
    lines = text.split("\n")
    do_row = next(i for i, line in enumerate(lines) if line.startswith(f"| {plan_id(P1, 'a2')} | Start"))
    if case == "duplicate id":
        lines[do_row] = lines[do_row].replace(plan_id(P1, "a2"), plan_id(P1, "a1"))
        return "\n".join(lines), do_row + 1
    if case == "too many cells":
        lines[do_row] += " extra |"
        return "\n".join(lines), do_row + 1
    if case == "missing id column":
        head = lines.index("| ID | Checkmethode | Indicator | Checkdatum | Resultaat |")
        lines[head] = "| Nr | Checkmethode | Indicator | Checkdatum | Resultaat |"
        return "\n".join(lines), head + 1
    if case == "bad table":
        head = next(i for i, line in enumerate(lines) if line.startswith("| ID | Besluit |"))
        del lines[head + 1]  # the delimiter row: what is left is not a table any more
        return "\n".join(lines), head + 1
    if case == "text right under a table":
        lines.insert(do_row + 1, "Let op: a2 hangt af van het rooster")
        return "\n".join(lines), do_row + 2
    if case == "missing id":
        lines.insert(do_row + 1, "|  | Nieuwe actie zonder id | | teamleider | | | gepland |")
        return "\n".join(lines), do_row + 2
    raise AssertionError(case)


CASES = ["duplicate id", "too many cells", "missing id column", "bad table", "text right under a table", "missing id"]


@pytest.mark.parametrize("case", CASES)
def test_a_broken_plan_is_refused_with_its_line(first, second, case):
    text, line = broken(merge_plan(None, first), case)
    with pytest.raises(PlanError) as err:
        merge_plan(text, second, path="exports/pdca-team-de-linde.md")
    assert err.value.line == line
    message = err.value.text()
    assert message.startswith(f"exports/pdca-team-de-linde.md:{line}: ")
    assert message.endswith("Het plan is niet veranderd.")
    assert err.value.text("en").endswith("The plan was not changed.")
    with pytest.raises(PlanError):
        open_actions(text)


def test_duplicate_id_names_both_lines(first):
    text, line = broken(merge_plan(None, first), "duplicate id")
    with pytest.raises(PlanError) as err:
        plan_rows(text)
    assert f"regel {line - 1}" in str(err.value) and plan_id(P1, "a1") in str(err.value)


@pytest.mark.parametrize("case", CASES + ["not utf-8"])
def test_the_file_of_a_broken_plan_is_left_untouched(tmp_path, first, second, case):
    workspace = Workspace(tmp_path)
    path = workspace.plan_path("Team De Linde")
    path.parent.mkdir(parents=True)
    if case == "not utf-8":
        raw = merge_plan(None, first).encode("utf-8").replace(b"Leertijd", "Leertijd \xe9".encode("latin-1"))
    else:
        raw = broken(merge_plan(None, first), case)[0].encode("utf-8")
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    with pytest.raises(PlanError) as err:
        workspace.merge_plan(second)
    assert str(path) in str(err.value)
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left behind


def test_workspace_writes_the_plan_only_when_it_changes(tmp_path, first):
    workspace = Workspace(tmp_path)
    path, result = workspace.merge_plan(first)
    assert path == tmp_path / "exports" / "pdca-team-de-linde.md" and result.changed
    before = path.stat().st_mtime_ns
    _path, again = workspace.merge_plan(first)
    assert not again.changed and path.stat().st_mtime_ns == before
