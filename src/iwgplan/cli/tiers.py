"""`iwgplan tiers`: one row per tier and section, with its counts and % done."""

from __future__ import annotations

import typer

from iwgplan.cli.common import (
    AsOfOpt,
    Fmt,
    FmtOpt,
    LangOpt,
    NoPagerOpt,
    PlanOpt,
    RevOpt,
    handled,
    in_words,
    load_view,
)


def tiers(
    *,
    fmt: FmtOpt = Fmt.text,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    rev: RevOpt = None,
    no_pager: NoPagerOpt = False,
    lang: LangOpt = None,
) -> None:
    """List the tiers (and tracked sections) with their focus areas, counts and % done.

    Example: iwgplan tiers --format markdown
    """
    from iwgplan.cli import browse

    browse.tiers(in_words(load_view(plan, rev, as_of), lang, fmt), fmt=fmt.value, no_pager=no_pager)


def register(app: typer.Typer) -> None:
    app.command()(handled(tiers))
