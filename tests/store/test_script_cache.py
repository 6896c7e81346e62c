"""Parsed scripts kept between runs: the home screen lists them without the Markdown parser, and an edited,
broken or damaged anything never shows an outdated script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SCRIPTS
from workshop.core.errors import ScriptErrors
from workshop.core.model import Script
from workshop.core.script import load_script
from workshop.script_cache import CACHE_ENV, CACHE_FILE, load_scripts
from workshop.workspace import Workspace

SHIPPED = sorted(p for p in SCRIPTS.glob("*.md") if p.name != "README.md")


@pytest.fixture
def scripts(tmp_path):
    """A copy of the shipped scripts the test may edit."""
    folder = tmp_path / "scripts"
    folder.mkdir()
    for path in SHIPPED:
        shutil.copy(path, folder / path.name)
    return sorted(folder.glob("*.md"))


def test_cached_scripts_equal_freshly_parsed_ones(tmp_path, scripts):
    cache = tmp_path / "cache"
    cold = load_scripts(scripts, cache)
    assert (cache / CACHE_FILE).exists()
    warm = load_scripts(scripts, cache)
    assert [s for _, s in warm] == [s for _, s in cold] == [load_script(p) for p in scripts]
    assert all(isinstance(s, Script) for _, s in warm)


def test_a_warm_cache_lists_the_scripts_without_loading_the_parser_or_the_session_engine(tmp_path):
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
    code = (
        "import sys\nfrom pathlib import Path\nfrom workshop.workspace import Workspace\n"
        "import workshop.tui.screens.home\n"  # the first screen's own imports
        f"scripts = Workspace(Path({str(tmp_path)!r})).scripts()\n"
        "print(len(scripts), ','.join(sorted(n for n in ('markdown_it', 'workshop.core.session', 'tinydb')"
        " if n in sys.modules)))\n"
    )
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split() == [str(len(SHIPPED)), "markdown_it"]
    warm = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.split() == [str(len(SHIPPED))], warm.stderr


def test_an_edited_script_is_parsed_again_even_with_the_same_size_and_time(tmp_path, scripts):
    cache = tmp_path / "cache"
    load_scripts(scripts, cache)
    path = scripts[0]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    old_title = load_script(path).title
    new_title = old_title[::-1]  # same length: the file's size does not change
    path.write_text(text.replace(f"title: {old_title}", f"title: {new_title}"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert load_scripts(scripts, cache)[0][1].title == new_title


def test_a_broken_script_is_never_cached_and_shows_when_fixed(tmp_path, scripts):
    cache = tmp_path / "cache"
    path = scripts[0]
    good = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^duration: \d+$", "duration: zestig", good, count=1, flags=re.M), encoding="utf-8")
    for _ in range(2):
        result = load_scripts(scripts, cache)[0][1]
        assert isinstance(result, ScriptErrors)
        assert f"{path}:" in result.text()
    stored = json.loads((cache / CACHE_FILE).read_text(encoding="utf-8"))["scripts"]
    assert str(path) not in stored and len(stored) == len(SHIPPED) - 1
    path.write_text(good, encoding="utf-8")
    assert load_scripts(scripts, cache)[0][1] == load_script(path)
    # A script that becomes unreadable is reported, not served from the cache.
    path.write_bytes(b"\xff\xfe not utf-8")
    assert isinstance(load_scripts(scripts, cache)[0][1], ScriptErrors)


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\x01 not json",
        b"[1, 2, 3]",
        b'{"parser": "another version", "scripts": {}}',
        "records that do not fit",
    ],
)
def test_a_damaged_or_outdated_cache_is_ignored_and_rewritten(tmp_path, scripts, damage):
    cache = tmp_path / "cache"
    load_scripts(scripts, cache)
    file = cache / CACHE_FILE
    if isinstance(damage, str):
        data = json.loads(file.read_text(encoding="utf-8"))
        for n, record in enumerate(data["scripts"].values()):
            record["script"] = [{"steps": "x"}, {"title": 3}, None, {"steps": [{"id": "a", "bogus": 1}]}][n % 4]
        file.write_text(json.dumps(data), encoding="utf-8")
    else:
        file.write_bytes(damage)
    assert [s for _, s in load_scripts(scripts, cache)] == [load_script(p) for p in scripts]
    assert json.loads(file.read_text(encoding="utf-8"))["scripts"].keys() == {str(p) for p in scripts}


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, scripts):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert [s for _, s in load_scripts(scripts, blocked / "cache")] == [load_script(p) for p in scripts]
    assert [s for _, s in load_scripts(scripts, None)] == [load_script(p) for p in scripts]


def test_workspace_scripts_use_the_cache_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "here"))
    assert len(Workspace(tmp_path).scripts()) == len(SHIPPED)
    assert (tmp_path / "here" / CACHE_FILE).exists()
    monkeypatch.setenv(CACHE_ENV, "")  # turned off
    shutil.rmtree(tmp_path / "here")
    assert len(Workspace(tmp_path).scripts()) == len(SHIPPED)
    assert not (tmp_path / "here").exists()
