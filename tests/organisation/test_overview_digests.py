"""The overview's stored digests (store/digest_cache.py) on the realistic organisation: a digest is only used when
it is verified for the session as it is now, and anything wrong with one costs time, never a wrong figure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.organisation.orgworkspace import ORG, TODAY, Org
from workshop.cli import main as cli
from workshop.core.overview import build_overview
from workshop.core.overview_sessions import digest_from_record, digest_from_tables, digest_record
from workshop.core.overview_text import overview_markdown
from workshop.organisation import read_plans, read_sessions, workspace_sources
from workshop.store import read_tables
from workshop.store.digest_cache import FOLDER, cached_digest, digest_path

ROOT = Path(__file__).resolve().parents[2]


def sessions_of(org: Org) -> list[Path]:
    return list(workspace_sources(org.workspace).sessions)


def by_id(digests) -> dict:
    return {d.id: d for d in digests}


def read(org: Org) -> dict:
    digests, problems = read_sessions(sessions_of(org), workers=1)
    assert problems == []
    return by_id(digests)


def markdown_of(org: Org) -> str:
    sources = workspace_sources(org.workspace)
    digests, problems = read_sessions(sources.sessions, workers=1)
    return overview_markdown(build_overview(read_plans(sources.plans), digests, today=TODAY, problems=problems))


def full_reads(org: Org) -> dict:
    """Every session's digest read from its whole file, the way the overview did before digests were kept."""
    return by_id(digest_from_tables(read_tables(p)) for p in sessions_of(org))


def test_closing_a_session_stores_its_digest_and_a_warm_overview_equals_a_cold_one(org: Org):
    paths = sessions_of(org)
    assert len(paths) == 15
    # The app wrote every digest when it closed its session: the first overview already reads only those.
    assert all(digest_path(p).is_file() for p in paths)
    assert by_id(cached_digest(p) for p in paths) == full_reads(org)
    warm = markdown_of(org)
    shutil.rmtree(org.root / "sessions" / FOLDER)
    cold_digests = read(org)  # no digests: every session read in full, and its digest stored again
    assert cold_digests == full_reads(org)
    assert all(cached_digest(p) is not None for p in paths)
    assert read(org) == cold_digests
    assert markdown_of(org) == warm
    # Digests are the session's kind of data: only the owner may read them, as the session files.
    if os.name == "posix":
        assert (org.root / "sessions" / FOLDER).stat().st_mode & 0o077 == 0
        assert all(digest_path(p).stat().st_mode & 0o077 == 0 for p in paths)
    assert not any(p.name.endswith(".digest") for p in (org.root / "exports").rglob("*"))


def test_a_session_edited_to_the_same_size_and_time_gives_fresh_figures(org: Org):
    path = next(p for p in sessions_of(org) if b"Samen met naasten" in p.read_bytes())
    before = read(org)[path.stem]
    assert "Samen met naasten" in {t.name for t in before.themes}
    stat = path.stat()
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"Samen met naasten", b"Samen met buren!!"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    after = read(org)[path.stem]
    assert "Samen met buren!!" in {t.name for t in after.themes}
    assert "Samen met naasten" not in {t.name for t in after.themes}
    assert after == digest_from_tables(read_tables(path))


def test_writes_in_a_running_sessions_journal_give_fresh_figures(org: Org):
    workspace = org.workspace
    clock = FakeClock(datetime(2026, 11, 20, 13, 30, tzinfo=UTC))
    script = workspace.find_script("kwaliteitsbeeld-retrospectief")
    service = workspace.new_session(script, team="Team De Linde", organisation=ORG, clock=clock)
    session_id = service.state.meta.id
    path = workspace.find_session(session_id)
    try:
        group = next(s for s in service.state.script.steps if s.kind == "group")
        service.go_to(group.id)
        service.create_theme("Nieuw thema", group.id)
        assert "Nieuw thema" in {t.name for t in read(org)[session_id].themes}
        service.create_theme("Nog een thema", group.id)  # one more line in the journal, nothing else changes
        assert "Nog een thema" in {t.name for t in read(org)[session_id].themes}
        assert read(org)[session_id] == digest_from_tables(read_tables(path))
    finally:
        service.release()
    assert cached_digest(path) == digest_from_tables(read_tables(path))  # stored again on closing


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="cut off"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"\x00\xff" * 50, id="not text"),
        pytest.param(lambda b: b.replace(b'"dots":', b'"dots":9', 1), id="a figure changed"),
        pytest.param(lambda b: b.replace(b'"workshop-overzicht":1', b'"workshop-overzicht":0', 1), id="old format"),
        pytest.param(lambda b: b.split(b"\n", 1)[1], id="no header"),
    ],
)
def test_a_damaged_digest_is_ignored_and_rebuilt(org: Org, damage):
    expected = full_reads(org)
    path = next(p for p in sessions_of(org) if b'"dots":' in digest_path(p).read_bytes())
    digest_path(path).write_bytes(damage(digest_path(path).read_bytes()))
    assert read(org) == expected
    assert cached_digest(path) == expected[path.stem]  # written again


