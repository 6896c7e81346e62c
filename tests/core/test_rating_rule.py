"""The rating rule a kwaliteitsfunctionaris can sign: when "oneens", when "veel ❓", which statements need
attention, in which order; checked by properties over any counts, and shown in the export's legend."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.attention import ANSWERS, SAID, rate_for_attention, summary_notes
from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from tests.hypo import scaled
from workshop.core.export import session_summary
from workshop.core.model import SCALES
from workshop.core.ports import MemoryStore
from workshop.core.rating_rule import (
    DISPUTED_SHARE,
    FOCUS_SHARE,
    MIN_PEOPLE,
    RULE_NL,
    UNKNOWN_SHARE,
    mark_words,
    marks,
    read,
)
from workshop.core.results import focus_order, shown_results
from workshop.core.script import load_script
from workshop.core.session import SessionService

LIGHT = SCALES["verkeerslicht"]
FIVE = SCALES["1-5"]
counts = st.integers(min_value=0, max_value=25)
light = st.fixed_dictionaries({"groen": counts, "oranje": counts, "rood": counts, "onbekend": counts})
five = st.fixed_dictionaries({str(n): counts for n in range(1, 6)})
scales = st.one_of(light.map(lambda c: (LIGHT, c)), five.map(lambda c: (FIVE, c)))
LOW = {"verkeerslicht": "rood", "1-5": "1"}
HIGH = {"verkeerslicht": "groen", "1-5": "5"}
MIDDLE = {"verkeerslicht": "oranje", "1-5": "3"}


def plus(given: dict[str, int], value: str, n: int = 1) -> dict[str, int]:
    return {**given, value: given.get(value, 0) + n}


@settings(max_examples=scaled(400), deadline=None)
@given(scales)
def test_oneens_is_always_an_aandachtspunt_and_every_flag_needs_two_people(case):
    scale, given_counts = case
    reading = read(given_counts, scale)
    assert not reading.disputed or reading.focus
    if reading.focus:
        assert reading.low >= MIN_PEOPLE and reading.low >= FOCUS_SHARE * reading.on_scale
    if reading.disputed:
        assert reading.high >= MIN_PEOPLE and reading.high >= DISPUTED_SHARE * reading.on_scale
    if reading.many_unknown:
        assert reading.unknown >= MIN_PEOPLE and reading.unknown >= UNKNOWN_SHARE * (reading.on_scale + reading.unknown)
    # One person can never make a finding on their own.
    if sum(given_counts.values()) <= 1:
        assert not (reading.focus or reading.disputed or reading.many_unknown)


@settings(max_examples=scaled(400), deadline=None)
@given(scales)
def test_one_more_low_answer_never_takes_a_statement_off_the_list(case):
    scale, given_counts = case
    before = read(given_counts, scale)
    after = read(plus(given_counts, LOW[scale.key]), scale)
    assert after.focus or not before.focus


@settings(max_examples=scaled(400), deadline=None)
@given(scales, st.sampled_from(["high", "middle"]))
def test_one_more_high_or_middle_answer_never_puts_a_statement_on_the_list(case, where):
    scale, given_counts = case
    value = HIGH[scale.key] if where == "high" else MIDDLE[scale.key]
    before = read(given_counts, scale)
    after = read(plus(given_counts, value), scale)
    assert before.focus or not after.focus
    if where == "middle":
        assert before.disputed or not after.disputed  # agreeing in the middle never makes a dispute


@settings(max_examples=scaled(300), deadline=None)
@given(light)
def test_weet_ik_niet_never_counts_for_or_against_a_colour(given_counts):
    before = read(given_counts, LIGHT)
    after = read(plus(given_counts, "onbekend", 3), LIGHT)
    assert (after.focus, after.disputed, after.low_share) == (before.focus, before.disputed, before.low_share)


@settings(max_examples=scaled(300), deadline=None)
@given(light)
def test_oneens_does_not_depend_on_which_end_is_which(given_counts):
    mirrored = {**given_counts, "groen": given_counts["rood"], "rood": given_counts["groen"]}
    both_ends = lambda r: r.low >= MIN_PEOPLE and r.high >= MIN_PEOPLE and min(r.low_share, r.high_share) >= 0.2
    assert both_ends(read(given_counts, LIGHT)) == both_ends(read(mirrored, LIGHT))


@settings(max_examples=scaled(300), deadline=None)
@given(scales, st.integers(min_value=2, max_value=5))
def test_a_bigger_group_answering_alike_keeps_every_finding(case, times):
    scale, given_counts = case
    before = read(given_counts, scale)
    after = read({k: v * times for k, v in given_counts.items()}, scale)
    flags = lambda r: (r.focus, r.disputed, r.many_unknown)
    assert all(now or not then for now, then in zip(flags(after), flags(before), strict=True))


def test_the_cases_from_the_field():
    # 6 🟢 / 4 🟠 / 1 🔴 was "⚠ oneens": one red voice is not a split room, nor an aandachtspunt.
    assert not read({"groen": 6, "oranje": 4, "rood": 1}, LIGHT).disputed
    assert not read({"groen": 6, "oranje": 4, "rood": 1}, LIGHT).focus
    assert read({"groen": 3, "oranje": 2, "rood": 3}, LIGHT).disputed
    assert read({"oranje": 5, "rood": 2}, LIGHT).focus and not read({"oranje": 5, "rood": 2}, LIGHT).disputed
    assert read({"groen": 4, "onbekend": 3}, LIGHT).many_unknown  # 3 of 7 do not know: worth finding out
    assert not read({"groen": 8, "onbekend": 2}, LIGHT).many_unknown  # 2 of 10 is not many
    assert read({"1": 1, "2": 2, "4": 2, "5": 1}, FIVE).disputed  # 1–2 and 4–5 are the ends of a 1–5 scale


def session_with(answers: list[tuple[str, ...]]) -> SessionService:
    script = load_script(FIXTURES / "mini.md")
    service = SessionService.start(script, team="Team X", store=MemoryStore(), session_id="s", clock=FakeClock())
    service.go_to("scores")
    for person in answers:
        voter = service.join().id
        for n, value in enumerate(person):
            service.rate(n, value, voter=voter)
    service.reveal()
    return service


@settings(max_examples=scaled(25), deadline=None)
@given(st.lists(st.tuples(*(st.sampled_from(LIGHT.values),) * 2), min_size=0, max_size=12))
def test_a_real_session_applies_the_same_rule(answers):
    results = session_with(answers).rating_results()
    for n, statement in enumerate(results.statements):
        expected = read(Counter(person[n] for person in answers), LIGHT)
        assert (statement.focus, statement.disputed, statement.many_unknown) == (
            expected.focus,
            expected.disputed,
            expected.many_unknown,
        )
    ordered = focus_order(results.statements)
    assert [s.low_share for s in ordered] == sorted((s.low_share for s in ordered), reverse=True)


def test_the_rule_is_in_the_legend_and_the_flags_in_the_table():
    answers = [("rood", "groen"), ("rood", "onbekend"), ("groen", "onbekend"), ("groen", "groen"), ("oranje", "groen")]
    md = session_summary(session_with(answers).state)
    assert RULE_NL in md
    legend = md[md.index("## Leeswijzer") :]
    for number in (f"minstens {MIN_PEOPLE} mensen", f"{round(FOCUS_SHARE * 100)}%", f"{round(UNKNOWN_SHARE * 100)}%"):
        assert number in legend
    assert "| Eén | 2 | 1 | 2 | 0 | 5 | ⚠ oneens |" in md
    assert "| Twee | 3 | 0 | 0 | 2 | 5 | veel ❓ |" in md
    assert "zie de leeswijzer onderaan" in md


def test_one_rule_says_which_statements_need_attention_and_why_in_words():
    """Red, split or many ❓: the rule's marks (rating_rule.marks) name each, and the summary says them."""
    assert marks(focus=True, disputed=True, many_unknown=True) == ("oneens", "veel_onbekend")
    assert marks(focus=False, disputed=False, many_unknown=False) == ()
    assert mark_words(("aandacht", "veel_onbekend"), "en") == "attention, many ❓"
    script = load_script(SCRIPTS / "mantelzorg-drempelcheck.md")
    service = SessionService.start(script, team="Team X", store=MemoryStore(), session_id="m", clock=FakeClock())
    rate_for_attention(service)
    step = service.state.script.step("drempelcheck")
    results = shown_results(service.state, step, "room")
    said = [mark_words(s.marks) for s in results.statements[: len(ANSWERS)]]
    assert said == list(SAID)
    notes = summary_notes(service.state)
    assert [notes[text] for text in step.rated_statements[: len(ANSWERS)]] == list(SAID)
