"""What a phone shows for the current step: the core's ParticipantView made into what the templates read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..core.inputs import MAX_CARD_LENGTH
from ..core.model import Step
from ..core.participant_view import (
    EarlierFlag,
    Mode,
    Moderated,
    ParticipantView,
    Progress,
    ShownResults,
    WaitingFor,
)
from ..core.rating_rule import Mark
from ..core.results import RatingResults, RoleResult, VoteResults
from ..core.session import SessionService
from ..core.timebox import minutes_left

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
    unsaved: bool = False  # chosen and sent, but not stored (the phone was refused): shown chosen, "Niet opgeslagen"


@dataclass(frozen=True)
class LostAnswer:
    """An answer that was sent but not stored because the room moved on: listed, so it is not lost silently."""

    statement: str  # as the page showed it: with its number when the step has more than one ("3. ...")
    answer: str  # the choice's label ("🟢 geregeld en werkt")


@dataclass(frozen=True)
class Notice:
    """What the top of the page says after a form: a confirmation, or an error with the text that was not sent."""

    text: str
    tone: str = "ok"  # "ok" (green, a status) or "error" (red, an alert)
    unsent: str = ""  # a card's text the room moved on from: shown so it is not lost
    edit: bool = False  # `unsent` was a change to a sent card: that card stayed as it was
    lost: tuple[LostAnswer, ...] = ()  # answers the room moved on from before they were stored: listed, likewise
    sent_card: str = ""  # the card just sent or changed: its privacy warning says "Verstuurd, maar ..."
    unplaced: str = ""  # the item of a dot refused because voting closed meanwhile: named, as lost answers are
    role: bool = False  # the role just chosen: the role line is shown as the confirmation
    back: bool = False  # a text not stored is back in its field (without JavaScript): said above it, as the script does

    @property
    def holds_words(self) -> bool:
        """True when it shows what the person typed or chose and was not stored: a page that never goes by itself
        (no timed refresh: the words would be gone without the person doing anything); likewise a dot not placed."""
        return bool(self.unsent or self.lost or self.unplaced)


@dataclass(frozen=True)
class ItemView:
    id: str
    label: str
    mine: int  # this participant's dots on it
    full: bool = False  # as many of this participant's dots as one may give: no "+"


@dataclass(frozen=True)
class CardView:
    text: str
    category: str | None
    warning: str = ""  # the privacy guard's note to the sender; the room sees this card masked
    id: str = ""
    changeable: bool = False  # its sender may still edit or withdraw it
    pending: bool = False  # not yet checked by the privacy guard (masked for the room meanwhile)
    moderated: Moderated = ""  # the facilitator hid it ("hidden") or changed its text ("edited")


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
class RoleRow:
    role: str
    bars: tuple[Bar, ...]  # only the answers someone gave
    too_few: bool


@dataclass(frozen=True)
class StatementResultView:
    text: str
    bars: tuple[Bar, ...]
    answers: int
    disputed: bool
    too_few: bool = False
    roles: tuple[RoleRow, ...] = ()
    marks: tuple[Mark, ...] = ()  # what the rule says of it, in words on the board (rating_rule.marks)
    number: int | None = None  # its number in the rate step (the core's), None when the step asks one statement


@dataclass(frozen=True)
class ResultsView:
    title: str
    scale: str = ""  # "verkeerslicht" or "1-5" for ratings
    votes: tuple[VoteRow, ...] = ()
    statements: tuple[StatementResultView, ...] = ()
    voters: int = 0
    too_few: bool = False
    looking_back: bool = False  # a review's look at a rate step: only the red and disputed statements
    withheld: int = 0  # statements whose counts were kept back: whether they are red cannot be told


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
    version: int = 0
    waiting_for: WaitingFor = ""
    remaining: int | None = None
    progress: Progress | None = None
    roles: tuple[str, ...] = ()  # the role question, until answered
    role: str | None = None  # the role chosen ("": rather not say; None: not answered)
    role_choices: tuple[str, ...] = ()  # the roles to choose from while it may still change
    category_help: tuple[tuple[str, str], ...] = ()  # (category, its guiding question) for those that have one
    flagged_before: tuple[EarlierFlag, ...] = ()  # own flagged cards of other steps: masked, out of reach now

    @property
    def waiting(self) -> bool:
        """True when the phone only follows the screen (a fallback auto-refresh cannot lose input)."""
        return self.mode in ("wait", "vote_wait", "vote_closed", "closed") and not self.roles

    @property
    def warnings(self) -> tuple[CardView, ...]:
        """Own cards the privacy guard flagged: shown in amber at the top, with what to do about them."""
        return tuple(c for c in self.my_cards if c.warning)

    @property
    def minutes_left(self) -> int | None:
        """Whole minutes left in the step's timebox, as a clock reads (core: timebox.minutes_left), or None."""
        return None if self.remaining is None else minutes_left(self.remaining)


