"""The all-surfaces leak test (issue 11): one session where every kind of personal data enters through every entry
point, and every surface it can reach is rendered for real and searched for the raw values."""

from __future__ import annotations

import logging
from datetime import date

import aiohttp
import pytest

from tests.conftest import SCRIPTS
from tests.tui.screen_text import screen_lines
from workshop.cli import main as cli
from workshop.core import privacy
from workshop.core.answer_sheet import answer_sheet_html
from workshop.core.crash import crash_report
from workshop.core.export import session_summary
from workshop.core.followup import feedback_overview, lessons
from workshop.core.handout import handout_html
from workshop.core.kwaliteitsbeeld import kwaliteitsbeeld_chapter
from workshop.core.plan import plan_rows
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.web.server import ParticipantServer
from workshop.workspace import Workspace

TEAM = "Team De Linde"
# One card per kind; the raw value of each must never reach a shared surface.
CARDS = {
    "Jan de Vries": "Jan de Vries viel uit bed",
    "Yılmaz": "mevr. Yılmaz wilde niet eten",
    "kamer 12": "Op kamer 12 lag de bel op de grond",
    "Oude Gracht 12": "Haar dochter woont aan de Oude Gracht 12",
    "3 april 1941": "Geboren op 3 april 1941, zegt het dossier",
    "111222333": "Het BSN 111222333 stond op het briefje",
    "NL91ABNA0417164300": "Stort het op NL91ABNA0417164300 graag",
    "06-12345678": "Bel de zoon op 06-12345678 terug",
    "jan.devries@gmail.com": "Mail jan.devries@gmail.com over de val",
    "3511 AB": "Het adres had postcode 3511 AB erbij",
}
THEME = "Valpartijen mevr. Smit"
RAW = [*CARDS, "Smit", "Anja de Boer", "Sandra", "Henk", "Fatima El Amrani", "Amrani"]

COLLECT = "wat-gebeurde-er"
WHY = "waarom-leek-het-logisch"
GROUP = "mens-organisatie-techniek-of-client"
IDEAS = "ideeen-voor-de-toekomst"
VOTE = "beste-ideeen-kiezen"
ACTIONS = "afspraken-en-terugkoppeling"


def leaks(surface: str, text: str) -> list[str]:
    return [f"{surface}: {raw!r}" for raw in RAW if raw in text]


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


@pytest.fixture
def session(tmp_path, clock):
    workspace = Workspace(tmp_path)
    script = load_script(SCRIPTS / "incidentbespreking-vooruit.md")
    service = workspace.new_session(script, team=TEAM, clock=clock)
    yield workspace, service
    service.release()


def fill(service) -> None:
    """Every kind through every entry point: cards, a theme, an idea, an action's every field."""
    service.go_to(COLLECT)
    for text in CARDS.values():
        service.add_contribution(text)
    service.go_to(WHY)
    why = service.add_contribution("Collega Sandra vergat de bel bij Henk")
    service.go_to(GROUP)
    theme = service.create_theme(THEME, GROUP)
    service.group_card(why.id, theme.id)
    service.go_to(IDEAS)
    service.add_contribution("Henk zegt: bedhek omlaag bij Sandra")
    service.go_to(ACTIONS)
    service.add_action(
        "Bespreek de val van Jan de Vries",
        owner="Anja de Boer",
        due="2026-12-15",
        why="melding van mevr. Yılmaz op kamer 12",
        check_method="interne audit",
        indicator="Henk valt niet meer",
        check_date="2027-01-31",
        result="Sandra belde 06-12345678",
        feedback="verteld aan Fatima El Amrani",
        baseline="3511 AB",
        target="kamer 12 veilig",
    )


