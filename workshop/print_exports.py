"""Write a session's printables to exports/: the handout and the paper answer sheet, as HTML and, when asked, PDF.

The one entry point for every front end: the CLI calls it now, the TUI's export can call it later
(`write_handout(workspace, state, pdf=False)` next to the Markdown summary). The HTML is always
written first, so when no PDF can be made (PrintError) the file to print from a browser is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .core.answer_sheet import answer_sheet_html
from .core.handout import handout_html
from .core.model import SessionState
from .workspace import Workspace

# The phones' port when the facilitator gives none: web/server.py's DEFAULT_PORT, kept here because
# importing the server (aiohttp) would cost this command 0.8 s; tests/print/test_print_exports.py
# checks both agree, and that join_url is the address the real server gives out.
DEFAULT_PORT = 8765
SHEET_SUFFIX = "-antwoordblad"


@dataclass(frozen=True)
class SheetFiles:
    """What write_answer_sheet wrote, and the join link on the sheet ("" when it has no QR code)."""

    html: Path
    pdf: Path | None
    join_url: str


def join_url(host: str, port: int, token: str) -> str:
    """Return the link phones open for a session: the one the QR code holds (as ParticipantServer.url)."""
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/j/{token}"


def handout_path(workspace: Workspace, session_id: str, suffix: str = ".html") -> Path:
    """Return where a session's handout goes: exports/<id>.html (or .pdf)."""
    return workspace.exports_dir / f"{session_id}{suffix}"


def sheet_path(workspace: Workspace, session_id: str, suffix: str = ".html") -> Path:
    """Return where a session's answer sheet goes: exports/<id>-antwoordblad.html (or .pdf)."""
    return workspace.exports_dir / f"{session_id}{SHEET_SUFFIX}{suffix}"


def write_handout(workspace: Workspace, state: SessionState, *, pdf: bool = False) -> tuple[Path, Path | None]:
    """Write the handout as HTML, and as PDF when `pdf`; returns both paths (None: no PDF asked).

    Raises PrintError (after the HTML is written) when the PDF cannot be made.
    """
    html = handout_html(state)
    written = workspace.write_export(handout_path(workspace, state.meta.id).name, html)
    return written, _pdf(html, handout_path(workspace, state.meta.id, ".pdf")) if pdf else None


def write_answer_sheet(
    workspace: Workspace, state: SessionState, *, host: str | None, port: int | None = None, pdf: bool = False
) -> SheetFiles:
    """Write the answer sheet as HTML (and PDF when `pdf`), with the QR code for `host` and `port`.

    Without a host (no network found and none given), or for a session without a join token yet, the
    sheet has no QR code and link; the caller says so. Raises PrintError (after the HTML is written)
    when the PDF cannot be made.
    """
    from .web.qr import qr_matrix  # qrcode is only needed here

    token = state.meta.join_token
    url = join_url(host, port or DEFAULT_PORT, token) if host and token else ""
    html = answer_sheet_html(state, join_url=url or None, qr=qr_matrix(url) if url else None)
    written = workspace.write_export(sheet_path(workspace, state.meta.id).name, html)
    made = _pdf(html, sheet_path(workspace, state.meta.id, ".pdf")) if pdf else None
    return SheetFiles(html=written, pdf=made, join_url=url)


def _pdf(html: str, target: Path) -> Path:
    from .printing import print_pdf

    return print_pdf(html, target)
