"""Stored records and the model: what the service writes for a value, and a session rebuilt from its records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from datetime import datetime
from typing import Any

from .chunked import Chunked
from .errors import CorruptSessionError
from .model import (
    Action,
    Change,
    Contribution,
    Indicator,
    Meta,
    Participant,
    Rating,
    ReviewItem,
    Script,
    SessionState,
    Theme,
    Vote,
    from_record,
)
from .ports import Tables
from .script import parse_script

META_KEY = "session"
SCRIPT_KEY = "copy"


_PLAIN = frozenset((str, int, float, bool, type(None)))
_FIELDS: dict[type, tuple[str, ...]] = {}


def record_of(value: Any) -> dict:
    """Return `asdict(value)`: for a record of plain values and tuples of them (a card, a dot) without asdict's
    deep copy, which took ~10% of a phone's card (its values are immutable, so sharing them is the same)."""
    names = _FIELDS.get(type(value))
    if names is None:
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    record = {}
    for name in names:
        item = getattr(value, name)
        kind = type(item)
        if kind not in _PLAIN and not (kind is tuple and all(type(part) in _PLAIN for part in item)):
            return asdict(value)  # nested records, lists, subclasses: the general way
        record[name] = item
    return record


def put(table: str, key: str, value: Any) -> Change:
    """Return the change that stores the dataclass `value` under `key` in `table`."""
    return Change(table, key, record_of(value))


def meta_change(meta: Meta) -> Change:
    """Return the change that stores a session's meta record."""
    return Change("meta", META_KEY, asdict(meta))


def script_change(script: Script) -> Change:
    """Return the change that stores the session's own copy of its script (as it was when it started)."""
    return Change("script", SCRIPT_KEY, {"text": script.text, "path": script.path})


@contextmanager
def _stored_records() -> Iterator[None]:
    """Turn records that do not fit the model (a JSON file that is not a session) into a clear error."""
    try:
        yield
    except KeyError as exc:
        raise CorruptSessionError("store.not_a_session", reason=f"'{exc.args[0]}' ontbreekt") from None
    except (TypeError, ValueError, AttributeError, IndexError):
        raise CorruptSessionError("store.not_a_session", reason="gegevens passen niet") from None


def state_from_tables(tables: Tables) -> SessionState:
    """Rebuild a SessionState from stored records (the inverse of what the service writes).

    Raises ScriptErrors when the stored script copy no longer parses, CorruptSessionError when the
    records are not a session's.
    """
    meta, script = header_from_tables(tables)

    def rows(table: str, cls: type) -> tuple:
        return tuple(from_record(cls, r) for r in tables.get(table, {}).values())

    with _stored_records():
        contributions = sorted(rows("contributions", Contribution), key=lambda c: int(c.id[1:]))
        return SessionState(
            meta=meta,
            script=script,
            participants=rows("participants", Participant),
            contributions=Chunked(contributions),
            themes=tuple(sorted(rows("themes", Theme), key=lambda t: int(t.id[1:]))),
            votes=rows("votes", Vote),
            ratings=rows("ratings", Rating),
            actions=tuple(sorted(rows("actions", Action), key=lambda a: int(a.id[1:]))),
            reviews=tuple(sorted(rows("reviews", ReviewItem), key=lambda r: r.order)),
            indicators=tuple(sorted(rows("indicators", Indicator), key=lambda i: int(i.id[1:]))),
        )


def header_from_tables(tables: Tables) -> tuple[Meta, Script]:
    """Return a stored session's meta and script: what a list of sessions shows, without building every card.

    Raises ScriptErrors when the stored script copy no longer parses, CorruptSessionError when the
    records are not a session's.
    """
    with _stored_records():
        copy = tables["script"][SCRIPT_KEY]
        text, path = copy["text"], copy.get("path", "")
        if not isinstance(text, str) or not isinstance(path, str):
            raise TypeError("script")
        meta = from_record(Meta, tables["meta"][META_KEY])
        meta = replace(meta, spent=tuple((k, float(v)) for k, v in meta.spent))
        script = parse_script(text, path)
        if not (isinstance(meta.current, int) and 0 <= meta.current < len(script.steps)):
            raise ValueError("current")
        if not all(isinstance(getattr(meta, name), str) for name in ("id", "team", "created_at", "status")):
            raise TypeError("meta")
        datetime.fromisoformat(meta.created_at)
        return meta, script
