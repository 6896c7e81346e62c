"""The commands above the team: `workshop overzicht` (the organisation overview) and `workshop agenda` (check dates,
deadlines and late actions, also as an .ics calendar file). Reads files only; the core decides."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_texts import HELP as TEXTS
from .core.errors import WorkshopError
from .workspace import ENV_VAR

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
        "stdout": "naar het scherm in plaats van naar een bestand",
        "pdf": "schrijf ook een PDF (met Chrome, Edge of Chromium)",
        "not_a_workspace": "Deze map is geen workspace (er staat geen scripts/, sessions/ of exports/ in): het "
        "overzicht van {folders} staat daarom in de huidige map.",
        "stale_pdf_removed": "Oude PDF verwijderd: {path} (van een eerder overzicht; maak een nieuwe met --pdf)",
        "stale_pdf_kept": "{path} is van een eerder overzicht en klopt niet meer ({reason}); verwijder hem of maak "
        "een nieuwe met --pdf",
        "unread": "{count} bestand(en) niet te lezen (zie hierboven); het overzicht mist wat erin staat. Herstel ze en "
        "maak het overzicht opnieuw.",
        "agenda_unread": "dit team staat niet in de agenda",
        "agenda_incomplete": "{count} plan(nen) niet te lezen (zie hierboven); de agenda mist die team(s). Herstel het "
        "plan op de regel die er staat en probeer het opnieuw.",
        "dutch_only": "let op: het {what} staat in het Nederlands, net als de plannen die het leest.",
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
        "stdout": "to the screen instead of to a file",
        "pdf": "also write a PDF (with Chrome, Edge or Chromium)",
        "not_a_workspace": "This folder is no workspace (it holds no scripts/, sessions/ or exports/): the overview "
        "of {folders} is therefore in the current folder.",
        "stale_pdf_removed": "Old PDF removed: {path} (of an earlier overview; make a new one with --pdf)",
        "stale_pdf_kept": "{path} is of an earlier overview and no longer right ({reason}); delete it or make a new "
        "one with --pdf",
        "unread": "{count} file(s) could not be read (see above); the overview lacks what they hold. Repair them and "
        "make the overview again.",
        "agenda_unread": "this team is not in the agenda",
        "agenda_incomplete": "{count} plan(s) could not be read (see above); the agenda lacks those team(s). Repair "
        "the plan at the line named and try again.",
        "dutch_only": "note: the {what} is written in Dutch, like the plans it reads; --lang en applies to these "
        "messages only.",
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
    overview.add_argument("--stdout", action="store_true", help=t["stdout"])
    overview.add_argument("--pdf", action="store_true", help=t["pdf"])
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
    """`workshop overzicht`: write overzicht.md and .html (and .pdf with --pdf), or print the Markdown. Returns 1 when
    a plan, session or figures file could not be read (each named on stderr, and in the overview), else 0."""
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
    # What could not be read at all is an error (the overview is incomplete); what was read but not understood, a note.
    unread = [*(p.problem_text(args.lang) for p in plans if p.problem), *(f"{w}: {said}" for w, said in problems)]
    for text in unread:
        print(f"{TEXTS[args.lang]['error']}: {text}", file=sys.stderr)
    warned = [w for plan in plans for w in plan.warnings]
    for text in (w for plan in plans for w in plan.warning_texts(args.lang)):
        print(f"{TEXTS[args.lang]['plan_warning']}: {text}", file=sys.stderr)
    problems = [*problems, *((where, said) for where, _, said in (w.partition(": ") for w in warned))]
    # The overview is a document people share: it names files from the folder read, never a home folder.
    roots = [Path(f).resolve() for f in args.folders] if args.folders else [workspace.root.resolve()]
    problems = [(shown_file(where, roots), said) for where, said in problems]
    overview = build_overview(plans, digests, today=today, cycle=args.cyclus, problems=problems, as_of=bool(args.op))
    organisations = sorted({d.organisation for d in digests if d.organisation})
    title = "Overzicht van de teams" + (f" — {organisations[0]}" if len(organisations) == 1 else "")
    markdown = overview_markdown(overview, title=title)
    if args.lang != "nl":
        print(t["dutch_only"].format(what="overview"), file=sys.stderr)
    failed = 1 if unread else 0
    if args.stdout:
        sys.stdout.write(markdown)
    else:
        failed = _write_overview(workspace, args, markdown, overview_html(overview, title=title)) or failed
    if unread:
        print(f"{TEXTS[args.lang]['error']}: {t['unread'].format(count=len(unread))}", file=sys.stderr)
    return failed


def overview_place(workspace: Workspace, folders: Sequence[Path], chosen: bool) -> tuple[Path, str]:
    """Return where the overview goes and its name (without suffix).

    The workspace's own overview is exports/overzicht. The overview of other folders is named after them
    (overzicht-<folder>), so it never replaces the workspace's own; it goes into the workspace's exports/ when the
    command runs in a workspace (a folder holding scripts/, sessions/ or exports/, or one `chosen` with --workspace or
    $WORKSHOP_HOME), else into the current folder itself: no exports/ folder is made where none was asked for.
    """
    from .core.script import slugify

    if not folders:
        return workspace.exports_dir, OVERVIEW_NAME
    names = "-".join(slugify(Path(f).resolve().name) or "map" for f in folders)
    stem = f"{OVERVIEW_NAME}-{names}"
    root = workspace.root
    if chosen or any((root / sub).is_dir() for sub in ("scripts", "sessions", "exports")):
        return workspace.exports_dir, stem
    return Path.cwd(), stem


def _write_overview(workspace: Workspace, args: argparse.Namespace, markdown: str, html: str) -> int:
    """Write the overview's Markdown and HTML (and PDF with --pdf) and say where; an older PDF of the same name is
    replaced or removed, never left beside them as if it were this overview. Returns 1 when the PDF failed."""
    from .atomic import write_atomic

    t = HELP[args.lang]
    chosen = bool(getattr(args, "workspace", None) or os.environ.get(ENV_VAR))
    folder, stem = overview_place(workspace, args.folders, chosen)
    if args.folders and folder != workspace.exports_dir:
        print(t["not_a_workspace"].format(folders=", ".join(str(f) for f in args.folders)))
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, text in ((".md", markdown), (".html", html)):
        write_atomic(folder / f"{stem}{suffix}", text)
        print(t["overview_written"].format(path=folder / f"{stem}{suffix}"))
    pdf = folder / f"{stem}.pdf"
    if args.pdf:
        from .printing import PrintError, print_pdf

        try:
            print(t["overview_written"].format(path=print_pdf(html, pdf)))
            return 0
        except PrintError as exc:
            print(f"{TEXTS[args.lang]['error']}: {exc.text(args.lang)}", file=sys.stderr)
            _remove_stale(pdf, t)
            return 1
    _remove_stale(pdf, t)
    return 0


def _remove_stale(pdf: Path, t: dict[str, str]) -> None:
    """Remove a PDF of an earlier overview (it no longer matches the Markdown and HTML just written), saying so."""
    if not pdf.exists():
        return
    try:
        pdf.unlink()
    except OSError as err:  # open in a viewer (Windows), or not ours to delete: then say it is stale
        print(t["stale_pdf_kept"].format(path=pdf, reason=err.strerror or type(err).__name__), file=sys.stderr)
        return
    print(t["stale_pdf_removed"].format(path=pdf))


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
    from .organisation import plan_groups, read_plans, same_team

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
    # A plan that cannot be read is an error, named with its file and line; the agenda of the others still shows.
    unread = [p for p in plans if p.problem and (args.team is None or same_team(p.team, args.team))]
    for plan in unread:
        print(f"{TEXTS[args.lang]['error']}: {plan.problem_text(args.lang)} ({t['agenda_unread']})", file=sys.stderr)
    if args.team is not None and unread and not any(not p.problem and same_team(p.team, args.team) for p in plans):
        return 1  # the team's plan cannot be read: that is the answer (said above), not "no plan for this team"
    groups = plan_groups(plans, args.team)
    shown = {name for name, _, _ in groups}
    for plan in plans:
        for warning in plan.warning_texts(args.lang) if plan.team in shown else ():
            print(f"{TEXTS[args.lang]['plan_warning']}: {warning}", file=sys.stderr)
    if args.lang != "nl":
        print(t["dutch_only"].format(what="agenda"), file=sys.stderr)
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
    if unread:
        print(f"{TEXTS[args.lang]['error']}: {t['agenda_incomplete'].format(count=len(unread))}", file=sys.stderr)
        return 1
    return 0
