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


def join_sheet_svg(url: str, *, title: str, code: str, instructions: tuple[str, ...]) -> str:
    """Return a printable SVG: the QR code for `url`, then `title`, the `instructions`, the short `code`, the link.

    The QR code's modules are unit squares at the top left of the drawing (quiet zone included), so the
    code scans as the plain one does; the texts below it are for people who type the link or the code.
    """
    from xml.sax.saxutils import escape

    matrix = qr_matrix(url)
    size = len(matrix)
    width = max(size, 50)
    left = (width - size) // 2
    squares = "".join(
        f"M{left + x},{y}H{left + x + 1}V{y + 1}H{left + x}z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    )
    lines = [(title, 3.0, "font-weight:bold")]
    lines += [(line, 1.5, "") for line in instructions]
    if code:
        lines.append((code, 3.0, "font-weight:bold;letter-spacing:0.3"))
    lines.append((url, 1.5, "font-family:monospace"))
    y = size + 1.0
    texts = []
    for text, font_size, style in lines:
        y += font_size * 1.3
        texts.append(
            f'<text x="{width / 2}" y="{y:.1f}" font-size="{font_size}" text-anchor="middle" '
            f'style="font-family:sans-serif;{style}">{escape(text)}</text>'
        )
    height = y + 2
    # 3.5 mm modules, as the plain code: about 15 cm wide on paper, readable from across a room.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * 3.5}mm" height="{height * 3.5:.1f}mm" '
        f'viewBox="0 0 {width} {height:.1f}">'
        f'<rect width="{width}" height="{height:.1f}" fill="#ffffff"/>'
        f'<path d="{squares}" fill="#000000"/>' + "".join(texts) + "</svg>"
    )


def write_join_sheet(url: str, path: Path | str, *, title: str, code: str, instructions: tuple[str, ...]) -> Path:
    """Write `join_sheet_svg` to `path` (atomically: a half-written file never appears); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, join_sheet_svg(url, title=title, code=code, instructions=instructions))
    return target
