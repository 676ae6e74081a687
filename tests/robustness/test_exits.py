"""Every way a run can end badly ends with its documented code and one line, never a traceback.

Broken pipes (141, silent, as `git log | head`), Ctrl-C at any moment (130), a symlink loop as
the plan, a working directory that was deleted, and days at the ends of the calendar.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import iwgplan
from tests.helpers import SMALL

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

IWGPLAN = [sys.executable, "-m", "iwgplan"]
PACKAGE = str(Path(iwgplan.__file__).parent)  # in a traceback, a frame of iwgplan's own code


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan whose every output is larger than a pipe's buffer."""
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(generate(400, seed=5), encoding="utf-8")
    return path


PIPED = [
    ["list"],
    ["list", "--format", "json"],
    ["list", "--format", "markdown"],
    ["list", "--format", "csv"],
    ["status", "--format", "json"],
    ["report"],
    ["report", "--format", "html"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "ics"],
    ["export", "--format", "mermaid"],
    ["tiers"],
    ["status"],
]


@pytest.mark.parametrize("args", PIPED, ids=lambda a: " ".join(a))
def test_reader_gone_exits_quietly(big: Path, args: list[str]) -> None:
    """`iwgplan ... | head -c 0`: the reader closes the pipe before anything is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*IWGPLAN, *args, "--plan", str(big)], stdout=write, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def _commands() -> list[str]:
    import typer.main

    from iwgplan.cli.app import app

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["-h"], ["--version"], *([name, "--help"] for name in _commands())],
    ids=" ".join,
)
def test_help_into_a_closed_pipe_exits_like_the_rest(args: list[str]) -> None:
    """Click (in Typer) writes `--help` itself and met a closed pipe with exit 1."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([*IWGPLAN, *args], stdout=write, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_reader_gone_midway_exits_quietly(big: Path) -> None:
    """`iwgplan export --format json | head -c 1`, unbuffered output included."""
    for env in ({}, {"PYTHONUNBUFFERED": "1"}):
        with subprocess.Popen(
            [*IWGPLAN, "export", "--format", "json", "--plan", str(big)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **env},
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            assert os.read(proc.stdout.fileno(), 1) == b"{"
            proc.stdout.close()
            assert (proc.wait(timeout=60), proc.stderr.read()) == (141, b"")


def test_interrupt_during_start_up_exits_130_with_one_line() -> None:
    """A Ctrl-C while Typer is still being imported."""
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def fake(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = fake\n"
        "sys.argv = ['iwgplan', 'validate']\n"  # a command the Typer app runs
        "from iwgplan.cli.main import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (130, "iwgplan: interrupted\n")


# How a Ctrl-C can reach iwgplan's handlers: as itself, or turned into another error by Python
# (a KeyboardInterrupt in a descriptor's __set_name__ during an import is a RuntimeError on 3.11)
# or by a library that wraps or swallows it. The signal is real: raised with signal.raise_signal.
SHAPES = {
    "plain": "signal.raise_signal(signal.SIGINT)\n",
    "set_name": (
        "class D:\n"
        "    def __set_name__(self, owner, name):\n"
        "        signal.raise_signal(signal.SIGINT)\n"
        "class C:\n"
        "    d = D()\n"
    ),
    "wrapped": (
        "try:\n"
        "    signal.raise_signal(signal.SIGINT)\n"
        "except BaseException as exc:\n"
        "    raise RuntimeError('a library wrapped it') from exc\n"
    ),
    "swallowed": (
        "try:\n"
        "    signal.raise_signal(signal.SIGINT)\n"
        "except BaseException:\n"
        "    pass\n"
        "raise ValueError('a library lost it')\n"
    ),
}


# Where an import happens: the Typer app (`validate`), the start-up path reading a plan the cache
# does not hold (`status`, pydantic and the browse bodies without Typer), and a command's own
# lazy import.
IMPORTS = [
    ("typer", "validate"),
    ("pydantic", "validate"),
    ("pydantic", "status"),
    ("iwgplan.cli.browse", "status"),
    ("iwgplan.files.loading", "status"),
]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize(("target", "command"), IMPORTS)
def test_interrupt_in_any_shape_during_imports_exits_130(
    tmp_path: Path, shape: str, target: str, command: str
) -> None:
    """Deterministic: the interrupt lands while ``target`` is imported (start-up, the Typer app,
    a command's own lazy import), in every shape above: one line, exit 130, no traceback."""
    body = "".join("        " + line + "\n" for line in SHAPES[shape].splitlines())
    code = (
        "import builtins, signal, sys\n"
        "real = builtins.__import__\n"
        "def fake(name, globals=None, locals=None, fromlist=(), level=0):\n"
        f"    if name == {target!r} or any(f'{{name}}.{{f}}' == {target!r} for f in fromlist or ()):\n"
        "        builtins.__import__ = real\n"
        f"{body}"
        "    return real(name, globals, locals, fromlist, level)\n"
        "builtins.__import__ = fake\n"
        f"sys.argv = ['iwgplan', {command!r}, {('--plan' if command == 'status' else '--')!r}, {str(SMALL)!r}]\n"
        "from iwgplan.cli.main import main\n"
        "main()\n"
    )
    env = {**os.environ, "IWGPLAN_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stderr) == (130, "iwgplan: interrupted\n")


def _interrupt_after(delay: float) -> tuple[int, str]:
    proc = subprocess.Popen(
        [*IWGPLAN, "report", "--plan", str(SMALL)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


def _in_python_start_up(err: str) -> bool:
    """The signal came before any iwgplan code ran: Python's own start-up printed it (on a
    loaded machine 0.1 s can be too early). No frame of the traceback is iwgplan's."""
    return "KeyboardInterrupt" in err and PACKAGE not in err


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9])
def test_interrupt_at_any_moment(delay: float) -> None:
    """SIGINT at a range of moments once Python runs: imports, parsing, loading, rendering.

    Never a traceback. A signal that lands while Python itself shuts down still kills it (-2);
    that window is Python's, and iwgplan has printed nothing or its one line by then.
    """
    for _ in range(20):
        code, err = _interrupt_after(delay)
        if not _in_python_start_up(err):
            break
        delay += 0.05  # a loaded machine was still starting Python itself: try later
    assert code in (0, 130, -signal.SIGINT), (code, err)
    assert err.strip() in ("", "iwgplan: interrupted"), err


@pytest.mark.parametrize(
    "args",
    [["status"], ["validate", "{plan}"], ["report"], ["done", "x"], ["note", "x", "y"], ["show", "x"]],
    ids=lambda a: a[0],
)
@pytest.mark.parametrize("how", ["--plan", "IWGPLAN_PLAN"])
def test_symlink_loop_as_the_plan(tmp_path: Path, args: list[str], how: str) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.symlink_to(two)
    two.symlink_to(one)
    env = {**os.environ}
    argv = [a.format(plan=one) for a in args]
    if how == "--plan" and "{plan}" not in args:
        argv += ["--plan", str(one)]
    elif "{plan}" not in args:
        env["IWGPLAN_PLAN"] = str(one)
    done = subprocess.run([*IWGPLAN, *argv], capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
    assert "Too many levels of symbolic links" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["status"], 1, "the current folder no longer exists"),
        (["report"], 1, "the current folder no longer exists"),
        (["done", "x"], 1, "the current folder no longer exists"),
        (["list", "--plan", str(SMALL)], 0, ""),
        (["validate", str(SMALL)], 0, ""),
    ],
)
def test_deleted_working_directory(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    proc = subprocess.Popen(
        ["/bin/sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh", str(gone), *IWGPLAN, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert message in err and "Traceback" not in err and "unexpected error" not in err
    assert len(err.strip().splitlines()) <= 1


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-25", "0001-01-01", "0001-01-02"])
@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--horizon", "3660"],
        ["status", "--format", "json"],
        ["list", "--overdue"],
        ["tiers"],
        ["show", "late"],
        ["report"],
        ["report", "--format", "html"],
        ["export", "--format", "ics"],
        ["export", "--format", "mermaid"],
    ],
    ids=lambda a: " ".join(a),
)
def test_days_at_the_ends_of_the_calendar(cli, args: list[str], day: str) -> None:
    run = cli(*args, "--plan", SMALL, "--as-of", day)
    assert run.code == 0, run.err
