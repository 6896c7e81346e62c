"""Benchmark: key to visible change in a real terminal, quiet and while a room of phones sends a storm of cards.

Starts the real app (`workshop --session ...`, its phone server on its own event loop, as on the day) in a tmux
window of 80x24 (or `--size`), lets phones in processes of their own (workshop/bench/crowd.py: each holds a live
stream and sends cards 0.1-0.5 s apart, ~330 cards/s from 125 phones) send cards, and meanwhile presses keys with
`tmux send-keys` and reads the screen with `tmux capture-pane` until the key's effect shows: the cursor moved to
the next (or previous) row on the board. Quiet and storm side by side in one run. The app process also records
how late a 5 ms timer fires on its event loop (the longest the loop was blocked), per phase.

    .venv/bin/python benchmarks/tui_terminal_bench.py [--size 80x24] [--phones 100] [--seconds 20]
    .venv/bin/python benchmarks/tui_terminal_bench.py --export        # also: x (export preview) during the storm
    .venv/bin/python benchmarks/tui_terminal_bench.py --profile storm.prof   # cProfile of the app during the storm

`--export` also opens the export preview (x) during the storm (add `--records 375` for ~300 earlier cards) and
reports how soon it shows and the longest loop block while it is open.

A key's time is from just before `tmux send-keys` until the first capture that shows its effect; one capture
(a tmux client process) takes a few ms, measured and reported as the polling overhead (the resolution).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
PATIENCE = 10.0  # seconds a key may take before the run fails
PYTHON = sys.executable
SGR_BG = re.compile(r"\x1b\[([0-9;]*)m")


# ----- the app process (inside tmux) -------------------------------------------------------------------------


def app_process(argv: list[str]) -> int:
    """Run the real app as `workshop` does, plus a probe on its event loop: every 5 ms timer's lateness, written
    to `--lag-file` at exit (monotonic time, ms late). SIGUSR1 starts cProfile, SIGUSR2 stops it and writes
    `--profile`."""
    import gc

    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--session", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lag-file", type=Path, required=True)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--stalls", type=Path)
    args = parser.parse_args(argv)
    gc.disable()  # as workshop.cli does
    from workshop.tui.app import make_app
    from workshop.workspace import Workspace

    app = make_app(Workspace(args.workspace), session=args.session, host="127.0.0.1", port=args.port)
    lags: list[tuple[float, float]] = []
    beat = [time.monotonic()]

    async def probe() -> None:
        while True:
            start = time.monotonic()
            await asyncio.sleep(0.005)
            now = time.monotonic()
            beat[0] = now
            lags.append((now, (now - start - 0.005) * 1000))

    storm = [False]  # between SIGUSR1 and SIGUSR2: the storm
    if args.stalls:
        _watch_stalls(args.stalls, beat, storm)
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()

    cpu = [0.0, 0.0]  # process CPU time and wall time at the storm's start

    def start(*_: object) -> None:
        storm[0] = True
        cpu[:] = [time.process_time(), time.monotonic()]
        if args.profile:
            profiler.enable()

    def stop(*_: object) -> None:
        storm[0] = False
        spent = [time.process_time() - cpu[0], time.monotonic() - cpu[1]]
        args.lag_file.with_suffix(".cpu").write_text(json.dumps(spent))
        if args.profile:
            profiler.disable()
            profiler.dump_stats(str(args.profile))

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    loop = asyncio.new_event_loop()
    task = loop.create_task(probe())
    try:
        app.run(loop=loop)
    finally:
        task.cancel()
        args.lag_file.write_text(json.dumps(lags))
    return app.return_code or 0


def _watch_stalls(path: Path, beat: list[float], storm: list[bool], after: float = 0.03) -> None:
    """During the storm, sample the main thread's stack every 5 ms while its event loop has not ticked for `after`
    seconds; at exit
    write to `path` which functions the loop was in during such stalls (a sample counts once per function on its
    stack), and the stacks of the longest stalls."""
    import atexit
    import collections
    import threading
    import traceback

    main = threading.main_thread().ident
    stalls: list[tuple[float, list[list[str]]]] = []  # (start, stacks sampled)

    def watch() -> None:
        current: list[list[str]] | None = None
        started = 0.0
        while True:
            time.sleep(0.005)
            now = time.monotonic()
            if now - beat[0] < after or not storm[0]:
                if current is not None:
                    stalls.append((now - started, current))
                    current = None
                continue
            frame = sys._current_frames().get(main or 0)
            if frame is None:
                continue
            stack = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack(frame)]
            if current is None:
                current, started = [], beat[0]
            current.append(stack)

    def report() -> None:
        inclusive: collections.Counter[str] = collections.Counter()
        samples = 0
        for _, stacks in stalls:
            for stack in stacks:
                samples += 1
                inclusive.update({" ".join(line.split(" ")[1:]) + " (" + line.split(":")[0] + ")" for line in stack})
        lines = [f"{len(stalls)} stalls over {after * 1000:.0f} ms, {samples} samples (5 ms each)", ""]
        lines += [f"{n:6d}  {name}" for name, n in inclusive.most_common(80)]
        for length, stacks in sorted(stalls, key=lambda s: -s[0])[:8]:
            lines += ["", f"--- stall of {length * 1000:.0f} ms, {len(stacks)} samples; the middle one:"]
            lines += stacks[len(stacks) // 2][-30:]
        path.write_text("\n".join(lines) + "\n")

    threading.Thread(target=watch, daemon=True).start()
    atexit.register(report)


# ----- the terminal ------------------------------------------------------------------------------------------


class Terminal:
    """One tmux session running a command at a fixed size."""

    def __init__(self, name: str, size: tuple[int, int]) -> None:
        self.name = name
        self.size = size

    def start(self, command: list[str]) -> None:
        width, height = self.size
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
        line = "exec " + " ".join(_quote(part) for part in command)
        subprocess.run(
            ["tmux", "new-session", "-d", "-x", str(width), "-y", str(height), "-s", self.name, line], check=True
        )

    def capture(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-e", "-t", self.name], capture_output=True, text=True
        ).stdout

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def stop(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def plain(screen: str) -> str:
    return SGR_BG.sub("", screen)


def cursor_line(screen: str, marker: str) -> tuple[int, ...]:
    """The lines that carry the cursor row's colours (`marker`, an SGR sequence), below the header (a wide
    window's agenda may show its highlighted step in the same colours: it does not move with the keys)."""
    return tuple(n for n, line in enumerate(screen.splitlines()) if n > 1 and marker in line)


