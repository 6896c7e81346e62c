"""The organisation overview as Markdown: per team, themes per cycle, bouwstenen side by side, trends, a legend.

Always redacted: action texts and theme names go through the privacy guard whatever a facilitator released,
and no participant appears in it (only counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .agenda import decision_due, late
from .followup import needs_feedback
from .mdtext import escape, format_date
from .model import SCALES
from .overview import (
    STAYS_RED_SHARE,
    TREND_MIN_ANSWERS,
    TREND_MIN_PEOPLE,
    TREND_MIN_SHIFT,
    TRENDS_PER_TEAM,
    Overview,
    Point,
    TeamFigures,
    Trend,
    TrendReport,
    trend_report,
)
from .privacy import redact
from .rating_rule import RULE_NL, mark_words
from .results import StatementResult

ATTENTION_PER_TEAM = 5
LEGEND = (
    "**Te laat**: de actie staat open en de deadline of de checkdatum is voorbij. Een deadline telt ook als er "
    "een latere checkdatum is; bij een uitgestelde actie telt alleen de checkdatum (of, zonder checkdatum, de "
    "deadline). "
    "**Doorgeschoven**: 2 keer of vaker naar een volgende cyclus geschoven; tijd om bij te stellen, te stoppen of "
    "op te schalen. **Nog niet teruggekoppeld**: de actie heeft een resultaat of besluit, of is klaar of gestopt, "
    "en het plan zegt niet dat het iemand verteld is: bij 'gedaan' staat geen 'ja', en er staat niemand bij of de "
    "datum van de terugkoppeling is nog niet geweest. **Sessies**: de sessies van het team die gelezen zijn (het "
    "bestand, of de bewaarde cijfers van een verwijderde sessie); '(plan: 3)' als het plan meer sessies noemt."
)
NO_SESSIONS = "Geen sessiebestanden gevonden"
TREND_LEGEND = (
    "**Trend**: dezelfde stelling bij hetzelfde team, vorige keer → nu: het aandeel 🔴 van de antwoorden op de schaal "
    f"(❓ telt niet mee). **Blijft rood**: beide keren {round(100 * STAYS_RED_SHARE)}% of meer 🔴. **↑ meer rood** en "
    f"**↓ minder rood** tellen alleen als echte verandering: minstens {TREND_MIN_PEOPLE} mensen meer (of minder) "
    f"kiezen 🔴 én het aandeel 🔴 verschilt minstens {round(100 * TREND_MIN_SHIFT)} procentpunten. Een kleinere "
    f"verschuiving is geen trend. Met minder dan {TREND_MIN_ANSWERS} antwoorden op de schaal in een van beide sessies "
    f"vergelijken we niet. Per team staan hooguit {TRENDS_PER_TEAM} stellingen in de tabel: eerst wat rood blijft, "
    "dan meer rood, dan minder rood; de rest staat eronder geteld."
)
KIND_COUNTED = {
    "blijft rood": ("die rood blijft", "die rood blijven"),
    "meer rood": ("met meer rood", "met meer rood"),
    "minder rood": ("met minder rood", "met minder rood"),
}


def overview_markdown(overview: Overview, *, title: str = "Overzicht van de teams") -> str:
    """Return the overview as CommonMark with tables."""
    lines = [f"# {escape(title)}", "", f"*{escape(summary_line(overview))}*", ""]
    said = reading_notes(overview)
    for note in said:
        lines += [f"> {escape(note)}", ""]
    lines += teams_section(overview)
    lines += themes_section(overview)
    lines += bouwstenen_section(overview)
    lines += trends_section(overview)
    if overview.problems:
        lines += ["## Niet gelezen of niet duidelijk", ""]
        lines += [f"- `{escape(path)}`: {escape(problem)}" for path, problem in overview.problems] + [""]
    lines += ["## Leeswijzer", "", f"- {LEGEND}", f"- {TREND_LEGEND}", f"- {RULE_NL}", ""]
    lines += all_changes_section(overview)
    return "\n".join(lines).rstrip() + "\n"


def summary_line(overview: Overview) -> str:
    """Return the line under the title (plain text): the day, how many teams and sessions, the cycle."""
    day = f"Stand op {overview.as_of:%d-%m-%Y}" if overview.as_of else f"Bijgewerkt op {overview.today:%d-%m-%Y}"
    if not overview.sessions:
        sessions = NO_SESSIONS.lower()
    else:
        sessions = f"{overview.sessions} sessie(s)"
        if overview.location_sessions:  # a location is no team: its sessions are counted apart
            teams_held = overview.sessions - overview.location_sessions
            sessions = f"{teams_held} sessie(s) van teams en {overview.location_sessions} over de teams heen"
        if overview.purged:
            sessions += f", waarvan {overview.purged} alleen als anonieme cijfers"
    teams = f"{len(overview.teams)} team(s)"
    if overview.locations:
        teams += f" en {len(overview.locations)} locatie(s)"
    return f"{day} · {teams} · {sessions} · cyclus: {overview.cycle} · zonder namen of gegevens van cliënten."


def reading_notes(overview: Overview) -> list[str]:
    """Return what a reader must know to read the overview truly (plain text): sessions not found, sessions purged,
    what a look back (--op) does and does not change."""
    said = []
    if not overview.sessions:
        named = f" De plannen noemen {overview.unread_named} sessie(s)." if overview.unread_named else ""
        said.append(
            f"{NO_SESSIONS}: dit overzicht komt alleen uit de plannen.{named} Bouwstenen en trends komen uit de "
            "anonieme cijfers van de sessies: zet de map exports/cijfers/ bij de plannen, of maak het overzicht in "
            "de workspace waar de sessies zijn gehouden. Thema's staan alleen in de sessies zelf."
        )
    elif overview.unread_named:
        said.append(
            f"Van {overview.unread_named} sessie(s) die de plannen noemen, is geen bestand gevonden: hun scores en "
            "thema's ontbreken hieronder."
        )
    if overview.locations:
        names = ", ".join(f.team for f in overview.locations)
        said.append(
            f"Niet als team geteld: {names}. Die sessie(s) liepen de acties van de teams door; ze staan apart onder "
            f"{LOCATIONS}."
        )
    if overview.purged:
        said.append(
            f"{overview.purged} sessie(s) kent dit overzicht alleen uit hun anonieme cijfers (cijfers/): de sessie "
            "is verwijderd (AVG) of staat niet in deze map. De cijfers zeggen per stelling hoeveel antwoorden welke "
            "kleur kregen. Die tellen mee in bouwstenen en trends, niet in de thema's."
        )
    if overview.as_of:
        said.append(
            f"Teruggekeken naar {overview.as_of:%d-%m-%Y}: sessies van na die dag tellen niet mee, en ook niet de "
            f"{overview.left_out} actie(s) die pas daarna uit een sessie in een plan kwamen. Status, resultaat en "
            "besluit zijn wel zoals de plannen ze nu beschrijven: een plan bewaart geen eerdere stand. Rijen die "
            "iemand zelf in een plan zette, hebben geen datum en tellen mee."
        )
    return said


def sessions_cell(figures: TeamFigures) -> str:
    """The Sessies cell: the sessions read, and what the plan names when that is more."""
    if figures.named > figures.sessions:
        return f"{figures.sessions} (plan: {figures.named})"
    return str(figures.sessions)


EMPTY = {  # what an empty section says: (no session read at all, none among the sessions read)
    "themes": (f"{NO_SESSIONS}: thema's komen uit de sessies.", "Geen thema's in de gelezen sessies."),
    "bouwstenen": (
        f"{NO_SESSIONS}: scores per bouwsteen komen uit kwaliteitsbeeld-sessies.",
        "Geen kwaliteitsbeeld-sessie met scores per bouwsteen bij de gelezen sessies.",
    ),
    "trends": (
        f"{NO_SESSIONS}: een trend vergelijkt de scores van twee sessies.",
        "In de gelezen sessies scoorde geen team een stelling twee keer.",
    ),
}


def empty_text(overview: Overview, section: str) -> str:
    """What an empty section (a key of EMPTY) says, true for what was read."""
    none, some = EMPTY[section]
    return some if overview.sessions else none


def teams_section(overview: Overview) -> list[str]:
    lines = ["## Per team", ""]
    if not overview.teams:
        lines += ["*Geen plannen gevonden (pdca-*.md).*", ""]
    else:
        lines += figures_table("Team", overview.teams, overview)
    return lines + locations_section(overview)


LOCATIONS = "Locaties: sessies over de teams heen"
LOCATIONS_NOTE = (
    "Een locatie is geen team: haar sessies liepen de acties van de teams door, en de antwoorden staan in de plannen "
    "van de teams zelf. Haar sessies en haar eigen plan tellen hier apart, niet bij de teams."
)


def locations_section(overview: Overview) -> list[str]:
    """The names above the teams (Overview.locations), apart from the teams, with what makes them so."""
    if not overview.locations:
        return []
    return [f"## {LOCATIONS}", "", f"*{LOCATIONS_NOTE}*", ""] + figures_table("Locatie", overview.locations, overview)


def no_own_plan(figures: TeamFigures, overview: Overview) -> str:
    """What a team or a location without a plan of its own says instead of figures."""
    if any(t is figures for t in overview.teams):
        return "nog geen plan (geen sessie geëxporteerd)"
    return "plan: zie Per team" if any(t.team == figures.team for t in overview.teams) else "geen eigen plan"


def figures_table(label: str, rows: Sequence[TeamFigures], overview: Overview) -> list[str]:
    """The table of `rows` (teams, or locations: `label`), then what asks for attention in them."""
    lines = [
        f"| {label} | Open | Klaar | Te laat | Doorgeschoven (2× of vaker) | Nog niet teruggekoppeld | Sessies |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in rows:
        if f.problem:
            lines.append(f"| {escape(f.team)} | plan niet te lezen: zie onder | | | | | {sessions_cell(f)} |")
            continue
        if not f.path:
            lines.append(f"| {escape(f.team)} | {no_own_plan(f, overview)} | | | | | {sessions_cell(f)} |")
            continue
        cells = [f.open, f.done, f.overdue, f.carried, f.untold, sessions_cell(f)]
        lines.append(f"| {escape(f.team)} | " + " | ".join(str(c) for c in cells) + " |")
    lines.append("")
    attention = [f for f in rows if f.attention or f.problem]
    if attention:
        lines += ["### Wat aandacht vraagt", ""]
        for figures in attention:
            lines += [f"**{escape(figures.team)}**", ""] + attention_lines(figures, overview) + [""]
    return lines


def attention_items(figures: TeamFigures, today: date) -> list[tuple[str, str, str]]:
    """Return (id, what, why) in plain text for the first ATTENTION_PER_TEAM actions that ask for attention; the
    action's text redacted."""
    items = []
    for row in figures.attention[:ATTENTION_PER_TEAM]:
        notes = []
        why = late(row, today)
        if why is not None:
            notes.append(f"te laat sinds {why.day:%d-%m-%Y} ({why.which})")
        undecided = decision_due(row, today)
        if undecided is not None:
            notes.append(f"klaar, nog geen besluit (checkdatum {undecided:%d-%m-%Y})")
        if row.carried_over >= 2:
            notes.append(f"{row.carried_over}× doorgeschoven")
        if needs_feedback(row, today):
            notes.append("nog niet teruggekoppeld")
        items.append((row.id, redact(row.what), ", ".join(notes)))
    return items


