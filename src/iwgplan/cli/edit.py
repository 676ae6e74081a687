"""`iwgplan edit ID`: open the plan in your editor at an action point, then check what you did."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from iwgplan.cli.common import ExactOpt, ForceOpt, IdArg, PlanOpt, err, handled, problem_line
from iwgplan.errors import FileResult, IwgplanError, PlanInvalid, Problem


def interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def edit(item_id: IdArg, *, plan: PlanOpt = None, exact: ExactOpt = False, force: ForceOpt = False) -> int:
    """Open the plan in $VISUAL or $EDITOR at an action point's line; when the editor exits,
    validate the file, show the diff, and offer to edit again if the plan is no longer valid.

    The editor works on a copy; the plan is written once, when you are done, and only if no
    other program changed it meanwhile (your edit is then kept aside, never lost). An editor
    that fails (exits non-zero) abandons the edit, as git does.

    Example: iwgplan edit hackathons
    """
    import shutil
    import tempfile

    from iwgplan.edit.apply import closed_refusal, editable_path
    from iwgplan.edit.by_hand import Target, editor, locate
    from iwgplan.files.discover import shown_path
    from iwgplan.files.reading import decode, read_bytes

    path = editable_path(plan)
    shown = shown_path(path)
    raw = read_bytes(path, shown)
    try:
        before = decode(raw, shown)
        target = locate(before, shown, item_id, exact=exact)
    except PlanInvalid as exc:  # not UTF-8, or a NUL byte: open it at that byte's line
        before = raw.decode("utf-8", "replace")
        target = Target(_first_line(exc.result, 1), None, exc.result)
    if target.closed is not None and not force:
        raise IwgplanError(closed_refusal(shown, target.closed))
    if target.problems is not None:
        _problems(shown, target.problems)
        err(f"iwgplan: {shown} is not valid, so ids cannot be found in it; opening it at line {target.line}")
    elif target.item_id and item_id.strip().lower() != target.item_id.lower():
        err(f"iwgplan: {item_id!r} is {target.item_id}")
    command = editor()
    work = Path(tempfile.mkdtemp(prefix="iwgplan-edit-"))
    try:
        copy = work / path.name
        copy.write_bytes(raw)
        return _session(command, path, shown, copy, raw, before, target.line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _session(
    command: list[str], path: Path, shown: str, copy: Path, raw: bytes, before: str, line: int
) -> int:
    """Run the editor on ``copy`` until the plan is valid or the person stops; write the plan."""
    from iwgplan.edit.by_hand import editor_command, keep_aside, review, write_back

    while True:
        code = _run_editor(editor_command(command, copy, line))
        data, result = _saved(copy, shown)
        if code != 0:
            err(
                f"iwgplan: the editor exited with code {code}, so the edit is abandoned: {shown} is as it was"
            )
            if data is not None and data != raw:
                err(f"iwgplan: what the editor saved is in {keep_aside(path, data)}")
            return 1
        if data == raw:
            err("iwgplan: no changes")
            return 0
        if result is None:  # readable text: show what changed and check it
            assert data is not None
            done = review(before, data.decode("utf-8"), shown)
            print(done.diff, end="")
            if done.valid:
                write_back(path, shown, raw, data)
                err(f"iwgplan: {shown} is valid")
                return 0
            result = done.result
        _problems(shown, result)
        choice = _ask()
        if choice == "e":
            if data is None:  # deleted or no longer a file: start again from the plan
                _restore(copy, raw)
                err("iwgplan: the editor's file could not be read; it is back as the plan is")
            line = _first_line(result, line)
            continue
        if choice == "u" or data is None:
            err(f"iwgplan: {shown} is as it was before the edit; nothing was written")
            return 1
        write_back(path, shown, raw, data)
        err(f"iwgplan: {shown} is kept as you left it, but it is not valid; fix it before recording progress")
        return 1


def _saved(copy: Path, shown: str) -> tuple[bytes | None, FileResult | None]:
    """What the editor left: its bytes (None when they cannot be had: the file was deleted,
    grew past the size limit, or is no longer a file) and, when they are not text iwgplan reads
    (not UTF-8, a NUL byte), the problem that says where."""
    from iwgplan.files.reading import decode, read_bytes

    try:
        data = read_bytes(copy, shown)
    except PlanInvalid as exc:
        if not copy.exists():
            return None, FileResult(shown, [Problem("the editor deleted the file")])
        return None, exc.result
    try:
        decode(data, shown)
    except PlanInvalid as exc:
        return data, exc.result
    return data, None


def _restore(copy: Path, raw: bytes) -> None:
    import shutil

    try:
        if copy.is_dir() and not copy.is_symlink():
            shutil.rmtree(copy)
        else:
            copy.unlink(missing_ok=True)
        copy.write_bytes(raw)
    except OSError as exc:
        raise IwgplanError(f"cannot write {copy}: {exc.strerror or exc}; the plan is as it was") from None


def _first_line(result: FileResult, default: int) -> int:
    return min((p.line for p in result.problems if p.line), default=default)


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


def _run_editor(command: list[str]) -> int:
    """Run the editor and wait for it; its exit code (negative: killed by that signal)."""
    import subprocess

    try:
        return subprocess.run(command, check=False).returncode
    except OSError as exc:
        raise IwgplanError(
            f"cannot start the editor {command[0]!r}: {exc.strerror or exc}; set $VISUAL or $EDITOR"
        ) from None


def register(app: typer.Typer) -> None:
    app.command()(handled(edit))
