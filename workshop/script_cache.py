"""Parsed scripts kept between runs, so the home screen lists them without loading the Markdown parser.

The app's first screen should show within half a second; importing markdown-it and parsing the scripts
is ~50 ms of that. This cache holds each script as parsed, keyed by its path and the hash of its text, in
one JSON file in the user's cache folder (`WORKSHOP_CACHE` overrides it; empty turns caching off). It is
only a speed-up: a missing, damaged, outdated or unwritable cache means the scripts are parsed as before.
Scripts with errors are not cached, so their errors are always fresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .atomic import write_atomic
from .core.errors import ScriptErrors
from .core.model import Script, Step, from_record

if TYPE_CHECKING:
    from collections.abc import Sequence

CACHE_ENV = "WORKSHOP_CACHE"
CACHE_FILE = "scripts.json"
_CORE = Path(__file__).resolve().parent / "core"


def cache_folder() -> Path | None:
    """Return the folder the cache lives in, or None when caching is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("workshop", appauthor=False))


def parser_stamp() -> str:
    """Changes whenever the parser or the script model may have changed: then every entry is parsed again."""
    digest = hashlib.sha256(__version__.encode())
    for name in ("script.py", "script_steps.py", "model.py"):
        digest.update((_CORE / name).read_bytes())
    return digest.hexdigest()


def load_scripts(paths: Sequence[Path], folder: Path | None) -> list[tuple[Path, Script | ScriptErrors]]:
    """Return every script file with its script (from the cache when its text is unchanged) or its errors."""
    cache = folder / CACHE_FILE if folder is not None else None
    stamp = parser_stamp()
    entries = _read(cache, stamp)
    found: list[tuple[Path, Script | ScriptErrors]] = []
    changed = False
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = None  # load_script below says what is wrong with it
        key = str(path)
        digest = hashlib.sha256(text.encode()).hexdigest() if text is not None else ""
        entry = entries.get(key)
        script = _script(entry["script"]) if text is not None and entry and entry.get("hash") == digest else None
        if script is None:
            from .core.script import load_script, parse_script

            try:
                script = parse_script(text, key) if text is not None else load_script(path)
            except ScriptErrors as errors:
                found.append((path, errors))
                changed |= entries.pop(key, None) is not None
                continue
            entries[key] = {"hash": digest, "script": asdict(script)}
            changed = True
        found.append((path, script))
    if changed and cache is not None:
        _write(cache, {"parser": stamp, "scripts": entries})
    return found


def _read(cache: Path | None, stamp: str) -> dict[str, dict]:
    if cache is None:
        return {}
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("parser") != stamp or not isinstance(data.get("scripts"), dict):
        return {}
    return {k: v for k, v in data["scripts"].items() if isinstance(v, dict)}


def _script(record: object) -> Script | None:
    """Rebuild a Script from its cached record; None when the record does not fit (then it is parsed again)."""
    try:
        steps = tuple(from_record(Step, s) for s in record["steps"])  # type: ignore[index]
        return from_record(Script, {**record, "steps": steps})  # type: ignore[dict-item]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _write(cache: Path, data: dict) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # only a speed-up: without it, the scripts are parsed at the next start again
