"""The privacy guard in a session: flagged cards and actions, release by the facilitator, redacted exports."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import FIXTURES
from workshop.core import events as ev
from workshop.core.export import session_summary
from workshop.core.ports import MemoryStore
from workshop.core.privacy import notice
from workshop.core.redaction import room_text
from workshop.core.script import load_script
from workshop.core.session import SessionService, state_from_tables

PHONE = "Bel de dochter op 06-12345678 voor het overleg"


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def service(store, clock):
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="Team De Linde", store=store, session_id="s1", clock=clock
    )
    service.advance()  # ideeen: a collect step
    return service


def test_a_flagged_card_is_kept_and_tells_the_sender_why(service):
    phone = service.join()
    card = service.add_contribution(PHONE, author=phone.id, category="A")
    assert card.text == PHONE  # stored as sent: the facilitator must be able to look at it
    assert card.privacy == ("phone",) and not card.released
    assert notice(card.privacy) == (
        "Je bericht bevat mogelijk een telefoonnummer. Laat het nummer weg en gebruik liever 'de bewoner'."
    )


def test_an_ordinary_card_is_not_flagged(service):
    card = service.add_contribution("Vaste leertijd in het rooster, 2 uur per maand", category="A")
    assert card.privacy == () and room_text(card) == card.text


def test_the_room_sees_a_flagged_card_masked_until_it_is_released(service):
    card = service.add_contribution(PHONE, category="A")
    assert "12345678" not in room_text(card) and room_text(card).startswith("Bel de dochter op ••")
    seen = []
    service.subscribe(seen.append)
    released = service.release_card(card.id)
    assert released.released and room_text(released) == PHONE
    assert isinstance(seen[-1], ev.ContributionChanged) and seen[-1].card.released
    assert not service.release_card(card.id, released=False).released


def test_exports_redact_flagged_text_unless_released(service):
    card = service.add_contribution(PHONE, category="A")
    summary = session_summary(service.state)
    assert "12345678" not in summary and "\\[verwijderd: telefoonnummer\\]" in summary
    service.release_card(card.id)
    assert "06-12345678" in session_summary(service.state)


def test_editing_rescans_and_new_personal_data_needs_a_new_release(service):
    card = service.add_contribution(PHONE, category="A")
    service.release_card(card.id)
    same_kind = service.edit_contribution(card.id, "Bel de dochter op 06-87654321")
    assert same_kind.privacy == ("phone",) and same_kind.released
    more = service.edit_contribution(card.id, "Bel mevrouw Jansen op 06-87654321")
    assert more.privacy == ("phone", "name") and not more.released
    clean = service.edit_contribution(card.id, "Bel de dochter")
    assert clean.privacy == () and not clean.released


def test_action_text_is_scanned_and_redacted_in_the_plan_section(service):
    action = service.add_action(
        "Bel mevr. Jansen over het rooster",
        owner="teamleider",
        due="2026-12-01",
        feedback="melder via j.jansen@zorg.nl",
    )
    assert action.privacy == ("email", "name") and not action.released
    summary = session_summary(service.state)
    assert "Jansen" not in summary and "jansen@zorg" not in summary
    assert service.update_action(action.id, indicator="8 van 10").privacy == ("email", "name")
    service.release_action(action.id)
    assert "Jansen" in session_summary(service.state)
    assert service.update_action(action.id, what="Bel mevr. Jansen").released  # nothing new found
    assert not service.update_action(action.id, why="kamer 12 op afdeling Zon").released


def test_flags_survive_the_store_and_old_records_still_load(service, store):
    card = service.add_contribution(PHONE, category="A")
    service.release_card(card.id)
    back = SessionService.resume(store).state
    assert back.contributions[0].privacy == ("phone",) and back.contributions[0].released
    # A session file written before the guard existed has no privacy/released/reviews fields.
    tables = store.read()
    for record in tables["contributions"].values():
        record.pop("privacy"), record.pop("released")
    tables.pop("reviews", None)
    old = state_from_tables(tables)
    assert old.contributions[0].privacy == () and not old.contributions[0].released and old.reviews == ()


def test_flagged_text_is_never_logged(service, caplog):
    caplog.set_level(logging.DEBUG)
    service.add_contribution(PHONE, category="A")
    session_summary(service.state)
    assert "12345678" not in caplog.text


def test_a_theme_name_is_flagged_once_when_named_and_old_themes_are_scanned_when_shown(service, store):
    from workshop.core.redaction import theme_room_name
    from workshop.core.results import vote_items

    service.add_contribution("Valpartijen 's nachts", category="A")
    service.advance()  # the group step
    theme = service.create_theme("Valpartijen mevr. Smit")
    assert theme.privacy == ("name",)
    plain = service.create_theme("Valpartijen Team De Linde")  # the team's own name is fine
    assert plain.privacy == ()
    renamed = service.rename_theme(plain.id, "Bij Henk op kamer 12")
    assert set(renamed.privacy or ()) == {"name", "room"}
    service.advance()  # the vote step on those themes
    items = {i.id: i for i in vote_items(service.state, service.state.step)}
    assert items[theme.id].privacy == theme.privacy and "Smit" not in theme_room_name(theme, service.state)
    # A theme stored before themes were scanned (no privacy field) is scanned when the room is shown it.
    tables = store.read()
    for record in tables["themes"].values():
        record.pop("privacy")
    old = state_from_tables(tables)
    (old_theme, *_) = old.themes
    assert old_theme.privacy is None
    assert "Smit" not in theme_room_name(old_theme, old)
    assert {i.id: i.privacy for i in vote_items(old, old.step)}[old_theme.id] == ("name",)
