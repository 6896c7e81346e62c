"""What a phone shows for the current step: read-only views built from the session snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..core.errors import DomainError
from ..core.model import SessionState, Step
from ..core.privacy import notice
from ..core.results import RatingResults, VoteResults
from ..core.review import reviewed_step
from ..core.session import MAX_CARD_LENGTH, SessionService

Mode = Literal["closed", "text", "scale", "vote", "vote_wait", "wait"]

# The script is trusted, but raw HTML in a prompt is still not passed through to the phones.
_MD = MarkdownIt("commonmark", {"html": False})

_BAR_STEPS = 20  # bar widths in 5% steps, drawn with CSS classes (the CSP forbids inline styles)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class StatementView:
    index: int
    text: str
    choices: tuple[Choice, ...]
    answered: bool


@dataclass(frozen=True)
class ItemView:
    id: str
    label: str
    mine: int  # this participant's dots on it


@dataclass(frozen=True)
class CardView:
    text: str
    category: str | None
    warning: str = ""  # the privacy guard's note to the sender; the room sees this card masked


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: int  # 0.._BAR_STEPS
    value: str = ""

    @property
    def words(self) -> str:
        """The label without its leading symbol ("🟢 geregeld en werkt" -> "geregeld en werkt"): the
        legend draws the colour itself."""
        head, _, rest = self.label.partition(" ")
        return rest if rest and not any(ch.isalnum() for ch in head) else self.label


@dataclass(frozen=True)
class VoteRow:
    rank: int
    label: str
    votes: int
    tied: bool
    width: int


@dataclass(frozen=True)
class StatementResultView:
    text: str
    bars: tuple[Bar, ...]
    answers: int
    disputed: bool


@dataclass(frozen=True)
class ResultsView:
    title: str
    scale: str = ""  # "verkeerslicht" or "1-5" for ratings
    votes: tuple[VoteRow, ...] = ()
    statements: tuple[StatementResultView, ...] = ()
    voters: int = 0


@dataclass(frozen=True)
class PageView:
    """Everything one participant's page shows; templates only read it."""

    session_title: str
    team: str
    step_id: str
    step_title: str
    step_kind: str
    step_number: int
    step_count: int
    prompt_html: Markup
    mode: Mode
    categories: tuple[str, ...] = ()
    my_cards: tuple[CardView, ...] = ()
    statements: tuple[StatementView, ...] = ()
    scale_key: str = ""
    answered: int = 0
    items: tuple[ItemView, ...] = ()
    dots: int = 0
    dots_left: int = 0
    max_per_item: int | None = None
    results: tuple[ResultsView, ...] = ()
    max_length: int = MAX_CARD_LENGTH

    @property
    def waiting(self) -> bool:
        """True when the phone only follows the screen (a fallback auto-refresh cannot lose input)."""
        return self.mode in ("wait", "vote_wait", "closed")


def render_prompt(markdown: str) -> Markup:
    """Return a step's Markdown prompt as safe HTML (raw HTML in the script is escaped, not passed on)."""
    return Markup(_MD.render(markdown))


def page_view(service: SessionService, participant_id: str, lang: str = "nl") -> PageView:
    """Return what `participant_id`'s phone shows now. Reads the snapshot only; decides nothing."""
    state = service.state
    step = state.step
    base = dict(
        session_title=state.meta.title,
        team=state.meta.team,
        step_id=step.id,
        step_title=step.title,
        step_kind=step.kind,
        step_number=state.meta.current + 1,
        step_count=len(state.script.steps),
        prompt_html=render_prompt(step.prompt),
    )
    if state.meta.status != "open":
        return PageView(**base, mode="closed")
    results = _results(service, step)
    # Phones are "the room": card texts of others appear as the room may see them (masked when flagged).
    if step.kind == "vote":
        return _vote_view(service, state, step, participant_id, base, results)
    if step.scale_spec is not None:
        return _scale_view(service, step, participant_id, base, results)
    if step.collects_text:
        mine = tuple(
            CardView(text=c.text, category=c.category, warning=notice(c.privacy, lang))
            for c in state.cards(step.id)
            if c.author == participant_id
        )
        categories = state.categories(step.id)
        return PageView(
            **base, mode="text", categories=categories if len(categories) > 1 else (), my_cards=mine, results=results
        )
    return PageView(**base, mode="wait", results=results)


def _vote_view(
    service: SessionService, state: SessionState, step: Step, pid: str, base: dict, results: tuple[ResultsView, ...]
) -> PageView:
    if not state.is_voting_open(step.id):
        return PageView(**base, mode="vote_wait", dots=step.dots, results=results)
    mine = service.dots_of(pid, step.id)
    items = tuple(ItemView(id=i.id, label=i.room_label, mine=mine.get(i.id, 0)) for i in service.vote_items(step.id))
    return PageView(
        **base,
        mode="vote",
        items=items,
        dots=step.dots,
        dots_left=service.dots_left(pid, step.id),
        max_per_item=step.max_per_item,
        results=results,
    )


def _scale_view(
    service: SessionService, step: Step, pid: str, base: dict, results: tuple[ResultsView, ...]
) -> PageView:
    scale = step.scale_spec
    assert scale is not None
    given = service.answers_of(pid, step.id)
    statements = tuple(
        StatementView(
            index=i,
            text=text,
            answered=i in given,
            choices=tuple(Choice(value=v, label=scale.label(v), checked=given.get(i) == v) for v in scale.values),
        )
        for i, text in enumerate(step.rated_statements)
    )
    return PageView(
        **base, mode="scale", statements=statements, scale_key=scale.key, answered=len(given), results=results
    )


def _results(service: SessionService, step: Step) -> tuple[ResultsView, ...]:
    """Revealed results to show with this step: its own, and for a review step those it looks back on."""
    reviewed = reviewed_step(service.state.script, step)
    shown = [step] if reviewed is None else [step, reviewed]
    views = []
    for target in shown:
        try:
            revealed = service.room_results(target.id)
        except DomainError:
            continue
        if isinstance(revealed, VoteResults):
            views.append(_vote_results(target, revealed))
        elif isinstance(revealed, RatingResults):
            views.append(_rating_results(target, revealed))
    return tuple(views)


def _width(count: int, total: int) -> int:
    return round(_BAR_STEPS * count / total) if total else 0


def _vote_results(step: Step, results: VoteResults) -> ResultsView:
    top = max((r.votes for r in results.items), default=0)
    rows = tuple(
        VoteRow(rank=r.rank, label=r.item.room_label, votes=r.votes, tied=r.tied, width=_width(r.votes, top))
        for r in results.items
    )
    return ResultsView(title=step.title, votes=rows, voters=results.voters)


def _rating_results(step: Step, results: RatingResults) -> ResultsView:
    scale = step.scale_spec
    assert scale is not None
    statements = tuple(
        StatementResultView(
            text=s.text,
            answers=s.answers,
            disputed=s.disputed,
            bars=tuple(Bar(label=scale.label(v), count=n, width=_width(n, s.answers), value=v) for v, n in s.counts),
        )
        for s in results.statements
    )
    return ResultsView(title=step.title, scale=scale.key, statements=statements, voters=results.respondents)
