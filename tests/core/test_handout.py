"""The printable handout: the summary's own text and redaction, charts for every result, nothing that loads or runs."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES
from tests.core import htmlcheck, mdcheck
from workshop.core.export import session_summary
from workshop.core.handout import handout_html
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

PHONE = "Bel de dochter op 06-12345678 voor het overleg"
BSN = "Cliënt met BSN 111222333 valt vaak 's nachts"
NAME = "Mevr. Jansen wil vaker bezoek van haar zoon"
EMAIL = "Mail het rooster naar p.devries@zorggroep.nl"
HIDDEN = "Dhr. Bakker in kamer 12 is boos"
RELEASED = "Bel de huisarts op 0201234567 bij twijfel"
RAW = ("06-12345678", "111222333", "Jansen", "p.devries", "zorggroep.nl", "Bakker", "kamer 12")


@pytest.fixture
def service(clock):
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="Team De Linde", store=MemoryStore(), session_id="s1", clock=clock
    )
    yield service
    service.release()


def run_mini(service: SessionService) -> None:
    """A small session with flagged cards, a hidden one, a released one, a flagged theme and a flagged action."""
    # Two people: the mini script's minimum group size, so every count is shown (results.anonymous).
    voters = [service.join().id, service.join().id]
    service.advance()  # Ideeën
    cards = [
        service.add_contribution(text, category="A")
        for text in (PHONE, BSN, NAME, "Vaste leertijd in het rooster", RELEASED)
    ]
    service.hide_contribution(service.add_contribution(HIDDEN, category="A").id)
    service.release_card(cards[4].id)
    service.advance()  # Groeperen
    theme = service.create_theme("Afspraken met mevr. Jansen")
    service.group_card(cards[2].id, theme.id)
    service.advance()  # Stemmen: the theme and the ungrouped cards, flagged ones among them
    service.open_voting()
    for voter in voters:
        service.cast_vote(cards[0].id, voter=voter)
        service.cast_vote(cards[1].id, voter=voter)
        service.cast_vote(theme.id, voter=voter)
    service.close_voting()
    service.advance()  # Scores
    for voter in voters:
        service.rate(0, "groen", voter=voter)
        service.rate(1, "rood", voter=voter)
    service.advance()  # Slot
    for voter in voters:
        service.rate(0, "4", voter=voter)
    service.add_action(EMAIL, owner="teamleider", due="2026-12-15", why=NAME, indicator="8 van 10")


def without_tables(text: str) -> list[str]:
    return htmlcheck.read(re.sub(r"<table.*?</table>", "", text, flags=re.S)).lines()


def test_the_handout_says_what_the_summary_says(service):
    run_mini(service)
    md = session_summary(service.state)
    html = handout_html(service.state)
    page = htmlcheck.read(html)
    # Outside the tables, the handout is the summary, line by line, plus the confidentiality line.
    outside = "\n".join(line for line in md.split("\n") if not line.startswith("|"))
    plain = MarkdownIt("commonmark").enable("table").render(outside)
    assert without_tables(html) == htmlcheck.read(plain).lines() + [
        "Vertrouwelijk: alleen voor intern gebruik. Samenvatting van sessie s1."
    ]
    assert [text for tag, text in page.headings if tag == "h2"] == mdcheck.headings(md, 2)
    # Tables that are not results stay tables, cell for cell.
    md_tables = mdcheck.tables(md)
    plain_tables = [t for t in md_tables if t[0][0] not in ("Plaats", "Stelling")]
    assert [t.rows for t in page.tables if "chart" not in t.classes] == plain_tables


def test_every_vote_and_rating_table_becomes_a_chart_with_the_same_numbers(service):
    run_mini(service)
    md = session_summary(service.state)
    page = htmlcheck.read(handout_html(service.state))
    (vote_table,) = [t for t in mdcheck.tables(md) if t[0][0] == "Plaats"]
    (votes,) = page.charts("votes")
    assert votes.rows[0] == ["Plaats", "Thema of kaartje", "Stippen"]
    assert votes.svgs == len(vote_table) - 1
    chart = [(r[0].replace(".", "").replace(" gedeeld", " (gedeeld)"), r[1], r[2].split()[0]) for r in votes.rows[1:]]
    assert chart == [tuple(row) for row in vote_table[1:]]
    rating_tables = [t for t in mdcheck.tables(md) if t[0][0] == "Stelling"]
    heats = page.charts("heat")
    assert len(heats) == len(rating_tables) == 2  # the traffic light and the 1-5 question
    for heat, table in zip(heats, rating_tables, strict=True):
        assert heat.svgs == (len(table) - 1) * (len(heat.rows[0]) - 2) + len(heat.rows[0]) - 2
        answers = table[0].index("Antwoorden")
        for row, md_row in zip(heat.rows[1:], table[1:], strict=True):
            assert row[0].split(". ", 1)[1] == md_row[0]
            assert row[1:answers] == md_row[1:answers]  # the count of every answer
            assert row[-1].startswith(f"{md_row[answers]} antwoord")
            assert ("⚠ oneens" in row[-1]) == ("⚠ oneens" in md_row[-1])
    assert "gemiddeld 4,0" in heats[1].rows[1][-1]


def test_flagged_text_is_redacted_in_text_and_charts_and_hidden_cards_stay_out(service):
    run_mini(service)
    html = handout_html(service.state)
    for raw in RAW:
        assert raw not in html, raw
    page = htmlcheck.read(html)
    (votes,) = page.charts("votes")
    labels = [row[1] for row in votes.rows[1:]]
    assert "Bel de dochter op [verwijderd: telefoonnummer] voor het overleg" in labels
    assert "Afspraken met [verwijderd: naam]" in labels  # a theme's name is always scanned
    assert "[verwijderd: e-mailadres]" in page.text
    assert RELEASED in page.text  # the facilitator released it: as in the summary
    assert RELEASED in session_summary(service.state)


HOSTILE = (
    "<script>alert('x')</script>",
    '<img src="http://voorbeeld.nl/x.png" onerror="alert(1)">',
    "![beeld](http://voorbeeld.nl/x.png)",
    "</style><script>alert(2)</script>",
    "CHART0000X4",
)


def test_nothing_in_a_handout_can_run_or_load(service, clock):
    voter = service.join().id
    service.advance()
    for text in HOSTILE:
        service.add_contribution(text, category="A")
    service.advance()
    service.advance()
    service.open_voting()
    service.cast_vote(service.vote_items()[0].id, voter=voter)
    html = handout_html(service.state)
    page = htmlcheck.read(html)
    assert not [tag for tag, _ in page.tags if tag in ("script", "img", "iframe", "object", "embed", "link")]
    assert not [a for _, a in page.tags if any(k.startswith("on") or k in ("src", "href") for k in a)]
    assert "url(" not in html and "@import" not in html
    assert "default-src 'none'" in html  # and the page's CSP forbids it all anyway
    for text in HOSTILE:  # shown as the text people typed
        assert text in page.text or " ".join(text.split()) in page.text


def test_the_plan_starts_on_a_new_page_and_the_running_header_names_team_and_date(service):
    run_mini(service)
    html = handout_html(service.state)
    assert '<h2 class="plan">Verbeterplan (PDCA)</h2>' in html
    assert '@top-left { content: "Test — Team De Linde";' in html
    assert '@top-right { content: "23-11-2026";' in html


def test_a_team_name_cannot_break_out_of_the_css(clock):
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"),
        team='Team "X" </style><script>',
        store=MemoryStore(),
        session_id="s2",
        clock=clock,
    )
    html = handout_html(service.state)
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<" not in style and '"X"' not in style
    assert not [tag for tag, _ in htmlcheck.read(html).tags if tag == "script"]
