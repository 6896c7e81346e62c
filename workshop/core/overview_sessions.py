"""What the organisation overview needs of one stored session: its ratings and its themes, without its cards.

Built straight from the stored records (the store's tables), so a year of large sessions is read without
building a dataclass per card: the cards only count towards their theme.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Rating, SessionState, Theme, Vote, from_record
from .ports import Tables
from .records import header_from_tables
from .results import RatingResults, VoteResults, tally_ratings, tally_votes


@dataclass(frozen=True)
class ThemeScore:
    """A theme a group made (a `group` step), with the dots it got in a vote on that step and its cards."""

    name: str
    dots: int
    cards: int


@dataclass(frozen=True)
class SessionDigest:
    """One session as the overview uses it: who, when, which script, its rating results and its themes."""

    id: str
    team: str
    organisation: str
    title: str
    script_id: str
    created_at: str  # ISO timestamp
    status: str
    ratings: tuple[RatingResults, ...] = ()  # every step with a scale, in agenda order (rate steps only)
    themes: tuple[ThemeScore, ...] = ()


def digest_from_tables(tables: Tables) -> SessionDigest:
    """Return the digest of a stored session (its records by table, as the store reads them).

    Raises ScriptErrors or CorruptSessionError like records.state_from_tables.
    """
    meta, script = header_from_tables(tables)
    state = SessionState(
        meta=meta,
        script=script,
        themes=tuple(sorted(_rows(tables, "themes", Theme), key=lambda t: int(t.id[1:]))),
        votes=_rows(tables, "votes", Vote),
        ratings=_rows(tables, "ratings", Rating),
    )
    ratings = tuple(
        results
        for step in script.steps
        if step.kind == "rate" and isinstance(results := tally_ratings(state, step), RatingResults)
        if results.respondents
    )
    cards = Counter(
        record.get("theme_id") for record in tables.get("contributions", {}).values() if not record.get("hidden")
    )
    dots: Counter[str] = Counter()
    for step in script.steps:
        if step.kind == "vote" and step.on and script.step(step.on).kind == "group":
            tallied: VoteResults = tally_votes(state, step)
            dots.update({r.item.id: r.votes for r in tallied.items if r.item.kind == "theme"})
    themes = tuple(ThemeScore(t.name, dots[t.id], cards[t.id]) for t in state.themes)
    return SessionDigest(
        id=meta.id,
        team=meta.team,
        organisation=meta.organisation,
        title=meta.title,
        script_id=meta.script_id,
        created_at=meta.created_at,
        status=meta.status,
        ratings=ratings,
        themes=themes,
    )


def _rows(tables: Tables, table: str, cls: type) -> tuple:
    return tuple(from_record(cls, record) for record in tables.get(table, {}).values())
