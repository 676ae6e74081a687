"""Remembered screens (`iwgplan.cli.memo`): a warm `status` prints what the command prints,
byte for byte; any change of an input it reads is a miss; an entry that is not ours to trust is
a miss, never an error or a hang; nothing is kept from a run that failed, said something on
stderr, printed outside the pager function, or crossed midnight."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iwgplan.cli import front, memo
from iwgplan.files import cache_files
from tests.helpers import SHIPPED
from tests.helpers.hostile_output import PAYLOADS, plan_text
from tests.helpers.terminal import on_a_pty

AS_OF = "2026-11-28"


def _env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = {**os.environ, "IWGPLAN_CACHE_DIR": str(tmp_path / "cache")}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "iwgplan", *args], capture_output=True, env=env, cwd=cwd, timeout=120
    )


def _screens(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("screen-*"))


def _plan(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _generated(items: int) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found, unused-ignore]
    finally:
        sys.path.pop(0)
    return str(generate(items, seed=1))


SHIPPED_CASES = [
    ["status"],
    ["status", "--as-of", AS_OF],
    ["status", "--as-of", AS_OF, "--format", "json"],
    ["status", "--as-of", AS_OF, "--format", "markdown"],
    ["status", "--as-of", AS_OF, "--horizon", "0"],
    ["status", "--as-of", AS_OF, "--wide"],
    ["status", "--as-of", AS_OF, "--full"],
    ["status", "--as-of", AS_OF, "--no-wrap"],
    ["status", "--as-of", AS_OF, "--owner", "IWG Co-Chairs"],
    ["status", "--as-of", AS_OF, "--lang", "fr"],
    ["status", "--as-of", AS_OF, "--lang", "es"],
]


def _three_runs(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    """The Typer app (a cache miss), the start-up path (keeps the screen), a hit: the same bytes."""
    first = _run(args, env, tmp_path)
    assert first.returncode == 0, first.stderr.decode()
    second = _run(args, env, tmp_path)
    [entry] = _screens(tmp_path)
    before = entry.stat()
    third = _run(args, env, tmp_path)
    after = entry.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns), "the third run missed"
    for run in (second, third):
        assert (run.returncode, run.stdout, run.stderr) == (0, first.stdout, first.stderr)


@pytest.mark.parametrize("args", SHIPPED_CASES, ids=" ".join)
def test_a_hit_prints_what_the_command_prints(tmp_path: Path, args: list[str]) -> None:
    plan = _plan(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    _three_runs(tmp_path, [*args, "--plan", str(plan)], _env(tmp_path))


@pytest.mark.parametrize("columns", [None, "40", "200"])
def test_a_hit_on_a_big_plan_at_any_width(tmp_path: Path, columns: str | None) -> None:
    plan = _plan(tmp_path, _generated(1000))
    _three_runs(tmp_path, ["status", "--plan", str(plan), "--as-of", AS_OF], _env(tmp_path, COLUMNS=columns))


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_a_hit_on_a_hostile_plan_is_as_safe_as_the_command(tmp_path: Path, payload: str) -> None:
    plan = _plan(tmp_path, plan_text(PAYLOADS[payload]))
    _three_runs(tmp_path, ["status", "--plan", str(plan), "--as-of", AS_OF], _env(tmp_path))


def _on_a_pty(args: list[str], env: dict[str, str], cwd: Path, size: tuple[int, int]) -> bytes:
    code, out = on_a_pty([sys.executable, "-m", "iwgplan", *args], env, cwd=cwd, size=size, every_stream=True)
    assert code == 0, out
    return out


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 100)])
def test_a_hit_on_a_terminal(tmp_path: Path, size: tuple[int, int]) -> None:
    """On a terminal of each size, with colour, the screen fitted to it; no pager."""
    plan = _plan(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    env = _env(tmp_path, COLUMNS=None, LINES=None, NO_COLOR=None, IWGPLAN_PAGER="", TERM="xterm-256color")
    args = ["status", "--plan", str(plan), "--as-of", AS_OF]
    runs = [_on_a_pty(args, env, tmp_path, size) for _ in range(3)]
    assert len(_screens(tmp_path)) == 1
    assert runs[0] == runs[1] == runs[2]
    assert b"\x1b[" in runs[0]  # coloured: a terminal's screen, not a pipe's


def test_a_hit_goes_through_the_pager_as_the_command_does(tmp_path: Path) -> None:
    plan = _plan(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    paged = tmp_path / "paged.txt"
    pager = f"sh -c 'cat >> {paged}'"
    env = _env(tmp_path, COLUMNS=None, LINES=None, IWGPLAN_PAGER=pager)
    args = ["status", "--plan", str(plan), "--as-of", AS_OF]
    shown = []
    for _ in range(3):
        paged.unlink(missing_ok=True)
        out = _on_a_pty(args, env, tmp_path, (80, 24))
        shown.append((out, paged.read_bytes()))
    assert len(_screens(tmp_path)) == 1
    assert shown[0] == shown[1] == shown[2]
    assert b"Tier" in shown[0][1] and b"Tier" not in shown[0][0]  # the pager had the screen


# Each input of the key, changed after the screen was kept: the run must compute its own screen.
def _forge(entry: Path, text: bytes) -> None:
    """Put ``text`` in the entry in place of the screen, with its digest: a hit prints it."""
    magic, header, _ = entry.read_bytes().split(b"\n", 2)
    want, _, given, pager = header.split(b" ")
    digest = memo._digest(text).encode()
    entry.write_bytes(magic + b"\n" + b" ".join([want, digest, given, pager]) + b"\n" + text)


FORGED = b"FORGED SCREEN\n"
CHANGES = {
    "an unrelated variable set": {"SOME_VARIABLE": "1"},
    "colour forced": {"FORCE_COLOR": "1"},
    "no NO_COLOR": {"NO_COLOR": None},
    "width": {"COLUMNS": "100"},
    "height": {"LINES": "10"},
    "LANG": {"LANG": "fr_FR.UTF-8"},
    "IWGPLAN_LANG": {"IWGPLAN_LANG": "es"},
    "the time zone": {"TZ": "Pacific/Kiritimati"},
    "the encoding of stdout": {"PYTHONIOENCODING": "latin-1:replace"},
    "the cache turned off": {"IWGPLAN_NO_CACHE": "1"},
}


@pytest.fixture
def kept(tmp_path: Path) -> tuple[Path, list[str], Path]:
    plan = _plan(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    args = ["status", "--plan", "plan.yaml", "--as-of", AS_OF]
    for _ in range(2):
        assert _run(args, _env(tmp_path), tmp_path).returncode == 0
    [entry] = _screens(tmp_path)
    _forge(entry, FORGED)
    assert _run(args, _env(tmp_path), tmp_path).stdout == FORGED  # the forged screen is a hit
    return plan, args, entry


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_changed_environment_misses(
    tmp_path: Path, kept: tuple[Path, list[str], Path], change: str
) -> None:
    _, args, _ = kept
    env = _env(tmp_path, **CHANGES[change])
    run = _run(args, env, tmp_path)
    reference = _run(args, {**env, "IWGPLAN_NO_CACHE": "1"}, tmp_path)
    assert run.returncode == 0 and FORGED not in run.stdout
    assert (run.stdout, run.stderr) == (reference.stdout, reference.stderr)


def test_changed_plan_bytes_miss(tmp_path: Path, kept: tuple[Path, list[str], Path]) -> None:
    plan, args, _ = kept
    plan.write_text(plan.read_text(encoding="utf-8") + "# one more comment\n", encoding="utf-8")
    run = _run(args, _env(tmp_path), tmp_path)
    assert run.returncode == 0 and FORGED not in run.stdout and b"Tier" in run.stdout


def test_another_plan_at_the_same_path_misses(tmp_path: Path, kept: tuple[Path, list[str], Path]) -> None:
    plan, args, _ = kept
    plan.rename(tmp_path / "elsewhere.yaml")
    (tmp_path / "other.yaml").write_text(plan_text("other"), encoding="utf-8")
    plan.symlink_to(tmp_path / "other.yaml")
    run = _run(args, _env(tmp_path), tmp_path)
    assert run.returncode == 0 and FORGED not in run.stdout and b"other" in run.stdout


def test_another_working_folder_misses(tmp_path: Path, kept: tuple[Path, list[str], Path]) -> None:
    plan, _, _ = kept
    args = ["status", "--plan", str(plan), "--as-of", AS_OF]  # the same line, from two folders
    for _ in range(2):
        _run(args, _env(tmp_path), tmp_path)
    entries = set(_screens(tmp_path))
    for entry in entries:
        _forge(entry, FORGED)
    (tmp_path / "sub").mkdir()
    run = _run(args, _env(tmp_path), tmp_path / "sub")
    assert run.returncode == 0 and FORGED not in run.stdout


def test_a_terminal_is_not_a_pipe(tmp_path: Path, kept: tuple[Path, list[str], Path]) -> None:
    _, args, _ = kept
    out = _on_a_pty(args, _env(tmp_path, IWGPLAN_PAGER=""), tmp_path, (80, 40))
    assert FORGED.strip() not in out and b"Tier" in out


def test_another_day_misses(tmp_path: Path, kept: tuple[Path, list[str], Path]) -> None:
    """Without --as-of the screen is today's: the key holds the day (here: the clock pinned)."""
    plan, _, _ = kept
    front_args = ["status", "--plan", str(plan)]
    keys = set()
    import datetime

    from iwgplan.plan import dates

    for day in (datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(dates, "today", lambda day=day: day)
            keys.add(memo.key(front_args, str(plan), plan.read_bytes(), memo._day()))
    assert len(keys) == 2


def test_the_day_of_a_hit_is_the_commands_day(tmp_path: Path) -> None:
    """A hit reads the day without loading iwgplan.plan.dates: the same day date.today() gives."""
    code = (
        "import sys, datetime\nfrom iwgplan.cli import memo\n"
        "assert 'iwgplan.plan.dates' not in sys.modules\n"
        "before = datetime.date.today().isoformat(); day = memo._day()\n"
        "print(day in (before, datetime.date.today().isoformat()))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_a_change_in_the_code_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.txt").write_text("words\n")
    monkeypatch.setattr(memo, "_PACKAGE", str(package))
    seen = {"\0".join(memo._code())}
    (package / "sub" / "b.txt").write_text("other words\n")
    seen.add("\0".join(memo._code()))
    (package / "c.py").write_text("")
    seen.add("\0".join(memo._code()))
    os.utime(package / "a.py", ns=(1, 1))
    seen.add("\0".join(memo._code()))
    assert len(seen) == 4
    library = tmp_path / "site"
    library.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(library)])
    before = memo._code()
    (library / "new_library").mkdir()  # an install adds its folder
    assert memo._code() != before