def find_marker(screen: str, row_text: str) -> str:
    """The SGR sequences in force where `row_text` (the row under the cursor) starts: the cursor's colours."""
    for line in screen.splitlines():
        if row_text not in plain(line):
            continue
        codes: list[str] = []
        parts = re.split(r"(\x1b\[[0-9;]*m)", line)
        for n, part in enumerate(parts):
            if part.startswith("\x1b["):
                codes.append(part)
            elif part:
                if part.strip() and plain("".join(parts[n:])).lstrip().startswith(row_text):
                    return "".join(c for c in codes if c not in ("\x1b[0m", "\x1b[m"))
                codes = []
    raise RuntimeError(f"row {row_text!r} not on the screen")


async def press(term: Terminal, key: str, marker: str) -> float:
    """Send `key` (Up or Down) and wait until the cursor line moved; returns ms."""
    before = cursor_line(term.capture(), marker)
    start = time.perf_counter()
    term.send(key)
    while time.perf_counter() - start < PATIENCE:
        now = cursor_line(term.capture(), marker)
        if now and now != before:
            return (time.perf_counter() - start) * 1000
    raise RuntimeError(f"{key}: the cursor did not move within {PATIENCE} s")


async def keys(term: Terminal, marker: str, count: int, gap: tuple[float, float]) -> list[float]:
    """Press Down and Up in turn (the cursor moves between rows 1 and 2: the board never scrolls)."""
    found = []
    for n in range(count):
        found.append(await press(term, "Down" if n % 2 == 0 else "Up", marker))
        await asyncio.sleep(random.uniform(*gap))
    return found


