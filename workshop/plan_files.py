"""The team plans' files: reading one, a lock per plan, and replacing it only if nobody saved it meanwhile."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.model import SessionState
    from .core.plan import PlanMerge


@dataclass(frozen=True)
class PendingPlan:
    """A session merged into a plan in memory, not written yet: where, the text it was merged into, the result."""

    path: Path
    base: str | None  # None: there was no plan yet
    state: SessionState
    result: PlanMerge
    # Another team's plan that gets only this session's answers about its actions (a review across teams);
    # None: the session's own plan, which gets the whole session.
    reviews_of: str | None = None


PLAN_LOCK_WAIT = 30.0  # seconds an export waits for another export of the same plan


def lock_path(path: Path) -> Path:
    """Return the lock file of a plan: in the computer's temporary folder, named after the plan's full path,
    so that exports/ holds only what people read (and a lock file left by a crash is cleaned with the rest)."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:20]
    return Path(tempfile.gettempdir()) / "workshop-plan-locks" / f"{path.stem}-{digest}.lock"


@contextmanager
def plan_lock(path: Path, wait: float = PLAN_LOCK_WAIT) -> Iterator[None]:
    """Hold the plan's lock for the block; two exports of one plan take turns.

    Raises PlanError("plan.locked") when another holder keeps it longer than `wait` seconds.
    """
    from filelock import FileLock, Timeout

    from .core.errors import PlanError

    lock_file = lock_path(path)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file, timeout=wait, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise PlanError("plan.locked", path=str(path), lock=str(lock_file)) from None
    try:
        yield
    finally:
        lock.release()


def read_plan_file(path: Path) -> str | None:
    """Return a plan's text, or None when the file does not exist. Raises PlanError when it cannot be read."""
    from .core.errors import PlanError

    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise PlanError("plan.not_utf8", path=str(path), reason=str(exc)) from None
    except OSError as exc:  # a folder in its place, no permission, a disk error
        raise PlanError("plan.unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from None


def replace_if_unchanged(target: Path, text: str, expected: str | None) -> bool:
    """Replace `target` with `text` if it still holds `expected` (None: it does not exist); returns whether it did.

    The new text is written and synced first, then the target is read once more and only then replaced,
    so the window in which someone else's save could be overwritten is as small as the file system allows.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if read_plan_file(target) != expected:
            Path(tmp).unlink(missing_ok=True)
            return False
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
