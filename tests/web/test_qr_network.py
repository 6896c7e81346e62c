"""The join QR code (terminal text, matrix, SVG) decodes to the URL; the LAN address is chosen sensibly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from tests.web.qrscan import decode, matrix_from_text
from workshop.web.network import lan_address, lan_candidates
from workshop.web.qr import QUIET_ZONE, qr_matrix, qr_text, write_qr_svg

URL = "http://192.168.178.123:8765/j/" + "Ab3_dE-fGhIjKlMnOpQrSt"  # a realistic join URL, 52 characters


def test_matrix_decodes_and_has_a_quiet_zone():
    matrix = qr_matrix(URL)
    assert decode(matrix) == URL
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert not any(
        matrix[y][x]
        for y in range(size)
        for x in range(size)
        if min(x, y) < QUIET_ZONE or max(x, y) >= size - QUIET_ZONE
    )


def test_terminal_text_decodes_and_fits_a_terminal():
    text = qr_text(URL)
    lines = text.split("\n")
    size = len(qr_matrix(URL))
    assert len(lines) == (size + 1) // 2 and {len(line) for line in lines} == {size}
    assert size <= 41  # version 4 or less: 41 columns, 21 lines
    assert set(text) <= {" ", "▀", "▄", "█", "\n"}
    assert lines[0].strip() == lines[1].strip() == ""  # quiet zone above
    assert decode(matrix_from_text(text)) == URL


def test_svg_for_printing_decodes(tmp_path: Path):
    path = write_qr_svg(URL, tmp_path / "exports" / "join.svg")
    assert path.exists() and not list(path.parent.glob(".join.svg.*"))
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    # Rebuild the modules from the path's unit squares ("M4,4H5V5H4z") and scan them.
    size = len(qr_matrix(URL))
    matrix = [[False] * size for _ in range(size)]
    unit = float(root.get("viewBox").split()[2]) / size  # the SVG's length of one module
    for x, y in re.findall(r"M(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)H", path.read_text()):
        matrix[round(float(y) / unit)][round(float(x) / unit)] = True
    assert decode(matrix) == URL


@dataclass
class FakeIP:
    ip: object
    network_prefix: int = 24


@dataclass
class FakeAdapter:
    name: str
    ips: list[FakeIP] = field(default_factory=list)
    nice_name: str = ""


def adapters(*specs: tuple[str, str] | tuple[str, str, str]) -> list[FakeAdapter]:
    result = []
    for spec in specs:
        name, ip = spec[0], spec[1]
        nice = spec[2] if len(spec) > 2 else name
        result.append(FakeAdapter(name, [FakeIP(ip), FakeIP(("fe80::1", 0, 2), 64)], nice))
    return result


def test_lan_address_prefers_wifi_and_skips_loopback_containers_vpns_and_link_local():
    found = adapters(
        ("lo", "127.0.0.1"),
        ("docker0", "172.17.0.1"),
        ("br-3f2a", "172.18.0.1"),
        ("veth12", "172.17.0.5"),
        ("tailscale0", "100.101.1.2"),
        ("wg0", "10.8.0.2"),
        ("eth0", "10.0.0.5"),
        ("wlp2s0", "192.168.1.23"),
        ("enx00", "169.254.3.4"),
    )
    assert lan_address(adapters=found) == "192.168.1.23"
    assert [c.address for c in lan_candidates(found)] == ["192.168.1.23", "10.0.0.5"]


def test_lan_address_on_windows_uses_nice_names():
    found = adapters(
        ("{A1}", "172.25.80.1", "vEthernet (WSL)"),
        ("{B2}", "192.168.56.1", "VirtualBox Host-Only Network"),
        ("{C3}", "192.168.2.14", "Wi-Fi"),
    )
    assert lan_address(adapters=found) == "192.168.2.14"


def test_no_lan_address_means_none_and_an_override_wins():
    assert lan_address(adapters=adapters(("lo", "127.0.0.1"), ("docker0", "172.17.0.1"))) is None
    assert lan_address(" 10.1.2.3 ", adapters=[]) == "10.1.2.3"
    real = lan_address()  # the real interfaces: whatever this machine has, it must not fail
    assert real is None or re.fullmatch(r"\d+\.\d+\.\d+\.\d+", real)


def test_every_phone_text_has_an_english_translation():
    from workshop.web.pages import SCRIPT_WORDS
    from workshop.web.strings import EN

    root = Path(__file__).resolve().parents[2] / "workshop" / "web"
    used = set()
    for path in [*root.glob("templates/*.html"), *root.glob("*.py")]:
        if path.name == "strings.py":
            continue
        text = path.read_text()
        used |= set(re.findall(r'\bt\(\s*"([^"]+)"', text)) | set(re.findall(r"\bt\(\s*'([^']+)'", text))
        used |= set(re.findall(r'\bt\(\s*request,\s*"([^"]+)"', text))
        used |= set(re.findall(r'link_text="([^"]+)"', text))
        for pair in re.findall(r'heading = "([^"]+)" if .* else "([^"]+)"', text):
            used |= set(pair)
    used |= set(SCRIPT_WORDS.values())
    missing = sorted(used - set(EN))
    assert not missing, missing
    assert len(used) > 30
