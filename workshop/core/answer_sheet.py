"""The paper answer sheet of a session, for people without a smartphone: one A4 HTML page (two at most).

It holds what the session asks of everyone, in agenda order: the statements of every step with a
scale (boxes to tick: 🟢🟠🔴❓, or 1 to 5), ruled lines for the cards of every `collect` step, and
for votes the fixed options (a box for the number of dots) or lines for the choices made on the
day. On top: the session, the QR code and link for those who do have a phone after all, the short
join code, and the privacy line. The facilitator later enters each sheet as one person without a
phone (the app's proxy answers), so the sheet carries the step and statement numbers the app shows.
Nothing a participant said is on it: only the script, the team and the session's join details.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from .export import format_date
from .join_code import format_join_code, join_code
from .mdtext import counted
from .model import SessionState, Step
from .printpage import BASE_CSS, document, page_css
from .svgcharts import qr_svg

_MD = MarkdownIt("commonmark", {"html": False}).disable("image")

PRIVACY_LINE = "Geen namen, geen BSN, geen geboortedata: gebruik rollen ('de bewoner')."
CARD_LINES = 4  # ruled lines per collect step: one card each
HOW = (
    "Geen smartphone? Vul dan dit blad in. Zet je naam er niet op. Geef het blad aan de begeleider: "
    "die zet je antwoorden in de sessie, net zo anoniem als die van de telefoons. Daarna wordt het blad vernietigd."
)

SHEET_CSS = """
body { font-size: 1rem; }
.head { display: flex; gap: 1.2rem; align-items: flex-start; justify-content: space-between; }
.head .who { flex: 1 1 auto; }
.kicker { margin: 0; font-size: .9em; letter-spacing: .06em; text-transform: uppercase; color: #595959; }
.head h1 { margin: .1rem 0 .2rem; }
.head .team { margin: 0 0 .4rem; font-weight: bold; }
.head .how { margin: 0 0 .4rem; font-size: .92em; }
.head .number { margin: 0; font-size: .9em; color: #333333; }
.join { flex: 0 0 11.5rem; text-align: center; font-size: .82em; }
.join svg.qr { display: block; width: 8.5rem; height: 8.5rem; margin: 0 auto .2rem; }
.join .link { word-break: break-all; font-size: .92em; margin: .15rem 0; }
.join .code { margin: .25rem 0 0; font-size: 1.05em; }
.join .code strong { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace;
  font-size: 1.25em; letter-spacing: .08em; }
.privacy { margin: .6rem 0 .4rem; padding: .35rem .6rem; border: 2px solid #1a1a1a; font-weight: bold; }
section.step { margin-top: .8rem; }
section.step.keep { break-inside: avoid; }
section.step h2 { margin: .5rem 0 .15rem; }
.ask { margin: .1rem 0 .35rem; }
.hint { margin: 0 0 .3rem; font-size: .9em; color: #333333; }
table.tick { border-collapse: collapse; width: 100%; margin: .2rem 0 .4rem; }
table.tick th, table.tick td { border: 0; border-bottom: 1px solid #9a9a9a; padding: .22rem .3rem;
  vertical-align: middle; background: none; }
table.tick thead th { font-size: .8em; font-weight: normal; text-align: center; line-height: 1.15;
  vertical-align: top; }
table.tick thead th:first-child { text-align: left; vertical-align: bottom; }
table.tick td.box, table.tick th.value { width: 11%; text-align: center; }
table.tick.scale-5 td.box, table.tick.scale-5 th.value { width: 7.5%; }
table.tick th.value .sign { display: block; font-size: 1.35em; line-height: 1.2; }
table.tick tr { break-inside: avoid; }
.box i { display: inline-block; width: 1.35em; height: 1.35em; border: 1.5px solid #1a1a1a; border-radius: 2px;
  vertical-align: middle; }
.lines { margin: .1rem 0 .2rem; }
.lines div { height: 2.05rem; border-bottom: 1px solid #6f6f6f; break-inside: avoid; }
.lines div span { font-size: .8em; color: #595959; }
@media print {
  body { font-size: 10pt; }
  .head h1 { font-size: 16pt; }
  section.step h2 { font-size: 12pt; }
  .join svg.qr { width: 34mm; height: 34mm; }
  .lines div { height: 8.5mm; }
}
"""


def answer_sheet_html(state: SessionState, *, join_url: str | None, qr: list[list[bool]] | None) -> str:
    """Return the answer sheet of a session as a whole HTML document for A4.

    `join_url` is the link phones use (None: the sheet says the facilitator shows it) and `qr` its QR
    code as rows of modules (see web/qr.py), drawn as inline SVG. The short join code comes from the
    session's join token.
    """
    meta = state.meta
    day = format_date(meta.created_at)
    team = escape(meta.team) + (f" ({escape(meta.organisation)})" if meta.organisation else "")
    sections = [_section(state, number, step) for number, step in enumerate(state.script.steps, 1)]
    body = (
        '<div class="head"><div class="who"><p class="kicker">Antwoordblad</p>'
        f'<h1>{escape(meta.title)}</h1><p class="team">{team} · {day}</p>'
        f'<p class="how">{escape(HOW)}</p><p class="number">Blad nr. (voor de begeleider): ________</p></div>'
        f"{_join_box(meta.join_token, join_url, qr)}</div>"
        f'<p class="privacy">{escape(PRIVACY_LINE)}</p>' + "".join(s for s in sections if s)
    )
    css = (
        BASE_CSS
        + SHEET_CSS
        + page_css(
            header_left=f"Antwoordblad — {meta.title} — {meta.team}",
            header_right=day,
            footer_left="Lever dit blad in bij de begeleider",
            margin="13mm 14mm 13mm",
        )
    )
    return document(title=f"Antwoordblad — {meta.title} — {meta.team}", body=body, css=css)


def _join_box(token: str, join_url: str | None, qr: list[list[bool]] | None) -> str:
    code = join_code(token)
    parts = ['<div class="join">']
    if join_url and qr:
        parts.append(qr_svg(qr, title=f"QR-code: {join_url}"))
        parts.append(f'<p>Toch een telefoon? Scan de code, of ga naar:</p><p class="link">{escape(join_url)}</p>')
    else:
        parts.append("<p>Toch een telefoon? De begeleider laat de QR-code op het scherm zien.</p>")
    if code:
        parts.append(f'<p class="code">Code: <strong>{format_join_code(code)}</strong></p>')
    return "".join(parts) + "</div>"


def _section(state: SessionState, number: int, step: Step) -> str:
    """The part of the sheet for one step, or "" when the step asks nothing on paper."""
    # A short part stays on one page; a long list of statements may break between its rows.
    keep = " keep"
    if step.scale_spec is not None and step.rated_statements:
        body, keep = _ticks(step), " keep" if len(step.rated_statements) <= 3 else ""
    elif step.kind == "collect":
        body = _card_lines(state, step)
    elif step.kind == "vote":
        body = _vote(step)
    else:
        return ""
    return (
        f'<section class="step{keep}"><h2>Stap {number} · {escape(step.title)}</h2>'
        f'<p class="ask">{_question(step)}</p>{body}</section>'
    )


def _question(step: Step) -> str:
    """The first paragraph of the step's prompt (the question itself), as inline HTML."""
    tokens = _MD.parse(step.prompt)
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type == "paragraph_open" and inline.type == "inline":
            return _MD.renderInline(inline.content)
    return escape(step.title)


def _ticks(step: Step) -> str:
    scale = step.scale_spec
    assert scale is not None
    heads = []
    for value, label in zip(scale.values, scale.labels, strict=True):
        sign, _, words = label.partition(" ") if label[:1] in "🟢🟠🔴❓" else (value, "", "")
        heads.append(f'<th class="value"><span class="sign">{escape(sign)}</span> {escape(words)}</th>')
    box = '<td class="box"><i></i></td>' * len(scale.values)
    rows = "".join(
        f"<tr><td>{index}. {escape(text)}</td>{box}</tr>" for index, text in enumerate(step.rated_statements, 1)
    )
    hint = "Zet per stelling één kruisje." if len(step.rated_statements) > 1 else "Zet één kruisje."
    size = " scale-5" if len(scale.values) == 5 else ""
    return (
        f'<p class="hint">{hint}</p><table class="tick{size}"><thead><tr><th>Stelling</th>{"".join(heads)}</tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _card_lines(state: SessionState, step: Step) -> str:
    categories = state.categories(step.id)
    chosen = step.pick is None or step.id in dict(state.meta.chosen_categories)
    hint = "Eén idee per regel. Schrijf wat er gebeurt, niet over wie."
    if categories and chosen:
        hint += " Zet het onderwerp ervoor: " + " · ".join(escape(c) for c in categories) + "."
    elif categories:
        hint += " Zet het onderwerp ervoor; de begeleider noemt de onderwerpen."
    return f'<p class="hint">{hint}</p><div class="lines">' + "<div></div>" * CARD_LINES + "</div>"


def _vote(step: Step) -> str:
    dots = counted(step.dots, "stip", "stippen")
    most = f" (hoogstens {step.max_per_item} per keuze)" if step.max_per_item else ""
    if step.options:
        rows = "".join(
            f'<tr><td>{n}. {escape(option)}</td><td class="box"><i></i></td></tr>'
            for n, option in enumerate(step.options, 1)
        )
        return (
            f'<p class="hint">Je hebt {dots}{most}. Schrijf in het vakje hoeveel stippen je op een keuze zet.</p>'
            f'<table class="tick"><thead><tr><th>Keuze</th><th class="value">Stippen</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    lines = "".join(f"<div><span>{n}.</span></div>" for n in range(1, step.dots + 1))
    return (
        f'<p class="hint">Je hebt {dots}{most}. Waarop je kunt stemmen, zie je in de sessie. '
        f'Schrijf je keuzes hier op, één per regel.</p><div class="lines">{lines}</div>'
    )
