"""Where a facilitator's scripts, sessions and exports live, and opening sessions in them."""

# Slightly over ~450 lines: finding, opening and listing sessions share their folder rules.

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic
from .core.clock import Clock, utc_now
from .core.errors import ScriptErrors, StoreError, WorkshopError
from .plan_files import PLAN_LOCK_WAIT, PendingPlan, plan_lock, read_plan_file, replace_if_unchanged

# The app's first screen imports this module: the session engine, the script parser and the plan merger are
# imported where they are used, so that screen shows before they are loaded.
if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .core.model import Meta, Script, SessionState, Step
    from .core.overview_sessions import SessionDigest
    from .core.plan import PlanMerge, PlanRow
    from .core.session import SessionService

__all__ = ["ENV_VAR", "SessionInfo", "Workspace", "age_in_days", "write_atomic"]

ENV_VAR = "WORKSHOP_HOME"
SESSION_SUFFIX = ".json"


@dataclass(frozen=True)
class SessionInfo:
    """One stored session as a list of sessions shows it: its meta and script, not its cards.

    `meta` and `script` are None when the file could not be read; `problem` then says why.
    """

    id: str
    path: Path
    meta: Meta | None
    script: Script | None = None
    problem: str = ""

    @property
    def step(self) -> Step:
        """The step the session is at."""
        assert self.meta is not None and self.script is not None
        return self.script.steps[self.meta.current]

    @property
    def position(self) -> str:
        """Where the session is, as lists show it: "3/10 Title of step 3"."""
        assert self.meta is not None and self.script is not None
        return f"{self.meta.current + 1}/{len(self.script.steps)} {self.step.title}"


