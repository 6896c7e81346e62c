"""How many phones the server can hold open at once: the process's open-file limit, raised where the OS allows."""

from __future__ import annotations

import sys

# Each phone holds about two connections (its live-update stream and one for pages and forms), and the
# process needs some files of its own (the session file, its journal, logs, the listening socket).
RESERVED_FILES = 64
FILES_PER_PHONE = 2
MAX_STREAMS = 2_000
_WANTED = 8_192  # enough for 2,000 phones' streams and their page requests
_MACOS_CEILING = 10_240  # OPEN_MAX: macOS refuses a soft limit above it even when the hard limit is "unlimited"


def raise_open_files(wanted: int = _WANTED) -> int:
    """Raise this process's soft limit on open files towards `wanted` (never above the hard limit); returns it.

    Linux usually starts at 1,024 (a room of ~480 phones), macOS at 256. Returns the limit in force
    afterwards; on systems without the `resource` module (Windows) a large number.
    """
    try:
        import resource  # POSIX only: imported here so that Windows runs without it
    except ImportError:
        return 16_384
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if sys.platform == "darwin":
        target = min(target, _MACOS_CEILING)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass  # keep the limit we have; stream_limit sizes the streams to it
    return soft if soft != resource.RLIM_INFINITY else wanted


def stream_limit() -> int:
    """Return how many live-update streams to accept: what the open files allow, at most MAX_STREAMS.

    Phones over it are not lost: their page polls for changes instead (stream.poll).
    """
    files = raise_open_files()
    return max(50, min(MAX_STREAMS, (files - RESERVED_FILES) // FILES_PER_PHONE))
