"""Builds the steps of a session script from their parameter lists and checks each against its kind's rules.

script.py reads the Markdown into raw steps (title, line, parameters, prompt, notes); this module turns
them into `Step` values, resolves references to earlier steps and reports every problem with its line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace

from .errors import ScriptError
from .model import ALL_TEAMS, KWALITEITSBEELD_PARTS, SCALES, STEP_KINDS, Step

COMMON_KEYS = ("kind", "minutes", "id", "format", "anonymous", "kwaliteitsbeeld")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "explain": (),
    "round": ("scale", "export"),
    "collect": ("categories", "pick", "export", "indicators"),
    "group": ("source", "themes"),
    "vote": ("on", "options", "dots", "max_per_item"),
    "rate": ("statements", "scale"),
    "actions": (),
    "review": ("of", "skip_when_empty", "export", "teams"),
    "close": ("scale", "export"),
}
LIST_KEYS = ("categories", "options", "statements", "themes", "source", "teams")
SCALE_ALIASES = {
    "traffic-light": "verkeerslicht",
    "trafficlight": "verkeerslicht",
    "1–5": "1-5",
    "bouwstenen": "bouwsteen",
    "building-block": "bouwsteen",
}
REVIEW_ACTIONS = "acties"
REVIEW_ALIASES = {"actions": REVIEW_ACTIONS, "acties": REVIEW_ACTIONS}
# Kinds whose cards a group step may group or a vote step may vote on; only these may be named or kept private.
CARD_KINDS = ("collect", "round", "close", "review")
YES = ("ja", "yes", "true")
NO = ("nee", "no", "false")

Params = dict[str, tuple[int, str | list[str]]]


def slugify(text: str) -> str:
    """Return a lower-case ASCII id made from `text` ("Thema's kiezen" -> "themas-kiezen")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug or "stap"


@dataclass
class RawStep:
    """One `## Step` section as written: its parameters still text, its prompt and notes split apart."""

    title: str
    line: int
    params: Params = field(default_factory=dict)
    prompt: str = ""
    notes: str = ""


class Reader:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = text.splitlines()
        self.errors: list[ScriptError] = []

    def error(self, line: int, code: str, **params: object) -> None:
        self.errors.append(ScriptError(code, path=self.path, line=line, **params))

    def source(self, start: int, end: int) -> str:
        """Return source lines [start, end) (0-based) as one stripped string."""
        return "\n".join(self.lines[start:end]).strip()

    def item_line(self, key_line: int, item: str) -> int:
        """The line of a list item written under the parameter on `key_line` (1-based), else `key_line`."""
        written = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+" + re.escape(item) + r"\s*")
        for number in range(key_line, len(self.lines)):
            if written.fullmatch(self.lines[number]):
                return number + 1
        return key_line


def as_list(value: str | list[str]) -> list[str]:
    """A list parameter's items: the nested items, or the comma-separated parts of a one-line value."""
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in value.split(",") if v.strip()]


def whole_number(reader: Reader, line: int, key: str, text: str, step: str, minimum: int) -> int | None:
    """Read `text` as a whole number of at least `minimum`; report it and return None when it is not."""
    try:
        value = int(text)
    except ValueError:
        reader.error(
            line, "script.not_a_number" if step else "script.front_not_a_number", key=key, value=text, step=step
        )
        return None
    if value < minimum:
        reader.error(
            line,
            "script.too_small" if step else "script.front_too_small",
            key=key,
            value=value,
            minimum=minimum,
            step=step,
        )
        return None
    return value


def build_steps(reader: Reader, raw_steps: list[RawStep]) -> list[Step]:
    """Return the steps that could be built; every problem goes to `reader`."""
    steps: list[Step] = []
    seen_ids: dict[str, int] = {}
    # Resolve references by id or by title, only to steps before the one referring.
    for raw in raw_steps:
        step = _step(reader, raw, steps)
        if step is None:
            continue
        if step.id in seen_ids:
            reader.error(raw.line, "script.duplicate_step_id", step=raw.title, id=step.id, other=seen_ids[step.id])
        seen_ids[step.id] = raw.line
        steps.append(step)
    return steps


def _resolve(
    reader: Reader, line: int, ref: str, earlier: list[Step], step: str, kinds: tuple[str, ...]
) -> Step | None:
    wanted = ref.strip().lower()
    for candidate in earlier:
        if candidate.id == wanted or candidate.title.lower() == wanted or slugify(ref) == candidate.id:
            if candidate.kind not in kinds:
                reader.error(
                    line, "script.ref_wrong_kind", step=step, ref=ref, kind=candidate.kind, expected=", ".join(kinds)
                )
                return None
            return candidate
    names = ", ".join(f'"{s.id}"' for s in earlier if s.kind in kinds) or "-"
    reader.error(line, "script.unknown_ref", step=step, ref=ref, expected=names)
    return None