# ----- figures -----------------------------------------------------------------------------------------------


def pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    return (
        f"p50 {statistics.median(values):6.1f}   p99 {pct(values, 0.99):6.1f}   max {max(values):6.1f} ms"
        f"   (n={len(values)})"
    )


def lag_in(lags: list[tuple[float, float]], start: float, end: float) -> list[float]:
    return [ms for t, ms in lags if start <= t <= end]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ----- the run -----------------------------------------------------------------------------------------------


def seed(folder: Path, records: int) -> tuple[str, str]:
    """A plenary session at its live collect step with three cards on the board; returns (id, join token)."""
    from workshop.bench.seed import seed_session
    from workshop.workspace import Workspace

    workspace = Workspace(folder)
    session_id, _ = seed_session(workspace, records)
    service = workspace.open_session(session_id)
    try:
        for n in range(3):
            service.add_contribution(f"Kaartje {n + 1} van de begeleider")
        token = service.state.meta.join_token
    finally:
        service.release()
    return session_id, token


async def run(args: argparse.Namespace) -> None:
    from workshop.bench.room import Workers

    width, height = (int(n) for n in args.size.split("x"))
    name = f"console-storm-bench-{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session_id, token = seed(folder / "ws", args.records)
        port = free_port()
        lag_file = folder / "lags.json"
        command = [
            PYTHON,
            str(HERE),
            "--app-process",
            "--workspace",
            str(folder / "ws"),
            "--session",
            session_id,
            "--port",
            str(port),
            "--lag-file",
            str(lag_file),
        ]
        if args.profile:
            command += ["--profile", args.profile]
        if args.stalls:
            command += ["--stalls", args.stalls]
        term = Terminal(name, (width, height))
        term.start(command)
        crowd = None
        try:
            for _ in range(200):
                if "Kaartje 1 van de begeleider" in plain(term.capture()):
                    break
                await asyncio.sleep(0.05)
            else:
                raise RuntimeError("the app did not show the session:\n" + plain(term.capture()))
            await asyncio.sleep(1.0)  # the server is up and the first frames drawn
            marker = find_marker(term.capture(), "1   Kaartje 1")
            overhead = []
            for _ in range(50):
                start = time.perf_counter()
                term.capture()
                overhead.append((time.perf_counter() - start) * 1000)
            quiet_start = time.monotonic()
            quiet = await keys(term, marker, args.keys, (0.1, 0.2))
            quiet_end = time.monotonic()

            crowd = await Workers.start(f"http://127.0.0.1:{port}", token, args.phones, args.workers, 1)
            joined = await crowd.ask({"do": "join"})
            await crowd.ask({"do": "listen", "timeout": 30.0})
            await crowd.ask({"do": "follow", "on": True})  # every phone fetches its page on 'changed', as phone.js
            per_phone = max(1, round(args.seconds / 0.3))  # 0.1-0.5 s between a phone's cards
            cards = asyncio.create_task(crowd.ask({"do": "cards", "count": per_phone, "window": 1.0, "tag": "s"}))
            await asyncio.sleep(2.0)  # every phone is sending
            pid = _app_pid(term)
            if pid:
                os.kill(pid, signal.SIGUSR1)
            storm_start = time.monotonic()
            storm = []
            shown_ms = None
            export_window = (0.0, 0.0)
            while not cards.done():
                storm += await keys(term, marker, 4, (0.1, 0.2))
                if args.export and shown_ms is None and time.monotonic() - storm_start > 4:
                    shown_ms, export_window = await export_preview(term, marker)
            storm_end = time.monotonic()
            if pid:
                os.kill(pid, signal.SIGUSR2)
            replies = await cards
            sent = sum(r["sent"] for r in replies)
            acked = sum(len(r["ms"]) for r in replies)
            seconds = max(r["end"] for r in replies) - min(r["start"] for r in replies)
            phone_ms = [ms for r in replies for ms in r["ms"]]
            await asyncio.sleep(1.0)
            final = plain(term.capture())
        finally:
            if crowd is not None:
                await crowd.stop()
            if term.alive():
                term.send("C-q")
                for _ in range(100):
                    if not term.alive():
                        break
                    await asyncio.sleep(0.05)
                term.stop()
        lags = json.loads(lag_file.read_text()) if lag_file.exists() else []
        cpu_file = lag_file.with_suffix(".cpu")
        app_cpu, storm_wall = json.loads(cpu_file.read_text()) if cpu_file.exists() else (0.0, 0.0)
        load = os.getloadavg()
        print(f"terminal {width}x{height}, {args.phones} phones ({sum(j['joined'] for j in joined)} joined)")
        print(f"cards: {acked} acknowledged of {sent} in {seconds:.1f} s = {acked / seconds:.0f} cards/s")
        print(f"phone card p50 {statistics.median(phone_ms):.1f} ms, p99 {pct(phone_ms, 0.99):.1f} ms")
        print(f"polling overhead (one capture-pane): {summary(overhead)}")
        print(f"key to visible change, quiet:  {summary(quiet)}")
        print(f"key to visible change, storm:  {summary(storm)}")
        print(f"loop blocked, quiet:           {summary(lag_in(lags, quiet_start, quiet_end))}")
        print(f"loop blocked, storm:           {summary(lag_in(lags, storm_start, storm_end))}")
        if storm_wall:
            print(f"app CPU, storm:                {app_cpu:.1f} s in {storm_wall:.1f} s ({app_cpu / storm_wall:.0%})")
        if args.export and shown_ms is not None:
            print(f"export preview shown after {shown_ms:.0f} ms (storm on)")
            print(f"loop blocked, export preview:  {summary(lag_in(lags, *export_window))}")
        print("slowest storm keys (ms):", sorted((round(v) for v in storm), reverse=True)[:6])
        print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        if args.verbose:
            print(final)


