"""`iwgplan show ID`: everything about one action point."""

from __future__ import annotations

from typing import Annotated

import typer

from iwgplan.cli.common import AsOfOpt, ExactOpt, Fmt, PlanOpt, RevOpt, handled, load_view


def show(
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="The action point's id, or its first letters (any case).")
    ],
    *,
    fmt: Annotated[Fmt, typer.Option("--format", help="Output format.")] = Fmt.text,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    exact: ExactOpt = False,
) -> None:
    """Show one action point: its place, status, due date, owners, evidence, history and links.

    Example: iwgplan show joint-statement
    """
    from iwgplan.cli import read

    read.show(load_view(plan, rev, as_of), item_id, exact=exact, fmt=fmt.value)


def register(app: typer.Typer) -> None:
    app.command()(handled(show))
