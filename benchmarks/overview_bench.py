"""Measure `workshop overzicht` on a large organisation: 50 teams x 10 sessions x 1,000 cards (issue 16's target:
under 2 s and under 300 MB), cold (no stored digests: every session file read in full) and warm (every session's
digest stored, store/digest_cache.py), side by side in each round.

One session of the mantelzorg check (cards grouped into themes, dots, ratings of every statement) is run through the
real service and exported into its team's plan by the real `workshop export`; its file and plan are then copied for
every team and cycle with their team, id and date changed (the records stay as the service wrote them). The command
runs as a person runs it, in a fresh process, with its bytecode compiled once beforehand (an installed workshop
has its .pyc files; this machine's PYTHONDONTWRITEBYTECODE would otherwise add ~0.3 s of compiling to every run,
so the runs use a bytecode folder of their own in the temp folder); memory is the peak of the resident sizes of
that process and its workers added up (sampled every 10 ms from /proc). Also measured: what storing a session's
digest adds when the app closes that session (the one moment the app stores it; journal writes store none).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Runnable as `python benchmarks/overview_bench.py` from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.cli import main as cli
from workshop.store.digest_cache import FOLDER, save_digest_of_data
from workshop.store.fileformat import parse
from workshop.workspace import Workspace

CODE = Path(__file__).resolve().parents[1]  # the checkout whose workshop is measured (see --baseline)

PHRASES = (
    "Bij de overdracht missen we vaak informatie over de medicatie van de cliënt.",
    "Naasten bellen ’s avonds omdat ze niet weten wie de contactpersoon is.",
    "Het zorgplan wordt niet altijd samen met de cliënt besproken en bijgesteld.",
    "In het weekend is er te weinig tijd voor een goed gesprek met de familie.",
)
START = datetime(2025, 1, 13, 13, 30, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def template(root: Path, cards: int) -> tuple[Path, Path]:
    """Run one session with `cards` cards through the real service and export it; returns its file and plan."""
    workspace = Workspace(root)
    script = workspace.find_script("mantelzorg-drempelcheck")
    service = workspace.new_session(script, team="Team Sjabloon", organisation="Zorggroep Bench", clock=Clock(START))
    with service.batch():
        people = [service.join().id for _ in range(12)]
        steps = service.state.script.steps
        collect = next(s for s in steps if s.kind == "collect")
        service.go_to(collect.id)
        for i in range(cards):
            category = collect.categories[i % len(collect.categories)] if collect.categories else None
            service.add_contribution(f"{PHRASES[i % 4]} ({i})", author=people[i % 12], category=category)
        group = next((s for s in steps if s.kind == "group"), None)
        if group is not None:
            service.go_to(group.id)
            themes = [service.create_theme(f"Thema {n}", group.id).id for n in range(1, 7)]
            for i, card in enumerate(service.state.cards(collect.id)[:300]):
                service.group_card(card.id, themes[i % len(themes)])
        for step in steps:
            if step.kind == "rate":
                service.go_to(step.id)
                for n, _statement in enumerate(step.statements):
                    for p, person in enumerate(people):
                        value = step.scale_spec.values[(n + p) % len(step.scale_spec.values)] if step.scale_spec else ""
                        service.rate(n, value, voter=person)
        actions = next(s for s in steps if s.kind == "actions")
        service.go_to(actions.id)
        for n in range(3):
            service.add_action(f"Actie {n + 1}", owner="teamleider", due="2025-02-10", check_date="2025-03-10")
        service.close_session()
    session_id = service.state.meta.id
    service.release()
    assert cli(["--workspace", str(root), "export", session_id]) == 0
    return workspace.find_session(session_id), workspace.plan_path("Team Sjabloon")


def organisation(root: Path, teams: int, sessions: int, cards: int) -> Path:
    """Fill `root` with `teams` plans and `teams` x `sessions` session files copied from one real template (without
    digests: the copies are not the template). Returns the template's session file."""
    session_file, plan_file = template(root / "template", cards)
    data = json.loads(session_file.read_text(encoding="utf-8"))
    plan = plan_file.read_text(encoding="utf-8")
    (root / "sessions").mkdir(parents=True, exist_ok=True)
    (root / "exports").mkdir(exist_ok=True)
    meta_key = next(iter(data["meta"]))
    for t in range(teams):
        team = f"Team {t + 1:02d}"
        (root / "exports" / f"pdca-team-{t + 1:02d}.md").write_text(plan.replace("Team Sjabloon", team), "utf-8")
        for s in range(sessions):
            when = (START + timedelta(days=91 * s + t)).isoformat()
            meta = dict(data["meta"][meta_key], team=team, created_at=when, id=f"s-{t:02d}-{s:02d}")
            copy = dict(data, meta={meta_key: meta})
            (root / "sessions" / f"s-{t:02d}-{s:02d}.json").write_text(json.dumps(copy), "utf-8")
    return session_file


def tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and all its descendants now (0 when it is gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(root: Path, pycache: Path, code: Path = CODE) -> tuple[float, float, int]:
    """Run `workshop overzicht` in a fresh process; returns its wall time and CPU time (of the process and its
    workers, user + system) in seconds, and its peak memory in bytes. On a shared machine the CPU time is the
    steadier figure: the wall time also counts waiting for cores other programs hold."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    entry = "import sys; from workshop.cli import main; raise SystemExit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", entry, "--workspace", str(root), "overzicht", "--op", "2027-06-01"]
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONPYCACHEPREFIX=str(pycache / code.name))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    # In the checkout: `python -c` puts the current folder before PYTHONPATH.
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, cwd=code)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss(child.pid))
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        raise SystemExit(f"workshop overzicht failed ({child.returncode})")
    return elapsed, cpu, peak


def digest_on_close(session_file: Path, times: int = 30) -> tuple[list[float], list[float]]:
    """Return the milliseconds (wall, CPU) that storing a session's digest takes, as the store does on closing it
    (from the data it holds and the bytes it just wrote), `times` times."""
    raw = session_file.read_bytes()
    data = parse(raw)
    wall, cpu = [], []
    for _ in range(times):
        started, started_cpu = time.perf_counter(), time.process_time()
        save_digest_of_data(session_file, raw, data)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f}, {min(values):.2f}-{max(values):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="CHECKOUT",
        help="also run this checkout's workshop each round, cold and warm (e.g. a worktree of main)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "org"
        started = time.perf_counter()
        session_file = organisation(root, args.teams, args.sessions, args.cards)
        size = sum(p.stat().st_size for p in (root / "sessions").glob("*.json")) / 1e6
        print(
            f"{args.teams} teams x {args.sessions} sessions x {args.cards} cards: {size:.0f} MB of session files, "
            f"built in {time.perf_counter() - started:.0f} s"
        )
        pycache = Path(folder) / "pycache"
        kinds = ["cold", "warm"] + (["baseline cold", "baseline warm"] if args.baseline else [])
        for code in [CODE, args.baseline] if args.baseline else [CODE]:
            run(root, pycache, code)  # compiles the bytecode (and stores every digest): not measured
        results: dict[str, list[tuple[float, float, int]]] = {kind: [] for kind in kinds}
        loads = []
        for n in range(args.runs):
            for kind in kinds:
                if kind.endswith("cold"):
                    shutil.rmtree(root / "sessions" / FOLDER, ignore_errors=True)
                loads.append(os.getloadavg()[0])
                elapsed, cpu, peak = run(root, pycache, args.baseline if kind.startswith("baseline") else CODE)
                results[kind].append((elapsed, cpu, peak))
                print(
                    f"round {n + 1} {kind}: workshop overzicht {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
                    f"peak memory {peak / 1e6:.0f} MB (load {loads[-1]:.2f})"
                )
        for kind, found in results.items():
            print(
                f"{kind}: wall s {spread([f[0] for f in found])}; CPU s {spread([f[1] for f in found])}; "
                f"peak MB {spread([f[2] / 1e6 for f in found])}"
            )
        wall, cpu = digest_on_close(session_file)
        print(f"digest stored on closing a {args.cards}-card session: wall ms {spread(wall)}; CPU ms {spread(cpu)}")
        print(f"load average (1 min) while measuring: {spread(loads)} (2 cores); uptime: {uptime()}")
    return 0


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "-"


if __name__ == "__main__":
    raise SystemExit(main())