def attention_lines(figures: TeamFigures, overview: Overview) -> list[str]:
    if figures.problem:
        return [f"- Het plan kan niet gelezen worden: {escape(figures.problem)}"]
    lines = [f"- {escape(i)} {escape(what)} — {why}" for i, what, why in attention_items(figures, overview.today)]
    more = len(figures.attention) - ATTENTION_PER_TEAM
    if more > 0:
        lines.append(f'- *en nog {more}; zie `workshop agenda --team "{escape(figures.team)}"`*')
    return lines


def themes_section(overview: Overview) -> list[str]:
    lines = ["## Thema's per cyclus", ""]
    if not any(c.themes for c in overview.themes):
        return lines + [f"*{empty_text(overview, 'themes')}*", ""]
    for cycle in overview.themes:
        if not cycle.themes:
            continue
        lines += [f"### {cycle.label} ({cycle.sessions} sessie(s))", ""]
        lines += ["| Thema | Stippen | Kaartjes | Teams |", "| --- | ---: | ---: | --- |"]
        for score, teams in cycle.themes:
            names = ", ".join(escape(t) for t in teams)
            lines.append(f"| {escape(redact(score.name))} | {score.dots} | {score.cards} | {names} |")
        lines.append("")
    return lines


def bouwstenen_section(overview: Overview) -> list[str]:
    lines = ["## Bouwstenen naast elkaar", ""]
    columns = overview.bouwstenen
    if not columns:
        return lines + [f"*{empty_text(overview, 'bouwstenen')}*", ""]
    statements: list[str] = []
    for column in columns:
        statements += [s.text for s in column.results.statements if s.text not in statements]
    head = ["Bouwsteen"] + [f"{escape(c.team)} {format_date(c.day)}" for c in columns]
    lines += ["| " + " | ".join(head) + " |", "| --- |" + " --- |" * len(columns)]
    for text in statements:
        cells = [escape(text)]
        for column in columns:
            found = next((s for s in column.results.statements if s.text == text), None)
            cells.append(bouwsteen_cell(found) if found is not None else "–")
        lines.append("| " + " | ".join(cells) + " |")
    labels = " · ".join(SCALES["bouwsteen"].labels)
    return lines + ["", f"*Per cel het aantal antwoorden: {labels}.*", ""]


