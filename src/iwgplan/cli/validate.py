"""`iwgplan validate`: check plan files, for people, CI and pre-commit."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import PlanOpt, RevOpt, handled


class ValidateFmt(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files or folders to check. Default: the discovered plan.", show_default=False
        ),
    ] = None,
    *,
    fmt: Annotated[
        ValidateFmt | None,
        typer.Option(
            "--format",
            help="Output format. Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
) -> int:
    """Check plan files: YAML syntax, the plan format and the cross-field rules.

    Every problem is reported as file:line:col: path: message. Exit 0 when all files are
    valid, 1 when any is not, 2 on a usage error.

    Example: iwgplan validate plans/*.yaml --format github
    """
    from iwgplan.files.validation import validate_files
    from iwgplan.render.problems import RENDERERS

    chosen = fmt or (ValidateFmt.github if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFmt.text)
    results = validate_files(files or [], plan, rev)
    print(RENDERERS[chosen.value](results), end="")
    return 0 if all(r.valid for r in results) else 1


def register(app: typer.Typer) -> None:
    app.command()(handled(validate))
