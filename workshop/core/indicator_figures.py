"""An indicator's figures: what counts as one (a number or a percentage, possible for what it measures), which year a
row is of, which row of an indicator is the newest, and the nulmeting an action takes from a row.

The nulmeting (baseline) is where an action starts from: the newest figure of its indicator known when the action is
agreed (domain.md §3, PDCA: plan against where you stand now). A later year's figure of the same indicator is
therefore the one an action links to, and a nulmeting taken from an older row follows it; a nulmeting the group wrote
itself is theirs and stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .errors import DomainError
from .model import Indicator

# A figure as people write it: an optional sign, digits, a decimal comma or point, an optional percent sign.
_FIGURE = re.compile(r"([-+]?)(\d+(?:[.,]\d+)?)\s*(%?)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# Words in an indicator's name that say what its figures can be: a share of 100, or a count of something.
_PERCENT_NAME = re.compile(r"%|\bpercentage\b|\bprocent\b", re.IGNORECASE)
_COUNT_NAME = re.compile(r"\baantal\b", re.IGNORECASE)
COLUMNS = {"ours": "wij", "comparison": "vergelijking"}


def column_key(header: str) -> str:
    """Return a header (or an indicator's name) as compared: lower case, accents and all but letters and digits
    dropped."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def figure_value(text: str) -> float | None:
    """Return the number a figure holds ("8,1" -> 8.1, "87%" -> 87.0, "-3" -> -3.0); None when it is not a figure."""
    match = _FIGURE.fullmatch(text.strip())
    if match is None:
        return None
    sign, digits, _percent = match.groups()
    value = float(digits.replace(",", "."))
    return -value if sign == "-" else value


def check_figure(name: str, field: str, value: str) -> None:
    """Refuse a figure (`field`: "ours" or "comparison") that is no number, or that cannot be for this indicator: a
    percentage outside 0-100 (the value has %, or the name says percentage), a negative count (the name says
    "aantal"). An empty value is left to the caller (the own figure is required, the comparison is not).

    Raises DomainError ("indicator.not_a_figure", "indicator.percent_range", "indicator.negative_count").
    """
    if not value:
        return
    column = COLUMNS[field]
    number = figure_value(value)
    if number is None:
        raise DomainError("indicator.not_a_figure", name=name, column=column, value=value)
    if (value.rstrip().endswith("%") or _PERCENT_NAME.search(name)) and not 0 <= number <= 100:
        raise DomainError("indicator.percent_range", name=name, column=column, value=value)
    if _COUNT_NAME.search(name) and number < 0:
        raise DomainError("indicator.negative_count", name=name, column=column, value=value)


def year_of(indicator: Indicator) -> int | None:
    """Return the year a row's figures are of (the last year its "jaar" names: "2024-2025" -> 2025); None without."""
    years = _YEAR.findall(indicator.year)
    return int(years[-1]) if years else None


def newest_of(indicators: Iterable[Indicator], row: Indicator) -> Indicator:
    """Return the row of `row`'s indicator (the same name, as compared) with the latest year, `row` itself when no
    other row of that indicator is of a later year (or `row` has no year to compare)."""
    year = year_of(row)
    if year is None:
        return row
    key = column_key(row.name)
    newest = row
    for other in indicators:
        other_year = year_of(other)
        if column_key(other.name) == key and other_year is not None and other_year > (year_of(newest) or year):
            newest = other
    return newest


def baseline_of(indicator: Indicator) -> str:
    """Return the nulmeting an action takes from its indicator: our figure, with year and source ("8,1 (2025,
    ODB)"), and the comparison when there is one ("8,1 (2025, ODB; vergelijking 8,4)")."""
    where = ", ".join(p for p in (indicator.year, indicator.source) if p)
    if indicator.comparison:
        where = f"{where}; vergelijking {indicator.comparison}" if where else f"vergelijking {indicator.comparison}"
    return f"{indicator.ours} ({where})" if where else indicator.ours
