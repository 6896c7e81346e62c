"""The `workshop` command: check scripts, start, list and export sessions. Imports UI code lazily."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_parser import build_parser, chosen_lang
from .cli_texts import HELP
from .core.errors import ScriptErrors, WorkshopError

if TYPE_CHECKING:
    from .core.model import Script
    from .workspace import Workspace


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 a problem to fix, 2 a usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = chosen_lang(argv)
    args = build_parser(lang).parse_args(argv)
    t = HELP[args.lang]
    from .workspace import Workspace

    workspace = Workspace.locate(getattr(args, "workspace", None))
    try:
        if args.command == "check":
            return _check(workspace, args.files, args.lang)
        if args.command == "new":
            return _new(workspace, args, t)
        if args.command == "sessions":
            return _sessions(workspace, t, args.bewaartermijn)
        if args.command == "export":
            return _export(workspace, args, t)
        if args.command == "purge":
            return _purge(workspace, args, t)
        if args.command in ("antwoordblad", "sheet"):
            return _answer_sheet(workspace, args, t)
        if args.command == "new-script":
            return _new_script(workspace, args, t)
        if args.command in ("overzicht", "agenda"):
            from .cli_organisation import run_agenda, run_overview

            return run_overview(workspace, args) if args.command == "overzicht" else run_agenda(workspace, args)
        if args.command == "indicatoren":
            from .cli_indicators import run_indicators

            return run_indicators(workspace, args)
        if args.command == "serve":
            # Imported here: aiohttp is only needed when serving.
            from .web.serve import run

            return run(
                workspace,
                args.session,
                host=getattr(args, "host", None),
                port=getattr(args, "port", None),
                lang=args.lang,
                max_participants=getattr(args, "max_participants", None),
            )
        return _run_app(workspace, args)
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
    except Exception as exc:  # a fault in the program: its message and values may hold participant text
        from .core.crash import crash_report

        print(crash_report(exc, args.lang), file=sys.stderr)
        return 70  # EX_SOFTWARE


def _run_app(workspace, args: argparse.Namespace) -> int:
    # Starting up creates many objects that live as long as the app (Textual's, the scripts'): collecting
    # garbage meanwhile only costs time, ~50 ms of the first screen. The app turns the collector back on
    # once its first screen is drawn.
    import gc

    gc.disable()
    # Imported here so that check, export and --help start without loading Textual.
    from .tui.app import make_app

    app = make_app(
        workspace,
        lang=args.lang,
        session=args.session,
        serve=not args.no_phones,
        host=args.host,
        port=args.port,
        max_participants=args.max_participants,
    )
    app.run()
    return app.return_code or 0  # 1 after a crash, which the app reported without participant text


def _check(workspace: Workspace, files: list[Path], lang: str) -> int:
    """Check the named files, else every script on offer (saying which are built-in); 1 when any has errors."""
    from .catalogue import builtin_folder
    from .core.script import load_script, script_warnings

    t = HELP[lang]
    if not workspace.root.is_dir():
        print(f"{t['error']}: " + t["no_workspace"].format(folder=workspace.root), file=sys.stderr)
        return 1
    if files:
        checked: list[tuple[Path, Script | ScriptErrors, str]] = []
        for path in _with_folders(files, t):
            try:
                checked.append((path, load_script(path), ""))
            except ScriptErrors as errors:
                checked.append((path, errors, ""))
    else:
        catalogue = workspace.catalogue()
        if not catalogue.entries:
            folder, builtin = workspace.scripts_dir, builtin_folder()
            print(f"{t['error']}: " + t["no_scripts"].format(folder=folder, builtin=builtin), file=sys.stderr)
            return 1
        # A built-in script by its name, not by its path deep inside the installed package.
        checked = [
            (Path(e.path.name) if e.builtin else e.path, e.script, f" · {t['builtin'] if e.builtin else t['own']}")
            for e in catalogue.entries
        ]
        for hidden, own in catalogue.replaced:
            print(t["replaced"].format(path=hidden.path, name=hidden.name, own=own.path))
    failed = False
    for path, script, origin in checked:
        if isinstance(script, ScriptErrors):
            failed = True
            print(script.text(lang), file=sys.stderr)
            continue
        print(t["ok"].format(path=path, steps=len(script.steps), minutes=script.duration, origin=origin))
        for warning in script_warnings(script):  # worth a look, but the script works: no failure
            where = f"{warning.path}:{warning.line}"
            print(f"{where}: {t['warning']}: {warning.body(lang)}", file=sys.stderr)
    return 1 if failed else 0


def _with_folders(files: list[Path], t: dict[str, str]) -> list[Path]:
    """`files`, with a folder replaced by the .md files in it (a folder without any is said and kept)."""
    paths: list[Path] = []
    for path in files:
        found = sorted(path.glob("*.md")) if path.is_dir() else [path]
        if not found:
            print(t["no_md_in_folder"].format(folder=path), file=sys.stderr)
            found = [path]  # reported as a folder, so the check fails
        paths.extend(found)
    return paths


def _not_found(workspace: Workspace, ref: str, t: dict[str, str]) -> int:
    """Say that no script is named `ref`, with the closest name and what there is; returns the exit code 1."""
    catalogue = workspace.catalogue()
    hint = catalogue.suggestion(ref)
    hint_text = t["did_you_mean"].format(hint=hint) if hint else ""
    text = t["no_script"].format(ref=ref, hint=hint_text, names=", ".join(catalogue.names()))
    print(f"{t['error']}: {text}", file=sys.stderr)
    return 1


def _new(workspace: Workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    try:
        script = workspace.find_script(args.script)
    except FileNotFoundError:
        return _not_found(workspace, args.script, t)
    if not args.nieuw_plan:
        _refuse_similar_team(workspace, args.team, "--team")
    from .core.review import review_steps

    if review_steps(script) and not args.zonder_terugblik:
        # A retrospective without the open actions has nothing to look back on: refuse before the session exists.
        try:
            workspace.open_actions(args.team)
        except WorkshopError as exc:
            print(f"{t['error']}: {exc.text(args.lang)}", file=sys.stderr)
            print(t["review_refused"].format(flag="--zonder-terugblik"), file=sys.stderr)
            return 1
    service = workspace.new_session(script, team=args.team, organisation=args.org)
    print(t["started"].format(id=service.state.meta.id, path=workspace.session_path(service.state.meta.id)))
    try:
        count = workspace.load_open_actions(service)
    except WorkshopError as exc:
        # The session itself is fine; the facilitator can repair the plan and load the actions later.
        print(t["review_not_loaded"].format(problem=exc.text(args.lang)), file=sys.stderr)
        count = 0
    finally:
        service.release()
    if count:
        # Name the plans the actions really came from: in a review across teams, the teams' plans.
        own = service.state.meta.team
        teams = dict.fromkeys(r.team for r in service.state.reviews)
        paths = [workspace.team_plan_path(team) if team else workspace.plan_path(own) for team in teams]
        print(t["review_loaded"].format(count=count, path=", ".join(str(p) for p in paths)))
    if service.state.reviews:
        _print_plan_warnings(workspace, service.state.meta.team, args.lang, t)
    return 0


def _print_plan_warnings(workspace, team: str, lang: str, t: dict[str, str]) -> None:
    """Say, with file:line, what in the team's plan is kept but not read (e.g. a status not surely klaar)."""
    from .core.plan import plan_warnings

    text = workspace.read_plan(team)
    if text is None:
        return
    path = workspace.plan_path(team)
    _print_warnings(path, plan_warnings(text, str(path)), lang, t)


