"""The `workshop` command as a user runs it: a real workspace folder; in this process but for the entry point."""

from __future__ import annotations

import shutil

import pytest

from tests.cli.runner import workshop, workshop_process
from tests.conftest import SCRIPTS


def test_version_and_usage_errors_as_the_shell_sees_them(tmp_path):
    """The module entry point in a real process: its output and its exit codes."""
    result = workshop_process("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("workshop 0.")
    assert workshop_process("onbekend", cwd=tmp_path).returncode == 2
    broken = workshop_process("export", "nergens", cwd=tmp_path)
    assert broken.returncode == 1 and "Sessie 'nergens' niet gevonden" in broken.stderr


def test_check_passes_on_every_shipped_script(tmp_path):
    result = workshop("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for script in SCRIPTS.glob("*.md"):
        if script.name != "README.md":
            assert f"{script.name}: in orde" in result.stdout  # built-in: by name, not by install path


def test_check_reports_file_line_errors_on_broken_scripts(tmp_path):
    broken = tmp_path / "kapot.md"
    text = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    broken.write_text(text.replace("- kind: vote", "- kind: vot", 1), encoding="utf-8")
    line = text.splitlines().index("- kind: vote") + 1
    result = workshop("check", str(broken), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{broken}:{line}: step " in result.stderr
    assert 'has kind "vot"; expected one of: explain, round, collect' in result.stderr
    assert "Traceback" not in result.stderr


def test_new_sessions_and_export(tmp_path):
    result = workshop("new", "mantelzorg-drempelcheck", "--team", "Team De Linde", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    session_id = "2026"  # any date prefix; find the real id below
    files = list((tmp_path / "sessions").glob("*.json"))
    assert len(files) == 1
    session_id = files[0].stem
    assert session_id.endswith("-team-de-linde-mantelzorg-drempelcheck")
    listed = workshop("sessions", cwd=tmp_path)
    assert session_id in listed.stdout and "open" in listed.stdout and "1/10" in listed.stdout
    exported = workshop("export", session_id[:14], cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    assert summary.startswith("# Mantelzorg-drempelcheck — Team De Linde")


def test_new_with_unknown_script_lists_the_available_ones(tmp_path):
    result = workshop("new", "bestaat-niet", "--team", "T", cwd=tmp_path)
    assert result.returncode == 1
    assert "visie-leren-ontwikkelen" in result.stderr and "Traceback" not in result.stderr


def test_export_of_unknown_session_is_a_clear_error(tmp_path):
    result = workshop("export", "nergens", cwd=tmp_path)
    assert result.returncode == 1
    assert "Sessie 'nergens' niet gevonden" in result.stderr and "Traceback" not in result.stderr


def test_damaged_session_file_is_reported_and_left_alone(tmp_path):
    workshop("new", "visie-leren-ontwikkelen", "--team", "T", cwd=tmp_path)
    (path,) = (tmp_path / "sessions").glob("*.json")
    damaged = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(damaged)
    result = workshop("export", path.stem, cwd=tmp_path)
    assert result.returncode == 1 and "beschadigd" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == damaged
    listed = workshop("sessions", cwd=tmp_path)
    assert "BESCHADIGD" in listed.stdout


def test_a_json_file_that_is_not_a_session_is_reported_and_left_alone(tmp_path):
    (tmp_path / "sessions").mkdir()
    other = tmp_path / "sessions" / "iets-anders.json"
    other.write_text('{"_default": {"1": {"_key": "x", "naam": "ander programma"}}}', encoding="utf-8")
    before = other.read_bytes()
    listed = workshop("sessions", cwd=tmp_path)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert "iets-anders  BESCHADIGD: Dit bestand is geen (volledige) workshop-sessie" in listed.stdout
    for command in (["export", "iets-anders"], ["--session", "iets-anders", "--no-phones"]):
        result = workshop(*command, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr, command
        assert "geen (volledige) workshop-sessie ('script' ontbreekt)" in result.stderr
    assert other.read_bytes() == before


def test_team_name_is_required(tmp_path):
    result = workshop("new", "visie-leren-ontwikkelen", "--team", " ", cwd=tmp_path)
    assert result.returncode == 1 and "naam van het team" in result.stderr


def test_own_script_in_workspace_is_found(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPTS / "visie-leren-ontwikkelen.md", tmp_path / "scripts" / "eigen.md")
    text = (tmp_path / "scripts" / "eigen.md").read_text(encoding="utf-8")
    (tmp_path / "scripts" / "eigen.md").write_text(
        text.replace("id: visie-leren-ontwikkelen", "id: eigen"), encoding="utf-8"
    )
    result = workshop("new", "eigen", "--team", "T", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args", [["new"], ["export"], ["onbekend"]])
def test_usage_errors_exit_2(tmp_path, args):
    assert workshop(*args, cwd=tmp_path).returncode == 2
