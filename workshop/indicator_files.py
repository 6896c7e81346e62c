"""Indicator rows from a CSV file or one typed row, for `workshop indicatoren` and the app's indicator dialog.

Both front ends read rows here and store them with the one core rule, SessionService.import_indicators.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .core.errors import DomainError
from .core.indicators import FIELDS, decode_csv, read_indicator_csv


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
    """Return one row typed as 'indicator;wij;vergelijking;jaar;bron' as {field: value} (missing cells empty)."""
    cells = next(csv.reader([text], delimiter=";"), [])
    return {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(FIELDS)}
