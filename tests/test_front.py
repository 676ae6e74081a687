"""The start-up path of the browse commands never disagrees with the Typer app: every option of
those commands is either taken exactly as Typer takes it or handed over, and what it prints
on a cache hit is what the Typer app prints."""

from __future__ import annotations

import enum
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
import typer.main

from iwgplan.cli import front
from iwgplan.cli.app import app
from tests.helpers import FIXTURES, ROOT, SHIPPED, SMALL
from tests.helpers.front_path import assert_same_as_typer
from tests.helpers.git_story import build_story
from tests.helpers.hostile_output import PAYLOADS, plan_text
from tests.helpers.hostile_yaml import CASES as HOSTILE_YAML
from tests.helpers.terminal import on_a_pty

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

AS_OF = "2026-03-01"
INVALID = FIXTURES / "invalid"


def typer_commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return {name: group.commands[name] for name in front.COMMANDS}  # type: ignore[attr-defined]


def _default(param: Any) -> object:
    value = param.default
    if isinstance(value, list | tuple):
        return tuple(getattr(v, "value", v) for v in value)
    return getattr(value, "value", value)


def test_the_option_table_is_generated_from_the_typer_app() -> None:
    """front_table.py is what front_gen writes from the app as it is (`.ci/run` checks it too)."""
    from iwgplan.cli import front_gen

    assert front_gen.TABLE.read_text(encoding="utf-8") == front_gen.table(), front_gen.FIX
    assert front_gen.main(["--check"]) == 0


def test_the_generator_sees_an_option_added_to_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from iwgplan.cli import front_gen

    before = front_gen.table()
    monkeypatch.setitem(front_gen.HANDED_OVER, "--owner", "a test hands it over")
    after = front_gen.table()
    assert "'--owner'" in before and "'--owner': (" not in after
    assert front_gen.main(["--check"]) == 1


@pytest.mark.parametrize("name", list(front.COMMANDS))
def test_every_option_is_taken_as_typer_takes_it_or_handed_over(name: str) -> None:
    command = typer_commands()[name]
    spec = front.COMMANDS[name]
    typer_names = set()
    for param in command.params:
        if not param.opts[0].startswith("-"):
            assert spec.argument == param.name, f"{name}: argument {param.name}"
            assert param.required and param.nargs == (-1 if spec.several else 1) and not param.multiple
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            typer_names.add(opt)
            known = spec.options.get(opt)
            if known is None:  # not the start-up path's: it must hand the command line over
                assert front.parse([name, opt]) is None, opt
                assert front.parse([name, opt, "x"]) is None, opt
                assert front.parse([name, f"{opt}=x"]) is None, opt
                continue
            _same_option(f"{name} {opt}", param, known)
    assert set(spec.options) <= typer_names, f"{name}: the start-up path knows more than Typer"


def _same_option(where: str, param: Any, known: front.Opt) -> None:
    annotation = param.type_descriptor.annotation
    info = param.type_descriptor.parameter_info
    assert param.name == known.param or known.param in ("statuses",), where
    assert param.envvar is None and param.callback is None and not param.is_eager, where
    assert param.is_flag == (known.kind == "flag") and param.nargs == 1, where
    assert param.multiple == (known.kind == "many"), where
    if known.kind == "flag":
        assert annotation is bool, where
    elif known.kind == "choice":
        assert issubclass(annotation, enum.Enum), where
        assert tuple(m.value for m in annotation) == known.choices, where
    elif known.kind == "many":
        (member,) = typing.get_args(annotation)
        assert tuple(m.value for m in member) == known.choices, where
    elif known.kind == "int":
        assert annotation is int and (param.min, param.max) == (known.low, known.high), where
    elif known.kind == "path":
        assert annotation is Path and info.dir_okay is False and not info.exists, where
    else:
        assert annotation is str and known.kind in ("text", "day"), where
    expected = (tuple(known.default) or None) if known.kind == "many" else known.default
    assert _default(param) == expected, where


