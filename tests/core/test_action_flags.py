"""The privacy guard's verdict on an action, field by field (what the action dialog shows while typing), is the
verdict the stored action gets: one rule, in the core."""

from __future__ import annotations

from datetime import date

from tests.conftest import SCRIPTS, FakeClock
from workshop.core import privacy
from workshop.core.redaction import action_flags
from workshop.core.script import load_script
from workshop.workspace import Workspace

TODAY = date(2026, 11, 23)


def test_each_text_field_gets_its_own_kinds_and_clean_fields_are_left_out():
    privacy.warm_up().result()
    found = action_flags(
        {"what": "Bel de dochter op 06-12345678", "owner": "teamleider", "due": "15-12-2026", "why": "Meer rust"},
        today=TODAY,
    )
    assert found == {"what": ("phone",)}


def test_without_waiting_it_never_blocks_and_a_date_field_is_not_scanned():
    found = action_flags({"what": "Plan leertijd", "due": "06-12345678"}, today=TODAY, wait=False)
    assert set(found) <= {"what"}  # "due" is no text field; "what" at most pending while the lists load
    assert all(kinds in ((), ("pending",)) for kinds in found.values())


def test_the_stored_action_has_the_kinds_of_its_fields_together(tmp_path):
    privacy.warm_up().result()
    service = Workspace(tmp_path).new_session(
        load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=FakeClock()
    )
    service.go_to("eerste-stappen")
    fields = {"what": "Mail j.jansen@gmail.com", "owner": "teamleider", "why": "Bel 06-12345678"}
    action = service.add_action(fields["what"], owner=fields["owner"], due="2026-12-15", why=fields["why"])
    per_field = action_flags(fields, today=service.today())
    assert per_field == {"what": ("email",), "why": ("phone",)}
    assert set(action.privacy) == {"email", "phone"}
