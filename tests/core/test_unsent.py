"""Texts not stored, kept (in memory) for the field they are sent from: which page gets one back, and for how long."""

from __future__ import annotations

from workshop.core.unsent import Unsent, UnsentTexts


def test_a_text_goes_back_only_in_its_own_steps_field_while_that_step_asks_for_text():
    kept = UnsentTexts()
    kept.keep("p1", "drempels", "Geen avondzorg", "Tijd")
    assert kept.for_field("p1", "drempels", "text") == Unsent("Geen avondzorg", "Tijd")
    assert kept.for_field("p1", "stemmen", "text") is None  # another step asks something else
    assert kept.for_field("p1", "drempels", "wait") is None  # its step no longer takes text (results shown)
    assert kept.for_field("p2", "drempels", "text") is None  # nobody else's


def test_a_text_is_kept_until_a_card_of_its_step_is_stored_and_the_newest_counts():
    kept = UnsentTexts()
    kept.keep("p1", "drempels", "Eerste")
    kept.keep("p1", "drempels", "Tweede")
    assert kept.for_field("p1", "drempels", "text") == Unsent("Tweede")
    kept.stored("p1", "drempels")
    assert kept.for_field("p1", "drempels", "text") is None
    kept.keep("p1", "drempels", "   ")  # only spaces: nothing to keep
    assert len(kept) == 0


def test_memory_is_bounded_the_oldest_text_goes_first():
    kept = UnsentTexts(limit=2)
    for n in range(3):
        kept.keep(f"p{n}", "drempels", f"tekst {n}")
    assert len(kept) == 2
    assert kept.for_field("p0", "drempels", "text") is None
    assert kept.for_field("p2", "drempels", "text") == Unsent("tekst 2")
