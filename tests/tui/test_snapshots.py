"""SVG snapshots, one per screen state; each docstring says what the picture must show.

Deterministic: a fixed clock, a workspace folder shown as ~/workshop (each test has its own: HOME is its
temporary folder), sessions built through the core beforehand.
Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the pictures (tests/tui/__snapshots__/) before committing them.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.conftest import SCRIPTS, FakeClock
from tests.tui.keys import type_text
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    """A fresh workspace per test, in its own temporary folder; the home screen shows it as ~/workshop."""
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "workshop"
    root.mkdir()
    return Workspace(root)


def session(workspace: Workspace, clock: FakeClock, script: str) -> SessionService:
    return workspace.new_session(
        load_script(SCRIPTS / f"{script}.md"), team="Team De Linde", organisation="Zorggroep Oost", clock=clock
    )


def collected(workspace: Workspace, clock: FakeClock) -> SessionService:
    """A vision session at step 4 with cards from phones and the room, one hidden, one hostile."""
    service = session(workspace, clock, "visie-leren-ontwikkelen")
    phones = [service.join().id for _ in range(3)]
    for pid in phones:
        service.phone_seen(pid)  # their pages loaded: here
    service.go_to("wat-moet-leren-opleveren")
    service.add_contribution("Cliënten merken dat we nieuwe dingen proberen", author=phones[0], category="Cliënten")
    service.add_contribution("Naasten weten wat we leren", author=phones[1], category="Naasten")
    service.add_contribution("Meer plezier in het werk", category="Onszelf")
    hidden = service.add_contribution("Iets wat niet voor de groep is", author=phones[2], category="Onszelf")
    service.hide_contribution(hidden.id)
    service.add_contribution("[bold red]Geen opmaak[/] <b>ook geen html</b>", author=phones[2], category="Onszelf")
    clock.advance(minutes=3, seconds=20)
    return service


def grouped(workspace: Workspace, clock: FakeClock) -> SessionService:
    service = collected(workspace, clock)
    service.go_to("over-drie-jaar")
    service.choose_categories(["Kennisdeling", "Leermethoden", "Borging"])
    service.add_contribution("Elke week een leermoment in het overleg", category="Leermethoden")
    service.add_contribution("Wat we leren staat in het kwaliteitshandboek", category="Borging")
    service.go_to("themas-maken")
    tijd = service.create_theme("Tijd om te leren")
    samen = service.create_theme("Samen met naasten")
    cards = service.state.cards("wat-moet-leren-opleveren")
    service.group_card(cards[0].id, tijd.id)
    service.group_card(cards[1].id, samen.id)
    service.group_card(service.state.cards("over-drie-jaar")[0].id, tijd.id)
    return service


def voted(workspace: Workspace, clock: FakeClock, reveal: bool) -> SessionService:
    service = grouped(workspace, clock)
    service.go_to("stemmen-op-themas")
    service.open_voting()
    items = service.vote_items()
    for n, voter in enumerate(p.id for p in service.state.participants):
        for item in (items[0], items[1 + n % 2], items[-1]):
            service.cast_vote(item.id, voter=voter)
    proxy = service.add_proxy()
    service.cast_vote(items[0].id, voter=proxy.id, via="proxy")
    if reveal:
        service.close_voting()
        service.reveal()
    return service


def rated(workspace: Workspace, clock: FakeClock) -> SessionService:
    service = session(workspace, clock, "mantelzorg-drempelcheck")
    voters = [service.join().id for _ in range(5)]
    for pid in voters:
        service.phone_seen(pid)  # their pages loaded: here
    service.go_to("drempelcheck")
    values = ("groen", "oranje", "rood", "onbekend")
    for n in range(len(service.state.step.statements)):  # 21
        for m, voter in enumerate(voters):
            # Mostly agreement; statements 2 and 5 (0-based) split the room: 3 red, 2 green ("⚠ oneens").
            if n in (2, 5):
                value = values[0 if m % 2 else 2]
            else:
                value = values[n % 3] if n % 4 else values[m % 4 if m else 0]
            service.rate(n, value, voter=voter)
    service.reveal()
    return service


def with_actions(workspace: Workspace, clock: FakeClock) -> SessionService:
    service = voted(workspace, clock, reveal=True)
    service.go_to("eerste-stappen")
    theme = service.state.themes[0]
    service.add_action(
        "Plan vaste leertijd in het rooster",
        owner="teamleider",
        due="2026-12-15",
        theme_id=theme.id,
        check_method="interne audit",
        indicator="8 van 10 diensten",
        check_date="2027-01-31",
    )
    service.add_action(
        "Vraag naasten wat zij merken", owner="EVV'er", due="2027-01-10", check_method="feedback cliënten/naasten"
    )
    return service


JOIN_URL = "http://192.168.1.23:8765/j/Vb3kQ9xTzP2mW7nR4sLc8A"


def app_for(
    workspace: Workspace,
    clock: FakeClock,
    service: SessionService | None,
    lang: str = "nl",
    join_url: str | None = None,
) -> WorkshopApp:
    return WorkshopApp(workspace, clock=clock, session=service, lang=lang, serve=False, fixed_join_url=join_url)


async def sessions_read(pilot) -> None:
    """Wait until the home screen has read the stored sessions (it does so in a thread, after drawing) and its
    table has sized its columns to them (a DataTable does that when it is next idle: on a busy machine the
    picture was once taken before, with every column as narrow as its heading)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    table = pilot.app.screen.query_one("#sessions", DataTable)
    for _ in range(200):
        await pilot.pause()
        if table.row_count and not (table._require_update_dimensions or table._updated_cells):
            break
    await pilot.pause()