def bouwsteen_cell(statement: StatementResult) -> str:
    marks = {"groen": "🟢", "oranje": "🟠", "rood": "🔴", "onbekend": "❓"}
    text = " ".join(f"{marks[value]}{count}" for value, count in statement.counts)
    if statement.marks:
        text += f" **{mark_words(statement.marks)}**"
    return text


def trends_section(overview: Overview) -> list[str]:
    lines = ["## Trends in scores", ""]
    if not overview.trends:
        return lines + [f"*{empty_text(overview, 'trends')}*", ""]
    report = trend_report(overview.trends)
    if report.shown:
        lines += [*trend_rows(report.shown), ""]
    lines += [f"- {escape(note)}" for note in trend_notes(report)] + [""]
    return lines


ALL_CHANGES = "Alle veranderingen in scores"  # the section at the end: every signal the trend table leaves out


def trend_rows(trends: Sequence[Trend]) -> list[str]:
    """The trend table's Markdown lines for `trends`."""
    lines = ["| Team | Stelling | Vorige keer | Nu | Trend |", "| --- | --- | --- | --- | --- |"]
    for trend in trends:
        before, now = trend.points[-2], trend.points[-1]
        lines.append(
            f"| {escape(trend.team)} | {escape(trend.statement)} | {point(before)} | {point(now)} | "
            f"{trend_words(trend)} |"
        )
    return lines