def test_a_digest_of_another_session_is_not_used(org: Org):
    one, other = sessions_of(org)[:2]
    shutil.copy(digest_path(other), digest_path(one))
    assert cached_digest(one) is None
    assert read(org) == full_reads(org)


def test_a_folder_that_cannot_take_digests_still_gives_the_overview(org: Org):
    expected = full_reads(org)
    shutil.rmtree(org.root / "sessions" / FOLDER)
    (org.root / "sessions" / FOLDER).write_text("geen map", encoding="utf-8")  # so no folder can be made there
    assert read(org) == expected
    assert markdown_of(org)


def test_a_full_disk_still_gives_the_same_overview(org: Org):
    """A real file-size limit (as on a full disk) in the process that runs `workshop overzicht`: no digest fits (its
    first line alone is longer)."""
    shutil.rmtree(org.root / "sessions" / FOLDER)
    limited = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (128, 128)); "
        "from workshop.cli import main; raise SystemExit(main(sys.argv[1:]))"
    )
    command = [sys.executable, "-c", limited, "--workspace", str(org.root), "overzicht", "--stdout"]
    run = subprocess.run([*command, "--op", TODAY.isoformat()], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in (org.root / "sessions" / FOLDER).iterdir()] == []  # no digest, no temp file left
    assert run.stdout == markdown_of_stdout(org)


def markdown_of_stdout(org: Org) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "--workspace", str(org.root), "overzicht", "--stdout"]
        + ["--op", TODAY.isoformat()],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in a read-only folder anyway")
def test_a_read_only_sessions_folder_still_gives_the_overview(org: Org):
    expected = full_reads(org)
    shutil.rmtree(org.root / "sessions" / FOLDER)
    folder = org.root / "sessions"
    folder.chmod(0o500)
    try:
        assert read(org) == expected
    finally:
        folder.chmod(0o700)
    assert not (folder / FOLDER).exists()


def test_a_digest_whose_session_was_deleted_by_hand_is_removed(org: Org):
    path = sessions_of(org)[0]
    assert digest_path(path).is_file()
    path.unlink()
    assert path.stem not in read(org)
    assert not digest_path(path).exists()


def test_a_shared_folder_of_plans_or_of_copied_sessions(org: Org, tmp_path, capsys):
    plans_only = tmp_path / "gedeeld"
    plans_only.mkdir()
    for plan in (org.root / "exports").glob("pdca-*.md"):
        shutil.copy(plan, plans_only / plan.name)
    assert cli(["--workspace", str(org.root), "overzicht", str(plans_only), "--stdout", "--op", TODAY.isoformat()]) == 0
    assert "| Team De Eik | 5 | 3 | 4 | 1 | 2 | 0 (plan: 3) |" in capsys.readouterr().out
    assert sorted(p.name for p in plans_only.rglob("*")) == sorted(p.name for p in plans_only.glob("pdca-*.md"))
    # A location's sessions copied into the shared folder without their digests: read in full, digests kept there.
    copied = tmp_path / "gedeeld" / "Locatie West" / "sessions"
    copied.mkdir(parents=True)
    for path in sessions_of(org):
        shutil.copy(path, copied / path.name)
    assert cli(["--workspace", str(org.root), "overzicht", str(plans_only), "--stdout", "--op", TODAY.isoformat()]) == 0
    cold = capsys.readouterr().out
    assert "| Team De Eik | 5 | 3 | 4 | 1 | 2 | 3 |" in cold
    assert len(list((copied / FOLDER).iterdir())) == 15
    assert cli(["--workspace", str(org.root), "overzicht", str(plans_only), "--stdout", "--op", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out == cold


def test_a_digest_record_reads_back_equal_and_refuses_a_wrong_type(org: Org):
    for digest in full_reads(org).values():
        assert digest_from_record(json.loads(json.dumps(digest_record(digest)))) == digest
    record = json.loads(json.dumps(digest_record(next(d for d in full_reads(org).values() if d.themes))))
    record["themes"][0]["dots"] = "9"
    with pytest.raises(TypeError):
        digest_from_record(record)
    record["themes"][0]["dots"] = True
    with pytest.raises(TypeError):
        digest_from_record(record)
