"""`iwgplan show ID`: everything about one action point."""

from __future__ import annotations

import typer

from iwgplan.cli.common import (
    AsOfOpt,
    ExactOpt,
    Fmt,
    FmtOpt,
    IdArg,
    LangOpt,
    NoPagerOpt,
    NoWrapOpt,
    PlanOpt,
    RevOpt,
    WideOpt,
    handled,
    in_words,
    load_view,
)


def show(
    item_id: IdArg,
    *,
    fmt: FmtOpt = Fmt.text,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    exact: ExactOpt = False,
    wide: WideOpt = False,
    no_wrap: NoWrapOpt = False,
    no_pager: NoPagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """Show one action point: its place, status, due date, owners, evidence, history and links.

    Example: iwgplan show joint-statement
    """
    from iwgplan.cli import browse

    view = in_words(load_view(plan, rev, as_of), lang, fmt)
    browse.show(
        view, item_id, exact=exact, fmt=fmt.value, wide=wide, no_wrap=no_wrap, no_pager=no_pager, plan=plan
    )


def register(app: typer.Typer) -> None:
    app.command()(handled(show))
