"""Running the `workshop` command in tests: in this process (fast), or as a real process where that is the point.

`workshop(...)` calls `workshop.cli.main` here, in the test's own process, with the folder, environment, stdin,
stdout and stderr a user's shell would give it; it returns what a real run returns (exit code, output). A fresh
Python process costs ~0.3-0.5 s per call (start-up and imports), which made the command's tests most of the
fast tier's time. An exception the command does not handle is raised into the test (a real run prints a
traceback and exits 1): the test fails either way, with the traceback at hand.

`workshop_process(...)` starts `python -m workshop.cli` for the few tests about the process itself: the module
entry point, exit codes as the shell sees them, a process without the test's environment.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from tests.conftest import ROOT
from workshop import cli

# A user's shell has none of these unless they set it; the test's own environment must not leak into a run.
UNSET = ("WORKSHOP_HOME", "WORKSHOP_LANG")


def workshop(
    *args: str, cwd: Path, stdin: str | None = None, env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `workshop args` in folder `cwd` in this process; `env` sets (or with None, removes) variables."""
    out, err = io.StringIO(), io.StringIO()
    changes: dict[str, str | None] = {name: None for name in UNSET} | dict(env or {})
    with (
        _environment(changes),
        _folder(cwd),
        _gc_kept(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _stdin(stdin or ""),
    ):
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse: --version, --help, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(["workshop", *args], code, out.getvalue(), err.getvalue())


def workshop_process(
    *args: str, cwd: Path, stdin: str | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m workshop.cli args` as a real process in `cwd` (the test's environment unless `env`)."""
    if env is None:
        env = {name: value for name, value in os.environ.items() if name not in UNSET}
    return subprocess.run(
        [sys.executable, "-m", "workshop.cli", *args],
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@contextlib.contextmanager
def _environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            _set(name, value)
        yield
    finally:
        for name, value in before.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@contextlib.contextmanager
def _folder(cwd: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    """What the user types; at its end input() gets EOFError, as from a closed terminal or an empty pipe."""
    before = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = before


@contextlib.contextmanager
def _gc_kept() -> Iterator[None]:
    """Starting the app turns the garbage collector off until its first frame; a run that stops before must not
    leave it off for the rest of the test run."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
