"""The privacy scanner's own process: scans card texts read from stdin, one JSON batch a line, in order.

    python -m workshop.web.scan_child

Reads `{"day": "2026-12-05", "texts": ["...", ...]}` lines and answers each with `{"kinds": [[...], ...]}`
(the kinds found per text, in the same order), or `{"error": "<type>"}` for a line it could not scan. It
prints `ready` once the name lists are loaded, and ends at the end of its input (its server stopped or
died). It never writes a text anywhere but back to its server: not to a log, not in an error.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from ..core.prescan import scan_ahead


def answer(line: bytes) -> bytes:
    """Return the answer line (with its newline) for one request line."""
    try:
        request = json.loads(line)
        day = date.fromisoformat(request["day"])
        kinds = [list(scan_ahead(text, day).kinds) for text in request["texts"]]
        reply: dict[str, object] = {"kinds": kinds}
    except Exception as exc:  # a malformed line: its type only (the line holds participants' text)
        reply = {"error": type(exc).__name__}
    return json.dumps(reply).encode() + b"\n"


def main() -> int:
    scan_ahead("Opstarten", date.today())  # loads the detectors and name lists before the first card
    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    for line in sys.stdin.buffer:
        out.write(answer(line))
        out.flush()
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(0) from None
