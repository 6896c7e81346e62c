"""Session storage on disk: the TinyDB adapter behind the core's SessionStore Protocol."""

from .tinydb_store import TinyDBSessionStore, backup_path, lock_path, open_store, peek, read_tables, restore_command

__all__ = ["TinyDBSessionStore", "backup_path", "lock_path", "open_store", "peek", "read_tables", "restore_command"]
