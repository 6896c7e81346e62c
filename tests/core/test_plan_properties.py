"""Property: whatever a person does to the plan between exports (edit cells, add, delete and move rows, add,
rename and move columns, rename and nest headings), the next export never loses a non-empty cell they wrote,
never brings back a row they deleted, and reads every open action; a retrospective's answers only replace
what was in the plan when that retrospective loaded it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.conftest import SCRIPTS, FakeClock
from tests.core.test_plan import FIRST, S1, S2, SECOND, session
from tests.hypo import scaled
from workshop.core.model import ACTION_STATUSES, SessionState
from workshop.core.plan import merge_plan, open_actions, plan_rows, plan_warnings
from workshop.core.plan_terms import ALIASES, header_key
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

WORDS = ("zie notulen", "bezig (MT)", "10 januari 2027", "nog niet klaar", "teamleider", "8 van 10", "op de agenda")
WORDS += ("Verbeteren", "navragen bij EVV", "cliëntenraad", "half af", "wacht op rooster", "borgen?")
SYNONYMS = {
    "Eigenaar": "Verantwoordelijke",
    "Deadline": "Einddatum",
    "Status": "Stand van zaken",
    "Resultaat": "Uitkomst",
    "Checkdatum": "Datum check",
    "Besluit": "Vervolg",
    "Wat": "Actie",
}
HEADINGS = {
    "Plan": ("Plan 🗓️", "1. Plan"),
    "Do": ("Do (uitvoeren)", "Do – acties"),
    "Check": ("Check / meten", "Check: meten"),
    "Act": ("Act ✅", "Act — besluiten"),
}
ANSWER_FIELDS = {"status", "result", "act_decision", "feedback", "feedback_to", "feedback_when", "feedback_done"}
TOOL_FIELDS = {"carried_over", "phase"}  # moved on by the tool for the rows a retrospective answered
_PIPE = re.compile(r"(?<!\\)\|")

edit = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 50), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("add_row"), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("delete_row"), st.integers(0, 50)),
    st.tuples(st.just("move_row"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("add_column"), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("rename_column"), st.integers(0, 50)),
    st.tuples(st.just("move_column"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("heading"), st.sampled_from(sorted(HEADINGS)), st.integers(0, 1)),
    st.tuples(
        st.just("nest"),
    ),
)
rounds = st.lists(edit, min_size=0, max_size=5)
answers = st.lists(
    st.tuples(st.integers(0, 50), st.sampled_from(ACTION_STATUSES), st.sampled_from(("",) + WORDS)), max_size=3
)


@dataclass
class Person:
    """The person editing the plan, remembering what they wrote (row id, column header) -> text, and deleted."""

    wrote: dict[tuple[str, str], str] = field(default_factory=dict)
    before_load: set[tuple[str, str]] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    counter: int = 0

    def apply(self, text: str, edits: list[tuple]) -> str:
        lines = text.split("\n")
        for op in edits:
            getattr(self, op[0])(lines, *op[1:])
        return "\n".join(lines)

    # ----- the edits ---------------------------------------------------------------------------------------

    def cell(self, lines: list[str], t: int, c: int, text: str) -> None:
        table = _pick(tables(lines), t)
        if not table or len(table.rows) == 0:
            return
        row = table.rows[c % len(table.rows)]
        cells = split(lines[row])
        column = 1 + c % (len(table.header) - 1) if len(table.header) > 1 else 0
        if table.header[column] == "ID":
            return
        cells[column] = text
        lines[row] = join(cells)
        self.wrote[(cells[table.header.index("ID")], table.header[column])] = text

    def add_row(self, lines: list[str], t: int, text: str) -> None:
        table = _pick(tables(lines), t)
        if not table:
            return
        self.counter += 1
        row_id = f"eigen-{self.counter}"
        cells = [row_id if h == "ID" else "" for h in table.header]
        if len(cells) > 1:
            cells[1 if table.header[0] == "ID" else 0] = text
            self.wrote[(row_id, table.header[1 if table.header[0] == "ID" else 0])] = text
        lines.insert(table.end, join(cells))

    def delete_row(self, lines: list[str], r: int) -> None:
        ids = sorted({split(lines[row])[t.header.index("ID")] for t in tables(lines) for row in t.rows})
        if not ids:
            return
        victim = ids[r % len(ids)]
        self.deleted.add(victim)
        for t in reversed(tables(lines)):
            for row in reversed(t.rows):
                if split(lines[row])[t.header.index("ID")] == victim:
                    del lines[row]
        self.wrote = {k: v for k, v in self.wrote.items() if k[0] != victim}

    def move_row(self, lines: list[str], a: int, b: int) -> None:
        table = _pick(tables(lines), a)
        if table and len(table.rows) > 1:
            i, j = table.rows[a % len(table.rows)], table.rows[b % len(table.rows)]
            lines[i], lines[j] = lines[j], lines[i]

    def add_column(self, lines: list[str], t: int, text: str) -> None:
        table = _pick(tables(lines), t)
        if not table:
            return
        self.counter += 1
        header = f"Notitie {self.counter}"
        lines[table.start] = join(table.header + [header])
        lines[table.start + 1] = join(["---"] * (len(table.header) + 1))
        for n, row in enumerate(table.rows):
            cells = split(lines[row])
            cells += [""] * (len(table.header) - len(cells)) + [text if n == 0 else ""]
            lines[row] = join(cells)
            if n == 0:
                self.wrote[(cells[table.header.index("ID")], header)] = text

    def rename_column(self, lines: list[str], t: int) -> None:
        table = _pick(tables(lines), t)
        if not table:
            return
        for old, new in SYNONYMS.items():
            if old in table.header:
                header = [new if h == old else h for h in table.header]
                lines[table.start] = join(header)
                self.wrote = {(k[0], new if k[1] == old else k[1]): v for k, v in self.wrote.items()}
                return

    def move_column(self, lines: list[str], t: int, to: int) -> None:
        table = _pick(tables(lines), t)
        if not table or len(table.header) < 2:
            return
        source, target = t % len(table.header), to % len(table.header)

        def moved(cells: list[str]) -> list[str]:
            cells = cells + [""] * (len(table.header) - len(cells))
            cells.insert(target, cells.pop(source))
            return cells

        lines[table.start] = join(moved(table.header))
        for row in table.rows:
            lines[row] = join(moved(split(lines[row])))

    def heading(self, lines: list[str], name: str, which: int) -> None:
        for n, line in enumerate(lines):
            match = re.match(rf"^(#{{2,3}}) ({re.escape(name)})$", line)
            if match:
                lines[n] = f"{match.group(1)} {HEADINGS[name][which]}"
                return

    def nest(self, lines: list[str]) -> None:
        if any(line == "## Ons verbeterplan" for line in lines):
            return
        first = next((n for n, line in enumerate(lines) if line.startswith("## ")), None)
        for n, line in enumerate(lines):
            if line.startswith("## "):
                lines[n] = "#" + line
        if first is not None:
            lines[first:first] = ["## Ons verbeterplan", ""]


@dataclass
class Found:
    start: int
    end: int
    header: list[str]
    rows: list[int]


def split(line: str) -> list[str]:
    return [c.strip() for c in _PIPE.split(line.strip())[1:-1]]


def join(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def tables(lines: list[str]) -> list[Found]:
    """The pipe tables with an ID column, by their lines."""
    found = []
    n = 0
    while n + 1 < len(lines):
        if lines[n].startswith("|") and re.match(r"^\|\s*:?-{3}", lines[n + 1]) and "ID" in split(lines[n]):
            end = n + 2
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            found.append(Found(start=n, end=end, header=split(lines[n]), rows=list(range(n + 2, end))))
            n = end
        else:
            n += 1
    return found


def _pick(found: list[Found], n: int) -> Found | None:
    return found[n % len(found)] if found else None


def cells_now(text: str) -> dict[tuple[str, str], str]:
    """Every cell of the plan tables, by (row id, column header)."""
    lines = text.split("\n")
    result = {}
    for table in tables(lines):
        for row in table.rows:
            cells = split(lines[row])
            for header, cell in zip(table.header, cells, strict=False):
                result[(cells[table.header.index("ID")], header)] = cell
    return result


def retrospective(text: str, session_id: str, day: int, given: list[tuple[int, str, str]]) -> SessionService:
    """A retrospective that loads the plan's open actions and answers some of them."""
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    clock = FakeClock(FakeClock().now.replace(year=2027, month=3, day=day))
    service = SessionService.start(
        script, team="Team De Linde", store=MemoryStore(), session_id=session_id, clock=clock
    )
    service.load_review_actions(open_actions(text))
    items = service.state.reviews
    for index, status, result in given:
        if items:
            service.review_action(items[index % len(items)].plan_id, status=status, result=result or None)
    service.go_to("acties")
    service.add_action("Deel de leerwand met de andere locaties", owner="kwaliteitsfunctionaris", due="2027-04-01")
    return service


