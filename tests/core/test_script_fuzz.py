"""Fuzz the script parser: whatever a facilitator writes, the answer is a script or ScriptErrors with file:line."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hypo import scaled
from workshop.core.errors import ScriptErrors
from workshop.core.model import Script
from workshop.core.script import load_script, parse_script

KEYS = [
    "kind",
    "minutes",
    "id",
    "categories",
    "pick",
    "themes",
    "source",
    "on",
    "options",
    "dots",
    "max_per_item",
    "statements",
    "scale",
    "of",
    "format",
    "anonymous",
    "export",
    "skip_when_empty",
    "tip",
    "",
]
VALUES = [
    "explain",
    "round",
    "collect",
    "group",
    "vote",
    "rate",
    "actions",
    "review",
    "close",
    "vot",
    "3",
    "-1",
    "0",
    "99999999999999999999",
    "ja",
    "nee",
    "verkeerslicht",
    "1-5",
    "acties",
    "Welkom",
    "A, B",
    "",
    "x" * 300,
    "Thema's kiezen",
    "1.5",
    "drie",
    "bouwsteen",
    "Zeggenschap: Hoe praten we mee?",
    "Tijd <!-- §2.2 -->",
    "<!-- open",
    "-->",
]
FRONT_KEYS = [
    "id",
    "title",
    "duration",
    "language",
    "audience",
    "purpose",
    "roles",
    "min_group",
    "onbekend",
    "#",
    "",
]
JUNK = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def scripts(draw) -> str:
    """Markdown that looks like a script, with random mistakes, and now and then plain noise."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=400))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["---", "--- ", "----", " ---"])))
        for _ in range(draw(st.integers(0, 6))):
            key = draw(st.sampled_from(FRONT_KEYS))
            lines.append(
                f"{key}: {draw(st.one_of(st.sampled_from(['test-1', 'Titel', '20', 'nl', '-5', 'A B']), JUNK))}"
                if draw(st.integers(0, 5))
                else draw(JUNK)
            )
        if draw(st.integers(0, 5)):
            lines.append("---")
    if draw(st.booleans()):
        lines += [f"# {draw(JUNK)}", "", draw(JUNK)]
    for _ in range(draw(st.integers(0, 6))):
        lines.append(
            draw(st.sampled_from(["## ", "##", "### ", "## Stap ", "### Voor de begeleider", "<!-- "])) + draw(JUNK)
        )
        for _ in range(draw(st.integers(0, 6))):
            if draw(st.integers(0, 4)) == 0:
                lines.append(draw(st.sampled_from(["  - ", "- ", "1. ", "  1. "])) + draw(JUNK))
            else:
                lines.append(f"- {draw(st.sampled_from(KEYS))}: {draw(st.one_of(st.sampled_from(VALUES), JUNK))}")
        if draw(st.booleans()):
            lines.append("")
        lines += [draw(JUNK) for _ in range(draw(st.integers(0, 3)))]
    separator = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return separator.join(lines)


def check_errors(errors: ScriptErrors, path: str, *, file_level: tuple[str, ...] = ()) -> None:
    assert errors.errors, "ScriptErrors without any error"
    for error in errors.errors:
        assert error.path == path
        assert error.line >= 1 or error.code in file_level, (error.code, error.line)
        text = error.text("nl")
        assert text.startswith(f"{path}:{error.line}: " if error.line else f"{path}: ")
        assert error.text("en")  # every code has both wordings


@pytest.mark.slow  # 300 generated scripts
@settings(max_examples=scaled(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts())
def test_the_parser_answers_every_text_with_a_script_or_file_line_errors(text: str) -> None:
    try:
        script = parse_script(text, "fuzz.md")
    except ScriptErrors as errors:
        check_errors(errors, "fuzz.md")
        return
    assert isinstance(script, Script) and script.steps
    # Whatever was written, no comment reaches a title, prompt, note or list item.
    seen = [str(v) for step in script.steps for v in astuple(step)] + [script.title, script.intro]
    assert not [t for t in seen if "<!--" in t]


@settings(max_examples=scaled(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | scripts().map(lambda t: t.encode("utf-8")))
def test_loading_any_bytes_gives_a_script_or_errors(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.md"
    path.write_bytes(raw)
    try:
        load_script(path)
    except ScriptErrors as errors:
        check_errors(errors, str(path), file_level=("script.unreadable", "script.not_utf8"))
