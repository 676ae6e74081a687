"""Writes :mod:`iwgplan.cli.front_table`, the start-up path's table of options, from the Typer
app, so that each option of the browse commands and of `done` is declared once (in its Typer
command); and :mod:`iwgplan.cli.front_help`, the text of `iwgplan --help` as the Typer app
prints it at each width Click wraps help to.

    python -m iwgplan.cli.front_gen           # rewrite both
    python -m iwgplan.cli.front_gen --check   # exit 1 if either differs from the app (CI runs this)
"""

from __future__ import annotations

import enum
import sys
import typing
from pathlib import Path
from typing import Any

import typer._click
import typer._click.formatting
import typer.main

from iwgplan.cli.app import app

BROWSE = ("status", "tiers", "show", "list")
EDITS = ("done",)  # run without Typer too: an edit's start-up is most of it on a warm plan
# Options the start-up path leaves to the Typer app, and why.
HANDED_OVER = {
    "--rev": "it reads git, which only the Typer app does",
    "--all": "status --all reads every plan of the folder, as `portfolio` does",
}
TABLE = Path(__file__).with_name("front_table.py")
HELP = Path(__file__).with_name("front_help.py")
# Click wraps help to the terminal's width less 2, at most 80 - 2 and at least 50
# (typer._click.formatting.HelpFormatter): every width `iwgplan --help` can be printed at.
NARROWEST, WIDEST = 50, 78
FIX = "python -m iwgplan.cli.front_gen"

HEAD = '''"""The start-up path's options, generated from the Typer app by
`python -m iwgplan.cli.front_gen`: do not edit (`tests/test_front.py` and `.ci/run` check it).

For each browse command and `done`: {{option: (keyword, kind, default, choices, low, high)}}, the
keyword of its positional argument, and whether that argument takes one value or several.
Kinds: text, day (a YYYY-MM-DD value, metavar DATE), int, choice, many (a repeatable choice),
flag, path.
Left to the Typer app: {handed}.
"""

from typing import Any

COMMANDS: dict[str, tuple[dict[str, tuple[Any, ...]], str | None, bool]] = {{
'''


def _kind(param: Any) -> tuple[str, object, tuple[str, ...], int | None, int | None]:
    """What the start-up path must know of one Typer option: kind, default, choices, bounds."""
    annotation = param.type_descriptor.annotation
    if param.is_flag:
        return "flag", bool(param.default), (), None, None
    if param.multiple:
        (member,) = typing.get_args(annotation)
        return "many", (), tuple(m.value for m in member), None, None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        default = None if param.default is None else param.default.value
        return "choice", default, tuple(m.value for m in annotation), None, None
    if annotation is int:
        return "int", param.default, (), param.min, param.max
    if annotation is Path:
        return "path", None, (), None, None
    if annotation is str:
        return ("day" if param.metavar == "DATE" else "text"), param.default, (), None, None
    raise TypeError(f"the start-up path cannot take an option of type {annotation!r}")


def _command(command: Any) -> tuple[dict[str, tuple[object, ...]], str | None, bool]:
    options: dict[str, tuple[object, ...]] = {}
    argument, several = None, False
    for param in command.params:
        if not param.opts[0].startswith("-"):
            argument, several = param.name, param.nargs == -1
            continue
        for name in (*param.opts, *param.secondary_opts):
            if name not in HANDED_OVER:
                options[name] = (param.name, *_kind(param))
    return options, argument, several


def table() -> str:
    """The text of ``front_table.py`` for the app as it is."""
    group = typer.main.get_command(app)
    handed = ", ".join(f"{name} ({why})" for name, why in HANDED_OVER.items())
    lines = [HEAD.format(handed=handed)]
    for name in (*BROWSE, *EDITS):
        options, argument, several = _command(group.commands[name])  # type: ignore[attr-defined]
        lines.append(f"    {name!r}: (\n        {{\n")
        lines += [f"            {opt!r}: {spec!r},\n" for opt, spec in options.items()]
        lines.append(f"        }},\n        {argument!r},\n        {several!r},\n    ),\n")
    lines.append("}\n")
    return "".join(lines)


HELP_HEAD = '''"""`iwgplan --help` as the Typer app prints it, at each width Click wraps help to, generated
from the app by `python -m iwgplan.cli.front_gen`: do not edit (`tests/test_front.py` and
`.ci/run` check it). The start-up path prints ``SCREENS[width]``'s lines of ``LINES`` without
loading Typer; Click's width is the terminal's less 2, between NARROWEST and WIDEST.
"""

NARROWEST, WIDEST = {narrowest}, {widest}
'''


def help_screens() -> dict[int, str]:
    """The Typer app's `iwgplan --help` at each width, as its help option prints it."""
    group = typer.main.get_command(app)
    screens = {}
    try:
        for width in range(NARROWEST, WIDEST + 1):
            typer._click.formatting.FORCED_WIDTH = width
            context = typer._click.Context(group, info_name="iwgplan", **group.context_settings)
            screens[width] = group.get_help(context) + "\n"
    finally:
        typer._click.formatting.FORCED_WIDTH = None
    # Click re-encodes text for a stream it thinks misconfigured; plain ASCII never differs
    if not all(text.isascii() for text in screens.values()):
        raise ValueError("the start-up path prints only ASCII help; leave --help to the Typer app")
    return screens


def help_module() -> str:
    """The text of ``front_help.py``: each distinct line once, each width as their indexes."""
    screens = help_screens()
    lines: dict[str, int] = {}
    for text in screens.values():
        for line in text.splitlines(keepends=True):
            lines.setdefault(line, len(lines))
    out = [HELP_HEAD.format(narrowest=NARROWEST, widest=WIDEST), "LINES = (\n"]
    out += [f"    {line!r},\n" for line in lines]
    out.append(")\nSCREENS = {\n")
    for width, text in screens.items():
        indexes = ", ".join(str(lines[line]) for line in text.splitlines(keepends=True))
        out.append(f"    {width}: ({indexes}),\n")
    out.append("}\n")
    return "".join(out)


def main(argv: list[str]) -> int:
    code = 0
    for path, wanted in ((TABLE, table()), (HELP, help_module())):
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if "--check" in argv:
            if current != wanted:
                print(f"{path.name} differs from the Typer app: run {FIX}", file=sys.stderr)
                code = 1
            else:
                print(f"{path.name} matches the Typer app")
        elif current != wanted:
            path.write_text(wanted, encoding="utf-8")
            print(f"wrote {path}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
