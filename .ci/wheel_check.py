"""Prove the wheel: build it, install it as a user would (a fresh venv, pipx, uv tool), and run what users run.

Nothing may come from the checkout: the wheel is built from a clean copy of the source tree, installed
(not editable) into a new venv, and every command runs in an empty folder outside the repository, with
PYTHONPATH cleared. It checks, in the installed app:

- the wheel holds every data file of the package (stylesheet, templates, built-in scripts);
- `workshop --version`, `workshop check` (the built-in scripts pass), the parsed-script cache for them;
- `workshop new-script` and `workshop new` (a session starts);
- the real `workshop` binary in a pseudo-terminal: the home screen, Tab + Enter resumes the session,
  `n` moves to step 2, Ctrl+Q quits, and the step is stored;
- `workshop serve` on a free port answers a phone's join link (HTTP GET, cookie, page);
- `pipx install` and `uv tool install` of the same wheel, and the README's `pipx install .` in a source
  folder (pipx and uv from PyPI into a throwaway venv), give a `workshop` whose `check` passes.

Run it from the repository (Linux or macOS; it needs the package index for the dependencies):

    .venv/bin/python .ci/wheel_check.py                 # everything, ~1-2 min
    .venv/bin/python .ci/wheel_check.py --no-tools      # without pipx and uv
    .venv/bin/python .ci/wheel_check.py --keep          # keep the temporary folder to look around
"""

from __future__ import annotations

import argparse
import functools
import http.cookiejar
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a source tree holds that a build must not see: environments, caches, earlier builds, care data.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "sessions",
    "exports",
)
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
SCRIPT = "mantelzorg-drempelcheck"
CHECKED = re.compile(r": in orde \(\d+ stappen, \d+ minuten\) · (ingebouwd|eigen script)$")
TIMINGS: list[tuple[str, float]] = []


class CheckFailed(Exception):
    """A step did not do what a user needs; the message says what and shows the output."""


def step(title: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Run the decorated function as one named, timed step of the check."""

    def wrap(function: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(function)
        def timed(*args: object, **kwargs: object) -> object:
            print(f"--- {title}", flush=True)
            started = time.perf_counter()
            result = function(*args, **kwargs)
            seconds = time.perf_counter() - started
            TIMINGS.append((title, seconds))
            print(f"    ok ({seconds:.1f} s)", flush=True)
            return result

        return timed

    return wrap


def run(argv: list[str | Path], *, cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    """Run a command; returns its stdout. Raises CheckFailed (with its output) when it fails."""
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise CheckFailed(f"{argv} exited {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return done.stdout


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def is_ok(line: str, origin: str) -> bool:
    """Whether `line` of `workshop check` says a script of that origin is in order."""
    match = CHECKED.search(line)
    return match is not None and match.group(1) == origin


def user_env(tmp: Path) -> dict[str, str]:
    """The environment of a user's shell: nothing pointing into the checkout or at a development venv."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "WORKSHOP_", "VIRTUAL_ENV", "PIP_REQ"))}
    env.update(WORKSHOP_CACHE=str(tmp / "cache"), WORKSHOP_LANG="nl", TERM="xterm-256color", PYTHONNOUSERSITE="1")
    return env


@step("build the wheel from a clean copy of the source")
def build_wheel(tmp: Path) -> Path:
    source = tmp / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(source)],
        cwd=tmp,
        env=user_env(tmp),
    )
    (wheel,) = (tmp / "dist").glob("workshop-*.whl")
    print(f"    {wheel.name}, {wheel.stat().st_size // 1024} KiB")
    return wheel


@step("the wheel holds every data file of the package")
def wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "workshop"
    data = {
        path.relative_to(REPO).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    missing = sorted(data - names)
    expect(not missing, f"the wheel lacks {missing}")
    scripts = sorted(n for n in names if n.startswith("workshop/scripts/"))
    expect(len(scripts) >= 4 and "workshop/tui/app.tcss" in names, f"unexpected wheel contents: {sorted(names)}")
    print(f"    {len(data)} data files, among them: workshop/tui/app.tcss, {len(scripts)} built-in scripts")


@step("install it into a fresh venv (not editable)")
def install(tmp: Path, wheel: Path) -> Path:
    venv, env = tmp / "venv", user_env(tmp)
    run([sys.executable, "-m", "venv", venv], cwd=tmp, env=env)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=tmp, env=env)
    where = run([venv / "bin" / "python", "-c", "import workshop; print(workshop.__file__)"], cwd=tmp, env=env)
    expect(where.startswith(str(venv)), f"workshop was imported from {where.strip()}, not from the new venv")
    print(f"    imported from {where.strip()}")
    return venv / "bin"


