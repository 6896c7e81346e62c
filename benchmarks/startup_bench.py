"""Benchmark: how fast does `workshop` start? `--help`, `check`, and the app's first screen.

`--help` and `check`: the wall time of a fresh process, from spawning it until it exits; the benchmark also
checks that they load neither Textual nor aiohttp.

The app's first screen is timed the way a facilitator sees it: `workshop` runs in a real terminal (a
pseudo-terminal of 120x40), and the time is taken from spawning it until the home screen with the first
script's title has been written to the terminal. Three workspaces: an empty one (the shipped scripts),
the same with a cold script cache (the first start after installing or editing scripts), and one
holding 30 stored sessions of 1,000 records each. For comparison: the smallest Textual app (one widget)
and a Textual app with the home screen's widgets but none of workshop (same terminal, same measure).
Also lists the slowest imports of the first screen (`python -X importtime`).

    .venv/bin/python benchmarks/startup_bench.py [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_LANG": "nl", "TERM": "xterm-256color"}
SIZE = (40, 120)  # rows, columns
MARKER = "Vooruitkijkende incidentbespreking"  # the first script in the list

HELP = "import sys; from workshop.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
CHECK = "import sys; from workshop.cli import main; main(['check'])\n"
LOADED = "\nprint('LOADED=' + ','.join(n for n in ('textual', 'aiohttp') if n in sys.modules))\n"
# The `workshop` command itself (installed next to this Python by `pip install -e .`), else the same via -c.
COMMAND = Path(sys.executable).with_name("workshop")
APP = (
    [str(COMMAND)]
    if COMMAND.exists()
    else [sys.executable, "-c", "import sys; from workshop.cli import main; sys.exit(main())"]
)
# The smallest Textual app, and one with the home screen's widgets (but no workshop code).
HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Vooruitkijkende incidentbespreking")

Hello().run()
"""
HOME_WIDGETS = """
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Static

class Home(App):
    BINDINGS = [("enter", "x", "Starten"), ("tab", "x", "Wisselen"), ("x", "x", "Export"), ("q", "quit", "Stoppen")]

    def compose(self):
        yield Header()
        with Horizontal():
            with Vertical():
                yield Label("Scripts")
                yield OptionList("Vooruitkijkende incidentbespreking", "Kwaliteitsbeeld", "Mantelzorg", "Visie")
            with VerticalScroll():
                yield Static("Vooruitkijkende incidentbespreking")
        with Vertical():
            yield Label("Sessies")
            yield DataTable()
        yield Footer()

Home().run()
"""


def timed(code: str, *args: str, marker: str | None = None) -> tuple[float, str]:
    """Return the seconds from spawning `python -c code` until it exits, and its output."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=60
    )
    return time.perf_counter() - started, done.stdout


def in_terminal(argv: list[str], env: dict[str, str] | None = None, timeout: float = 20, marker: str = MARKER) -> float:
    """Return the seconds from spawning `argv` in a pseudo-terminal until `marker` is written to it."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program, with the terminal as its stdin/stdout
        os.execve(argv[0], argv, env or ENV)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    written = b""
    try:
        while time.perf_counter() - started < timeout:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    written += os.read(fd, 1 << 16)
                except OSError:  # the program ended
                    break
                if marker.encode() in written:
                    return time.perf_counter() - started
        raise RuntimeError(f"no {marker!r} on the terminal after {timeout} s: {written[-500:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def filled_workspace(folder: Path, sessions: int, records: int) -> None:
    """Put `sessions` stored sessions of `records` cards each into `folder` (through the real service)."""
    sys.path.insert(0, str(ROOT))
    from workshop.core.script import load_script
    from workshop.workspace import Workspace

    workspace = Workspace(folder)
    script = load_script(ROOT / "workshop" / "scripts" / "visie-leren-ontwikkelen.md")
    for n in range(sessions):
        service = workspace.new_session(script, team=f"Team {n}")
        service.go_to("wat-moet-leren-opleveren")
        with service.batch():
            for m in range(records):
                service.add_contribution(f"kaartje {m}", category="Onszelf")
        service.release()


def slowest_imports(code: str, *args: str, top: int = 8) -> list[tuple[float, str]]:
    """Return the `top` imports with the largest cumulative time (ms) for `code`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=60,
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, raw = line.split(":", 1)[1].split("|")
            if not raw[1:].startswith(" "):  # imported by the script itself, not by another module
                rows.append((int(cumulative.strip()) / 1000, raw.strip()))
    return sorted(rows, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="runs per figure (default 11); the median is shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        empty, full, cache = Path(folder, "empty"), Path(folder, "full"), Path(folder, "cache")
        empty.mkdir()
        full.mkdir()
        env = {**ENV, "WORKSHOP_CACHE": str(cache)}
        filled_workspace(full, sessions=30, records=1000)
        rows = []
        for label, code, extra in (
            ("workshop --help", HELP + LOADED, ()),
            ("workshop check (4 scripts)", CHECK + LOADED, ()),
            ("python -c pass (interpreter alone)", "pass", ()),
        ):
            runs = [timed(code, *extra) for _ in range(args.runs)]
            loaded = next((line[7:].strip() for line in runs[-1][1].splitlines() if line.startswith("LOADED=")), "")
            shown = (loaded or "neither") if label.startswith("workshop") else "-"
            rows.append((label, [seconds * 1000 for seconds, _ in runs], shown))

        def cold() -> float:
            shutil.rmtree(cache, ignore_errors=True)
            return in_terminal([*APP, "--workspace", str(empty), "--no-phones"], env=env)

        terminal = (
            (
                "app: first screen, shipped scripts",
                lambda: in_terminal([*APP, "--workspace", str(empty), "--no-phones"], env=env),
            ),
            ("app: first screen, cold script cache", cold),
            (
                "app: first screen, 30 sessions x 1,000 cards",
                lambda: in_terminal([*APP, "--workspace", str(full), "--no-phones"], env=env),
            ),
            (
                "app: those 30 sessions listed",
                lambda: in_terminal([*APP, "--workspace", str(full), "--no-phones"], env=env, marker="3/10 "),
            ),  # a row's step column
            ("textual: one widget", lambda: in_terminal([sys.executable, "-c", HELLO])),
            ("textual: the home screen's widgets", lambda: in_terminal([sys.executable, "-c", HOME_WIDGETS])),
        )
        # Round robin, after one run of each to warm the script cache and the file system cache: this
        # machine's speed drifts over a minute, and that should not favour whichever was timed first.
        times: dict[str, list[float]] = {label: [] for label, _ in terminal}
        for n in range(args.runs + 1):
            for label, measure in terminal:
                seconds = measure()
                if n:
                    times[label].append(seconds * 1000)
        rows += [(label, times[label], "-") for label, _ in terminal]
        print(f"{'what':<46} {'median ms':>10} {'min':>6} {'max':>6}  loads textual/aiohttp")
        for label, times, loaded in rows:
            print(f"{label:<46} {statistics.median(times):>10.0f} {min(times):>6.0f} {max(times):>6.0f}  {loaded}")
        print("\nslowest imports of the first screen (cumulative ms, one run):")
        first_screen = (
            "import sys; from pathlib import Path; from workshop.tui.app import make_app; "
            "from workshop.workspace import Workspace; make_app(Workspace(Path(sys.argv[1])))"
        )
        for ms, name in slowest_imports(first_screen, str(empty)):
            print(f"  {ms:>7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
