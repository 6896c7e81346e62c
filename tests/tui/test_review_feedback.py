"""The review dialog asks all of terugkoppeling (domain.md §3): whom we told, when (a date or words such as
"teamoverleg 12 maart") and whether it is done; the answers land in the plan's own columns on export."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, Static

from tests.conftest import SCRIPTS
from tests.tui.keys import send_keys, type_text
from workshop.core.plan import plan_rows
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ReviewDialog
from workshop.tui.widgets import Board
from workshop.workspace import Workspace


def with_open_actions(tmp_path, clock) -> tuple[Workspace, object]:
    """A first session leaves two open actions in team T's plan; 40 days later a retrospective reviews them."""
    workspace = Workspace(tmp_path)
    first = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    first.go_to("eerste-stappen")
    first.add_action("Plan vaste leertijd in", owner="teamleider", due="2026-12-01", check_date="2026-12-15")
    first.add_action("Vraag naasten wat zij merken", owner="EVV'er", due="2027-03-01")
    first.release()
    workspace.merge_plan(workspace.read_session(first.state.meta.id))
    clock.advance(days=40)
    second = workspace.new_session(load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md"), team="T", clock=clock)
    return workspace, second


@pytest.mark.parametrize(
    "when, done, plan_when, plan_done",
    [("teamoverleg vorige week", "j", "teamoverleg vorige week", "ja"), ("14-01-2027", "n", "14-01-2027", "nee")],
)
async def test_the_review_dialog_records_when_and_whether_the_team_was_told(
    tmp_path, clock, when, done, plan_when, plan_done
):
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the review step: the open actions are loaded from the plan
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        # status, result, decision, whom, when, done: Tab walks them in that order.
        await pilot.press("tab")
        await type_text(pilot, "Half")
        await pilot.press("tab", "tab")
        await type_text(pilot, "cliëntenraad")
        await pilot.press("tab")
        await type_text(pilot, when)
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#feedback_done")
        await pilot.press("enter", done, "enter")  # open the list, jump to ja/nee, choose
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewDialog)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Opgeslagen: actie 1 (") and m.endswith("Nu geselecteerd: actie 2.") for m in said)
        item = second.state.reviews[0]
        assert (item.answer_feedback, item.answer_feedback_done) == ("cliëntenraad", plan_done)
        await pilot.press("x")  # export: the preview, then write
        await app.workers.wait_for_complete()  # the preview is built in a thread; w before it is ready says so
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
    row = plan_rows(workspace.plan_path("T").read_text(encoding="utf-8"))[0]
    assert (row.result, row.feedback_to, row.feedback_when, row.feedback_done) == (
        "Half",
        "cliëntenraad",
        plan_when,
        plan_done,
    )


async def test_the_review_dialog_with_all_its_questions_fits_80x24(tmp_path, clock):
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        for name in ("#status", "#result", "#act_decision", "#feedback", "#feedback_when", "#feedback_done", "#save"):
            region = dialog.query_one(name).region
            assert 0 < region.bottom <= 24 and region.height >= 1, (name, region)


async def test_a_status_in_the_teams_own_words_opens_the_dialog_and_keeps_its_words(tmp_path, clock):
    """Trial (blocker): a status written by hand ("klaar op 20 januari", "in afwachting van MT") crashed the app
    on Enter (Select refused the value). Now the choice shows what the status means (or nothing when it says no
    status the plan knows), the written words stand under it, and the plan keeps them on export."""
    workspace, second = with_open_actions(tmp_path, clock)
    plan = workspace.plan_path("T")
    text = plan.read_text(encoding="utf-8")
    rows = plan_rows(text)
    for row, words in zip(rows, ("bezig, eerste versie gedeeld", "in afwachting van MT"), strict=True):
        line = text.splitlines()[row.line - 1]
        text = text.replace(line, line.replace(f"| {row.status} |", f"| {words} |"), 1)
    plan.write_text(text, encoding="utf-8")
    assert [r.status for r in plan_rows(text)] == ["bezig, eerste versie gedeeld", "in afwachting van MT"]
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        seen = []
        for _ in range(2):
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewDialog), "the dialog opens (no crash)"
            status = app.screen.query_one("#status", Select)
            written = str(app.screen.query_one("#status-written", Static).render())
            seen.append((None if status.value is Select.NULL else status.value, written))
            await pilot.press("ctrl+s")  # saved as it stands
            await pilot.pause()
            if status.value is Select.NULL:  # no status chosen: asked once, kept on the second Ctrl+S
                assert isinstance(app.screen, ReviewDialog)
                said = str(app.screen.query_one("#error", Static).render())
                assert "Kies een status, of druk nog eens Ctrl+S" in said, said
                await pilot.press("ctrl+s")
                await pilot.pause()
            assert not isinstance(app.screen, ReviewDialog)
        assert seen == [
            ("bezig", "In het plan: 'bezig, eerste versie gedeeld'"),
            (None, "In het plan: 'in afwachting van MT'"),
        ]
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
    after = plan_rows(plan.read_text(encoding="utf-8"))
    assert [r.status for r in after] == ["bezig, eerste versie gedeeld", "in afwachting van MT"]
    assert after[0].carried_over == 1, "still open after the review: carried over once"


