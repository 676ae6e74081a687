"""`iwgplan portfolio`: every plan of a plans/ folder at once, and the items carried across them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import AsOfOpt, Fmt, FmtOpt, LangOpt, PlanOpt, as_of_day, console, err, handled


def portfolio(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FOLDER]",
            help="The folder of plans. Default: the folder of --plan, else plans/ here or above.",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    *,
    fmt: FmtOpt = Fmt.text,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    lang: LangOpt = None,
) -> int:
    """Show every plan of a plans/ folder: its period, open or closed, its progress; then the
    items carried across plans, each followed through `carried_from` to the first plan that had it.

    A file of the folder that is not a valid plan is named, and the command exits 1.

    Example: iwgplan portfolio --format markdown
    """
    import io

    from iwgplan.cli.output import page, rstripped, speak_for
    from iwgplan.files.family import plans_folder, read_folder
    from iwgplan.render import portfolio_out
    from iwgplan.views.portfolio import portfolio as build
    from iwgplan.views.translate import members_in

    # the tool's words, and the plans' texts in the language (their English marked where they have none)
    language = speak_for(lang, fmt)
    members = members_in(read_folder(folder if folder is not None else plans_folder(plan)), language)
    found = build(members, as_of_day(as_of))
    if fmt is Fmt.json:
        page(portfolio_out.as_json(found))
    elif fmt is Fmt.markdown:
        page(portfolio_out.markdown(found))
    else:
        buffer = io.StringIO()
        portfolio_out.text(found, console(buffer))
        page(rstripped(buffer.getvalue()))
    for m in found.invalid:
        err(f"iwgplan: {m.shown} is not a valid plan; `iwgplan validate {m.shown}` says why")
    return 1 if found.invalid else 0


def register(app: typer.Typer) -> None:
    app.command()(handled(portfolio))