@pytest.mark.parametrize("name", list(front.COMMANDS))
def test_global_options_after_the_command_are_handed_over(name: str) -> None:
    """The root's options that may follow a command (--no-color, --debug, --no-cache ...)."""
    root = typer.main.get_command(app)
    spec = front.COMMANDS[name]
    for param in root.params:
        for opt in [*param.opts, *param.secondary_opts]:
            if opt in spec.options:  # --plan: the command's own option, taken as Typer takes it
                continue
            for argv in ([name, opt], [name, opt, "x"], [name, f"{opt}=x"]):
                argv = [*argv, "late"] if spec.argument else argv
                assert front.parse(argv) is None, argv


HANDED_OVER = [
    [],
    ["status", "--help"],
    ["status", "-h"],
    ["--no-cache", "status"],
    ["--debug", "status"],
    ["status", "--no-cache"],
    ["status", "--no-color"],
    ["status", "--color", "always"],
    ["--plan", "x.yaml", "status"],
    ["status", "--rev", "HEAD"],
    ["status", "--format", "yaml"],
    ["status", "--format"],
    ["status", "--format", "json", "--format", "text"],
    ["status", "--horizon", "-1"],
    ["status", "--horizon", "4000"],
    ["status", "--horizon", "ten"],
    ["status", "--horizon", "+5"],
    ["status", "--as-of", "2026-13-01"],
    ["status", "--as-of", "tomorrow"],
    ["status", "--plan", "."],
    ["status", "--plan", ""],
    ["status", "--plan", "-"],
    ["status", "extra"],
    ["status", "--"],
    ["status", "--unknown"],
    ["show"],
    ["show", "a", "b"],
    ["show", "-x"],
    ["list", "--overdue=yes"],
    ["list", "--status", "stuck"],
    ["list", "--due-before", "soon"],
    ["list", "--tier", "--owner"],
    ["validate"],
    ["done"],
    ["done", "--plan", "p.yaml"],
    ["done", "x", "--no-cache"],
    ["done", "x", "--date", "yesterday"],
    ["done", "x", "--date", "2026-02-30"],
    ["done", "x", "--date"],
    ["done", "x", "--note", ""],
    ["done", "x", "--note", "-a dash first"],
    ["done", "x", "--dry-run=yes"],
    ["done", "x", "--help"],
    ["done", "x", "--", "-y"],
    ["start", "x"],
    ["report"],
]


@pytest.mark.parametrize("argv", HANDED_OVER, ids=lambda a: " ".join(a) or "(none)")
def test_anything_unknown_is_handed_over(argv: list[str]) -> None:
    assert front.parse(argv) is None


def test_completion_is_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_IWGPLAN_COMPLETE", "bash_complete")
    assert front.parse(["status"]) is None


# A miss (nothing cached yet, the cache off, or a plan no cache could hold) is run by the
# start-up path too: the plan read and checked in full, every refusal its own. Each plan below
# against each command line: the same exit code, stdout and stderr as the Typer app.
def _miss_plans() -> dict[str, bytes]:
    plans = {
        "small": SMALL.read_bytes(),
        "shipped": SHIPPED.read_bytes(),
        "generated-1000": generate(1000, seed=1).encode(),
        "empty": b"",
        "not-utf8": SMALL.read_bytes().replace(b"title:", b"title: \xff\xfe", 1),
        "bom-crlf": b"\xef\xbb\xbf" + SMALL.read_bytes().replace(b"\n", b"\r\n"),
        "yaml-syntax": b"schema_version: 2\nplan: [unclosed\n",
        "a-list": b"- 1\n- 2\n",
    }
    plans |= {f"invalid-{p.stem}": p.read_bytes() for p in sorted(INVALID.glob("*.yaml"))}
    plans |= {f"hostile-yaml-{name}": text.encode() for name, (text, _) in HOSTILE_YAML.items()}
    plans |= {f"hostile-{name}": plan_text(payload).encode() for name, payload in PAYLOADS.items()}
    return plans


MISS_PLANS = _miss_plans()
MISS_LINES = [
    ["status"],
    ["status", "--format", "json", "--as-of", AS_OF],
    ["tiers", "--as-of", "2025-09-01"],
    ["show", "late"],
    ["list", "--status", "done", "--format", "csv"],
]