@step("workshop --version and workshop check in an empty folder")
def version_and_check(bin_dir: Path, folder: Path, env: dict[str, str]) -> None:
    version = run([bin_dir / "workshop", "--version"], cwd=folder, env=env).strip()
    declared = re.search(r'__version__ = "(.+)"', (REPO / "workshop" / "__init__.py").read_text(encoding="utf-8"))
    expected = declared.group(1) if declared else "?"
    expect(version == f"workshop {expected}", f"--version said {version!r}")
    checked = run([bin_dir / "workshop", "check"], cwd=folder, env=env).splitlines()
    builtin = len(list((REPO / "workshop" / "scripts").glob("*.md")))
    expect(len(checked) == builtin and all(is_ok(line, "ingebouwd") for line in checked), str(checked))
    # Built-in scripts are listed by file name; the install step proved the package is imported from the venv.
    names = sorted(p.name for p in (REPO / "workshop" / "scripts").glob("*.md"))
    expect(sorted(line.split(":")[0] for line in checked) == names, f"not the installed scripts: {checked}")
    print(f"    {version}; check: {builtin} built-in scripts in orde")


@step("the parsed-script cache serves the built-in scripts")
def script_cache(bin_dir: Path, folder: Path, env: dict[str, str]) -> None:
    code = (
        "import sys; from pathlib import Path; from workshop.workspace import Workspace\n"
        "print(len(Workspace(Path.cwd()).scripts()), 'markdown_it' in sys.modules)"
    )
    env = {**env, "WORKSHOP_CACHE": str(folder.parent / "cache-of-this-step")}  # starts empty
    cold = run([bin_dir / "python", "-c", code], cwd=folder, env=env).split()
    warm = run([bin_dir / "python", "-c", code], cwd=folder, env=env).split()
    builtin = str(len(list((REPO / "workshop" / "scripts").glob("*.md"))))
    expect(cold == [builtin, "True"] and warm == [builtin, "False"], f"cold {cold}, warm {warm}: cache not used")


@step("workshop new-script and workshop new start a session")
def new_session(bin_dir: Path, folder: Path, env: dict[str, str]) -> str:
    copied = run([bin_dir / "workshop", "new-script", SCRIPT, "ons-team"], cwd=folder, env=env)
    expect((folder / "scripts" / "ons-team.md").exists(), copied)
    checked = run([bin_dir / "workshop", "check"], cwd=folder, env=env).splitlines()
    builtin = len(list((REPO / "workshop" / "scripts").glob("*.md")))
    expect(len(checked) == builtin + 1 and is_ok(checked[0], "eigen script"), str(checked))
    started = run([bin_dir / "workshop", "new", SCRIPT, "--team", "Team CI"], cwd=folder, env=env)
    match = re.search(r"Sessie gestart: (\S+)", started)
    expect(match is not None, started)
    assert match is not None
    print(f"    session {match.group(1)}")
    return match.group(1)


