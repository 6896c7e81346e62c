"""Print a self-contained HTML document to an A4 PDF with a Chromium-family browser already on this computer.

Chromium, Chrome and Edge print the handout exactly as a facilitator's own browser would, and they
are on nearly every laptop (Edge ships with Windows), so PDF costs workshop no dependency. We look for
$WORKSHOP_CHROMIUM, then the usual names on the PATH, then the usual install places on Windows and
macOS. Without one, PrintError("print.no_browser") says how to print the HTML from any browser.
(Measured alternative: WeasyPrint adds 73 MB and 13 packages plus the Pango system libraries, and
takes 0.8 s to import; see benchmarks/print_bench.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .core.errors import WorkshopError

ENV_VAR = "WORKSHOP_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "microsoft-edge", "msedge")
KNOWN_PLACES = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)
TIMEOUT = 90.0  # seconds; a PDF takes about 2 s, the first start of a browser on a slow laptop longer
# Quiet, offline, no profile of the user's: the browser only turns our file into a PDF.
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


class PrintError(WorkshopError):
    """A PDF could not be made; the HTML next to it can still be printed from a browser."""


def find_browser(environ: Mapping[str, str] | None = None) -> Path | None:
    """Return the Chromium-family browser to print with, or None when this computer has none we know.

    $WORKSHOP_CHROMIUM wins when set (and must then exist); else the PATH, then the usual install places.
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENV_VAR, "").strip()
    if chosen:
        path = Path(chosen).expanduser()
        return path if path.is_file() else None
    for name in NAMES:
        found = shutil.which(name, path=environ.get("PATH", os.defpath))
        if found:
            return Path(found)
    for place in KNOWN_PLACES:
        if Path(place).is_file():
            return Path(place)
    return None


def print_pdf(html: str, target: Path, *, browser: Path | None = None, timeout: float = TIMEOUT) -> Path:
    """Print `html` (a whole, self-contained document) to the PDF file `target`; returns `target`.

    The PDF appears whole or not at all (written next to `target`, then renamed). Raises PrintError:
    print.no_browser (none found), print.timeout, print.failed (the browser made no PDF).
    """
    browser = browser or find_browser()
    if browser is None:
        raise PrintError("print.no_browser", variable=ENV_VAR)
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="workshop-print-") as folder:
        source = Path(folder) / "document.html"
        source.write_text(html, encoding="utf-8")
        output = Path(folder) / "document.pdf"
        command = [str(browser), *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={output}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        command.append(source.as_uri())
        try:
            # The browser's own chatter is not ours to show, and the document may hold participants' words.
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PrintError("print.timeout", browser=str(browser), seconds=int(timeout)) from None
        except OSError as exc:
            raise PrintError("print.failed", browser=str(browser), reason=exc.strerror or type(exc).__name__) from None
        data = output.read_bytes() if output.is_file() else b""
        if not data.startswith(b"%PDF-"):
            raise PrintError("print.failed", browser=str(browser), reason="geen PDF / no PDF")
        _write_bytes_atomic(target, data)
    return target


def _write_bytes_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