@pytest.mark.parametrize("cache", ["empty", "off"])
@pytest.mark.parametrize("name", sorted(MISS_PLANS))
def test_a_miss_prints_what_the_typer_app_prints(  # type: ignore[no-untyped-def]
    cli,
    name: str,
    cache: str,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(MISS_PLANS[name])
    cached = Path(os.environ["IWGPLAN_CACHE_DIR"])
    if cache == "off":
        monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    for argv in MISS_LINES:
        args = [*argv, "--plan", str(plan)]
        for entry in cached.glob("*"):
            entry.unlink()
        typer_run = cli(*args)
        capsysbinary.readouterr()
        for entry in cached.glob("*"):
            entry.unlink()
        code = front.run(args)
        fast = capsysbinary.readouterr()
        assert code is not None, f"the start-up path handed {argv} over"
        assert (code, fast.out, fast.err) == (typer_run.code, *typer_run.raw), argv


@pytest.mark.parametrize("where", ["no plans folder", "two plans", "empty plans folder", "missing file"])
def test_a_miss_without_a_plan_to_read_says_what_the_typer_app_says(  # type: ignore[no-untyped-def]
    cli,
    where: str,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plan discovery on a miss: the embedded plan, a refusal to choose, a plans/ folder passed
    over (its note on stderr), a --plan that names nothing."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IWGPLAN_PLAN", raising=False)
    folder = tmp_path / "plans"
    if where != "no plans folder":
        folder.mkdir()
    if where == "two plans":
        for stem in ("a", "b"):
            (folder / f"{stem}.yaml").write_bytes(SMALL.read_bytes())
    args = ["status", "--as-of", AS_OF] + (["--plan", "nowhere.yaml"] if where == "missing file" else [])
    typer_run = cli(*args)
    capsysbinary.readouterr()
    code = front.run(args)
    fast = capsysbinary.readouterr()
    assert code is not None
    assert (code, fast.out, fast.err) == (typer_run.code, *typer_run.raw)
    assert (code == 0) is (where in ("no plans folder", "empty plans folder"))


SAME = [
    ["status"],
    ["status", "--format", "json", "--horizon", "400"],
    ["status", "--format=markdown", "--as-of", AS_OF],
    ["status", "--horizon=0", "--as-of", "2025-01-01"],
    ["tiers", "--format", "json"],
    ["tiers", "--as-of", AS_OF],
    ["show", "late"],
    ["show", "--format", "json", "KID-A"],
    ["show", "nothing-like-it"],
    ["show", "lat"],
    ["show", "--exact", "lat"],
    ["show", "kid"],
    ["show", "late", "--as-of", "2025-09-01", "--format", "markdown"],
    ["list"],
    ["list", "--status", "planned", "--status", "blocked", "--format", "csv"],
    ["list", "--overdue", "--as-of", AS_OF, "--format", "json"],
    ["list", "--as-of", "2025-09-01"],  # a day before items were done: the replayed plan, its own index
    ["list", "--tier", "1", "--owner", "türkiye", "--search", "host"],
    ["list", "--tier", "nope"],
    ["list", "--due-before", "2026-07-01"],
    ["list", "--excel"],
    ["status", "--owner", "CÔTE", "--as-of", AS_OF],
    ["status", "--owner", "ivoire", "--format", "json", "--as-of", AS_OF],
    ["status", "--owner", "d'Iv", "--format", "markdown", "--as-of", AS_OF],
    ["status", "--owner", "nobody"],
]


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a))
def test_a_hit_prints_what_the_typer_app_prints(  # type: ignore[no-untyped-def]
    cli, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SMALL.read_bytes())
    assert_same_as_typer(cli, capsys, plan, argv)


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iwgplan", *args],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
    )


