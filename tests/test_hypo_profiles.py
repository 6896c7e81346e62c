"""The fast tier tries fewer hypothesis examples, the full run all of them, chosen by the run's mark expression."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.hypo import profile_for, scaled


@pytest.fixture
def profile() -> Iterator[None]:
    before = settings.get_current_profile_name()
    yield
    settings.load_profile(before)


def test_leaving_out_the_slow_tests_chooses_the_fast_profile():
    assert profile_for("not slow") == profile_for("web and not  slow") == "fast"
    assert profile_for("") == profile_for("slow") == profile_for("web") == "full"


def test_the_full_profile_keeps_every_count_and_the_fast_one_takes_a_fifth(profile):
    settings.load_profile("full")
    assert [scaled(n) for n in (5, 25, 300)] == [5, 25, 300]
    settings.load_profile("fast")
    assert [scaled(n) for n in (5, 25, 300)] == [5, 10, 60]  # never fewer than 10, unless asked for fewer


def test_this_run_uses_the_profile_its_mark_expression_chooses(request):
    chosen = request.config.getoption("--hypothesis-profile") or profile_for(request.config.getoption("markexpr"))
    assert settings.get_current_profile_name() == chosen
