"""The organisation overview as one printable HTML page with SVG charts: no JavaScript, no network, A4.

The same figures and the same redaction as the Markdown (overview_text.py); charts carry every number in words
too (colour never says anything alone), like the session handout (svgcharts.py, printpage.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .mdtext import format_date
from .model import SCALES
from .overview import Overview, Point, TeamFigures, Trend, trend_report
from .overview_text import (
    ALL_CHANGES,
    LEGEND,
    LOCATIONS,
    LOCATIONS_NOTE,
    TREND_LEGEND,
    attention_items,
    empty_text,
    no_own_plan,
    reading_notes,
    sessions_cell,
    summary_line,
    trend_notes,
    trend_words,
)
from .printpage import BASE_CSS, document, page_css
from .privacy import redact
from .rating_rule import RULE_NL, mark_words
from .results import StatementResult
from .svgcharts import BAR, CHART_CSS, HUES

OVERVIEW_CSS = """
table.teams td.num { text-align: right; white-space: nowrap; }
table.teams td.warn { font-weight: bold; }
table.teams td.bar { width: 30%; }
table.teams td.bar svg, table.trend svg, table.side svg, table.themes svg { display: block; width: 100%; }
table.side td.name { width: 30%; }
table.themes td.bar { width: 38%; font-size: .9em; }
table.themes svg { height: 1.2em; }
table.teams svg { height: 1.5em; }
table.side td.cell { text-align: center; font-size: .85em; white-space: nowrap; }
table.side svg { height: 1.1em; margin-bottom: .15em; }
table.trend svg { height: 1.1em; }
table.trend td.arrow { font-size: 1.05em; white-space: nowrap; font-weight: bold; }
.legend { color: #333333; font-size: .9em; }
svg.key { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin: 0 .2em 0 .5em; }
h1 + p { color: #555555; }
"""
STATUS_COLOURS = (("open", BAR), ("klaar", HUES["groen"]), ("gestopt", HUES["onbekend"]))
CONFIDENTIAL = "Vertrouwelijk: alleen voor intern gebruik"


def overview_html(overview: Overview, *, title: str = "Overzicht van de teams") -> str:
    """Return the overview as a whole HTML document for screen and A4 (self-contained, a strict CSP)."""
    day = f"{overview.today:%d-%m-%Y}"
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(summary_line(overview))}</p>",
        *(f'<p class="note"><strong>{escape(note)}</strong></p>' for note in reading_notes(overview)),
        _teams(overview),
        _themes(overview),
        _bouwstenen(overview),
        _trends(overview),
    ]
    if overview.problems:
        items = "".join(f"<li><code>{escape(p)}</code>: {escape(why)}</li>" for p, why in overview.problems)
        parts.append(f"<h2>Niet gelezen of niet duidelijk</h2><ul>{items}</ul>")
    parts.append(
        '<h2>Leeswijzer</h2><ul class="legend">'
        + "".join(f"<li>{_strong(text)}</li>" for text in (LEGEND, TREND_LEGEND, RULE_NL))
        + "</ul>"
    )
    hidden = trend_report(overview.trends).hidden if overview.trends else ()
    if hidden:  # every signal the short trend table leaves out, after the legend (page one stays short)
        parts.append(f"<h2>{escape(ALL_CHANGES)}</h2>" + _trend_table(hidden))
    parts.append(f'<p class="doc-footer">{CONFIDENTIAL}. Gemaakt met <code>workshop overzicht</code>.</p>')
    css = BASE_CSS + CHART_CSS + OVERVIEW_CSS + page_css(header_left=title, header_right=day, footer_left=CONFIDENTIAL)
    return document(title=f"{title} ({day})", body="\n".join(parts), css=css)


def _key(colour: str) -> str:
    """A small square of `colour` before a word in a legend."""
    return f'<svg class="key" aria-hidden="true"><rect width="100%" height="100%" fill="{colour}"/></svg>'


def _strong(text: str) -> str:
    """Escape `text` and turn its **bold** parts into <strong>."""
    pieces = escape(text).split("**")
    return "".join(f"<strong>{p}</strong>" if n % 2 else p for n, p in enumerate(pieces))


# ----- per team ----------------------------------------------------------------------------------------


def _teams(overview: Overview) -> str:
    if not overview.teams:
        html = "<h2>Per team</h2><p><em>Geen plannen gevonden (pdca-*.md).</em></p>"
    else:
        html = "<h2>Per team</h2>" + _figures_table("Team", overview.teams, overview)
    if overview.locations:  # a location is no team: apart, with what makes it so
        html += f"<h2>{escape(LOCATIONS)}</h2><p><em>{escape(LOCATIONS_NOTE)}</em></p>" + _figures_table(
            "Locatie", overview.locations, overview
        )
    return html


def _figures_table(label: str, figures: Sequence[TeamFigures], overview: Overview) -> str:
    most = max((f.open + f.done + f.stopped for f in figures), default=0) or 1
    rows = []
    for f in figures:
        if f.problem or not f.path:
            said = "plan niet te lezen: zie onder" if f.problem else no_own_plan(f, overview)
            rows.append(
                f'<tr><td>{escape(f.team)}</td><td colspan="6">{escape(said)}</td>'
                f'<td class="num">{escape(sessions_cell(f))}</td></tr>'
            )
            continue
        rows.append(
            f"<tr><td>{escape(f.team)}</td>"
            + _number(f.open, False)
            + _number(f.done, False)
            + f'<td class="bar">{_status_bar(f, most)}</td>'
            + "".join(_number(n, warn) for n, warn in ((f.overdue, True), (f.carried, True), (f.untold, True)))
            + f'<td class="num">{escape(sessions_cell(f))}</td>'
            + "</tr>"
        )
    keys = "".join(_key(colour) + name for name, colour in STATUS_COLOURS)
    per = "team" if label == "Team" else "locatie"
    table = (
        f'<p class="legend">Acties per {per}:{keys}</p>'
        f'<table class="chart teams" aria-label="Acties per {per}"><thead><tr><th>{label}</th><th>Open</th>'
        "<th>Klaar</th><th>Verdeling</th><th>Te laat</th><th>Doorgeschoven 2× of vaker</th>"
        "<th>Nog niet teruggekoppeld</th><th>Sessies</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    attention = [f for f in figures if f.attention or f.problem]
    if attention:
        table += "<h3>Wat aandacht vraagt</h3>" + "".join(_attention(f, overview) for f in attention)
    return table


def _status_bar(f: TeamFigures, most: int) -> str:
    """A stacked bar of open, klaar and gestopt actions, each part with its number in it (and all in words)."""
    x = 0.0
    shapes, words = [], []
    for (name, colour), count in zip(STATUS_COLOURS, (f.open, f.done, f.stopped), strict=True):
        if not count:
            continue
        width = 100 * count / most
        shapes.append(f'<rect x="{x:.1f}%" y="15%" width="{width:.1f}%" height="70%" fill="{colour}"/>')
        if width >= 8:
            shapes.append(
                f'<text x="{x + width / 2:.1f}%" y="50%" dy=".35em" text-anchor="middle" fill="#ffffff" '
                f'font-weight="bold">{count}</text>'
            )
        words.append(f"{count} {name}")
        x += width
    label = ", ".join(words) or "geen acties"
    return f'<svg role="img" aria-label="{escape(label)}">{"".join(shapes)}</svg>'


def _number(n: int, warn: bool) -> str:
    return f'<td class="num{" warn" if warn and n else ""}">{n}</td>'


def _attention(f: TeamFigures, overview: Overview) -> str:
    if f.problem:
        items = f"<li>Het plan kan niet gelezen worden: {escape(f.problem)}</li>"
    else:
        found = attention_items(f, overview.today)
        items = "".join(f"<li>{escape(i)} {escape(what)} — {escape(why)}</li>" for i, what, why in found)
        more = len(f.attention) - len(found)
        if more > 0:
            items += f"<li><em>en nog {more}; zie <code>workshop agenda --team</code></em></li>"
    return f"<p><strong>{escape(f.team)}</strong></p><ul>{items}</ul>"


# ----- themes ------------------------------------------------------------------------------------------


def _themes(overview: Overview) -> str:
    cycles = [c for c in overview.themes if c.themes]
    if not cycles:
        return f"<h2>Thema's per cyclus</h2><p><em>{escape(empty_text(overview, 'themes'))}</em></p>"
    parts = ["<h2>Thema's per cyclus</h2>"]
    for cycle in cycles:
        most = max(score.dots for score, _teams in cycle.themes) or 1
        rows = []
        for score, teams in cycle.themes:
            length = 100 * score.dots / most
            bar = f'<rect x="0" y="10%" width="{length:.1f}%" height="80%" fill="{BAR}"/>' if score.dots else ""
            words = f"{score.dots} stip{'pen' if score.dots != 1 else ''}, {score.cards} kaartje(s)"
            rows.append(
                f'<tr><td class="label">{escape(redact(score.name))}</td><td class="bar"><svg role="img" '
                f'aria-label="{words}">{bar}</svg>{words}</td><td>{escape(", ".join(teams))}</td></tr>'
            )
        parts.append(
            f"<h3>{escape(cycle.label)} ({cycle.sessions} sessie(s))</h3>"
            f'<table class="chart themes" aria-label="Thema\'s {escape(cycle.label)}"><thead><tr><th>Thema</th>'
            "<th>Stippen en kaartjes</th><th>Teams</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return "".join(parts)


# ----- bouwstenen side by side -------------------------------------------------------------------------


def _bouwstenen(overview: Overview) -> str:
    columns = overview.bouwstenen
    if not columns:
        return f"<h2>Bouwstenen naast elkaar</h2><p><em>{escape(empty_text(overview, 'bouwstenen'))}</em></p>"
    statements: list[str] = []
    for column in columns:
        statements += [s.text for s in column.results.statements if s.text not in statements]
    heads = "".join(f"<th>{escape(c.team)}<br><small>{format_date(c.day)}</small></th>" for c in columns)
    rows = []
    for text in statements:
        cells = []
        for column in columns:
            found = next((s for s in column.results.statements if s.text == text), None)
            cells.append(f'<td class="cell">{_spread(found) if found else "–"}</td>')
        rows.append(f'<tr><td class="name">{escape(text)}</td>{"".join(cells)}</tr>')
    scale = SCALES["bouwsteen"]
    keys = " · ".join(_key(HUES[v]) + escape(label[2:]) for v, label in zip(scale.values, scale.labels, strict=True))
    return (
        "<h2>Bouwstenen naast elkaar</h2>"
        f'<table class="chart side" aria-label="Bouwstenen per sessie"><thead><tr><th>Bouwsteen</th>{heads}</tr>'
        "</thead><tbody>" + "".join(rows) + f'</tbody></table><p class="legend">{keys}</p>'
    )


def _spread(statement: StatementResult) -> str:
    """A stacked bar of one statement's answers, and the counts in words under it."""
    total = statement.answers or 1
    x = 0.0
    shapes = []
    for value, count in statement.counts:
        if count:
            width = 100 * count / total
            shapes.append(f'<rect x="{x:.1f}%" y="0" width="{width:.1f}%" height="100%" fill="{HUES[value]}"/>')
            x += width
    marks = {"groen": "🟢", "oranje": "🟠", "rood": "🔴", "onbekend": "❓"}
    words = " ".join(f"{marks.get(v, v)}{c}" for v, c in statement.counts)
    note = f" <strong>{escape(mark_words(statement.marks))}</strong>" if statement.marks else ""
    return f'<svg role="img" aria-label="{escape(words)}">{"".join(shapes)}</svg>{words}{note}'


# ----- trends ------------------------------------------------------------------------------------------


def _trends(overview: Overview) -> str:
    if not overview.trends:
        return f"<h2>Trends in scores</h2><p><em>{escape(empty_text(overview, 'trends'))}</em></p>"
    report = trend_report(overview.trends)
    table = _trend_table(report.shown) if report.shown else ""
    notes = trend_notes(report)
    listed = "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>" if notes else ""
    return "<h2>Trends in scores</h2>" + table + listed


def _trend_table(trends: Sequence[Trend]) -> str:
    rows = "".join(_trend_row(t) for t in trends)
    return (
        '<table class="chart trend" aria-label="Trends in scores"><thead><tr><th>Team</th><th>Stelling</th>'
        "<th>Vorige keer</th><th>Nu</th><th>Trend</th></tr></thead><tbody>" + rows + "</tbody></table>"
    )


def _trend_row(trend: Trend) -> str:
    before, now = trend.points[-2], trend.points[-1]
    return (
        f"<tr><td>{escape(trend.team)}</td><td>{escape(trend.statement)}</td><td>{_share(before)}</td>"
        f'<td>{_share(now)}</td><td class="arrow">{escape(trend_words(trend))}</td></tr>'
    )


def _share(p: Point) -> str:
    words = f"{p.red} van {p.on_scale} 🔴 ({round(100 * p.share)}%)"
    bar = f'<rect x="0" y="0" width="{100 * p.share:.1f}%" height="100%" fill="{HUES["rood"]}"/>'
    frame = '<rect x="0" y="0" width="100%" height="100%" fill="none" stroke="#b5b5b5"/>'
    return (
        f'<svg role="img" aria-label="{escape(words)}">{bar}{frame}</svg>{words}<br><small>{format_date(p.day)}</small>'
    )
