"""Charts for print and screen: vote bars and the rating heat table as tables of SVG cells, and the QR code as SVG.

Pure string building: no JavaScript, no fonts or images to fetch. A chart is an HTML table whose cells
hold small SVG pictures: the browser wraps long statements, a page break falls between rows (never
inside one) and the header row repeats on the next page. The colours are SVG fills, which print even
when a browser leaves out background colours (the default in most print dialogs). Colour never says
anything on its own: every bar and cell carries its number, every column its label in words.
"""

from __future__ import annotations

from html import escape

from .mdtext import counted
from .model import SCALES
from .rating_rule import mark_words
from .results import RatingResults, StatementResult, VoteResults

BAR = "#2f5d8a"  # one dark blue: reads on a beamer and prints as a clear grey
MUTED = "#595959"
# The colour of each scale value, dark enough to print as distinct greys; the text always says the same.
HUES = {
    "groen": "#2e7d32",
    "oranje": "#e07b00",
    "rood": "#c62828",
    "onbekend": "#7a7a7a",
    "1": "#c62828",
    "2": "#e07b00",
    "3": "#c9a100",
    "4": "#7cb342",
    "5": "#2e7d32",
}
BAR_SPACE = 62  # percent of the bar cell the longest bar takes; the rest holds its number

CHART_CSS = """
table.chart { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: .95em; }
table.chart th, table.chart td { border: 0; border-bottom: 1px solid #c8c8c8; padding: .3rem .35rem;
  vertical-align: middle; background: none; }
table.chart thead th { font-size: .85em; font-weight: normal; color: #595959; vertical-align: bottom; }
table.chart tr { break-inside: avoid; }
table.chart svg { display: block; width: 100%; }
table.votes td.rank { width: 4.2em; white-space: nowrap; font-weight: bold; }
table.votes td.rank small { display: block; font-weight: normal; color: #595959; }
table.votes td.label { width: 46%; }
table.votes tr.top td.label { font-weight: bold; }
table.votes svg { height: 1.7em; }
table.heat th.value { text-align: center; width: 9.5%; line-height: 1.2; vertical-align: top; }
table.heat.scale-5 th.value { width: 7.6%; }
table.heat th.value svg { width: 1.2em; height: 1.2em; margin: 0 auto .2em; }
table.heat td.value { padding: .15rem .12rem; }
table.heat td.value svg { height: 2.1em; }
table.heat td.together { width: 8.5em; font-size: .88em; line-height: 1.3; }
table.heat td.together strong { display: block; }
"""


def _dots(n: int) -> str:
    return counted(n, "stip", "stippen")


# ----- votes -------------------------------------------------------------------------------------------


def vote_chart(results: VoteResults, *, title: str) -> str:
    """Return the vote results as a table of horizontal bars, most dots first, the number written after each bar.

    Columns as in the Markdown summary: place (ties "gedeeld"), theme or card, dots. "" when there
    was nothing to vote on.
    """
    if not results.items:
        return ""
    most = max(r.votes for r in results.items) or 1
    rows = []
    for result in results.items:
        tied = " <small>gedeeld</small>" if result.tied else ""
        top = ' class="top"' if result.votes and result.rank <= 3 else ""
        length = BAR_SPACE * result.votes / most
        bar = f'<rect x="0" y="18%" width="{length:.1f}%" height="64%" fill="{BAR}"/>' if result.votes else ""
        rows.append(
            f'<tr{top}><td class="rank">{result.rank}.{tied}</td><td class="label">{escape(result.item.label)}</td>'
            f'<td class="bar"><svg role="img" aria-label="{_dots(result.votes)}">{bar}'
            f'<text x="{length + 1.5:.1f}%" y="50%" dy=".35em" font-weight="bold">{_dots(result.votes)}</text>'
            "</svg></td></tr>"
        )
    return (
        f'<table class="chart votes" aria-label="{escape(title)}"><thead><tr><th>Plaats</th>'
        "<th>Thema of kaartje</th><th>Stippen</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


# ----- ratings -----------------------------------------------------------------------------------------


def _plain(label: str) -> str:
    """A scale label without its emoji: the chart draws the colour itself."""
    return label.split(" ", 1)[1] if label[:1] in "🟢🟠🔴❓" and " " in label else label


def _together(statement: StatementResult, numeric: bool) -> str:
    parts = [f"{statement.answers} {'antwoord' if statement.answers == 1 else 'antwoorden'}"]
    if numeric:
        parts.append("gemiddeld " + ("–" if statement.mean is None else f"{statement.mean:.1f}".replace(".", ",")))
    if statement.marks:
        parts.append(f"<strong>{escape(mark_words(statement.marks))}</strong>")
    return "<br>".join(parts)


def rating_heat_table(results: RatingResults, *, title: str) -> str:
    """Return the rating results as a heat table: a row per statement, a cell per answer holding its count.

    A cell takes the answer's colour, stronger as more people gave it; the count is written in every
    cell, the column heads say the answer in words, and the last column says how many answered, the
    mean (1-5) and whether the group disagrees ("⚠ oneens") or the statement needs attention ("aandacht").
    "" when the step has no statements.
    """
    if not results.statements:
        return ""
    scale = SCALES[results.scale]
    numeric = scale.key == "1-5"
    heads = []
    for value, label in zip(scale.values, scale.labels, strict=True):
        dot = f'<svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="9" fill="{HUES[value]}"/></svg>'
        heads.append(f'<th class="value">{dot}{escape(_plain(label))}</th>')
    rows = []
    for statement in results.statements:
        peak = max(count for _value, count in statement.counts)
        cells = []
        for value, count in statement.counts:
            share = count / statement.answers if statement.answers else 0.0
            fill = (
                f'<rect x="3%" y="4%" width="94%" height="92%" rx="4" fill="{HUES[value]}" '
                f'fill-opacity="{0.15 + 0.6 * share:.2f}"/>'
                if count
                else ""
            )
            weight = ' font-weight="bold"' if count and count == peak else ""
            colour = "" if count else f' fill="{MUTED}"'
            label = f"{count} × {_plain(scale.label(value))}"
            cells.append(
                f'<td class="value"><svg role="img" aria-label="{escape(label)}">{fill}'
                f'<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-size="115%"{weight}{colour}>{count}</text>'
                "</svg></td>"
            )
        mark = ' class="focus"' if statement.focus else ""
        rows.append(
            f'<tr{mark}><td class="statement">{statement.index + 1}. {escape(statement.text)}</td>'
            + "".join(cells)
            + f'<td class="together">{_together(statement, numeric)}</td></tr>'
        )
    size = " scale-5" if len(scale.values) == 5 else ""
    return (
        f'<table class="chart heat{size}" aria-label="{escape(title)}"><thead><tr><th>Stelling</th>'
        + "".join(heads)
        + "<th>Samen</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


# ----- the QR code -------------------------------------------------------------------------------------


def qr_svg(matrix: list[list[bool]], *, title: str) -> str:
    """Return a QR code (rows of modules, True = dark, quiet zone included) as a black-on-white SVG.

    One path of horizontal runs, crisp edges: scanners read it from paper and from a screenshot.
    """
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/><path fill="#000000" d="{"".join(runs)}"/></svg>'
    )