def test_home(snap_compare, workspace, clock):
    """Home: the seven built-in scripts on the left, each title with its length and 'ingebouwd' (built-in) dim
    on a second line (the list scrolls); on the right the first one's preview (who for, purpose, length,
    'Bron: ingebouwd' with the `workshop new-script` command to copy it, numbered steps with their kind in Dutch
    — uitleg, terugblik, verzamelen — and minutes); below, the stored session of Team De Linde at 1/11 Welkom,
    open, 0 d. Footer: enter Starten, tab Wisselen, x Export, ? Help, q Stoppen."""
    session(workspace, clock, "visie-leren-ontwikkelen").release()
    assert snap_compare(app_for(workspace, clock, None), terminal_size=(100, 30), run_before=sessions_read)


def test_session_explain_step(snap_compare, workspace, clock):
    """Session at step 1 (explain): agenda on the left with 11 steps and their minutes, 'Stap 1 van 11 ·
    Welkom', 'nog 5:00' at the top right, the prompt with the bold privacy line, no board, no input; the footer
    offers 'D Deur dicht' right after 'n Volgende' (people join during the welcome)."""
    assert snap_compare(app_for(workspace, clock, session(workspace, clock, "visie-leren-ontwikkelen")))


def test_collect_step_with_cards(snap_compare, workspace, clock):
    """Collect step 4: timer 'nog 6:40'; status '3 telefoons doen mee · 3 van 3 hebben iets gestuurd · Cliënten,
    Naasten, Onszelf'; the board lists cards 1-5 with categories; card 4 is struck through and marked
    '(verborgen)'; card 5 shows its square brackets and <b> literally (no bold, no red). The capture line at the
    bottom has focus, so the footer offers what typing there does: '⏎ Kaartje opslaan', 'esc Klaar'; '? Alle toetsen'
    at the right."""
    assert snap_compare(app_for(workspace, clock, collected(workspace, clock)), press=["a"])


def test_group_step(snap_compare, workspace, clock):
    """Group step 6: status lists 'Thema's: 1 Tijd om te leren · 2 Samen met naasten'; the board shows the
    cards of steps 4 and 5 with their theme in the last column (two in Tijd om te leren, one in Samen met
    naasten, the rest empty); the hidden card stays visible to the facilitator, struck through."""
    assert snap_compare(app_for(workspace, clock, grouped(workspace, clock)), terminal_size=(100, 30))


