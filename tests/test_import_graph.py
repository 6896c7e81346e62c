"""The import graph keeps its shape: the contracts in pyproject.toml ([tool.importlinter]) all hold.

The core imports no front end or storage library, the store, the web server and the TUI import the core
and not each other (except the exact modules where the app starts the phones' server), and no package of
workshop has an import cycle; imports inside functions count, so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib

from tests.conftest import ROOT

PYPROJECT = ROOT / "pyproject.toml"


def contract_ids() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return [c["id"] for c in config["tool"]["importlinter"]["contracts"]]


def test_the_graph_checks_what_the_design_asks() -> None:
    assert contract_ids() == [
        "core-is-pure",
        "store-serves-the-core",
        "web-is-not-tui-or-store",
        "tui-composes-web",
        "tui-is-not-store",
        "no-cycles",
    ]


def test_every_import_contract_holds() -> None:
    # In a process of its own: import-linter configures logging (it would silence the loggers of the
    # tests that run after it) and puts the current folder on sys.path.
    code = (
        "import sys\n"
        "from importlinter.cli import lint_imports\n"
        f"sys.exit(lint_imports(config_filename={str(PYPROJECT)!r}, no_cache=True, no_logo=True))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contract_ids())} kept, 0 broken." in result.stdout, result.stdout