@lru_cache(maxsize=256)
def render_prompt(markdown: str) -> Markup:
    """Return a step's Markdown prompt as safe HTML (raw HTML in the script is escaped, not passed on).

    Kept per prompt: rendering Markdown cost ~1 ms of every phone's page, and a script's prompts never change.
    """
    return Markup(_MD.render(markdown))


def page_view(service: SessionService, participant_id: str, lang: str = "nl") -> PageView:
    """Return what `participant_id`'s phone shows now: the core's view of it (one question), made into HTML."""
    return _page(service.participant_view(participant_id, lang))


def room_page_view(seen: ParticipantView) -> PageView:
    """Return the room's view (no participant: the board page) made into what the templates read."""
    return _page(seen)


def _page(seen: ParticipantView) -> PageView:
    step = seen.step
    base = PageView(
        session_title=seen.session_title,
        team=seen.team,
        step_id=step.id,
        step_title=step.title,
        step_kind=step.kind,
        step_number=seen.step_number,
        step_count=seen.step_count,
        prompt_html=render_prompt(step.prompt),
        mode=seen.mode,
        results=tuple(_results_view(shown) for shown in seen.results),
        version=seen.version,
        waiting_for=seen.waiting_for,
        remaining=seen.remaining,
        progress=seen.progress,
        roles=seen.roles,
        role=seen.role,
        role_choices=seen.role_choices,
        flagged_before=seen.flagged_before,
    )
    if seen.mode == "vote_wait":
        return replace(base, dots=step.dots)
    if seen.mode in ("vote", "vote_closed"):
        items = tuple(
            ItemView(id=i.id, label=i.room_label, mine=seen.own_dots.get(i.id, 0), full=i.id in seen.full_items)
            for i in seen.items
        )
        if seen.mode == "vote_closed":  # only what this participant put dots on
            items = tuple(i for i in items if i.mine)
        return replace(base, items=items, dots=step.dots, dots_left=seen.dots_left, max_per_item=step.max_per_item)
    if seen.mode == "scale":
        scale = step.scale_spec
        assert scale is not None
        given = dict(seen.answers)
        statements = tuple(
            StatementView(
                index=i,
                text=text,
                answered=i in given,
                choices=tuple(Choice(value=v, label=scale.label(v), checked=given.get(i) == v) for v in scale.values),
            )
            for i, text in enumerate(step.rated_statements)
        )
        return replace(base, statements=statements, scale_key=scale.key, answered=len(given))
    if seen.mode == "text":
        cards = tuple(
            CardView(
                text=c.text,
                category=c.category,
                warning=c.notice,
                id=c.id,
                changeable=c.changeable,
                pending=c.pending,
                moderated=c.moderated,
            )
            for c in seen.own_cards
        )
        helps = tuple((name, step.help_for(name)) for name in seen.categories if step.help_for(name))
        return replace(base, categories=seen.categories, my_cards=cards, category_help=helps)
    return base


