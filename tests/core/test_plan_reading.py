"""Reading a hand-edited plan never guesses: Word tables, split rows and unplaceable tables are refused with
their line (the file left byte for byte); heading variants, nesting, front matter, renamed columns, several
tables and negated statuses are read as the person meant them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from tests.core import mdcheck
from tests.core.test_plan import FIRST, S1, S2, SECOND, session
from workshop.core.errors import PlanError
from workshop.core.model import SessionState
from workshop.core.plan import merge, merge_plan, open_actions, plan_rows, plan_warnings
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.workspace import Workspace

PLANS = FIXTURES / "plans"


@pytest.fixture
def plan() -> str:
    """The plan after the first session (two actions), as workshop writes it."""
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


@pytest.fixture
def ids(plan: str) -> tuple[str, str]:
    """The ids of the plan's two actions (read from the plan, whatever form the ids have)."""
    a1, a2 = (row.id for row in plan_rows(plan))
    return a1, a2


@pytest.fixture
def second() -> SessionState:
    return session(S2, SECOND, FakeClock(FakeClock().now.replace(year=2027, month=1, day=20))).state


def reviewed(text: str, answers: dict[str, dict[str, str]]) -> SessionState:
    """A retrospective that loads the plan's open actions and answers for the given ids."""
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    clock = FakeClock(FakeClock().now.replace(year=2027, month=2, day=10))
    service = SessionService.start(
        script, team="Team De Linde", store=MemoryStore(), session_id="2027-02-10-r", clock=clock
    )
    service.load_review_actions(open_actions(text))
    for plan_id, given in answers.items():
        service.review_action(plan_id, **given)
    return service.state


def refused(tmp_path: Path, raw: bytes, state: SessionState) -> PlanError:
    """Put `raw` in place as the team's plan, export `state` into it; returns the refusal, after checking that
    the file is byte for byte what it was and nothing else was left in exports/."""
    workspace = Workspace(tmp_path)
    path = workspace.plan_path("Team De Linde")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    with pytest.raises(PlanError) as err:
        workspace.merge_plan(state)
    with pytest.raises(PlanError):
        workspace.open_actions("Team De Linde")  # the next retrospective is told too, never "0 open actions"
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert str(path) in err.value.text()
    return err.value


# ----- Word round trip -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["word-multiline.md", "word-grid.md", "word-html.md"])
def test_a_plan_back_from_word_is_refused_with_its_line(tmp_path, second, name):
    """Real pandoc output (fixtures/plans/README.md): multiline, grid and HTML tables."""
    error = refused(tmp_path, (PLANS / name).read_bytes(), second)
    assert error.line == 13 and error.code == "plan.foreign_table"  # the Do table, right under "## Do"
    assert "pandoc plan.docx -t gfm" in error.text() and "pandoc plan.docx -t gfm" in error.text("en")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("form", ["markdown", "markdown-multiline_tables-simple_tables-pipe_tables"])
def test_a_fresh_word_round_trip_is_refused(tmp_path, plan, second, form):
    (tmp_path / "plan.md").write_text(plan, encoding="utf-8")
    run = ["pandoc", "-f", "gfm", "-t", "docx", "plan.md", "-o", "plan.docx"]
    subprocess.run(run, cwd=tmp_path, check=True, timeout=60)
    back = subprocess.run(
        ["pandoc", "plan.docx", "-t", form], cwd=tmp_path, check=True, capture_output=True, timeout=60
    ).stdout
    assert refused(tmp_path / "ws", back, second).code == "plan.foreign_table"


def test_a_simple_table_as_pandoc_writes_it_is_refused(plan, second, ids):
    A1, A2 = ids
    simple = plan.replace(
        plan[plan.index("| ID | Wat") : plan.index("## Check")],
        "  ID           Wat                 Status\n  ------------ ------------------- ---------\n"
        f"  {A1}   Plan vaste leertijd  bezig\n\n",
    )
    with pytest.raises(PlanError) as err:
        merge_plan(simple, second)
    assert err.value.code == "plan.foreign_table"


# ----- rows split by Enter, tables it cannot place -----------------------------------------------------------


@pytest.mark.parametrize("where", ["in a cell", "before a pipe"])
def test_enter_inside_a_cell_is_refused_not_read_as_a_ghost_action(tmp_path, plan, second, where, ids):
    A1, A2 = ids
    lines = plan.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(f"| {A1} | Plan vaste"))
    cut = lines[row].index("leertijd") if where == "in a cell" else lines[row].index("| Leertijd")
    lines[row : row + 1] = [lines[row][:cut].rstrip(), lines[row][cut:]]
    error = refused(tmp_path, "\n".join(lines).encode("utf-8"), second)
    assert error.code == "plan.split_row" and error.line in (row + 1, row + 2)


def test_a_table_of_actions_under_a_heading_of_ones_own_is_refused(tmp_path, plan, second):
    text = plan.replace("## Do\n", "## Do\n\nZie hieronder.\n\n## Uitvoering op de afdeling\n")
    error = refused(tmp_path, text.encode("utf-8"), second)
    assert error.code == "plan.table_outside" and "Uitvoering op de afdeling" in error.text()


