"""The short join code: readable, stable per token, hard to mistype, compared in constant time."""

from __future__ import annotations

import secrets

from hypothesis import given
from hypothesis import strategies as st

from workshop.core.join_code import (
    ALPHABET,
    LENGTH,
    format_join_code,
    join_code,
    matches_join_code,
    normalise_join_code,
)

TOKEN = "lQPx02dYbvWoAVIgEAMXbg"


def test_the_code_is_six_unambiguous_characters_and_stable():
    code = join_code(TOKEN)
    assert len(code) == LENGTH == 6 and set(code) <= set(ALPHABET)
    assert join_code(TOKEN) == code  # the same session prints and accepts the same code
    assert not set(ALPHABET) & set("0O1IL2Z5S8BGVQ")
    assert join_code("") == ""


def test_codes_of_different_tokens_differ():
    tokens = [secrets.token_urlsafe(16) for _ in range(2000)]
    codes = {join_code(t) for t in tokens}
    assert len(codes) >= 1995  # 22**6 codes: a clash among 2,000 sessions is rare (about 2%)


def test_typed_codes_are_forgiven_case_spaces_and_dashes():
    code = join_code(TOKEN)
    shown = format_join_code(code)
    assert shown == f"{code[:3]} {code[3:]}"
    for typed in (code, shown, code.lower(), f" {code[:3]}-{code[3:]} ", f"{code[:2]}.{code[2:]}"):
        assert normalise_join_code(typed) == code
        assert matches_join_code(TOKEN, typed)


@given(st.text(max_size=12))
def test_nothing_else_matches(typed):
    if normalise_join_code(typed) != join_code(TOKEN):
        assert not matches_join_code(TOKEN, typed)
    assert not matches_join_code("", typed)
