"""Domain values of a session script and a running session: frozen, replaced rather than mutated."""

# Over 450 lines on purpose: every value a session holds is defined in this one file, to be read together.

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Literal, TypeVar

T = TypeVar("T")

StepKind = Literal["explain", "round", "collect", "group", "vote", "rate", "actions", "review", "close"]
STEP_KINDS: tuple[str, ...] = (
    "explain",
    "round",
    "collect",
    "group",
    "vote",
    "rate",
    "actions",
    "review",
    "close",
)

# Who put a contribution, vote or rating into the session.
Via = Literal["facilitator", "participant", "proxy"]
FACILITATOR = "facilitator"
PROXY_PREFIX = "proxy-"  # participant ids of people without a phone, added by the facilitator

ACTION_STATUSES: tuple[str, ...] = ("gepland", "bezig", "klaar", "uitgesteld", "gestopt")
OPEN_STATUSES: tuple[str, ...] = ("gepland", "bezig", "uitgesteld")
CHECK_METHODS: tuple[str, ...] = (
    "feedback medewerkers",
    "feedback cliënten/naasten",
    "kwantitatieve indicator",
    "interne audit",
    "anders",
)
ACT_DECISIONS: tuple[str, ...] = ("borgen", "bijstellen", "stoppen", "opschalen")
PHASES: tuple[str, ...] = ("P", "D", "C", "A")
# The chapters of a kwaliteitsbeeld a step can feed (`kwaliteitsbeeld:`); see core/kwaliteitsbeeld.py.
KWALITEITSBEELD_PARTS: tuple[str, ...] = ("terugblik", "reflectie", "vooruitblik", "leeragenda")
ALL_TEAMS = "alle"  # `teams: alle` on a review of acties: every team's plan in the workspace


@dataclass(frozen=True)
class Scale:
    """An answer scale for `rate` steps: machine values, labels for people, and an order for spread."""

    key: str
    values: tuple[str, ...]
    labels: tuple[str, ...]
    # Position of each value on a line, for measuring disagreement; None = not on the line ("weet ik niet").
    positions: tuple[float | None, ...]

    def label(self, value: str) -> str:
        """Return the label people see for `value`."""
        return self.labels[self.values.index(value)]


SCALES: dict[str, Scale] = {
    "verkeerslicht": Scale(
        key="verkeerslicht",
        values=("groen", "oranje", "rood", "onbekend"),
        labels=("🟢 geregeld en werkt", "🟠 deels of alleen op papier", "🔴 ontbreekt", "❓ weet ik niet"),
        positions=(0.0, 1.0, 2.0, None),
    ),
    "1-5": Scale(
        key="1-5",
        values=("1", "2", "3", "4", "5"),
        labels=("1", "2", "3", "4", "5"),
        positions=(1.0, 2.0, 3.0, 4.0, 5.0),
    ),
    # For a building block (bouwsteen) of a quality framework: how far along it is, not whether an
    # arrangement exists. Same values as the traffic light, so tallies and colours work alike.
    "bouwsteen": Scale(
        key="bouwsteen",
        values=("groen", "oranje", "rood", "onbekend"),
        labels=(
            "🟢 gaat goed, ook in de praktijk",
            "🟠 op weg, nog niet overal",
            "🔴 nog niet op gang",
            "❓ weet ik niet",
        ),
        positions=(0.0, 1.0, 2.0, None),
    ),
}
DEFAULT_SCALE = "verkeerslicht"


