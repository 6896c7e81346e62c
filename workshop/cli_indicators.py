"""The command `workshop indicatoren`: enter or import a session's indicator rows, link an action to one, list them."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import DomainError

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
        "none": "Nog geen indicatoren in sessie {id}.",
        "bad_link": "--koppel verwacht ACTIE=INDICATOR, bijv. a1=i2, niet '{value}'",
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
        "none": "No indicators yet in session {id}.",
        "bad_link": "--koppel expects ACTION=INDICATOR, e.g. a1=i2, not '{value}'",
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
    from .core.indicators import FIELDS, decode_csv, read_indicator_csv
    from .core.mdtext import escape

    t = HELP[args.lang]
    rows: list[dict[str, str]] = []
    if args.csv is not None:
        path = str(args.csv)
        try:
            data = args.csv.read_bytes()
        except OSError as err:
            raise DomainError("indicator.csv_unreadable", path=path, reason=err.strerror or str(err)) from None
        rows += [values for _line, values in read_indicator_csv(decode_csv(data, path), path)]
    for text in args.rij:
        cells = next(csv.reader([text], delimiter=";"), [])
        rows.append({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(FIELDS)})
    link = None
    if args.koppel is not None:
        action_id, sep, indicator_id = (p.strip() for p in args.koppel.partition("="))
        if not (sep and action_id and indicator_id):
            print(f"fout: {t['bad_link'].format(value=args.koppel)}", file=sys.stderr)
            return 2
        link = (action_id, indicator_id)
    service = workspace.open_session(args.session)
    try:
        session_id = service.state.meta.id
        if rows:
            made = service.import_indicators(rows)
            print(t["imported"].format(count=len(made), id=session_id))
        if link is not None:
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