def test_vote_open_results_hidden(snap_compare, workspace, clock):
    """Vote step 7 with voting open: status 'Stemmen open · 10 stippen uitgedeeld · uitslag verborgen ·
    Namens: Zonder telefoon 1 (2 stippen over)'; the board lists themes then loose cards in agenda
    order with '–' instead of counts and no bars."""
    assert snap_compare(app_for(workspace, clock, voted(workspace, clock, reveal=False)), terminal_size=(100, 30))


def test_vote_revealed_bars(snap_compare, workspace, clock):
    """Vote step 7 after the reveal: items ranked by dots (Tijd om te leren first with 4), counts shown,
    a bar per item in proportion; equal counts share a place number; status 'Stemmen dicht · uitslag
    zichtbaar'."""
    assert snap_compare(app_for(workspace, clock, voted(workspace, clock, reveal=True)), terminal_size=(100, 30))


def test_rating_heat_table(snap_compare, workspace, clock):
    """Mantelzorg step 4, revealed: a row per statement (21) with columns 🟢 🟠 🔴 ❓, shaded blocks and
    counts per answer, 5 answers each, and '⚠ oneens ·' before statements 3 and 6 only (3 🔴, 2 🟢): a spread like
    2 🟢 1 🟠 1 🔴 1 ❓ is not "oneens", nor "aandacht" (rating_rule.py: two people and 20% at an end); the all-red
    statements further down say 'aandacht ·'."""
    assert snap_compare(app_for(workspace, clock, rated(workspace, clock)), terminal_size=(120, 44))


def test_actions_step(snap_compare, workspace, clock):
    """Actions step 10: the action table with a1 'Plan vaste leertijd in het rooster' (teamleider,
    15 dec 2026, interne audit, 31 jan 2027, gepland) and a2 'Vraag naasten wat zij merken' (EVV'er); the footer
    offers 'n Volgende', 'p Vorige', then 'c Nieuwe actie', '⏎ Bewerken', 'del Verwijderen', and no l Vrijgeven: the
    guard flagged nothing here."""
    assert snap_compare(app_for(workspace, clock, with_actions(workspace, clock)), terminal_size=(120, 30))


def test_action_dialog_shows_errors_in_place(snap_compare, workspace, clock):
    """The action editor over the session: fields Wat (a field that wraps, here one line: 'Plan'), Eigenaar,
    Deadline, Indicator, Checkdatum, a theme select, check method and status; the Deadline field holds 'gisteren'
    and right under it stands the red message that it is not a date (checked while typing). The Deadline row, where
    the typing goes, is marked: its label bold in the accent colour."""
    service = voted(workspace, clock, reveal=True)
    service.go_to("eerste-stappen")

    async def fill_in(pilot: Pilot) -> None:
        await pilot.press("c")
        for value, then in (("Plan", "enter"), ("teamleider", "enter"), ("gisteren", None)):
            await type_text(pilot, value)
            if then:
                await pilot.press(then)

    assert snap_compare(app_for(workspace, clock, service), terminal_size=(100, 40), run_before=fill_in)


def test_projector_mode(snap_compare, workspace, clock):
    """Projector mode at the collect step: no agenda, no facilitator status details, the prompt in a
    large heavy frame; the hidden card (4) is not shown at all."""
    assert snap_compare(app_for(workspace, clock, collected(workspace, clock)), press=["f"], terminal_size=(100, 30))


def test_export_preview(snap_compare, workspace, clock):
    """Export preview: a dialog titled 'Samenvatting (voorbeeld)' showing the rendered Markdown summary:
    the heading 'Visie op leren en ontwikkelen — Team De Linde', date 23-11-2026, the team and
    organisation, number of participants; right under it 'Besluiten en acties' with the table of new actions
    (DL-2611-a1 'Plan vaste leertijd in het rooster', teamleider, 15-12-2026, how it is measured). The footer is
    the preview's own: 'esc Sluiten', 'w Schrijven'. Around the dialog a plain background, not the session screen
    dimmed (drawing that again per change blocked the loop)."""
    assert snap_compare(app_for(workspace, clock, with_actions(workspace, clock)), press=["x"], terminal_size=(100, 30))


