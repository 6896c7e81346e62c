"""The organisation overview: per team the state of its plan, top themes per cycle, bouwstenen side by side, trends.

Pure: it reads plans (plan.plan_rows) and session digests (overview_sessions.py) that the caller gathered, and
returns figures; overview_text.py and overview_html.py write them out. Words that people wrote (actions, theme
names) are always redacted when written out, whatever a facilitator released.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from .agenda import date_passed, decision_due
from .errors import WorkshopError
from .followup import needs_feedback
from .messages import render
from .model import SCALES
from .overview_sessions import SessionDigest, ThemeScore
from .plan_terms import PlanRow, PlanWarning, id_key
from .rating_rule import read
from .results import RatingResults, StatementResult

Cycle = Literal["maand", "kwartaal", "halfjaar", "jaar"]
CYCLES: tuple[str, ...] = ("maand", "kwartaal", "halfjaar", "jaar")
TOP_THEMES = 5
CARRIED_WARNING = 2  # carried over this often or more: time to adjust, stop or escalate (domain.md §3)

# What counts as a real change in a trend: one rule (trend_change), stated in the overview's legend.
TREND_MIN_ANSWERS = 3  # fewer answers on the scale in either session: too few to compare (the minimum group size)
TREND_MIN_PEOPLE = 2  # a real change: at least this many people more (or fewer) chose 🔴 ...
TREND_MIN_SHIFT = 0.2  # ... and the share of 🔴 moved by at least 20 percentage points
STAYS_RED_SHARE = 0.5  # blijft rood: half or more of the answers 🔴, last time and now
TRENDS_PER_TEAM = 3  # rows per team in the overview (one page for the bestuurder); the rest in words
ChangeKind = Literal["blijft rood", "meer rood", "minder rood", "geen echte verandering", "te weinig antwoorden"]
SIGNALS: tuple[ChangeKind, ...] = ("blijft rood", "meer rood", "minder rood")  # most important first


@dataclass(frozen=True)
class TeamPlan:
    """A team's plan as the overview reads it: its rows, or the problem that kept it from being read."""

    team: str
    path: str
    rows: tuple[PlanRow, ...] = ()
    problem: str = ""  # the error (file:line and what to do) of a plan that cannot be read without guessing
    # What in a readable plan is kept but not read (a date without a year, an unknown status): "file:line: text"
    warnings: tuple[str, ...] = ()
    # The sessions whose actions the tool put in this plan (its memory), each with those actions' plan ids
    sessions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # What `problem` and `warnings` say, kept to say it in another language too (problem_text, warning_texts)
    error: WorkshopError | None = field(default=None, compare=False, repr=False)
    notes: tuple[PlanWarning, ...] = field(default=(), compare=False, repr=False)

    def problem_text(self, lang: str) -> str:
        """Return why the plan cannot be read (file:line and what to do) in `lang`; "" when it can."""
        return self.error.text(lang) if self.error is not None else self.problem

    def warning_texts(self, lang: str) -> tuple[str, ...]:
        """Return `warnings` ("file:line: text") in `lang`."""
        if not self.notes:
            return self.warnings
        return tuple(f"{self.path}:{w.line}: {render(w.code, lang, dict(w.params))}" for w in self.notes)


@dataclass(frozen=True)
class TeamFigures:
    """One team's plan in numbers, and the actions that ask for attention (overdue or carried over twice)."""

    team: str
    path: str
    open: int
    done: int  # klaar
    stopped: int  # gestopt
    overdue: int  # open and late (agenda.late: its deadline or check date passed)
    carried: int  # open and carried over CARRIED_WARNING times or more
    untold: int  # a result or decision, but nobody told yet (terugkoppeling; followup.needs_feedback)
    sessions: int  # the sessions read (their file, or the figures kept of a purged one)
    attention: tuple[PlanRow, ...] = ()
    problem: str = ""
    named: int = 0  # the sessions the plan names (its memory): more than `sessions` when files are missing


@dataclass(frozen=True)
class CycleThemes:
    """The themes that got the most dots (or cards) in one cycle, over every team."""

    label: str  # "2026-K3"
    sessions: int
    themes: tuple[tuple[ThemeScore, tuple[str, ...]], ...]  # (summed score, the teams that chose it)


@dataclass(frozen=True)
class BouwsteenColumn:
    """One kwaliteitsbeeld session's ratings on the bouwsteen scale: a column of the side-by-side table."""

    session_id: str
    team: str
    day: str  # ISO date
    results: RatingResults


