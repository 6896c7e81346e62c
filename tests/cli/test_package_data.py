"""Every file the installed app reads besides its code is declared as package data, so a wheel has it.

The wheel itself is built, installed and run by `.ci/wheel_check.py` (slow: CI runs it); this test catches a
new stylesheet, template or script that would be missing from the wheel, in a fraction of a second.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "workshop"


def declared() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]


def folder(package: str) -> Path:
    return ROOT.joinpath(*package.split("."))


def test_every_data_file_in_the_package_is_declared():
    covered = {
        path for package, globs in declared().items() for pattern in globs for path in folder(package).glob(pattern)
    }
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert {p.name for p in data} >= {"app.tcss", "page.html", "mantelzorg-drempelcheck.md"}
    missing = sorted(str(path.relative_to(ROOT)) for path in data - covered)
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"


def test_the_declared_patterns_match_files():
    for package, globs in declared().items():
        for pattern in globs:
            assert list(folder(package).glob(pattern)), f"{package}: {pattern} matches nothing"
