"""The script format's additions of issue 15: comments, facilitator notes, category help, step flags, roles,
the minimum group size and the duration warning."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.conftest import FIXTURES as CONFTEST_FIXTURES
from tests.conftest import SCRIPTS
from workshop.core.errors import ScriptErrors
from workshop.core.model import SCALES, Script
from workshop.core.script import load_script, parse_script, script_warnings

FIXTURES = CONFTEST_FIXTURES / "scripts"
ADDITIONS = FIXTURES / "good" / "opmerkingen-en-notities.md"
MINIMAL = "---\nid: t\ntitle: T\n---\n\n## Stap\n- kind: collect\n- minutes: 5\n\nVraag?\n"


def strings(value: object) -> list[str]:
    """Every string anywhere in a parsed script, except its source text and path."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [s for item in value for s in strings(item)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("text", "path") for s in strings(v)]
    return []


# --- comments ----------------------------------------------------------------------------------


def test_no_comment_reaches_any_field_the_room_or_the_facilitator_sees() -> None:
    script = load_script(ADDITIONS)
    assert "GEHEIM" in script.text  # the source keeps them: a session carries the script as written
    seen = strings(dataclasses.asdict(script))
    assert seen and not [s for s in seen if "GEHEIM" in s or "<!--" in s or "-->" in s]
    assert script.title == "Opmerkingen en notities"
    assert script.steps[0].title == "Welkom"
    assert script.steps[0].prompt.splitlines()[0].startswith("**Geen namen")
    assert script.step("stand-per-bouwsteen").statements == ("Bouwsteen 4 – Leren en ontwikkelen",)


def test_comments_keep_line_numbers() -> None:
    text = MINIMAL.replace("- kind: collect", "<!--\neen\ntwee\n-->\n- kind: collect\n- colour: rood")
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    assert [(e.line, e.code) for e in err.value.errors] == [(12, "script.unknown_key")]


@pytest.mark.parametrize(
    "prompt",
    [
        "Vraag? <!-- §2.1 -->",
        "<!-- §2.1 --> Vraag?",
        "<!-- §2.1 -->\nVraag?",
        "Vraag?\n<!--\n§2.1\nmet een lege regel\n\nerin\n-->",
        "Vraag? <!-- a --> <!-- b -->",
    ],
)
def test_a_prompt_never_shows_a_comment(prompt: str) -> None:
    step = parse_script(MINIMAL.replace("Vraag?", prompt), "x.md").steps[0]
    assert step.prompt == "Vraag?"


def test_an_unclosed_comment_is_the_only_error_reported() -> None:
    """After an unclosed `<!--` everything is comment: no later error is reported, nothing leaks."""
    text = MINIMAL.replace("Vraag?", "Vraag? <!-- begin van een opmerking\n\n## Nog een stap\n- kind: vot\n")
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    assert [(e.line, e.code) for e in err.value.errors] == [(10, "script.unclosed_comment")]
    assert "comment" in err.value.text("en") and "opmerking" in err.value.text("nl")


# --- notes for the facilitator -----------------------------------------------------------------


def test_notes_are_apart_from_the_prompt() -> None:
    script = load_script(ADDITIONS)
    welcome = script.steps[0]
    assert "We beginnen." in welcome.prompt and "betrokken collega" not in welcome.prompt
    assert welcome.notes == "Vraag vooraf aan de betrokken collega hoe die het gesprek wil."
    aspects = script.step("over-drie-jaar")
    assert aspects.prompt == "Waar willen we over drie jaar staan?"
    assert aspects.notes == "- Kies twee aspecten.\n- Lees de hulpvraag voor."
    assert script.step("wat-gebeurde-er").notes == ""
    # The introduction is for the facilitator too, with its own sub-headings.
    assert script.intro.startswith("Uitleg voor de begeleider.")
    assert "### Voor je begint" in script.intro and "Leg de strategie klaar." in script.intro


@pytest.mark.parametrize(
    "heading",
    ["### Voor de begeleider", "### Voor de gespreksleider", "#### voor de begeleiders:", "### **Voor de begeleider**"],
)
def test_notes_heading_variants(heading: str) -> None:
    step = parse_script(MINIMAL.replace("Vraag?", f"Vraag?\n\n{heading}\n\nAlleen voor mij."), "x.md").steps[0]
    assert (step.prompt, step.notes) == ("Vraag?", "Alleen voor mij.")