class Terminal:
    """A program in a pseudo-terminal of 120x40: what it wrote (escape codes removed), and keys to send."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child becomes the program, the terminal its stdin and stdout
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        import fcntl
        import termios

        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.raw = b""

    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def wait_for(self, marker: str, timeout: float = 30) -> None:
        """Read until `marker` has been written since the last call; raises CheckFailed after `timeout`."""
        start, deadline = len(self.text()), time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in self.text()[start:]:
                return
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    self.raw += os.read(self.fd, 1 << 16)
                except OSError:  # the program ended
                    break
        raise CheckFailed(f"{marker!r} did not appear on the terminal; the last of it:\n{self.text()[-1500:]}")

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def exit_code(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    self.raw += os.read(self.fd, 1 << 16)
                except OSError:
                    pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        self.kill()
        raise CheckFailed(f"the app did not quit within {timeout} s:\n{self.text()[-1500:]}")

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@step("the app in a real terminal: home screen, resume with Tab + Enter, next step with n, quit")
def app_in_a_terminal(bin_dir: Path, folder: Path, env: dict[str, str]) -> None:
    terminal = Terminal([str(bin_dir / "workshop"), "--no-phones"], folder, env)
    try:
        terminal.wait_for("ingebouwd")  # the home screen, styled (a missing stylesheet stops the app here)
        terminal.wait_for("Team CI")  # the stored sessions, read after the first frame
        terminal.press("\t")
        time.sleep(0.3)  # a terminal has no "done" signal: give the app a moment to move the focus
        terminal.press("\r")
        terminal.wait_for("Stap 1 van ")
        terminal.press("n")
        # with no open actions yet, the review step (2) is skipped: the next step shown is 3
        terminal.wait_for("Stap 3 van ")
        terminal.press("\x11")  # Ctrl+Q
        code = terminal.exit_code()
    finally:
        terminal.kill()
    expect(code == 0, f"the app exited {code}:\n{terminal.text()[-1500:]}")
    listed = run([bin_dir / "workshop", "sessions"], cwd=folder, env=env)
    expect(re.search(r"Team CI  open  3/\d+ ", listed) is not None, f"the step was not stored: {listed}")


@step("workshop serve answers a phone's join link")
def phone_server(bin_dir: Path, folder: Path, env: dict[str, str], session_id: str) -> None:
    argv = [str(bin_dir / "workshop"), "serve", session_id, "--host", "127.0.0.1", "--port", "0"]
    server = subprocess.Popen(argv, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/\S+)", first)
        if match is None:
            server.kill()
            raise CheckFailed(f"no join link in {first!r}; stderr: {server.communicate()[1]}")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(match.group(1), timeout=10) as response:
            page = response.read().decode("utf-8")
            expect(response.status == 200, f"the join link answered {response.status}")
        expect("Mantelzorg-drempelcheck" in page, f"the phone's page does not name the session:\n{page[:1500]}")
        print(f"    {match.group(1).split('/j/')[0]}/j/… -> 200, the session's page")
        out, err = stop(server)
        expect(server.returncode == 0 and "Gestopt." in out, f"serve stopped with {server.returncode}: {out} {err}")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def stop(server: subprocess.Popen[str]) -> tuple[str, str]:
    """Press Ctrl+C for `server` (again, should it not have set up its handler yet); returns its output."""
    for _ in range(10):
        server.send_signal(signal.SIGINT)
        try:
            return server.communicate(timeout=2)
        except subprocess.TimeoutExpired:
            continue
    raise CheckFailed("workshop serve did not stop on Ctrl+C")


@step("pipx install of the wheel, and the README's `pipx install .` in a source folder")
def with_pipx(tmp: Path, wheel: Path, folder: Path) -> None:
    env = user_env(tmp)
    tools = tmp / "tools"
    if not (tools / "bin" / "pip").exists():
        run([sys.executable, "-m", "venv", tools], cwd=tmp, env=env)
    run([tools / "bin" / "python", "-m", "pip", "install", "-q", "pipx"], cwd=tmp, env=env)
    for name, what, where in (("pipx-wheel", wheel, tmp), ("pipx-source", ".", tmp / "source")):
        home = tmp / name
        pipx_env = {**env, "PIPX_HOME": str(home), "PIPX_BIN_DIR": str(home / "bin"), "PIPX_MAN_DIR": str(home / "m")}
        run([tools / "bin" / "pipx", "install", "--python", sys.executable, what], cwd=where, env=pipx_env)
        installed_check(home / "bin" / "workshop", folder, pipx_env)


@step("uv tool install of the wheel")
def with_uv(tmp: Path, wheel: Path, folder: Path) -> None:
    env = user_env(tmp)
    tools = tmp / "tools"
    if not (tools / "bin" / "pip").exists():
        run([sys.executable, "-m", "venv", tools], cwd=tmp, env=env)
    run([tools / "bin" / "python", "-m", "pip", "install", "-q", "uv"], cwd=tmp, env=env)
    home = tmp / "uv"
    env.update(
        UV_TOOL_DIR=str(home / "tools"),
        UV_TOOL_BIN_DIR=str(home / "bin"),
        UV_CACHE_DIR=str(home / "cache"),
        UV_PYTHON_DOWNLOADS="never",
    )
    run([tools / "bin" / "uv", "tool", "install", "--quiet", "--python", sys.executable, wheel], cwd=tmp, env=env)
    installed_check(home / "bin" / "workshop", folder, env)


def installed_check(workshop: Path, folder: Path, env: dict[str, str]) -> None:
    expect(workshop.exists(), f"no {workshop}")
    version = run([workshop, "--version"], cwd=folder, env=env).strip()
    checked = run([workshop, "check"], cwd=folder, env=env).splitlines()
    builtin = len(list((REPO / "workshop" / "scripts").glob("*.md")))
    expect(sum(is_ok(line, "ingebouwd") for line in checked) == builtin, str(checked))
    print(f"    {workshop}: {version}; check: {builtin} built-in scripts in orde")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-tools", action="store_true", help="skip pipx and uv (they come from PyPI)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="workshop-wheel-"))
    started = time.perf_counter()
    try:
        wheel = build_wheel(tmp)
        wheel_contents(wheel)
        bin_dir = install(tmp, wheel)
        folder = tmp / "empty"  # a user's folder: not the repository, nothing in it
        folder.mkdir()
        env = user_env(tmp)
        version_and_check(bin_dir, folder, env)
        script_cache(bin_dir, folder, env)
        session_id = new_session(bin_dir, folder, env)
        app_in_a_terminal(bin_dir, folder, env)
        phone_server(bin_dir, folder, env, session_id)
        if not args.no_tools:
            for install_tool in (with_pipx, with_uv):
                other = tmp / f"empty-{install_tool.__name__}"
                other.mkdir()
                install_tool(tmp, wheel, other)
    except CheckFailed as failure:
        print(f"\nWHEEL CHECK FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nwheel check passed in {time.perf_counter() - started:.0f} s:")
    for title, seconds in TIMINGS:
        print(f"  {seconds:6.1f} s  {title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
