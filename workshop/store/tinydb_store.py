"""Session files on disk: TinyDB tables in one JSON file per session, written atomically and durably."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import shlex
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage

from ..core.errors import CorruptSessionError, SessionLockedError, StoreError, StoreWriteError
from ..core.model import Change
from ..core.ports import Tables
from .journal import (  # one fsync rule for the file and its journal
    JournalContents,
    JournalDamaged,
    JournalWriter,
    _sync,
    _sync_folder,
    encode_entry,
    journal_path,
    read_journal,
)

log = logging.getLogger(__name__)

# Our record keys are strings; TinyDB's are integer doc ids. Each stored document carries its key here.
KEY_FIELD = "_key"
# The store's own table in the session file: the number of the last journal write folded into it.
STORE_TABLE = "_store"
SEQ_KEY = "journal"
# A journal is folded into the session file once it is this big, or as big as the file, whichever is
# more: rewriting the file then costs about as much as all the appends it replaces (amortised O(1)).
FOLD_MIN_BYTES = 1 << 20
# How often a lock-free reader tries again when the writer folded the journal while it was reading.
_READ_ATTEMPTS = 20

# What an OS error means for the person at the keyboard; anything else shows the system's own words.
# Looked up by name because not every platform defines every code (Windows lacks some).
_WRITE_REASONS: dict[int, str] = {
    getattr(errno, name): text
    for name, text in (
        ("ENOSPC", "de schijf is vol"),
        ("EDQUOT", "de schijfruimte (quotum) is op"),
        ("EFBIG", "het bestand wordt te groot voor de schijf"),
        ("EACCES", "geen toestemming om in de map te schrijven"),
        ("EPERM", "geen toestemming om in de map te schrijven"),
        ("EROFS", "de schijf of map is alleen-lezen"),
        ("EIO", "de schijf gaf een lees- of schrijffout"),
    )
    if hasattr(errno, name)
}


class _Damaged(ValueError):
    """A session file's bytes are not a session; the message says why, for a person."""


# --- files ----------------------------------------------------------------------------------------


def backup_path(path: Path) -> Path:
    """Return where the last good copy of the session file at `path` is kept (`<file>.bak`)."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    """Return the lock file that guards the session file at `path` (`<file>.lock`)."""
    return path.with_name(path.name + ".lock")


def _owner_path(path: Path) -> Path:
    # The lock file itself cannot carry the pid: on Windows a locked byte range cannot be read by others.
    return path.with_name(path.name + ".pid")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # Matches the temp files `_atomic_write` makes for the session file and for its backup, and nothing else.
    return re.compile(r"\." + re.escape(path.name) + r"(\.bak|\.journal)?~[A-Za-z0-9_]+\.tmp")


def _atomic_write(path: Path, data: bytes, *, after_replace: Callable[[], None] | None = None) -> None:
    """Put `data` at `path` all at once: temp file, fsync, os.replace, fsync the folder.

    `after_replace()` runs right after the rename, before the folder fsync, so a caller can record that
    the new bytes are now the file. Raises OSError; the temp file is then gone and the old file untouched
    (unless the failure came after the rename, when the file holds `data`).
    """
    folder = path.parent
    # Same folder as the target: os.replace is only atomic within one file system. mkstemp makes it 0600,
    # which suits care data.
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}~", suffix=".tmp")
    try:
        with open(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            _sync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    if after_replace is not None:
        after_replace()
    _sync_folder(folder)


def _remove_stale_temps(path: Path) -> None:
    """Delete temp files a crashed writer left next to `path` (only call this while holding its lock)."""
    pattern = _temp_pattern(path)
    with suppress(OSError):
        for candidate in path.parent.iterdir():
            if pattern.fullmatch(candidate.name):
                with suppress(OSError):
                    candidate.unlink()


def _write_reason(exc: OSError) -> str:
    """Return a short Dutch reason for a failed write, with the system's own words after it."""
    system = exc.strerror or type(exc).__name__
    plain = _WRITE_REASONS.get(exc.errno or 0)
    return f"{plain} ({system})" if plain else system


def restore_command(backup: Path, path: Path) -> str:
    """Return a command that puts `backup` back over `path`, for the shell of this operating system."""
    if os.name == "nt":
        # `copy` works in both cmd.exe and PowerShell (where it is Copy-Item); double quotes suit both.
        return f'copy "{backup}" "{path}"'
    return f"cp {shlex.quote(str(backup))} {shlex.quote(str(path))}"