def all_changes_section(overview: Overview) -> list[str]:
    """The signals the short trend table leaves out, all of them (after the legend: page one stays short)."""
    hidden = trend_report(overview.trends).hidden if overview.trends else ()
    if not hidden:
        return []
    return [f"## {ALL_CHANGES}", "", *trend_rows(hidden), ""]


def trend_notes(report: TrendReport) -> list[str]:
    """Return, in words, what the trend table leaves out: per team the signals not shown, then the quiet ones."""
    notes = []
    for team, kinds in report.more:
        parts = [f"{n} {KIND_COUNTED[kind][n != 1]}" for kind, n in kinds]
        notes.append(f"{team}: nog {_listed(parts)} (zie {ALL_CHANGES} onderaan).")
    quiet = []
    if report.quiet:
        quiet.append(f"{report.quiet} zonder echte verandering")
    if report.too_few:
        quiet.append(f"{report.too_few} met te weinig antwoorden om te vergelijken")
    if quiet:
        lead = "Verder" if report.shown or report.more else "Opnieuw gescoord:"
        notes.append(f"{lead} {_listed(quiet)} ({report.total} stelling(en) opnieuw gescoord in totaal).")
    return notes


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def point(p: Point) -> str:
    return f"{p.red} van {p.on_scale} 🔴 ({round(100 * p.share)}%), {format_date(p.day)}"


def trend_words(trend: Trend) -> str:
    return {"meer rood": "↑ meer rood", "minder rood": "↓ minder rood", "blijft rood": "blijft rood"}.get(
        trend.change, "geen echte verandering"
    )
