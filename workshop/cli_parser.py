"""The `workshop` command's arguments: the parser, with its help in the chosen language."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_texts import HELP
from .cli_words import DutchArgumentParser


def chosen_lang(argv: Sequence[str]) -> str:
    if "--lang" in argv:
        i = list(argv).index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in HELP:
            return argv[i + 1]
    return os.environ.get("WORKSHOP_LANG", "nl") if os.environ.get("WORKSHOP_LANG") in HELP else "nl"


def phones_count(text: str) -> int:
    """A number of phones for --max-participants: a whole number from 1 to 10,000."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(f"'{text}': 1 - 10000")
    return int(text)


def build_parser(lang: str) -> argparse.ArgumentParser:
    """Return the argument parser, with help texts in `lang`."""
    t = HELP[lang]
    make = DutchArgumentParser if lang == "nl" else argparse.ArgumentParser  # its subcommands' parsers are the same
    # The shared options may stand before or after the command; SUPPRESS keeps a later default from
    # overwriting an earlier value.
    common = make(add_help=False)
    common.add_argument(
        "--workspace", default=argparse.SUPPRESS, help="map met scripts/, sessions/ en exports/ (of $WORKSHOP_HOME)"
    )
    common.add_argument("--lang", choices=sorted(HELP), default=argparse.SUPPRESS, help="taal / language (nl, en)")
    parser = make(prog="workshop", description=t["description"], parents=[common])
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    # Not workspace: set_defaults would change the --workspace action the subcommands share (parents=),
    # and a subcommand would then reset `workshop --workspace DIR sessions` to None.
    parser.set_defaults(lang=lang)
    parser.add_argument("--session", help="open deze sessie meteen (id of het begin ervan)")
    parser.add_argument("--host", help="adres voor de telefoons (standaard: het netwerkadres van deze laptop)")
    parser.add_argument("--port", type=int, help="poort voor de telefoons (standaard 8765)")
    parser.add_argument("--no-phones", action="store_true", help="zonder telefoons: geen QR-code, geen webserver")
    max_help = "hoeveel telefoons mee mogen doen (standaard: 60, of het aantal aanwezigen plus een vijfde, minstens 3)"
    parser.add_argument("--max-participants", type=phones_count, metavar="N", help=max_help)
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, parents=[common])

    check = command("check", t["check"])
    check.add_argument("files", nargs="*", type=Path, metavar="SCRIPT")
    new = command("new", t["new"])
    new.add_argument("script", metavar="SCRIPT", help="script-id of bestand, bijv. visie-leren-ontwikkelen")
    new.add_argument("--team", required=True)
    new.add_argument("--org", default="", help="organisatie (optioneel)")
    new.add_argument("--nieuw-plan", action="store_true", help=t["new_plan_flag"])
    new.add_argument("--zonder-terugblik", action="store_true", help=t["without_review_flag"])
    from .core.retention import DEFAULT_RETENTION_DAYS

    sessions = command("sessions", t["sessions"])
    sessions.add_argument("--bewaartermijn", metavar="DAGEN", help=t["retention"].format(days=DEFAULT_RETENTION_DAYS))
    export = command("export", t["export"])
    export.add_argument("session", metavar="SESSIE", help="sessie-id (of het begin ervan)")
    export.add_argument("--stdout", action="store_true", help="naar het scherm in plaats van exports/")
    export.add_argument(
        "--terugkoppeling",
        action="store_true",
        help="schrijf ook het terugkoppelingsoverzicht (signaal, actie, resultaat, wie weet het)",
    )
    export.add_argument(
        "--lessen", action="store_true", help="schrijf ook de geanonimiseerde lessen voor een lerend netwerk"
    )
    export.add_argument("--kwaliteitsbeeld", action="store_true", help=t["chapter"])
    export.add_argument("--html", "--handout", action="store_true", help=t["html"])
    export.add_argument("--pdf", action="store_true", help=t["pdf"])
    export.add_argument("--plan", metavar="TEAM", help=t["plan_flag"])
    export.add_argument("--nieuw-plan", action="store_true", help=t["new_plan_flag"])
    purge = command("purge", t["purge"])
    purge.add_argument("session", metavar="SESSIE", help="sessie-id (of het begin ervan)")
    purge.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    new_script = command("new-script", t["new_script"])
    new_script.add_argument(
        "source", help="het script om te kopiëren (id of bestandsnaam), bijv. mantelzorg-drempelcheck"
    )
    new_script.add_argument("name", metavar="NAAM", help="de nieuwe naam (id): kleine letters, cijfers en -")
    serve = command("serve", t["serve"])
    serve.add_argument("session", metavar="SESSIE", help="sessie-id (of het begin ervan)")
    # SUPPRESS: `workshop --host X serve ...` keeps the X given before the command.
    serve.add_argument("--host", default=argparse.SUPPRESS, help="adres (standaard: het netwerkadres van deze laptop)")
    serve.add_argument("--port", type=int, default=argparse.SUPPRESS, help="poort (standaard 8765; 0: een vrije)")
    serve.add_argument("--max-participants", type=phones_count, metavar="N", default=argparse.SUPPRESS, help=max_help)
    sheet = sub.add_parser("antwoordblad", aliases=["sheet"], help=t["sheet"], parents=[common])
    sheet.add_argument("session", metavar="SESSIE", help="sessie-id (of het begin ervan)")
    sheet.add_argument("--pdf", action="store_true", help=t["pdf"])
    # SUPPRESS: `workshop --host X antwoordblad ...` keeps the X given before the command.
    sheet.add_argument("--host", default=argparse.SUPPRESS, help="adres in de QR-code (standaard: dat van deze laptop)")
    sheet.add_argument("--port", type=int, default=argparse.SUPPRESS, help="poort in de QR-code (standaard 8765)")
    from .cli_organisation import add_commands

    add_commands(command, lang)  # overzicht, agenda: above the team
    from .cli_indicators import add_command

    add_command(command, lang)  # indicatoren
    return parser
