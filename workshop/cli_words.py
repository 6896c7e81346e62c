"""argparse's own words in Dutch: its headings, its -h/--version help and the mistakes it reports.

argparse writes English ("error: the following arguments are required: --team"); a facilitator who types a
command wrong should read what to do in the language of the rest of the tool. Its messages are matched by
their English templates (Python 3.11-3.13); one that is not known keeps its English words, behind "fout:".
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from typing import Any, NoReturn

HEADINGS = {"positional arguments": "opdrachten en waarden", "options": "opties", "optional arguments": "opties"}
OWN_HELP = {"-h": "toon deze uitleg en stop", "--version": "toon het versienummer en stop"}

# (English message as argparse words it, its Dutch); the groups are the argument, the value, the choices.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), dutch)
    for pattern, dutch in (
        (r"^the following arguments are required: (.+)$", "dit ontbreekt nog: {0}"),
        (r"^argument (\S+?): invalid choice: '?(.*?)'? \(choose from (.+)\)$", "'{1}' ken ik niet; kies uit: {2}"),
        (r"^argument (\S+?): invalid int value: '?(.*?)'?$", "{0}: '{1}' is geen geheel getal"),
        (r"^argument (\S+?): invalid (\S+) value: '?(.*?)'?$", "{0}: '{2}' is geen geldige waarde"),
        (r"^argument (\S+?): expected one argument$", "{0}: zet er een waarde achter"),
        (r"^argument (\S+?): ignored explicit argument '?(.*?)'?$", "{0} heeft geen waarde nodig ('{1}')"),
        (r"^unrecognized arguments: (.+)$", "dit ken ik niet: {0}"),
        (r"^ambiguous option: (\S+) could match (.+)$", "{0} kan meer opties zijn: {1}; schrijf hem helemaal"),
        (r"^argument (\S+?): not allowed with argument (\S+)$", "{0} gaat niet samen met {1}"),
        (r"^argument (\S+?): (.+)$", "{0}: {1}"),  # a type's own message ("'0': 1 - 10000")
    )
)


def dutch_message(message: str) -> str:
    """Return argparse's `message` in Dutch, or as it is when its form is not known."""
    for pattern, dutch in _MESSAGES:
        found = pattern.match(message)
        if found:
            groups = [group.replace("'", "") if "choose from" in pattern.pattern else group for group in found.groups()]
            return dutch.format(*groups) + _close_choice(message)
    return message


def _close_choice(message: str) -> str:
    """For a mistyped choice ("exprt"): " Bedoel je export?" when one choice is close to it, else ""."""
    found = re.match(r"^argument \S+?: invalid choice: '?(.*?)'? \(choose from (.+)\)$", message)
    if not found:
        return ""
    choices = [choice.strip(" '") for choice in found.group(2).split(",")]
    close = difflib.get_close_matches(found.group(1), choices, n=1)
    return f". Bedoel je {close[0]}?" if close else ""


class DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with Dutch headings."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(HEADINGS.get(heading or "", heading))


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch: headings, its own options' help, and its mistakes with a way out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(*args, **kwargs)
        for action in self._actions:
            for option, text in OWN_HELP.items():
                if option in action.option_strings:
                    action.help = text

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        for option, text in OWN_HELP.items():
            if option in action.option_strings and kwargs.get("help") is None:
                action.help = text
        return action

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_message(message)}\nMeer uitleg: {self.prog} --help\n")