# Entries that are not ours to trust, or not whole: a miss (the real screen), never an error.
def _truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:-10])


def _flip(entry: Path) -> None:
    blob = bytearray(entry.read_bytes())
    blob[-2] ^= 1
    entry.write_bytes(bytes(blob))


def _fifo(entry: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)


def _link(entry: Path) -> None:
    target = entry.with_name("elsewhere")
    entry.rename(target)
    entry.symlink_to(target)


def _writable(entry: Path) -> None:
    entry.chmod(0o666)


def _huge(entry: Path) -> None:
    with entry.open("r+b") as handle:
        handle.truncate(memo.LIMIT + 1)


def _folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()


def _other_header(entry: Path) -> None:
    magic, _, payload = entry.read_bytes().split(b"\n", 2)
    entry.write_bytes(magic + b"\n\xff\xfe not a header\n" + payload)


def _other_magic(entry: Path) -> None:
    entry.write_bytes(b"iwgplan-screen 0" + entry.read_bytes()[16:])


BROKEN = {
    "empty": lambda entry: entry.write_bytes(b""),
    "truncated": _truncate,
    "flipped": _flip,
    "fifo": _fifo,
    "symlink": _link,
    "group and world writable": _writable,
    "past the limit": _huge,
    "a folder": _folder,
    "another header": _other_header,
    "another format": _other_magic,
}