def test_other_sub_headings_stay_in_the_prompt() -> None:
    text = MINIMAL.replace("Vraag?", "Vraag?\n\n### Voor de beginner\n\nLees eerst dit.")
    step = parse_script(text, "x.md").steps[0]
    assert step.prompt == "Vraag?\n\n### Voor de beginner\n\nLees eerst dit." and step.notes == ""


def test_notes_without_a_prompt_is_a_missing_prompt() -> None:
    with pytest.raises(ScriptErrors) as err:
        parse_script(MINIMAL.replace("Vraag?", "### Voor de begeleider\n\nAlleen voor mij."), "x.md")
    assert [e.code for e in err.value.errors] == ["script.missing_prompt"]


# --- categories with help ----------------------------------------------------------------------


def test_categories_carry_help_texts() -> None:
    step = load_script(ADDITIONS).step("over-drie-jaar")
    assert step.categories == ("Zeggenschap", "Leermethoden", "Borging")  # names, as every caller expects
    assert step.category_help == (
        ("Zeggenschap", "Hoe praten cliënten en naasten mee over wat we leren?"),
        ("Leermethoden", "Hoe leren we het liefst: online, in de praktijk of van elkaar?"),
    )
    assert step.help_for("Leermethoden").endswith("of van elkaar?")  # a colon inside the help text is kept
    assert step.help_for("Borging") == "" and step.help_for("Onbekend") == ""
    assert step.pick == 2


def test_one_line_categories_may_carry_help_too() -> None:
    text = MINIMAL.replace("- minutes: 5", "- minutes: 5\n- categories: Tijd: is er tijd?, Geld")
    step = parse_script(text, "x.md").steps[0]
    assert step.categories == ("Tijd", "Geld") and step.category_help == (("Tijd", "is er tijd?"),)


# --- step flags --------------------------------------------------------------------------------


def test_step_flags_and_their_defaults() -> None:
    script = load_script(ADDITIONS)
    story = script.step("wat-gebeurde-er")
    assert story.export is False and story.anonymous is False
    assert all(s.export for s in script.steps if s.id != story.id)
    assert all(s.anonymous for s in script.steps if s.id != story.id)
    # A review of acties is skipped when the team has no open actions, unless the script says otherwise.
    assert script.step("open-acties").skip_when_empty is True
    assert script.step("rood-of-oneens").skip_when_empty is True  # set explicitly
    everything = load_script(FIXTURES / "good" / "alle-soorten.md")
    assert everything.step("terugblik-op-acties").skip_when_empty is True
    assert everything.step("rood-of-oneens").skip_when_empty is False  # a review of a rate step: default nee
    kept = MINIMAL.replace("- kind: collect", "- kind: review\n- of: acties\n- skip_when_empty: nee")
    assert parse_script(kept, "x.md").steps[0].skip_when_empty is False


@pytest.mark.parametrize("kind", ["collect", "round", "close", "review"])
def test_cards_may_be_named_and_kept_private_in_every_card_step(kind: str) -> None:
    text = MINIMAL.replace("- kind: collect", f"- kind: {kind}\n- anonymous: nee\n- export: nee")
    step = parse_script(text, "x.md").steps[0]
    assert (step.anonymous, step.export) == (False, False)


@pytest.mark.parametrize("kind", ["explain", "group", "vote", "rate", "actions"])
def test_named_answers_are_refused_where_there_are_no_cards(kind: str) -> None:
    extra = {"vote": "\n- options: A, B", "rate": "\n- statements: A", "group": "\n- themes: A"}.get(kind, "")
    before = "## Eerst\n- kind: collect\n- minutes: 1\n\nIets?\n\n" if kind == "group" else ""
    text = MINIMAL.replace("## Stap\n- kind: collect", f"{before}## Stap\n- kind: {kind}{extra}\n- anonymous: nee")
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    assert [e.code for e in err.value.errors] == ["script.named_not_for_kind"]
    # Saying it is anonymous is always allowed: that is the default.
    assert parse_script(text.replace("anonymous: nee", "anonymous: ja"), "x.md").steps[-1].anonymous