@dataclass(frozen=True)
class Step:
    """One step of a script: its kind, timebox, prompt (Markdown) and kind-specific parameters."""

    id: str
    title: str
    kind: StepKind
    minutes: int
    prompt: str
    line: int = 0
    categories: tuple[str, ...] = ()
    pick: int | None = None  # how many of `categories` the facilitator chooses at run time
    themes: tuple[str, ...] = ()  # theme names a `group` step starts with
    source: tuple[str, ...] = ()  # steps whose cards a `group` step groups
    on: str | None = None  # step whose cards or themes a `vote` step votes on
    options: tuple[str, ...] = ()  # fixed list a `vote` step votes on
    dots: int = 3
    max_per_item: int | None = None
    statements: tuple[str, ...] = ()  # `rate` statements
    scale: str | None = None  # `rate`, and optionally `round`/`close`
    of: str | None = None  # `review`: "acties" (open actions) or a `rate` step id
    format: str | None = None  # a named working format, e.g. "1-2-4-All"; informational
    # False (`anonymous: nee`, card steps only): the group agreed to put names to this step's cards;
    # surfaces then show the author's nickname (SessionState.author_name). Scores and dots stay anonymous.
    anonymous: bool = True
    # (name, help) for the categories that have a help text (`- Zeggenschap: Hoe kunnen ...?`), shown
    # with the category to the room and on phones. `categories` stays the tuple of names.
    category_help: tuple[tuple[str, str], ...] = ()
    # False (`export: nee`): the step's cards stay in the session file only, out of the team summary.
    export: bool = True
    # `review` only: skip the step when there is nothing to review (no open actions, or no red or
    # disputed statements). Default: True for a review of acties, False for a review of a rate step.
    skip_when_empty: bool = False
    # Markdown for the facilitator only (`### Voor de begeleider` in the step); never shown to the room.
    notes: str = ""
    # The kwaliteitsbeeld chapter this step feeds (`kwaliteitsbeeld:`, one of KWALITEITSBEELD_PARTS), or "".
    kwaliteitsbeeld: str = ""
    # `review` of acties only: whose plans it walks (`teams: alle` -> (ALL_TEAMS,), or team names); () = own team.
    teams: tuple[str, ...] = ()
    # `collect` only (`indicators: ja`): the facilitator enters indicator rows here (indicator · wij · ...).
    indicators: bool = False

    @property
    def collects_text(self) -> bool:
        """True when people can add cards/answers in this step."""
        return self.kind in ("collect", "round", "close", "review")

    @property
    def has_results(self) -> bool:
        """True when the step collects dots or answers on a scale: results the room sees once revealed."""
        return self.kind == "vote" or self.scale_spec is not None

    @property
    def scale_spec(self) -> Scale | None:
        """The answer scale of this step, or None when it has none."""
        if self.kind == "rate":
            return SCALES[self.scale or DEFAULT_SCALE]
        if self.scale:
            return SCALES[self.scale]
        return None

    @property
    def rated_statements(self) -> tuple[str, ...]:
        """Statements people answer on the scale: a `rate` step's list, or the prompt of a scale question."""
        if self.kind == "rate":
            return self.statements
        if self.scale:
            return (self.title,)
        return ()

    def help_for(self, category: str) -> str:
        """The help text of one of this step's categories, or "" when it has none."""
        return dict(self.category_help).get(category, "")


