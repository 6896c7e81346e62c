"""Session storage on disk: the TinyDB adapter behind the core's SessionStore Protocol, and lock-free reading."""

from .backup import backup_path, restore_command
from .journal import journal_path
from .locking import lock_path, locked
from .snapshot import peek, read_tables
from .tinydb_store import TinyDBSessionStore, open_store

__all__ = [
    "TinyDBSessionStore",
    "backup_path",
    "journal_path",
    "lock_path",
    "locked",
    "open_store",
    "peek",
    "read_tables",
    "restore_command",
]
