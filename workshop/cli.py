"""The `workshop` command: check scripts, start, list and export sessions. Imports UI code lazily."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .core.errors import ScriptErrors, WorkshopError

HELP = {
    "nl": {
        "description": "workshop: begeleide teamsessies in de zorg, van gesprek naar PDCA-verbeterplan.",
        "check": "controleer scripts (standaard: alle scripts)",
        "new": "start een nieuwe sessie met een script",
        "sessions": "toon de opgeslagen sessies",
        "export": "schrijf de Markdown-samenvatting van een sessie naar exports/",
        "ok": "{path}: in orde ({steps} stappen, {minutes} minuten)",
        "started": "Sessie gestart: {id}\nBestand: {path}",
        "written": "Samenvatting geschreven: {path}",
        "no_sessions": "Nog geen sessies in {folder}. Start er een met: workshop new SCRIPT --team NAAM",
        "no_script": "Script '{ref}' niet gevonden. Beschikbaar: {names}",
        "no_app": "De facilitator-app is nog niet geïnstalleerd in deze versie. Gebruik de opdrachten hieronder.",
        "error": "fout",
        "open": "open",
        "closed": "afgesloten",
        "days": "{n} dagen oud",
        "damaged": "BESCHADIGD",
    },
    "en": {
        "description": "workshop: facilitated team sessions in care, from conversation to a PDCA plan.",
        "check": "check scripts (default: every script)",
        "new": "start a new session from a script",
        "sessions": "list the stored sessions",
        "export": "write a session's Markdown summary to exports/",
        "ok": "{path}: OK ({steps} steps, {minutes} minutes)",
        "started": "Session started: {id}\nFile: {path}",
        "written": "Summary written: {path}",
        "no_sessions": "No sessions yet in {folder}. Start one with: workshop new SCRIPT --team NAME",
        "no_script": "Script '{ref}' not found. Available: {names}",
        "no_app": "The facilitator app is not part of this version yet. Use the commands below.",
        "error": "error",
        "open": "open",
        "closed": "closed",
        "days": "{n} days old",
        "damaged": "DAMAGED",
    },
}


def _lang(argv: Sequence[str]) -> str:
    if "--lang" in argv:
        i = list(argv).index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in HELP:
            return argv[i + 1]
    return os.environ.get("WORKSHOP_LANG", "nl") if os.environ.get("WORKSHOP_LANG") in HELP else "nl"


def build_parser(lang: str) -> argparse.ArgumentParser:
    """Return the argument parser, with help texts in `lang`."""
    t = HELP[lang]
    # The shared options may stand before or after the command; SUPPRESS keeps a later default from
    # overwriting an earlier value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", default=argparse.SUPPRESS,
                        help="map met scripts/, sessions/ en exports/ (of $WORKSHOP_HOME)")
    common.add_argument("--lang", choices=sorted(HELP), default=argparse.SUPPRESS, help="taal / language (nl, en)")
    parser = argparse.ArgumentParser(prog="workshop", description=t["description"], parents=[common])
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    parser.set_defaults(lang=lang, workspace=None)
    sub = parser.add_subparsers(dest="command", parser_class=lambda **kw: argparse.ArgumentParser(parents=[common], **kw))
    check = sub.add_parser("check", help=t["check"])
    check.add_argument("files", nargs="*", type=Path)
    new = sub.add_parser("new", help=t["new"])
    new.add_argument("script", help="script-id of bestand, bijv. visie-leren-ontwikkelen")
    new.add_argument("--team", required=True)
    new.add_argument("--org", default="", help="organisatie (optioneel)")
    sub.add_parser("sessions", help=t["sessions"])
    export = sub.add_parser("export", help=t["export"])
    export.add_argument("session", help="sessie-id (of het begin ervan)")
    export.add_argument("--stdout", action="store_true", help="naar het scherm in plaats van exports/")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 a problem to fix, 2 a usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    args = build_parser(lang).parse_args(argv)
    t = HELP[args.lang]
    from .workspace import Workspace

    workspace = Workspace.locate(args.workspace)
    try:
        if args.command == "check":
            return _check(workspace, args.files, args.lang)
        if args.command == "new":
            return _new(workspace, args, t)
        if args.command == "sessions":
            return _sessions(workspace, t)
        if args.command == "export":
            return _export(workspace, args, t)
        print(t["no_app"], file=sys.stderr)
        build_parser(args.lang).print_help()
        return 0
    except WorkshopError as exc:
        print(f"{t['error']}: {exc.text(args.lang)}", file=sys.stderr)
        return 1
    except OSError as exc:
        # A folder that cannot be written, a disk that is full: say what and where, no traceback.
        if isinstance(exc, BrokenPipeError):  # output piped into e.g. `head`, which stopped reading
            sys.stderr.close()
            return 0
        print(f"{t['error']}: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return 1



def _check(workspace, files: list[Path], lang: str) -> int:
    from .core.script import load_script

    t = HELP[lang]
    failed = False
    for path in files or workspace.script_files():
        try:
            script = load_script(path)
        except ScriptErrors as errors:
            failed = True
            print(errors.text(lang), file=sys.stderr)
            continue
        print(t["ok"].format(path=path, steps=len(script.steps), minutes=script.duration))
    return 1 if failed else 0


def _new(workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    try:
        script = workspace.find_script(args.script)
    except FileNotFoundError:
        names = ", ".join(p.stem for p in workspace.script_files())
        print(f"{t['error']}: " + t["no_script"].format(ref=args.script, names=names), file=sys.stderr)
        return 1
    service = workspace.new_session(script, team=args.team, organisation=args.org)
    print(t["started"].format(id=service.state.meta.id, path=workspace.session_path(service.state.meta.id)))
    return 0


def _sessions(workspace, t: dict[str, str]) -> int:
    infos = workspace.sessions()
    if not infos:
        print(t["no_sessions"].format(folder=workspace.sessions_dir))
        return 0
    from .workspace import age_in_days

    now = datetime.now(timezone.utc)
    for info in infos:
        if info.state is None:
            print(f"{info.id}  {t['damaged']}: {info.problem}")
            continue
        meta = info.state.meta
        step = info.state.step
        status = t["closed"] if meta.status == "closed" else t["open"]
        position = f"{meta.current + 1}/{len(info.state.script.steps)} {step.title}"
        age = t["days"].format(n=age_in_days(info.state, now))
        print(f"{info.id}  {meta.team}  {status}  {position}  {age}")
    return 0


def _export(workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    from .core.export import session_summary

    state = workspace.read_session(args.session)
    text = session_summary(state)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    path = workspace.write_export(f"{state.meta.id}.md", text)
    print(t["written"].format(path=path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