@pytest.mark.slow  # every surface of the app, the server and the exports: ~3 s
async def test_no_surface_shows_raw_personal_data(session, tmp_path, caplog, capsys, clock):
    caplog.set_level(logging.DEBUG)
    workspace, service = session
    fill(service)
    session_id = service.state.meta.id
    found: list[str] = []

    # Phone pages: a real server on a real port, a page per step, and the board.
    server = ParticipantServer(service)
    await server.start("127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(f"{base}/j/{server.token}") as joined:
                assert joined.status == 200
            for step in service.state.script.steps:
                service.go_to(step.id)
                async with http.get(f"{base}/s/{server.token}") as page:
                    found += leaks(f"phone page {step.id}", await page.text())
            async with http.get(f"{base}/s/{server.token}") as page:
                found += leaks("phone page after reveal", await page.text())
            if server.board_url:
                async with http.get(server.board_url.replace(server.board_url.split("/")[2], base[7:])) as board:
                    found += leaks("board", await board.text())
    finally:
        await server.stop()

    # Projector mode of the real app: every step's screen.
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    app.projector = True
    async with app.run_test(size=(160, 45)) as pilot:
        for step in service.state.script.steps:
            service.go_to(step.id)
            await pilot.pause()
            found += leaks(f"projector {step.id}", "\n".join(screen_lines(app)))

    # The facilitator's own screen may show flagged text, but marks it.
    reopened = workspace.open_session(session_id, clock=clock)
    app = WorkshopApp(workspace, session=reopened, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        reopened.go_to(ACTIONS)
        await pilot.pause()
        own = "\n".join(screen_lines(app))
        assert "Jan de Vries" in own and "⚠ privé?" in own

    # Crash output: the app's own crash handler, given an error whose message holds a card's text.
    app = WorkshopApp(workspace, session=workspace.open_session(session_id, clock=clock), clock=clock, serve=False)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(160, 45)) as pilot:
            try:  # raised and caught, as Textual meets an error in a handler
                raise RuntimeError(f"kan niet schrijven: {' / '.join(CARDS.values())}")
            except RuntimeError as error:
                app._handle_exception(error)
            crash = "\n".join(str(getattr(r, "plain", r)) for r in app._exit_renderables)
            await pilot.pause()
    crash += capsys.readouterr().err  # what the app printed on its way out
    assert "RuntimeError" in crash
    found += leaks("crash output", crash)
    found += leaks("crash report", crash_report(ValueError(THEME + " " + " ".join(CARDS.values()))))

    # Exports.
    state = workspace.read_session(session_id)
    found += leaks("summary", session_summary(state))
    found += leaks("lessons", lessons(state))
    found += leaks("handout", handout_html(state))
    found += leaks("answer sheet", answer_sheet_html(state, join_url=None, qr=None))
    found += leaks("kwaliteitsbeeld chapter", kwaliteitsbeeld_chapter(state))
    plan_path, _ = workspace.merge_plan(state)
    plan_text = plan_path.read_text(encoding="utf-8")
    found += leaks("plan", plan_text)
    found += leaks("terugkoppeling", feedback_overview(plan_rows(plan_text), team=TEAM, on=date(2026, 12, 1)))
    workspace.write_summary(session_id, session_summary(state))
    assert cli(["--workspace", str(tmp_path), "overzicht", "--op", "2026-12-01"]) == 0
    written_names = {p.name for p in (tmp_path / "exports").iterdir()}
    assert {"overzicht.md", "overzicht.html"} <= written_names and any(n.startswith("pdca-") for n in written_names)
    assert (tmp_path / "exports" / "cijfers" / f"{session_id}.json").is_file()  # the figures a shared folder gets
    for written in sorted(p for p in (tmp_path / "exports").rglob("*") if p.is_file()):
        found += leaks(f"export file {written.name}", written.read_text(encoding="utf-8", errors="replace"))
    found += leaks("workshop overzicht output", capsys.readouterr().out)
    for log_file in [*tmp_path.rglob("*.log"), *tmp_path.rglob("*.jsonl")]:
        found += leaks(f"log file {log_file.name}", log_file.read_text(encoding="utf-8", errors="replace"))

    # Logs over the whole run.
    found += leaks("logs", caplog.text)
    assert not found, "\n".join(found)


async def test_a_theme_named_with_a_name_stays_masked_on_the_vote_page_the_projector_and_the_results(
    tmp_path, caplog, clock
):
    """Voting on themes: the theme's name is the vote item's label on every phone, on the projector and in the
    results; "Valpartijen mevr. Smit" must never show "Smit"."""
    caplog.set_level(logging.DEBUG)
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team=TEAM, clock=clock)
    found: list[str] = []
    server = ParticipantServer(service)
    await server.start("127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(f"{base}/j/{server.token}") as joined:
                assert joined.status == 200
            voter = next(iter(p.id for p in service.state.participants))
            service.go_to("over-drie-jaar")
            card = service.add_contribution("Meer tijd voor scholing")
            service.go_to("themas-maken")
            theme = service.create_theme(THEME, "themas-maken")
            service.group_card(card.id, theme.id)
            found += leaks("phone page group step", await (await http.get(f"{base}/s/{server.token}")).text())
            service.go_to("stemmen-op-themas")
            service.open_voting()
            async with http.get(f"{base}/s/{server.token}") as page:
                vote_page = await page.text()
            assert "Valpartijen" in vote_page  # the theme is offered, its name's personal part masked
            found += leaks("phone vote page", vote_page)
            service.cast_vote(theme.id, voter=voter)
            service.close_voting()
            service.reveal()
            found += leaks("phone results", await (await http.get(f"{base}/s/{server.token}")).text())
            if server.board_url:
                path = "/" + server.board_url.split("/", 3)[3]
                async with http.get(base + path) as board:
                    found += leaks("board", await board.text())
        state = service.state
        found += leaks("summary", session_summary(state))
        found += leaks("lessons", lessons(state))
        found += leaks("handout", handout_html(state))
    finally:
        await server.stop()
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    app.projector = True
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        found += leaks("projector vote results", "\n".join(screen_lines(app)))
    found += leaks("logs", caplog.text)
    assert not found, "\n".join(found)


def test_the_overviews_digest_lives_with_the_session_and_goes_when_it_is_purged(tmp_path, capsys, clock):
    """The overview keeps a digest of each session (theme names: participant text) next to the session only, its
    own output stays redacted, and `workshop purge` leaves nothing of the session under sessions/."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "incidentbespreking-vooruit.md"), team=TEAM, clock=clock)
    fill(service)
    session_id = service.state.meta.id
    service.release()
    digest = tmp_path / "sessions" / ".overzicht" / f"{session_id}.json.digest"
    assert "Smit" in digest.read_text(encoding="utf-8")  # written when the app closed the session
    digest.unlink()
    for _cold_then_warm in range(2):
        assert cli(["--workspace", str(tmp_path), "overzicht", "--stdout", "--op", "2026-12-01"]) == 0
        out = capsys.readouterr().out
        assert "Valpartijen" in out and not leaks("overzicht", out)
        assert digest.is_file()
    assert not any(".overzicht" in str(p) or p.suffix == ".digest" for p in (tmp_path / "exports").rglob("*"))
    assert cli(["--workspace", str(tmp_path), "purge", session_id, "--yes"]) == 0
    assert not digest.exists() and not digest.parent.exists()
    left = [p for p in (tmp_path / "sessions").rglob("*") if p.is_file()]
    assert not [f"{p.name}: {raw!r}" for p in left for raw in RAW if raw in p.read_text("utf-8", errors="replace")]
