"""The room's board view: which steps show cards, hidden cards left out, flagged ones masked until released."""

from __future__ import annotations

from tests.conftest import SCRIPTS, FakeClock
from workshop.core.room_view import room_cards, room_view, shows_cards
from workshop.core.script import load_script
from workshop.workspace import Workspace

FLAGGED = "Mevrouw Jansen viel gisteren, bel 06-12345678"


def test_only_card_steps_show_cards_and_a_flagged_card_is_masked_until_released(tmp_path):
    script = load_script(SCRIPTS / "mantelzorg-drempelcheck.md")
    kinds = {step.id: shows_cards(step) for step in script.steps}
    assert kinds["drempels"] and kinds["wat-ging-goed"]
    assert not kinds["drempelcheck"] and not kinds["wat-pakken-we-eerst-aan"] and not kinds["welkom-en-uitleg"]
    service = Workspace(tmp_path).new_session(script, team="Team De Linde", clock=FakeClock())
    try:
        service.go_to("drempels")
        flagged = service.add_contribution(FLAGGED, step_id="drempels")
        hidden = service.add_contribution("Weg ermee", step_id="drempels")
        service.hide_contribution(hidden.id)
        (card,) = room_cards(service.state, service.state.step)
        assert card.masked and "Jansen" not in card.text and "12345678" not in card.text
        assert "viel gisteren" in card.text
        service.release_card(flagged.id)
        view = room_view(service)
        assert [c.text for c in view.cards] == [FLAGGED] and view.card_count == 1 and view.view.mode == "text"
        service.go_to("drempelcheck")
        assert room_view(service).cards == ()
    finally:
        service.release()
