"""Mistakes from a user trial of the script format: each is named on its own line, in plain words."""

from __future__ import annotations

import pytest

from workshop.core.errors import ScriptErrors
from workshop.core.script import parse_script, script_warnings

MINIMAL = "---\nid: t\ntitle: T\n---\n\n## Stap\n- kind: collect\n- minutes: 5\n\nVraag?\n"
SECOND = "\n## Kies\n- kind: vote\n- on: stap\n- minutes: 3\n\nKies.\n"


def errors(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    return [(e.line, e.text("nl")) for e in err.value.errors]


def test_a_heading_without_a_space_after_the_hashes_is_named_not_merged() -> None:
    text = MINIMAL + SECOND.replace("## Kies", "##Wat pakken we eerst aan?")
    assert errors(text) == [
        (
            12,
            "x.md:12: '##Wat pakken we eerst aan?' lijkt een stapkop zonder spatie na ## "
            "— schrijf '## Wat pakken we eerst aan?'",
        )
    ]
    assert "(did you mean" not in parse_error_en(text)


def parse_error_en(text: str) -> str:
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    return err.value.text("en")


def test_hashes_in_a_code_block_are_not_a_heading() -> None:
    script = parse_script(MINIMAL.replace("Vraag?", "Vraag?\n\n```\n##niet-een-kop\n```"), "x.md")
    assert "##niet-een-kop" in script.steps[0].prompt


def test_settings_lines_inside_a_prompt_are_named() -> None:
    text = MINIMAL.replace("Vraag?", "Vraag?\n\n- kind: vote\n- minutes: 3")
    assert [line for line, _ in errors(text)] == [12, 13]
    assert "'- kind: vote' lijkt een instelling, maar staat in de vraagtekst" in errors(text)[0][1]


def test_a_broken_line_inside_the_settings_is_named_on_its_own_line() -> None:
    text = MINIMAL + SECOND.replace("- on: stap\n", "- on: stap\ndit is een kapotte regel\n")
    assert errors(text) == [
        (
            15,
            "x.md:15: stap \"Kies\": 'dit is een kapotte regel' hoort niet in de lijst instellingen; een instelling "
            "begint met '- naam: waarde' (is het de vraagtekst, zet er dan een lege regel vóór)",
        )
    ]


def test_minutes_that_are_not_a_number_give_one_error() -> None:
    assert errors(MINIMAL.replace("- minutes: 5", "- minutes: drie")) == [
        (8, "x.md:8: stap \"Stap\": minutes moet een heel getal zijn, niet 'drie'")
    ]


def test_an_unclosed_comment_that_swallows_steps_up_to_a_later_comment_is_an_error() -> None:
    text = MINIMAL.replace("Vraag?", "Vraag?\n<!-- nog uitwerken\n") + SECOND.replace("Kies.", "Kies. <!-- klaar -->")
    assert errors(text) == [
        (
            11,
            "x.md:11: commentaar '<!--' wordt pas op regel 19 gesloten en verbergt stap(pen) \"Kies\"; "
            "sluit het commentaar eerder af met '-->'",
        )
    ]


def test_a_comment_that_hides_a_whole_step_is_a_warning() -> None:
    text = MINIMAL.replace("Vraag?", "Vraag?\n<!--\n") + SECOND.replace("Kies.", "Kies. -->")
    script = parse_script(text, "x.md")
    assert [s.title for s in script.steps] == ["Stap"]
    assert [(w.line, w.code) for w in script_warnings(script)] == [(11, "script.comment_hides_steps")]


def test_something_before_the_front_matter_is_named_not_dumped_as_a_step() -> None:
    for before in ("\n", "Concept\n\n"):
        assert errors(before + MINIMAL) == [
            (
                1,
                "x.md:1: er staat iets vóór de eerste '---'; de kop met id en title moet op regel 1 beginnen, "
                "haal de regels erboven weg",
            )
        ]
