"""The scripts a workspace offers: its own (its `scripts/` folder) and the built-in ones that ship with workshop.

The built-in scripts are package data (`workshop/scripts/*.md`), read where the package is installed. A
workspace script replaces the built-in one with the same id or file name: the workspace's own always wins.
A facilitator changes a built-in script by copying it into the workspace under a new id (`copy_script`).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .core.errors import ScriptErrors
from .core.model import Script
from .script_cache import load_scripts

README = "README.md"
_ID_LINE = re.compile(r"\s*id\s*:")


@dataclass(frozen=True)
class ScriptEntry:
    """One script file: the script in it (or why it cannot be read), and whether it ships with workshop."""

    path: Path
    script: Script | ScriptErrors
    builtin: bool

    @property
    def name(self) -> str:
        """The file name without `.md`: how lists and `workshop new` name the script."""
        return self.path.stem

    @property
    def keys(self) -> list[str]:
        """The names the script answers to: its file name and, when it can be read, its id."""
        return [self.name] + ([self.script.id] if isinstance(self.script, Script) else [])


@dataclass(frozen=True)
class Catalogue:
    """The scripts on offer: the workspace's own first, then the built-in ones none of its own replaces."""

    entries: tuple[ScriptEntry, ...]
    # Built-in scripts not offered, each with the workspace script that replaces it.
    replaced: tuple[tuple[ScriptEntry, ScriptEntry], ...] = ()

    def find(self, ref: str) -> ScriptEntry | None:
        """Return the offered script whose file name (with or without `.md`) or id is `ref`; None when none is."""
        for entry in self.entries:
            if ref in (entry.name, entry.path.name):
                return entry
        return next((e for e in self.entries if isinstance(e.script, Script) and e.script.id == ref), None)

    def taken(self, name: str) -> ScriptEntry | None:
        """Return the script, offered or replaced, that already uses `name` as its file name or id; else None."""
        every = [*self.entries, *(builtin for builtin, _ in self.replaced)]
        return next((e for e in every if name in e.keys), None)

    def names(self) -> list[str]:
        """The file names of the offered scripts, without `.md`."""
        return [entry.name for entry in self.entries]

    def suggestion(self, ref: str) -> str | None:
        """Return the offered script's name or id closest to a mistyped `ref`, or None when none is close."""
        keys = list(dict.fromkeys(key for entry in self.entries for key in entry.keys))
        part = [key for key in keys if ref.lower() in key]  # the start or a word of it: "mantelzorg"
        close = part or difflib.get_close_matches(ref.lower(), keys, n=1, cutoff=0.5)
        return close[0] if close else None


def builtin_folder() -> Path:
    """Return the folder of the built-in scripts, inside the installed package."""
    folder = resources.files("workshop") / "scripts"
    if not isinstance(folder, Path):  # only a zipped install gives no real folder; pip, pipx and uv unpack
        raise RuntimeError(f"workshop's built-in scripts are not in a folder ({folder}); install it unpacked")
    return folder


def script_files(folder: Path) -> list[Path]:
    """Return the script files in `folder` (every `*.md` but a README), by name; none when it does not exist."""
    return sorted(p for p in folder.glob("*.md") if p.name != README)


def load_catalogue(own_folder: Path, cache: Path | None) -> Catalogue:
    """Read the scripts of `own_folder` and the built-in ones (parsed scripts kept in `cache`, see script_cache.py).

    Returns the catalogue; a script with errors is listed with them, and replaces a built-in one only by file name.
    """
    own_files, builtin_files = script_files(own_folder), script_files(builtin_folder())
    parsed = dict(load_scripts([*own_files, *builtin_files], cache))
    own = [ScriptEntry(path, parsed[path], builtin=False) for path in own_files]
    claimed: dict[str, ScriptEntry] = {}
    for entry in own:
        for key in entry.keys:
            claimed.setdefault(key, entry)
    offered, replaced = list(own), []
    for path in builtin_files:
        builtin = ScriptEntry(path, parsed[path], builtin=True)
        owner = next((claimed[key] for key in builtin.keys if key in claimed), None)
        if owner is None:
            offered.append(builtin)
        else:
            replaced.append((builtin, owner))
    return Catalogue(tuple(offered), tuple(replaced))


def with_id(text: str, new_id: str) -> str:
    """Return a script's text with `new_id` as the id in its front matter; everything else stays as written.

    Raises ValueError when the text has no `id:` line in front matter at its very top.
    """
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                break
            if _ID_LINE.match(line):
                lines[number] = f"id: {new_id}" + line[len(line.rstrip("\r\n")) :]
                return "".join(lines)
    raise ValueError("no id line in the front matter")


def copy_script(script: Script, new_id: str, folder: Path) -> Path:
    """Write `script` to `folder`/<new_id>.md with `new_id` as its id; returns the new file.

    Raises FileExistsError when that file exists (nothing is ever overwritten), ValueError when the script's
    text has no id line, and ScriptErrors when the copy would not be a valid script (e.g. `new_id` is not an id).
    """
    from .core.script import parse_script

    target = folder / f"{new_id}.md"
    text = with_id(script.text, new_id)
    parse_script(text, str(target))  # raises when the copy would not be a script that works
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="") as handle:  # "x": refuse to overwrite, even in a race
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return target
