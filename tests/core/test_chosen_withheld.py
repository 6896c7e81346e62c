"""Trial: a vote of one person was withheld (fewer than min_group) and the plan and summary said "Geen keuzes
vastgelegd." as if the group had not voted. The record says the vote's result was withheld, and which ratings kept
their counts back, without saying what anyone chose."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.tui.test_small_groups import small_session
from workshop.core.export import session_summary
from workshop.core.results import chosen_items


def test_a_withheld_vote_and_withheld_ratings_are_named_among_the_choices(tmp_path):
    _, service = small_session(tmp_path, FakeClock())
    assert chosen_items(service.state) == []  # nothing happened yet: nothing to say
    service.go_to("kiezen")
    service.open_voting()
    items = [item.id for item in service.vote_items()]
    person = service.join()
    service.cast_vote(items[0], voter=person.id)
    service.go_to("kleuren")
    service.rate(0, "rood", voter=person.id, via="participant")
    service.rate(1, "rood", voter=person.id, via="participant")
    chosen = chosen_items(service.state)
    assert chosen == [
        "Kiezen: te weinig stemmers om de uitslag te tonen",
        "Kleuren: bij 2 stellingen te weinig antwoorden om te tonen",
    ]
    assert not any("Rooster" in line for line in chosen)  # the item chosen is not told
    summary = session_summary(service.state)
    assert "Geen keuzes vastgelegd" not in summary and "- Kiezen: te weinig stemmers" in summary
