"""Above the team: find every plan and session in a workspace or in folders a person names, and read them for the
overview and the agenda (core/overview.py, core/agenda.py decide; this module only reads files).

The Markdown plans are the interface: an organisation can keep them in the shared folder it already syncs, and
point `workshop overzicht` at it. A session's digest is kept next to it (store/digest_cache.py), so a second
overview reads kilobytes per session; sessions without one are read by two worker processes when there are
enough of them to pay for starting those (benchmarks/overview_bench.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import WorkshopError
from .plan_files import read_plan_file

if TYPE_CHECKING:
    from datetime import date

    from .core.overview import TeamPlan
    from .core.overview_sessions import SessionDigest
    from .workspace import Workspace

PLAN_GLOB = "pdca-*.md"
SESSION_SUFFIX = ".json"
# Below this many sessions one process reads them all: starting workers costs more than it saves.
PARALLEL_FROM = 40
WORKERS = 2


@dataclass(frozen=True)
class Sources:
    """The plan files and session files found, in a stable order."""

    plans: tuple[Path, ...]
    sessions: tuple[Path, ...]
    figures: tuple[Path, ...] = ()  # the anonymous figures of purged sessions (cijfers/<id>.json)


def find_sources(folders: Sequence[Path]) -> Sources:
    """Return every plan (`pdca-*.md`, in any subfolder), every session file (`*.json` in a folder called
    `sessions`) and the figures kept of purged sessions (`*.json` in a folder called `cijfers`) under `folders`.
    Raises WorkshopError("overview.no_folder") for a folder that does not exist."""
    from .core.retention import FIGURES_FOLDER

    plans: dict[Path, None] = {}
    sessions: dict[Path, None] = {}
    figures: dict[Path, None] = {}
    for folder in folders:
        if not folder.is_dir():
            raise WorkshopError("overview.no_folder", folder=str(folder))
        for path in sorted(folder.rglob(PLAN_GLOB)):
            if path.is_file() and not path.name.startswith("."):
                plans[path.resolve()] = None
        for path in sorted(folder.rglob(f"*{SESSION_SUFFIX}")):
            if path.is_file() and not path.name.startswith("."):
                if path.parent.name == "sessions":
                    sessions[path.resolve()] = None
                elif path.parent.name == FIGURES_FOLDER:
                    figures[path.resolve()] = None
    return Sources(plans=tuple(plans), sessions=tuple(sessions), figures=tuple(figures))


def workspace_sources(workspace: Workspace) -> Sources:
    """Return the workspace's own plans (exports/), sessions (sessions/) and figures of purged sessions
    (exports/cijfers/)."""
    from .core.retention import FIGURES_FOLDER

    plans = sorted(workspace.exports_dir.glob(PLAN_GLOB)) if workspace.exports_dir.is_dir() else []
    kept = workspace.exports_dir / FIGURES_FOLDER
    figures = sorted(p for p in kept.glob(f"*{SESSION_SUFFIX}") if not p.name.startswith(".")) if kept.is_dir() else []
    return Sources(plans=tuple(plans), sessions=tuple(workspace.session_files()), figures=tuple(figures))


def read_plans(paths: Sequence[Path]) -> list[TeamPlan]:
    """Return every plan read: its team (the title says; else the file name) and rows, or the problem it has."""
    from .core.messages import render
    from .core.overview import TeamPlan
    from .core.plan import plan_team
    from .core.plan_document import PlanDocument
    from .core.plan_terms import plan_id

    plans = []
    for path in paths:
        team = path.stem.removeprefix("pdca-")
        try:
            text = read_plan_file(path) or ""
            team = plan_team(text) or team
            doc = PlanDocument(text, str(path))
            rows = doc.rows()
            said = tuple(f"{path}:{w.line}: {render(w.code, 'nl', dict(w.params))}" for w in doc.warnings)
            made = tuple(
                (sid, tuple(plan_id(prefix, a) for a in ids)) for sid, (prefix, ids) in doc.memory.sessions.items()
            )
            plans.append(
                TeamPlan(team=team, path=str(path), rows=rows, warnings=said, sessions=made, notes=tuple(doc.warnings))
            )
        except WorkshopError as err:
            plans.append(TeamPlan(team=team, path=str(path), problem=err.text(), error=err))
    return plans


def read_sessions(
    paths: Sequence[Path], workers: int | None = None
) -> tuple[list[SessionDigest], list[tuple[str, str]]]:
    """Return the digest of every session that can be read, and (file, problem) for those that cannot.

    A session's stored digest is used when it is verified for the session as it is (store/digest_cache.py);
    the others are read in full and their digests stored for next time. With many of those (PARALLEL_FROM)
    they are read by `workers` processes (default: WORKERS, at most the CPUs). Digests of session files
    that are gone are removed.
    """
    from .store.digest_cache import cached_digest, remove_orphans

    for folder in dict.fromkeys(Path(p).parent for p in paths):
        remove_orphans(folder)
    digests, todo = [], []
    for path in paths:
        found = cached_digest(Path(path))
        if found is None:
            todo.append(str(path))
        else:
            digests.append(found)
    workers = workers if workers is not None else min(WORKERS, os.cpu_count() or 1)
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        parts = [_read_sessions(todo)]
    else:
        chunks = [todo[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(_read_sessions, chunks))
    digests += [d for found, _problems in parts for d in found]
    problems = [p for _found, found_problems in parts for p in found_problems]
    return digests, problems


def read_figures(paths: Sequence[Path], skip: Sequence[str] = ()) -> tuple[list[SessionDigest], list[tuple[str, str]]]:
    """Return the digests kept of purged sessions (overview_sessions.digest_from_figures), leaving out the ids in
    `skip` (sessions whose file was read: the file says more), and (file, problem) for files that cannot be read."""
    import json

    from .core.overview_sessions import digest_from_figures

    digests, problems, seen = [], [], set(skip)
    for path in paths:
        try:
            digest = digest_from_figures(json.loads(Path(path).read_text(encoding="utf-8")))
        except OSError as err:
            problems.append((str(path), err.strerror or type(err).__name__))
            continue
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            problems.append((str(path), "geen bestand met bewaarde cijfers van workshop"))
            continue
        if digest.id not in seen:
            seen.add(digest.id)
            digests.append(digest)
    return digests, problems


def refresh_figures(workspace: Workspace, digests: Sequence[SessionDigest], sessions: Sequence[Path]) -> None:
    """Write or refresh in exports/cijfers/ the anonymous figures (Workspace.write_figures, what purge keeps) of every
    session read from a file in the workspace (`sessions`), so that exports/ (plans and cijfers/) copied to a shared
    folder gives the same trends and bouwstenen. Only changed figures are written; never raises for the disk."""
    import logging

    stems = {Path(p).stem for p in sessions}
    for digest in digests:
        if digest.purged or digest.id not in stems:
            continue
        try:
            workspace.write_figures(digest.id, digest)
        except OSError as exc:
            logging.getLogger(__name__).debug("no figures kept for %s: %s", digest.id, type(exc).__name__)


def _read_sessions(paths: list[str]) -> tuple[list[SessionDigest], list[tuple[str, str]]]:
    """Read session files in full without locking them (a running session is read as its last write left it),
    storing each one's digest."""
    from .store.digest_cache import fresh_digest

    digests, problems = [], []
    for path in paths:
        try:
            digests.append(fresh_digest(Path(path)))
        except WorkshopError as err:
            problems.append((path, err.text()))
        except OSError as err:
            problems.append((path, err.strerror or type(err).__name__))
        except (KeyError, TypeError, ValueError):
            problems.append((path, "geen sessiebestand van workshop"))
    return digests, problems


