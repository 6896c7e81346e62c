"""`workshop check` as a user runs it: warnings name the line and do not fail the check."""

from __future__ import annotations

import shutil

from tests.cli.runner import workshop
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


def test_check_a_folder_checks_every_md_file_in_it(tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    good = FIXTURES / "scripts" / "warning" / "duration-mismatch.md"
    shutil.copy(good, folder / "a.md")
    shutil.copy(FIXTURES / "scripts" / "broken" / "notes-heading-typo.md", folder / "b.md")
    (folder / "notities.txt").write_text("geen script", encoding="utf-8")
    result = workshop("check", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{folder / 'a.md'}: in orde (2 stappen, 15 minuten)" in result.stdout
    assert f'{folder / "b.md"}:13: stap "Verzamelen"' in result.stderr
    assert "Errno" not in result.stderr and "notities.txt" not in result.stdout + result.stderr
    empty = tmp_path / "leeg"
    empty.mkdir()
    none = workshop("check", str(empty), cwd=tmp_path)
    assert none.returncode == 1 and "Errno" not in none.stderr
    assert f"{empty}: in deze map staan geen .md-bestanden" in none.stderr
    assert f"{empty}: dit is een map, geen bestand" in none.stderr


def test_check_names_the_line_of_a_byte_that_is_not_utf8(tmp_path):
    script = tmp_path / "latin.md"
    script.write_bytes("---\nid: t\ntitle: T\n---\n\nCaf\u00e9\n".encode("latin-1"))
    result = workshop("check", str(script), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{script}: kan het bestand niet lezen als tekst (UTF-8): op regel 6 staat een teken dat geen UTF-8 is; "
        "sla het bestand op als UTF-8 (in de teksteditor: Opslaan als, codering UTF-8)"
    )
    assert "codec" not in result.stderr


def test_check_refuses_a_workspace_that_does_not_exist(tmp_path):
    missing = tmp_path / "bestaat-niet"
    result = workshop("check", "--workspace", str(missing), cwd=tmp_path)
    assert result.returncode == 1
    assert f"de map {missing} bestaat niet" in result.stderr
    assert not missing.exists()