def test_two_columns_for_one_field_are_refused(tmp_path, plan, second):
    lines = plan.split("\n")
    head = lines.index("| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |")
    lines[head] = "| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Stand van zaken |"
    lines[head] = lines[head].replace("| Fase |", "| Status |")
    error = refused(tmp_path, "\n".join(lines).encode("utf-8"), second)
    assert error.code == "plan.duplicate_column" and error.line == head + 1


# ----- headings, nesting, front matter ----------------------------------------------------------------------


def variant(plan: str, how: str) -> str:
    if how == "emoji and words":
        return (
            plan.replace("## Check", "## Check / meten").replace("## Act", "## Act ✅").replace("## Plan", "## Plan 🗓️")
        )
    if how == "nested":
        nested = plan.replace("## Plan", "## Ons verbeterplan 2027\n\nVoor het MT.\n\n### Plan")
        return nested.replace("## Do", "### Do").replace("## Check", "### Check").replace("## Act", "### Act")
    if how == "front matter":
        return "---\ncheck: 2027-03-01\ntags: [pdca, team]\n---\n" + plan
    if how == "numbered":
        return plan.replace("## Do", "## 2. Do (uitvoeren)").replace("## Check", "## 3. Check: meten")
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["emoji and words", "nested", "front matter", "numbered"])
def test_changed_headings_are_read_and_the_review_is_written(plan, how, ids):
    A1, A2 = ids
    text = variant(plan, how)
    state = reviewed(text, {A1: {"status": "bezig", "result": "4 van 10"}, A2: {"status": "uitgesteld"}})
    assert [i.plan_id for i in state.reviews] == [A1, A2]  # the retrospective loads both
    merged = merge(text, state)
    assert merged.updated == (A1, A2) and merged.kept == ()
    rows = {r.id: r for r in plan_rows(merged.text)}
    assert (rows[A1].status, rows[A1].result, rows[A1].carried_over) == ("bezig", "4 van 10", 1)
    assert (rows[A2].status, rows[A2].carried_over) == ("uitgesteld", 1)
    # No second section was added, and every line of the person's text is still there.
    assert len(mdcheck.tables(merged.text)) == 3
    for heading in ("Plan", "Do", "Check", "Act"):
        assert sum(1 for line in merged.text.split("\n") if line.lstrip("#").strip().startswith(heading)) <= 1
    if how == "front matter":
        assert merged.text.startswith("---\ncheck: 2027-03-01\ntags: [pdca, team]\n---\n")


# ----- columns ----------------------------------------------------------------------------------------------

SYNONYMS = {
    "| Eigenaar |": "| Verantwoordelijke |",
    "| Deadline |": "| Einddatum |",
    "| Status |": "| Stand van zaken |",
    "| Resultaat |": "| Uitkomst |",
    "| Checkdatum |": "| Datum check |",
    "| Checkmethode |": "| Hoe meten we het? |",
    "| Besluit |": "| Vervolg (act) |",
}


def test_renamed_columns_are_understood(plan, second, ids):
    A1, A2 = ids
    text = plan
    for old, new in SYNONYMS.items():
        text = text.replace(old, new)
    rows = {r.id: r for r in plan_rows(text)}
    assert (rows[A1].owner, rows[A1].due_iso, rows[A1].status, rows[A1].check_date_iso) == (
        "teamleider",
        "2026-12-15",
        "gepland",
        "2027-01-31",
    )
    state = reviewed(text, {A1: {"status": "klaar", "result": "8 van 10", "act_decision": "borgen"}})
    merged = merge(text, state)
    row = {r.id: r for r in plan_rows(merged.text)}[A1]
    assert (row.status, row.result, row.act_decision) == ("klaar", "8 van 10", "borgen")
    merged = merge(merged.text, second)  # a new session fills the renamed columns of its new rows
    do = next(t for t in mdcheck.tables(merged.text) if "Verantwoordelijke" in t[0])
    new_row = dict(zip(do[0], do[-1], strict=True))
    assert (new_row["Verantwoordelijke"], new_row["Einddatum"], new_row["Stand van zaken"]) == (
        "kwaliteitsfunctionaris",
        "15-02-2027",
        "gepland",
    )


def test_an_unknown_column_is_kept_and_never_written_into(plan, second, ids):
    A1, A2 = ids
    lines = plan.split("\n")
    head = lines.index("| ID | Checkmethode | Indicator | Checkdatum | Resultaat |")
    lines[head] += " Opmerking |"
    lines[head + 1] += " --- |"
    lines[head + 2] += " zie notulen |"
    lines[head + 3] += "  |"
    text = "\n".join(lines)
    state = reviewed(text, {A2: {"status": "klaar", "result": "gelukt"}})
    merged = merge_plan(merge_plan(text, state), second)
    check = next(t for t in mdcheck.tables(merged) if t[0][-1] == "Opmerking")
    assert [row[-1] for row in check[1:]] == ["zie notulen", "", ""]  # its own text kept, nothing written
    assert [row[-2] for row in check[1:]] == ["", "gelukt", ""]