@dataclass(frozen=True)
class Point:
    """One measurement of a rating statement: when, and how many of the answers on the scale were red."""

    session_id: str
    day: str
    red: int
    on_scale: int

    @property
    def share(self) -> float:
        return self.red / self.on_scale if self.on_scale else 0.0


@dataclass(frozen=True)
class Trend:
    """A statement one team rated in more than one session: its red share from last time to now."""

    team: str
    statement: str
    points: tuple[Point, ...]  # oldest first; at least two

    @property
    def direction(self) -> Literal["↑", "↓", "="]:
        """↑: more red than last time (worse), ↓: less red (better), =: the same share (whether real or noise:
        see `change`)."""
        before, now = self.points[-2].share, self.points[-1].share
        return "↑" if now > before else "↓" if now < before else "="

    @property
    def change(self) -> ChangeKind:
        """What the last two measurements say, by the one rule (trend_change)."""
        return trend_change(self.points[-2], self.points[-1])


def trend_change(before: Point, now: Point) -> ChangeKind:
    """Return what a statement's red share did from `before` to `now`: the one rule of a real change.

    Fewer than TREND_MIN_ANSWERS answers on the scale in either: "te weinig antwoorden". A real change needs at
    least TREND_MIN_PEOPLE people more (or fewer) choosing 🔴 and the share moving by TREND_MIN_SHIFT or more:
    "meer rood" / "minder rood" (so the same one person in a smaller group is never a trend). Otherwise, with half or
    more 🔴 both times (STAYS_RED_SHARE): "blijft rood", the signal that most needs a name. Else "geen echte
    verandering".
    """
    if min(before.on_scale, now.on_scale) < TREND_MIN_ANSWERS:
        return "te weinig antwoorden"
    people, shift = now.red - before.red, now.share - before.share
    if abs(people) >= TREND_MIN_PEOPLE and abs(shift) >= TREND_MIN_SHIFT - 1e-9 and (people > 0) == (shift > 0):
        return "meer rood" if shift > 0 else "minder rood"
    if min(before.share, now.share) >= STAYS_RED_SHARE:
        return "blijft rood"
    return "geen echte verandering"


@dataclass(frozen=True)
class TrendReport:
    """The trends as the overview shows them: per team its most important signals, the rest counted."""

    shown: tuple[Trend, ...]  # per team at most TRENDS_PER_TEAM signals, blijft rood first
    more: tuple[tuple[str, tuple[tuple[ChangeKind, int], ...]], ...]  # (team, (kind, how many not shown))
    quiet: int  # rated again without a real change
    too_few: int  # rated again, but with too few answers to compare
    total: int
    hidden: tuple[Trend, ...] = ()  # the signals `more` counts, in the same order: listed in full at the end


def trend_report(trends: Sequence[Trend]) -> TrendReport:
    """Return which trends the overview shows (see TrendReport), in order of importance per team."""
    signals = [t for t in trends if t.change in SIGNALS]

    def weight(t: Trend) -> tuple:
        before, now = t.points[-2], t.points[-1]
        return (SIGNALS.index(t.change), -now.share, -abs(now.share - before.share), t.statement)

    shown: list[Trend] = []
    hidden: list[Trend] = []
    more: list[tuple[str, tuple[tuple[ChangeKind, int], ...]]] = []
    for team in sorted({t.team for t in signals}, key=str.lower):
        mine = sorted((t for t in signals if t.team == team), key=weight)
        shown += mine[:TRENDS_PER_TEAM]
        rest = mine[TRENDS_PER_TEAM:]
        hidden += rest
        if rest:
            more.append((team, tuple((k, n) for k in SIGNALS if (n := sum(1 for t in rest if t.change == k)))))
    return TrendReport(
        shown=tuple(shown),
        more=tuple(more),
        quiet=sum(1 for t in trends if t.change == "geen echte verandering"),
        too_few=sum(1 for t in trends if t.change == "te weinig antwoorden"),
        total=len(trends),
        hidden=tuple(hidden),
    )