async def export_preview(term: Terminal, marker: str) -> tuple[float, tuple[float, float]]:
    """Press x, wait until the preview's text shows, close it (Escape); returns ms and the window it was open."""
    start_m = time.monotonic()
    start = time.perf_counter()
    term.send("x")
    while not _preview(plain(term.capture())):
        if time.perf_counter() - start > 10:
            raise RuntimeError("no preview within 10 s")
    shown = (time.perf_counter() - start) * 1000
    await asyncio.sleep(1.0)
    term.send("Escape")
    while not cursor_line(term.capture(), marker):
        await asyncio.sleep(0.01)
    return shown, (start_m, time.monotonic())


def _preview(screen: str) -> bool:
    """The preview shows the summary (not only its title and "being made")."""
    return "Samenvatting (voorbeeld)" in screen and "wordt gemaakt" not in screen


def _app_pid(term: Terminal) -> int | None:
    out = subprocess.run(
        ["tmux", "list-panes", "-t", term.name, "-F", "#{pane_pid}"], capture_output=True, text=True
    ).stdout.strip()
    return int(out) if out.isdigit() else None


def main() -> None:
    if "--app-process" in sys.argv:
        argv = [a for a in sys.argv[1:] if a != "--app-process"]
        raise SystemExit(app_process(argv))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--phones", type=int, default=125)
    parser.add_argument("--workers", type=int, default=2, help="phone processes")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the storm lasts")
    parser.add_argument("--keys", type=int, default=40, help="keys pressed while quiet")
    parser.add_argument("--records", type=int, default=0, help="records in the session before (another step)")
    parser.add_argument("--export", action="store_true", help="open the export preview during the storm")
    parser.add_argument("--profile", help="write a cProfile of the app during the storm to this file")
    parser.add_argument("--verbose", action="store_true", help="print the last screen")
    parser.add_argument("--stalls", help="write where the app's loop was while blocked over 30 ms to this file")
    args = parser.parse_args()
    if args.profile:
        args.profile = str(Path(args.profile).resolve())  # the app runs in tmux, from another folder
    if args.stalls:
        args.stalls = str(Path(args.stalls).resolve())
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