class _StepParams:
    """Typed access to one raw step's parameters, reporting misuse against the step's line."""

    def __init__(self, reader: Reader, raw: RawStep) -> None:
        self.reader = reader
        self.raw = raw
        self.params = raw.params

    def line(self, key: str) -> int:
        return self.params[key][0] if key in self.params else self.raw.line

    def text(self, key: str) -> str | None:
        if key not in self.params:
            return None
        value = self.params[key][1]
        if isinstance(value, list):
            self.reader.error(self.params[key][0], "script.list_not_allowed", step=self.raw.title, key=key)
            return None
        return value

    def number(self, key: str, minimum: int) -> int | None:
        value = self.text(key)
        return None if value is None else whole_number(self.reader, self.line(key), key, value, self.raw.title, minimum)

    def items(self, key: str) -> tuple[str, ...]:
        return tuple(as_list(self.params[key][1])) if key in self.params else ()

    def flag(self, key: str, default: bool) -> bool:
        """A `ja`/`nee` parameter; `default` when it is absent or not a yes or no."""
        if key not in self.params:
            return default
        value = (self.text(key) or "").strip().lower()
        if value not in YES + NO:
            self.reader.error(self.line(key), "script.bad_bool", step=self.raw.title, key=key, value=value)
            return default
        return value in YES


def _step(reader: Reader, raw: RawStep, earlier: list[Step]) -> Step | None:
    params = raw.params
    title = raw.title
    if not params:
        return None
    if "kind" not in params:
        reader.error(raw.line, "script.missing_kind", step=title, expected=", ".join(STEP_KINDS))
        return None
    kind_line, kind = params["kind"]
    kind = str(kind).strip().lower()
    if kind not in STEP_KINDS:
        close = difflib.get_close_matches(kind, STEP_KINDS, n=1)
        hint = close[0] if close else ""
        reader.error(kind_line, "script.unknown_kind", step=title, kind=kind, expected=", ".join(STEP_KINDS), hint=hint)
        return None
    allowed = COMMON_KEYS + KIND_KEYS[kind]
    for key, (line, _value) in params.items():
        if key not in allowed:
            everywhere = {k for keys in KIND_KEYS.values() for k in keys}
            code = "script.key_not_for_kind" if key in everywhere else "script.unknown_key"
            close = difflib.get_close_matches(key, allowed, n=1)
            reader.error(
                line, code, step=title, key=key, kind=kind, expected=", ".join(allowed), hint=close[0] if close else ""
            )
    for key in LIST_KEYS:
        if key in params and not as_list(params[key][1]):
            reader.error(params[key][0], "script.empty_list", step=title, key=key)

    p = _StepParams(reader, raw)
    if "minutes" not in params:
        reader.error(raw.line, "script.missing_minutes", step=title)
    minutes = p.number("minutes", 0) or 0
    if not raw.prompt:
        reader.error(raw.line, "script.missing_prompt", step=title)
    step_id = p.text("id") or slugify(title)
    if step_id != slugify(step_id):
        reader.error(p.line("id"), "script.bad_id", value=step_id, suggestion=slugify(step_id))
    anonymous = p.flag("anonymous", True)
    if not anonymous and kind not in CARD_KINDS:
        # Scores and dots are always anonymous; only cards can carry their author's name.
        reader.error(p.line("anonymous"), "script.named_not_for_kind", step=title, kind=kind)
        anonymous = True

    scale = p.text("scale")
    if scale is not None:
        scale = SCALE_ALIASES.get(scale.lower(), scale.lower())
        if scale not in SCALES:
            close = difflib.get_close_matches(scale, SCALES, n=1)
            reader.error(
                p.line("scale"),
                "script.unknown_scale",
                step=title,
                value=scale,
                expected=", ".join(SCALES),
                hint=close[0] if close else "",
            )
            scale = None

    part = (p.text("kwaliteitsbeeld") or "").strip().lower()
    if part and part not in KWALITEITSBEELD_PARTS:
        close = difflib.get_close_matches(part, KWALITEITSBEELD_PARTS, n=1)
        reader.error(
            p.line("kwaliteitsbeeld"),
            "script.bad_kwaliteitsbeeld",
            step=title,
            value=part,
            expected=", ".join(KWALITEITSBEELD_PARTS),
            hint=close[0] if close else "",
        )
        part = ""

    step = Step(
        id=step_id,
        title=title,
        kind=kind,  # type: ignore[arg-type]
        minutes=minutes,
        prompt=raw.prompt,
        notes=raw.notes,
        line=raw.line,
        format=p.text("format"),
        anonymous=anonymous,
        scale=scale,
        export=p.flag("export", True),
        kwaliteitsbeeld=part,
    )
    if kind == "collect":
        return replace(_collect(reader, p, step), indicators=p.flag("indicators", False))
    if kind == "group":
        return _group(reader, p, step, earlier)
    if kind == "vote":
        return _vote(reader, p, step, earlier)
    if kind == "rate":
        if "statements" not in params:
            reader.error(raw.line, "script.rate_without_statements", step=title)
        return replace(step, statements=p.items("statements"), scale=scale or "verkeerslicht")
    if kind == "review":
        of = p.text("of") or REVIEW_ACTIONS
        if of.lower() in REVIEW_ALIASES:
            of = REVIEW_ACTIONS
        else:
            rated = _resolve(reader, p.line("of"), of, earlier, title, ("rate",))
            of = rated.id if rated else REVIEW_ACTIONS
        return replace(
            step, of=of, skip_when_empty=p.flag("skip_when_empty", of == REVIEW_ACTIONS), teams=_teams(reader, p, of)
        )
    return step


