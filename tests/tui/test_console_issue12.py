"""Issue 12: the facilitator's console holds up in a real session, at 80x24 and on the beamer.

One test (or a few) per numbered item of the issue; each failed on the console before the fix. Sizes are
the ones the issue was tried at: 80x24, 160x45 and 60x20.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCRIPTS
from tests.core.test_review import PLAN
from tests.tui.keys import send_keys, type_text
from tests.tui.screen_text import board_column, board_lines, joined, screen_lines, words
from workshop.core.errors import DomainError
from workshop.core.plan import plan_file_name
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog, CategoryDialog, ExportPreview, ReviewDialog, TextDialog
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

JOIN_URL = "http://192.168.1.23:8765/j/Vb3kQ9xTzP2mW7nR4sLc8A"


def new_session(tmp_path, clock, script: str, team: str = "Team De Linde"):
    workspace = Workspace(tmp_path)
    return workspace, workspace.new_session(load_script(SCRIPTS / f"{script}.md"), team=team, clock=clock)


def app_for(workspace, service, clock, **kwargs) -> WorkshopApp:
    return WorkshopApp(workspace, session=service, clock=clock, serve=False, **kwargs)


def text(app) -> str:
    return "\n".join(screen_lines(app))


def board_text(app) -> str:
    """Every line of the board, scrolled from top to bottom (what scrolling shows), each line once."""
    return "\n".join(board_lines(app, app.screen.query_one(Board)))


def retrospective(tmp_path, clock):
    """A kwaliteitsbeeld session of Team Oost whose plan holds three open actions (r1, r2, r4)."""
    workspace = Workspace(tmp_path)
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / plan_file_name("Team Oost")).write_text(PLAN, encoding="utf-8")
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    return workspace, workspace.new_session(script, team="Team Oost", clock=clock)


def rated(tmp_path, clock, reveal: bool = True):
    """Mantelzorg step 4 (21 statements), five people answered; statements 2 and 5 split the room."""
    workspace, service = new_session(tmp_path, clock, "mantelzorg-drempelcheck")
    voters = [service.join().id for _ in range(5)]
    service.go_to("drempelcheck")
    values = ("groen", "oranje", "rood", "onbekend")
    for n in range(len(service.state.step.statements)):
        for m, voter in enumerate(voters):
            if n in (2, 5):
                value = ("rood", "groen")[m % 2]  # three 🔴 and two 🟢: "⚠ oneens" by the rating rule
            else:
                value = values[n % 3] if n % 4 else values[m % 4 if m else 0]
            service.rate(n, value, voter=voter)
    if reveal:
        service.reveal()
    return workspace, service


# ----- 1. the review step answers the action under the cursor --------------------------------------------------


async def test_1_the_review_step_walks_every_open_action_and_answers_the_one_chosen(tmp_path, clock):
    workspace, service = retrospective(tmp_path, clock)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # from the welcome step (no board) to the review step
        await pilot.pause()
        assert [r.plan_id for r in service.state.reviews] == ["r1", "r2", "r4"]
        for answer in ("eerste", "tweede", "derde"):
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewDialog)
            await pilot.press("tab")
            await type_text(pilot, answer)
            await pilot.press("ctrl+s")
            await pilot.pause()
        results = {r.plan_id: r.answer_result for r in service.state.reviews}
        assert results == {"r1": "eerste", "r2": "tweede", "r4": "derde"}
        # Any row is reachable again: up twice and Enter answers the second action anew.
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog) and app.screen.item.plan_id == "r2"
        assert "Actie 2 van 3" in text(app)


# ----- 2. Enter edits a saved action, however the step was reached -------------------------------------------


@pytest.mark.parametrize("how", ["j", "n", "palette"])
async def test_2_enter_edits_the_action_under_the_cursor_however_the_step_was_reached(tmp_path, clock, how):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    service.add_action("Plan leertijd", owner="teamleider", due="2026-12-15")
    service.add_action("Vraag naasten", owner="EVV'er", due="2027-01-10")
    service.go_to("randvoorwaarden" if how == "n" else "welkom")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if how == "j":
            await pilot.press("j", "end", "up", "enter")
        elif how == "n":
            await pilot.press("n")
        else:
            await pilot.press("ctrl+p")
            await type_text(pilot, "naar stap")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("end", "up", "enter")
        await pilot.pause()
        assert service.state.step.id == "eerste-stappen"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and app.screen.action.id == "a2"


# ----- 3. results are whole at the reveal ---------------------------------------------------------------------


async def test_3_revealed_ratings_show_every_count_and_mark(tmp_path, clock):
    workspace, service = rated(tmp_path, clock, reveal=False)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 120)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        results = service.room_results()
        shown = board_text(app)
        expected = sum(1 for s in results.statements for _, count in s.counts if count)
        assert len(re.findall(r"[░▒▓█]{2} \d", shown)) == expected, shown
        assert shown.count("⚠ oneens") == sum(1 for s in results.statements if s.disputed) > 0


async def test_3_revealed_votes_show_whole_labels(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    long = "Een vaste leertijd in het rooster van elke dienst, ook in de weekenden en de nachten"
    card = service.add_contribution(long, category="Onszelf")
    service.go_to("stemmen-op-themas")
    service.open_voting()
    service.cast_vote(card.id, voter=service.join().id)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o", "r")
        await pilot.pause()
        assert joined(long) in joined(board_column(app, app.screen.query_one(Board), "item", "Thema"))


# ----- 4. text wraps; the QR panel keeps the board readable ---------------------------------------------------


async def test_4_every_statement_reads_whole_at_80x24(tmp_path, clock):
    workspace, service = rated(tmp_path, clock)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = joined(board_column(app, app.screen.query_one(Board), "statement", "Stelling"))
        for statement in service.state.step.statements:
            assert joined(statement) in shown, statement


async def test_4_the_actions_text_is_on_screen_at_80x24(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    what = "Plan elke maand een vaste leertijd van een uur in het rooster, ook voor de nachtdienst"
    service.add_action(what, owner="teamleider", due="2026-12-15", check_method="interne audit")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert joined(what) in joined(board_column(app, board, "what", "Wat"))
        assert "teamleider" in words(board_text(app))  # the owner is on the board too, as a whole word
        assert board.virtual_size.width <= board.size.width  # nothing off-screen to the right


async def test_4_projector_mode_shows_a_screenful_of_cards(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    for n in range(20):
        service.add_contribution(f"Idee nummer {n + 1}", category="Onszelf")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        visible = {n for n in range(1, 21) if f"Idee nummer {n} " in text(app) + " "}
        assert len(visible) >= 10, visible


async def test_4_the_qr_code_never_squeezes_the_board(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    app = app_for(workspace, service, clock, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        assert board.display and board.size.width >= 60
        await pilot.press("w")
        await pilot.pause()
        from workshop.web.qr import qr_text

        screen = screen_lines(app)
        for line in qr_text(JOIN_URL).split("\n"):  # the whole code is on screen
            assert any(line in row for row in screen)
        assert board.size.width == 0 or board.size.width >= 60  # the code instead of the board, or beside it
        await pilot.press("w")
        await pilot.pause()
        assert board.display and board.size.width >= 60


async def test_4_a_window_too_small_for_the_qr_code_says_where_the_printable_one_is(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    app = app_for(workspace, service, clock, fixed_join_url=JOIN_URL)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        shown = " ".join(words(text(app)))
        assert "Venster te klein voor de QR-code" in shown
        assert f"exports/{service.state.meta.id}-qr.svg" in shown.replace(" ", "")


# ----- 5. the export does not block, and says what w does ------------------------------------------------------


async def test_5_the_export_preview_is_built_off_the_event_loop_and_says_what_w_does(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    service.add_action("Plan leertijd", owner="teamleider", due="2026-12-15")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportPreview)
        assert "w: schrijft de samenvatting naar exports/" in text(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        preview = app.screen.query_one("#preview")
        assert preview.line_count > 20 and "Plan leertijd" in preview.text
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert workspace.summary_path(service.state.meta.id).exists()
        assert "Geschreven:" in text(app)


async def test_5_behind_the_preview_the_session_screen_is_not_drawn_again(tmp_path, clock):
    """The preview is opaque and the session's clock waits: Textual draws no dimmed session screen behind it
    for every change of the preview (with a room sending cards, 70-100 ms blocks of the event loop)."""
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        session = app.screen
        assert isinstance(session, SessionScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportPreview)
        assert app.screen.styles.background.a == 1  # see-through: Textual draws the screen under it again
        service.add_contribution("Kaartje onder de dialoog")
        await pilot.pause()
        assert session._stale  # the board waits until the dialog is closed
        shown = session.query_one("#timer").render()
        clock.advance(seconds=125)
        session._tick()
        assert session.query_one("#timer").render() == shown  # not drawn under the dialog
        await pilot.press("escape")
        await pilot.pause()
        session._tick()
        assert session.query_one("#timer").render() != shown  # back: the clock is right again
        await pilot.pause()
        assert "Kaartje onder de dialoog" in board_text(app)


# ----- 6. a refused action says why where the eye is -----------------------------------------------------------


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_6_the_action_dialog_shows_why_it_refuses_in_view(tmp_path, clock, size):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        await pilot.pause()
        for value in ("Plan leertijd", "teamleider", "15-12-2026", "8 van 10", "31-02-2027"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and service.state.actions == ()
        message = DomainError("action.bad_date", value="31-02-2027").text("nl")
        assert message[:40] in " ".join(words(text(app)))
        assert app.screen.focused.id == "check_date"


# ----- 7. the category picker shows its checkboxes, and Enter saves ------------------------------------------


async def test_7_the_category_picker_ticks_with_space_and_saves_with_enter(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("over-drie-jaar")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CategoryDialog)
        shown = text(app)
        assert "[ ] Missie en kernwaarden" in shown and "Spatie: aan/uit · Enter: opslaan" in shown
        assert "Waar staan wij als organisatie voor?" in shown  # the guiding question, for the facilitator
        await pilot.press("space", "down", "down", "space")
        await pilot.pause()
        assert "[x] Missie en kernwaarden" in text(app) and "[ ] Strategie" in text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert service.state.categories("over-drie-jaar") == ("Missie en kernwaarden", "Toekomst")


# ----- 8. the script's introduction and the step's notes are shown to the facilitator ------------------------


async def test_8_the_introduction_and_the_notes_are_shown_but_not_projected(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "mantelzorg-drempelcheck")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = " ".join(words(text(app)))
        assert "Voor je begint" in shown and "Nodig mantelzorgers persoonlijk uit" in shown
        await pilot.press("n", "n")  # past the review (no open actions) and the round: the drempelcheck
        await pilot.pause()
        notes = " ".join(words(service.state.step.notes.lstrip("- ")))  # as Markdown shows it: no list marker
        assert notes and notes[:30] in " ".join(words(text(app)))
        await pilot.press("f")
        await pilot.pause()
        assert notes[:30] not in " ".join(words(text(app)))
        await pilot.press("f", "i")
        await pilot.pause()
        assert notes[:30] not in " ".join(words(text(app)))  # i hides the notes


# ----- 9. keys typed right after `a` go into the line ---------------------------------------------------------


async def test_9_keys_typed_right_after_a_are_text_not_shortcuts(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    flagged = service.add_contribution("Bel de dochter op 06-12345678", category="Naasten")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_keys(app, "a", "l", "e", "e", "s", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        cards = service.state.contributions
        assert [c.text for c in cards] == [flagged.text, "lees"]
        assert not cards[0].released and not cards[0].hidden


# ----- 10. the smaller items -----------------------------------------------------------------------------------


async def test_10_q_quits_inside_a_session_and_lets_go_of_it(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    session_id = service.state.meta.id
    app = app_for(workspace, service, clock)
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.service is None
    Workspace(tmp_path).open_session(session_id, clock=clock).release()  # the lock is free


async def test_10_s_closes_the_session_after_asking(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    app = app_for(workspace, service, clock)
    async with app.run_test() as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("left", "enter")  # Ja
        await pilot.pause()
        assert service.state.meta.status == "closed"


async def test_10_a_category_is_found_without_its_accents_and_an_unknown_one_is_said(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "clienten: Meer rust")
        await pilot.press("enter")
        await type_text(pilot, "Collega: Tijd voor elkaar")
        await pilot.press("enter")
        await pilot.pause()
        first, second = service.state.contributions
        assert (first.category, first.text) == ("Cliënten", "Meer rust")
        assert (second.category, second.text) == (None, "Collega: Tijd voor elkaar")
        assert any("'Collega' is geen categorie" in n.message for n in app._notifications)


async def test_10_revealing_closes_voting(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("stemmen-op-themas")
    service.open_voting()
    app = app_for(workspace, service, clock)
    async with app.run_test() as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert service.state.is_revealed("stemmen-op-themas")
        assert not service.state.is_voting_open("stemmen-op-themas")


async def test_10_the_short_join_code_is_next_to_the_qr_code_and_on_the_printable_sheet(tmp_path, clock):
    from tests.web.qrscan import decode
    from workshop.core.join_code import format_join_code, join_code
    from workshop.web.qr import qr_matrix

    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    code = format_join_code(join_code(service.state.meta.join_token))
    app = WorkshopApp(workspace, session=service, clock=clock, host="127.0.0.1", port=0)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.server is not None
        assert f"Code: {code}" in text(app)
        url = screen.server.url
        sheet = (tmp_path / "exports" / f"{service.state.meta.id}-qr.svg").read_text(encoding="utf-8")
        assert url in sheet and f"Code: {code}" in sheet and "Scan de QR-code" in sheet
        squares = re.findall(r"M(\d+),(\d+)H", sheet)
        size = len(qr_matrix(url))  # modules, quiet zone included; the code is centred on the sheet
        left = (max(size, 50) - size) // 2
        matrix = [[False] * size for _ in range(size)]
        for x, y in squares:
            matrix[int(y)][int(x) - left] = True
        assert decode(matrix) == url
        await app.action_quit()


async def test_10_people_without_a_phone_have_names_and_their_answers_show(tmp_path, clock):
    workspace, service = rated(tmp_path, clock, reveal=False)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "Anna")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")  # Anna: red on statement 1
        await pilot.pause()
        assert "Namens: Anna" in text(app)
        board = app.screen.query_one(Board)
        assert "🔴" in [str(c) for c in board.get_row_at(0)]
        assert [r.value for r in service.state.ratings if r.voter == service.state.proxies[0].id] == ["rood"]


async def test_10_help_and_palette_speak_dutch_with_correct_plurals(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.phone_seen(service.join().id)  # one phone, its page loaded
    app = app_for(workspace, service, clock, fixed_join_url=JOIN_URL)  # phones on: their count is shown
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "1 telefoon doet mee" in text(app)
        assert "1 telefoons" not in text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = [key for key, _ in app.screen.lines]
        assert "Esc" in keys and "?" in keys and "escape" not in keys and "question_mark" not in keys
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "stop")
        await pilot.pause()
        shown = text(app)
        assert "Stoppen" in shown and "Quit" not in shown and "Search for commands" not in shown


async def test_10_the_home_screen_names_step_kinds_in_dutch(tmp_path, clock):
    app = WorkshopApp(Workspace(tmp_path), clock=clock, serve=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = text(app)
        assert "verzamelen" in shown and "collect," not in shown


async def test_cards_typed_in_a_review_or_a_scored_round_are_on_the_board(tmp_path, clock):
    """A review of acties and a round with a scale collect cards too: they stand under the board's own rows."""
    workspace, service = retrospective(tmp_path, clock)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a")
        await type_text(pilot, "Goed dat dit terugkomt")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert "Goed dat dit terugkomt" in board_text(app)
        await pilot.press("end", "h")  # the card's row: hide it, as on any board of cards
        await pilot.pause()
        assert service.state.contributions[0].hidden
        await pilot.press("1")  # an answer key on a card's row does nothing
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_9_fast_typing_across_the_fields_of_a_dialog_keeps_each_value_in_its_field(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        keys = [*"Plan leertijd", "enter", *"teamleider", "enter", *"15-12-2026"]
        send_keys(app, *keys)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (action,) = service.state.actions
        assert (action.what, action.owner, action.due) == ("Plan leertijd", "teamleider", "2026-12-15")


async def test_9_a_line_typed_while_the_card_before_it_is_stored_is_kept(tmp_path, clock):
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        send_keys(app, *"eerste", "enter", *"tweede", "enter", *"derde")
        await pilot.pause()
        await pilot.pause()
        assert [c.text for c in service.state.contributions] == ["eerste", "tweede"]
        assert app.screen.query_one("#capture").value == "derde"


async def test_enter_on_a_flagged_card_opens_it_and_never_releases_it(tmp_path, clock):
    """Enter opens the row; showing the room what the privacy guard masked is `l` only."""
    from workshop.tui.dialogs import TextDialog

    workspace, service = retrospective(tmp_path, clock)
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a")
        await type_text(pilot, "Jan de Vries belde over de actie")
        await pilot.press("enter", "escape")
        await pilot.pause()
        (card,) = service.state.contributions
        assert card.privacy and not card.released
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)  # the card's editor
        await pilot.press("escape")
        await pilot.pause()
        assert not service.state.contributions[0].released
        await pilot.press("l")
        await pilot.pause()
        assert service.state.contributions[0].released


async def test_release_on_a_row_with_nothing_masked_says_so(tmp_path, clock):
    """`l` is offered only on a board where the guard flagged something (trial: 'l Vrijgeven' with nothing masked
    made the facilitator wonder what was hidden); on a row the guard did not flag it tells why nothing happens."""
    workspace, service = new_session(tmp_path, clock, "visie-leren-ontwikkelen")
    service.go_to("eerste-stappen")
    service.add_action("Leertijd inplannen", owner="teamleider", due="2027-01-15")
    app = app_for(workspace, service, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "Vrijgeven" not in text(app)
        service.add_action("Bel mevrouw Jansen over de afspraken", owner="EVV'er", due="2027-01-15")
        await pilot.pause()
        assert service.state.actions[1].privacy and "Vrijgeven" in text(app)
        await pilot.press("l")  # the cursor is on the first action: nothing of it is masked
        await pilot.pause()
        assert any("niets afgeschermd" in n.message for n in app._notifications)
        assert not any(a.released for a in service.state.actions)
