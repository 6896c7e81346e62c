"""`workshop serve` and options before the command, as a user runs them."""

from __future__ import annotations

from tests.cli.runner import workshop, workshop_process
from tests.conftest import ROOT


def test_workspace_before_the_command_is_kept(tmp_path):
    made = workshop("new", "mantelzorg-drempelcheck", "--team", "Team De Linde", "--workspace", str(tmp_path), cwd=ROOT)
    assert made.returncode == 0, made.stderr
    listed = workshop("--workspace", str(tmp_path), "sessions", cwd=ROOT)
    assert "Team De Linde" in listed.stdout, listed.stdout + listed.stderr


def test_serve_names_a_session_that_is_not_there(tmp_path):
    """A real process with a bare environment (no HOME, a short PATH), as a service manager starts it."""
    done = workshop_process(
        "serve", "bestaat-niet", "--host", "127.0.0.1", "--port", "0", cwd=tmp_path, env={"PATH": "/usr/bin:/bin"}
    )
    assert done.returncode == 1 and "bestaat-niet" in done.stderr and "Traceback" not in done.stderr
