"""Tests for the script parser: good fixtures and every broken fixture's message.

The shipped scripts' content: test_shipped_scripts.py; the format of issue 15: test_script_format.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop.core.errors import ScriptErrors
from workshop.core.model import STEP_KINDS
from workshop.core.script import load_script, parse_script, slugify

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "workshop" / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scripts"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"

KINDS = ", ".join(STEP_KINDS)


def errors_of(path: Path) -> ScriptErrors:
    """Parse a fixture under its bare file name, so messages read `name.md:LINE: ...`."""
    with pytest.raises(ScriptErrors) as info:
        parse_script(path.read_text(encoding="utf-8"), path.name)
    return info.value


# --- good fixtures -----------------------------------------------------------------------------


def test_every_kind_and_key() -> None:
    script = load_script(GOOD / "alle-soorten.md")
    assert {s.kind for s in script.steps} == set(STEP_KINDS)
    assert script.duration == 45 == sum(s.minutes for s in script.steps)
    steps = {s.id: s for s in script.steps}
    assert steps["hoe-gaat-het"].scale == "verkeerslicht" and not steps["hoe-gaat-het"].anonymous
    assert steps["ideeen"].categories == ("Cliënten", "Naasten", "Team") and steps["ideeen"].pick == 2
    assert steps["ideeen"].format == "1-2-4-All"
    assert steps["zorgen"].categories == ("Tijd", "Geld", "Mensen")  # comma-separated list
    # References by id ("ideeen") and by title ("Zorgen"), comma separated, resolve to ids.
    assert steps["groeperen"].source == ("ideeen", "zorgen")
    assert steps["groeperen"].themes == ("Rooster", "Overleg")
    assert steps["kiezen-op-thema"].on == "groeperen"
    assert (steps["kiezen-op-thema"].dots, steps["kiezen-op-thema"].max_per_item) == (4, 2)
    assert steps["kiezen-uit-een-lijst"].options == ("Maandag", "Donderdag")
    assert steps["kiezen-uit-een-lijst"].on is None and steps["kiezen-uit-een-lijst"].dots == 3
    assert steps["stellingen"].scale == "1-5" and len(steps["stellingen"].statements) == 2
    assert steps["terugblik-op-acties"].of == "acties"
    assert steps["rood-of-oneens"].of == "stellingen"  # title written in lower case
    assert steps["hoe-veilig-voelde-dit"].rated_statements == ("Hoe veilig voelde dit?",)


def test_minimal_script_defaults() -> None:
    script = load_script(GOOD / "minimaal.md")
    assert (script.id, script.title, script.language, script.duration) == ("minimaal", "Minimaal", "nl", 5)
    assert script.intro == "" and script.steps[0].prompt == "Hoe zit je erbij?"


def test_group_defaults_to_collect_steps_since_previous_group() -> None:
    text = (GOOD / "alle-soorten.md").read_text(encoding="utf-8").replace("- source: ideeen, Zorgen\n", "")
    script = parse_script(text, "alle-soorten.md")
    assert script.step("groeperen").source == ("ideeen", "zorgen")


def test_parse_script_default_path() -> None:
    with pytest.raises(ScriptErrors) as info:
        parse_script("## Stap\n- kind: explain\n- minutes: 1\n\nHallo.\n")
    assert info.value.text("en").startswith("<script>:1: the script does not start with front matter")


# --- broken fixtures ---------------------------------------------------------------------------

# file, line, code, the gist of the English message
BROKEN_CASES = [
    ("unknown-kind.md", 14, "script.unknown_kind", f'step "Stemmen" has kind "vot"; expected one of: {KINDS}'),
    (
        "unknown-key.md",
        9,
        "script.unknown_key",
        "step \"Verzamelen\": unknown key 'minuten'; expected one of: kind, minutes",
    ),
    ("key-not-for-kind.md", 9, "script.key_not_for_kind", "'dots' does not apply to a step of kind 'collect'"),
    ("missing-prompt.md", 7, "script.missing_prompt", 'step "Verzamelen" has no prompt'),
    ("missing-minutes.md", 7, "script.missing_minutes", 'step "Verzamelen" has no timebox'),
    ("negative-minutes.md", 9, "script.too_small", "minutes is -5; it must be at least 0"),
    (
        "vote-unknown-step.md",
        16,
        "script.unknown_ref",
        'step "Stemmen" refers to "Ideeën", but no earlier step has that title or id; possible: "verzamelen"',
    ),
    (
        "vote-later-step.md",
        10,
        "script.unknown_ref",
        'step "Stemmen" refers to "Verzamelen", but no earlier step has that title or id',
    ),
    ("vote-on-and-options.md", 13, "script.vote_target", "'- on: <earlier step>' or a list '- options:' (not both)"),
    ("vote-without-target.md", 7, "script.vote_target", 'step "Stemmen" must say what is voted on'),
    (
        "vote-wrong-kind.md",
        18,
        "script.ref_wrong_kind",
        "refers to \"Stellingen\", which is a step of kind 'rate'; refer to a step of kind: collect, round",
    ),
    ("max-per-item-over-dots.md", 12, "script.max_over_budget", "max_per_item (4) is larger than the dot budget (2)"),
    (
        "rate-without-statements.md",
        7,
        "script.rate_without_statements",
        'step "Stellingen" is a rate step without statements',
    ),
    ("unknown-scale.md", 10, "script.unknown_scale", "unknown scale 'stoplicht'; expected one of: verkeerslicht, 1-5"),
    (
        "duplicate-step-id.md",
        13,
        "script.duplicate_step_id",
        "step \"Verzamelen\" has id 'verzamelen', like the step on line 7",
    ),
    ("missing-id.md", 1, "script.missing_front_key", "the front matter lacks 'id:'"),
    (
        "unknown-front-key.md",
        5,
        "script.unknown_front_key",
        "unknown key 'author' in the front matter; expected one of: id, title, duration",
    ),
    (
        "param-not-key-value.md",
        9,
        "script.param_not_key_value",
        "'vijf minuten' is not a parameter; write '- key: value'",
    ),
    ("pick-too-many.md", 9, "script.pick_too_many", "pick is 3, but there are only 2 categories"),
    (
        "review-of-wrong-kind.md",
        16,
        "script.ref_wrong_kind",
        "which is a step of kind 'collect'; refer to a step of kind: rate",
    ),
    # --- the format additions of issue 15 ---
    ("unclosed-comment.md", 9, "script.unclosed_comment", "a comment ('<!--') starts here and is never closed"),
    (
        "notes-heading-typo.md",
        13,
        "script.notes_heading_typo",
        "the heading 'Voor de begleider' looks like the heading for the facilitator's notes but is spelt "
        'differently; the group would now see what is under it (did you mean "### Voor de begeleider"?)',
    ),
    (
        "named-scores.md",
        10,
        "script.named_not_for_kind",
        "'anonymous: nee' does not apply to a step of kind 'rate'; scores and dots are always anonymous",
    ),
    (
        "category-help-empty.md",
        12,
        "script.category_help_empty",
        "category 'Zeggenschap:' has a colon but no name or help text; write 'Name: help'",
    ),
    ("duplicate-category.md", 13, "script.duplicate_category", "step \"Zorgen\": category 'tijd' is given twice"),
    (
        "vote-on-private.md",
        17,
        "script.vote_on_private",
        'step "Stemmen" votes on the cards of "Wat gebeurde er?", which stay out of the summary (\'export: nee\')',
    ),
    ("export-not-for-kind.md", 10, "script.key_not_for_kind", "'export' does not apply to a step of kind 'rate'"),
    ("export-bad-value.md", 10, "script.bad_bool", "'export' must be 'yes' or 'no', not 'misschien'"),
    (
        "skip-when-empty-not-review.md",
        10,
        "script.key_not_for_kind",
        "'skip_when_empty' does not apply to a step of kind 'collect'",
    ),
    ("front-key-typo.md", 5, "script.unknown_front_key", "unknown key 'role' in the front matter"),
    ("duplicate-role.md", 5, "script.duplicate_role", "role 'Medewerker' is given twice in 'roles'"),
    ("too-few-roles.md", 5, "script.too_few_roles", "'roles: medewerker' needs at least two roles"),
    ("min-group-too-small.md", 5, "script.front_too_small", "min_group is 1; it must be at least 2"),
    ("scale-typo.md", 10, "script.unknown_scale", "unknown scale 'bouwstenn'"),
]
# Fixtures whose message ends with a "did you mean" hint.
HINTS = {"front-key-typo.md": "roles", "scale-typo.md": "bouwsteen", "notes-heading-typo.md": "### Voor de begeleider"}


@pytest.mark.parametrize(("name", "line", "code", "gist"), BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_broken_fixture_names_file_line_and_problem(name: str, line: int, code: str, gist: str) -> None:
    errors = errors_of(BROKEN / name)
    assert [(e.line, e.code) for e in errors.errors] == [(line, code)]
    message = errors.text("en")
    assert message.startswith(f"{name}:{line}: ")
    assert gist in message
    # The Dutch text names the same place.
    assert errors.text("nl").startswith(f"{name}:{line}: ")
    if name in HINTS:
        assert message.endswith(f'(did you mean "{HINTS[name]}"?)')
        assert errors.text("nl").endswith(f'(bedoel je "{HINTS[name]}"?)')


def test_every_broken_fixture_has_a_case() -> None:
    covered = {case[0] for case in BROKEN_CASES} | {"no-front-matter.md", "not-utf8.md", "many-errors.md"}
    assert {p.name for p in BROKEN.glob("*.md")} == covered


def test_no_front_matter() -> None:
    errors = errors_of(BROKEN / "no-front-matter.md")
    # The `# Kapot` heading supplies the title, but nothing supplies the id.
    assert [(e.line, e.code) for e in errors.errors] == [(1, "script.no_front_matter"), (1, "script.missing_front_key")]
    lines = errors.text("en").splitlines()
    assert lines[0].startswith("no-front-matter.md:1: the script does not start with front matter between '---' lines")
    assert (
        lines[1] == "no-front-matter.md:1: the front matter lacks 'id:'; add a line 'id: ...' between the '---' lines"
    )


def test_not_utf8_file() -> None:
    path = BROKEN / "not-utf8.md"
    with pytest.raises(UnicodeDecodeError):  # guard: the fixture must stay Latin-1
        path.read_bytes().decode("utf-8")
    with pytest.raises(ScriptErrors) as info:
        load_script(path)
    [error] = info.value.errors
    assert error.code == "script.not_utf8"
    assert info.value.text("en").startswith(f"{path}: cannot read the file as text (UTF-8): ")


def test_missing_file() -> None:
    path = BROKEN / "does-not-exist.md"
    with pytest.raises(ScriptErrors) as info:
        load_script(path)
    assert info.value.errors[0].code == "script.not_found"
    assert info.value.text("en") == f"{path}: this file does not exist; check the name and the folder"


def test_all_errors_in_one_file_are_reported() -> None:
    errors = errors_of(BROKEN / "many-errors.md")
    assert sorted((e.line, e.code) for e in errors.errors) == [
        (5, "script.unknown_front_key"),
        (9, "script.unknown_kind"),
        (14, "script.missing_minutes"),
        (16, "script.unknown_scale"),
        (23, "script.unknown_ref"),
        (24, "script.max_over_budget"),  # 5 dots on one item, against the default budget of 3
    ]
    assert len(errors.text("en").splitlines()) == 6
    assert all(line.startswith("many-errors.md:") for line in errors.text("en").splitlines())
    assert errors.params == {"count": 6}


# --- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Thema's maken", "themas-maken"),
        ("Ideeën voor de toekomst", "ideeen-voor-de-toekomst"),
        ("Bij ons leren we door…", "bij-ons-leren-we-door"),
        ("???", "stap"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@given(st.text())
def test_slugify_gives_valid_ids(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slugify(slug) == slug


def test_readme_example() -> None:
    """The complete example in README.md, "Writing a script", parses and is the same as this fixture."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### A complete example", 1)[1].split("```markdown\n", 1)[1].split("\n```", 1)[0]
    assert example.strip() == (GOOD / "howto-voorbeeld.md").read_text(encoding="utf-8").strip()
    script = parse_script(example, "README.md")
    assert [s.kind for s in script.steps] == ["explain", "review", "collect", "vote", "rate", "actions"]
    assert script.duration == 20 == sum(s.minutes for s in script.steps)
    assert script.step("wat-pakken-we-aan").on == "wat-loopt-er-stroef"
    assert script.step("leren-en-veilig-werken").scale == "verkeerslicht"
    # The format additions it shows: a comment, category help, notes for the facilitator, the review first.
    assert "<!--" not in script.intro and script.intro == "Voor de begeleider: zet de open acties van het team klaar."
    stroef = script.step("wat-loopt-er-stroef")
    assert stroef.categories == ("Rooster", "Overdracht", "Samenwerken met naasten")
    assert stroef.help_for("Rooster") == "Diensten, vervanging en pauzes." and stroef.help_for("Overdracht") == ""
    assert stroef.prompt == "Wat loopt er deze maand stroef? Eén punt per kaartje."
    assert stroef.notes == "Lees bij elke categorie de uitleg voor."
    assert script.steps[1].of == "acties" and script.steps[1].skip_when_empty
    # The README's category example parses as it says.
    block = readme.split("**Categories with help**", 1)[1].split("```markdown\n", 1)[1].split("\n```", 1)[0]
    text = "---\nid: t\ntitle: T\n---\n\n## S\n- kind: collect\n- minutes: 1\n" + block + "\n\nVraag?\n"
    assert parse_script(text, "README.md").steps[0].categories == ("Zeggenschap", "Leermethoden", "Borging")


