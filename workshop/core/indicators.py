"""Indicators with a baseline: the figures a team compares itself by (indicator · wij · vergelijking · jaar · bron).

The facilitator enters rows in a `collect` step with `indicators: ja`, or imports a CSV file by its column names
(Excel's `;` or a `,`, UTF-8 or Windows-1252). An action can point to a row (`indicator_id`); its nulmeting is then
that row's figure unless the group wrote one. Reading a file never guesses: an unknown layout is refused, naming the
file and the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from . import events as ev
from .errors import DomainError, LocatedError
from .indicator_figures import baseline_of, check_figure, column_key, newest_of
from .ledger import Ledger
from .model import Action, Change, Indicator, SessionState
from .records import put
from .redaction import flags, with_action_flags

__all__ = ["baseline_of", "column_key"]  # kept here too: where callers have always found them

FIELDS: tuple[str, ...] = ("name", "ours", "comparison", "year", "source")
# The column every field is written as in Dutch, and the other names a spreadsheet may give it (compared after
# lower-casing and dropping everything but letters and digits, so "Wij (2025)" does not match but "WIJ" does).
HEADERS: dict[str, str] = {
    "name": "indicator",
    "ours": "wij",
    "comparison": "vergelijking",
    "year": "jaar",
    "source": "bron",
}
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("indicator", "indicatoren", "naam", "meting", "kwaliteitsindicator", "vraag", "onderwerp"),
    "ours": ("wij", "ons", "onscijfer", "eigencijfer", "wijscore", "onzescore", "score", "team", "locatie"),
    "comparison": ("vergelijking", "regio", "benchmark", "landelijk", "vergelijkingsgroep", "anderen", "sector"),
    "year": ("jaar", "peiljaar", "meetjaar"),
    "source": ("bron", "bronnen", "herkomst", "meetinstrument"),
}
ALIASES: dict[str, str] = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
LIMITS: dict[str, int] = {"name": 200, "ours": 40, "comparison": 40, "year": 20, "source": 120}
MAX_ROWS = 500


def validated_indicator(indicator: Indicator, values: dict[str, str]) -> Indicator:
    """Return `indicator` with `values` (fields of FIELDS) set, trimmed and checked; renews its privacy flags.

    Raises DomainError for an unknown field, a missing name or own figure, a value over its limit, or a figure
    that is no number or cannot be for this indicator (indicator_figures.check_figure).
    """
    for key in values:
        if key not in FIELDS:
            raise DomainError("action.unknown_field", field=key)
    clean = {key: " ".join(value.split()) for key, value in values.items()}
    for key, value in clean.items():
        if len(value) > LIMITS[key]:
            raise DomainError("indicator.too_long", field=HEADERS[key], length=len(value), limit=LIMITS[key])
    indicator = replace(
        indicator,
        name=clean.get("name", indicator.name),
        ours=clean.get("ours", indicator.ours),
        comparison=clean.get("comparison", indicator.comparison),
        year=clean.get("year", indicator.year),
        source=clean.get("source", indicator.source),
    )
    if not indicator.name:
        raise DomainError("indicator.name_required")
    if not indicator.ours:
        raise DomainError("indicator.ours_required", name=indicator.name)
    check_figure(indicator.name, "ours", indicator.ours)
    check_figure(indicator.name, "comparison", indicator.comparison)
    return replace(indicator, privacy=flags(indicator.name, indicator.source))


def following_figures(
    actions: Sequence[Action], before: Sequence[Indicator], after: Sequence[Indicator], today: date
) -> tuple[Action, ...]:
    """Return the actions whose link to an indicator follows a change of its rows (`before` -> `after`): an action
    linked to a row that now has a later year's figure links to that row, and a nulmeting it took from its row (the
    row as it was) becomes the new row's. A nulmeting the group wrote itself stays. Only changed actions are returned.
    """
    old = {i.id: i for i in before}
    new = {i.id: i for i in after}
    changed = []
    for action in actions:
        row = new.get(action.indicator_id)
        if row is None:
            continue
        newest = newest_of(after, row)
        was = old.get(action.indicator_id, row)
        from_row = not action.baseline or action.baseline == baseline_of(was)
        baseline = baseline_of(newest) if from_row else action.baseline
        if newest.id != action.indicator_id or baseline != action.baseline:
            moved = replace(action, indicator_id=newest.id, baseline=baseline)
            changed.append(with_action_flags(moved, today))
    return tuple(changed)


def decode_csv(data: bytes, path: str) -> str:
    """Return the text of a CSV file: UTF-8 (with or without a byte-order mark), else Windows-1252 (older Excel).

    Raises DomainError when neither reads it (a spreadsheet saved as .xlsx, for one).
    """
    if b"\x00" in data:
        raise DomainError("indicator.csv_unreadable", path=path, reason="binair bestand (bijv. .xlsx)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DomainError("indicator.csv_unreadable", path=path, reason=str(err)) from None


def read_indicator_csv(text: str, path: str) -> list[tuple[int, dict[str, str]]]:
    """Return the rows of an indicator CSV as (line, {field: value}), by the column names on its first line.

    The delimiter is the one the header line uses most (`;`, `,` or a tab). Columns it does not know are left
    alone; `indicator` and `wij` are needed. Empty lines are skipped. Raises DomainError for a missing or doubled
    column, LocatedError (file and line) for a row with more cells than the header, a row that breaks a rule, or
    a line the csv module cannot read.
    """
    text = "\n".join(text.splitlines())
    first = next((line for line in text.split("\n") if line.strip()), None)
    if first is None:
        raise DomainError("indicator.csv_no_header", path=path)
    delimiter = max(";,\t", key=first.count) if any(c in first for c in ";,\t") else ";"
    rows = [(n, cells) for n, cells in _rows(text, delimiter, path) if any(c.strip() for c in cells)]
    header_at, header = rows[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = ALIASES.get(column_key(cell))
        if name is None:
            continue
        if name in columns:
            raise DomainError(
                "indicator.csv_duplicate_column",
                path=path,
                line=header_at,
                column=HEADERS[name],
                first=header[columns[name]].strip(),
                second=cell.strip(),
            )
        columns[name] = index
    if not columns:
        raise DomainError("indicator.csv_no_header", path=path)
    found = ", ".join(f"'{c.strip()}'" for c in header if c.strip()) or "(niets)"
    for needed in ("name", "ours"):
        if needed not in columns:
            raise DomainError(
                "indicator.csv_missing_column", path=path, line=header_at, column=HEADERS[needed], found=found
            )
    result: list[tuple[int, dict[str, str]]] = []
    for line, cells in rows[1:]:
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise LocatedError("indicator.csv_too_many", path, line, count=len(cells), header=len(header))
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in columns.items()}
        try:
            validated_indicator(Indicator(id="", name="", ours=""), values)
        except DomainError as err:
            raise LocatedError(err.code, path, line, **err.params) from None
        result.append((line, values))
        if len(result) > MAX_ROWS:
            raise LocatedError("indicator.csv_too_long", path, line, limit=MAX_ROWS)
    return result


def _rows(text: str, delimiter: str, path: str) -> list[tuple[int, list[str]]]:
    """Every row of the CSV `text` with the line it starts on (a quoted cell may hold a line break)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        raise LocatedError("indicator.csv_bad_line", path, start, reason=str(err)) from None
    return rows


