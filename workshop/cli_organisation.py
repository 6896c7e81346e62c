"""The commands above the team: `workshop overzicht` (the organisation overview) and `workshop agenda` (check dates,
deadlines and late actions, also as an .ics calendar file). Reads files only; the core decides."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import WorkshopError

if TYPE_CHECKING:
    from .organisation import Sources
    from .workspace import Workspace

HELP = {
    "nl": {
        "overview": "overzicht van alle teams: acties, thema's per cyclus, bouwstenen, trends (Markdown en HTML)",
        "agenda": "deadlines, checkmomenten en late acties van de teams; --ics voor je agenda (Outlook)",
        "folders": "mappen met plannen (pdca-*.md) en sessies (sessions/); standaard deze workspace",
        "cycle": "hoe de thema's per cyclus worden gegroepeerd (standaard: kwartaal)",
        "on": "de datum van vandaag (JJJJ-MM-DD), bijv. om te zien wat er dan op de agenda staat",
        "overview_on": "stand op die datum (JJJJ-MM-DD): sessies en acties uit sessies van daarna tellen niet mee; "
        "status en resultaat van acties blijven zoals het plan ze nu beschrijft",
        "team": "alleen dit team",
        "days": "zoveel dagen vooruit op het scherm (standaard 30); het .ics-bestand krijgt altijd alle checkmomenten",
        "ics": "schrijf ook een agendabestand (.ics) met elk komend checkmoment als afspraak van een hele dag "
        "(alle, niet alleen die van --dagen: je importeert het bestand één keer)",
        "overview_written": "Overzicht geschreven: {path}",
        "ics_last": "de laatste op",
        "ics_written": "Agendabestand geschreven: {path}. Het bevat alle {count} komende checkmoment(en), "
        "ook die na de {days} dagen hierboven{last}; importeer het in je agenda",
    },
    "en": {
        "overview": "overview of every team: actions, themes per cycle, bouwstenen, trends (Markdown and HTML)",
        "agenda": "the teams' deadlines, check dates and late actions; --ics for your calendar (Outlook)",
        "folders": "folders holding plans (pdca-*.md) and sessions (sessions/); default: this workspace",
        "cycle": "how themes are grouped per cycle (default: kwartaal, a quarter)",
        "on": "today's date (YYYY-MM-DD), e.g. to see what is on the agenda then",
        "overview_on": "as it was on that day (YYYY-MM-DD): sessions and actions from sessions after it are left "
        "out; the status and result of actions stay as the plan says now",
        "team": "only this team",
        "days": "this many days ahead on screen (default 30); the .ics file always gets every check date",
        "ics": "also write a calendar file (.ics) with every coming check date as an all-day event "
        "(all of them, not only those within --dagen: the file is imported once)",
        "overview_written": "Overview written: {path}",
        "ics_last": "the last on",
        "ics_written": "Calendar file written: {path}. It holds all {count} coming check date(s), "
        "also those after the {days} days above{last}; import it into Outlook or your calendar",
    },
}
OVERVIEW_NAME = "overzicht"
ICS_NAME = "agenda.ics"


def ics_name(teams: list[str] | None) -> str:
    """Return the calendar file's name in exports/: agenda.ics for every team, agenda-<team>.ics for `--team`
    (a team's calendar must not replace the organisation's)."""
    from .core.script import slugify

    return f"agenda-{'-'.join(slugify(team) for team in teams)}.ics" if teams else ICS_NAME


def add_commands(command: Callable[[str, str], argparse.ArgumentParser], lang: str) -> None:
    """Add `overzicht` and `agenda` to the command line (`command(name, help)` makes a subcommand)."""
    from .core.overview import CYCLES

    t = HELP[lang]
    overview = command("overzicht", t["overview"])
    overview.add_argument("folders", nargs="*", type=Path, metavar="MAP", help=t["folders"])
    overview.add_argument("--cyclus", choices=CYCLES, default="kwartaal", help=t["cycle"])
    overview.add_argument("--op", metavar="DATUM", help=t["overview_on"])
    overview.add_argument("--stdout", action="store_true", help="naar het scherm in plaats van exports/")
    overview.add_argument("--pdf", action="store_true", help="schrijf ook een PDF (met Chrome, Edge of Chromium)")
    agenda = command("agenda", t["agenda"])
    agenda.add_argument("folders", nargs="*", type=Path, metavar="MAP", help=t["folders"])
    agenda.add_argument("--team", help=t["team"])
    agenda.add_argument("--dagen", default="30", metavar="DAGEN", help=t["days"])
    agenda.add_argument("--ics", nargs="?", const="", metavar="BESTAND", help=t["ics"])
    agenda.add_argument("--op", metavar="DATUM", help=t["on"])


def _today(value: str | None, lang: str) -> date:
    if not value:
        return datetime.now(UTC).astimezone().date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WorkshopError("agenda.bad_date", value=value) from None


def _sources(workspace: Workspace, folders: list[Path]) -> Sources:
    from .organisation import find_sources, workspace_sources

    return find_sources(folders) if folders else workspace_sources(workspace)


def run_overview(workspace: Workspace, args: argparse.Namespace) -> int:
    """`workshop overzicht`: write exports/overzicht.md and .html (and .pdf with --pdf), or print the Markdown."""
    from .core.overview import build_overview
    from .core.overview_html import overview_html
    from .core.overview_text import overview_markdown
    from .organisation import read_figures, read_plans, read_sessions, refresh_figures

    t = HELP[args.lang]
    today = _today(args.op, args.lang)
    sources = _sources(workspace, args.folders)
    if args.folders and not sources.plans and not sources.sessions and not sources.figures:
        raise WorkshopError("overview.nothing", folders=", ".join(str(f) for f in args.folders))
    plans = read_plans(sources.plans)
    digests, problems = read_sessions(sources.sessions)
    if not args.folders:  # the workspace's own: its cijfers/ then hold every session the plans have
        refresh_figures(workspace, digests, sources.sessions)
    kept, unread_figures = read_figures(sources.figures, skip=[d.id for d in digests])
    digests, problems = [*digests, *kept], [*problems, *unread_figures]
    unread = [warning for plan in plans for warning in plan.warnings]
    for warning in unread:
        print(f"let op: {warning}", file=sys.stderr)
    problems = [*problems, *((where, said) for where, _, said in (w.partition(": ") for w in unread))]
    # The overview is a document people share: it names files from the folder read, never a home folder.
    roots = [Path(f).resolve() for f in args.folders] if args.folders else [workspace.root.resolve()]
    problems = [(shown_file(where, roots), said) for where, said in problems]
    overview = build_overview(plans, digests, today=today, cycle=args.cyclus, problems=problems, as_of=bool(args.op))
    organisations = sorted({d.organisation for d in digests if d.organisation})
    title = "Overzicht van de teams" + (f" — {organisations[0]}" if len(organisations) == 1 else "")
    markdown = overview_markdown(overview, title=title)
    if args.stdout:
        sys.stdout.write(markdown)
        return 0
    md_path = workspace.write_export(f"{OVERVIEW_NAME}.md", markdown)
    html = overview_html(overview, title=title)
    html_path = workspace.write_export(f"{OVERVIEW_NAME}.html", html)
    print(t["overview_written"].format(path=md_path))
    print(t["overview_written"].format(path=html_path))
    if args.pdf:
        from .printing import PrintError, print_pdf

        try:
            pdf = print_pdf(html, workspace.exports_dir / f"{OVERVIEW_NAME}.pdf")
        except PrintError as exc:
            print(f"fout: {exc.text(args.lang)}", file=sys.stderr)
            return 1
        print(t["overview_written"].format(path=pdf))
    return 0


def shown_file(where: str, roots: Sequence[Path]) -> str:
    """Return `where` (a file, perhaps with ":line") relative to the first of `roots` it lies in, else its name."""
    name, colon, line = where.rpartition(":")
    if not (colon and line.isdigit()):
        name, line = where, ""
    path = Path(name)
    for root in roots:
        try:
            shown = path.resolve().relative_to(root).as_posix()
            break
        except ValueError:
            continue
    else:
        shown = path.name
    return f"{shown}:{line}" if line else shown


def run_agenda(workspace: Workspace, args: argparse.Namespace) -> int:
    """`workshop agenda`: print what comes up in the teams' plans; with --ics also write the calendar file."""
    from .core.agenda import agenda_text, entries
    from .core.calendar_file import calendar_text
    from .organisation import plan_groups, read_plans

    t = HELP[args.lang]
    today = _today(args.op, args.lang)
    try:
        days = int(args.dagen)
        if days < 0:
            raise ValueError
    except ValueError:
        raise WorkshopError("agenda.bad_days", value=args.dagen) from None
    plans = read_plans(_sources(workspace, args.folders).plans)
    if not plans:
        where = ", ".join(str(f) for f in args.folders) if args.folders else str(workspace.exports_dir)
        raise WorkshopError("agenda.no_plans", folders=where)
    for plan in plans:
        if plan.problem:
            print(f"let op: {plan.problem} (dit team staat niet in de agenda)", file=sys.stderr)
    groups = plan_groups(plans, args.team)
    shown = {name for name, _, _ in groups}
    for plan in plans:
        for warning in plan.warnings if plan.team in shown else ():
            print(f"let op: {warning}", file=sys.stderr)
    found = entries(groups, today=today, days=days)
    sys.stdout.write(agenda_text(found, today=today, days=days, teams=len(groups)))
    if args.ics is not None:
        from .atomic import write_atomic

        # A calendar file is imported once: it gets every coming check date, not only the on-screen window.
        every = entries(groups, today=today, days=None)
        text = calendar_text(every, stamp=datetime.now(UTC))  # CRLF line ends: write_atomic leaves them as they are
        name = ics_name((sorted(shown) or [args.team]) if args.team else None)
        target = Path(args.ics) if args.ics else workspace.exports_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
        count = text.count("BEGIN:VEVENT")
        days_in = [e.day for e in every if e.kind in ("checkmoment", "borgcheck") and e.day is not None]
        last = f" ({t['ics_last']} {max(days_in):%d-%m-%Y})" if days_in else ""
        print(t["ics_written"].format(path=target, count=count, days=days, last=last))
    return 0
