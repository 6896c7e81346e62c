"""Scanning QR codes in tests: draw the modules as an image and decode it with zxing-cpp."""

from __future__ import annotations

import pytest


def decode(matrix: list[list[bool]], scale: int = 6) -> str:
    """Draw `matrix` as a black-on-white image and decode it with zxing-cpp; returns the text."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (test extra) decodes the QR codes")
    Image = pytest.importorskip("PIL.Image", reason="Pillow (test extra) draws the QR codes to decode")

    size = len(matrix)
    image = Image.new("L", (len(matrix[0]) * scale, size * scale), 255)
    pixels = image.load()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        pixels[x * scale + dx, y * scale + dy] = 0
    (found,) = zxingcpp.read_barcodes(image)
    return found.text


def matrix_from_text(text: str) -> list[list[bool]]:
    """Read the half-block characters back into module rows, as a camera would see them."""
    top = {" ": False, "▀": True, "▄": False, "█": True}
    bottom = {" ": False, "▀": False, "▄": True, "█": True}
    rows = []
    for line in text.split("\n"):
        rows.append([top[ch] for ch in line])
        rows.append([bottom[ch] for ch in line])
    return rows