def test_help(snap_compare, workspace, clock):
    """Help over the collect step, without phones: 'Sneltoetsen' with the keys that apply here (n, p, j, a, e, h, l,
    d Aanwezigen, i, f, x, s, ?, Esc, q, Ctrl+P) and their Dutch descriptions; keys for voting or actions are not
    listed, nor Textual's own (Tab, ctrl+c) in English, nor D (the door for phones); under them, that phones are
    off and how to turn them on."""
    assert snap_compare(
        app_for(workspace, clock, collected(workspace, clock)), press=["question_mark"], terminal_size=(80, 30)
    )


def test_overrun_timer(snap_compare, workspace, clock):
    """Collect step 4 twelve minutes in: the timer top right reads '2:00 over tijd' in reverse (error
    colour); everything else as in the collect snapshot."""
    service = collected(workspace, clock)
    clock.advance(minutes=8, seconds=40)
    for person in service.state.participants:
        service.phone_seen(person.id)  # the phones are still here: their pages asked for news meanwhile
    assert snap_compare(app_for(workspace, clock, service))


def test_english_and_large_terminal(snap_compare, workspace, clock):
    """English UI at 160x48: 'Step 7 of 11', '10 dots placed', 'results shown', footer 'n Next', 'p Previous',
    'o Open voting', 'r Hide results' and '? All keys' at the right; the vote results with bars use the extra
    width."""
    assert snap_compare(
        app_for(workspace, clock, voted(workspace, clock, reveal=True), lang="en"), terminal_size=(160, 48)
    )


def test_join_panel_with_qr_code(snap_compare, workspace, clock):
    """Wide screen (140x44) at the collect step: on the right a black-and-white QR code of about 41 columns, under
    it 'Meedoen met de telefoon', 'Scan de QR-code met de camera van je telefoon.', 'Of ga in je browser naar:', the
    address http://192.168.1.23:8765 whole on a line of its own (no /j/ token: that is in the QR code), 'en typ de
    code: …' (the session's short code) and '3 telefoons doen mee'; the status line also shows the code."""
    assert snap_compare(
        app_for(workspace, clock, collected(workspace, clock), join_url=JOIN_URL), terminal_size=(140, 44)
    )


def test_flagged_card_marked_for_the_facilitator(snap_compare, workspace, clock):
    """Collect step: the card with a phone number carries a reverse '⚠ privé? telefoonnummer' mark
    before its text in the facilitator's view; the other cards are plain."""
    service = collected(workspace, clock)
    service.add_contribution("Bel de dochter op 06-12345678 voor de overdracht", category="Naasten")
    assert snap_compare(app_for(workspace, clock, service), terminal_size=(100, 30))


def test_flagged_card_masked_in_projector_mode(snap_compare, workspace, clock):
    """Projector mode, same cards: the phone number is replaced by dots; no privacy mark is shown."""
    service = collected(workspace, clock)
    service.add_contribution("Bel de dochter op 06-12345678 voor de overdracht", category="Naasten")
    assert snap_compare(app_for(workspace, clock, service), press=["f"], terminal_size=(100, 30))


# ----- issue 12: the console at 80x24 and 160x45 ------------------------------------------------------------

SIZES = [(80, 24), (160, 45)]
REVIEW_PLAN = """# PDCA-verbeterplan — Team De Linde

## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
{V1}
| v2 | Start intervisie met de buurteams over valpreventie | Intervisie | praktijkopleider | 10-01-2027 | P | gepland |
| v3 | Vraag naasten wat zij merken van ons leren | Naasten | EVV'er | 01-02-2027 | D | uitgesteld |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| v1 | interne audit | 8 van 10 diensten | 31-10-2026 | |
| v2 | feedback medewerkers | | 15-03-2027 | |
| v3 | feedback cliënten/naasten | | | |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
| v1 | | | 0 |
| v2 | | | 0 |
| v3 | | | 1 |
""".replace(
    "{V1}",
    "| v1 | Plan elke maand een vaste leertijd van een uur in het rooster, ook voor de nachtdienst | Leertijd "
    "| teamleider | 15-12-2026 | D | bezig |",
)