def _imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_a_warm_run_imports_neither_typer_nor_pydantic_nor_yaml(tmp_path: Path) -> None:
    """A cold run reads the plan in full (pydantic, YAML) without Typer; a warm one needs none."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SMALL.read_bytes())
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    cold = _run("status", "--plan", str(plan), env=env)
    warm = _run("status", "--plan", str(plan), env=env)
    assert cold.returncode == warm.returncode == 0
    assert cold.stdout == warm.stdout
    assert {"pydantic", "yaml"} <= _imported(cold.stderr)
    assert not {"typer", "click"} & _imported(cold.stderr)
    assert not {"typer", "click", "pydantic", "yaml"} & _imported(warm.stderr)
    missing = _run("show", "no-such-id", "--plan", str(plan), env=env)
    assert missing.returncode == 1
    assert "iwgplan: no action point with id 'no-such-id'" in missing.stderr
    assert "typer" not in _imported(missing.stderr)


def test_exit_codes_survive_the_fast_exit(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    plan = tmp_path / "plan.yaml"
    plan.write_text("schema_version: 1\n", encoding="utf-8")
    assert _run("status", "--plan", str(plan), env=env).returncode == 1
    assert _run("status", "--horizon", "-4", env=env).returncode == 2
    assert _run("--version", env=env).returncode == 0
    help_run = _run("status", "--help", env=env)
    assert help_run.returncode == 0 and "Usage: iwgplan status" in help_run.stdout


SINCE = [
    ["status", "--since", "2025-10-15"],
    ["status", "--since", "2025-10-15", "--format", "json", "--as-of", "2025-12-20"],
    ["status", "--since", "HEAD~3", "--format", "markdown"],
    ["status", "--since", "no-such-tag"],
    ["status", "--since", "2099-01-01"],
    ["status", "--since", "2025-02-30"],
]


@pytest.mark.parametrize("argv", SINCE, ids=lambda a: " ".join(a))
def test_since_on_a_hit_prints_what_the_typer_app_prints(  # type: ignore[no-untyped-def]
    cli, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = build_story(tmp_path / "story")
    args = [*argv, "--plan", str(story.plan)]
    typer_run = cli(*args)  # also fills the cache, the plan's and its blobs'
    capsys.readouterr()
    code = front.run(args)
    fast = capsys.readouterr()
    assert code is not None, "the start-up path handed a cached plan over"
    assert (code, fast.out, fast.err) == (typer_run.code, typer_run.out, typer_run.err)
    uncached = cli("--no-cache", *args)
    assert (uncached.code, uncached.out, uncached.err) == (typer_run.code, typer_run.out, typer_run.err)


def test_a_warm_since_reads_no_blob_twice_and_imports_no_pydantic(tmp_path: Path) -> None:
    story = build_story(tmp_path / "story")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "IWGPLAN_CACHE_DIR": str(tmp_path / "cache")}
    args = ("status", "--since", "2025-10-15", "--plan", str(story.plan))
    cold, warm = _run(*args, env=env), _run(*args, env=env)
    assert cold.returncode == warm.returncode == 0 and "Since 2025-10-15" in cold.stdout
    assert cold.stdout == warm.stdout
    assert {"pydantic", "yaml"} <= _imported(cold.stderr)
    assert not {"typer", "click"} & _imported(cold.stderr)
    assert not {"typer", "click", "pydantic", "yaml"} & _imported(warm.stderr)


@pytest.mark.parametrize(
    "line",
    [["--version"], ["--version", "status"], ["--no-color", "--version"], ["--version", "--debug"]],
)
def test_version_is_answered_before_typer_loads_and_as_typer_answers_it(line: list[str]) -> None:
    """`iwgplan --version` alone does not load Typer (issue 29); every line that holds it prints
    the same bytes and exit code as the Typer app's eager option does."""
    from typer.testing import CliRunner

    env = {**os.environ, "NO_COLOR": "1"}
    fast = _run(*line, env=env)
    typer_run = CliRunner().invoke(app, line)
    assert (fast.returncode, fast.stdout) == (typer_run.exit_code, typer_run.stdout)
    assert fast.stdout == f"iwgplan {__import__('iwgplan').__version__}\n"
    loaded = _imported(fast.stderr)
    assert ("typer" in loaded) is (line != ["--version"])


# `iwgplan --help` (or -h) alone is printed from front_help.py, generated from the Typer app.
HELP_WIDTHS = [
    "1",
    "20",
    "49",
    "50",
    "51",
    "52",
    "53",
    "64",
    "79",
    "80",
    "81",
    "82",
    "120",
    "500",
    "",
    "0",
    "-3",
    "x",
]


def test_the_help_screens_are_generated_from_the_typer_app() -> None:
    from iwgplan.cli import front_gen

    assert front_gen.HELP.read_text(encoding="utf-8") == front_gen.help_module(), front_gen.FIX