@pytest.mark.parametrize("how", list(BROKEN), ids=list(BROKEN))
def test_an_entry_not_to_trust_is_a_miss(cli, capsys: pytest.CaptureFixture[str], how: str) -> None:  # type: ignore[no-untyped-def]
    plan = Path("plan.yaml")
    plan.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["status", "--plan", str(plan), "--as-of", AS_OF]
    reference = cli(*argv)  # the Typer app; fills the validated-plan cache
    capsys.readouterr()
    assert front.run(argv) == 0  # keeps the screen
    capsys.readouterr()
    [entry] = Path(os.environ["IWGPLAN_CACHE_DIR"]).glob("screen-*")
    BROKEN[how](entry)
    outcome: list[int | None] = []
    worker = threading.Thread(target=lambda: outcome.append(memo.replay(argv)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert outcome == [None], "a hit, or a hang"
    assert capsys.readouterr().out == ""
    assert front.run(argv) == 0
    assert capsys.readouterr().out == reference.out


def test_a_hit_in_process_replays_the_screen(cli, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    plan = Path("plan.yaml")
    plan.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["status", "--plan", str(plan), "--as-of", AS_OF]
    reference = cli(*argv)
    capsys.readouterr()
    assert front.run(argv) == 0
    capsys.readouterr()
    assert memo.replay(argv) == 0
    assert capsys.readouterr().out == reference.out


# Runs whose screen is not kept.
def _kept_after(cli, capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[Path]:  # type: ignore[no-untyped-def]
    plan = Path("plan.yaml")
    plan.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    cli(*argv, "--plan", str(plan))
    front.run([*argv, "--plan", str(plan)])
    capsys.readouterr()
    return list(Path(os.environ["IWGPLAN_CACHE_DIR"]).glob("screen-*"))


def test_a_failed_run_is_not_kept(cli, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert _kept_after(cli, capsys, ["status", "--owner", "Nobody at all"]) == []


def test_nothing_is_kept_with_the_cache_off(cli, capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    assert _kept_after(cli, capsys, ["status", "--as-of", AS_OF]) == []


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_run_that_writes_outside_the_screen_is_not_kept(cli, capsys, monkeypatch, stream: str) -> None:  # type: ignore[no-untyped-def]
    from iwgplan.cli import browse

    original = browse.status

    def talkative(*args: object, **kwargs: object) -> None:
        print("a word on the side", file=getattr(sys, stream))
        original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(browse, "status", talkative)
    assert _kept_after(cli, capsys, ["status", "--as-of", AS_OF]) == []


def test_a_run_across_midnight_is_not_kept(cli, capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    days = iter(["2026-03-01", "2026-03-02"])  # the day of the key, then the day at its end
    monkeypatch.setattr(memo, "_day", lambda: next(days))
    assert _kept_after(cli, capsys, ["status"]) == []
    assert next(days, None) is None  # both were read


def test_since_is_never_kept(cli, capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """`--since` reads the plan's git history, which no key holds (here it finds nothing to add)."""
    monkeypatch.setattr("iwgplan.views.since.since_of", lambda *args: None)
    assert _kept_after(cli, capsys, ["status", "--as-of", AS_OF]) != []  # the same run without it is kept
    for entry in Path(os.environ["IWGPLAN_CACHE_DIR"]).glob("screen-*"):
        entry.unlink()
    assert _kept_after(cli, capsys, ["status", "--as-of", AS_OF, "--since", "2026-01-01"]) == []


def test_the_cache_folder_rules_hold_for_screens(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)  # everyone may write: never used
    target = folder / "screen-x"
    cache_files.write_entry(target, b"x")
    assert not target.exists()


def test_a_found_plan_is_found_again(tmp_path: Path) -> None:
    """Without --plan the plan is found as the command finds it: a second plan in the folder
    is the command's business (here: it asks which), never the kept screen's."""
    plans = tmp_path / "plans"
    plans.mkdir()
    _plan(plans, SHIPPED.read_text(encoding="utf-8"), "workplan.yaml")
    args = ["status", "--as-of", AS_OF]
    _three_runs(tmp_path, args, _env(tmp_path))
    [entry] = _screens(tmp_path)
    _forge(entry, FORGED)
    assert _run(args, _env(tmp_path), tmp_path).stdout == FORGED
    _plan(plans, plan_text("other"), "other.yaml")
    run = _run(args, _env(tmp_path), tmp_path)
    assert run.returncode == 2 and FORGED not in run.stdout
    assert b"holds several plans" in run.stderr


def test_a_note_on_a_folder_passed_over_is_said_on_a_hit(tmp_path: Path) -> None:
    """A plans/ folder with nothing usable in it is passed over with a note on stderr: such a
    run is not kept, so every run says it."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "notes.txt").write_text("not a plan\n")
    args = ["status", "--as-of", AS_OF, "--format", "json"]
    runs = [_run(args, _env(tmp_path, IWGPLAN_PLAN=None), tmp_path) for _ in range(3)]
    assert _screens(tmp_path) == []
    for run in runs:
        assert run.returncode == 0 and b"plans" in run.stderr, run.stderr
        assert (run.stdout, run.stderr) == (runs[0].stdout, runs[0].stderr)
