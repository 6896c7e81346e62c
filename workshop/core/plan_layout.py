"""The layout of a plan file: front matter, headings and which section each belongs to, and tables it cannot read.

Pure line and token work, no rows: plan_document builds on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .plan_terms import ALIASES, SECTION_WORDS, Section, header_key

# Tables from Word (pandoc's grid, multiline and simple tables) and HTML tables: recognisable, not readable.
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_COLUMN_RULE = re.compile(r"^\s*-{2,}(?:[ \t]+-{2,})+\s*$")
_FULL_RULE = re.compile(r"^\s*-{3,}\s*$")
_YAML_LINE = re.compile(r"^(?:[\w .-]+:(?:\s.*)?|\s+.*|-\s.*|#.*)?$")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[PDCApdca][.):])\s+")


@dataclass(frozen=True)
class Heading:
    """A heading of the plan: its level (1-6), its line (0-based), its text, and the section it names (or None)."""

    level: int
    line: int
    title: str
    section: Section | None
    end: int  # the line where its part of the document ends: the next heading of the same or a higher level


@dataclass(frozen=True)
class ForeignTable:
    """A table the plan cannot read (grid, multiline or simple table, or HTML): where it starts, and its header."""

    start: int  # 0-based
    end: int  # 0-based, just after its last line
    header: str
    kind: str  # "grid", "columns" (multiline or simple) or "html"


def front_matter_end(lines: list[str]) -> int:
    """Return how many lines the front matter takes (`---` ... `---` at the very top, as Obsidian writes); 0: none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n in range(1, min(len(lines), 200)):
        if lines[n].strip() in ("---", "..."):
            body = lines[1:n]
            if any(":" in line for line in body) and all(_YAML_LINE.match(line) for line in body):
                return n + 1
            return 0
    return 0


def section_of(title: str) -> Section | None:
    """Return the section a heading names ("Check / meten" -> check, "Act ✅" -> act, "1. Plan" -> plan), or None.

    The section's word must come first and stand alone: "Plan van aanpak" or "Check-lijst" is a heading of the
    person's own.
    """
    text = re.sub(r"^[^\w]+", "", title.strip())
    text = _NUMBERING.sub("", text)
    match = re.match(r"([^\W\d_]+)(.*)$", text, re.S)
    if not match or match.group(1).lower() not in SECTION_WORDS:
        return None
    rest = match.group(2)
    if not rest.strip() or re.match(r"\s*[:(]", rest) or re.match(r"\s+[-–—/|·]", rest):
        return SECTION_WORDS[match.group(1).lower()]
    if not any(ch.isalpha() for ch in rest):  # an emoji, a number: "Act ✅", "Plan 🗓️", "Check 2027"
        return SECTION_WORDS[match.group(1).lower()]
    return None


def headings(tokens: list[Token], line_count: int, title_of: dict[int, str]) -> list[Heading]:
    """Return the document's headings (not those inside lists or quotes), each with where its part ends."""
    found: list[tuple[int, int, str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.level == 0 and tok.map is not None:
            title = title_of.get(i + 1, "")
            found.append((int(tok.tag[1]), tok.map[0], title))
    result = []
    for n, (level, line, title) in enumerate(found):
        end = next((later for lvl, later, _t in found[n + 1 :] if lvl <= level), line_count)
        result.append(Heading(level=level, line=line, title=title, section=section_of(title), end=end))
    return result


def owner(heads: list[Heading], line: int) -> Heading | None:
    """Return the innermost section heading whose part holds `line`, or the innermost heading when none is a
    section (None: before any heading)."""
    around = [h for h in heads if h.line < line < h.end]
    sections = [h for h in around if h.section is not None]
    if sections:
        return max(sections, key=lambda h: h.level)
    return max(around, key=lambda h: h.level) if around else None


def foreign_tables(lines: list[str], skip: set[int]) -> list[ForeignTable]:
    """Return the tables in `lines` written in a form other than pipes (pandoc's grid, multiline or simple
    tables, as a Word round trip gives), ignoring the lines in `skip` (code blocks)."""
    found: list[ForeignTable] = []
    n = 0
    while n < len(lines):
        if n in skip:
            n += 1
            continue
        line = lines[n]
        if _GRID_BORDER.match(line):
            end = n
            while end < len(lines) and lines[end].strip()[:1] in ("+", "|"):
                end += 1
            header = lines[n + 1] if n + 1 < end else ""
            found.append(ForeignTable(start=n, end=end, header=header, kind="grid"))
            n = end
            continue
        if _COLUMN_RULE.match(line):
            start = n
            while start > 0 and lines[start - 1].strip() and start - 1 not in skip:
                start -= 1
            end = n + 1
            # A multiline table runs to its closing rule, blank lines between rows included.
            closing = next(
                (k for k in range(n + 1, min(len(lines), n + 400)) if _FULL_RULE.match(lines[k])),
                None,
            )
            if _FULL_RULE.match(lines[start]) and closing is not None:
                end = closing + 1
            else:
                while end < len(lines) and lines[end].strip():
                    end += 1
            header = " ".join(lines[k] for k in range(start, n) if not _FULL_RULE.match(lines[k]))
            found.append(ForeignTable(start=start, end=end, header=header, kind="columns"))
            n = end
            continue
        n += 1
    return found


def html_tables(tokens: list[Token]) -> list[ForeignTable]:
    """Return the HTML tables in the document (pasted from Word or a web page)."""
    found = []
    for tok in tokens:
        if tok.type == "html_block" and tok.map and "<table" in tok.content.lower():
            header = re.sub(r"<[^>]+>", " ", tok.content.split("</tr>", 1)[0])
            found.append(ForeignTable(start=tok.map[0], end=tok.map[1], header=header, kind="html"))
    return found


def mentions_id_column(header: str) -> bool:
    """True when a foreign table's header names an ID column (so it holds plan rows)."""
    cells = re.split(r"\s{2,}|\|", header)
    return any(ALIASES.get(header_key(cell)) == "id" for cell in cells if cell.strip())


def code_lines(tokens: list[Token]) -> set[int]:
    """Return the lines inside code blocks: nothing in them is a table or a heading of the plan."""
    lines: set[int] = set()
    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            lines.update(range(tok.map[0], tok.map[1]))
    return lines
