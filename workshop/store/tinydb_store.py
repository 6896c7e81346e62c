"""The TinyDB adapter: one session in one JSON file (TinyDB tables), behind the core's SessionStore Protocol."""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path

from filelock import FileLock
from tinydb import TinyDB

from ..core.errors import StoreError, StoreWriteError
from ..core.model import Change
from ..core.ports import Tables
from .backup import backup_path, corrupt_journal, save_backup
from .digest_cache import save_digest_of_data
from .fileformat import (
    KEY_FIELD,
    SEQ_KEY,
    STORE_TABLE,
    Damaged,
    Pending,
    final_records,
    main_seq,
    merge,
    overlay,
    record_of,
    replay,
    serialise,
)
from .files import remove_stale_temps, write_atomic, write_reason
from .journal import JournalContents, JournalWriter, encode_entry, journal_path
from .locking import acquire, release
from .snapshot import load
from .storage import DurableMemoryStorage

log = logging.getLogger(__name__)

# A journal is folded into the session file once it is this big, or as big as the file, whichever is
# more: rewriting the file then costs about as much as all the appends it replaces (amortised O(1)).
FOLD_MIN_BYTES = 1 << 20
# A fold rewrites the whole file (~0.1-0.3 s at 10,000 records under load), and every write waits for it (the
# serialising holds the interpreter, so the server's loop waits too). While writes keep coming (a room sending
# cards) it waits until FOLD_QUIET seconds pass without one; only a journal FOLD_LATE times past its fold size is
# folded at once.
FOLD_QUIET = 1.0
FOLD_LATE = 4


class TinyDBSessionStore:
    """A SessionStore keeping one session in one JSON file, with TinyDB tables; open it with `open_store`.

    With `journal` every write is one fsynced line appended to `<file>.journal` (see journal.py) instead
    of a rewrite of the whole file, and the journal is folded into the file (through TinyDB, with the
    same atomic rewrite) once it has grown as big as the file and no write came for `fold_quiet` seconds
    (at once when it is FOLD_LATE times that big), and when the store is opened or closed. Its methods may be
    called from several threads (a quiet fold runs on a timer's).
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
        fold_quiet: float | None = None,
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
        self._pending: Pending = {}
        self._seq = self._main_seq = main_seq(data)
        self._writer = JournalWriter(journal_path(path))
        self._fold_min = FOLD_MIN_BYTES if fold_at is None else fold_at
        self._fold_retry_at = 0
        # Seconds without a write before a due fold runs (0: at once); tests that set `fold_at` fold at once.
        self._fold_quiet = fold_quiet if fold_quiet is not None else (FOLD_QUIET if fold_at is None else 0.0)
        self._last_append = 0.0
        self._quiet_timer: threading.Timer | None = None
        self._mutex = threading.RLock()  # writes, reads, closing and the quiet fold, one at a time

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
        with self._mutex:
            return self._read()

    def _read(self) -> Tables:
        self._check_open()
        tables = {
            name: {doc[KEY_FIELD]: record_of(doc) for doc in self._db.table(name)}
            for name in self._storage.read()
            if name != STORE_TABLE
        }
        return overlay(tables, self._pending)

    def write(self, changes: Sequence[Change]) -> None:
        """Apply `changes` as one unit with one flush to disk; returns once they are on disk.

        Raises StoreWriteError ("store.write_failed") when the disk refused; then nothing of `changes` is
        kept, the file is as before and a later write can succeed. Raises StoreError ("store.closed")
        after `close()`, TypeError/ValueError for a malformed change (nothing applied).
        """
        with self._mutex:
            self._write(changes)

    def _write(self, changes: Sequence[Change]) -> None:
        self._check_open()
        final = final_records(changes)
        if not final:
            return
        if self.journal:
            self._append(final)
            return
        saved = {name: dict(records) for name, records in self._pending.items()}
        for name, records in final.items():
            for key, record in records.items():
                merge(self._pending, name, key, record)
        try:
            self._fold()
        except OSError as exc:
            self._pending = saved
            raise StoreWriteError("store.write_failed", reason=write_reason(exc)) from exc
        except BaseException:
            self._pending = saved
            raise

    def close(self) -> None:
        """Fold the journal into the file, store the overview's digest of it, release the session's lock; reads
        and writes raise StoreError afterwards. Safe to call twice. A fold that fails leaves the journal, which
        the next open reads (and no digest is stored)."""
        with self._mutex:
            timer, self._quiet_timer = self._quiet_timer, None
            if timer is not None:
                timer.cancel()
            self._close()

    def _close(self) -> None:
        if self._lock is None:
            return
        try:
            if self._pending or self._writer.exists:
                self._fold()
            # The overview's digest of the session as it is now, while its data is at hand: the first
            # `workshop overzicht` afterwards need not read the whole file (digest_cache.py).
            save_digest_of_data(self.path, self._storage.on_disk, self._storage.read())
        except Exception as exc:
            log.warning("could not fold the journal of %s on closing: %s", self.path.name, type(exc).__name__)
        finally:
            self._writer.close()
            lock, self._lock = self._lock, None
            release(self.path, lock)

    def _append(self, final: Pending) -> None:
        """Journal mode: append `final` as one fsynced line; fold when the journal has grown enough."""
        line = encode_entry(self._seq + 1, final)  # TypeError/ValueError here: nothing happened
        try:
            self._writer.append(line, base=self._main_seq)
        except OSError as exc:
            raise StoreWriteError("store.write_failed", reason=write_reason(exc)) from exc
        self._seq += 1
        self._last_append = time.monotonic()
        for name, records in final.items():
            for key, record in records.items():
                merge(self._pending, name, key, record)
        due = self._fold_due()
        if due and (self._fold_quiet <= 0 or self._writer.size >= FOLD_LATE * due):
            self._try_fold()
        elif due and self._quiet_timer is None:
            self._arm(self._fold_quiet)

    def _fold_due(self) -> int:
        """The journal's fold size when it has reached it, else 0."""
        size = max(self._fold_min, len(self._storage.on_disk), self._fold_retry_at)
        return size if self._writer.size >= size else 0

    def _try_fold(self) -> None:
        """Fold now; when that fails, go on with the journal and try again once it has grown by half a fold."""
        try:
            self._fold()
        except Exception as exc:
            self._fold_retry_at = self._writer.size + max(self._fold_min, len(self._storage.on_disk)) // 2
            log.warning("could not fold the journal of %s: %s", self.path.name, type(exc).__name__)

    def _arm(self, seconds: float) -> None:
        timer = threading.Timer(seconds, self._quiet_fold)
        timer.daemon = True  # never holds the program open: closing folds anyway
        self._quiet_timer = timer
        timer.start()

    def _quiet_fold(self) -> None:
        """The timer's: fold a due journal once no write came for `fold_quiet` seconds (else look again then)."""
        with self._mutex:
            if self._quiet_timer is None or self._lock is None:
                return  # closed meanwhile
            self._quiet_timer = None
            left = self._last_append + self._fold_quiet - time.monotonic()
            if left > 0:
                self._arm(left)
            elif self._fold_due():
                self._try_fold()

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
        """Take over the journal found at open: its writes become pending. Raises Damaged on a gap."""
        self._pending = replay(contents, self._main_seq)
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

    def _apply(self, final: Pending) -> None:
        """Apply the final record per key through TinyDB's Table API: per table at most one remove, update, insert."""
        data = self._storage.read()
        for name, records in final.items():
            table = self._db.table(name)
            ids = self._ids.setdefault(name, {})
            gone = [ids.pop(key) for key, record in records.items() if record is None and key in ids]
            changed = {key: record for key, record in records.items() if record is not None and key in ids}
            added = {key: record for key, record in records.items() if record is not None and key not in ids}
            # Each Table call rebuilds the table's dict (O(records)), so one call per kind, not per change.
            if gone or name not in data:
                # With an empty list this still creates the table, so a touched table exists, as in MemoryStore.
                table.remove(doc_ids=gone)
            if changed:
                table.update(_replacer(changed), doc_ids=[ids[key] for key in changed])
            if added:
                inserted = table.insert_multiple({KEY_FIELD: key, **record} for key, record in added.items())
                ids.update(zip(added, inserted, strict=True))