@dataclass(frozen=True)
class Script:
    """A parsed session script. `text` is the source, kept so a session can carry its own copy.

    `intro` (the text under `# Title`) and every step's `notes` are for the facilitator only; comments
    (`<!-- ... -->`) are removed from every field before anything sees them.
    """

    id: str
    title: str
    duration: int
    language: str
    audience: str
    intro: str
    steps: tuple[Step, ...]
    text: str
    path: str = ""
    purpose: str = ""
    # The answers of an optional role question at join (`roles:`), e.g. ("medewerker", "mantelzorger of
    # naaste"); () = no role question. Results per role hide any role with fewer than `min_group` answers.
    roles: tuple[str, ...] = ()
    # The fewest answers an anonymous result may show (`min_group:`), so no one's answer stands alone.
    min_group: int = 3

    def step(self, step_id: str) -> Step:
        """Return the step with `step_id`; raises KeyError when there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def index(self, step_id: str) -> int:
        """Return the position of `step_id` in the agenda; raises KeyError when there is none."""
        return self.steps.index(self.step(step_id))


@dataclass(frozen=True)
class Participant:
    id: str
    joined_at: str
    nickname: str | None = None
    # The answer to the script's role question (`roles:`): one of Script.roles, "" when they preferred not
    # to say, None when not asked (yet). Exports count "" and None alike as "zonder rol"; results per role
    # count only the people who gave one.
    role: str | None = None


@dataclass(frozen=True)
class Contribution:
    """A card: something said in the room or sent from a phone, in one step."""

    id: str
    step_id: str
    text: str
    author: str  # FACILITATOR or a participant id
    via: Via
    created_at: str
    category: str | None = None
    theme_id: str | None = None
    hidden: bool = False
    edited: bool = False
    facilitator_edited: bool = False  # its text is the facilitator's last edit (its author is told so)
    # Kinds of likely personal data the privacy guard found (privacy.py); the room sees the card masked
    # and exports redact it until the facilitator releases it.
    privacy: tuple[str, ...] = ()
    released: bool = False


@dataclass(frozen=True)
class Theme:
    """A named group of cards, made in a `group` step."""

    id: str
    step_id: str
    name: str
    # Kinds of likely personal data in the name, found when it was named (the team and organisation are known
    # to be fine); the room sees such a name masked. None: a theme stored before themes were scanned.
    privacy: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Vote:
    """One dot on one item."""

    id: str
    step_id: str
    voter: str
    item_id: str
    via: Via


@dataclass(frozen=True)
class Rating:
    """One answer of one person on one statement of a scale question."""

    step_id: str
    statement: int
    voter: str
    value: str
    via: Via

    @property
    def key(self) -> str:
        return f"{self.step_id}:{self.statement}:{self.voter}"


@dataclass(frozen=True)
class Action:
    """An improvement action with the PDCA fields of the plan (see domain.md §3)."""

    id: str
    session_id: str
    what: str
    owner: str
    due: str  # ISO date
    why: str = ""
    theme_id: str | None = None
    cycle: int = 1
    phase: str = "P"
    check_method: str = ""
    indicator: str = ""
    check_date: str = ""  # ISO date or ""
    status: str = "gepland"
    result: str = ""
    act_decision: str = ""
    feedback: str = ""  # terugkoppeling: to whom, when
    step_id: str | None = None
    carried_over: int = 0
    # Likely personal data in the text fields (privacy.py); redacted in exports unless released.
    privacy: tuple[str, ...] = ()
    released: bool = False
    # The indicator row this action is measured by (Indicator.id), and where it starts and wants to go.
    indicator_id: str = ""
    baseline: str = ""  # nulmeting, e.g. "8,1 (2025, ODB)"
    target: str = ""  # doel, e.g. "8,4"


@dataclass(frozen=True)
class Indicator:
    """One row of figures the facilitator entered or imported (indicator · wij · vergelijking · jaar · bron)."""

    id: str
    name: str
    ours: str  # "wij": our figure as written ("8,1")
    comparison: str = ""  # "vergelijking": the region's or similar providers' figure
    year: str = ""
    source: str = ""  # "bron", e.g. "ODB 2025"
    step_id: str | None = None
    privacy: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewItem:
    """An open action from the team's PDCA plan, walked through in a review step (domain.md §3).

    The plain fields hold the plan row as it was when loaded; the `answer_*` fields what the group
    said in this session. Merging the plan compares both, so a later hand edit in the plan wins.
    """

    plan_id: str
    what: str
    order: int = 0
    why: str = ""
    owner: str = ""
    due: str = ""  # ISO date, or "" when the plan holds no readable date
    check_method: str = ""
    indicator: str = ""
    check_date: str = ""  # ISO date or ""
    status: str = ""
    result: str = ""
    act_decision: str = ""
    feedback: str = ""  # terugkoppeling: to whom (an older plan's one Terugkoppeling cell)
    carried_over: int = 0
    reviewed: bool = False
    answer_status: str = ""
    answer_result: str = ""
    answer_act_decision: str = ""
    answer_feedback: str = ""
    privacy: tuple[str, ...] = ()
    released: bool = False
    # Terugkoppeling in parts (domain.md §3: to whom, when, done): as loaded, and as the group answered.
    feedback_when: str = ""  # as the plan writes it
    feedback_done: str = ""  # as the plan writes it ("ja", "nee", "")
    answer_feedback_when: str = ""  # ISO date, or words ("teamoverleg 12 maart")
    answer_feedback_done: str = ""  # "ja", "nee" or ""
    # The team whose plan the action is in, for a review across teams (`teams:`); "" = the session's own team.
    team: str = ""
    baseline: str = ""  # nulmeting, as the plan writes it
    target: str = ""  # doel, as the plan writes it
    # The plan's check date as written when it cannot be read as a date ("eind Q1"); "" when it can, or is empty.
    check_date_unread: str = ""
    agreed: str = ""  # ISO date of the session that agreed the action (the plan's memory), "" when unknown

    @property
    def key(self) -> str:
        """The item's key in the session: its plan id, with its team in front for another team's plan."""
        return f"{self.team} · {self.plan_id}" if self.team else self.plan_id

    def current(
        self, name: Literal["status", "result", "act_decision", "feedback", "feedback_when", "feedback_done"]
    ) -> str:
        """What the group said about `name` in this session, else what the plan says."""
        return getattr(self, f"answer_{name}") or getattr(self, name)

    @property
    def unfinished(self) -> bool:
        """True when the group reviewed it and it is still open: it carries over to the next cycle (domain.md §3),
        whatever its deadline; the plan's Doorgeschoven and the summary say that this is what they count."""
        return self.reviewed and self.answer_status in OPEN_STATUSES

    @property
    def carried_over_now(self) -> int:
        """How often the action has been carried over, counting this session's review."""
        return self.carried_over + (1 if self.unfinished else 0)

    @property
    def carry_over_warning(self) -> bool:
        """True from the second carry-over on: time to adjust, stop or escalate rather than postpone."""
        return self.carried_over_now >= 2