def _teams(reader: Reader, p: _StepParams, of: str) -> tuple[str, ...]:
    """Whose plans a review of acties walks: `teams: alle` (every team's plan) or a list of team names."""
    names = p.items("teams")
    if not names:
        return ()
    if of != REVIEW_ACTIONS:
        reader.error(p.line("teams"), "script.teams_not_for_rate_review", step=p.raw.title)
        return ()
    if any(name.lower() == ALL_TEAMS for name in names):
        return (ALL_TEAMS,)
    return tuple(dict.fromkeys(names))


def _collect(reader: Reader, p: _StepParams, step: Step) -> Step:
    """Categories as names, with the help text of those written `Name: help`."""
    names: list[str] = []
    helps: list[tuple[str, str]] = []
    for item in p.items("categories"):
        name, sep, help_text = (part.strip() for part in item.partition(":"))
        line = reader.item_line(p.line("categories"), item)
        if sep and not (name and help_text):
            reader.error(line, "script.category_help_empty", step=step.title, item=item)
            name = name or item
        if name.lower() in (n.lower() for n in names):
            reader.error(line, "script.duplicate_category", step=step.title, name=name)
            continue
        names.append(name)
        if help_text:
            helps.append((name, help_text))
    pick = p.number("pick", 1)
    if pick is not None and pick > len(names):
        reader.error(p.line("pick"), "script.pick_too_many", step=step.title, pick=pick, count=len(names))
    return replace(step, categories=tuple(names), category_help=tuple(helps), pick=pick)


def _group(reader: Reader, p: _StepParams, step: Step, earlier: list[Step]) -> Step:
    refs = p.items("source") if "source" in p.params else ()
    found = (_resolve(reader, p.line("source"), ref, earlier, step.title, ("collect",)) for ref in refs)
    source = tuple(s.id for s in found if s)
    if not refs:
        # Default: the collect steps since the previous group step.
        since: list[str] = []
        for s in earlier:
            if s.kind == "group":
                since = []
            elif s.kind == "collect":
                since.append(s.id)
        source = tuple(since)
        if not source:
            reader.error(step.line, "script.group_without_cards", step=step.title)
    return replace(step, source=source, themes=p.items("themes"))


def _vote(reader: Reader, p: _StepParams, step: Step, earlier: list[Step]) -> Step:
    on_text = p.text("on")
    options = p.items("options")
    if (on_text is None) == (not options):
        reader.error(step.line, "script.vote_target", step=step.title)
    on = None
    if on_text is not None:
        target = _resolve(reader, p.line("on"), on_text, earlier, step.title, CARD_KINDS + ("group",))
        if target is not None and not target.export:
            # The vote results (in the summary and the plan) would name the private cards.
            reader.error(p.line("on"), "script.vote_on_private", step=step.title, ref=target.title)
        on = target.id if target else None
    dots = p.number("dots", 1) if "dots" in p.params else 3
    max_per_item = p.number("max_per_item", 1)
    if dots and max_per_item and max_per_item > dots:
        reader.error(p.line("max_per_item"), "script.max_over_budget", step=step.title, max=max_per_item, dots=dots)
    return replace(step, on=on, options=options, dots=dots or 3, max_per_item=max_per_item)