@dataclass(frozen=True)
class Workspace:
    """A folder holding `scripts/`, `sessions/` and `exports/`."""

    root: Path

    @classmethod
    def locate(cls, flag: str | None = None) -> Workspace:
        """Return the workspace named by `flag`, else by $WORKSHOP_HOME, else the current folder."""
        chosen = flag or os.environ.get(ENV_VAR) or os.getcwd()
        return cls(Path(chosen).expanduser().resolve())

    @property
    def scripts_dir(self) -> Path:
        return self.root / "scripts"

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    # ----- scripts ------------------------------------------------------------------------------

    def catalogue(self) -> Catalogue:
        """Return the scripts on offer: this workspace's own, then the built-in ones none of its own replaces.

        Parsed scripts are kept between runs (script_cache.py), so the app's first screen shows sooner.
        """
        from .catalogue import load_catalogue
        from .script_cache import cache_folder

        return load_catalogue(self.scripts_dir, cache_folder())

    def scripts(self) -> list[tuple[Path, Script | ScriptErrors]]:
        """Return every script on offer with its parsed script, or the errors that keep it from parsing."""
        return [(entry.path, entry.script) for entry in self.catalogue().entries]

    def find_script(self, ref: str) -> Script:
        """Return the script named by a path, a file name or a script id (the workspace's own before a built-in).

        Raises ScriptErrors when it has problems, FileNotFoundError when there is no such script.
        """
        path = Path(ref)
        if path.suffix == ".md" and path.exists():
            from .core.script import load_script

            return load_script(path)
        entry = self.catalogue().find(ref)
        if entry is None:
            raise FileNotFoundError(ref)
        if isinstance(entry.script, ScriptErrors):
            raise entry.script
        return entry.script

    # ----- sessions ------------------------------------------------------------------------------

    def session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{SESSION_SUFFIX}"

    def new_session(
        self, script: Script, *, team: str, organisation: str = "", clock: Clock = utc_now
    ) -> SessionService:
        """Create a session file for `script` and `team` and start the session in it; returns the service."""
        from .core.script import slugify
        from .core.session import SessionService
        from .store.tinydb_store import open_store

        self.sessions_dir.mkdir(parents=True, exist_ok=True)
        base = f"{clock().date().isoformat()}-{slugify(team)[:40]}-{script.id}"
        session_id, n = base, 1
        while self.session_path(session_id).exists():
            n += 1
            session_id = f"{base}-{n}"
        # A running session journals its writes: fast in a full room with a large session (store/journal.py).
        store = open_store(self.session_path(session_id), create=True, journal=True)
        try:
            return SessionService.start(
                script,
                team=team,
                organisation=organisation,
                store=store,
                session_id=session_id,
                clock=clock,
                plans=self,
            )
        except BaseException:
            store.close()
            self.session_path(session_id).unlink(missing_ok=True)
            raise

    def open_session(self, ref: str, *, clock: Clock = utc_now) -> SessionService:
        """Open a stored session for running it (takes its lock); returns the service.

        Raises StoreError when it is open elsewhere, damaged or not found.
        """
        from .core.session import SessionService
        from .store.tinydb_store import open_store

        store = open_store(self.find_session(ref), journal=True)
        try:
            return SessionService.resume(store, clock=clock, plans=self)
        except BaseException:
            store.close()
            raise

    def read_session(self, ref: str) -> SessionState:
        """Read a stored session without opening it for changes (no lock), e.g. to export it.

        Raises StoreError when it is damaged or not found.
        """
        from .core.session import state_from_tables
        from .store import read_tables

        return state_from_tables(read_tables(self.find_session(ref)))

    def find_session(self, ref: str) -> Path:
        """Return the session file named by a path, an id, or the unique start of an id.

        Raises StoreError("store.not_found" / "store.ambiguous").
        """
        path = Path(ref)
        if path.suffix == SESSION_SUFFIX and path.exists():
            return path
        exact = self.session_path(ref)
        if exact.exists():
            return exact
        matches = [p for p in self.session_files() if p.stem.startswith(ref) or ref in p.stem]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError("store.not_found", session=ref, folder=str(self.sessions_dir))
        raise StoreError("store.ambiguous", session=ref, matches=", ".join(p.stem for p in matches))

    def session_files(self) -> list[Path]:
        """Return the session files, newest name last."""
        if not self.sessions_dir.is_dir():
            return []
        return sorted(self.sessions_dir.glob(f"*{SESSION_SUFFIX}"))

    def sessions(self) -> list[SessionInfo]:
        """Return every stored session, read without locking; damaged ones carry their problem."""
        from .core.session import header_from_tables
        from .store import read_tables

        infos = []
        for path in self.session_files():
            try:
                infos.append(SessionInfo(path.stem, path, *header_from_tables(read_tables(path))))
            except (StoreError, ScriptErrors) as exc:
                infos.append(SessionInfo(path.stem, path, None, problem=str(exc)))
        return infos

    # ----- exports -------------------------------------------------------------------------------

    def write_export(self, name: str, text: str) -> Path:
        """Write `text` to exports/`name` atomically; returns the path."""
        self.exports_dir.mkdir(parents=True, exist_ok=True)
        target = self.exports_dir / name
        write_atomic(target, text)
        return target

    def summary_path(self, session_id: str) -> Path:
        """Return where `workshop export` puts a session's summary."""
        return self.exports_dir / f"{session_id}.md"

    def write_summary(self, session_id: str, text: str) -> Path:
        """Write a session's Markdown summary to its summary_path; returns the path."""
        return self.write_export(self.summary_path(session_id).name, text)

    # ----- the team's PDCA plan and retention -------------------------------------------------------

    def plan_path(self, team: str) -> Path:
        """Return the team's living PDCA plan: exports/pdca-<team-slug>.md."""
        from .core.plan import plan_file_name

        return self.exports_dir / plan_file_name(team)

    def read_plan(self, team: str) -> str | None:
        """Return the team's plan as text, or None when it has none yet.

        Raises PlanError when it is not UTF-8 or cannot be read.
        """
        return read_plan_file(self.plan_path(team))

    def plan_teams(self) -> list[tuple[Path, str]]:
        """Return every plan in exports/ with the team it is for (its title says; else its file name)."""
        from .core.plan import plan_team

        found = []
        for path in sorted(self.exports_dir.glob("pdca-*.md")) if self.exports_dir.is_dir() else []:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            found.append((path, plan_team(text) or path.stem.removeprefix("pdca-")))
        return found

    def similar_plans(self, team: str) -> list[tuple[Path, str]]:
        """Return the other plans whose team is probably `team` written differently ("De Linde" / "Team De Linde").

        Empty when `team` has a plan of its own: then that is the one.
        """
        from .core.plan import similar_teams

        own = self.plan_path(team)
        if own.exists():
            return []
        plans = [(path, name) for path, name in self.plan_teams() if path != own]
        alike = set(similar_teams(team, [name for _path, name in plans]))
        return [(path, name) for path, name in plans if name in alike]

    def team_plan_path(self, team: str) -> Path:
        """Return the plan of `team`: exports/pdca-<team-slug>.md, or the plan whose title names exactly `team`
        when that file does not exist (a plan renamed by hand)."""
        path = self.plan_path(team)
        if path.exists():
            return path
        wanted = " ".join(team.lower().split())
        named = [p for p, name in self.plan_teams() if " ".join(name.lower().split()) == wanted]
        return named[0] if len(named) == 1 else path

    def team_names(self) -> list[str]:
        """Return the team of every plan in exports/, in file order (core.ports.TeamPlans)."""
        return [name for _path, name in self.plan_teams()]

    def prepare_team_reviews(self, state: SessionState, team: str) -> PendingPlan:
        """Merge a session's answers about `team`'s actions (a review across teams) into that team's plan, in memory.

        Raises PlanError when the plan is gone or cannot be understood.
        """
        from .core.errors import PlanError
        from .core.plan import merge_reviews

        path = self.team_plan_path(team)
        base = read_plan_file(path)
        if base is None:
            raise PlanError("review.team_plan_gone", path=str(path), team=team)
        result = merge_reviews(base, state, team, path=str(path))
        return PendingPlan(path=path, base=base, state=state, result=result, reviews_of=team)

    def merge_plans(
        self, state: SessionState, *, team: str | None = None
    ) -> tuple[tuple[Path, PlanMerge], list[tuple[str, Path, PlanMerge | WorkshopError]]]:
        """Merge a session into its team's plan, and its answers about other teams' actions (a review across teams)
        each into that team's own plan, under each plan's lock; returns the own plan's (path, result) and per other
        team (team, path, result or the error that kept its plan from being written).

        Raises PlanError when the own plan cannot be understood (the other plans are then not touched either).
        """
        from .core.errors import WorkshopError
        from .core.review import needs_own_plan

        pending = self.prepare_plan(state, team=team)
        if needs_own_plan(state, pending.base is not None):
            own = self.commit_plan(pending)
        else:
            own = (pending.path, replace(pending.result, changed=False, skipped=True))
        others: list[tuple[str, Path, PlanMerge | WorkshopError]] = []
        for other in dict.fromkeys(r.team for r in state.reviews if r.team and r.reviewed):
            try:
                path, merged = self.commit_plan(self.prepare_team_reviews(state, other))
                others.append((other, path, merged))
            except WorkshopError as err:
                others.append((other, self.team_plan_path(other), err))
        return own, others

    def prepare_plan(self, state: SessionState, *, team: str | None = None) -> PendingPlan:
        """Merge a session into a team's plan (default: the session's team) in memory; returns it to commit.

        Raises PlanError (file and line) when the plan cannot be understood.
        """
        from .core.plan import merge

        path = self.plan_path(team or state.meta.team)
        base = read_plan_file(path)
        return PendingPlan(path=path, base=base, state=state, result=merge(base, state, path=str(path)))

    def commit_plan(self, pending: PendingPlan, *, lock_wait: float = PLAN_LOCK_WAIT) -> tuple[Path, PlanMerge]:
        """Write a prepared merge, when it changes the plan; returns the path and what the merge did.

        Under the plan's lock (two exports at once take turns), the plan is read again and compared right
        before it is replaced: when someone saved it since `prepare_plan`, the session is merged again into
        what is there now, so that save is never lost. Raises PlanError when the plan cannot be read now (the
        file is then left as it is), when another export holds it longer than `lock_wait` seconds, or when it
        keeps changing.
        """
        from .core.errors import PlanError
        from .core.plan import merge, merge_reviews

        path, base, result = pending.path, pending.base, pending.result
        with plan_lock(path, lock_wait):
            for _attempt in range(5):
                now = read_plan_file(path)
                if now != base:
                    if pending.reviews_of is not None:
                        if now is None:
                            raise PlanError("review.team_plan_gone", path=str(path), team=pending.reviews_of)
                        base, result = now, merge_reviews(now, pending.state, pending.reviews_of, path=str(path))
                    else:
                        base, result = now, merge(now, pending.state, path=str(path))
                    continue
                if not result.changed:
                    return path, result
                self.exports_dir.mkdir(parents=True, exist_ok=True)
                if replace_if_unchanged(path, result.text, base):
                    return path, result
        raise PlanError("plan.changed_meanwhile", path=str(path))

    def merge_plan(self, state: SessionState, *, team: str | None = None) -> tuple[Path, PlanMerge]:
        """Merge a session into its team's plan (or `team`'s) and write it when something changed.

        Returns the path and the result. Raises PlanError (file and line) when the plan cannot be understood:
        the file is then not touched. See commit_plan for saves that land meanwhile. Answers about other teams'
        actions (a review across teams) go into their own plans (see merge_plans); the first of those that could
        not be written is raised after the rest were.
        """
        own, others = self.merge_plans(state, team=team)
        problems = [result for _team, _path, result in others if isinstance(result, Exception)]
        if problems:
            raise problems[0]
        return own

    def open_actions(self, team: str) -> tuple[PlanRow, ...]:
        """Return the open actions of `team`'s plan, in plan order; () when it has no plan yet (core.ports.TeamPlans).

        A session reads them through this when its review step of acties is entered. Raises PlanError
        (file and line) when the plan cannot be read.
        """
        from .core.plan import open_actions

        path = self.team_plan_path(team)
        text = read_plan_file(path)
        return () if text is None else open_actions(text, path=str(path))

    def load_open_actions(self, service: SessionService) -> int:
        """Give a session with a review step of acties the open actions of its team's plan; returns how many.

        Returns 0 (and changes nothing) when the script has no such step or the team has no plan yet.
        Safe to call again: answers already given are kept. Raises PlanError when the plan cannot be read.
        """
        if service.state.meta.status != "open":
            return 0
        return len(service.load_open_actions())

    def session_exports(self, session_id: str) -> list[Path]:
        """Return the files in exports/ that are this session's own (core.retention.export_names) and exist.

        The team's PDCA plan is not among them: it holds every session's actions.
        """
        from .core.retention import export_names

        return [self.exports_dir / name for name in export_names(session_id) if (self.exports_dir / name).is_file()]

    def retention_days(self) -> int:
        """Return the retention term in days: $WORKSHOP_BEWAARTERMIJN, else core.retention.DEFAULT_RETENTION_DAYS.

        Raises ValueError when the setting is not a whole number of days.
        """
        from .core.retention import ENV_VAR, retention_days

        return retention_days(os.environ.get(ENV_VAR))

    def sessions_past_retention(self, now: datetime, days: int | None = None) -> list[SessionInfo]:
        """Return the stored sessions started more than `days` (default: retention_days()) days before `now`.

        For the reminder "exporteer en verwijder" in `workshop sessions` and on the home screen.
        """
        from .core.retention import past_retention

        infos = {info.id: info for info in self.sessions() if info.meta is not None}
        term = self.retention_days() if days is None else days
        created = [(sid, info.meta.created_at) for sid, info in infos.items() if info.meta is not None]
        return [infos[sid] for sid in past_retention(created, now, term)]

    def figures_path(self, session_id: str) -> Path:
        """Return where the anonymous figures of a purged session are kept: exports/cijfers/<id>.json."""
        from .core.retention import FIGURES_FOLDER

        return self.exports_dir / FIGURES_FOLDER / f"{session_id}.json"

    def keep_figures(self, path: Path) -> Path | None:
        """Write the anonymous figures of the session file at `path` (overview_sessions.figures_record) to its
        figures_path, for the overview's trends and bouwstenen once the session is gone or in a shared folder that
        holds only the plans and cijfers/. Returns the file, or None when the session cannot be read (then nothing
        is kept)."""
        from .store.digest_cache import session_digest

        try:
            digest = session_digest(path)
        except (WorkshopError, OSError, KeyError, TypeError, ValueError):
            return None
        return self.write_figures(path.stem, digest)

    def write_figures(self, session_id: str, digest: SessionDigest) -> Path:
        """Write the anonymous figures of `digest` (overview_sessions.figures_record, the one writer of them) to
        figures_path(session_id), atomically and only when they changed. Returns the file; raises OSError."""
        import json

        from .core.overview_sessions import figures_record

        target = self.figures_path(session_id)  # write_atomic: a cut-off file is never read as figures
        text = json.dumps(figures_record(digest), ensure_ascii=False, indent=1) + "\n"
        try:
            if target.read_text(encoding="utf-8") == text:
                return target
        except (OSError, ValueError):
            pass  # none yet, or not readable as text: write it
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
        return target

    def purge_session(self, ref: str, confirm: Callable[[Path], bool] | None = None) -> list[Path]:
        """Delete a stored session for good: its file, last good copy, journal, lock, pid note, leftover temp files,
        the overview's digest of it (sessions/.overzicht/, it holds theme names), and its own exports
        (session_exports: summary, QR code, terugkoppeling, lessons, handout, answer sheet).

        First keeps the session's anonymous figures (keep_figures: counts per rated statement, no words of people),
        so the overview's trends and bouwstenen still compare with it.
        Holds the session's lock meanwhile, so a session open in a program is never deleted.
        `confirm(path)` is asked (with the lock held) before anything goes; False deletes nothing.
        Returns the deleted files. Raises StoreError when it is not found, SessionLockedError when it is open.
        """
        from .store import backup_path, journal_path, lock_path, locked
        from .store.digest_cache import digest_files

        path = self.find_session(ref)
        deleted: list[Path] = []
        with locked(path):
            if confirm is not None and not confirm(path):
                return []
            leftovers = [
                p
                for pattern in ("", ".bak", ".journal")
                for p in sorted(path.parent.glob(f".{path.name}{pattern}~*.tmp"))
            ]
            self.keep_figures(path)
            digests = digest_files(path)
            for victim in [
                path,
                backup_path(path),
                journal_path(path),
                *leftovers,
                *digests,
                *self.session_exports(path.stem),
            ]:
                if victim.exists():
                    victim.unlink()
                    deleted.append(victim)
            if digests:
                with contextlib.suppress(OSError):  # the overview's folder, once it holds no digest any more
                    digests[0].parent.rmdir()
        # After the release: the lock file is only a name to lock on, and our pid note went with the release.
        for victim in (lock_path(path), path.with_name(path.name + ".pid")):
            if victim.exists():
                victim.unlink(missing_ok=True)
                deleted.append(victim)
        return deleted


def age_in_days(meta: Meta, now: datetime) -> int:
    """Return how many days ago the session was started."""
    return (now - datetime.fromisoformat(meta.created_at)).days
