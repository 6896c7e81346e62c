"""The printable handout of a session: the Markdown summary as one self-contained HTML page, with SVG charts.

The text is the summary itself (`export.session_summary`, rendered with markdown-it-py), so the
handout says exactly what the Markdown says and redacts exactly as it does: flagged text stays
`[verwijderd: ...]` unless the facilitator released it, hidden cards stay out. The vote and rating
tables are drawn as charts (`svgcharts`) that carry every number of the table they replace. The
improvement plan starts on a new page, so it can go on the notice board by itself.
"""

from __future__ import annotations

import secrets

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .export import format_date, rating_table, session_summary, vote_table
from .model import SessionState
from .printpage import BASE_CSS, document, page_css
from .redaction import redacted_state
from .results import tally_ratings, tally_votes
from .svgcharts import CHART_CSS, rating_heat_table, vote_chart

# Raw HTML in a prompt is shown as text, and images are off: a handout never loads anything.
_MD = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")

HANDOUT_CSS = """
h2.plan { break-before: page; }
table.keep { break-inside: avoid; }
h1 + ul { list-style: none; padding: 0; margin: 0 0 1rem; }
@media screen { h2.plan { margin-top: 2.5rem; } }
"""
KEEP_ROWS = 8  # a table this short is never split over two pages
CONFIDENTIAL = "Vertrouwelijk: alleen voor intern gebruik"


def handout_html(state: SessionState) -> str:
    """Return the handout of a session: a whole HTML document for screen and A4, without scripts or links out.

    Same content and redaction as `session_summary(state)`; votes and ratings as SVG charts.
    """
    summary, figures = _summary_with_charts(state)
    tokens = _MD.parse(summary)
    _mark_page_breaks(tokens)
    body = _MD.renderer.render(tokens, _MD.options, {})
    for placeholder, chart in figures.items():
        body = body.replace(f"<p>{placeholder}</p>", chart)
    meta = state.meta
    day = format_date(meta.created_at)
    css = (
        BASE_CSS
        + CHART_CSS
        + HANDOUT_CSS
        + page_css(
            header_left=f"{meta.title} — {meta.team}", header_right=day, footer_left=f"{CONFIDENTIAL} · {meta.id}"
        )
    )
    footer = f'<p class="doc-footer">{CONFIDENTIAL}. Samenvatting van sessie <code>{meta.id}</code>.</p>'
    return document(title=f"{meta.title} — {meta.team} ({day})", body=body + footer, css=css)


def _summary_with_charts(state: SessionState) -> tuple[str, dict[str, str]]:
    """Return the summary with each vote and rating table swapped for a placeholder, and the chart per placeholder.

    The tables are found by rendering them again with the exporter's own functions, from the same
    redacted state, in agenda order. Should a table not be found, it simply stays a table.
    """
    summary = session_summary(state)
    shown = redacted_state(state)
    # Placeholders carry a random part, so no text in the summary can pose as one.
    nonce = secrets.token_hex(8)
    figures: dict[str, str] = {}
    cursor = 0
    for number, step in enumerate(shown.script.steps, 1):
        title = step.title
        if step.kind == "vote":
            votes = tally_votes(shown, step)
            lines, chart = vote_table(votes), vote_chart(votes, title=f"Stemmen: {title}")
        elif step.scale_spec is not None:
            ratings = tally_ratings(shown, step)
            lines, chart = rating_table(ratings), rating_heat_table(ratings, title=f"Scores: {title}")
        else:
            continue
        table = "\n".join(line for line in lines if line.startswith("|"))
        at = summary.find(table, cursor) if table and chart else -1
        if at < 0:
            continue
        placeholder = f"CHART{nonce}X{number}"
        summary = summary[:at] + placeholder + summary[at + len(table) :]
        cursor = at + len(placeholder)
        figures[placeholder] = chart
    return summary, figures


def _mark_page_breaks(tokens: list[Token]) -> None:
    """Start the improvement plan on a new page, and keep short tables on one page."""
    rows, table = 0, None
    for token, after in zip(tokens, tokens[1:] + [Token("end", "", 0)], strict=True):
        if token.type == "heading_open" and token.tag == "h2" and after.content.startswith("Verbeterplan"):
            token.attrSet("class", "plan")
        elif token.type == "table_open":
            rows, table = 0, token
        elif token.type == "tr_open":
            rows += 1
        elif token.type == "table_close" and table is not None and rows <= KEEP_ROWS + 1:
            table.attrSet("class", "keep")
