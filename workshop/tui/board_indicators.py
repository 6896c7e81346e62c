"""The indicator rows on the board of the step that asks for the figures (`indicators: ja`)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from ..core.model import SessionState

INDICATOR_KEY = "indicator:"  # the key of an indicator row on the board of the step that asks for them


def indicator_rows(
    state: SessionState, columns: int, projector: bool, t: Callable[[str], str]
) -> list[tuple[str, tuple[Text, ...]]]:
    """Return a row per indicator of the session, for a board of `columns` columns (3: with a label column): the
    figures the group compares itself by, also those imported before the session was opened. On the projector a
    flagged name stays off the beamer."""
    rows: list[tuple[str, tuple[Text, ...]]] = []
    for indicator in state.indicators:
        name, source = indicator.name, indicator.source
        if projector and indicator.privacy:
            name, source = t("[verborgen]"), ""
        parts = [
            f"{t('wij')} {indicator.ours}",
            f"{t('vergelijking')} {indicator.comparison}" if indicator.comparison else "",
            indicator.year,
            source,
        ]
        text = Text.assemble((name, "bold"), ": ", " · ".join(p for p in parts if p))
        label = Text(t("Indicator"), style="dim")
        cells = (Text(indicator.id), label, text) if columns == 3 else (Text(indicator.id), text)
        rows.append((f"{INDICATOR_KEY}{indicator.id}", cells))
    return rows
