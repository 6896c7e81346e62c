"""The plan remembers what it once held: a deleted action stays deleted, re-exports change nothing, ids are short
and unique, and plans written with the old long ids keep them."""

from __future__ import annotations

import re

from tests.conftest import FakeClock
from tests.core import mdcheck
from tests.core.test_plan import FIRST, S1, S2, SECOND, session
from workshop.core.plan import merge, merge_plan, plan_rows

LONG = re.compile(r"^(\| )(DL-2611)(-a\d)")


def first_state():
    return session(S1, FIRST, FakeClock(), vote=True).state


def second_state():
    return session(S2, SECOND, FakeClock(FakeClock().now.replace(year=2027, month=1, day=20))).state


def without_row(text: str, row_id: str) -> str:
    """The plan with every row of `row_id` deleted by hand, in each table."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(f"| {row_id} |"))


def test_an_action_deleted_by_hand_is_not_added_again_by_a_re_export():
    state = first_state()
    plan = merge_plan(None, state)
    a1, a2 = (r.id for r in plan_rows(plan))
    edited = without_row(plan, a2)
    again = merge(edited, state)  # the same session exported once more (or an older one, after a later one)
    assert a2 not in {r.id for r in plan_rows(again.text)}
    assert again.deleted == (a2,) and again.added == () and not again.changed
    assert again.text == edited  # byte for byte: nothing to do
    later = merge(edited, second_state())  # and not with the next session either
    assert a2 not in {r.id for r in plan_rows(later.text)} and a1 in {r.id for r in plan_rows(later.text)}


def test_an_older_session_exported_after_a_newer_one_does_not_bring_back_its_deleted_action():
    first, second = first_state(), second_state()
    plan = merge_plan(merge_plan(None, first), second)
    a2 = [r.id for r in plan_rows(plan)][1]
    edited = without_row(plan, a2)
    assert merge_plan(merge_plan(edited, first), second) == edited


def test_its_choices_deleted_by_hand_are_not_added_again():
    state = first_state()
    plan = merge_plan(None, state)
    lines = plan.split("\n")
    start = next(i for i, line in enumerate(lines) if f"(`{S1}`)" in line)
    edited = "\n".join(lines[:start] + lines[start + 2 :])
    assert f"`{S1}`" not in edited.split("<!-- workshop-geheugen")[0]
    assert merge_plan(edited, state) == edited


def test_re_exports_are_idempotent_and_the_memory_comment_is_written_once():
    first, second = first_state(), second_state()
    once = merge_plan(merge_plan(None, first), second)
    assert merge_plan(merge_plan(once, first), second) == once
    assert once.count("workshop-geheugen") == 1
    assert f"sessie {S1} DL-2611: a1 a2" in once and f"sessie {S2} DL-2701: a1" in once


def test_ids_are_short_readable_and_unique_within_a_month():
    state = first_state()
    plan = merge_plan(None, state)
    assert [r.id for r in plan_rows(plan)] == ["DL-2611-a1", "DL-2611-a2"]
    # Another session of the same team in the same month gets a prefix of its own.
    same_month = session("2026-11-30-team-de-linde-visie-leren-ontwikkelen", SECOND, FakeClock()).state
    merged = merge(plan, same_month)
    assert merged.added == ("DL-2611b-a1",) and dict(merged.ids) == {"a1": "DL-2611b-a1"}
    assert merge(merged.text, same_month).ids == merged.ids  # stable: the plan remembers the prefix
    for table in mdcheck.tables(merged.text)[:3]:
        ids = [row[0] for row in table[1:]]
        assert len(ids) == len(set(ids)) and all(len(i) <= 12 for i in ids)


def test_a_plan_with_the_old_long_ids_keeps_them_and_is_not_given_the_actions_twice():
    state = first_state()
    # A plan as the tool wrote it before short ids (long ids, no memory comment).
    short = merge_plan(None, state).split("<!-- workshop-geheugen")[0].rstrip() + "\n"
    legacy = "\n".join(LONG.sub(rf"\g<1>{S1}\g<3>", line) for line in short.split("\n"))
    long_ids = [f"{S1}-a1", f"{S1}-a2"]
    assert [r.id for r in plan_rows(legacy)] == long_ids
    merged = merge(legacy, state)
    assert merged.added == () and [r.id for r in plan_rows(merged.text)] == long_ids
    assert dict(merged.ids) == {"a1": long_ids[0], "a2": long_ids[1]}
    # A new session next to it gets short ids; the old rows stay as they are, line for line.
    newer = merge(merged.text, second_state())
    assert newer.added == ("DL-2701-a1",)
    assert all(line in newer.text.split("\n") for line in legacy.split("\n") if line.startswith("| 2026"))


def test_a_deleted_action_in_an_old_plan_without_memory_is_not_added_again():
    state = first_state()
    short = merge_plan(None, state).split("<!-- workshop-geheugen")[0].rstrip() + "\n"
    legacy = "\n".join(LONG.sub(rf"\g<1>{S1}\g<3>", line) for line in short.split("\n"))
    edited = without_row(legacy, f"{S1}-a2")
    merged = merge(edited, state)
    # The session's mark in Plan says it was merged before: what is missing now was taken out on purpose.
    assert merged.deleted == ("2026-11-23-team-de-linde-visie-leren-ontwikkelen-a2",)
    assert f"{S1}-a2" not in {r.id for r in plan_rows(merged.text)}


def test_after_a_word_round_trip_a_session_whose_rows_were_all_deleted_never_takes_another_sessions_ids():
    """Re-trial: the memory comment gone and every row of a later session of the same month deleted, its mark in
    Plan alone made the first session's prefix (whose ids have the same action numbers) look like its own: the
    memory then said it put in DL-2611-a1, and its summary named that other action."""
    first = first_state()
    later = session("2026-11-30-team-de-linde-visie-leren-ontwikkelen", SECOND, FakeClock()).state
    plan = merge_plan(merge_plan(None, first), later)
    assert "DL-2611b-a1" in {r.id for r in plan_rows(plan)}
    by_hand = without_row(without_row(plan, "DL-2611b-a1"), "DL-2611-a2")  # the first session keeps only its a1
    no_memory = re.sub(r"\n?<!-- workshop-geheugen.*?-->\n?", "\n", by_hand, flags=re.S)
    merged = merge(no_memory, later)
    assert dict(merged.ids)["a1"] != "DL-2611-a1" and merged.added == ()
    assert f"sessie {later.meta.id} DL-2611:" not in merged.text
    assert {r.id for r in plan_rows(merged.text)} == {"DL-2611-a1"}