def same_team(name: str, other: str) -> bool:
    """Return whether two team names name the same team (case and spaces ignored), as `--team` is matched."""
    return " ".join(name.lower().split()) == " ".join(other.lower().split())


def plan_groups(plans: Sequence[TeamPlan], team: str | None = None) -> list[tuple[str, str, Sequence]]:
    """Return (team, plan file, rows) for the agenda: every readable plan, or only `team`'s (case and spaces
    ignored). Raises WorkshopError("agenda.unknown_team") when no plan is that team's."""
    readable = [p for p in plans if not p.problem]
    if team is not None:
        readable = [p for p in readable if same_team(p.team, team)]
        if not readable:
            names = ", ".join(sorted(p.team for p in plans)) or "–"
            from .core.plan import similar_teams

            close = similar_teams(team, [p.team for p in plans])
            hint = f" (bedoel je '{close[0]}'?)" if len(close) == 1 else ""
            raise WorkshopError("agenda.unknown_team", team=team, teams=names, hint=hint)
    return [(p.team, Path(p.path).name, p.rows) for p in readable]


def checks_this_week_in(workspace: Workspace, today: date) -> int:
    """Return how many check moments the workspace's plans hold in the week of `today` (agenda.checks_this_week):
    what the home screen says. Plans that cannot be read are left out (the agenda command names them)."""
    from .core.agenda import checks_this_week

    try:
        plans = read_plans(workspace_sources(workspace).plans)
    except OSError:  # an exports folder this user may not read: the home screen simply says nothing
        return 0
    return checks_this_week(plan_groups(plans), today)