@pytest.mark.parametrize("option", ["--help", "-h"])
@pytest.mark.parametrize("columns", HELP_WIDTHS)
def test_help_alone_prints_what_the_typer_app_prints(option: str, columns: str) -> None:
    """Every terminal width (COLUMNS, including the values Python ignores): the same bytes, exit
    code and silence on stderr as the Typer app, which `_IWGPLAN_…` in the environment selects."""
    env = {**os.environ, "COLUMNS": columns}
    fast = _run(option, env=env)
    typer_run = _run(option, env={**env, "_IWGPLAN_TEST_HAND_OVER": "1"})
    assert "typer" not in _imported(fast.stderr) and "typer" in _imported(typer_run.stderr)
    assert (fast.returncode, fast.stdout) == (typer_run.returncode, typer_run.stdout) == (0, fast.stdout)
    assert fast.stdout.startswith("Usage: iwgplan [OPTIONS] COMMAND [ARGS]...")
    assert [line for line in fast.stderr.splitlines() if not line.startswith("import time:")] == []


@pytest.mark.parametrize("size", [(30, 10), (66, 20), (80, 24), (200, 50)])
def test_help_on_a_terminal_is_what_the_typer_app_prints_there(size: tuple[int, int]) -> None:
    """No COLUMNS: the width is the terminal's own."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command = [sys.executable, "-m", "iwgplan", "--help"]
    fast = on_a_pty(command, env, size=size)
    typer_run = on_a_pty(command, {**env, "_IWGPLAN_TEST_HAND_OVER": "1"}, size=size)
    assert fast == typer_run and fast[0] == 0
    assert max(len(line) for line in fast[1].splitlines()) <= max(min(size[0], 80) - 2, 50)


def test_help_with_shell_detection_off_is_handed_over() -> None:
    """Typer shows --install-completion's shells when its test switch turns detection off."""
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", "COLUMNS": "80"}
    run = _run("--help", env=env)
    assert run.returncode == 0 and "typer" in _imported(run.stderr)


# `done` runs from the start-up path without Typer: the same words, exit code and file bytes.
DONE = [
    ["done", "late"],
    ["done", "late", "--date", "2026-01-15"],
    ["done", "--date=2026-01-15", "late", "kid-a"],
    ["done", "lat"],
    ["done", "lat", "--exact"],
    ["done", "kid"],
    ["done", "no-such-item"],
    [
        "done",
        "late",
        "--note",
        "sent to Members",
        "--evidence",
        "WT/MIN(26)/6",
        "--evidence-title",
        "Statement",
    ],
    ["done", "late", "--dry-run"],
    ["done", "late", "--force"],
    ["done", "late", "--date", "2099-01-01"],
    ["done", "late", "--date", "2099-01-01", "--future"],
    ["done", "late", "late"],
]


@pytest.mark.parametrize("argv", DONE, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_done_without_typer_writes_and_says_what_the_typer_app_does(  # type: ignore[no-untyped-def]
    cli, argv: list[str], cache: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    outcomes = []
    for way in ("typer", "front"):
        plan.write_bytes(SMALL.read_bytes())
        for entry in Path(os.environ["IWGPLAN_CACHE_DIR"]).glob("*"):
            entry.unlink()
        if cache == "warm":
            cli("status", "--plan", str(plan))
        capsys.readouterr()
        if way == "typer":
            run = cli(*argv, "--plan", str(plan))
            outcomes.append((run.code, run.out, run.err, plan.read_bytes()))
        else:
            code = front.run([*argv, "--plan", str(plan)])
            fast = capsys.readouterr()
            assert code is not None, "the start-up path handed done over"
            outcomes.append((code, fast.out, fast.err, plan.read_bytes()))
    assert outcomes[0] == outcomes[1]


def test_a_warm_done_imports_no_typer(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SMALL.read_bytes())
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "IWGPLAN_CACHE_DIR": str(tmp_path / "cache")}
    assert _run("status", "--plan", str(plan), env=env).returncode == 0
    run = _run("done", "late", "--date", "2026-01-15", "--plan", str(plan), env=env)
    assert run.returncode == 0 and "updated" in run.stderr
    assert not {"typer", "click"} & _imported(run.stderr)