MINIMAL = "---\nid: t\ntitle: T\n---\n\n## Stap\n- kind: collect\n- minutes: 5\n\nVraag?\n"


def test_byte_order_mark_from_windows_editors_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff".encode() + MINIMAL.encode())
    assert load_script(path).steps[0].kind == "collect"


def test_unknown_kind_suggests_the_closest_one() -> None:
    with pytest.raises(ScriptErrors) as err:
        parse_script(MINIMAL.replace("kind: collect", "kind: colect"), "x.md")
    assert err.value.text("en") == (
        f'x.md:7: step "Stap" has kind "colect"; expected one of: {KINDS} (did you mean "collect"?)'
    )
    assert '(bedoel je "collect"?)' in err.value.text("nl")


def test_missing_blank_line_before_the_prompt_is_named() -> None:
    with pytest.raises(ScriptErrors) as err:
        parse_script(MINIMAL.replace("- minutes: 5\n\n", "- minutes: 5\n"), "x.md")
    assert 'x.md:8: step "Stap": put a blank line between the parameter list and the prompt' in err.value.text("en")
    assert "\n" not in err.value.errors[0].text("en")


def test_dashes_in_keys_are_read_as_underscores() -> None:
    text = MINIMAL.replace("- kind: collect", "- kind: vote\n- options:\n  - A\n  - B\n- max-per-item: 1")
    assert parse_script(text, "x.md").steps[0].max_per_item == 1


def test_repeated_front_matter_key_is_an_error() -> None:
    with pytest.raises(ScriptErrors) as err:
        parse_script(MINIMAL.replace("title: T\n", "title: T\ntitle: U\n"), "x.md")
    assert "x.md:4: 'title' is given twice in the front matter (also on line 3)" in err.value.text("en")


def test_errors_come_in_line_order() -> None:
    text = MINIMAL.replace("- minutes: 5", "- minutes: -1\n- colour: rood")
    with pytest.raises(ScriptErrors) as err:
        parse_script(text, "x.md")
    lines = [e.line for e in err.value.errors]
    assert lines == sorted(lines) and len(lines) == 2
    assert 'step "Stap": minutes is -1; it must be at least 0' in err.value.text("en")
