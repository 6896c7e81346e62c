"""`workshop check` as a user runs it: warnings name the line and do not fail the check."""

from __future__ import annotations

import shutil

from tests.cli.test_cli import workshop
from tests.conftest import FIXTURES


def test_check_warns_about_duration_but_passes(tmp_path):
    script = tmp_path / "duur.md"
    shutil.copy(FIXTURES / "scripts" / "warning" / "duration-mismatch.md", script)
    result = workshop("check", str(script), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{script}: OK (2 steps, 15 minutes)" in result.stdout
    assert result.stderr.strip() == (
        f"{script}:5: warning: duration is 15 minutes, but the steps add up to 13 minutes; "
        "change duration or the steps' minutes"
    )
    dutch = workshop("check", str(script), cwd=tmp_path)
    assert dutch.returncode == 0 and f"{script}:5: waarschuwing: duration is 15 minuten" in dutch.stderr


def test_check_names_a_misspelt_notes_heading(tmp_path):
    script = tmp_path / "kapot.md"
    shutil.copy(FIXTURES / "scripts" / "broken" / "notes-heading-typo.md", script)
    result = workshop("check", str(script), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{script}:13: step \"Verzamelen\": the heading 'Voor de begleider'" in result.stderr
    assert '(did you mean "### Voor de begeleider"?)' in result.stderr