def test_bouwsteen_scale() -> None:
    step = load_script(ADDITIONS).step("stand-per-bouwsteen")
    assert step.scale == "bouwsteen" and step.scale_spec is SCALES["bouwsteen"]
    # Same values as the traffic light, so colours, tallies and "red" work alike; labels fit a building block.
    assert SCALES["bouwsteen"].values == SCALES["verkeerslicht"].values
    assert SCALES["bouwsteen"].labels != SCALES["verkeerslicht"].labels
    alias = MINIMAL.replace("- kind: collect", "- kind: rate\n- scale: bouwstenen\n- statements: A")
    assert parse_script(alias, "x.md").steps[0].scale == "bouwsteen"


# --- roles and minimum group -------------------------------------------------------------------


def test_roles_and_min_group() -> None:
    script = load_script(ADDITIONS)
    assert script.roles == ("medewerker", "leidinggevende", "mantelzorger of naaste", "cliënt(enraad)", "vrijwilliger")
    assert script.min_group == 4
    plain = parse_script(MINIMAL, "x.md")
    assert (plain.roles, plain.min_group) == ((), 3)


# --- the duration warning ----------------------------------------------------------------------


def test_duration_that_disagrees_with_the_steps_is_a_warning_not_an_error() -> None:
    path = FIXTURES / "warning" / "duration-mismatch.md"
    script = parse_script(path.read_text(encoding="utf-8"), path.name)  # parses: not an error
    [warning] = script_warnings(script)
    assert (warning.path, warning.line, warning.code) == (path.name, 5, "script.duration_mismatch")
    assert warning.text("en") == (
        "duration-mismatch.md:5: duration is 15 minutes, but the steps add up to 13 minutes; "
        "change duration or the steps' minutes"
    )
    assert warning.text("nl").startswith("duration-mismatch.md:5: duration is 15 minuten")


def test_no_warning_when_duration_matches_or_is_left_out() -> None:
    assert script_warnings(parse_script(MINIMAL, "x.md")) == []
    assert script_warnings(parse_script(MINIMAL.replace("title: T\n", "title: T\nduration: 5\n"), "x.md")) == []
    commented = MINIMAL.replace("title: T\n", "title: T\n<!-- duration: 9 -->\n")
    assert script_warnings(parse_script(commented, "x.md")) == []


@pytest.mark.parametrize("path", sorted(SCRIPTS.glob("*.md")), ids=lambda p: p.stem)
def test_shipped_scripts_have_no_warnings(path: Path) -> None:
    script: Script = load_script(path)
    assert script_warnings(script) == []
    assert script.duration == sum(s.minutes for s in script.steps)


def test_a_one_to_five_question_that_does_not_say_what_1_means_is_a_warning() -> None:
    """A trial's own script asked for 1 to 5 without saying which end is good: the phones showed only the buttons,
    and the results read 1-2 as "aandacht". `workshop check` says so, with the step's line; it still parses."""
    rate = "- kind: rate\n- scale: 1-5\n- statements: Fouten bespreken voelt veilig."
    text = MINIMAL.replace("- kind: collect", rate)
    script = parse_script(text, "eigen.md")
    [warning] = [w for w in script_warnings(script) if w.code == "script.scale_anchors"]
    step = next(s for s in script.steps if s.scale_spec is not None)
    assert warning.line == step.line
    assert warning.text("nl") == (
        f"eigen.md:{step.line}: stap '{step.title}' vraagt een cijfer van 1 tot 5, maar zegt niet wat 1 en 5 "
        "betekenen; zet het in de tekst, bijvoorbeeld (1 = helemaal niet, 5 = helemaal wel)"
    )
    for told in ("(1 = helemaal niet, 5 = helemaal wel)", "Kies 1 (niet veilig) tot 5 (heel veilig)."):
        anchored = parse_script(text.replace("Fouten bespreken voelt veilig.", f"Voelt het veilig? {told}"), "eigen.md")
        assert not [w for w in script_warnings(anchored) if w.code == "script.scale_anchors"], told
