"""The footer at 80x24 and 160x45 (trial): the keys that matter in the step come first, whole, with short Dutch
labels; keys such as s, x and l show where they matter, and `?` (all keys) always stands at the right."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from tests.tui.screen_text import screen_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.footer import KeyFooter
from workshop.tui.keys import FOOTER_LABELS, ROW_LABELS, STATE_LABELS
from workshop.tui.strings import EN
from workshop.workspace import Workspace

JOIN_URL = "http://192.168.1.10:8765/j/ABCD"
SIZES = [(80, 24), (160, 45)]
# Per step of the vision script: what the footer must show at 80 columns (and so at 160).
MUST_SHOW = {
    "welkom": ["n Volgende", "w QR-code", "f Projector"],
    "wat-heb-jij-geleerd": ["n Volgende", "p Vorige", "a Kaartje", "e Bewerken", "h Verbergen"],
    "over-drie-jaar": ["n Volgende", "p Vorige", "a Kaartje", "e Bewerken", "h Verbergen"],
    "themas-maken": ["n Volgende", "p Vorige", "t Nieuw thema", "1-9 In thema"],
    "stemmen-op-themas": ["n Volgende", "p Vorige", "o Stemmen openen", "r Uitslag tonen"],
    "randvoorwaarden": ["n Volgende", "p Vorige", "1-4 Antwoord namens", "r Uitslag tonen"],
    "eerste-stappen": ["n Volgende", "p Vorige", "c Nieuwe actie", "⏎ Bewerken", "del Verwijderen"],
    "afsluiting": ["p Vorige", "a Kaartje", "s Afsluiten", "x Export"],
}


def footer(app) -> str:
    return screen_lines(app)[-1]


def whole_keys(app) -> list[str]:
    """The footer's keys as drawn, each checked to be drawn whole (not cut off at the screen's edge)."""
    keys = []
    width = app.screen.size.width
    for key in app.screen.query_one(KeyFooter).query(FooterKey):
        assert key.region.right <= width, f"{key.key_display} {key.description} is cut off"
        keys.append(f"{key.key_display} {key.description}")
    return keys


@pytest.fixture
def session(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    return workspace, service


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_step_shows_its_own_keys_whole_and_the_key_for_all(session, clock, size):
    workspace, service = session
    service.go_to("wat-heb-jij-geleerd")
    service.add_contribution("Leren van elkaar")
    service.go_to("over-drie-jaar")
    service.add_contribution("Meer tijd")
    service.go_to("eerste-stappen")
    service.add_action("Plan leertijd", owner="teamleider", due="2026-12-15")
    service.go_to("afsluiting")
    service.add_contribution("Goed gesprek")
    service.go_to("welkom")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, fixed_join_url=JOIN_URL)
    async with app.run_test(size=size) as pilot:
        for step_id, wanted in MUST_SHOW.items():
            service.go_to(step_id)
            await pilot.pause()
            await pilot.pause()
            keys = whole_keys(app)
            assert keys[-1] == "? Alle toetsen", step_id
            for key in wanted:
                assert key in keys, (step_id, key, footer(app))
            assert keys.index(wanted[0]) < keys.index(wanted[-1])  # the step's keys in their order


async def test_a_flagged_card_offers_l_in_the_footer_at_80_columns(session, clock):
    workspace, service = session
    service.go_to("over-drie-jaar")
    service.add_contribution("Bel haar op 06-12345678")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "l Vrijgeven" in whole_keys(app), footer(app)


async def test_the_footer_follows_the_state_and_the_focus(session, clock):
    workspace, service = session
    service.go_to("stemmen-op-themas")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert "o Stemmen sluiten" in whole_keys(app)
        service.go_to("over-drie-jaar")
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "n")  # typing: n is a letter here, not the next step
        assert whole_keys(app)[:2] == ["⏎ Kaartje opslaan", "esc Klaar"]


def test_every_footer_label_has_an_english_translation():
    labels = {
        *FOOTER_LABELS.values(),
        *ROW_LABELS.values(),
        *(label for pair in STATE_LABELS.values() for label in pair),
    }
    assert not sorted(label for label in labels if label not in EN)


async def test_the_help_names_the_keys_of_a_row_of_digits_as_the_footer_does(tmp_path, clock) -> None:
    """Trial 2: in a rating step the footer said "1-4 Antwoord namens" and the help "1 Antwoord namens"."""
    from workshop.tui.dialogs import HelpScreen

    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("randvoorwaarden")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from textual.widgets import Static

        said = [" ".join(str(s.render()).split()) for s in app.screen.query(Static)]
        assert "1-4 Antwoord namens" in said
        assert "1 Antwoord namens" not in said
