"""Helpers shared by the store tests: a contribution-sized record, and child processes that run under real faults."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# Run child processes with the project importable whatever the current folder is.
CHILD_ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}

# Linux: prctl(PR_CAPBSET_DROP, capability) and the two capabilities that let root ignore file permissions.
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def card(i: int, text: str = "") -> dict:
    """Return a contribution-sized record (~200 bytes of JSON) with Dutch text."""
    return {
        "id": f"c{i}",
        "step_id": "verzamelen",
        "text": text or f"Bij de overdracht missen we vaak informatie over medicatie van cliënt {i}; dat kost tijd.",
        "author": "p7",
        "via": "participant",
        "created_at": "2025-03-04T10:15:00",
        "category": None,
        "tags": ["overdracht", "medicatie"],
    }


def _without_root_overrides() -> Callable[[], None] | None:
    """As root on Linux, return what makes a child obey file permissions (a read-only folder is then
    read-only for it too): it drops root's overriding capabilities before the child program starts."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork, so the child only calls it

    def drop() -> None:
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)  # if refused, the scenario sees it can write and says so

    return drop


def run_scenario(name: str, path: Path, arg: str = "", *, expect_kill: bool = False) -> dict:
    """Run scenario `name` of tests/store/faults.py on the session file at `path` in a child; return what it saw.

    With `expect_kill` the child kills itself with SIGKILL (a crash) and nothing is returned.
    """
    done = subprocess.run(
        [sys.executable, "-m", "tests.store.faults", name, str(path), arg],
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        preexec_fn=_without_root_overrides(),
    )
    if expect_kill:
        assert done.returncode == -9, done.stderr
        return {}
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
