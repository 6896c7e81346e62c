"""User walk (360 px phones, 80x24): with two people, every count of the drempelcheck is kept back (min_group 3),
yet the review step, both phones and the summary said as fact that no statement was red. Counts kept back are
unknown, not fine: every surface says there were too few answers to tell (results.focus_withheld)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SCRIPTS
from workshop.core.export import session_summary
from workshop.core.script import load_script
from workshop.web.views import page_view
from workshop.workspace import Workspace


def test_withheld_counts_are_not_reported_as_nothing_red(tmp_path: Path, clock) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="T", clock=clock)
    people = [service.join().id for _ in range(2)]
    step = service.go_to("drempelcheck")
    for n in range(len(step.rated_statements)):
        for person in people:
            service.rate(n, "rood", voter=person)
    service.reveal()
    service.go_to("rood-of-oneens")

    summary = session_summary(service.state)
    assert "Geen stelling kleurde rood" not in summary
    assert "Te weinig antwoorden om te zien welke stellingen rood kleurden" in summary
    assert "minstens 3 nodig" in summary

    (shown,) = service.participant_view(people[0]).results
    assert shown.looking_back and shown.withheld == len(step.rated_statements)
    view = page_view(service, people[0])
    (results,) = view.results
    assert results.withheld and not results.statements
    service.release()