@dataclass(frozen=True)
class Meta:
    """What a session is: which script, which team, where it stands."""

    id: str
    script_id: str
    title: str
    team: str
    created_at: str
    organisation: str = ""
    headcount: int = 0  # people in the room, phones or not; 0 = not counted
    status: Literal["open", "closed"] = "open"
    current: int = 0
    cycle: int = 1
    # Seconds spent in each step before the current visit, and when the current visit began.
    spent: tuple[tuple[str, float], ...] = ()
    entered_at: str = ""
    voting_open: tuple[str, ...] = ()
    revealed: tuple[str, ...] = ()
    chosen_categories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The secret part of the join URL and the key that signs phone cookies, kept with the session so a
    # printed QR code and the phones' cookies still work after a crash or a resume (hex for the key).
    join_token: str = ""
    web_secret: str = ""
    # Joining: "deur dicht" (no new phones; those that joined keep taking part), and the most phones that
    # may join (0: the default, sized to the room; see people.join_cap).
    door_closed: bool = False
    max_participants: int = 0
    # Vote steps whose voting was open and has been closed: phones say "closed", not "not open yet".
    voting_closed: tuple[str, ...] = ()
    # Cards their authors withdrew (their records are gone): new card ids count on from all ever made.
    withdrawn: int = 0
    # Per step whose results were shown: what each person had given on what the room saw (shown.py), so that showing
    # them again after a few people changed theirs is not done unasked (it would single those people out).
    shown: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Per review step of a rate step: which statements' counts the room had in view while on it (the mask of
    # `shown`, "#101..."). None in a session stored before this was kept: then the summary goes by `shown`.
    looked_back: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class SessionState:
    """Everything about one session at one moment. Front ends render from this; nobody mutates it."""

    meta: Meta
    script: Script
    participants: tuple[Participant, ...] = ()
    contributions: Sequence[Contribution] = ()  # a Chunked (chunked.py) once a card was added: equal to a tuple
    themes: tuple[Theme, ...] = ()
    votes: tuple[Vote, ...] = ()
    ratings: tuple[Rating, ...] = ()
    actions: tuple[Action, ...] = ()
    reviews: tuple[ReviewItem, ...] = ()  # open actions from the team's plan, for a `review` step of acties
    version: int = 0
    indicators: tuple[Indicator, ...] = ()  # figures entered in a step with `indicators: ja`

    @property
    def step(self) -> Step:
        """The current step."""
        return self.script.steps[self.meta.current]

    def cards(self, step_id: str, *, include_hidden: bool = False) -> tuple[Contribution, ...]:
        """Return the cards of one step, oldest first."""
        return tuple(c for c in self.contributions if c.step_id == step_id and (include_hidden or not c.hidden))

    def themes_of(self, step_id: str) -> tuple[Theme, ...]:
        """Return the themes made in one `group` step."""
        return tuple(t for t in self.themes if t.step_id == step_id)

    @property
    def proxies(self) -> tuple[Participant, ...]:
        """The people without a phone for whom the facilitator votes and answers, in the order added."""
        return tuple(p for p in self.participants if p.id.startswith(PROXY_PREFIX))

    def is_voting_open(self, step_id: str) -> bool:
        return step_id in self.meta.voting_open

    def is_revealed(self, step_id: str) -> bool:
        return step_id in self.meta.revealed

    def categories(self, step_id: str) -> tuple[str, ...]:
        """The categories in use in a step: the facilitator's choice where the script asks for one."""
        chosen = dict(self.meta.chosen_categories)
        if step_id in chosen:
            return chosen[step_id]
        return self.script.step(step_id).categories

    def author_name(self, card: Contribution) -> str | None:
        """The name to show with a card: its author's nickname in a step with `anonymous: nee`, else None."""
        if self.script.step(card.step_id).anonymous:
            return None
        author = next((p for p in self.participants if p.id == card.author), None)
        return author.nickname if author is not None else None


@dataclass(frozen=True)
class Change:
    """One record to put into (or, with record None, take out of) a table of the session store."""

    table: str
    key: str
    record: dict | None = field(default=None, hash=False)


def from_record(cls: type[T], record: Mapping[str, object]) -> T:
    """Build the dataclass `cls` from a stored (JSON) record: lists become tuples again, keys it does not
    know are dropped, and fields added after the record was written keep their defaults.

    Raises TypeError when a required field is missing.
    """
    names = _field_names(cls)  # type: ignore[arg-type]
    return cls(**{k: _tupled(v) for k, v in record.items() if k in names})


@cache
def _field_names(cls: type) -> frozenset[str]:
    """The field names of the dataclass `cls` (asked once per class: a session holds thousands of records)."""
    return frozenset(f.name for f in fields(cls))


def _tupled(value: object) -> object:
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value
