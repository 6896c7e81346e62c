"""Words on the phone pages: written in Dutch in the templates and handlers, other languages from catalogue files.

Each file `locales/<code>.json` is one language: {"language": its own name, "strings": {Dutch: translation},
"messages": {core message code: translation}}. A third language is a file; code never changes for it.
The core's messages (errors, the privacy guard's notes) exist in Dutch and English; a catalogue may give
its own, else its phones read the English.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..core.messages import LANGUAGES, PROGRESS_WHATS, counted, render

LOCALES = Path(__file__).resolve().parent / "locales"
SOURCE = "nl"  # the language the pages are written in


@dataclass(frozen=True)
class Catalogue:
    """One language of the phone pages."""

    code: str
    name: str  # in the language itself, for the language menu
    strings: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, str] = field(default_factory=dict)


@cache
def catalogues(folder: Path = LOCALES) -> dict[str, Catalogue]:
    """Return every language there is a file for in `folder`, Dutch first; read once."""
    found = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = Catalogue(path.stem, data["language"], data.get("strings", {}), data.get("messages", {}))
    return dict(sorted(found.items(), key=lambda item: item[0] != SOURCE))


def language(code: str | None, default: str = SOURCE, folder: Path = LOCALES) -> str:
    """Return `code` when there is a catalogue for it, else `default`."""
    return code if code in catalogues(folder) else default


def tr(text: str, lang: str, folder: Path = LOCALES, **params: object) -> str:
    """Return `text` (Dutch) in `lang`, filled in with `params`; text without a translation stays Dutch."""
    catalogue = catalogues(folder).get(lang)
    if catalogue is not None:
        text = catalogue.strings.get(text, text)
    return text.format(**params) if params else text


def core_lang(lang: str) -> str:
    """The language to ask the core in: its own when it has it, else English."""
    return lang if lang in LANGUAGES else "en"


def message(code: str, lang: str, params: Mapping[str, object], folder: Path = LOCALES) -> str:
    """Return the core's message `code` in `lang`: from the catalogue when it has one, else from the core."""
    code = counted(code, params)
    catalogue = catalogues(folder).get(lang)
    own = catalogue.messages.get(code) if catalogue is not None else None
    if own is not None:
        try:
            return own.format(**params)
        except (KeyError, IndexError):
            return own
    return render(code, core_lang(lang), params)


def progress_words(lang: str, folder: Path = LOCALES) -> dict[str, str]:
    """The core's progress sentences as templates ("{n} van {total} hebben stippen gezet"), for a page to fill in live.

    Keyed by what the step asks ("voted"), and with ".one" its singular ("1 van 12 heeft stippen gezet").
    """
    words = {}
    for what in PROGRESS_WHATS:
        for form in ("", ".one"):
            words[what + form] = message(f"progress.{what}{form}", lang, {}, folder)
    return words


EN: Mapping[str, str] = catalogues()["en"].strings  # the English phrases (tests check every page text has one)
