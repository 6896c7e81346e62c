"""`workshop export --html/--pdf` and `workshop antwoordblad` as a user runs them: a real folder, real Chromium."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import workshop
from tests.core import htmlcheck
from tests.print.conftest import CHROMIUM
from workshop.core.join_code import format_join_code, join_code
from workshop.print_exports import DEFAULT_PORT, join_url
from workshop.printing import find_browser

pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the printed PDFs back")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


def run_without_browser(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run workshop on a computer without Chromium, Chrome or Edge: nothing on the PATH, no $WORKSHOP_CHROMIUM."""
    return workshop(*args, cwd=cwd, env={"PATH": str(cwd / "leeg"), "WORKSHOP_CHROMIUM": None})


@pytest.fixture
def session_id(tmp_path: Path) -> str:
    result = workshop("new", "mantelzorg-drempelcheck", "--team", "Team De Linde", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "sessions").glob("*.json")
    return path.stem


def pages(path: Path) -> int:
    return len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_export_html_writes_the_handout_next_to_the_summary(tmp_path, session_id):
    result = workshop("export", session_id, "--html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    handout = tmp_path / "exports" / f"{session_id}.html"
    assert f"Afdrukbare samenvatting geschreven: {handout}" in result.stdout
    assert (tmp_path / "exports" / f"{session_id}.md").exists()  # and the summary and plan as always
    page = htmlcheck.read(handout.read_text(encoding="utf-8"))
    assert ("h1", "Mantelzorg-drempelcheck — Team De Linde") in page.headings
    shown = workshop("export", session_id, "--handout", "--stdout", cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout == handout.read_text(encoding="utf-8")


@needs_chromium
@pytest.mark.slow  # real Chromium prints it
def test_export_pdf_prints_the_handout_with_chromium(tmp_path, session_id):
    result = workshop("export", session_id, "--pdf", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "exports" / f"{session_id}.pdf"
    assert f"PDF written: {pdf}" in result.stdout
    assert pdf.read_bytes().startswith(b"%PDF-") and pages(pdf) >= 2
    assert not [p for p in (tmp_path / "exports").iterdir() if p.name.startswith(".")]  # no temporary files left


def test_without_a_browser_the_pdf_is_refused_and_the_html_is_there_to_print(tmp_path, session_id):
    assert find_browser({"PATH": str(tmp_path / "leeg")}) is None or sys.platform != "linux"
    result = run_without_browser("export", session_id, "--pdf", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Geen PDF gemaakt: er is geen Chromium, Chrome of Edge gevonden." in result.stderr
    assert "Afdrukken > Opslaan als PDF" in result.stderr and "WORKSHOP_CHROMIUM" in result.stderr
    assert (tmp_path / "exports" / f"{session_id}.html").exists()
    assert not (tmp_path / "exports" / f"{session_id}.pdf").exists()
    assert "PDCA-plan" in result.stdout  # the plan was still merged


def test_pdf_and_stdout_do_not_go_together(tmp_path, session_id):
    result = workshop("export", session_id, "--pdf", "--stdout", cwd=tmp_path)
    assert result.returncode == 2 and "--pdf kan niet samen met --stdout" in result.stderr


def test_antwoordblad_writes_the_sheet_with_the_qr_code_for_the_given_address(tmp_path, session_id):
    result = workshop("antwoordblad", session_id[:10], "--host", "10.1.2.3", "--port", "9000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = tmp_path / "exports" / f"{session_id}-antwoordblad.html"
    assert f"Antwoordblad geschreven: {html}" in result.stdout and "PDF" not in result.stdout
    token = result.stdout.split("http://10.1.2.3:9000/j/", 1)[1].split()[0]
    page = htmlcheck.read(html.read_text(encoding="utf-8"))
    assert f"http://10.1.2.3:9000/j/{token}" in page.text
    assert f"Code: {format_join_code(join_code(token))}" in page.text


@needs_chromium
@pytest.mark.slow  # real Chromium prints it; the sheet's content is checked in the fast tier just above
def test_antwoordblad_prints_the_sheet_with_chromium_on_two_pages(tmp_path, session_id):
    result = workshop("antwoordblad", session_id[:10], "--host", "10.1.2.3", "--port", "9000", "--pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "exports" / f"{session_id}-antwoordblad.pdf"
    assert f"PDF geschreven: {pdf}" in result.stdout
    assert pages(pdf) == 2


def test_sheet_in_english_without_a_browser_says_how_to_print(tmp_path, session_id):
    result = run_without_browser("sheet", session_id, "--host", "10.1.2.3", "--pdf", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Answer sheet written:" in result.stdout
    assert "No PDF made: no Chromium, Chrome or Edge was found." in result.stderr


def test_antwoordblad_of_an_unknown_session_is_a_clear_error(tmp_path):
    result = workshop("antwoordblad", "nergens", cwd=tmp_path)
    assert result.returncode == 1
    assert "Sessie 'nergens' niet gevonden" in result.stderr and "Traceback" not in result.stderr


async def test_the_sheet_link_is_the_link_the_real_server_gives_out(tmp_path, clock):
    from tests.conftest import SCRIPTS
    from workshop.core.script import load_script
    from workshop.web.server import DEFAULT_PORT as SERVER_PORT
    from workshop.web.server import ParticipantServer
    from workshop.workspace import Workspace

    assert DEFAULT_PORT == SERVER_PORT
    service = Workspace(tmp_path).new_session(
        load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team De Linde", clock=clock
    )
    server = ParticipantServer(service)
    try:
        url = await server.start("127.0.0.1", 0)
        assert url == join_url("127.0.0.1", server.port or 0, service.state.meta.join_token)
    finally:
        await server.stop()
        service.release()


def test_find_browser_prefers_the_variable_and_refuses_a_missing_file(tmp_path):
    fake = tmp_path / "mijn-chrome"
    fake.write_text("", encoding="utf-8")
    assert find_browser({"WORKSHOP_CHROMIUM": str(fake), "PATH": ""}) == fake
    assert find_browser({"WORKSHOP_CHROMIUM": str(tmp_path / "weg"), "PATH": ""}) is None
    if shutil.which("chromium"):
        assert find_browser({"PATH": os.environ["PATH"]}) == Path(shutil.which("chromium") or "")


@pytest.mark.skipif(not Path("/bin/true").exists(), reason="needs /bin/true as a browser that prints nothing")
def test_a_browser_that_makes_no_pdf_is_reported_and_nothing_is_left_behind(tmp_path, session_id):
    result = workshop("export", session_id, "--pdf", cwd=tmp_path, env={"WORKSHOP_CHROMIUM": "/bin/true"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Geen PDF gemaakt: /bin/true gaf geen PDF" in result.stderr
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == [
        f"{session_id}.html",
        f"{session_id}.md",
        "cijfers",  # the session's anonymous figures, for the overview of a shared folder
        "pdca-team-de-linde.md",
    ]
