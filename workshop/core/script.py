"""Reads session scripts written in Markdown and checks them, naming file and line for every problem.

A script is front matter (`key: value` lines between `---`), an optional `# Title` with an
introduction, and one `## Step` section per step. Each step opens with a bullet list of
parameters (`- kind: vote`, `- minutes: 5`, lists as nested bullets); the Markdown after that
list is the prompt. See README.md, "Writing a script".
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import ScriptError, ScriptErrors
from .model import SCALES, STEP_KINDS, Script, Step

FRONT_MATTER_KEYS = ("id", "title", "duration", "language", "audience", "purpose")
REQUIRED_FRONT_MATTER = ("id", "title")

COMMON_KEYS = ("kind", "minutes", "id", "format", "anonymous")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "explain": (),
    "round": ("scale",),
    "collect": ("categories", "pick"),
    "group": ("source", "themes"),
    "vote": ("on", "options", "dots", "max_per_item"),
    "rate": ("statements", "scale"),
    "actions": (),
    "review": ("of",),
    "close": ("scale",),
}
LIST_KEYS = ("categories", "options", "statements", "themes", "source")
SCALE_ALIASES = {"traffic-light": "verkeerslicht", "trafficlight": "verkeerslicht", "1–5": "1-5"}
REVIEW_ACTIONS = "acties"
REVIEW_ALIASES = {"actions": REVIEW_ACTIONS, "acties": REVIEW_ACTIONS}
# Kinds whose cards a group step may group or a vote step may vote on.
CARD_KINDS = ("collect", "round", "close", "review")

_MD = MarkdownIt("commonmark").use(front_matter_plugin)


def slugify(text: str) -> str:
    """Return a lower-case ASCII id made from `text` ("Thema's kiezen" -> "themas-kiezen")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug or "stap"


@dataclass
class _RawStep:
    title: str
    line: int
    params: dict[str, tuple[int, str | list[str]]] = field(default_factory=dict)
    prompt: str = ""


class _Reader:
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


def parse_script(text: str, path: str = "<script>") -> Script:
    """Parse and check one script.

    Returns the Script. Raises ScriptErrors listing every problem found, each with file and line.
    """
    return _parse_cached(text, path)


@functools.lru_cache(maxsize=64)
def _parse_cached(text: str, path: str) -> Script:
    # Scripts are immutable values: a session list with many sessions of the same script, or the home
    # screen reading the scripts again, parses each text once. Errors are not cached (raised each time).
    reader = _Reader(text, path)
    tokens = _MD.parse(text)
    front: dict[str, tuple[int, str]] = {}
    if tokens and tokens[0].type == "front_matter":
        front = _front_matter(reader, tokens[0])
        tokens = tokens[1:]
    else:
        reader.error(1, "script.no_front_matter")

    raw_steps, heading_title, intro = _sections(reader, tokens)
    for key in REQUIRED_FRONT_MATTER:
        if key not in front and not (key == "title" and heading_title):
            reader.error(1, "script.missing_front_key", key=key)
    if not raw_steps and not reader.errors:
        reader.error(len(reader.lines) or 1, "script.no_steps")

    steps = _steps(reader, raw_steps)
    duration_line, duration_text = front.get("duration", (1, ""))
    duration = sum(s.minutes for s in steps)
    if duration_text:
        duration = _int(reader, duration_line, "duration", duration_text, "", minimum=1) or duration
    if reader.errors:
        raise ScriptErrors(reader.errors)
    return Script(
        id=front["id"][1],
        title=front.get("title", (0, heading_title))[1],
        duration=duration,
        language=front.get("language", (0, "nl"))[1],
        audience=front.get("audience", (0, ""))[1],
        purpose=front.get("purpose", (0, ""))[1],
        intro=intro,
        steps=tuple(steps),
        text=text,
        path=path,
    )


def load_script(path: Path) -> Script:
    """Read and parse the script at `path`.

    Raises ScriptErrors for problems in it, and for a file that cannot be read as UTF-8 text.
    """
    try:
        # utf-8-sig: Windows editors may save a byte-order mark, which is not part of the script.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScriptErrors([ScriptError("script.not_found", path=str(path))]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptErrors([ScriptError("script.unreadable", path=str(path), reason=str(exc))]) from None
    return parse_script(text, str(path))


