"""Trial 16, item 8: an action still gepland or bezig long after its deadline is late, even when a later check
date exists. `workshop overzicht` and `workshop agenda` (the real command line, on a hand-written plan) both say
so, and which date passed; an uitgesteld action was moved on purpose and waits for its check date."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import workshop

PLAN = """# PDCA-verbeterplan — Team De Linde

## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
| DL-2511-a2 | Folder van het steunpunt geven bij elke opname | | EVV'er | 01-02-2026 | D | bezig, folder is besteld |
| DL-2511-a4 | Afspraken over zorgtaken vastleggen | | teamleider | 01-03-2026 | P | gepland |
| DL-2511-a5 | Scholing voor mantelzorgers plannen | | teamleider | 01-03-2026 | P | uitgesteld |
| DL-2511-a6 | Vast belmoment na opname | | EVV'er | 15-12-2026 | P | gepland |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| DL-2511-a2 | | | 15 december 2026 | |
| DL-2511-a4 | | | 10-01-2027 | |
| DL-2511-a5 | | | 10-01-2027 | |
| DL-2511-a6 | | | 20-12-2026 | |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
"""
TODAY = "2026-12-05"


def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plannen"
    plans.mkdir()
    (plans / "pdca-team-de-linde.md").write_text(PLAN, encoding="utf-8")
    return plans


def test_a_long_passed_deadline_is_late_in_the_agenda_despite_a_later_check_date(tmp_path: Path) -> None:
    plans = folder(tmp_path)
    run = workshop("agenda", str(plans), "--op", TODAY, "--dagen", "30", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    late = run.stdout.split("Te laat (")[1].split("\n\n")[0]
    assert late.startswith("2)")
    assert "DL-2511-a2 Folder van het steunpunt geven bij elke opname · sinds 01-02-2026 (deadline)" in late
    assert "DL-2511-a4 Afspraken over zorgtaken vastleggen · sinds 01-03-2026 (deadline)" in late
    assert "DL-2511-a5" not in late and "DL-2511-a6" not in late  # uitgesteld on purpose; a deadline to come
    # Once its check date passed too, the earlier date (the deadline) is still the one named.
    run = workshop("agenda", str(plans), "--op", "2027-01-20", "--dagen", "30", cwd=tmp_path)
    assert "DL-2511-a5 Scholing voor mantelzorgers plannen · sinds 10-01-2027 (checkdatum)" in run.stdout
    assert "DL-2511-a4 Afspraken over zorgtaken vastleggen · sinds 01-03-2026 (deadline)" in run.stdout


def test_the_overview_counts_and_names_it_and_its_legend_says_the_rule(tmp_path: Path) -> None:
    plans = folder(tmp_path)
    run = workshop("overzicht", str(plans), "--op", TODAY, "--stdout", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if line.startswith("| Team De Linde |"))
    assert row.split("|")[1:5] == [" Team De Linde ", " 4 ", " 0 ", " 2 "]  # open, klaar, te laat
    assert "DL-2511-a2 Folder van het steunpunt geven bij elke opname — te laat sinds 01-02-2026 (deadline)" in (
        run.stdout
    )
    assert "DL-2511-a4 Afspraken over zorgtaken vastleggen — te laat sinds 01-03-2026 (deadline)" in run.stdout
    assert "DL-2511-a5 " not in run.stdout.split("### Wat aandacht vraagt")[1].split("## ")[0]
    assert "Een deadline telt ook als er een latere checkdatum is" in run.stdout
