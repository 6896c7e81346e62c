"""Export a session as every front end does it: merge it into the team's plan first, then write its summary,
which names each action by the id it really got in the plan; and say in words what the merge did. Each export
also writes the session's anonymous figures (exports/cijfers/), the part of it a shared folder may hold.

`workshop export` and the app's export (`x`, `w`) both call `export_summary`; the app's preview asks
`expected_ids` so it shows the ids the plan will hold (a team's second session in a month gets "DL-2612b-a1").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .core.errors import WorkshopError
from .core.export import plan_ids, session_summary
from .core.messages import render
from .core.model import SessionState
from .core.plan_terms import PlanMerge
from .workspace import Workspace


@dataclass(frozen=True)
class SummaryExport:
    """What export_summary wrote: the summary, and the plan (or why the plan was left alone)."""

    summary: Path
    plan: Path | None = None
    merged: PlanMerge | None = None
    plan_error: WorkshopError | None = None  # the plan could not be read or written: it is untouched
    # A review across teams: per other team whose actions were answered, (team, its plan, the merge or the error
    # that kept that plan from being written).
    others: tuple[tuple[str, Path, PlanMerge | WorkshopError], ...] = ()


def expected_ids(workspace: Workspace, state: SessionState, team: str | None = None) -> dict[str, str]:
    """Return the id each action will have in the team's plan, from a merge in memory (nothing is written);
    the ids of a plan without other sessions that month when the plan cannot be read (the export says why)."""
    try:
        return dict(workspace.prepare_plan(state, team=team).result.ids)
    except WorkshopError:
        return plan_ids(state)


def export_summary(workspace: Workspace, state: SessionState, team: str | None = None) -> SummaryExport:
    """Merge `state` into the team's plan (default: its own team), then write its summary with the plan's ids.

    A plan that cannot be read or written is left alone; the summary is written all the same and
    `plan_error` says why.
    """
    try:
        (plan, merged), others = workspace.merge_plans(state, team=team)
    except WorkshopError as err:
        summary = workspace.write_summary(state.meta.id, session_summary(state))
        refresh_figures(workspace, state.meta.id)
        return SummaryExport(summary, plan_error=err)
    summary = workspace.write_summary(state.meta.id, session_summary(state, dict(merged.ids)))
    refresh_figures(workspace, state.meta.id)
    return SummaryExport(summary, plan, merged, others=tuple(others))


def own_plan_line(merged: PlanMerge, plan: Path, lang: str, written: str, unchanged: str) -> str | None:
    """Return what the merge did to the session's own plan, in words; None when it wrote no plan of its own
    (merge_notes says why). `written` and `unchanged` are the front end's lines with {path}, {added}, {updated} and
    {changes} (plan_changes: the numbers in words)."""
    if merged.skipped:
        return None
    if not merged.changed:
        return unchanged.format(path=plan)
    if not merged.added and not merged.updated:  # say so: a line with "0, 0" reads as if nothing was written
        what = "plan.memory_only" if merged.memory_rebuilt else "plan.own_session_only"
        return render(what, lang, {"path": str(plan)})
    added, updated = len(merged.added), len(merged.updated)
    return written.format(path=plan, added=added, updated=updated, changes=plan_changes(added, updated, lang))


def plan_changes(added: int, updated: int, lang: str) -> str:
    """Return what a merge changed in a plan's actions, in words, leaving out what is 0: "1 nieuwe actie, 3 acties
    bijgewerkt" (not "nieuwe acties: 1, bijgewerkt: 3", which did not say what was updated)."""
    parts = [render(code, lang, {"n": n}) for code, n in (("plan.added", added), ("plan.updated", updated)) if n]
    return ", ".join(parts)


def team_plan_notes(done: SummaryExport, lang: str) -> tuple[list[str], list[str], list[WorkshopError]]:
    """Return, for a review across teams, what the export did to each other team's plan: (a line per plan it
    changed or found up to date, with how many actions it updated; what it left alone or could not read, see
    merge_notes; the errors that kept a plan from being written)."""
    lines: list[str] = []
    unread: list[str] = []
    errors: list[WorkshopError] = []
    for team, path, merged in done.others:
        if isinstance(merged, WorkshopError):
            errors.append(merged)
            continue
        params = {"team": team, "path": str(path), "updated": len(merged.updated)}
        lines.append(render("plan.team_written" if merged.changed else "plan.team_unchanged", lang, params))
        left, notes = merge_notes(merged, path, lang)
        lines += left
        unread += notes
    return lines, unread, errors


def refresh_figures(workspace: Workspace, session_id: str) -> None:
    """Write or refresh the session's anonymous figures in exports/cijfers/ (Workspace.keep_figures, what purge
    keeps), so a copy of exports/ (plans and cijfers/) gives the overview its trends and bouwstenen without the
    session files. Never fails the export: the next overview in the workspace writes them again."""
    import logging

    try:
        workspace.keep_figures(workspace.session_path(session_id))
    except OSError as exc:
        logging.getLogger(__name__).debug("no figures kept for %s: %s", session_id, type(exc).__name__)


def kept_cells(merged: PlanMerge) -> str:
    """Return the actions whose answers the merge kept out, each with the cells a person left as they are:
    "DL-2612-a3 (Resultaat), DL-2612-a2 (Besluit)"."""
    return _named_cells(merged.kept, merged.kept_cells)


def _named_cells(ids: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> str:
    cells: dict[str, list[str]] = {}
    for row_id, header in pairs:
        cells.setdefault(row_id, []).append(header)
    return ", ".join(f"{i} ({', '.join(cells[i])})" if cells.get(i) else i for i in ids)


def merge_notes(merged: PlanMerge, plan: Path, lang: str) -> tuple[list[str], list[str]]:
    """Return in words what a merge did not do as asked, one line each: (what it left as it was: answers kept out
    because someone edited the plan since, actions not put back because someone took them out; what it could not
    read in the plan: a rebuilt memory, cells it did not understand, with the plan's file and line)."""
    left = []
    if merged.skipped:
        left.append(render("plan.own_skipped", lang, {"path": str(plan)}))
    if merged.kept:
        left.append(render("plan.kept", lang, {"ids": kept_cells(merged)}) + ".")
    if merged.unsure_cells:
        unsure = tuple(dict.fromkeys(row_id for row_id, _ in merged.unsure_cells))
        left.append(render("plan.unsure", lang, {"ids": _named_cells(unsure, merged.unsure_cells)}) + ".")
    if merged.unplaced:
        unplaced = tuple(dict.fromkeys(row_id for row_id, _ in merged.unplaced))
        left.append(render("plan.unplaced", lang, {"ids": _named_cells(unplaced, merged.unplaced)}) + ".")
    if merged.deleted:
        left.append(render("plan.deleted", lang, {"ids": ", ".join(merged.deleted)}))
    note = render("plan.note", lang, {})
    unread = [f"{plan}: {note}: {render('plan.memory_rebuilt', lang, {})}"] if merged.memory_rebuilt else []
    unread += [f"{plan}:{w.line}: {note}: {render(w.code, lang, dict(w.params))}" for w in merged.warnings]
    return left, unread
