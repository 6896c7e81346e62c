"""What the organisation overview needs of one stored session: its ratings and its themes, without its cards.

Built straight from the stored records (the store's tables), so a year of large sessions is read without
building a dataclass per card: the cards only count towards their theme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .model import Rating, SessionState, Step, Theme, Vote, from_record
from .ports import Tables
from .records import header_from_tables
from .results import (
    RatingResults,
    RoleResult,
    StatementResult,
    VoteResults,
    anonymous,
    tally_ratings,
    tally_votes,
)
from .review import review_teams
from .shown import as_seen, held_back

# What a stored digest holds (digest_record): raise it whenever digest_from_tables or the results it keeps change
# what they compute, so digests written before are rebuilt instead of read (store/digest_cache.py).
# 2: counts of fewer people than min_group withheld (results.anonymous); 3: across_teams; 4: results hidden again
# whose changes would single people out are counted as the room saw them (shown.as_seen)
DIGEST_FORMAT = 4


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
    purged: bool = False  # read from the figures kept when the session was purged (figures_record), not the file
    # Its script reviews the actions of other teams (`teams:` on a review of acties): a location's session above the
    # teams, which the overview counts apart from the teams'. Figures kept before this was recorded read False.
    across_teams: bool = False


def digest_from_tables(tables: Tables) -> SessionDigest:
    """Return the digest of a stored session (its records by table, as the store reads them).

    Raises ScriptErrors or CorruptSessionError like records.state_from_tables. What it computes is versioned by
    DIGEST_FORMAT.
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
        # As anyone may see them (results.anonymous): a statement fewer people answered than the script's min_group
        # keeps its counts back here too (the overview and the figures in exports/cijfers/ are shared documents).
        if step.kind == "rate"
        and isinstance(results := anonymous(seen := _as_seen(state, step), tally_ratings(seen, step)), RatingResults)
        if results.respondents
    )
    cards = Counter(
        record.get("theme_id") for record in tables.get("contributions", {}).values() if not record.get("hidden")
    )
    dots: Counter[str] = Counter()
    for step in script.steps:
        if step.kind == "vote" and step.on and script.step(step.on).kind == "group":
            tallied: VoteResults = tally_votes(_as_seen(state, step), step)
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
        across_teams=bool(review_teams(script)),
    )


def _as_seen(state: SessionState, step: Step) -> SessionState:
    """`state` with `step`'s answers as the room last saw them while the changes since would single people out
    (shown.held_back): the figures are shared, and compared with the summary they must tell no more than it does."""
    return as_seen(state, step) if held_back(state, step) else state


def _rows(tables: Tables, table: str, cls: type) -> tuple:
    return tuple(from_record(cls, record) for record in tables.get(table, {}).values())


def digest_record(digest: SessionDigest) -> dict:
    """Return `digest` as a JSON-ready record (digest_from_record reads it back into an equal digest)."""
    # By hand, not dataclasses.asdict: 0.42 ms against ~0.1 ms for a 21-statement session, once per session
    # the overview reads in full. Tuples are left for json to write as lists.
    record = dict(vars(digest))
    record.pop("purged")
    record["ratings"] = [
        dict(vars(r), statements=[dict(vars(s), roles=[vars(x) for x in s.roles]) for s in r.statements])
        for r in digest.ratings
    ]
    record["themes"] = [vars(t) for t in digest.themes]
    return record


def digest_from_record(record: Mapping) -> SessionDigest:
    """Return the digest a record of digest_record holds.

    Raises TypeError, ValueError or KeyError when the record is not one: a cache never passes on what it cannot read.
    """
    return SessionDigest(
        **{name: _typed(record[name], str) for name in _TEXT_FIELDS},
        ratings=tuple(_rating_results(r) for r in _typed(record["ratings"], list)),
        themes=tuple(
            ThemeScore(_typed(t["name"], str), _typed(t["dots"], int), _typed(t["cards"], int))
            for t in _typed(record["themes"], list)
        ),
        across_teams=_typed(record.get("across_teams", False), bool),
    )


_TEXT_FIELDS = ("id", "team", "organisation", "title", "script_id", "created_at", "status")


def _rating_results(record: Mapping) -> RatingResults:
    return RatingResults(
        step_id=_typed(record["step_id"], str),
        scale=_typed(record["scale"], str),
        statements=tuple(_statement(s) for s in _typed(record["statements"], list)),
        respondents=_typed(record["respondents"], int),
    )


def _statement(record: Mapping) -> StatementResult:
    mean = record["mean"]
    return StatementResult(
        index=_typed(record["index"], int),
        text=_typed(record["text"], str),
        counts=_counts(record["counts"]),
        answers=_typed(record["answers"], int),
        mean=None if mean is None else float(_typed(mean, (int, float))),
        disagreement=float(_typed(record["disagreement"], (int, float))),
        disputed=_typed(record["disputed"], bool),
        focus=_typed(record["focus"], bool),
        low_share=float(_typed(record["low_share"], (int, float))),
        many_unknown=_typed(record["many_unknown"], bool),
        too_few=_typed(record["too_few"], bool),
        roles=tuple(
            RoleResult(
                _typed(r["role"], str), _counts(r["counts"]), _typed(r["answers"], int), _typed(r["too_few"], bool)
            )
            for r in _typed(record["roles"], list)
        ),
    )


def _counts(value: object) -> tuple[tuple[str, int], ...]:
    return tuple((_typed(k, str), _typed(n, int)) for k, n in _typed(value, list))


def _typed(value: object, kind: Any) -> Any:
    """Return `value` when it is of `kind` (a bool is no int here). Raises TypeError otherwise."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(type(value).__name__)
    return value


# What a purged session leaves behind (figures_record): raise it when that changes.
FIGURES_FORMAT = 1
FIGURES_MARK = "workshop-cijfers"


def figures_record(digest: SessionDigest) -> dict:
    """Return the anonymous figures of a session that outlive it when it is purged: team, organisation, date, script,
    and per rated statement how many answers each value got (with the figures computed from them).

    Nothing that people wrote or said: no cards, no theme names (themes are left out altogether), no participant
    names and no answers per role (a role can be one person). The statements are the script's own text. Read back
    with digest_from_figures.
    """
    record = digest_record(replace(digest, themes=()))
    record.pop("themes")
    record.pop("status")
    record["created_at"] = digest.created_at[:10]  # the day is enough for trends and cycles
    for results in record["ratings"]:
        for statement in results["statements"]:
            statement["roles"] = []
    return {FIGURES_MARK: FIGURES_FORMAT, **record}


def digest_from_figures(record: Mapping) -> SessionDigest:
    """Return the digest of a purged session from its kept figures (figures_record), marked `purged`.

    Raises TypeError, ValueError or KeyError when the record is not one.
    """
    if record.get(FIGURES_MARK) != FIGURES_FORMAT:
        raise ValueError(FIGURES_MARK)
    digest = digest_from_record({**record, "status": "verwijderd", "themes": []})
    return replace(digest, purged=True, ratings=tuple(_without_roles(r) for r in digest.ratings))


def _without_roles(results: RatingResults) -> RatingResults:
    return replace(results, statements=tuple(replace(s, roles=()) for s in results.statements))
