"""The start-up path of the browse commands: `status`, `tiers`, `show` and `list` on a plan that
the validated-plan cache holds, without importing Typer, pydantic or YAML; and of `done`, which
it runs without Typer (the edit loads what it needs itself).

It understands only the options listed in ``COMMANDS``, each exactly as its Typer command takes
it: the table is generated from the Typer app (:mod:`iwgplan.cli.front_gen` writes
:mod:`iwgplan.cli.front_table`; `tests/test_front.py` and `.ci/run` check that it is current, and
compare the output of both paths). Anything else hands the whole command line over to the Typer
app, which then does everything itself: `--help`, completion, a global option, an option or
value this table does not know or that Typer would refuse, a repeated option, `--rev`, an
unreadable or changed plan, a cache miss. So every message and error stays the Typer app's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from iwgplan.cli import front_table


@dataclass(frozen=True, slots=True)
class Opt:
    """One option as its Typer command declares it."""

    param: str  # the keyword the body in iwgplan.cli.browse takes (or "plan", "as_of")
    kind: str  # text, day, int, choice, many (a repeatable choice), flag or path
    default: Any = None
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Command:
    options: dict[str, Opt]
    argument: str | None = None  # the keyword of its positional argument, if it has one
    several: bool = False  # the argument takes one value or more (done's ids), not exactly one


COMMANDS: dict[str, Command] = {
    name: Command({option: Opt(*spec) for option, spec in options.items()}, argument, several)
    for name, (options, argument, several) in front_table.COMMANDS.items()
}
EDITS = ("done",)  # commands that edit the plan: run from here without a cache of their own


class HandOver(Exception):
    """Leave this command line to the Typer app."""


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and its keyword arguments, or None to hand over to the Typer app."""
    if not argv or argv[0] not in COMMANDS or any(k.startswith("_IWGPLAN") for k in os.environ):
        return None
    command = COMMANDS[argv[0]]
    try:
        values = _values(command, argv[1:])
    except HandOver:
        return None
    for opt in command.options.values():
        values.setdefault(opt.param, list(opt.default) if opt.kind == "many" else opt.default)
    return argv[0], values


def _values(command: Command, args: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    seen: set[str] = set()
    rest = iter(args)
    for arg in rest:
        if not arg.startswith("-") and command.argument is not None:
            if command.several:
                values.setdefault(command.argument, []).append(arg)
                continue
            if command.argument not in values:
                values[command.argument] = arg
                continue
        name, eq, inline = arg.partition("=")
        opt = command.options.get(name)
        if opt is None or (name in seen and opt.kind != "many"):
            raise HandOver
        seen.add(name)
        if opt.kind == "flag":
            if eq:
                raise HandOver
            values[opt.param] = True
            continue
        value = inline if eq else next(rest, None)
        if value is None:
            raise HandOver
        converted = _convert(opt, value)
        if opt.kind == "many":
            values.setdefault(opt.param, []).append(converted)
        else:
            values[opt.param] = converted
    if command.argument is not None and command.argument not in values:
        raise HandOver
    return values


def _convert(opt: Opt, value: str) -> Any:
    if value.startswith("-") or not value:
        raise HandOver  # Typer may read it differently; let it say what it thinks
    if opt.kind in ("choice", "many") and value not in opt.choices:
        raise HandOver
    if opt.kind == "int":
        if not re.fullmatch(r"[0-9]{1,9}", value):
            raise HandOver
        number = int(value)
        if (opt.low is not None and number < opt.low) or (opt.high is not None and number > opt.high):
            raise HandOver
        return number
    if opt.kind == "day":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise HandOver from None
    if opt.kind == "path":
        if os.path.isdir(value):
            raise HandOver
        return Path(value)
    return value


def run(argv: list[str]) -> int | None:
    """Run a browse command from the cache and return its exit code; None to hand over.

    `iwgplan --version` alone is answered here too, as the Typer app's eager option answers it,
    without loading Typer. With anything else on the line it is the app's to judge."""
    if argv == ["--version"]:
        from iwgplan import __version__

        print(f"iwgplan {__version__}")
        return 0
    if argv in (["--help"], ["-h"]) and not any(k.startswith(("_IWGPLAN", "_TYPER")) for k in os.environ):
        return _help()
    parsed = parse(argv)
    if parsed is None:
        return None
    name, values = parsed
    if name in EDITS:
        from iwgplan.cli.editing import record_done
        from iwgplan.cli.output import run_mapped

        return run_mapped(record_done, values.pop("ids"), **values)
    from iwgplan.cli.output import make_view, past_view, run_mapped
    from iwgplan.files.cached_plan import cached_only, cached_records

    explicit, as_of = values.pop("plan"), values.pop("as_of")
    seen: list[tuple[str, bytes]] = []
    try:
        if as_of is None:
            found = cached_only(explicit, seen)
            view = make_view(*found, as_of) if found is not None else None
        else:  # the replayed plan has its own index: the file's is not built
            records = cached_records(explicit, seen)
            view = past_view(*records, as_of) if records is not None else None
    except Exception:
        view = None
    if name in ("status", "show"):  # --since reads its history; show, the plans beside it
        values["plan"] = explicit
    lang, body = values.pop("lang"), _body(name)

    def in_language(view: Any, **options: Any) -> None:  # --lang, IWGPLAN_LANG, the locale
        from iwgplan.cli.output import in_words

        body(in_words(view, lang, options.get("fmt")), **options)

    if view is None:
        # A miss: the plan read, parsed and validated by the function the Typer command calls,
        # inside the same error mapping, so every refusal reads the same. No screen is kept:
        # the bytes read then are not those the key would be made from.
        from iwgplan.cli.output import load_view

        def in_full(**options: Any) -> None:
            in_language(load_view(explicit, None, as_of), **options)

        return run_mapped(in_full, **values)
    recording = None
    if values.get("since") is None and seen:  # --since reads git, which no key holds
        from iwgplan.cli.memo import DISCOVERED, Recording

        given = DISCOVERED if explicit is None else str(explicit)
        recording = Recording.start(argv, given, *seen[0])

    code = -1  # an exception on its way out: nothing is kept
    try:
        code = run_mapped(in_language, view, **values)
    finally:
        if recording is not None:
            recording.keep(code)
    return code


def _help() -> int:
    """`iwgplan --help` alone, as the Typer app prints it (generated from it into front_help.py
    for every width Click wraps to), without loading Typer."""
    import shutil
    import sys

    from iwgplan.cli.front_help import LINES, NARROWEST, SCREENS, WIDEST

    width = max(min(shutil.get_terminal_size().columns - 2, WIDEST), NARROWEST)  # as Click's
    sys.stdout.write("".join(LINES[i] for i in SCREENS[width]))
    sys.stdout.flush()
    return 0


def _body(name: str) -> Callable[..., None]:
    from iwgplan.cli import browse

    bodies: dict[str, Callable[..., None]] = {
        "status": browse.status,
        "tiers": browse.tiers,
        "show": browse.show,
        "list": browse.listing,
    }
    return bodies[name]