async def open_review(pilot) -> ReviewDialog:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReviewDialog)
    return pilot.app.screen


@pytest.mark.parametrize("keys", [("down", "enter"), ("enter",)], ids=["another-value", "the-value-it-had"])
@pytest.mark.parametrize("then", ["enter", "tab", "typing"])
async def test_after_a_choice_enter_tab_or_typing_all_go_to_the_next_field(tmp_path, clock, keys, then):
    """Trials: after choosing with Enter, Enter opened the list again (so a choice moved on by itself); trial 16: then
    a Tab after the choice skipped a field, and text typed on a list was lost. Now the focus stays on the list after
    a choice, and Enter, Tab or just typing all go on to the next question, also for the value the list had."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        status = dialog.query_one("#status", Select)
        assert dialog.focused is status
        assert "Keuzelijst: Enter opent en kiest" in str(dialog.query_one("#form-keys", Static).render())
        before = status.value
        await pilot.press("enter")  # open the list
        await pilot.pause()
        await pilot.press(*keys)  # choose another status, or take the highlighted one: the one it had
        await pilot.pause()
        now = status.value
        assert now == before if keys == ("enter",) else now not in (before, Select.NULL)
        assert dialog.focused is status and not status.expanded
        assert "Gekozen. Enter of Tab: volgend veld" in str(dialog.query_one("#form-keys", Static).render())
        if then != "typing":
            await pilot.press(then)
            await pilot.pause()
            assert dialog.focused is dialog.query_one("#result"), "on to the next question, none skipped"
        await type_text(pilot, "Half gelukt")
        assert dialog.query_one("#result", Input).value == "Half gelukt"
        assert dialog.focused is dialog.query_one("#result")


async def test_text_typed_on_a_list_lands_in_the_next_text_field_and_the_dialog_says_so(tmp_path, clock):
    """Trial 16: text typed while a list had the focus was silently lost (two answers lost, one in the wrong
    column). Now it goes into the next text field, which gets the focus, and the dialog says where it went."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        await pilot.press("tab")
        await type_text(pilot, "12 van 20")
        await pilot.press("tab")  # the decision's list
        assert dialog.focused is dialog.query_one("#act_decision")
        await type_text(pilot, "cliëntenraad")  # meant for whom we told: the next text field
        assert dialog.query_one("#feedback", Input).value == "cliëntenraad"
        assert dialog.query_one("#result", Input).value == "12 van 20"
        assert dialog.query_one("#act_decision", Select).value is Select.NULL
        assert "wat je typte staat in het volgende tekstveld" in str(dialog.query_one("#error", Static).render())
        await pilot.press("tab", "tab")  # when, then whether it is done: the last list, no text field after it
        assert dialog.focused is dialog.query_one("#feedback_done")
        await type_text(pilot, "x")
        assert "Typen kan hier niet" in str(dialog.query_one("#error", Static).render())


