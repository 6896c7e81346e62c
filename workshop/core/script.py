"""Reads session scripts written in Markdown and checks them, naming file and line for every problem.

A script is front matter (`key: value` lines between `---`), an optional `# Title` with an
introduction for the facilitator, and one `## Step` section per step. Each step opens with a bullet
list of parameters (`- kind: vote`, `- minutes: 5`, lists as nested bullets); the Markdown after that
list is the prompt, up to a `### Voor de begeleider` heading, under which the facilitator's notes go.
Comments (`<!-- ... -->`) are removed before anything is read, so they never reach the room. The steps
themselves are built and checked in script_steps.py. See README.md, "Writing a script".
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .errors import ScriptError, ScriptErrors
from .model import Script
from .script_steps import CARD_KINDS, REVIEW_ACTIONS, RawStep, Reader, build_steps, slugify, whole_number

__all__ = ["CARD_KINDS", "REVIEW_ACTIONS", "load_script", "parse_script", "script_warnings", "slugify"]

FRONT_MATTER_KEYS = ("id", "title", "duration", "language", "audience", "purpose", "roles", "min_group")
REQUIRED_FRONT_MATTER = ("id", "title")
# The smallest group whose anonymous answers may be shown: with one other person, each knows the other's.
MIN_GROUP_FLOOR = 2
# Headings (level 3 or deeper) that start a step's notes for the facilitator; the first is the one to write.
NOTES_HEADINGS = (
    "voor de begeleider",
    "voor de begeleiders",
    "voor de gespreksleider",
    "voor de facilitator",
    "for the facilitator",
)

_MD = MarkdownIt("commonmark").use(front_matter_plugin)
# A comment, with the spaces before it; removed from the text before it is parsed.
_COMMENT = re.compile(r"[ \t]*<!--.*?-->", re.DOTALL)


def parse_script(text: str, path: str = "<script>") -> Script:
    """Parse and check one script.

    Returns the Script. Raises ScriptErrors listing every problem found, each with file and line.
    """
    return _parse_cached(text, path)


@functools.lru_cache(maxsize=64)
def _parse_cached(text: str, path: str) -> Script:
    # Scripts are immutable values: a session list with many sessions of the same script, or the home
    # screen reading the scripts again, parses each text once. Errors are not cached (raised each time).
    if _starts_late(text):
        # Markdown would read the front matter as a heading; nothing after it can be read as meant.
        raise ScriptErrors([ScriptError("script.before_front_matter", path=path, line=1)])
    reader = Reader(_without_comments(text), path)
    _check_comments(reader, text)
    _check_headings(reader)
    start = reader.text.find("<!--")
    if start >= 0:
        # Everything after a comment that is never closed is part of it: nothing after it can be read as
        # the script, and none of it may reach the room.
        raise ScriptErrors(
            [ScriptError("script.unclosed_comment", path=path, line=reader.text.count("\n", 0, start) + 1)]
        )
    tokens = _MD.parse(reader.text)
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

    steps = build_steps(reader, raw_steps)
    duration_line, duration_text = front.get("duration", (1, ""))
    duration = sum(s.minutes for s in steps)
    if duration_text:
        duration = whole_number(reader, duration_line, "duration", duration_text, "", minimum=1) or duration
    min_group = 3
    if "min_group" in front:
        line, value = front["min_group"]
        min_group = whole_number(reader, line, "min_group", value, "", minimum=MIN_GROUP_FLOOR) or min_group
    roles = _roles(reader, front["roles"]) if "roles" in front else ()
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
        roles=roles,
        min_group=min_group,
    )


def script_warnings(script: Script) -> list[ScriptError]:
    """Return what is worth a second look in a script that parses: things that are allowed but likely wrong.

    Today: a `duration` in the front matter that differs from the sum of the steps' minutes, a comment
    that hides whole steps (perhaps on purpose; when it holds a second `<!--`, it is an error instead), and a 1-5
    question that does not say what 1 and 5 mean (a phone shows only the buttons 1 to 5).
    """
    warnings: list[ScriptError] = [e for nested, e in _hiding_comments(script.text, script.path) if not nested]
    for step in script.steps:
        scale = step.scale_spec
        told = (step.prompt, *step.statements)
        if scale is not None and scale.key == "1-5" and not any(_ANCHORED.search(text) for text in told):
            warnings.append(ScriptError("script.scale_anchors", path=script.path, line=step.line, step=step.title))
    total = sum(step.minutes for step in script.steps)
    line = _front_matter_line(script.text, "duration")
    if line and script.duration != total:
        warnings.append(
            ScriptError("script.duration_mismatch", path=script.path, line=line, duration=script.duration, total=total)
        )
    return warnings


# "1 = bijna nooit", "1 (helemaal niet)", "1: laag", "van 1 (…) tot 5": the text says what the lowest number means.
_ANCHORED = re.compile(r"\b1\s*(=|:|\(|is\b|betekent\b|means\b)", re.IGNORECASE)


def _front_matter_line(text: str, key: str) -> int:
    """The line number of `key:` in the front matter of `text`, or 0 when the key is not there."""
    lines = _without_comments(text).splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if line.partition(":")[0].strip() == key:
            return number
    return 0


def _starts_late(text: str) -> bool:
    """Whether front matter (`---` then `id:` or `title:`) is there, but not on line 1."""
    lines = text.splitlines()
    if not lines or lines[0].strip() == "---":
        return False
    for number, line in enumerate(lines[:-1]):
        following = lines[number + 1].strip()
        if line.strip() == "---" and following.partition(":")[0].strip() in ("id", "title"):
            return True
    return False


def _hiding_comments(text: str, path: str) -> list[tuple[bool, ScriptError]]:
    """Comments that hide step headings, each with whether it holds a second `<!--` (the first was not closed)."""
    found: list[tuple[bool, ScriptError]] = []
    for match in _COMMENT.finditer(text):
        body = match.group()
        hidden = re.findall(r"^[ \t]{0,3}##[ \t]+(.+?)[ \t]*$", body, re.MULTILINE)
        if hidden:
            error = ScriptError(
                "script.comment_hides_steps",
                path=path,
                line=text.count("\n", 0, match.start()) + 1,
                end=text.count("\n", 0, match.end()) + 1,
                steps=", ".join(f'"{title}"' for title in hidden),
            )
            found.append((body.count("<!--") > 1, error))
    return found


def _check_comments(reader: Reader, text: str) -> None:
    """Report a comment that swallows step headings because a `<!--` before it was never closed."""
    reader.errors.extend(error for nested, error in _hiding_comments(text, reader.path) if nested)


def _check_headings(reader: Reader) -> None:
    """Report `##Title` (no space after the hashes): Markdown reads it as text of the step before."""
    fence = ""
    for number, line in enumerate(reader.lines, start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        match = re.fullmatch(r" {0,3}(#{2,6})([^#\s].*)", line.rstrip())
        if match and not fence:
            shown = stripped if len(stripped) <= 40 else stripped[:39] + "…"
            hint = f"{match.group(1)} {match.group(2)}"
            hint = hint if len(hint) <= 40 else hint[:39] + "…"
            reader.error(number, "script.heading_without_space", text=shown, fix=hint)


def _check_prompt(reader: Reader, start: int, end: int, step_title: str) -> None:
    """Report `- kind:`/`- minutes:` lines in a prompt: a step heading above them is probably broken."""
    for number in range(start, min(end, len(reader.lines))):
        line = reader.lines[number]
        if any(e.code == "script.heading_without_space" and start < e.line <= number + 1 for e in reader.errors):
            return  # that heading is the cause: one error for it is enough
        if re.match(r"\s*[-*+]\s+(kind|minutes)\s*:", line):
            reader.error(number + 1, "script.param_in_prompt", step=step_title, text=line.strip())


def _without_comments(text: str) -> str:
    """`text` with every `<!-- ... -->` removed; the line breaks inside a comment stay, so line numbers hold."""
    return _COMMENT.sub(lambda match: "\n" * match.group().count("\n"), text)


def _roles(reader: Reader, entry: tuple[int, str]) -> tuple[str, ...]:
    line, value = entry
    roles: list[str] = []
    for role in (r.strip() for r in value.split(",")):
        if role and role.lower() in (r.lower() for r in roles):
            reader.error(line, "script.duplicate_role", role=role)
        elif role:
            roles.append(role)
    if len(roles) < 2:
        reader.error(line, "script.too_few_roles", value=value)
    return tuple(roles)


def load_script(path: Path) -> Script:
    """Read and parse the script at `path`.

    Raises ScriptErrors for problems in it, and for a file that cannot be read as UTF-8 text.
    """
    try:
        # utf-8-sig: Windows editors may save a byte-order mark, which is not part of the script.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScriptErrors([ScriptError("script.not_found", path=str(path))]) from None
    except IsADirectoryError:
        raise ScriptErrors([ScriptError("script.is_folder", path=str(path))]) from None
    except UnicodeDecodeError as exc:
        # Name the line of the first byte that is not UTF-8, not the codec's English.
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ScriptErrors([ScriptError("script.not_utf8", path=str(path), line_number=line)]) from None
    except OSError as exc:
        raise ScriptErrors([ScriptError("script.unreadable", path=str(path), reason=str(exc))]) from None
    return parse_script(text, str(path))


def _front_matter(reader: Reader, token: Token) -> dict[str, tuple[int, str]]:
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
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            reader.error(
                number,
                "script.unknown_front_key",
                key=key,
                expected=", ".join(FRONT_MATTER_KEYS),
                hint=close[0] if close else "",
            )
        elif not value.strip():
            reader.error(number, "script.empty_front_value", key=key)
        else:
            values[key] = (number, value.strip().strip('"'))
    if "id" in values and slugify(values["id"][1]) != values["id"][1]:
        reader.error(values["id"][0], "script.bad_id", value=values["id"][1], suggestion=slugify(values["id"][1]))
    return values


def _lines(tok: Token) -> tuple[int, int]:
    """The source lines [start, end) of a block token (markdown-it maps every one of them)."""
    start, end = tok.map or (0, 0)
    return start, end


def _sections(reader: Reader, tokens: list[Token]) -> tuple[list[RawStep], str, str]:
    """Split the token stream into steps; return the steps, the `#` title and the introduction."""
    steps: list[RawStep] = []
    title = ""
    intro_start: int | None = None
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    first_h2_line = _lines(tokens[headings[0]])[0] if headings else len(reader.lines)
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
        line = _lines(heading)[0] + 1
        step = RawStep(title=tokens[start + 1].content.strip(), line=line)
        body = tokens[start + 3 : end]  # skip heading_open, inline, heading_close
        end_line = _lines(tokens[headings[n + 1]])[0] if n + 1 < len(headings) else len(reader.lines)
        if not body or body[0].type != "bullet_list_open":
            reader.error(line, "script.no_params", step=step.title)
            prompt_start = _lines(heading)[1]
        else:
            step.params = _params(reader, body, step.title)
            prompt_start = _lines(body[0])[1]
        notes_heading = _notes_heading(reader, body, step.title)
        if notes_heading is not None:
            step.notes = reader.source(_lines(notes_heading)[1], end_line)
            end_line = _lines(notes_heading)[0]
        _check_prompt(reader, prompt_start, end_line, step.title)
        step.prompt = reader.source(prompt_start, end_line)
        steps.append(step)
    return steps, title, intro


def _notes_heading(reader: Reader, body: list[Token], step_title: str) -> Token | None:
    """The `### Voor de begeleider` heading that starts a step's notes, or None.

    A heading that looks like one but is misspelt is an error: what follows it would reach the room.
    """
    for i, tok in enumerate(body):
        if tok.type != "heading_open" or tok.tag in ("h1", "h2") or tok.level != 0 or not tok.map:
            continue
        text = " ".join(body[i + 1].content.lower().replace("*", "").split()).rstrip(":").strip()
        if text in NOTES_HEADINGS:
            return tok
        close = difflib.get_close_matches(text, NOTES_HEADINGS, n=1, cutoff=0.85)
        if close:
            reader.error(
                _lines(tok)[0] + 1,
                "script.notes_heading_typo",
                step=step_title,
                text=body[i + 1].content,
                hint="### " + close[0][0].upper() + close[0][1:],
            )
    return None


def _params(reader: Reader, body: list[Token], step_title: str) -> dict[str, tuple[int, str | list[str]]]:
    """Read the parameter list that opens a step: `- key: value`, list values as nested bullets."""
    params: dict[str, tuple[int, str | list[str]]] = {}
    depth = 0
    key: str | None = None
    joined: list[tuple[int, str]] = []  # items with a next line Markdown joined onto them
    last_item = 0
    for tok in body:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif tok.type == "inline" and depth == 1:
            line = _lines(tok)[0] + 1
            last_item = line
            name, sep, value = tok.content.partition(":")
            name = name.strip().lower().replace("-", "_")
            if sep and "\n" in value:
                value, rest = value.split("\n", 1)
                joined.append((line, rest.splitlines()[0].strip()))
            if not sep or not re.fullmatch(r"[a-z_]+", name):
                reader.error(line, "script.param_not_key_value", step=step_title, text=tok.content.strip())
                key = None
                continue
            if name in params:
                reader.error(line, "script.duplicate_param", step=step_title, key=name)
            key = name
            params[name] = (line, value.strip())
        elif tok.type == "inline" and depth == 2 and key is not None:
            key_line, given = params[key]
            items = given if isinstance(given, list) else []
            if isinstance(given, str) and given:
                reader.error(key_line, "script.inline_and_list", step=step_title, key=key)
            items.append(tok.content.strip())
            params[key] = (key_line, items)
    for line, text in joined:
        # Markdown joined the next line onto this item. After the last item: the prompt lacks its blank
        # line; between items: that next line is a broken setting, so name it.
        if line == last_item:
            reader.error(line, "script.prompt_needs_blank_line", step=step_title)
        else:
            reader.error(line + 1, "script.param_line_broken", step=step_title, text=text)
    return params
