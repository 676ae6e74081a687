"""`iwgplan status`: where the plan stands today, on one screen."""

from __future__ import annotations

from typing import Annotated

import typer

from iwgplan.cli.common import (
    AsOfOpt,
    Fmt,
    FmtOpt,
    LangOpt,
    NoPagerOpt,
    NoWrapOpt,
    PlanOpt,
    RevOpt,
    SinceOpt,
    WideOpt,
    handled,
    in_words,
    load_view,
)


def status(
    *,
    as_of: AsOfOpt = None,
    horizon: Annotated[
        int, typer.Option("--horizon", min=0, max=3660, help="Days ahead that count as 'due next'.")
    ] = 60,
    since: SinceOpt = None,
    fmt: FmtOpt = Fmt.text,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Only this owner's items in the overdue, due-next and blocked lists"
            " (part of an owner's name, any case); the counts stay the whole plan's.",
        ),
    ] = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    wide: WideOpt = False,
    no_wrap: NoWrapOpt = False,
    no_pager: NoPagerOpt = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Every list at its usual length, titles wrapped under themselves instead of cut"
            " to one line per item.",
        ),
    ] = False,
    lang: LangOpt = None,
    every_plan: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Every plan of the plans/ folder (that of --plan, else plans/ here or above) at"
            " once: what `iwgplan portfolio` shows, with its options --format, --as-of and --lang.",
        ),
    ] = False,
) -> int | None:
    """Show where the plan stands: time elapsed, progress per tier, overdue and due next.

    Example: iwgplan status --as-of 2026-03-30 --since 2026-01-15
    """
    if every_plan:
        from iwgplan.cli.portfolio import portfolio

        one_plan = {
            "--horizon": horizon != 60,
            "--since": since is not None,
            "--owner": owner is not None,
            "--rev": rev is not None,
            "--wide": wide,
            "--no-wrap": no_wrap,
            "--full": full,
        }
        refused = [name for name, given in one_plan.items() if given]
        if refused:
            from iwgplan.errors import UsageError

            raise UsageError(
                f"status --all shows every plan, as `iwgplan portfolio` does, and takes its options"
                f" (--format, --as-of, --plan, --lang), not {', '.join(refused)}"
            )
        return portfolio(None, fmt=fmt, as_of=as_of, plan=plan, lang=lang)
    from iwgplan.cli import browse

    view = in_words(load_view(plan, rev, as_of), lang, fmt)
    browse.status(
        view,
        horizon=horizon,
        fmt=fmt.value,
        owner=owner,
        wide=wide,
        no_wrap=no_wrap,
        no_pager=no_pager,
        since=since,
        plan=plan,
        rev=rev,
        full=full,
    )
    return None


def register(app: typer.Typer) -> None:
    app.command()(handled(status))