async def test_a_check_date_the_plan_writes_in_words_is_shown_in_the_dialog(tmp_path, clock):
    """User trial: the dialog said nothing when an action's check date in the plan was no date ("eind Q1"), so the
    facilitator could not see why the action was not counted late by it. Now it shows the plan's own words."""
    workspace, second = with_open_actions(tmp_path, clock)
    plan = workspace.plan_path("T")
    text = plan.read_text(encoding="utf-8")
    written = plan_rows(text)[0].check_date
    assert written and text.count(written) == 1
    plan.write_text(text.replace(written, "eind Q1"), encoding="utf-8")
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        said = str(dialog.query_one("#check-date-written", Static).render())
        assert said == "Checkdatum in het plan: 'eind Q1'. Dat is geen datum die we kunnen lezen."
        region = dialog.query_one("#save").region
        assert 0 < region.bottom <= 24, "the dialog still fits 80x24"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second action has no check date: nothing to say
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        assert not app.screen.query("#check-date-written")


async def test_the_review_board_shows_a_check_date_in_words_as_written(tmp_path, clock):
    """Code review: the board's Checkdatum cell was empty for a check date the plan writes in words, as if the
    action had none. It shows the plan's words, with a question mark."""
    workspace, second = with_open_actions(tmp_path, clock)
    plan = workspace.plan_path("T")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(plan_rows(text)[0].check_date, "eind Q1"), encoding="utf-8")
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("n")  # to the review step
        await pilot.pause()
        board = app.screen.query_one(Board)
        first = [str(c) for c in board.get_row_at(0)]
        assert first[2] == "eind Q1?"