def indicator_steps(state: SessionState) -> tuple[str, ...]:
    """Return the ids of the steps where indicators are entered (`collect` with `indicators: ja`)."""
    return tuple(s.id for s in state.script.steps if s.kind == "collect" and s.indicators)


class IndicatorCommands(Ledger):
    """The commands of SessionService on indicator rows."""

    def add_indicator(
        self, name: str, ours: str, *, comparison: str = "", year: str = "", source: str = ""
    ) -> Indicator:
        """Add one indicator row; returns it. Raises DomainError as validated_indicator says, or when the script
        has no step for indicators, or the session is closed."""
        return self.import_indicators(
            [{"name": name, "ours": ours, "comparison": comparison, "year": year, "source": source}]
        )[0]

    def import_indicators(self, rows: Sequence[dict[str, str]]) -> tuple[Indicator, ...]:
        """Add several indicator rows in one write (all or none); returns them. A row whose indicator name (and
        year) the session already holds replaces that row, so importing a corrected file again doubles nothing."""
        step_id = self._indicator_step()
        by_name = {(column_key(i.name), i.year): i for i in self._state.indicators}
        number = 1 + max((int(i.id[1:]) for i in self._state.indicators if i.id[1:].isdigit()), default=0)
        made: dict[tuple[str, str], Indicator] = {}
        for values in rows:
            key = (column_key(values.get("name", "")), " ".join(values.get("year", "").split()))
            old = made.get(key) or by_name.get(key)
            if old is None:
                old = Indicator(id=f"i{number}", name="", ours="", step_id=step_id)
                number += 1
            made[key] = validated_indicator(old, dict(values))
        new = tuple(made.values())
        ids = {i.id for i in new}
        indicators = tuple(i for i in self._state.indicators if i.id not in ids) + new
        indicators = tuple(sorted(indicators, key=lambda i: int(i.id[1:])))
        # A newer year's figure (or a corrected one) of an indicator an action measures is that action's nulmeting
        # now, unless the group wrote its own: stored in the same write as the rows.
        following = following_figures(self._state.actions, self._state.indicators, indicators, self._clock().date())
        moved = {a.id: a for a in following}
        actions = tuple(moved.get(a.id, a) for a in self._state.actions)
        state = replace(self._state, indicators=indicators, actions=actions)
        changes = [put("indicators", i.id, i) for i in new] + [put("actions", a.id, a) for a in moved.values()]
        self._commit(state, changes, lambda v: ev.IndicatorsChanged(v, count=len(new)))
        return new

    def remove_indicator(self, indicator_id: str) -> None:
        """Remove an indicator row entered by mistake; actions that pointed to it keep their nulmeting as text."""
        self._require("add_indicator")
        if not any(i.id == indicator_id for i in self._state.indicators):
            raise DomainError("indicator.unknown")
        actions = [replace(a, indicator_id="") for a in self._state.actions if a.indicator_id == indicator_id]
        kept = {a.id: a for a in actions}
        state = replace(
            self._state,
            indicators=tuple(i for i in self._state.indicators if i.id != indicator_id),
            actions=tuple(kept.get(a.id, a) for a in self._state.actions),
        )
        changes = [Change("indicators", indicator_id, None)] + [put("actions", a.id, a) for a in actions]
        self._commit(state, changes, lambda v: ev.IndicatorsChanged(v, count=0))

    def _indicator_step(self) -> str:
        self._require("add_indicator")
        steps = indicator_steps(self._state)
        if not steps:
            raise DomainError("indicator.no_step")
        current = self._state.step.id
        return current if current in steps else steps[0]
