"""Indicator rows from a CSV file or one typed row, for `workshop indicatoren` and the app's indicator dialog.

Both front ends read rows here and store them with the one core rule, SessionService.import_indicators.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .core.errors import DomainError, LocatedError
from .core.indicators import FIELDS, decode_csv, read_indicator_csv, validated_indicator
from .core.model import Indicator


def read_indicator_file(path: Path) -> list[dict[str, str]]:
    """Return the rows of an indicator CSV file ({field: value}). Raises DomainError (file and line) when it
    cannot be read or understood without guessing."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DomainError("indicator.csv_unreadable", path=name, reason=err.strerror or str(err)) from None
    return [values for _line, values in read_indicator_csv(decode_csv(data, name), name)]


def typed_row(text: str) -> dict[str, str]:
    """Return one row typed as 'indicator;wij;vergelijking;jaar;bron' as {field: value} (missing cells empty).

    Raises LocatedError naming the typed row (`--rij '…'`) when the core would refuse it: of several rows, the one
    to fix is named."""
    cells = next(csv.reader([text], delimiter=";"), [])
    row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(FIELDS)}
    try:
        validated_indicator(Indicator(id="", name="", ours=""), row)
    except DomainError as err:
        raise LocatedError(err.code, f"--rij '{text}'", 0, **err.params) from None
    return row