def reviewing(workspace: Workspace, clock: FakeClock) -> SessionService:
    """A vision session of Team De Linde at its review step, with the three open actions of its plan."""
    (workspace.exports_dir).mkdir(parents=True, exist_ok=True)
    (workspace.exports_dir / "pdca-team-de-linde.md").write_text(REVIEW_PLAN, encoding="utf-8")
    service = session(workspace, clock, "visie-leren-ontwikkelen")
    service.advance()
    return service


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_review_step_walking_three_actions(snap_compare, workspace, clock, size):
    """Review step 2 after two of the three open actions were answered with Enter: rows 1 and 2 carry a ✓;
    row 1's overdue check date is named under 'Let op' (at 80 columns: under its text, with the owner). The
    dialog 'Actie 3 van 3' asks the four questions about 'Vraag naasten wat zij merken van ons leren', every
    question and the hint line in view."""

    async def answer_two(pilot: Pilot) -> None:
        for answer in ("gedaan", "loopt"):
            await pilot.press("enter", "tab")
            await type_text(pilot, answer)
            await pilot.press("ctrl+s")
        await pilot.press("enter")

    app = app_for(workspace, clock, reviewing(workspace, clock))
    assert snap_compare(app, terminal_size=size, run_before=answer_two)


def rated_randvoorwaarden(workspace: Workspace, clock: FakeClock) -> SessionService:
    """The vision's 14 randvoorwaarden, answered by six people and revealed; statements 3 and 10 split the room."""
    service = session(workspace, clock, "visie-leren-ontwikkelen")
    voters = [service.join().id for _ in range(6)]
    for pid in voters:
        service.phone_seen(pid)  # their pages loaded: here
    service.go_to("randvoorwaarden")
    values = ("groen", "oranje", "rood", "onbekend")
    for n in range(len(service.state.step.statements)):  # 14
        for m, voter in enumerate(voters):
            split = n in (2, 9)
            value = ("groen" if m % 2 else "rood") if split else values[(n + m // 3) % 4 if m < 5 else n % 3]
            service.rate(n, value, voter=voter)
    service.reveal()
    return service


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_revealed_rating_table_with_14_statements(snap_compare, workspace, clock, size):
    """Randvoorwaarden (step 9) revealed: the agenda is hidden at 80 columns; columns Nr, 🟢 🟠 🔴 ❓,
    Antwoorden (Antw. when narrow) and Stelling; every count shows its number next to its shade ('██ 3'),
    statements 3 and 10 start with '⚠ oneens ·', 2, 6 and 14 with 'aandacht ·', 4, 8 and 12 with 'veel ❓ ·', 7 and
    11 with 'aandacht, veel ❓ ·' (the summary's words), and every statement wraps over as many lines as it needs:
    no text is cut off."""
    assert snap_compare(app_for(workspace, clock, rated_randvoorwaarden(workspace, clock)), terminal_size=size)


def long_actions(workspace: Workspace, clock: FakeClock) -> SessionService:
    service = voted(workspace, clock, reveal=True)
    service.go_to("eerste-stappen")
    service.add_action(
        "Plan elke maand een vaste leertijd van een uur in het rooster, ook voor de nachtdienst en het weekend",
        owner="teamleider en roostermaker",
        due="2026-12-15",
        check_method="kwantitatieve indicator",
        indicator="8 van 10 diensten",
        check_date="2027-03-31",
    )
    service.add_action(
        "Vraag naasten bij het evaluatiegesprek wat zij merken van wat het team leert",
        owner="EVV'er",
        due="2027-01-10",
        check_method="feedback cliënten/naasten",
    )
    service.add_action("Intervisie", owner="praktijkopleider", due="2027-02-01")
    return service


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_actions_board_with_long_texts(snap_compare, workspace, clock, size):
    """Actions step 10 with three actions: columns Nr, Status, Deadline, Eigenaar, Check, Wat; at 80 columns
    the long 'Wat' and 'Eigenaar' texts wrap inside their columns (whole words, nothing off-screen to the
    right), at 160 they stand on one line each. The cursor is on a1."""
    assert snap_compare(app_for(workspace, clock, long_actions(workspace, clock)), terminal_size=size)


def twenty_cards(workspace: Workspace, clock: FakeClock) -> SessionService:
    service = session(workspace, clock, "visie-leren-ontwikkelen")
    service.go_to("wat-moet-leren-opleveren")
    categories = ("Cliënten", "Naasten", "Onszelf")
    texts = (
        "Meer tijd om samen te leren",
        "Naasten merken dat we vragen stellen",
        "Cliënten voelen zich gehoord als we iets nieuws proberen",
        "Plezier in het werk",
    )
    for n in range(20):
        service.add_contribution(f"{texts[n % 4]} ({n + 1})", category=categories[n % 3])
    service.add_contribution("Bel de dochter op 06-12345678", category="Naasten")
    return service


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_projector_mode_with_20_cards(snap_compare, workspace, clock, size):
    """Projector mode at the collect step with 21 cards: no agenda, no status line or notes, the prompt in a
    heavy frame of at most a third of the screen; the board fills the rest (at 80x24 about a dozen cards, at
    160x45 all of them); the last card's phone number is masked with dots."""
    assert snap_compare(app_for(workspace, clock, twenty_cards(workspace, clock)), press=["f"], terminal_size=size)


def test_qr_panel_at_80x24(snap_compare, workspace, clock):
    """80x24 after w at the collect step: the QR code (black on white, whole, with its quiet zone) takes the
    place of the board; beside it 'Meedoen met de telefoon', 'Scan de QR-code …', 'Of ga in je browser naar:', the
    address http://192.168.1.23:8765 whole on one line, 'en typ de code: …' with the session's six-character code,
    '3 telefoons doen mee' and 'w: terug naar het bord'; nothing broken over two lines."""
    service = collected(workspace, clock)
    assert snap_compare(app_for(workspace, clock, service, join_url=JOIN_URL), press=["w"], terminal_size=(80, 24))


def test_new_session_dialog_at_80x24(snap_compare, workspace, clock):
    """80x24, Enter on the first script, 'Team Noord' typed and Enter: the dialog 'Nieuwe sessie: …' with the rows
    Team (holding 'Team Noord') and Organisatie; the Organisatie row is marked (tinted row, bold label, field in
    the focus colour) because the typing goes there now; under them the buttons Starten and Annuleren and the hint
    'Enter: volgend veld · Enter in het laatste veld: starten · Esc: annuleren', all inside the screen."""
    assert snap_compare(
        app_for(workspace, clock, None), terminal_size=(80, 24), press=["enter", *"Team Noord", "enter"]
    )


async def at_the_plan(pilot) -> None:
    """Open the export preview, wait until it is drawn, and scroll it to the plan's Do table."""
    await pilot.press("x")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    preview = pilot.app.screen.query_one("#preview")
    lines = [line.strip() for line in preview.text.split("\n")]
    preview.scroll_to(y=lines.index("Do"), animate=False, immediate=True)
    await pilot.pause()


def test_export_preview_at_80x24(snap_compare, workspace, clock):
    """80x24, the export preview of three long actions scrolled to the plan's 'Do' table (ID, Wat, Waarom, Eigenaar,
    Deadline, Fase, Status): too wide for 80 columns without breaking words, so each action is a paragraph: its id
    in bold ('DL-2611-a1'), under it 'Wat: … · Eigenaar: … · Deadline: … · Fase: P · Status: gepland', wrapped at
    spaces; no word is broken, no cell ends in '…'. The footer is the preview's own: 'esc Sluiten', 'w Schrijven'."""
    service = long_actions(workspace, clock)
    assert snap_compare(app_for(workspace, clock, service), terminal_size=(80, 24), run_before=at_the_plan)
