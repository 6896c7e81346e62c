"""Modules stay small enough to read (issue 10): over ~450 lines only with a one-line reason near the top."""

from __future__ import annotations

from pathlib import Path

import workshop

LIMIT = 450
ROOT = Path(workshop.__file__).parent


def test_no_module_over_the_limit_without_a_reason_at_its_top() -> None:
    unexplained = []
    for path in sorted(ROOT.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > LIMIT and not any("450 lines" in line for line in lines[:12]):
            unexplained.append(f"{path.relative_to(ROOT.parent)}: {len(lines)} lines")
    assert not unexplained, "over 450 lines without a reason at the top (or split it): " + "; ".join(unexplained)
