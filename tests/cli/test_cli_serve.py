"""`workshop serve` and options before the command, as a user runs them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def workshop(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workshop.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_workspace_before_the_command_is_kept(tmp_path):
    made = workshop("new", "mantelzorg-drempelcheck", "--team", "Team De Linde", "--workspace", str(tmp_path), cwd=ROOT)
    assert made.returncode == 0, made.stderr
    listed = workshop("--workspace", str(tmp_path), "sessions", cwd=ROOT)
    assert "Team De Linde" in listed.stdout, listed.stdout + listed.stderr


def test_serve_names_a_session_that_is_not_there(tmp_path):
    done = workshop("serve", "bestaat-niet", "--host", "127.0.0.1", "--port", "0", cwd=tmp_path)
    assert done.returncode == 1 and "bestaat-niet" in done.stderr and "Traceback" not in done.stderr
