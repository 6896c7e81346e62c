"""Benchmark: how fast does `workshop` start? `--help`, `check`, and the app's first screen.

Each figure is the wall time of a fresh process, from spawning it until it is done (`--help`, `check`)
or until the real Textual app (headless) has mounted its HomeScreen. It also checks that `--help` and
`check` load neither Textual nor aiohttp, and lists the slowest imports of the first screen
(`python -X importtime`).

    .venv/bin/python benchmarks/startup_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_LANG": "nl"}

HELP = "import sys; from workshop.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
CHECK = "import sys; from workshop.cli import main; main(['check'])\n"
LOADED = "\nprint('LOADED=' + ','.join(n for n in ('textual', 'aiohttp') if n in sys.modules))\n"
# The real app, headless, with the user's workspace: done when the home screen is mounted and drawn.
FIRST_SCREEN = """
import sys, time
from pathlib import Path
from workshop.tui.app import make_app
from workshop.tui.screens.home import HomeScreen
from workshop.workspace import Workspace

app = make_app(Workspace(Path(sys.argv[1])), lang="nl")

async def pilot(pilot):
    for _ in range(10_000):  # bounded
        if isinstance(app.screen, HomeScreen) and app.screen.is_mounted:
            break
        await pilot.pause()
    await pilot.pause()
    print("MOUNTED", flush=True)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
"""
# For comparison: the smallest Textual app (one Static), to its first screen.
HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("hallo")

app = Hello()

async def pilot(pilot):
    await pilot.pause()
    print("MOUNTED", flush=True)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=pilot)
"""


def timed(code: str, *args: str, marker: str | None = None) -> tuple[float, str]:
    """Return the seconds from spawning `python -c code` until it exits (or prints `marker`), and its output."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=ENV, cwd=ROOT)
    assert process.stdout is not None
    out = []
    elapsed = None
    for line in process.stdout:
        out.append(line)
        if marker and line.startswith(marker) and elapsed is None:
            elapsed = time.perf_counter() - started
    process.wait(60)
    return (elapsed if elapsed is not None else time.perf_counter() - started), "".join(out)


def slowest_imports(code: str, *args: str, top: int = 8) -> list[tuple[float, str]]:
    """Return the `top` imports with the largest cumulative time (ms) for `code`."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *args], capture_output=True, text=True,
                          env=ENV, cwd=ROOT, timeout=60)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, raw = line.split(":", 1)[1].split("|")
            if not raw[1:].startswith(" "):  # imported by the script itself, not by another module
                rows.append((int(cumulative.strip()) / 1000, raw.strip()))
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (default 7); the median is shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for label, code, extra, marker in (
            ("workshop --help", HELP + LOADED, (), None),
            ("workshop check (4 scripts)", CHECK + LOADED, (), None),
            ("python -c pass (interpreter alone)", "pass", (), None),
            ("app: first screen (HomeScreen mounted)", FIRST_SCREEN, (folder,), "MOUNTED"),
            ("textual hello world: first screen", HELLO, (), "MOUNTED"),
        ):
            times, loaded = [], ""
            for _ in range(args.runs):
                seconds, out = timed(code, *extra, marker=marker)
                times.append(seconds * 1000)
                loaded = next((line[7:].strip() for line in out.splitlines() if line.startswith("LOADED=")), loaded)
            rows.append((label, statistics.median(times), min(times), max(times), loaded))
        print(f"{'what':<42} {'median ms':>10} {'min':>6} {'max':>6}  loads textual/aiohttp")
        for label, median, low, high, loaded in rows:
            shown = (loaded or "neither") if label.startswith("workshop") else "-"
            print(f"{label:<42} {median:>10.0f} {low:>6.0f} {high:>6.0f}  {shown}")
        print("\nslowest imports of the first screen (cumulative ms, one run):")
        for ms, name in slowest_imports(FIRST_SCREEN.replace("app.run(", "0 and app.run("), folder):
            print(f"  {ms:>7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