# --- parsing --------------------------------------------------------------------------------------


def _parse(raw: bytes) -> dict[str, dict[str, dict]]:
    """Return the TinyDB data in a session file's bytes. Raises _Damaged saying what is wrong."""
    if not raw.strip():
        raise _Damaged("het bestand is leeg")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Damaged(f"geen tekst (UTF-8) bij byte {exc.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Damaged(f"afgebroken of geen JSON: regel {exc.lineno}, kolom {exc.colno}") from None
    except RecursionError:
        raise _Damaged("geen sessiegegevens: te diep genest") from None
    _check_shape(data)
    return data


def _check_shape(data: object) -> None:
    """Raise _Damaged unless `data` is {table: {doc id: {"_key": str, ...}}} with unique keys per table."""
    if not isinstance(data, dict):
        raise _Damaged(f"geen sessiegegevens: verwacht een object, vond {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _Damaged(f"tabel '{name}' is geen object")
        seen: set[str] = set()
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise _Damaged(f"tabel '{name}': '{doc_id}' is geen documentnummer")
            if not isinstance(doc, dict):
                raise _Damaged(f"tabel '{name}', document {doc_id} is geen object")
            key = doc.get(KEY_FIELD)
            if not isinstance(key, str):
                raise _Damaged(f"tabel '{name}', document {doc_id} mist '{KEY_FIELD}'")
            if key in seen:
                raise _Damaged(f"tabel '{name}': sleutel '{key}' staat er twee keer in")
            seen.add(key)


def _copy(value: Any) -> Any:
    """Return a deep copy of a JSON-like value (several times faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


def _record(doc: dict) -> dict:
    """Return a copy of a stored document as the core knows it: without our key field."""
    return {k: _copy(v) for k, v in doc.items() if k != KEY_FIELD}


def _tables(data: dict[str, dict[str, dict]]) -> Tables:
    """Return the records in freshly parsed TinyDB data by table and key (without the store's own table).

    The records are the parsed ones, not copies (nobody else holds them): listing 30 large sessions
    took twice as long with copies.
    """
    return {
        name: {doc[KEY_FIELD]: {k: v for k, v in doc.items() if k != KEY_FIELD} for doc in table.values()}
        for name, table in data.items()
        if name != STORE_TABLE
    }


def _main_seq(data: dict[str, dict[str, dict]]) -> int:
    """Return the number of the last journal write folded into the session file's data (0: none)."""
    for doc in data.get(STORE_TABLE, {}).values():
        seq = doc.get("seq")
        if doc.get(KEY_FIELD) == SEQ_KEY and isinstance(seq, int) and not isinstance(seq, bool):
            return seq
    return 0


def _merge(pending: dict[str, dict[str, dict | None]], table: str, key: str, record: dict | None) -> None:
    """Record the latest change of `table`/`key` (None = deleted); dict order follows the last change."""
    records = pending.setdefault(table, {})
    records.pop(key, None)
    records[key] = record


def _overlay(tables: Tables, pending: dict[str, dict[str, dict | None]]) -> Tables:
    """Apply journalled changes not yet folded to `tables` (in place, as copies); returns `tables`."""
    for name, records in pending.items():
        table = tables.setdefault(name, {})
        for key, record in records.items():
            if record is None:
                table.pop(key, None)
            else:
                table[key] = _copy(record)
    return tables


def _replay(contents: JournalContents, main_seq: int) -> dict[str, dict[str, dict | None]]:
    """Return the journal's changes after write `main_seq`, latest per key. Raises _Damaged on a gap."""
    if contents.base > main_seq:
        raise _Damaged(f"het journaal begint na schrijfnummer {contents.base}, het bestand houdt op bij {main_seq}")
    pending: dict[str, dict[str, dict | None]] = {}
    for seq, rows in contents.entries:
        if seq > main_seq:
            for table, key, record in rows:
                _merge(pending, table, key, record)
    return pending


def _corrupt_journal(journal: Path, reason: str) -> CorruptSessionError:
    # The session file and its backup are fine, but the writes in the journal are only there: keep it.
    return CorruptSessionError("store.corrupt_no_backup", path=str(journal), reason=reason)


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def _serialise(data: dict) -> bytes:
    """Return the bytes of the session file for `data`. Raises TypeError/ValueError for non-JSON values."""
    # ASCII escapes (\u00eb for ë) cost ~1% in size for Dutch text but serialise about a third faster
    # than ensure_ascii=False, and whole-file serialisation is most of a write's time at 10,000 records.
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def _load(path: Path) -> tuple[bytes, dict, JournalContents | None]:
    """Read the session file (bytes and data) and its journal. Raises CorruptSessionError when either is damaged."""
    raw = path.read_bytes()
    try:
        data = _parse(raw)
    except _Damaged as exc:
        raise _corrupt(path, str(exc)) from None
    try:
        return raw, data, read_journal(journal_path(path))
    except JournalDamaged as exc:
        raise _corrupt_journal(journal_path(path), str(exc)) from None


def read_tables(path: Path) -> Tables:
    """Return the records in the session file at `path` without locking it (to list or export a session).

    Includes the writes in the session's journal. Safe while another program writes the session: the
    file is replaced whole and the journal only grows, so this sees one consistent version (it reads
    again when the journal was folded into the file meanwhile). Raises CorruptSessionError when the
    file or journal is damaged (both are left as they are) and OSError (FileNotFoundError, ...) when
    it cannot be read.
    """
    path = Path(path)
    for _ in range(_READ_ATTEMPTS):
        before = _identity(path)
        try:
            _, data, contents = _load(path)
        except CorruptSessionError:
            if _identity(path) != before:
                continue  # replaced while we read: read the new one
            raise
        if _identity(path) != before:
            continue  # folded while we read: the journal may already belong to the new file
        tables = _tables(data)
        if contents is None:
            return tables
        try:
            return _overlay(tables, _replay(contents, _main_seq(data)))
        except _Damaged as exc:
            raise _corrupt_journal(journal_path(path), str(exc)) from None
    raise OSError(errno.EAGAIN, "het sessiebestand veranderde steeds tijdens het lezen; probeer het opnieuw", str(path))


def peek(path: Path) -> Tables | None:
    """Return the records in the session file at `path` without locking it; None when it cannot be read."""
    try:
        return read_tables(path)
    except (OSError, CorruptSessionError):
        return None


# --- TinyDB storage -------------------------------------------------------------------------------


class DurableMemoryStorage(Storage):
    """A TinyDB Storage that serves reads from memory and writes the whole database atomically.

    TinyDB calls `write()` after every table operation; inside `group()` those calls only mark the data
    dirty and the one flush happens when the group ends (group commit). Unlike CachingMiddleware nothing
    is ever held back after `group()` returns: either the flush reached the disk or the data is rolled
    back to what the file holds.
    """

    def __init__(self, path: Path, data: dict, on_disk: bytes) -> None:
        self.path = path
        self._data = data
        # The exact bytes in the file: the state to roll back to. Kept in memory so a rollback needs no
        # disk (which may be the thing failing) and reads never touch the file.
        self._on_disk = on_disk
        self._grouping = False
        self._dirty = False

    def read(self) -> dict:
        """Return the live data (TinyDB's tables change it in place)."""
        return self._data

    @property
    def on_disk(self) -> bytes:
        """The exact bytes the session file holds now."""
        return self._on_disk

    def write(self, data: dict) -> None:
        """Take `data` as the new state; flush now unless inside `group()`. Raises OSError when a flush fails."""
        self._data = data
        if self._grouping:
            self._dirty = True
        else:
            self._flush_or_roll_back()

    def close(self) -> None:
        """Nothing to release: the file is only open while a flush runs."""

    @contextmanager
    def group(self) -> Iterator[None]:
        """Collect every TinyDB write in the block into one flush at its end.

        Raises what the block or the flush raised (OSError when the disk refused); the data is then back
        to what the file holds.
        """
        if self._grouping:
            raise RuntimeError("group() does not nest")
        self._grouping, self._dirty = True, False
        try:
            yield
        except BaseException:
            self.roll_back()
            raise
        finally:
            self._grouping = False
        if self._dirty:
            self._flush_or_roll_back()

    def roll_back(self) -> None:
        """Put the in-memory data back to what the session file holds."""
        self._data = json.loads(self._on_disk)
        self._dirty = False

    def _flush_or_roll_back(self) -> None:
        try:
            new = _serialise(self._data)
            _atomic_write(self.path, new, after_replace=lambda: setattr(self, "_on_disk", new))
        except BaseException:
            # If the rename already happened (only the folder fsync failed), `_on_disk` is the new bytes and
            # memory keeps matching the file; otherwise it goes back to the old state.
            self.roll_back()
            raise
        self._dirty = False


# --- the store ------------------------------------------------------------------------------------


class TinyDBSessionStore:
    """A SessionStore keeping one session in one JSON file, with TinyDB tables; open it with `open_store`.

    With `journal` every write is one fsynced line appended to `<file>.journal` (see journal.py) instead
    of a rewrite of the whole file, and the journal is folded into the file (through TinyDB, with the
    same atomic rewrite) once it has grown as big as the file, and when the store is opened or closed.
    """

    def __init__(
        self,
        path: Path,
        lock: FileLock,
        data: dict,
        on_disk: bytes,
        *,
        journal: bool = False,
        fold_at: int | None = None,
    ) -> None:
        self.path = path
        self.journal = journal
        self._lock: FileLock | None = lock
        self._storage = DurableMemoryStorage(path, data, on_disk)
        # A lambda hands TinyDB our ready-made storage instead of letting it construct one.
        self._db = TinyDB(storage=lambda: self._storage)
        # table -> record key -> TinyDB doc id, so a change finds its document without scanning.
        self._ids: dict[str, dict[str, int]] = {}
        self._index()
        # Journalled writes not yet folded into the file: table -> key -> record (None = deleted).
        self._pending: dict[str, dict[str, dict | None]] = {}
        self._seq = self._main_seq = _main_seq(data)
        self._writer = JournalWriter(journal_path(path))
        self._fold_min = FOLD_MIN_BYTES if fold_at is None else fold_at
        self._fold_retry_at = 0

    def __enter__(self) -> TinyDBSessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """True once `close()` has run."""
        return self._lock is None

    def read(self) -> Tables:
        """Return every record by table and key, as copies the caller may change. Raises StoreError when closed."""
        self._check_open()
        tables = {
            name: {doc[KEY_FIELD]: _record(doc) for doc in self._db.table(name)}
            for name in self._storage.read()
            if name != STORE_TABLE
        }
        return _overlay(tables, self._pending)

    def write(self, changes: Sequence[Change]) -> None:
        """Apply `changes` as one unit with one flush to disk; returns once they are on disk.

        Raises StoreWriteError ("store.write_failed") when the disk refused; then nothing of `changes` is
        kept, the file is as before and a later write can succeed. Raises StoreError ("store.closed")
        after `close()`, TypeError/ValueError for a malformed change (nothing applied).
        """
        self._check_open()
        final = _final_records(changes)
        if not final:
            return
        if self.journal:
            self._append(final)
            return
        saved = {name: dict(records) for name, records in self._pending.items()}
        for name, records in final.items():
            for key, record in records.items():
                _merge(self._pending, name, key, record)
        try:
            self._fold()
        except OSError as exc:
            self._pending = saved
            raise StoreWriteError("store.write_failed", reason=_write_reason(exc)) from exc
        except BaseException:
            self._pending = saved
            raise

    def close(self) -> None:
        """Fold the journal into the file, release the session's lock; reads and writes raise StoreError
        afterwards. Safe to call twice. A fold that fails leaves the journal, which the next open reads."""
        if self._lock is None:
            return
        try:
            if self._pending or self._writer.exists:
                self._fold()
        except Exception as exc:
            log.warning("could not fold the journal of %s on closing: %s", self.path.name, type(exc).__name__)
        finally:
            self._writer.close()
            lock, self._lock = self._lock, None
            _release(self.path, lock)

    def _append(self, final: dict[str, dict[str, dict | None]]) -> None:
        """Journal mode: append `final` as one fsynced line; fold when the journal has grown enough."""
        line = encode_entry(self._seq + 1, final)  # TypeError/ValueError here: nothing happened
        try:
            self._writer.append(line, base=self._main_seq)
        except OSError as exc:
            raise StoreWriteError("store.write_failed", reason=_write_reason(exc)) from exc
        self._seq += 1
        for name, records in final.items():
            for key, record in records.items():
                _merge(self._pending, name, key, record)
        if self._writer.size >= max(self._fold_min, len(self._storage.on_disk), self._fold_retry_at):
            try:
                self._fold()
            except Exception as exc:
                self._fold_retry_at = self._writer.size + max(self._fold_min, len(self._storage.on_disk)) // 2
                log.warning("could not fold the journal of %s: %s", self.path.name, type(exc).__name__)

    def _fold(self) -> None:
        """Write the file with every journalled change (one atomic rewrite via TinyDB), then drop the journal.

        Raises OSError (or TypeError/ValueError for a record that is not JSON) with the file and the
        in-memory TinyDB data as before; the pending changes and the journal are then kept.
        """
        final = {name: dict(records) for name, records in self._pending.items()}
        if self._seq != self._main_seq:
            final.setdefault(STORE_TABLE, {})[SEQ_KEY] = {"seq": self._seq}
        if final:
            try:
                with self._storage.group():
                    self._apply(final)
            except BaseException:
                self._index()
                raise
        self._main_seq = self._seq
        self._pending = {}
        self._fold_retry_at = 0
        self._writer.discard()

    def _adopt(self, contents: JournalContents) -> None:
        """Take over the journal found at open: its writes become pending. Raises _Damaged on a gap."""
        self._pending = _replay(contents, self._main_seq)
        if contents.last_seq >= self._main_seq:
            self._seq = contents.last_seq
            self._writer.adopt(contents)
        # else: every line is in the file already; the next append starts a fresh journal over it.

    def _check_open(self) -> None:
        if self._lock is None:
            raise StoreError("store.closed")

    def _index(self) -> None:
        """Rebuild the key -> doc id index from the data (on open and after a rollback)."""
        self._ids = {
            name: {doc[KEY_FIELD]: int(doc_id) for doc_id, doc in table.items()}
            for name, table in self._storage.read().items()
        }

    def _apply(self, final: dict[str, dict[str, dict | None]]) -> None:
        """Apply the final record per key through TinyDB's Table API: per table at most one remove, update, insert."""
        data = self._storage.read()
        for name, records in final.items():
            table = self._db.table(name)
            ids = self._ids.setdefault(name, {})
            gone = [ids.pop(key) for key, record in records.items() if record is None and key in ids]
            changed = {key: record for key, record in records.items() if record is not None and key in ids}
            added = [key for key, record in records.items() if record is not None and key not in ids]
            # Each Table call rebuilds the table's dict (O(records)), so one call per kind, not per change.
            if gone or name not in data:
                # With an empty list this still creates the table, so a touched table exists, as in MemoryStore.
                table.remove(doc_ids=gone)
            if changed:
                table.update(_replacer(changed), doc_ids=[ids[key] for key in changed])
            if added:
                inserted = table.insert_multiple({KEY_FIELD: key, **records[key]} for key in added)
                ids.update(zip(added, inserted, strict=True))


def _replacer(records: dict[str, dict]) -> Callable[[dict], None]:
    """Return a TinyDB update function that swaps each document's fields for its new record, by key."""

    def replace(doc: dict) -> None:
        # A put replaces the whole record; TinyDB's update() with a dict would merge fields instead.
        key = doc[KEY_FIELD]
        doc.clear()
        doc.update({KEY_FIELD: key, **records[key]})

    return replace


def _final_records(changes: Sequence[Change]) -> dict[str, dict[str, dict | None]]:
    """Return the last record per table and key (None = delete), copied. Raises TypeError/ValueError."""
    final: dict[str, dict[str, dict | None]] = {}
    for change in changes:
        if not isinstance(change.table, str) or not change.table:
            raise ValueError(f"table must be a non-empty string, not {change.table!r}")
        if not isinstance(change.key, str):
            raise TypeError(f"key must be a string, not {change.key!r}")
        record = change.record
        if record is not None:
            if not isinstance(record, dict):
                raise TypeError(f"record must be a dict or None, not {type(record).__name__}")
            if KEY_FIELD in record:
                raise ValueError(f"'{KEY_FIELD}' is reserved for the store")
            # A copy: the caller may change its dict later without that reaching the next flush.
            record = _copy(record)
        if change.table == STORE_TABLE:
            raise ValueError(f"table '{STORE_TABLE}' is reserved for the store")
        table = final.setdefault(change.table, {})
        # Later changes win, as if applied one by one; pop first so dict order follows the last change.
        table.pop(change.key, None)
        table[change.key] = record
    return final


# --- opening --------------------------------------------------------------------------------------


def _acquire(path: Path) -> FileLock:
    """Take the session's lock without waiting. Raises SessionLockedError when another holder has it."""
    lock_file = lock_path(path)
    # A new lock object per open, not shared per path (is_singleton=False) and not tied to a thread: then a
    # second open in this same process contends like another process would (flock/msvcrt locks are per open
    # file), instead of silently re-entering the first one's lock.
    lock = FileLock(lock_file, timeout=0, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise SessionLockedError(
            "store.locked", session=path.stem, pid=_read_owner(path), lock=str(lock_file)
        ) from None
    with suppress(OSError):
        # Only to name the holder in the message another opener sees; the lock works without it.
        _owner_path(path).write_text(str(os.getpid()), encoding="ascii")
    return lock


def _read_owner(path: Path) -> str:
    try:
        pid = _owner_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
    return pid if pid.isdigit() else "?"


def _release(path: Path, lock: FileLock) -> None:
    """Remove our pid note (if still ours), then release the lock."""
    if _read_owner(path) == str(os.getpid()):
        with suppress(OSError):
            _owner_path(path).unlink()
    lock.release()


def _good_backup(path: Path) -> Path | None:
    """Return the backup of `path` when it exists and is itself a readable session, else None."""
    backup = backup_path(path)
    try:
        _parse(backup.read_bytes())
    except (OSError, _Damaged):
        return None
    return backup


def _corrupt(path: Path, reason: str) -> CorruptSessionError:
    backup = _good_backup(path)
    if backup is None:
        return CorruptSessionError("store.corrupt_no_backup", path=str(path), reason=reason)
    return CorruptSessionError(
        "store.corrupt", path=str(path), reason=reason, backup=str(backup), restore=restore_command(backup, path)
    )


def _make_backup(path: Path, raw: bytes) -> None:
    """Save `raw` (the file just read and found good) as the last good copy; a failure is logged, not raised."""
    try:
        _atomic_write(backup_path(path), raw)
    except OSError as exc:
        # Not fatal: the session itself is fine, and a write that fails for the same reason will say so.
        log.warning("could not save the backup %s: %s", backup_path(path), exc)


def open_store(
    path: Path, *, create: bool = False, journal: bool = False, fold_at: int | None = None
) -> TinyDBSessionStore:
    """Open (or with `create`, make) the session file at `path` and lock it for this store.

    A journal left by an earlier program (see journal.py) is always read and folded into the file.
    With `journal` this store appends its own writes to a journal too (a running session: fast writes
    in large sessions); without it every write rewrites the file. `fold_at` (bytes) overrides when the
    journal is folded (tests).

    Returns the open store; close it to release the lock. Raises FileNotFoundError when the file is
    missing and not `create`; FileExistsError when `create` and the file (or a backup or journal of an
    earlier session with that name) exists; SessionLockedError when another program or store has it
    open; CorruptSessionError when the file or its journal is damaged (both are left exactly as they
    are); StoreWriteError when a new file cannot be written; OSError when the file or its lock file
    cannot be read or made (e.g. no permission).
    """
    path = Path(path)
    # Before locking, so asking for a missing session leaves no lock file behind.
    if not create and not path.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    lock = _acquire(path)
    try:
        if create:
            return _create(path, lock, journal=journal, fold_at=fold_at)
        raw, data, contents = _load(path)
        # Safe now: we hold the lock, so temp files here belong to a writer that died.
        _remove_stale_temps(path)
        store = TinyDBSessionStore(path, lock, data, raw, journal=journal, fold_at=fold_at)
        if contents is not None:
            try:
                store._adopt(contents)
            except _Damaged as exc:
                raise _corrupt_journal(journal_path(path), str(exc)) from None
            try:
                store._fold()
                raw = store._storage.on_disk
            except OSError as exc:
                # Every write is still in the journal, which this store goes on using.
                log.warning("could not fold the journal of %s: %s", path.name, _write_reason(exc))
        _make_backup(path, raw)
        return store
    except BaseException:
        _release(path, lock)
        raise


def _create(path: Path, lock: FileLock, *, journal: bool = False, fold_at: int | None = None) -> TinyDBSessionStore:
    """Write a new, empty session file at `path` (lock held). Raises FileExistsError or StoreWriteError."""
    for existing in (path, backup_path(path), journal_path(path)):
        # A lone backup (or journal) may be the only copy left of an earlier session: never write over it.
        if existing.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(existing))
    raw = _serialise({})
    try:
        _atomic_write(path, raw)
    except OSError as exc:
        raise StoreWriteError("store.write_failed", reason=_write_reason(exc)) from exc
    _make_backup(path, raw)
    return TinyDBSessionStore(path, lock, {}, raw, journal=journal, fold_at=fold_at)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of the session file at `path` for the block, e.g. while deleting it.

    Raises SessionLockedError when another program (or store) has the session open.
    """
    lock = _acquire(path)
    try:
        yield
    finally:
        _release(path, lock)
