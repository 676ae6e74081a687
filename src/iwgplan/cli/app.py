"""The iwgplan command: a thin Typer layer over the core modules."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import typer
import typer._click
import typer.core
import typer.main

from iwgplan import __version__
from iwgplan.cli import (
    agenda,
    amend,
    diff,
    edit,
    init,
    listing,
    log,
    meetings,
    portfolio,
    progress,
    report,
    schema,
    show,
    status,
    structure,
    successor,
    tiers,
    translations,
    validate,
    variance,
)
from iwgplan.cli.common import ColorOpt, NoColorOpt, PlanOpt, RevOpt, State, hoist_flags


def _read_each_signature_once() -> None:
    """Typer reads each command's signature and type hints three times while it builds the
    commands (about 10 ms of every run through Typer, a seventh of `--help`). What it reads
    depends only on the function, so the first reading is kept. Skipped if this Typer has no
    such function; the output is the same either way (tests/test_docs.py, tests/test_front.py)."""
    read = getattr(typer.main, "get_params_from_function", None)
    if callable(read) and not hasattr(read, "cache_info"):
        setattr(typer.main, "get_params_from_function", functools.cache(read))  # noqa: B010


_read_each_signature_once()


# What an option's value is, in help and usage, where its declaration does not say: words a
# reader knows (NAME, ID, TEXT), never the Python type Typer would print (<str>, <list[str]>).
VALUE_WORDS = {
    "--owner": "NAME",
    "--partner": "NAME",
    "--author": "NAME",
    "--ref": "REF",
    "--evidence": "REF",
    "--rev": "REF",
    "--id": "ID",
    "--under": "ID",
    "--after": "ID",
    "--depends-on": "ID",
    "--tier": "ID",
    "--number": "NUMBER",
    "--due": "WHEN",
}


def _name_values(command: Any) -> None:
    """Give every option and argument of ``command`` (and of its subcommands) a metavar in words."""
    for param in command.params:
        if isinstance(param, typer.core.TyperOption):
            if not param.is_flag and param.metavar is None:
                param.metavar = _option_word(param)
        elif isinstance(param, typer.core.TyperArgument):
            _argument_words(param)
    for sub in getattr(command, "commands", {}).values():
        _name_values(sub)


def _option_word(param: Any) -> str:
    kind = param.type_descriptor
    if kind.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in kind.choices or ()) + "]"
    if kind.is_ranged or kind.annotation is int:
        return "N"
    if kind.is_path:
        return "DIR" if "dir" in str(kind.path_type) else "FILE"
    return VALUE_WORDS.get(param.opts[0], "TEXT")


def _argument_words(param: Any) -> None:
    """``ID`` and ``ID...`` in the usage line (``[ID]`` when optional), no type beside the name."""
    word = (param.metavar or (param.name or "VALUE").upper()).removesuffix("...")
    param.metavar = word
    many = "..." if param.nargs != 1 else ""
    usage = f"{word}{many}" if param.required else f"[{word}]{many}"
    setattr(param, "_usage_display_name", lambda: usage)  # noqa: B010
    setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
    setattr(param, "_rich_display_name", lambda: f"{word}{many}")  # noqa: B010


class Group(typer.core.TyperGroup):
    """The root command: flags that mean the same for every command may also follow it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_values(self)

    def parse_args(self, ctx: typer._click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_flags(args, set(self.commands)))


app = typer.Typer(
    cls=Group,
    name="iwgplan",
    help="Keep a multi-year work plan in a YAML file in git, and know where it stands.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"iwgplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    color: ColorOpt = None,
    no_color: NoColorOpt = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse and validate the plan even when the validated-plan cache holds it"
            " (also IWGPLAN_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Keep a multi-year work plan in a YAML file in git, and know where it stands.

    --plan, --rev, --color, --no-color, --no-cache and --debug may come before the command or
    after it.
    """
    State.start(debug=debug, plan=plan, rev=rev, color=color, no_color=no_color, no_cache=no_cache)


for module in (
    status,
    listing,
    tiers,
    show,
    edit,
    progress,
    amend,
    structure,
    meetings,
    agenda,
    diff,
    variance,
    successor,
    portfolio,
    log,
    report,
    translations,
    validate,
    schema,
    init,
):
    module.register(app)