def _front_matter(reader: _Reader, token: Token) -> dict[str, tuple[int, str]]:
    values: dict[str, tuple[int, str]] = {}
    for offset, line in enumerate(token.content.splitlines()):
        number = offset + 2  # line 1 is the opening ---
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep:
            reader.error(number, "script.front_not_key_value", text=line.strip())
        elif key in values:
            reader.error(number, "script.duplicate_front_key", key=key, other=values[key][0])
        elif key not in FRONT_MATTER_KEYS:
            reader.error(number, "script.unknown_front_key", key=key, expected=", ".join(FRONT_MATTER_KEYS))
        elif not value.strip():
            reader.error(number, "script.empty_front_value", key=key)
        else:
            values[key] = (number, value.strip().strip('"'))
    if "id" in values and slugify(values["id"][1]) != values["id"][1]:
        reader.error(values["id"][0], "script.bad_id", value=values["id"][1], suggestion=slugify(values["id"][1]))
    return values


def _sections(reader: _Reader, tokens: list[Token]) -> tuple[list[_RawStep], str, str]:
    """Split the token stream into steps; return the steps, the `#` title and the introduction."""
    steps: list[_RawStep] = []
    title = ""
    intro_start: int | None = None
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    first_h2_line = tokens[headings[0]].map[0] if headings else len(reader.lines)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h1" and tok.map and tok.map[0] < first_h2_line:
            title = tokens[i + 1].content.strip()
            intro_start = tok.map[1]
            break
    if intro_start is None:
        intro_start = next((t.map[0] for t in tokens if t.map), first_h2_line)
    intro = reader.source(intro_start, first_h2_line)

    for n, start in enumerate(headings):
        end = headings[n + 1] if n + 1 < len(headings) else len(tokens)
        heading = tokens[start]
        line = heading.map[0] + 1
        step = _RawStep(title=tokens[start + 1].content.strip(), line=line)
        body = tokens[start + 3 : end]  # skip heading_open, inline, heading_close
        end_line = tokens[headings[n + 1]].map[0] if n + 1 < len(headings) else len(reader.lines)
        if not body or body[0].type != "bullet_list_open":
            reader.error(line, "script.no_params", step=step.title)
            prompt_start = heading.map[1]
        else:
            step.params = _params(reader, body, step.title)
            prompt_start = body[0].map[1]
        step.prompt = reader.source(prompt_start, end_line)
        steps.append(step)
    return steps, title, intro


def _params(reader: _Reader, body: list[Token], step_title: str) -> dict[str, tuple[int, str | list[str]]]:
    """Read the parameter list that opens a step: `- key: value`, list values as nested bullets."""
    params: dict[str, tuple[int, str | list[str]]] = {}
    depth = 0
    key: str | None = None
    for tok in body:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif tok.type == "inline" and depth == 1:
            line = tok.map[0] + 1
            name, sep, value = tok.content.partition(":")
            name = name.strip().lower().replace("-", "_")
            if sep and "\n" in value:
                # Markdown joined the next line onto this item: the prompt lacks its blank line.
                reader.error(line, "script.prompt_needs_blank_line", step=step_title)
                value = value.split("\n", 1)[0]
            if not sep or not re.fullmatch(r"[a-z_]+", name):
                reader.error(line, "script.param_not_key_value", step=step_title, text=tok.content.strip())
                key = None
                continue
            if name in params:
                reader.error(line, "script.duplicate_param", step=step_title, key=name)
            key = name
            params[name] = (line, value.strip())
        elif tok.type == "inline" and depth == 2 and key is not None:
            line, value = params[key]
            items = value if isinstance(value, list) else []
            if isinstance(value, str) and value:
                reader.error(line, "script.inline_and_list", step=step_title, key=key)
            items.append(tok.content.strip())
            params[key] = (line, items)
    return params


def _int(reader: _Reader, line: int, key: str, text: str, step: str, minimum: int) -> int | None:
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


def _as_list(value: str | list[str]) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in value.split(",") if v.strip()]


def _steps(reader: _Reader, raw_steps: list[_RawStep]) -> list[Step]:
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
    reader: _Reader, line: int, ref: str, earlier: list[Step], step: str, kinds: tuple[str, ...]
) -> str | None:
    wanted = ref.strip().lower()
    for candidate in earlier:
        if candidate.id == wanted or candidate.title.lower() == wanted or slugify(ref) == candidate.id:
            if candidate.kind not in kinds:
                reader.error(
                    line, "script.ref_wrong_kind", step=step, ref=ref, kind=candidate.kind, expected=", ".join(kinds)
                )
                return None
            return candidate.id
    names = ", ".join(f'"{s.id}"' for s in earlier if s.kind in kinds) or "-"
    reader.error(line, "script.unknown_ref", step=step, ref=ref, expected=names)
    return None