@dataclass(frozen=True)
class Overview:
    """Everything the overview shows, computed once."""

    today: date
    cycle: str
    teams: tuple[TeamFigures, ...]
    themes: tuple[CycleThemes, ...]
    bouwstenen: tuple[BouwsteenColumn, ...]
    trends: tuple[Trend, ...]
    sessions: int  # sessions read: files and the figures kept of purged ones
    problems: tuple[tuple[str, str], ...] = ()  # (file, problem) of session files that could not be read
    purged: int = 0  # of `sessions`, those read from the figures kept when they were purged (no themes)
    as_of: date | None = None  # a look back (--op): sessions and the tool's actions after this day left out
    left_out: int = 0  # with as_of: actions the tool added to a plan from a session after that day
    unread_named: int = 0  # sessions the plans name (their memory) of which no file and no figures were read
    # Above the teams: a name whose sessions all walk other teams' actions (a location, SessionDigest.across_teams),
    # with its own plan's figures (path "" without one). Not a team: counted apart, never among `teams`.
    locations: tuple[TeamFigures, ...] = ()
    location_sessions: int = 0  # of `sessions`, those that walk other teams' actions (in `locations`' counts)


def cycle_of(day: date, cycle: str) -> str:
    """Return the cycle a day belongs to: "2026-11" (maand), "2026-K4" (kwartaal), "2026-H2" (halfjaar), "2026"."""
    if cycle == "maand":
        return f"{day.year}-{day.month:02d}"
    if cycle == "halfjaar":
        return f"{day.year}-H{1 + (day.month - 1) // 6}"
    if cycle == "jaar":
        return str(day.year)
    return f"{day.year}-K{1 + (day.month - 1) // 3}"


def build_overview(
    plans: Sequence[TeamPlan],
    sessions: Sequence[SessionDigest],
    *,
    today: date,
    cycle: str = "kwartaal",
    problems: Sequence[tuple[str, str]] = (),
    as_of: bool = False,
) -> Overview:
    """Return the overview of `plans` and `sessions` on `today`, with themes per `cycle` (one of CYCLES).

    `as_of`: the overview as it was on `today`, a day in the past: sessions held after it are left out, and so are
    the actions the tool put in a plan from such a session (the plan's memory says which; rows people added
    themselves have no date and stay). Statuses, results and decisions are the plan's as it is now: a plan keeps
    no earlier state.
    """
    sessions = sorted(sessions, key=lambda s: (s.created_at, s.id))
    left_out = 0
    if as_of:
        sessions = [s for s in sessions if s.created_at[:10] <= today.isoformat()]
        trimmed = [_plan_on(p, today) for p in plans]
        left_out = sum(len(p.rows) - len(t.rows) for p, t in zip(plans, trimmed, strict=True))
        # A plan the tool started for a session after that day did not exist yet (unless people added rows to it).
        plans = [t for p, t in zip(plans, trimmed, strict=True) if t.rows or t.sessions or not p.sessions or p.problem]
    per_team: defaultdict[str, int] = defaultdict(int)
    per_location: defaultdict[str, int] = defaultdict(int)
    for digest in sessions:
        (per_location if digest.across_teams else per_team)[digest.team] += 1
    # A location is a name with sessions across the teams and none of a team of its own: its plan is no team's.
    located = set(per_location) - set(per_team)
    own = {p.team: p for p in plans if p.team in located}
    # A team whose sessions were read but that has no plan (never exported) is shown too, or its sessions would count
    # in the total under no team (trial: "1 team(s) · 8 sessie(s)" above a table with 4).
    planned = {p.team for p in plans}
    unplanned = [
        TeamFigures(name, "", 0, 0, 0, 0, 0, 0, count) for name, count in per_team.items() if name not in planned
    ]
    teams = tuple(
        sorted(
            [*(_figures(p, today, per_team.get(p.team, 0)) for p in plans if p.team not in located), *unplanned],
            key=_by_name,
        )
    )
    locations = tuple(
        sorted(
            (
                _figures(own[name], today, count) if name in own else TeamFigures(name, "", 0, 0, 0, 0, 0, 0, count)
                for name, count in per_location.items()
            ),
            key=_by_name,
        )
    )
    return Overview(
        today=today,
        cycle=cycle,
        teams=teams,
        locations=locations,
        location_sessions=sum(per_location.values()),
        themes=_themes(sessions, cycle),
        bouwstenen=tuple(
            BouwsteenColumn(d.id, d.team, d.created_at[:10], r)
            for d in sessions
            for r in d.ratings
            if r.scale == "bouwsteen"
        ),
        trends=_trends(sessions),
        sessions=len(sessions),
        problems=tuple(problems),
        purged=sum(1 for s in sessions if s.purged),
        as_of=today if as_of else None,
        left_out=left_out,
        unread_named=len({sid for p in plans for sid, _ids in p.sessions} - {s.id for s in sessions}),
    )


def _by_name(figures: TeamFigures) -> str:
    return figures.team.lower()


