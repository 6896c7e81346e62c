"""Built-in and own scripts as a user meets them: `workshop check`, `workshop new`, `workshop new-script`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.runner import workshop
from tests.conftest import ROOT, SCRIPTS

BUILTIN = sorted(p for p in SCRIPTS.glob("*.md") if p.name != "README.md")


def test_an_empty_workspace_offers_the_built_in_scripts_and_says_so(tmp_path):
    assert len(BUILTIN) >= 4
    result = workshop("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Built-in scripts by their name, not by their path inside the installed package.
    assert lines == [f"{p.name}: in orde ({n} stappen, {m} minuten) · ingebouwd" for p, n, m in lines_of(BUILTIN)]
    english = workshop("check", "--lang", "en", cwd=tmp_path)
    assert english.stdout.splitlines()[0].endswith(" · built-in")


def lines_of(paths: list[Path]) -> list[tuple[Path, int, int]]:
    from workshop.core.script import load_script

    return [(p, len(s.steps), s.duration) for p in paths for s in [load_script(p)]]


def test_new_script_copies_a_built_in_script_under_a_new_id(tmp_path):
    result = workshop("new-script", "mantelzorg-drempelcheck", "mantelzorg-ons-team", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copy = tmp_path / "scripts" / "mantelzorg-ons-team.md"
    assert f"Script gekopieerd naar {copy} (id: mantelzorg-ons-team)" in result.stdout
    assert f"workshop check {copy}" in result.stdout
    original = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    assert copy.read_text(encoding="utf-8") == original.replace(
        "id: mantelzorg-drempelcheck\n", "id: mantelzorg-ons-team\n", 1
    )
    # Offered next to the built-in one (which it does not replace: another id), first, as the workspace's own.
    checked = workshop("check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    lines = checked.stdout.splitlines()
    ((_, steps, minutes),) = lines_of([SCRIPTS / "mantelzorg-drempelcheck.md"])
    assert lines[0] == f"{copy}: in orde ({steps} stappen, {minutes} minuten) · eigen script"
    assert len(lines) == 1 + len(BUILTIN) and all(line.endswith("· ingebouwd") for line in lines[1:])
    started = workshop("new", "mantelzorg-ons-team", "--team", "Team Oost", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "-team-oost-mantelzorg-ons-team" in started.stdout
    # An own script can be copied too; the copy of the copy keeps the edits.
    copy.write_text(copy.read_text(encoding="utf-8").replace("title: Mantelzorg-drempelcheck", "title: Ons"), "utf-8")
    again = workshop("new-script", "mantelzorg-ons-team.md", "nog-een", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "title: Ons\n" in (tmp_path / "scripts" / "nog-een.md").read_text(encoding="utf-8")


def test_new_script_never_overwrites(tmp_path):
    (tmp_path / "scripts").mkdir()
    mine = tmp_path / "scripts" / "mijn-script.md"
    mine.write_text("mijn eigen tekst, nog niet af\n", encoding="utf-8")
    result = workshop("new-script", "visie-leren-ontwikkelen", "mijn-script", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{mine} bestaat al; er is niets overschreven" in result.stderr
    assert mine.read_text(encoding="utf-8") == "mijn eigen tekst, nog niet af\n"
    # Nor takes the id of a built-in script (it would replace that one).
    taken = workshop("new-script", "visie-leren-ontwikkelen", "mantelzorg-drempelcheck", "--lang", "en", cwd=tmp_path)
    assert taken.returncode == 1
    assert f"There is a script named 'mantelzorg-drempelcheck' already: {SCRIPTS / 'mantelzorg-drempelcheck.md'}" in (
        taken.stderr
    )
    assert sorted(p.name for p in (tmp_path / "scripts").iterdir()) == ["mijn-script.md"]


def test_new_script_names_an_unknown_source_with_the_closest_one(tmp_path):
    result = workshop("new-script", "mantelzorg", "ons-script", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Script 'mantelzorg' niet gevonden. Bedoel je 'mantelzorg-drempelcheck'?" in result.stderr
    assert "Beschikbaar: " + ", ".join(p.stem for p in BUILTIN) in result.stderr
    typo = workshop("new-script", "visie-leren-ontwikelen", "ons-script", "--lang", "en", cwd=tmp_path)
    assert "Script 'visie-leren-ontwikelen' not found. Did you mean 'visie-leren-ontwikkelen'?" in typo.stderr
    assert not (tmp_path / "scripts").exists()


def test_new_script_refuses_a_name_that_cannot_be_an_id(tmp_path):
    result = workshop("new-script", "visie-leren-ontwikkelen", "Ons Script", cwd=tmp_path)
    assert result.returncode == 1
    assert "'Ons Script' kan geen script-id zijn" in result.stderr and "bijv.: ons-script" in result.stderr
    assert not (tmp_path / "scripts").exists()


def test_a_workspace_script_with_a_built_in_id_replaces_it(tmp_path):
    (tmp_path / "scripts").mkdir()
    own = tmp_path / "scripts" / "onze-drempelcheck.md"
    text = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    own.write_text(text.replace("title: Mantelzorg-drempelcheck", "title: Onze drempelcheck"), encoding="utf-8")
    checked = workshop("check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    builtin = SCRIPTS / "mantelzorg-drempelcheck.md"
    assert (
        f"{builtin}: ingebouwd script 'mantelzorg-drempelcheck' wordt niet aangeboden: {own} vervangt het"
        in checked.stdout
    )
    assert f"{builtin}: in orde" not in checked.stdout and f"{own}: in orde" in checked.stdout
    started = workshop("new", "mantelzorg-drempelcheck", "--team", "T", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    exported = workshop("export", "2", "--stdout", cwd=tmp_path)
    assert exported.stdout.startswith("# Onze drempelcheck — T")


def test_check_without_any_script_says_so_and_fails(tmp_path):
    """An install that lost its built-in scripts (as the wheels before 0.1.0's packaging fix did) and an empty
    workspace: `check` must not pass silently."""
    install = tmp_path / "install"
    shutil.copytree(ROOT / "workshop", install / "workshop", ignore=shutil.ignore_patterns("scripts", "__pycache__"))
    workspace = tmp_path / "leeg"
    workspace.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("WORKSHOP_HOME", "WORKSHOP_LANG")}
    result = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "check"],
        cwd=workspace,
        env={**env, "PYTHONPATH": str(install)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert f"Geen scripts gevonden: niet in {workspace / 'scripts'} en ook geen ingebouwde scripts in " in result.stderr
    assert str(install / "workshop" / "scripts") in result.stderr
    assert "Installeer workshop opnieuw" in result.stderr