def with_unsaved(page: PageView, unsaved: Mapping[int, str]) -> PageView:
    """`page` with answers that were sent but not stored shown as chosen and marked unsaved (nothing is lost)."""
    statements = tuple(
        replace(
            s,
            unsaved=True,
            choices=tuple(replace(c, checked=c.value == unsaved[s.index]) for c in s.choices),
        )
        if unsaved.get(s.index) in {c.value for c in s.choices}
        else s
        for s in page.statements
    )
    return replace(page, statements=statements)


def lost_answers(
    service: SessionService, voter: str, step_id: str, answers: Mapping[int, str]
) -> tuple[LostAnswer, ...]:
    """Return those of `answers` (statement -> value) sent by `voter` for `step_id` that the core has not stored, as
    the phone lists them, in the statements' order; () for anything not asked there (a form our page did not make).

    A form without JavaScript sends every answer ticked on it, also those saved earlier: only what is not stored as
    sent is "niet opgeslagen" (an answer saved before the results were shown counts, whatever the refusal says).
    """
    step = next((s for s in service.state.script.steps if s.id == step_id), None)
    scale = step.scale_spec if step is not None else None
    if step is None or scale is None:
        return ()
    statements = step.rated_statements
    numbered = len(statements) > 1
    stored = service.answers_of(voter, step.id)
    return tuple(
        LostAnswer(f"{index + 1}. {statements[index]}" if numbered else statements[index], scale.label(value))
        for index, value in sorted(answers.items())
        if 0 <= index < len(statements) and value in scale.values and stored.get(index) != value
    )


def dot_label(service: SessionService, step_id: str, item_id: str) -> str:
    """The label of `item_id` as the phones showed it in vote step `step_id` (the core's vote items, masked for the
    room as on the page): a dot that was not placed is named by it; "" for an item not offered there (a form our page
    did not make, or a card hidden meanwhile) or a step that is no vote."""
    step = next((s for s in service.state.script.steps if s.id == step_id), None)
    if step is None or step.kind != "vote":
        return ""
    return next((i.room_label for i in service.vote_items(step.id) if i.id == item_id), "")


def _results_view(shown: ShownResults) -> ResultsView:
    if isinstance(shown.results, VoteResults):
        return _vote_results(shown.step, shown.results)
    return replace(_rating_results(shown.step, shown.results), looking_back=shown.looking_back, withheld=shown.withheld)


def _width(count: int, total: int) -> int:
    return round(_BAR_STEPS * count / total) if total else 0


def _vote_results(step: Step, results: VoteResults) -> ResultsView:
    top = max((r.votes for r in results.items), default=0)
    rows = tuple(
        VoteRow(rank=r.rank, label=r.item.room_label, votes=r.votes, tied=r.tied, width=_width(r.votes, top))
        for r in results.items
    )
    return ResultsView(title=step.title, votes=rows, voters=results.voters, too_few=results.too_few)


def _rating_results(step: Step, results: RatingResults) -> ResultsView:
    scale = step.scale_spec
    assert scale is not None
    numbered = len(step.rated_statements) > 1
    statements = tuple(
        StatementResultView(
            text=s.text,
            number=s.number if numbered else None,
            answers=s.answers,
            disputed=s.disputed,
            marks=s.marks,
            bars=tuple(Bar(label=scale.label(v), count=n, width=_width(n, s.answers), value=v) for v, n in s.counts),
            too_few=s.too_few,
            roles=tuple(_role_row(scale.label, r) for r in s.roles),
        )
        for s in results.statements
    )
    return ResultsView(title=step.title, scale=scale.key, statements=statements, voters=results.respondents)


def _role_row(label: Callable[[str], str], role: RoleResult) -> RoleRow:
    bars = tuple(Bar(label=label(v), count=n, width=_width(n, role.answers), value=v) for v, n in role.counts if n)
    return RoleRow(role=role.role, bars=bars, too_few=role.too_few)