def _step(reader: _Reader, raw: _RawStep, earlier: list[Step]) -> Step | None:
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
        if key in params and not _as_list(params[key][1]):
            reader.error(params[key][0], "script.empty_list", step=title, key=key)

    def text(key: str) -> str | None:
        if key not in params:
            return None
        value = params[key][1]
        if isinstance(value, list):
            reader.error(params[key][0], "script.list_not_allowed", step=title, key=key)
            return None
        return value

    def number(key: str, minimum: int) -> int | None:
        value = text(key)
        return None if value is None else _int(reader, params[key][0], key, value, title, minimum)

    def items(key: str) -> tuple[str, ...]:
        return tuple(_as_list(params[key][1])) if key in params else ()

    if "minutes" not in params:
        reader.error(raw.line, "script.missing_minutes", step=title)
    minutes = number("minutes", 0) or 0
    if not raw.prompt:
        reader.error(raw.line, "script.missing_prompt", step=title)
    step_id = text("id") or slugify(title)
    if step_id != slugify(step_id):
        reader.error(params["id"][0], "script.bad_id", value=step_id, suggestion=slugify(step_id))
    anonymous = True
    if "anonymous" in params:
        value = (text("anonymous") or "").lower()
        if value not in ("ja", "nee", "yes", "no", "true", "false"):
            reader.error(params["anonymous"][0], "script.bad_bool", step=title, key="anonymous", value=value)
        anonymous = value in ("ja", "yes", "true")

    scale = text("scale")
    if scale is not None:
        scale = SCALE_ALIASES.get(scale.lower(), scale.lower())
        if scale not in SCALES:
            reader.error(
                params["scale"][0], "script.unknown_scale", step=title, value=scale, expected=", ".join(SCALES)
            )
            scale = None

    step = Step(
        id=step_id,
        title=title,
        kind=kind,
        minutes=minutes,
        prompt=raw.prompt,
        line=raw.line,  # type: ignore[arg-type]
        format=text("format"),
        anonymous=anonymous,
        scale=scale,
    )
    if kind == "collect":
        categories = items("categories")
        pick = number("pick", 1)
        if pick is not None and pick > len(categories):
            reader.error(params["pick"][0], "script.pick_too_many", step=title, pick=pick, count=len(categories))
        step = replace(step, categories=categories, pick=pick)
    elif kind == "group":
        refs = _as_list(params["source"][1]) if "source" in params else []
        line = params["source"][0] if "source" in params else raw.line
        source = tuple(r for r in (_resolve(reader, line, ref, earlier, title, ("collect",)) for ref in refs) if r)
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
                reader.error(raw.line, "script.group_without_cards", step=title)
        step = replace(step, source=source, themes=items("themes"))
    elif kind == "vote":
        on_text = text("on")
        options = items("options")
        if (on_text is None) == (not options):
            reader.error(raw.line, "script.vote_target", step=title)
        on = None
        if on_text is not None:
            on = _resolve(reader, params["on"][0], on_text, earlier, title, CARD_KINDS + ("group",))
        dots = number("dots", 1) if "dots" in params else 3
        max_per_item = number("max_per_item", 1)
        if dots and max_per_item and max_per_item > dots:
            reader.error(params["max_per_item"][0], "script.max_over_budget", step=title, max=max_per_item, dots=dots)
        step = replace(step, on=on, options=options, dots=dots or 3, max_per_item=max_per_item)
    elif kind == "rate":
        statements = items("statements")
        if "statements" not in params:
            reader.error(raw.line, "script.rate_without_statements", step=title)
        step = replace(step, statements=statements, scale=scale or "verkeerslicht")
    elif kind == "review":
        of = text("of") or REVIEW_ACTIONS
        if of.lower() in REVIEW_ALIASES:
            of = REVIEW_ACTIONS
        else:
            of = _resolve(reader, params["of"][0], of, earlier, title, ("rate",)) or REVIEW_ACTIONS
        step = replace(step, of=of)
    return step