def session_day(session_id: str) -> date | None:
    """Return the day a session id starts with ("2026-11-23-team-..."), or None when it does not start with one."""
    try:
        return date.fromisoformat(session_id[:10])
    except ValueError:
        return None


def _plan_on(plan: TeamPlan, day: date) -> TeamPlan:
    """The plan without the actions the tool added from sessions held after `day`, and without those sessions."""
    later = [(sid, ids) for sid, ids in plan.sessions if (held := session_day(sid)) is not None and held > day]
    gone = {id_key(i) for _sid, ids in later for i in ids}
    return replace(
        plan,
        rows=tuple(r for r in plan.rows if id_key(r.id) not in gone),
        sessions=tuple(s for s in plan.sessions if s not in later),
    )


def _figures(plan: TeamPlan, today: date, sessions: int) -> TeamFigures:
    if plan.problem:
        return TeamFigures(plan.team, plan.path, 0, 0, 0, 0, 0, 0, sessions, problem=plan.problem)
    named = len(plan.sessions)
    rows = plan.rows
    open_rows = [r for r in rows if r.is_open]
    overdue = [r for r in open_rows if date_passed(r, today)]
    carried = [r for r in open_rows if r.carried_over >= CARRIED_WARNING]
    undecided = [r for r in rows if decision_due(r, today)]  # klaar, its check date passed, no decision yet
    untold = [r for r in rows if needs_feedback(r, today)]
    attention = tuple(dict.fromkeys(overdue + undecided + carried + untold))
    return TeamFigures(
        team=plan.team,
        path=plan.path,
        open=len(open_rows),
        done=sum(1 for r in rows if r.status_key == "klaar"),
        stopped=sum(1 for r in rows if r.status_key == "gestopt"),
        overdue=len(overdue),
        carried=len(carried),
        untold=len(untold),
        sessions=sessions,
        attention=attention,
        named=named,
    )


def _themes(sessions: Sequence[SessionDigest], cycle: str) -> tuple[CycleThemes, ...]:
    """Per cycle the themes with the most dots (then cards), names compared without case or extra spaces."""
    by_cycle: dict[str, list[SessionDigest]] = defaultdict(list)
    for digest in sessions:
        if digest.purged:
            continue  # its themes were not kept: people named them
        by_cycle[cycle_of(datetime.fromisoformat(digest.created_at).date(), cycle)].append(digest)
    result = []
    for label in sorted(by_cycle):
        totals: dict[str, tuple[str, int, int]] = {}
        teams: dict[str, list[str]] = defaultdict(list)
        for digest in by_cycle[label]:
            for theme in digest.themes:
                key = " ".join(theme.name.lower().split())
                name, dots, cards = totals.get(key, (theme.name, 0, 0))
                totals[key] = (name, dots + theme.dots, cards + theme.cards)
                if digest.team not in teams[key]:
                    teams[key].append(digest.team)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1][1], -kv[1][2], kv[1][0].lower()))
        top = tuple(
            (ThemeScore(name, dots, cards), tuple(teams[key])) for key, (name, dots, cards) in ranked[:TOP_THEMES]
        )
        result.append(CycleThemes(label=label, sessions=len(by_cycle[label]), themes=top))
    return tuple(result)


def _trends(sessions: Sequence[SessionDigest]) -> tuple[Trend, ...]:
    """Every (team, statement) rated in two sessions or more, on a scale with a red end, oldest first."""
    points: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for digest in sessions:
        for results in digest.ratings:
            for statement in results.statements:
                red, on_scale = _red(statement, results.scale)
                # Answered, if only with ❓: scored again, with too few answers on the scale to compare
                # (trend_change), and counted so (trial 2: a statement all ❓ one year went missing from the count).
                if on_scale or any(n for _, n in statement.counts):
                    key = (digest.team, " ".join(statement.text.split()))
                    points[key].append(Point(digest.id, digest.created_at[:10], red, on_scale))
    trends = [Trend(team, text, tuple(found)) for (team, text), found in points.items() if len(found) >= 2]
    # Biggest change first: what moved most is what a kwaliteitsfunctionaris asks about.
    return tuple(sorted(trends, key=lambda t: (-abs(t.points[-1].share - t.points[-2].share), t.team, t.statement)))


def _red(statement: StatementResult, scale: str) -> tuple[int, int]:
    """The answers at the low end and all answers on the scale (❓ not counted), as rating_rule reads them."""
    reading = read(dict(statement.counts), SCALES[scale])
    return reading.low, reading.on_scale
