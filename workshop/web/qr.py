"""The join QR code: as a matrix, as half-block text for the terminal, and as SVG for printing."""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

from ..workspace import write_atomic

QUIET_ZONE = 4  # modules of light border the QR standard asks for; scanners need it

# Two vertically stacked modules per character: (top dark, bottom dark) -> character.
_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def _code(url: str) -> qrcode.QRCode:
    # Level M survives a smudged screen or a glare spot and keeps a ~55-character URL at version 4.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_matrix(url: str) -> list[list[bool]]:
    """Return the QR code for `url` as rows of modules (True = dark), quiet zone included."""
    return [list(row) for row in _code(url).get_matrix()]


def qr_text(url: str) -> str:
    """Return the QR code as lines of half-block characters, two module rows per line.

    Characters draw the dark modules: show it as black text on a white background (never theme
    colours), so the code is dark-on-light as every scanner expects. The quiet zone is included.
    """
    matrix = qr_matrix(url)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    lines = []
    for top, bottom in zip(matrix[::2], matrix[1::2], strict=False):
        lines.append("".join(_HALF_BLOCKS[(t, b)] for t, b in zip(top, bottom, strict=False)))
    return "\n".join(lines)


def write_qr_svg(url: str, path: Path | str) -> Path:
    """Write the QR code for `url` as an SVG file (for printing or projecting); returns the path.

    Written to a temporary file first and then renamed, so a half-written file never appears.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # box_size 35 = 3.5 mm modules: about 15 cm wide on paper, readable from across a room.
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M,
        border=QUIET_ZONE,
        box_size=35,
        image_factory=qrcode.image.svg.SvgPathFillImage,
    )
    code.add_data(url)
    code.make(fit=True)
    write_atomic(target, code.make_image().to_string(encoding="unicode"))
    return target
