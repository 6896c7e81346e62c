"""The paper answer sheet: every question of the session to tick or write, the join details, nothing said in it."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, SCRIPTS
from tests.core import htmlcheck
from workshop.core.answer_sheet import CARD_LINES, PRIVACY_LINE, answer_sheet_html
from workshop.core.join_code import format_join_code, join_code
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

URL = "http://192.168.1.20:8765/j/abcdefghijklmnopqrstuv"
QR = [[(x * y + x) % 3 == 0 for x in range(29)] for y in range(29)]


def start(path, clock, session_id="s1") -> SessionService:
    return SessionService.start(
        load_script(path),
        team="Team De Linde",
        organisation="Zorggroep Oost",
        store=MemoryStore(),
        session_id=session_id,
        clock=clock,
    )


def test_the_mantelzorg_sheet_asks_every_statement_with_the_four_answers(clock):
    service = start(SCRIPTS / "mantelzorg-drempelcheck.md", clock)
    state = service.state
    page = htmlcheck.read(answer_sheet_html(state, join_url=URL, qr=QR))
    rate = next(s for s in state.script.steps if s.kind == "rate")
    (ticks,) = [t for t in page.tables if "tick" in t.classes]
    assert ticks.rows[0] == [
        "Stelling",
        "🟢 geregeld en werkt",
        "🟠 deels of alleen op papier",
        "🔴 ontbreekt",
        "❓ weet ik niet",
    ]
    assert [row[0] for row in ticks.rows[1:]] == [f"{n}. {text}" for n, text in enumerate(rate.statements, 1)]
    assert all(row[1:] == ["", "", "", ""] for row in ticks.rows[1:])  # four empty boxes each
    steps = [text for tag, text in page.headings if tag == "h2"]
    asked = [
        f"Stap {n} · {step.title}"
        for n, step in enumerate(state.script.steps, 1)
        if step.scale_spec is not None or step.kind in ("collect", "vote")
    ]
    assert steps == asked and [s.split(" · ")[1] for s in steps] == [
        "Drempelcheck",
        "Drempels",
        "Wat pakken we eerst aan?",
    ]
    assert PRIVACY_LINE in page.text
    assert f"Code: {format_join_code(join_code(state.meta.join_token))}" in page.text
    assert URL in page.text
    assert "Team De Linde (Zorggroep Oost) · 23-11-2026" in page.text
    html = answer_sheet_html(state, join_url=URL, qr=QR)
    assert html.count('<div class="lines"><div></div>') == 1 and html.count("<div></div>") == CARD_LINES
    service.release()


def test_a_1_to_5_question_gets_five_boxes_and_fixed_options_a_box_each(clock, tmp_path):
    text = (
        (FIXTURES / "mini.md")
        .read_text(encoding="utf-8")
        .replace("- on: Groeperen\n", "- options:\n  - Rooster\n  - Scholing\n  - Overdracht\n")
    )
    script = tmp_path / "opties.md"
    script.write_text(text, encoding="utf-8")
    service = start(script, clock)
    page = htmlcheck.read(answer_sheet_html(service.state, join_url=None, qr=None))
    ticks = [t for t in page.tables if "tick" in t.classes]
    assert [t.rows[0] for t in ticks] == [
        ["Keuze", "Stippen"],
        ["Stelling", "🟢 geregeld en werkt", "🟠 deels of alleen op papier", "🔴 ontbreekt", "❓ weet ik niet"],
        ["Stelling", "1", "2", "3", "4", "5"],
    ]
    assert [row[0] for row in ticks[0].rows[1:]] == ["1. Rooster", "2. Scholing", "3. Overdracht"]
    assert ticks[2].rows[1] == ["1. Slot", "", "", "", "", ""]
    assert "Je hebt 3 stippen (hoogstens 2 per keuze)." in page.text
    # Without a link: no QR code, and the sheet says where to find it.
    assert "svg" not in [tag for tag, _ in page.tags]
    assert "De begeleider laat de QR-code op het scherm zien." in page.text
    service.release()


def test_the_qr_code_is_drawn_module_for_module(clock):
    service = start(FIXTURES / "mini.md", clock)
    html = answer_sheet_html(service.state, join_url=URL, qr=QR)
    path = html.split('<path fill="#000000" d="', 1)[1].split('"', 1)[0]
    drawn = [[False] * 29 for _ in range(29)]
    for run in path.split("z")[:-1]:
        x, rest = run[1:].split(" ", 1)
        y, width = rest.split("h", 1)
        for dx in range(int(width.split("v")[0])):
            drawn[int(y)][int(x) + dx] = True
    assert drawn == QR
    service.release()


@pytest.mark.parametrize("name", ["visie-leren-ontwikkelen.md", "incidentbespreking-vooruit.md"])
def test_nothing_a_participant_said_is_on_the_sheet(name, clock):
    service = start(SCRIPTS / name, clock)
    service.join()
    for step in service.state.script.steps:
        if step.kind == "collect":
            service.go_to(step.id)
            category = service.state.categories(step.id)[0] if service.state.categories(step.id) else None
            if step.pick:
                category = service.choose_categories(list(step.categories[: step.pick]))[0]
            service.add_contribution("Bel mevr. Jansen op 06-12345678", category=category)
    html = answer_sheet_html(service.state, join_url=URL, qr=QR)
    assert "Jansen" not in html and "06-12345678" not in html
    service.release()