def _replacer(records: dict[str, dict]) -> Callable[[MutableMapping], None]:
    """Return a TinyDB update function that swaps each document's fields for its new record, by key."""

    def replace(doc: MutableMapping) -> None:
        # A put replaces the whole record; TinyDB's update() with a dict would merge fields instead.
        key = doc[KEY_FIELD]
        doc.clear()
        doc.update({KEY_FIELD: key, **records[key]})

    return replace


def open_store(
    path: Path,
    *,
    create: bool = False,
    journal: bool = False,
    fold_at: int | None = None,
    fold_quiet: float | None = None,
) -> TinyDBSessionStore:
    """Open (or with `create`, make) the session file at `path` and lock it for this store.

    A journal left by an earlier program (see journal.py) is always read and folded into the file.
    With `journal` this store appends its own writes to a journal too (a running session: fast writes
    in large sessions); without it every write rewrites the file. `fold_at` (bytes) overrides when the
    journal is folded (tests), `fold_quiet` how many seconds without a write a due fold waits for (FOLD_QUIET;
    0 with `fold_at`).

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
    lock = acquire(path)
    try:
        if create:
            return _create(path, lock, journal=journal, fold_at=fold_at, fold_quiet=fold_quiet)
        raw, data, contents = load(path)
        # Safe now: we hold the lock, so temp files here belong to a writer that died.
        remove_stale_temps(path)
        store = TinyDBSessionStore(path, lock, data, raw, journal=journal, fold_at=fold_at, fold_quiet=fold_quiet)
        if contents is not None:
            try:
                store._adopt(contents)
            except Damaged as exc:
                raise corrupt_journal(journal_path(path), str(exc)) from None
            try:
                store._fold()
                raw = store._storage.on_disk
            except OSError as exc:
                # Every write is still in the journal, which this store goes on using.
                log.warning("could not fold the journal of %s: %s", path.name, write_reason(exc))
        save_backup(path, raw)
        return store
    except BaseException:
        release(path, lock)
        raise


def _create(
    path: Path, lock: FileLock, *, journal: bool = False, fold_at: int | None = None, fold_quiet: float | None = None
) -> TinyDBSessionStore:
    """Write a new, empty session file at `path` (lock held). Raises FileExistsError or StoreWriteError."""
    for existing in (path, backup_path(path), journal_path(path)):
        # A lone backup (or journal) may be the only copy left of an earlier session: never write over it.
        if existing.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(existing))
    raw = serialise({})
    try:
        write_atomic(path, raw)
    except OSError as exc:
        raise StoreWriteError("store.write_failed", reason=write_reason(exc)) from exc
    save_backup(path, raw)
    return TinyDBSessionStore(path, lock, {}, raw, journal=journal, fold_at=fold_at, fold_quiet=fold_quiet)
