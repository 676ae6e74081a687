"""What every command shares: plan options, error handling, date arguments, output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer
import typer._click

from iwgplan.errors import IwgplanError, PlanInvalid, Problem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from iwgplan.plan.index import Entry, PlanIndex
    from iwgplan.views.context import View

P = ParamSpec("P")

PlanOpt = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Plan file. Default: $IWGPLAN_PLAN, then the one plans/*.yaml here or in a parent"
        " folder, then the plan embedded in iwgplan.",
        show_default=False,
        dir_okay=False,
    ),
]
RevOpt = Annotated[
    str | None,
    typer.Option(
        "--rev",
        help="Read the plan as it stood at this git revision (a branch, tag, commit or HEAD~N).",
        show_default=False,
    ),
]
ExactOpt = Annotated[
    bool,
    typer.Option(
        "--exact",
        help="Take ids only in full (any case), never as a prefix: for scripts, so that an id"
        " added later cannot change what a short id means.",
    ),
]
RawOpt = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV: write cells exactly as in the plan. By default a cell starting with = + - @,"
        " TAB or CR gets a leading ' so that a spreadsheet does not run it as a formula.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Report as of this day (YYYY-MM-DD). Default: today.", show_default=False),
]


class Fmt(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOpt = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
        show_default=False,
    ),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="The same as --color never.")]

# Flags of the root command that may also follow the command's name (`iwgplan list --no-color`);
# the root's parser moves them in front of it. --plan and --rev are options of each command as
# well, and `handled` checks that the two places agree.
FLAGS = ("--debug", "--no-color")
VALUED = ("--color",)


def hoist_flags(args: list[str], commands: set[str]) -> list[str]:
    """Move the global flags that follow the command in front of it; stop at ``--``."""
    at, skip = None, False
    for i, arg in enumerate(args):
        if arg in commands and not skip:
            at = i
            break
        skip = arg in ("--plan", "--rev", *VALUED)
    if at is None:
        return args
    front, rest, moved = args[:at], [args[at]], []
    tail = iter(args[at + 1 :])
    for arg in tail:
        if arg == "--":
            rest += [arg, *tail]
            break
        if arg in FLAGS or arg.split("=", 1)[0] in VALUED:
            moved.append(arg)
            if arg in VALUED:
                moved.append(next(tail, ""))
        else:
            rest.append(arg)
    return [*front, *moved, *rest]


class State:
    """What the root command's options chose, for the command that runs after it."""

    debug = bool(os.environ.get("IWGPLAN_DEBUG"))
    plan: Path | None = None
    rev: str | None = None
    color = ColorChoice.auto

    @classmethod
    def start(
        cls,
        *,
        debug: bool,
        plan: Path | None,
        rev: str | None,
        color: ColorChoice | None,
        no_color: bool,
    ) -> None:
        if no_color and color not in (None, ColorChoice.never):
            raise typer.BadParameter(f"--no-color and --color {color.value} disagree", param_hint="--color")
        cls.debug = bool(os.environ.get("IWGPLAN_DEBUG")) or debug
        cls.plan, cls.rev = plan, rev
        cls.color = ColorChoice.never if no_color else (color or ColorChoice.auto)


def _command_name() -> str:
    ctx = typer._click.globals.get_current_context(silent=True)
    return (ctx.info_name if ctx else None) or "this command"


def _merge_globals(name: str, kwargs: dict[str, object]) -> None:
    """A --plan or --rev given before the command counts as given to it; two different values
    are a usage error, and so is one the command does not take."""
    for key in ("plan", "rev"):
        given = getattr(State, key)
        if given is None:
            continue
        if key not in kwargs:
            raise UsageError(f"--{key} does not apply to `iwgplan {name}`")
        mine = kwargs[key]
        if mine is not None and mine != given:
            raise UsageError(f"--{key} is given twice, as {given} and as {mine}; give it once")
        kwargs[key] = given


