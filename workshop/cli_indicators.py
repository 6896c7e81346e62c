"""The command `workshop indicatoren`: enter or import a session's indicator rows, link an action to one, list them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .workspace import Workspace

HELP = {
    "nl": {
        "indicators": "indicatoren van een sessie: importeer een CSV (kolommen indicator;wij;vergelijking;jaar;bron), "
        "voeg een rij toe of koppel een actie",
        "csv": "CSV-bestand met op de eerste regel de kolomnamen (uit Excel: 'CSV (puntkomma)')",
        "row": "één rij: 'indicator;wij;vergelijking;jaar;bron', bijv. 'Cliëntervaring;8,1;8,4;2025;ODB'",
        "link": "koppel een actie aan een indicator: ACTIE=INDICATOR, bijv. a1=i2 (nulmeting komt van de indicator)",
        "target": "het doel van de gekoppelde actie, bijv. 8,4",
        "imported": "{count} indicator(en) opgeslagen in sessie {id}",
        "linked": "Actie {action} gekoppeld aan {indicator}: nulmeting {baseline}{target}",
        "newest": "De nulmeting komt uit {id}: het nieuwste jaar van deze indicator ({year}), niet uit {asked}.",
        "followed": "Actie {action} volgt het nieuwe cijfer van {indicator} ({id}): nulmeting {baseline}",
        "none": "Nog geen indicatoren in sessie {id}.",
        "bad_link": "--koppel verwacht ACTIE=INDICATOR, bijv. a1=i2, niet '{value}'",
        "open_in_app": "de sessie is nu geopend in de app. Voer de indicatoren daar in: ga naar de stap "
        "'{step}' en druk op g (of Ctrl+P: 'Indicatoren'). Of sluit eerst de app en probeer het opnieuw.",
        "closed": "sessie {id} is afgesloten; daar kunnen geen indicatoren of koppelingen meer bij. "
        "Voer ze in tijdens de sessie (in de app: toets g bij de stap voor indicatoren), of start een nieuwe "
        "sessie met 'workshop new {script} --team TEAM' en lees ze daarin in.",
        "unknown_action": "actie '{action}' staat niet in deze sessie. Kies een actie van deze sessie: {ids} "
        "(bijv. --koppel a1=i1). Alleen acties van deze sessie kunnen gekoppeld worden; in het plan heten ze "
        "bijv. DL-2612-a1, in hun sessie a1.",
        "no_actions": "deze sessie heeft nog geen acties om te koppelen; maak ze eerst in de stap voor acties",
    },
    "en": {
        "indicators": "a session's indicators: import a CSV (columns indicator;wij;vergelijking;jaar;bron), "
        "add a row or link an action",
        "csv": "CSV file with the column names on its first line (from Excel: 'CSV (semicolon)')",
        "row": "one row: 'indicator;wij;vergelijking;jaar;bron', e.g. 'Cliëntervaring;8,1;8,4;2025;ODB'",
        "link": "link an action to an indicator: ACTION=INDICATOR, e.g. a1=i2 (its baseline comes from the indicator)",
        "target": "the target of the linked action, e.g. 8,4",
        "imported": "{count} indicator(s) stored in session {id}",
        "linked": "Action {action} linked to {indicator}: baseline {baseline}{target}",
        "newest": "The baseline comes from {id}: the newest year of this indicator ({year}), not from {asked}.",
        "followed": "Action {action} follows the new figure of {indicator} ({id}): baseline {baseline}",
        "none": "No indicators yet in session {id}.",
        "bad_link": "--koppel expects ACTION=INDICATOR, e.g. a1=i2, not '{value}'",
        "open_in_app": "the session is open in the app now. Enter the indicators there: go to the step "
        "'{step}' and press g (or Ctrl+P: 'Indicatoren'). Or close the app first and try again.",
        "closed": "session {id} is closed; no indicators or links can be added to it. Enter them during the "
        "session (in the app: key g at the step for indicators), or start a new session with "
        "'workshop new {script} --team TEAM' and import them there.",
        "unknown_action": "action '{action}' is not in this session. Pick an action of this session: {ids} "
        "(e.g. --koppel a1=i1). Only actions of this session can be linked; in the plan they are called e.g. "
        "DL-2612-a1, in their session a1.",
        "no_actions": "this session has no actions to link yet; make them first in the actions step",
    },
}


def add_command(command: Callable[[str, str], argparse.ArgumentParser], lang: str) -> None:
    """Add `indicatoren` to the command line (`command(name, help)` makes a subcommand)."""
    t = HELP[lang]
    parser = command("indicatoren", t["indicators"])
    parser.add_argument("session", metavar="SESSIE", help="sessie-id (of het begin ervan)")
    parser.add_argument("csv", nargs="?", type=Path, metavar="BESTAND.csv", help=t["csv"])
    parser.add_argument("--rij", action="append", default=[], metavar="RIJ", help=t["row"])
    parser.add_argument("--koppel", metavar="ACTIE=INDICATOR", help=t["link"])
    parser.add_argument("--doel", default=None, help=t["target"])


def run_indicators(workspace: Workspace, args: argparse.Namespace) -> int:
    """`workshop indicatoren`: import/enter rows and link an action (all checked by the core), then list the rows."""
    from .core.errors import SessionLockedError
    from .core.mdtext import escape
    from .indicator_files import read_indicator_file, typed_row

    t = HELP[args.lang]
    rows: list[dict[str, str]] = []
    if args.csv is not None:
        rows += read_indicator_file(args.csv)
    rows += [typed_row(text) for text in args.rij]
    link = None
    if args.koppel is not None:
        action_id, sep, indicator_id = (p.strip() for p in args.koppel.partition("="))
        if not (sep and action_id and indicator_id):
            print(f"fout: {t['bad_link'].format(value=args.koppel)}", file=sys.stderr)
            return 2
        link = (action_id, indicator_id)
    try:
        service = workspace.open_session(args.session)
    except SessionLockedError:
        # The app has it open: say where to do it there (only one program writes a session at a time).
        step = _indicator_step_title(workspace, args.session)
        print(f"fout: {t['open_in_app'].format(step=step)}", file=sys.stderr)
        return 1
    try:
        state = service.state
        session_id = state.meta.id
        if (rows or link) and state.meta.status != "open":
            print(f"fout: {t['closed'].format(id=session_id, script=state.script.id)}", file=sys.stderr)
            return 1
        if rows:
            linked = {a.id: (a.indicator_id, a.baseline) for a in state.actions}
            made = service.import_indicators(rows)
            print(t["imported"].format(count=len(made), id=session_id))
            for a in service.state.actions:  # a newer (or corrected) figure is the nulmeting of what it measures
                if a.indicator_id and a.id in linked and linked[a.id][1] != a.baseline:
                    print(
                        t["followed"].format(action=a.id, indicator=a.indicator, id=a.indicator_id, baseline=a.baseline)
                    )
        if link is not None:
            if not any(a.id == link[0] for a in state.actions):
                ids = ", ".join(a.id for a in state.actions)
                text = t["unknown_action"].format(action=link[0], ids=ids) if ids else t["no_actions"]
                print(f"fout: {text}", file=sys.stderr)
                return 1
            changes = {"indicator_id": link[1]}
            if args.doel is not None:
                changes["target"] = args.doel
            action = service.update_action(link[0], **changes)
            target = f" · doel {action.target}" if action.target else ""
            print(
                t["linked"].format(
                    action=action.id, indicator=action.indicator, baseline=action.baseline, target=target
                )
            )
            if action.indicator_id != link[1]:  # a later year's row of the same indicator: where the action starts
                row = next(i for i in service.state.indicators if i.id == action.indicator_id)
                print(t["newest"].format(id=row.id, year=row.year, asked=link[1]))
        indicators = service.state.indicators
    finally:
        service.release()
    if not indicators:
        print(t["none"].format(id=session_id))
        return 0
    print("| ID | Indicator | Wij | Vergelijking | Jaar | Bron |")
    print("| --- | --- | --- | --- | --- | --- |")
    for i in indicators:
        print("| " + " | ".join(escape(c) for c in (i.id, i.name, i.ours, i.comparison, i.year, i.source)) + " |")
    return 0


def _indicator_step_title(workspace: Workspace, ref: str) -> str:
    """The title of the session's step for indicators, read without its lock ("" when it cannot be read)."""
    from .core.indicators import indicator_steps

    try:
        state = workspace.read_session(ref)
    except Exception:  # only for a friendlier message: the lock error is said either way
        return ""
    ids = indicator_steps(state)
    step = state.script.step(ids[0]) if ids else None
    return step.title if step is not None else ""
