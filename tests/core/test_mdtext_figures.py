"""Figures in generated Markdown read right both as Markdown and as plain text (tester: "\\-0,3" showed its backslash
when the kwaliteitsbeeld chapter was pasted into Word). Only what really starts a block is escaped at a line's start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core import mdcheck
from tests.hypo import scaled
from workshop.core.mdtext import escape

FIGURES = ["-0,3", "+4", "+1,5", "-12", "8.1", "2025.5", "-", "3)x", "-x", "=5"]
BLOCKS = ["- lijst", "+ lijst", "-", "+", "---", "--", "- - -", "1. lijst", "12) lijst", "1.", "===", "> citaat", ">x"]


@pytest.mark.parametrize("figure", [f for f in FIGURES if f != "-"])
def test_a_figure_is_written_as_it_is(figure):
    assert escape(figure) == figure


@pytest.mark.parametrize("text", FIGURES + BLOCKS)
@pytest.mark.parametrize("where", ["- {}\n", "{}\n", "Vorige regel\n{}\n", "| A | B |\n| --- | --- |\n| {} | x |\n"])
def test_what_is_written_reads_back_as_itself_in_a_list_a_paragraph_and_a_table(text, where):
    md = where.format(escape(text))
    tokens = mdcheck.PARSER.parse(md)
    read = " ".join(mdcheck.plain(t) for t in tokens if t.type == "inline")
    assert " ".join(text.split()) in read
    # Nothing turned into a block of its own: no list in a list, no heading, no quote, no rule.
    kinds = {t.type for t in tokens}
    expected_lists = 1 if where.startswith("- ") else 0
    assert sum(1 for t in tokens if t.type == "bullet_list_open") == expected_lists
    assert not kinds & {"ordered_list_open", "heading_open", "blockquote_open", "hr"}


@settings(max_examples=scaled(300), deadline=None)
@given(st.text(alphabet="-+=>.)0123456789, x\t", max_size=12))
def test_any_such_text_stays_one_list_item_of_its_own_text(text):
    tokens = mdcheck.PARSER.parse(f"- {escape(text)}\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert [t.type for t in tokens if t.level == 0] == ["bullet_list_open", "bullet_list_close"]
    assert len(inline) <= 1
    assert (mdcheck.plain(inline[0]) if inline else "") == " ".join(text.split())
