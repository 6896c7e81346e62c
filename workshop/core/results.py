"""Tallies and who may see them: vote items, vote results with ties, rating distributions with disagreement."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from .mdtext import counted, escape
from .model import Contribution, SessionState, Step
from .privacy import mask, scan
from .rating_rule import Mark, marks, read
from .redaction import theme_privacy
from .review import reviewed_step
from .shown import as_seen, held_back


@dataclass(frozen=True)
class VoteItem:
    """Something a vote step offers: a theme, a card or a fixed option."""

    id: str
    label: str
    kind: Literal["theme", "card", "option"]
    cards: tuple[str, ...] = ()  # the cards behind a theme
    privacy: tuple[str, ...] = ()  # a card's kinds of personal data, while masked for the room

    @cached_property  # items are shared by every phone's page (SessionService memoises them per snapshot)
    def room_label(self) -> str:
        """The label as the room (projector, phones) may see it: a flagged card stays masked until released."""
        return mask(self.label, scan(self.label)) if self.privacy else self.label


@dataclass(frozen=True)
class ItemResult:
    item: VoteItem
    votes: int
    rank: int  # 1 = most votes; equal counts share a rank ("1, 2, 2, 4")
    tied: bool


@dataclass(frozen=True)
class VoteResults:
    step_id: str
    items: tuple[ItemResult, ...]  # ranked, most votes first; ties in agenda order
    total: int
    voters: int
    # Fewer voters than the script's min_group: the dots are withheld (every count 0), so nobody's choice
    # can be read off the result. Set by shown_results, never by the tally.
    too_few: bool = False


@dataclass(frozen=True)
class RoleResult:
    """The answers on one statement of the people who gave one role (results per role)."""

    role: str
    counts: tuple[tuple[str, int], ...]  # every scale value, in scale order
    answers: int
    too_few: bool = False  # fewer answers than min_group (or they could be worked out): counts withheld


@dataclass(frozen=True)
class StatementResult:
    index: int
    text: str
    counts: tuple[tuple[str, int], ...]  # every scale value, in scale order, with its count
    answers: int
    mean: float | None  # on numeric scales only
    disagreement: float  # 0 = everyone agrees, 1 = split between the two ends (information only)
    disputed: bool  # "⚠ oneens" by the rule in rating_rule.py
    focus: bool  # an aandachtspunt (rating_rule.py): worth discussing (the "rood of oneens" review step)
    low_share: float = 0.0  # share of the answers on the scale at the low end (🔴, 1–2): orders the focus list
    many_unknown: bool = False  # "veel ❓" (rating_rule.py)
    too_few: bool = False  # fewer answers than the script's min_group: counts withheld (see shown_results)
    roles: tuple[RoleResult, ...] = ()  # per role, when the script asks for roles (shown_results)

    @property
    def number(self) -> int:
        """The statement's number as the rate step asked it (1-based): "Stelling 3" is the same statement on the
        console, the board and the phones, also in a review that lists only some of them."""
        return self.index + 1

    @property
    def marks(self) -> tuple[Mark, ...]:
        """What the rule says of this statement ("oneens", "aandacht", "veel_onbekend"; rating_rule.marks):
        the same for the console, the board, the phones and the summary; () when counts are withheld."""
        return marks(focus=self.focus, disputed=self.disputed, many_unknown=self.many_unknown)


@dataclass(frozen=True)
class RatingResults:
    step_id: str
    scale: str
    statements: tuple[StatementResult, ...]
    respondents: int


Results = VoteResults | RatingResults
# Who looks at results: "room" is the projector, the phones and the facilitator's screen (it may be
# projected); "record" is what is written afterwards (the summary, the plan, the lessons).
Audience = Literal["room", "record"]


def results_visible(state: SessionState, step: Step, audience: Audience = "room") -> bool:
    """Return True when `audience` may see the counts of `step`: the record always, the room once revealed.

    Until the facilitator reveals a step's results nobody in the room sees a count (nor which
    statements stand out), so no one anchors on the first answers.
    """
    return step.has_results and (audience == "record" or state.is_revealed(step.id))


def answers_given(state: SessionState, step: Step) -> tuple[int, ...]:
    """Return how many people answered each statement of `step` (a step with a scale).

    That is progress, not a result: the room may see it before the reveal (which answers they gave, not).
    """
    counts = [0] * len(step.rated_statements)
    for rating in state.ratings:
        if rating.step_id == step.id and 0 <= rating.statement < len(counts):
            counts[rating.statement] += 1
    return tuple(counts)


def tally(state: SessionState, step: Step) -> Results | None:
    """Return every count of `step`, seen or not: its vote results, its rating results, or None (it has none)."""
    if step.kind == "vote":
        return tally_votes(state, step)
    if step.scale_spec is not None:
        return tally_ratings(state, step)
    return None


def shown_results(state: SessionState, step: Step, audience: Audience = "room") -> Results | None:
    """Return what `audience` may see of `step`'s results (see results_visible); None when nothing.

    The same for the room and the record: a count of fewer answers than the script's `min_group` is
    withheld (`too_few`, counts 0), and ratings carry their results per role when the script has roles.
    """
    if not results_visible(state, step, audience):
        return None
    if audience == "record" and held_back(state, step):
        state = as_seen(state, step)  # what changed since the room saw them would single people out
    results = tally(state, step)
    return None if results is None else anonymous(state, results)


def seen_parts(state: SessionState, step: Step) -> list[bool] | None:
    """Per statement, whether the room sees its counts once `step`'s results are shown (votes: [] when it sees the
    dots); None when it sees none (every count withheld, or no results)."""
    results = tally(state, step)
    if results is None:
        return None
    shown = anonymous(state, results)
    if isinstance(shown, VoteResults):
        return None if shown.too_few or not shown.total else []
    seen = [bool(s.answers) and not s.too_few for s in shown.statements]
    return seen if any(seen) else None


# ----- anonymity: the minimum group size and results per role --------------------------------------------


def anonymous(state: SessionState, results: Results) -> Results:
    """Return `results` as anyone may see them: counts of fewer than `min_group` people withheld.

    Dots: fewer voters than min_group withholds every count. Answers: per statement; and per role, where a
    role's count is withheld when it is small, or when the answers outside the shown roles are so few
    that the total minus the shown roles would give them away.
    """
    least = state.script.min_group
    if isinstance(results, VoteResults):
        if not 0 < results.voters < least:
            return results
        hidden = tuple(replace(r, votes=0, rank=1, tied=False) for r in results.items)
        return replace(results, items=hidden, total=0, too_few=True)
    roles = _roles_of(state)
    statements = []
    for statement in results.statements:
        if 0 < statement.answers < least:
            counts = tuple((value, 0) for value, _ in statement.counts)
            statement = replace(
                statement,
                counts=counts,
                mean=None,
                disagreement=0.0,
                disputed=False,
                focus=False,
                low_share=0.0,
                many_unknown=False,
                too_few=True,
            )
        elif roles and statement.answers:
            statement = replace(statement, roles=_per_role(state, results.step_id, statement, roles, least))
        statements.append(statement)
    return replace(results, statements=tuple(statements))


def _roles_of(state: SessionState) -> dict[str, str]:
    """Participant id -> role, for those who gave one (none when the script asks for no roles)."""
    if not state.script.roles:
        return {}
    return {p.id: p.role for p in state.participants if p.role}


def _per_role(
    state: SessionState, step_id: str, statement: StatementResult, roles: dict[str, str], least: int
) -> tuple[RoleResult, ...]:
    values = [value for value, _ in statement.counts]
    by_role: dict[str, Counter[str]] = {}
    for rating in state.ratings:
        if rating.step_id == step_id and rating.statement == statement.index and rating.voter in roles:
            by_role.setdefault(roles[rating.voter], Counter())[rating.value] += 1
    shown = []
    for role in state.script.roles:
        counter = by_role.get(role)
        if counter:
            answers = sum(counter.values())
            shown.append(RoleResult(role, tuple((v, counter[v]) for v in values), answers, answers < least))
    rest = statement.answers - sum(r.answers for r in shown if not r.too_few)
    if 0 < rest < least:  # the total minus the shown roles would tell what these few answered
        shown = [replace(r, too_few=True) for r in shown]
    return tuple(replace(r, counts=tuple((v, 0) for v in values)) if r.too_few else r for r in shown)


def steps_with_results(state: SessionState, step: Step) -> tuple[Step, ...]:
    """Return the steps whose results go with `step`: its own, and for a review of a rate step that one too."""
    reviewed = reviewed_step(state.script, step)
    return (step,) if reviewed is None else (step, reviewed)


def chosen_items(state: SessionState) -> list[str]:
    """What the group chose, as Markdown lines: the top three of every vote and the statements needing attention.

    For the record (summary, plan, lessons): counts whether the room saw them or not. An aandachtspunt of a rating
    whose results the room never saw is the rule's finding, not the group's choice: it says so.
    """
    chosen = []
    for step in state.script.steps:
        results = shown_results(state, step, "record")
        if step.kind == "vote" and isinstance(results, VoteResults):
            if results.too_few and results.voters:  # a vote that happened, its choice withheld: not "no choice"
                chosen.append(f"{escape(step.title)}: te weinig stemmers om de uitslag te tonen")
            for result in results.items:
                if result.votes and result.rank <= 3:
                    dots = counted(result.votes, "stip", "stippen")
                    chosen.append(f"{escape(result.item.label)} ({dots}, {escape(step.title)})")
        elif step.kind == "rate" and isinstance(results, RatingResults):
            unseen = "" if state.is_revealed(step.id) or step.id in dict(state.meta.shown) else "; uitslag niet getoond"
            for statement in focus_order(results.statements):
                reason = "oneens" if statement.disputed else "rood/laag"
                # (the plan's block of the session follows this wording once seen: plan_text.seen_since)
                chosen.append(f"Aandachtspunt: {escape(statement.text)} ({reason}{unseen})")
            for statement in results.statements:
                if statement.many_unknown:
                    chosen.append(f"Navragen: {escape(statement.text)} (veel ❓)")
            if withheld := focus_withheld(results.statements):  # whether those need attention cannot be told
                answers = counted(withheld, "stelling", "stellingen")
                chosen.append(f"{escape(step.title)}: bij {answers} te weinig antwoorden om te tonen")
    return chosen


def focus_withheld(statements: tuple[StatementResult, ...]) -> int:
    """Return how many statements kept their counts back (fewer answers than min_group): whether those need
    discussing cannot be told, so "nothing is red" may not be said of them (the review, the phones, the summary)."""
    return sum(1 for s in statements if s.too_few)


def focus_order(statements: tuple[StatementResult, ...]) -> list[StatementResult]:
    """Return the aandachtspunten among `statements`, the highest share at the low end first (then agenda order)."""
    return sorted((s for s in statements if s.focus), key=lambda s: (-s.low_share, s.index))


def vote_items(state: SessionState, step: Step) -> tuple[VoteItem, ...]:
    """Return what `step` (a vote step) offers, in agenda order.

    Voting on a group step offers its themes and the cards that were left ungrouped.
    """
    if step.options:
        return tuple(VoteItem(id=f"o{n}", label=text, kind="option") for n, text in enumerate(step.options, 1))
    if step.on is None:
        return ()
    target = state.script.step(step.on)
    if target.kind == "group":
        themes = state.themes_of(target.id)
        items = []
        theme_ids = {t.id for t in themes}
        for theme in themes:
            cards = tuple(c.id for s in target.source for c in state.cards(s) if c.theme_id == theme.id)
            privacy = theme_privacy(theme, state)  # flagged when named: the room sees the name masked
            items.append(VoteItem(id=theme.id, label=theme.name, kind="theme", cards=cards, privacy=privacy))
        for source in target.source:
            for card in state.cards(source):
                if card.theme_id not in theme_ids:
                    items.append(_card_item(card))
        return tuple(items)
    return tuple(_card_item(c) for c in state.cards(target.id))


def nothing_to_vote(state: SessionState, step: Step) -> tuple[str, dict[str, object]] | None:
    """Return why vote step `step` offers nothing yet, as a message code and its params; None when it offers items.

    The message names the step the items come from (its number and title), so the facilitator knows where to go.
    """
    if step.kind != "vote" or vote_items(state, step):
        return None
    if step.on is None:
        return ("vote.nothing", {})
    target = state.script.step(step.on)
    code = "vote.nothing_themes" if target.kind == "group" else "vote.nothing_cards"
    return (code, {"number": state.script.index(target.id) + 1, "title": target.title})


def _card_item(card: Contribution) -> VoteItem:
    return VoteItem(id=card.id, label=card.text, kind="card", privacy=() if card.released else card.privacy)


def tally_votes(state: SessionState, step: Step) -> VoteResults:
    """Count the dots per item of a vote step; rank them, marking ties."""
    items = vote_items(state, step)
    known = {item.id for item in items}
    counts = Counter(v.item_id for v in state.votes if v.step_id == step.id and v.item_id in known)
    order = sorted(range(len(items)), key=lambda i: -counts[items[i].id])
    how_often = Counter(counts[item.id] for item in items)
    ranked: list[ItemResult] = []
    for position, i in enumerate(order):
        n = counts[items[i].id]
        rank = ranked[-1].rank if ranked and ranked[-1].votes == n else position + 1
        ranked.append(ItemResult(item=items[i], votes=n, rank=rank, tied=n > 0 and how_often[n] > 1))
    voters = {v.voter for v in state.votes if v.step_id == step.id}
    return VoteResults(step_id=step.id, items=tuple(ranked), total=sum(counts.values()), voters=len(voters))


def tally_ratings(state: SessionState, step: Step) -> RatingResults:
    """Return the distribution of answers per statement, with the statements the group disagrees on marked."""
    scale = step.scale_spec
    if scale is None:
        return RatingResults(step_id=step.id, scale="", statements=(), respondents=0)
    ratings = [r for r in state.ratings if r.step_id == step.id]
    results = []
    for index, text in enumerate(step.rated_statements):
        values = [r.value for r in ratings if r.statement == index]
        counter = Counter(values)
        positions = [scale.positions[scale.values.index(v)] for v in values if v in scale.values]
        points = [p for p in positions if p is not None]
        disagreement = _spread(points, scale.positions)
        numeric = scale.key == "1-5"
        mean = sum(points) / len(points) if numeric and points else None
        reading = read(counter, scale)
        results.append(
            StatementResult(
                index=index,
                text=text,
                counts=tuple((v, counter[v]) for v in scale.values),
                answers=len(values),
                mean=mean,
                disagreement=disagreement,
                disputed=reading.disputed,
                focus=reading.focus,
                low_share=round(reading.low_share, 4),
                many_unknown=reading.many_unknown,
            )
        )
    return RatingResults(
        step_id=step.id,
        scale=scale.key,
        statements=tuple(results),
        respondents=len({r.voter for r in ratings}),
    )


def _spread(points: list[float], scale_positions: tuple[float | None, ...]) -> float:
    """Standard deviation of `points` divided by the largest possible one on this scale (0..1)."""
    if len(points) < 2:
        return 0.0
    line = [p for p in scale_positions if p is not None]
    widest = (max(line) - min(line)) / 2
    mean = sum(points) / len(points)
    std = math.sqrt(sum((p - mean) ** 2 for p in points) / len(points))
    return round(min(1.0, std / widest), 3) if widest else 0.0
