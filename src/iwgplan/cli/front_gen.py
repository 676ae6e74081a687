"""Writes :mod:`iwgplan.cli.front_table`, the start-up path's table of options, from the Typer
app, so that each option of the browse commands and of `done` is declared once (in its Typer
command).

    python -m iwgplan.cli.front_gen           # rewrite the table
    python -m iwgplan.cli.front_gen --check   # exit 1 if it differs from the app (CI runs this)
"""

from __future__ import annotations

import enum
import sys
import typing
from pathlib import Path
from typing import Any

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


def main(argv: list[str]) -> int:
    wanted = table()
    current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    if "--check" in argv:
        if current != wanted:
            print(
                f"{TABLE.name} differs from the Typer app: run python -m iwgplan.cli.front_gen",
                file=sys.stderr,
            )
            return 1
        print(f"{TABLE.name} matches the Typer app")
        return 0
    if current != wanted:
        TABLE.write_text(wanted, encoding="utf-8")
        print(f"wrote {TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