def check(person: Person, merged: str, state: SessionState | None) -> None:
    now = cells_now(merged)
    answered = {i.plan_id for i in state.reviews if i.reviewed} if state else set()
    for (row_id, header), text in list(person.wrote.items()):
        name = ALIASES.get(header_key(header))
        if row_id in answered and (row_id, header) in person.before_load and name in ANSWER_FIELDS | TOOL_FIELDS:
            # The group answered this after the retrospective loaded it: their answer may replace it, and from
            # then on the cell says what they said.
            if now.get((row_id, header)) != text:
                del person.wrote[(row_id, header)]
            continue
        assert now.get((row_id, header)) == text, (row_id, header, text)
    ids = {row_id for row_id, _header in now}
    assert not ids & person.deleted, ids & person.deleted
    # Every row is read: as an action when it has a Do row, else kept and warned about as a row of no action.
    orphans = {dict(w.params)["id"] for w in plan_warnings(merged) if w.code == "plan.orphan_row"}
    assert {r.id for r in plan_rows(merged)} | orphans == ids
    assert not {r.id for r in plan_rows(merged)} & orphans


@settings(max_examples=scaled(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds, rounds, answers, rounds, answers)
def test_no_export_loses_a_cell_a_person_wrote(first_edits, before_review, given, after_load, second_given):
    person = Person()
    plan = merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)
    plan = person.apply(plan, first_edits)
    plan = merge_plan(plan, session(S2, SECOND, FakeClock(FakeClock().now.replace(year=2027, month=1))).state)
    check(person, plan, None)
    # A retrospective loads the plan; the person edits more while it runs; then it is exported.
    plan = person.apply(plan, before_review)
    person.before_load = set(person.wrote)
    retro = retrospective(plan, "2027-03-10-team-de-linde-kb", 10, given)
    plan = person.apply(plan, after_load)
    note(plan)
    merged = merge_plan(plan, retro.state)
    check(person, merged, retro.state)
    # Exporting again, and another retrospective on top, changes none of that.
    assert merge_plan(merged, retro.state) == merged
    person.before_load = set(person.wrote)
    again = retrospective(merged, "2027-03-24-team-de-linde-kb", 24, second_given)
    check(person, merge_plan(merged, again.state), again.state)
