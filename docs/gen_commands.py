"""Write each command's `--help` into docs/commands.md, or check that it is there as printed.

    python docs/gen_commands.py            # rewrite the generated blocks
    python docs/gen_commands.py --check    # exit 1, saying which blocks differ, when one is stale

The hand-written prose of the page is kept; only the text between
``<!-- generated:NAME:start -->`` and ``<!-- generated:NAME:end -->`` is generated: the `--help`
of ``iwgplan NAME`` (``iwgplan`` for the global options), as the Typer app prints it at a fixed
width of 80 columns without colour, so the page does not depend on the terminal, the checkout
path or the day it is made.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "commands.md"
ROOT = "iwgplan"  # the block of the root command: the global options
WIDTH = 80
BLOCK = re.compile(
    r"<!-- generated:(?P<name>[a-z0-9-]+):start -->\n(?P<body>.*?)<!-- generated:(?P=name):end -->", re.S
)


def commands() -> list[str]:
    """The visible commands of the app, in the order `iwgplan --help` lists them."""
    import typer.main

    from iwgplan.cli.app import app

    group = typer.main.get_command(app)
    return [name for name, cmd in group.commands.items() if not cmd.hidden]  # type: ignore[attr-defined]


def help_text(name: str) -> str:
    """What `iwgplan NAME --help` prints, at WIDTH columns, without colour."""
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    args = ["--help"] if name == ROOT else [name, "--help"]
    env = {"COLUMNS": str(WIDTH), "LINES": "40", "NO_COLOR": "1", "TERM": "dumb", "IWGPLAN_PLAN": None}
    result = CliRunner().invoke(
        app, args, env=env, catch_exceptions=False, terminal_width=WIDTH, max_content_width=WIDTH
    )
    if result.exit_code != 0:
        raise SystemExit(f"gen_commands: `iwgplan {' '.join(args)}` exited {result.exit_code}")
    return "\n".join(line.rstrip() for line in result.stdout.strip("\n").splitlines())


def block(name: str) -> str:
    shown = "iwgplan --help" if name == ROOT else f"iwgplan {name} --help"
    return f"```text\n$ {shown}\n{help_text(name)}\n```\n"


def generate(page: str) -> tuple[str, list[str]]:
    """The page with every generated block rewritten, and the problems no rewrite can fix."""
    wanted = [ROOT, *commands()]
    found = [m.group("name") for m in BLOCK.finditer(page)]
    problems = [
        f"no block for `iwgplan {name}`: add <!-- generated:{name}:start --> and"
        f" <!-- generated:{name}:end --> to its section"
        for name in wanted
        if name not in found
    ]
    problems += [f"a block for `{name}`, not an iwgplan command" for name in found if name not in wanted]
    problems += [f"two blocks for `{name}`" for name in sorted(set(found)) if found.count(name) > 1]

    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in wanted:
            return match.group(0)
        return f"<!-- generated:{name}:start -->\n{block(name)}<!-- generated:{name}:end -->"

    return BLOCK.sub(fill, page), problems


def stale(page: str, generated: str) -> list[str]:
    """The names of the blocks whose text differs."""
    old = {m.group("name"): m.group("body") for m in BLOCK.finditer(page)}
    new = {m.group("name"): m.group("body") for m in BLOCK.finditer(generated)}
    return [name for name in new if old.get(name) != new[name]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is stale; write nothing")
    parser.add_argument("--page", type=Path, default=PAGE, help="the page (default: docs/commands.md)")
    args = parser.parse_args(argv)
    page = args.page.read_text(encoding="utf-8")
    generated, problems = generate(page)
    for problem in problems:
        print(f"{args.page.name}: {problem}", file=sys.stderr)
    if args.check:
        differ = stale(page, generated)
        if differ:
            names = ", ".join(differ)
            print(
                f"{args.page.name}: the generated reference is stale ({names});"
                " run `python docs/gen_commands.py` and commit the result",
                file=sys.stderr,
            )
        return 1 if differ or problems else 0
    if generated != page:
        args.page.write_text(generated, encoding="utf-8")
        print(f"gen_commands: wrote {args.page}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
