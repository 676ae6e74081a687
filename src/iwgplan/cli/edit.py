"""`iwgplan edit ID`: open the plan in your editor at an action point, then check what you did."""

from __future__ import annotations

import sys

import typer

from iwgplan.cli.common import ExactOpt, IdArg, PlanOpt, err, handled, problem_line
from iwgplan.errors import FileResult, IwgplanError


def interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def edit(item_id: IdArg, *, plan: PlanOpt = None, exact: ExactOpt = False) -> int:
    """Open the plan in $VISUAL or $EDITOR at an action point's line; when the editor exits,
    validate the file, show the diff, and offer to edit again if the plan is no longer valid.

    Example: iwgplan edit hackathons
    """
    from iwgplan.edit.apply import editable_path
    from iwgplan.edit.by_hand import editor, editor_command, locate, review
    from iwgplan.files.discover import shown_path
    from iwgplan.files.reading import read_bytes, read_text

    path = editable_path(plan)
    shown = shown_path(path)
    raw, before = read_bytes(path, shown), read_text(path, shown)
    target = locate(before, shown, item_id, exact=exact)
    if target.problems is not None:
        _problems(shown, target.problems)
        err(f"iwgplan: {shown} is not valid, so ids cannot be found in it; opening it at line {target.line}")
    elif target.item_id and item_id.strip().lower() != target.item_id.lower():
        err(f"iwgplan: {item_id!r} is {target.item_id}")
    command, line = editor(), target.line
    while True:
        _run(editor_command(command, path, line))
        after = read_text(path, shown)
        if after == before:
            err("iwgplan: no changes")
            return 0
        done = review(before, after, shown)
        print(done.diff, end="")
        if done.valid:
            err(f"iwgplan: {shown} is valid")
            return 0
        _problems(shown, done.result)
        choice = _ask()
        if choice == "e":
            line = min((p.line for p in done.result.problems if p.line), default=line)
            continue
        if choice == "u":
            from iwgplan.files.atomic import write_atomic

            write_atomic(path, raw)
            err(f"iwgplan: {shown} is back as it was before the edit")
        else:
            err(
                f"iwgplan: {shown} is kept as you left it, but it is not valid;"
                " fix it before recording progress"
            )
        return 1


def _problems(shown: str, result: FileResult) -> None:
    for problem in result.problems:
        err(problem_line(shown, problem))


def _ask() -> str:
    """Edit again (the default), undo, or keep; without a terminal to ask on, keep."""
    if not interactive():
        return "k"
    while True:
        answer = typer.prompt(
            "The plan is not valid: [e]dit again, [u]ndo your edit, or [k]eep it as it is?",
            default="e",
            show_default=False,
            err=True,
        )
        choice = str(answer).strip().lower()[:1]
        if choice in ("e", "u", "k"):
            return choice


def _run(command: list[str]) -> None:
    import subprocess

    try:
        done = subprocess.run(command, check=False)
    except OSError as exc:
        raise IwgplanError(
            f"cannot start the editor {command[0]!r}: {exc.strerror or exc}; set $VISUAL or $EDITOR"
        ) from None
    if done.returncode != 0:
        err(f"iwgplan: the editor exited with code {done.returncode}")


def register(app: typer.Typer) -> None:
    app.command()(handled(edit))
