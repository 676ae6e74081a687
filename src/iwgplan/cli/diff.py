"""`iwgplan diff OLD [NEW]`: what changed between two revisions of a plan, matched by id."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import LangOpt, PlanOpt, console, err, handled, problem_line
from iwgplan.cli.output import State
from iwgplan.errors import IwgplanError, PlanInvalid


class DiffFmt(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"


def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="A plan file, or a git revision: HEAD~1, a tag, REV:path.",
            autocompletion=complete.sides,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="[NEW]",
            help="Like OLD. Default: the plan in the working tree.",
            show_default=False,
            autocompletion=complete.sides,
        ),
    ] = None,
    *,
    fmt: Annotated[DiffFmt, typer.Option("--format", help="Output format.")] = DiffFmt.text,
    summary: Annotated[bool, typer.Option("--summary", help="Print only the one-line summary.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are changes, 0 when there are none.")
    ] = False,
    plan: PlanOpt = None,
    lang: LangOpt = None,
) -> int:
    """Show what changed between two revisions of a plan: items matched by id, never by position.

    Errors (a missing or invalid side) exit 2, or 3 when unexpected.

    Example: iwgplan diff HEAD~1 --format markdown
    """
    from iwgplan.cli.output import speak_for
    from iwgplan.files.sides import read_side
    from iwgplan.render import diff_out
    from iwgplan.views.diff import diff_plans, rename_note, summarize
    from iwgplan.views.translate import index_in

    # the tool's words, and the plan's texts in the language (its English marked where it has none)
    language = speak_for(lang, "text" if summary else fmt)
    cached = not State.no_cache
    old_side = read_side(old, plan, "old", use_cache=cached)
    new_side = read_side(new, plan, "new", use_cache=cached)
    old_side = (old_side[0], index_in(old_side[1], language))
    new_side = (new_side[0], index_in(new_side[1], language))
    changes = diff_plans(old_side[1], new_side[1])
    note = rename_note(changes)
    if note and not summary:
        err(note)
    if summary:
        print(summarize(changes).line())
    elif fmt is DiffFmt.json:
        print(diff_out.as_json(old_side, new_side, changes), end="")
    elif fmt is DiffFmt.markdown:
        print(diff_out.markdown(changes), end="")
    elif fmt is DiffFmt.github:
        from iwgplan.files.gitrev import repo_name

        print(diff_out.github(changes, new_side[0].text, new_side[1], repo_name(new_side[0])), end="")
    else:
        titles = {g.id: f"{g.number} {g.title}" for g in [*old_side[1].groups, *new_side[1].groups]}
        diff_out.text(changes, console(), titles)
    return 1 if exit_code and changes else 0


def git_diff(
    args: Annotated[
        list[str], typer.Argument(help="The seven arguments git passes to an external diff driver.")
    ],
) -> None:
    """Git external diff driver: `git diff` shows the semantic diff of plan files.

    Set up with: git config diff.iwgplan.command 'iwgplan git-diff', and the
    .gitattributes line: plans/*.yaml diff=iwgplan

    A side that is not a valid plan never stops `git diff`: its problems are printed, then a
    plain unified diff of the two files, and the driver exits 0.
    """
    from iwgplan.render import diff_out
    from iwgplan.render.safe import line
    from iwgplan.views.diff import diff_plans

    if len(args) < 7:
        raise IwgplanError("git-diff expects the 7 arguments git gives an external diff driver")
    path, old_file, new_file = args[0], args[1], args[4]
    print(line(f"iwgplan diff {path}"))
    if old_file == "/dev/null" or new_file == "/dev/null":
        print("  (plan file added)" if old_file == "/dev/null" else "  (plan file deleted)")
        return
    sides, problems = _git_sides(path, old_file, new_file)
    if problems:
        print(line(f"iwgplan: {path} cannot be compared by id, so here is a plain diff:"))
        for problem in problems:
            print("  " + line(problem))
        old_text, new_text = _plain_text(old_file), _plain_text(new_file)
        if old_text is None or new_text is None:  # an unread side is not an empty file
            print("  (no plain diff either: a side could not be read)")
            return
        print(diff_out.plain(old_text, new_text, path), end="")
        return
    old_side, new_side = sides
    titles = {g.id: f"{g.number} {g.title}" for g in new_side[1].groups}
    diff_out.text(diff_plans(old_side[1], new_side[1]), console(), titles)


def _git_sides(path: str, old_file: str, new_file: str) -> tuple[list[Any], list[str]]:
    """Both sides read and validated, and every problem of either, as lines to print."""
    from iwgplan.files.sides import read_side

    sides: list[Any] = []
    problems: list[str] = []
    for spec, side, prefix in ((old_file, "old", "a"), (new_file, "new", "b")):
        try:
            sides.append(read_side(spec, None, side, shown=f"{prefix}/{path}"))
        except PlanInvalid as exc:
            problems += [problem_line(exc.result.path, p) for p in exc.result.problems]
        except IwgplanError as exc:
            problems.append(str(exc))
    return sides, problems


def _plain_text(spec: str) -> str | None:
    """A side's text for the plain diff, read with the loader's bound (None past it or when
    it cannot be read); bytes that are not UTF-8 are kept (and later shown as ``\\xNN``)."""
    from pathlib import Path

    from iwgplan.files.reading import read_bytes

    try:
        return read_bytes(Path(spec), spec).decode("utf-8", "surrogateescape")
    except IwgplanError:
        return None


def register(app: typer.Typer) -> None:
    app.command()(handled(diff))
    app.command("git-diff", hidden=True)(handled(git_diff))
