"""Small text shapes of the facilitator's screen: result bars, heat-table cells and the timer's clock."""

from __future__ import annotations

from rich.text import Text


def bar(value: int, maximum: int, width: int = 12) -> Text:
    """Return a horizontal bar of `value` out of `maximum`, in eighths of a character."""
    if maximum <= 0 or value <= 0:
        return Text("")
    eighths = round(value / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return Text("█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else ""), style="bold")


def shade(count: int, most: int) -> Text:
    """Return a heat-table cell: the count with a block whose darkness follows its share of answers."""
    if count == 0:
        return Text("·", style="dim")
    blocks = "░▒▓█"
    level = min(3, int(count / most * 3.999)) if most else 0
    return Text(f"{blocks[level] * 2} {count}")


def clock_text(seconds: float) -> str:
    """Return seconds as m:ss (or h:mm:ss past an hour)."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