def test_a_second_table_in_a_section_is_read_and_answered(plan, ids):
    A1, A2 = ids
    lines = plan.split("\n")
    do_head = lines.index("| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |")
    night = [
        "",
        "### Nachtdienst",
        "",
        "| ID | Wat | Eigenaar | Status |",
        "| --- | --- | --- | --- |",
        "| nacht-1 | Overdracht om 7 uur met een vast lijstje | nachtdienst | bezig |",
        "| nacht-2 | Leermoment in de nacht | nachtdienst | klaar |",
    ]
    end = next(i for i in range(do_head, len(lines)) if not lines[i].strip())
    lines[do_head - 1 : do_head - 1] = ["### Dagdienst", ""]
    lines[end + 2 : end + 2] = night
    text = "\n".join(lines)
    # nacht-2 is klaar without a decision (no Act row): it comes back for its Check and Act as well.
    assert [r.id for r in open_actions(text)] == [A1, A2, "nacht-1", "nacht-2"]
    assert [r.id for r in plan_rows(text) if r.is_open] == [A1, A2, "nacht-1"]
    state = reviewed(text, {"nacht-1": {"status": "klaar"}})
    merged = merge_plan(text, state)
    assert "| nacht-1 | Overdracht om 7 uur met een vast lijstje | nachtdienst | klaar |" in merged.split("\n")


# ----- statuses ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, is_open, key, reviewed",
    [
        ("nog niet klaar", True, "", True),
        ("nog niet gedaan", True, "", True),
        ("bijna klaar, meting loopt", True, "bezig", True),
        ("Gedaan: nee", True, "", True),
        ("niet gestart", True, "gepland", True),
        ("klaar? nee", True, "", True),
        # klaar without a decision (the plan has none yet) is not open, but comes back in the review.
        ("Gedaan: ja", False, "klaar", True),
        ("**Afgerond** ✅", False, "klaar", True),
        ("on hold", True, "uitgesteld", True),
        ("geannuleerd", False, "gestopt", False),
    ],
)
def test_statuses_are_read_with_their_negation(plan, status, is_open, key, reviewed, ids):
    A1, A2 = ids
    text = plan.replace("| P | gepland |", f"| P | {status} |", 1)
    row = {r.id: r for r in plan_rows(text)}[A1]
    assert (row.is_open, row.status_key) == (is_open, key)
    assert (A1 in {r.id for r in open_actions(text)}) is reviewed
    assert plan_warnings(text) == ()


def test_a_status_it_does_not_know_stays_open_with_a_warning_naming_the_line(plan, ids):
    A1, A2 = ids
    text = plan.replace("| P | gepland |", "| P | in afwachting van MT |", 1)
    line = text.split("\n").index(next(x for x in text.split("\n") if "in afwachting" in x)) + 1
    assert A1 in {r.id for r in open_actions(text)}
    [warning] = plan_warnings(text)
    assert (warning.code, warning.line, dict(warning.params)) == (
        "plan.status_unknown",
        line,
        {"text": "in afwachting van MT"},
    )


def test_a_date_in_words_is_read_as_a_date(plan, ids):
    A1, A2 = ids
    text = plan.replace("| 31-01-2027 |", "| 10 januari 2027 |").replace("| 10-01-2027 |", "| vr 12 feb. 2027 |")
    rows = {r.id: r for r in plan_rows(text)}
    assert rows[A1].check_date_iso == "2027-01-10" and rows[A2].due_iso == "2027-02-12"
    assert plan_warnings(text) == ()
    assert [w.code for w in plan_warnings(plan.replace("| 31-01-2027 |", "| eind januari |"))] == ["plan.date_unknown"]


def test_words_added_to_a_cell_after_the_retrospective_loaded_it_are_kept(plan, ids):
    """Found by the property test: "gepland (wacht op MT)" still says gepland, but the person wrote it since."""
    a1, a2 = ids
    state = reviewed(plan, {a1: {"status": "bezig"}, a2: {"status": "uitgesteld"}})
    lines = plan.split("\n")
    do = next(n for n, line in enumerate(lines) if line.startswith(f"| {a1} | Plan"))
    lines[do] = lines[do].replace("| gepland |", "| gepland (wacht op MT) |")
    act = next(n for n, line in enumerate(lines) if line.startswith(f"| {a2} |") and line.endswith("| 0 |"))
    lines[act] = lines[act][: -len("| 0 |")] + "| zie notulen |"
    merged = merge("\n".join(lines), state)
    rows = {r.id: r for r in plan_rows(merged.text)}
    assert rows[a1].status == "gepland (wacht op MT)" and rows[a2].status == "uitgesteld"
    assert any(line.startswith(f"| {a2} |") and line.endswith("| zie notulen |") for line in merged.text.split("\n"))
    assert set(merged.kept) == {a1, a2}
