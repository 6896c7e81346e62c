"""Helpers shared by the store tests: a contribution-sized record and the environment for child processes."""

from __future__ import annotations

import os
from pathlib import Path

# Run child processes with the project importable whatever the current folder is.
CHILD_ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


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