def _print_warnings(path, warnings, lang: str, t: dict[str, str]) -> None:
    from .core.messages import render

    for warning in warnings:
        text = render(warning.code, lang, dict(warning.params))
        print(f"{path}:{warning.line}: {t['plan_warning']}: {text}", file=sys.stderr)


def _sessions(workspace, t: dict[str, str], term: str | None = None) -> int:
    from .core.retention import retention_days

    try:
        days = retention_days(term) if term is not None else workspace.retention_days()
    except ValueError:
        print(f"{t['error']}: " + t["retention_bad"].format(value=term or os.environ.get("WORKSHOP_BEWAARTERMIJN")))
        return 2
    infos = workspace.sessions()
    if not infos:
        print(t["no_sessions"].format(folder=workspace.sessions_dir))
        return 0
    from .workspace import age_in_days

    now = datetime.now(UTC)
    for info in infos:
        if info.meta is None or info.script is None:
            print(f"{info.id}  {t['damaged']}: {info.problem}")
            continue
        meta = info.meta
        status = t["closed"] if meta.status == "closed" else t["open"]
        age = t["days"].format(n=age_in_days(meta, now))
        print(f"{info.id}  {meta.team}  {status}  {info.position}  {age}")
    past = workspace.sessions_past_retention(now, days)
    if past:
        print(t["retention_past"].format(n=len(past), days=days, ids=", ".join(info.id for info in past)))
    return 0


