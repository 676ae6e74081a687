"""What every command shares: plan options, error handling, date arguments, output.

The parts that need no Typer live in :mod:`iwgplan.cli.output` and are re-exported here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec

import typer
import typer._click

from iwgplan.cli import complete
from iwgplan.cli.output import (
    REPORTERS,
    ColorChoice,
    State,
    as_of_day,
    console,
    emit,
    emit_csv,
    err,
    fit,
    in_words,
    load_view,
    make_view,
    on_terminal,
    pager_command,
    parse_day,
    problem_line,
    refuse_plan_as_output,
    report,
    report_invalid,
    resolve_ids,
    run_mapped,
    speak,
)
from iwgplan.errors import UsageError

__all__ = [
    "REPORTERS",
    "AsOfOpt",
    "ColorChoice",
    "ColorOpt",
    "ExactOpt",
    "Fmt",
    "NoColorOpt",
    "NoPagerOpt",
    "NoWrapOpt",
    "PlanOpt",
    "RawOpt",
    "ExcelOpt",
    "ForceOpt",
    "Lang",
    "LangOpt",
    "RevOpt",
    "State",
    "WideOpt",
    "as_of_day",
    "console",
    "emit",
    "emit_csv",
    "err",
    "fit",
    "handled",
    "hoist_flags",
    "in_words",
    "load_view",
    "make_view",
    "on_terminal",
    "pager_command",
    "parse_day",
    "problem_line",
    "refuse_plan_as_output",
    "report",
    "report_invalid",
    "resolve_ids",
    "run_mapped",
    "speak",
]

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
        autocompletion=complete.revisions,
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
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="csv: for spreadsheets: a byte-order mark, CRLF, and document numbers kept as text.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Report as of this day (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]

# Options of the commands that edit the plan, shared so that each is declared and worded once.
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="The day it happened (YYYY-MM-DD). Default: today."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show the diff that would be written; write nothing.")
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Edit a closed plan (one `iwgplan successor` has closed; its successor is where to record).",
    ),
]
FutureOpt = Annotated[
    bool, typer.Option("--future", help="Allow a --date after today (a change recorded ahead of time).")
]
IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The action point's id, or its first letters (any case).",
        autocompletion=complete.ids,
    ),
]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why; kept in the item's history.")]


class Lang(StrEnum):
    en = "en"
    fr = "fr"
    es = "es"


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Write in this language: en, fr or es. Default: $IWGPLAN_LANG, then the locale"
        " (LC_ALL, LC_MESSAGES, LANG), then English.",
        show_default=False,
    ),
]


class Fmt(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


FmtOpt = Annotated[Fmt, typer.Option("--format", help="Output format.")]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE|REF|MEETING",
        help="What changed since this day (YYYY-MM-DD, inclusive), git revision, meeting (its id)"
        " or last-meeting (the IWG's last meeting before the day shown).",
        show_default=False,
    ),
]


ColorOpt = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
        show_default=False,
    ),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="The same as --color never.")]
WideOpt = Annotated[
    bool,
    typer.Option("--wide", help="Every column in full, one line per row, however wide the terminal."),
]
NoWrapOpt = Annotated[
    bool,
    typer.Option("--no-wrap", help="On a terminal, cut long titles with … instead of wrapping them."),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option("--no-pager", help="Never page, even when the output is longer than the terminal."),
]

# Flags of the root command that may also follow the command's name (`iwgplan list --no-color`);
# the root's parser moves them in front of it. --plan and --rev are options of each command as
# well, and `handled` checks that the two places agree.
FLAGS = ("--debug", "--no-color", "--no-cache")
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


def handled(fn: Callable[P, int | None]) -> Callable[P, None]:
    """Run a command, mapping errors to exit codes: user 1, usage 2, unexpected 3, Ctrl-C 130."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        def run() -> int | None:
            _merge_globals(_command_name(), kwargs)
            return fn(*args, **kwargs)

        code = run_mapped(run, passthrough=(typer.Exit,))
        if code:
            raise typer.Exit(code)

    return wrapper
