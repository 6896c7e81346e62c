"""The core stays pure: importing it loads no UI, web or storage library."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = ("textual", "aiohttp", "tinydb", "qrcode")


def test_core_imports_no_front_end_or_storage_library():
    code = (
        "import sys, pkgutil, importlib, workshop.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('workshop.core.' + m.name)\n"
        f"print(','.join(sorted(n for n in {FORBIDDEN!r} if n in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_cli_help_and_check_load_no_ui_library():
    code = (
        "import sys\n"
        "from workshop.cli import main\n"
        "main(['check'])\n"
        "print('loaded:' + ','.join(sorted(n for n in ('textual', 'aiohttp') if n in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "loaded:", result.stderr