async def test_typing_on_after_a_choice_keeps_what_the_field_held_and_every_correction(tmp_path, clock):
    """A trial: right after choosing on a list, typing went into the next text field, but that field selected all it
    held on getting the focus, so the next key replaced it: the plan's result "nog geen meting" became "meldingen
    minder", and "de naste via" then " de EVV'er" became " de EVV'er". A Backspace typed before the focus moved
    was lost."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        result = dialog.query_one("#result", Input)
        result.value = "nog geen meting"  # as the plan gave it
        await pilot.press("enter", "down", "enter")  # choose another status
        await pilot.pause()
        send_keys(app, *"; 2 meldingen minder")
        for _ in range(4):
            await pilot.pause()
        assert result.value == "nog geen meting; 2 meldingen minder"
        await pilot.press("tab")  # the decision's list
        assert dialog.focused is dialog.query_one("#act_decision")
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        send_keys(app, *"de nase", "backspace", "backspace", *"ste via")
        for _ in range(4):
            await pilot.pause()
        feedback = dialog.query_one("#feedback", Input)
        assert feedback.value == "de naste via"
        await type_text(pilot, " de EVV'er")
        assert feedback.value == "de naste via de EVV'er"


async def test_entering_the_review_says_which_statuses_the_plan_did_not_surely_say(tmp_path, clock):
    """Trial: 'klaar? nog navragen' kept its action open, rightly, but only the action's dialog said why; `workshop
    new` and `export` warn. The console now says it when the review step is entered, with the action's name."""
    workspace, second = with_open_actions(tmp_path, clock)
    plan = workspace.plan_path("T")
    text = plan.read_text(encoding="utf-8")
    row = plan_rows(text)[0]
    line = text.splitlines()[row.line - 1]
    plan.write_text(text.replace(line, line.replace(f"| {row.status} |", "| klaar? nog navragen |"), 1), "utf-8")
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any(
            "'Plan vaste leertijd in' ('klaar? nog navragen')" in m
            and "Deze actie blijft open" in m
            and "vraag de groep" in m
            for m in said
        ), said
        # Re-trial: Ctrl+S with the status still on "Kies…" counted the action as discussed, with the plan's doubt as
        # the group's answer. It asks first.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog) and not app.service.state.reviews[0].reviewed
        said = str(app.screen.query_one("#error", Static).render())
        assert "Kies een status, of druk nog eens Ctrl+S om 'klaar? nog navragen' te laten staan." in said, said


async def test_the_review_dialog_names_the_actions_id_in_the_plan(tmp_path, clock):
    """Trial: with rows reordered by hand, the facilitator could not check the dialog was about the row meant before
    saving ("Actie 1 van 2" and its text); its heading now ends in the action's id, as the plan writes it."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        first = app.service.state.reviews[0]
        assert str(dialog.query_one("#review-heading").render()) == f"Actie 1 van 2 · {first.plan_id}"


async def test_a_feedback_date_before_the_action_was_agreed_is_refused_at_the_field(tmp_path, clock):
    """Trial: a terugkoppeling date from before the session that agreed the action (01-01-2020) was stored and
    written into the plan. The dialog now stays open, says why in Dutch with both dates, and puts the cursor on
    the date; the plan's memory says which day the action was agreed."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        when = dialog.query_one("#feedback_when", Input)
        when.focus()
        await type_text(pilot, "01-01-2020")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is when
        banner = str(dialog.query_one("#error", Static).render())
        assert "vóór de dag dat de actie is afgesproken" in banner and "2020" in banner and "2026" in banner
        assert not second.state.reviews[0].reviewed
        when.value = ""
        await type_text(pilot, "23-11-2026")  # the day itself: told at the session that agreed it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewDialog)
        assert second.state.reviews[0].answer_feedback_when == "2026-11-23"


@pytest.mark.parametrize("name", ["#status", "#act_decision", "#feedback_done"])
async def test_an_open_list_stays_inside_the_dialogs_border_at_80x24(tmp_path, clock, name):
    """Trial: the list of *Gedaan?*, the last one, opened downwards over the dialog's bottom border and below it.
    A list without room below now opens upwards; one with room opens downwards as before; closed, it is back."""
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        select = dialog.query_one(name, Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert select.expanded
        box = dialog.query_one(".dialog")
        inner = box.region.shrink(box.styles.border.spacing)
        overlay = select.query_one("SelectOverlay").region
        assert inner.y <= overlay.y and overlay.bottom <= inner.bottom, (overlay, inner)
        assert not overlay.overlaps(select.query_one("SelectCurrent").region)  # the chosen value stays in view
        await pilot.press("down", "enter")  # choose: the list closes, and is in its place below again
        await pilot.pause()
        assert not select.expanded and select.query_one("SelectOverlay").styles.offset.y.value == 0


async def test_told_yes_on_a_day_to_come_puts_the_cursor_on_gedaan_and_a_day_without_year_on_the_date(tmp_path, clock):
    """Trial: after 'Gedaan? ja' was refused the focus stayed where it was (Enter tried again, typed letters went
    nowhere) and Esc threw every answer away; and 'teamoverleg 12 maart' with ja was taken, though 12 March is still
    to come. The field to mend gets the cursor; a day without its year is asked about."""
    workspace, second = with_open_actions(tmp_path, clock)
    today = clock().date()
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_review(pilot)
        when, done = dialog.query_one("#feedback_when", Input), dialog.query_one("#feedback_done", Select)
        when.focus()
        await type_text(pilot, f"{today.day:02d}-{today.month:02d}-{today.year + 1}")
        done.value = "ja"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is done
        assert "moet nog komen" in str(dialog.query_one("#error", Static).render())
        when.value = "teamoverleg 12 maart"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and dialog.focused is when
        assert "zonder jaartal" in str(dialog.query_one("#error", Static).render())
        assert not second.state.reviews[0].reviewed
