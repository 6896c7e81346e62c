"""Shared for the print tests: realistic sessions of every shipped script, and a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.print.realistic import workspace_with_sessions
from workshop.core.model import SessionState
from workshop.workspace import Workspace

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> tuple[Workspace, dict[str, SessionState]]:
    """A workspace with one realistic, closed session of every shipped script."""
    return workspace_with_sessions(tmp_path_factory.mktemp("print"))
