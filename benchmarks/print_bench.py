"""Benchmark: the cost of the printables. Building the handout and answer sheet, and printing them to PDF.

For a realistic, closed session of every shipped script (tests/print/realistic.py: 8 people, 4-6 cards
per step, every vote and rating given, actions, a review of the team's open actions):
- the time to build the handout HTML (markdown-it-py + the charts) and the answer sheet, median of --runs;
- the time to print each to PDF with the Chromium-family browser on this computer (workshop/printing.py:
  a fresh headless browser process per PDF, as `workshop export --pdf` does), and the pages it made;
- with --weasyprint-python PATH (a Python that has WeasyPrint installed, e.g. a separate venv), the
  same PDFs made by WeasyPrint: its import time and render time, for comparison.

    .venv/bin/python benchmarks/print_bench.py [--runs 5] [--weasyprint-python /tmp/wpvenv/bin/python]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.print.realistic import workspace_with_sessions  # noqa: E402
from workshop.core.answer_sheet import answer_sheet_html  # noqa: E402
from workshop.core.handout import handout_html  # noqa: E402
from workshop.printing import find_browser, print_pdf  # noqa: E402
from workshop.web.qr import qr_matrix  # noqa: E402

WEASYPRINT = """
import sys, time
t = time.perf_counter()
import weasyprint
print(f"import {time.perf_counter() - t:.3f}")
for name in sys.argv[1:]:
    t = time.perf_counter()
    document = weasyprint.HTML(filename=name).render()
    document.write_pdf(name + ".weasy.pdf")
    print(f"{name} {time.perf_counter() - t:.3f} {len(document.pages)}")
"""


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def pdf_pages(path: Path) -> str:
    try:
        import pypdf
    except ImportError:
        return "?"
    return str(len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--weasyprint-python", type=Path, help="a Python with WeasyPrint installed")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="print-bench-"))
    _workspace, states = workspace_with_sessions(folder / "workspace")
    browser = find_browser()
    print(f"browser: {browser or 'none found'}")
    print(f"{'script':34} {'handout ms':>10} {'KB':>5} {'sheet ms':>8} {'PDF s':>6} {'pages':>5} {'sheet PDF s':>11}")
    files = []
    for name, state in states.items():
        url = f"http://192.168.1.20:8765/j/{state.meta.join_token}"
        handout = handout_html(state)
        sheet = answer_sheet_html(state, join_url=url, qr=qr_matrix(url))
        build = median_ms(lambda state=state: handout_html(state), args.runs)
        build_sheet = median_ms(
            lambda state=state, url=url: answer_sheet_html(state, join_url=url, qr=qr_matrix(url)), args.runs
        )
        stem = folder / name.removesuffix(".md")
        for suffix, text in ((".html", handout), ("-sheet.html", sheet)):
            Path(f"{stem}{suffix}").write_text(text, encoding="utf-8")
            files.append(f"{stem}{suffix}")
        pdf_s = sheet_s = float("nan")
        pages = "-"
        if browser:
            start = time.perf_counter()
            print_pdf(handout, Path(f"{stem}.pdf"), browser=browser)
            pdf_s = time.perf_counter() - start
            pages = pdf_pages(Path(f"{stem}.pdf"))
            start = time.perf_counter()
            print_pdf(sheet, Path(f"{stem}-sheet.pdf"), browser=browser)
            sheet_s = time.perf_counter() - start
        print(
            f"{name:34} {build:10.1f} {len(handout) / 1024:5.0f} {build_sheet:8.1f} {pdf_s:6.2f} {pages:>5}"
            f" {sheet_s:11.2f}"
        )
    if args.weasyprint_python:
        result = subprocess.run(
            [str(args.weasyprint_python), "-c", WEASYPRINT, *files], capture_output=True, text=True, check=False
        )
        print("\nWeasyPrint (seconds, pages):")
        print(result.stdout.replace(str(folder) + "/", "") or result.stderr[-2000:])
    print(f"files in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