def _refuse_similar_team(workspace, team: str, option: str) -> None:
    """Raise PlanError when `team` has no plan but a team with almost the same name has: which one is meant?"""
    from .core.errors import PlanError

    similar = workspace.similar_plans(team)
    if similar:
        others = ", ".join(f"'{name}' ({path})" for path, name in similar)
        use = " of ".join(f'{option} "{name}"' for _path, name in similar)
        raise PlanError("plan.similar", team=team, others=others, use=use)


def _export(workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    from .core.export import session_summary

    if args.stdout and args.pdf:
        print(f"{t['error']}: {t['stdout_pdf']}", file=sys.stderr)
        return 2
    state = workspace.read_session(args.session)
    if args.stdout and args.html:
        from .core.handout import handout_html

        sys.stdout.write(handout_html(state))
        return 0
    if args.stdout:
        sys.stdout.write(session_summary(state))
        return 0
    from .exporting import export_summary

    team = args.plan or state.meta.team
    if not args.plan and not args.nieuw_plan:
        try:
            _refuse_similar_team(workspace, team, "--plan")
        except WorkshopError:  # which plan is not clear: none is touched, the summary is written all the same
            print(t["written"].format(path=workspace.write_summary(state.meta.id, session_summary(state))))
            raise
    # The plan first: the summary then names each action by the id it really has in the plan.
    done = export_summary(workspace, state, team=team)
    print(t["written"].format(path=done.summary))
    if done.plan_error is not None:  # the plan is left alone (and the error says why)
        raise done.plan_error
    assert done.plan is not None and done.merged is not None
    printed = _export_handout(workspace, state, args, t) if args.html or args.pdf else 0
    return _export_followup(workspace, state, args, t, done) or printed


def _export_handout(workspace, state, args: argparse.Namespace, t: dict[str, str]) -> int:
    """Write the printable handout (and its PDF); a PDF that cannot be made is reported, the rest goes on."""
    from .print_exports import handout_path, write_handout
    from .printing import PrintError

    try:
        html, pdf = write_handout(workspace, state, pdf=args.pdf)
    except PrintError as exc:
        print(t["handout_written"].format(path=handout_path(workspace, state.meta.id)))
        print(f"{t['error']}: {exc.text(args.lang)}", file=sys.stderr)
        return 1
    print(t["handout_written"].format(path=html))
    if pdf:
        print(t["pdf_written"].format(path=pdf))
    return 0


def _answer_sheet(workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    from .print_exports import sheet_path, write_answer_sheet
    from .printing import PrintError
    from .web.network import lan_address

    state = workspace.read_session(args.session)
    host = lan_address(getattr(args, "host", None))
    try:
        files = write_answer_sheet(workspace, state, host=host, port=getattr(args, "port", None), pdf=args.pdf)
    except PrintError as exc:
        print(t["sheet_written"].format(path=sheet_path(workspace, state.meta.id)))
        print(f"{t['error']}: {exc.text(args.lang)}", file=sys.stderr)
        return 1
    print(t["sheet_written"].format(path=files.html))
    if files.pdf:
        print(t["pdf_written"].format(path=files.pdf))
    if files.join_url:
        print(t["sheet_link"].format(url=files.join_url))
    elif not state.meta.join_token:
        print(t["sheet_no_token"], file=sys.stderr)
    else:
        print(t["sheet_no_lan"], file=sys.stderr)
    return 0


def _export_followup(workspace, state, args: argparse.Namespace, t: dict[str, str], done) -> int:
    """Say what the merge did to the team's plan and, for a review across teams, to each team's plan it answered
    about; then write the terugkoppeling and lessons when asked."""
    from .core.followup import feedback_overview, lessons
    from .core.plan import plan_rows
    from .exporting import merge_notes, own_plan_line, team_plan_notes

    plan_path, merged = done.plan, done.merged

    line = own_plan_line(merged, plan_path, args.lang, t["plan_written"], t["plan_unchanged"])
    if line:  # None: merge_notes says why there is no plan of its own
        print(line)
    left, unread = merge_notes(merged, plan_path, args.lang)
    teams, team_unread, team_errors = team_plan_notes(done, args.lang)
    for note in left + teams:
        print(note)
    for note in unread + team_unread:
        print(note, file=sys.stderr)
    if args.terugkoppeling:
        rows = plan_rows(merged.text, str(plan_path))
        overview = feedback_overview(rows, team=state.meta.team, on=datetime.now(UTC).date())
        print(t["feedback_written"].format(path=workspace.write_export(f"{state.meta.id}-terugkoppeling.md", overview)))
    if args.lessen:
        print(t["lessons_written"].format(path=workspace.write_export(f"{state.meta.id}-lessen.md", lessons(state))))
    if args.kwaliteitsbeeld:
        from .core.kwaliteitsbeeld import kwaliteitsbeeld_chapter

        # The plan with this session merged in: the terugblik counts its actions of the previous cycle.
        text = kwaliteitsbeeld_chapter(state, merged.text)
        chapter = workspace.write_export(f"{state.meta.id}-kwaliteitsbeeld.md", text)
        print(t["chapter_written"].format(path=chapter))
    if team_errors:  # the other plans were written; this team's plan is untouched, and the error says why
        raise team_errors[0]
    return 0


def _purge(workspace: Workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    path = workspace.find_session(args.session)
    if not workspace.summary_path(path.stem).exists():
        print(t["purge_no_export"].format(id=path.stem), file=sys.stderr)
    print(
        t["purge_files"].format(files=", ".join([path.name, *(p.name for p in workspace.session_exports(path.stem))]))
    )

    def confirm(found: Path) -> bool:
        if args.yes:
            return True
        try:
            answer = input(t["purge_ask"].format(id=found.stem))
        except EOFError:  # no one at the keyboard (a pipe, a script): never delete without a yes
            return False
        return answer.strip().lower() in ("ja", "j", "yes", "y")

    deleted = workspace.purge_session(args.session, confirm=confirm)
    if not deleted:
        print(t["purge_cancelled"])
        return 1
    print(t["purge_done"].format(files=", ".join(p.name for p in deleted)))
    kept = workspace.figures_path(path.stem)
    print(t["purge_kept"].format(path=kept) if kept.is_file() else t["purge_not_kept"])
    return 0


def _new_script(workspace: Workspace, args: argparse.Namespace, t: dict[str, str]) -> int:
    """Copy a built-in or own script into the workspace's scripts/ under a new id; never overwrites."""
    from .catalogue import copy_script
    from .core.script import slugify

    name = args.name.removesuffix(".md")
    if slugify(name) != name:
        print(f"{t['error']}: " + t["copy_bad_name"].format(name=name, hint=slugify(name)), file=sys.stderr)
        return 1
    target = workspace.scripts_dir / f"{name}.md"
    if target.exists():
        print(f"{t['error']}: " + t["copy_exists"].format(path=target), file=sys.stderr)
        return 1
    catalogue = workspace.catalogue()
    taken = catalogue.taken(name)
    if taken is not None:
        print(f"{t['error']}: " + t["copy_taken"].format(name=name, path=taken.path), file=sys.stderr)
        return 1
    try:
        source = workspace.find_script(args.source)
    except FileNotFoundError:
        return _not_found(workspace, args.source, t)
    except ScriptErrors as errors:
        print(f"{t['error']}: " + t["copy_broken"].format(path=errors.errors[0].path), file=sys.stderr)
        print(errors.text(args.lang), file=sys.stderr)
        return 1
    try:
        path = copy_script(source, name, workspace.scripts_dir)
    except FileExistsError:
        print(f"{t['error']}: " + t["copy_exists"].format(path=target), file=sys.stderr)
        return 1
    print(t["copied"].format(path=path, id=name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