def err(message: str) -> None:
    """A message on stderr; any plan text or argument in it is shown with its controls visible.

    Its own line breaks stay (some messages list candidates); ``::`` never survives, so no line
    of it can be a GitHub workflow command.
    """
    from iwgplan.render.safe import block

    print(block(message), file=sys.stderr)


def problem_line(path: str, problem: Problem) -> str:
    where = path
    if problem.line is not None:
        where += f":{problem.line}:{problem.column}"
    what = f"{problem.dotted}: " if problem.loc else ""
    return f"{where}: {what}{problem.message}"


def report_invalid(exc: PlanInvalid) -> None:
    for problem in exc.result.problems:
        err(problem_line(exc.result.path, problem))
    count = len(exc.result.problems)
    err(f"iwgplan: the {exc.what} has {count} problem{'s' if count != 1 else ''}")


def handled(fn: Callable[P, int | None]) -> Callable[P, None]:
    """Run a command, mapping errors to exit codes: user 1, usage 2, unexpected 3, Ctrl-C 130."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            _merge_globals(_command_name(), kwargs)
            code = fn(*args, **kwargs) or 0
        except typer.Exit:
            raise
        except PlanInvalid as exc:
            report_invalid(exc)
            code = exc.exit_code
        except IwgplanError as exc:
            err(f"iwgplan: {exc}")
            code = exc.exit_code
        except KeyboardInterrupt:
            err("iwgplan: interrupted")
            code = 130
        except Exception as exc:
            if State.debug:
                raise
            err(f"iwgplan: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug)")
            code = 3
        if code:
            raise typer.Exit(code)

    return wrapper


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date; use YYYY-MM-DD") from None


def as_of_day(value: str | None) -> date:
    return parse_day(value, "--as-of") or date.today()


def emit(data: str | bytes, output: Path | None = None) -> None:
    """Write a rendered result to stdout, or atomically to a file."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    from iwgplan.files.atomic import write_atomic

    write_atomic(output, raw)
    err(f"wrote {output}")


def resolve_ids(index: PlanIndex, wanted: list[str], *, exact: bool, say: bool = True) -> list[Entry]:
    """Each id, prefix or any-case spelling to its item; says on stderr which id a prefix meant."""
    from iwgplan.plan.index import resolve

    found = []
    for name in wanted:
        entry = resolve(index, name, exact=exact)
        if say and name.strip().lower() != entry.id.lower():
            err(f"iwgplan: {name!r} is {entry.id}")
        found.append(entry)
    return found


def load_view(plan: Path | None, rev: str | None, as_of: str | None = None) -> View:
    """Read, parse and index the chosen plan: what every read-only command starts with."""
    from iwgplan.files.discover import read_plan
    from iwgplan.files.loading import load_text
    from iwgplan.views.context import View

    source = read_plan(plan, rev)
    parsed, index = load_text(source.text, source.shown)
    if as_of is None:
        return View(parsed, index, source.shown, as_of_day(as_of))
    from iwgplan.plan.index import PlanIndex
    from iwgplan.views.replay import replay

    day = as_of_day(as_of)
    past = replay(parsed, day)
    return View(past, PlanIndex(past), source.shown, day, recorded=True)


def console() -> Console:
    from functools import partial

    from rich.console import Console

    plain = partial(Console, highlight=False, soft_wrap=False, markup=False, emoji=False)  # not markup
    if State.color is ColorChoice.always:
        return plain(force_terminal=True, no_color=False)
    if State.color is ColorChoice.never:
        return plain(color_system=None)
    return plain()


REPORTERS = {
    "text": "iwgplan.render.text",
    "json": "iwgplan.render.json_out",
    "markdown": "iwgplan.render.markdown",
}


def report(fmt: str, name: str, *args: object, **text_options: object) -> None:
    """Hand a result to the reporter of ``fmt``; only that reporter's module is imported.

    Text reporters print to a rich console themselves; the others return a string.
    """
    reporter = getattr(__import__(REPORTERS[fmt], fromlist=[name]), name)
    if fmt == "text":
        reporter(*args, console(), **text_options)
    else:
        print(reporter(*args), end="")
