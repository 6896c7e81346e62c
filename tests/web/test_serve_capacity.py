"""`workshop serve` raises its own open-file limit where it may, and says how many phones it can take.

The real program in a child process, started with the open-file limits a laptop may have.
"""

from __future__ import annotations

import asyncio
import re
import resource
import sys
from pathlib import Path

import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.web.conftest import MANTELZORG
from tests.web.test_hardening import CHILD_ENV
from workshop.core.script import load_script
from workshop.web.limits import MAX_STREAMS
from workshop.workspace import Workspace


async def _started(workspace: Workspace, session_id: str, soft: int, hard: int) -> tuple[str, str]:
    """Start `workshop serve` with open-file limits (soft, hard); return what it printed on start, then stop it."""

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workshop.cli",
        "--workspace",
        str(workspace.root),
        "serve",
        session_id,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=CHILD_ENV,
        preexec_fn=limited,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        out = b""
        while b"telefoons met directe updates" not in out:
            line = await asyncio.wait_for(process.stdout.readline(), 30)
            assert line, f"serve stopped early: {out!r}"
            out += line
    finally:
        process.terminate()
        await process.wait()
    return out.decode(), (await process.stderr.read()).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="open-file limits are POSIX")
async def test_serve_raises_its_soft_limit_or_says_how_many_phones_it_can_take(tmp_path: Path) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 8_192:
        pytest.skip("this machine's hard limit is too low to see the soft limit raised")
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / MANTELZORG), team="Team De Linde", clock=FakeClock())
    session_id = service.state.meta.id
    service.release()

    # Linux's usual soft limit (1,024) under a generous hard limit: serve raises it and has room for a plenary.
    out, err = await _started(workspace, session_id, 1_024, hard)
    assert re.search(rf"Plaats voor {MAX_STREAMS} telefoons met directe updates \(open bestanden: \d+\)", out), out
    assert "ulimit" not in err

    # A hard limit of 256 (macOS's usual soft limit) cannot be raised: serve says how many and how to get more.
    out, err = await _started(workspace, session_id, 256, 256)
    assert "Plaats voor 96 telefoons met directe updates (open bestanden: 256)" in out, out
    assert "Voor 1000 telefoons met directe updates" in err and "ulimit -n 2064" in err, err
