"""`show ID` across plans: the items of the plans beside this one that the item carries on.

Without Typer, as :mod:`iwgplan.cli.browse` is: the start-up path runs it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iwgplan.plan.index import Entry
    from iwgplan.render.columns import Fit
    from iwgplan.views.context import View
    from iwgplan.views.portfolio import Carry


def carry_of(view: View, entry: Entry, plan: Path | None) -> Carry | None:
    """The item's carries through the plans beside the plan file (None: it carries nothing, or
    the plan is not a file: the embedded default)."""
    if not entry.item.carried_from:
        return None
    from iwgplan.errors import FileResult
    from iwgplan.files.carries import Member, plans_in
    from iwgplan.files.discover import find_plan_path, shown_path
    from iwgplan.files.family import read_member
    from iwgplan.views.portfolio import carried_from

    path = find_plan_path(plan)
    if path is None:
        return None
    here = Member(path, FileResult(view.shown), None, view.plan, view.index)
    others = [read_member(p, shown_path(p)) for p in plans_in(path.parent) if p.resolve() != path.resolve()]
    return carried_from(here, entry, [here, *others])


def show(view: View, entry: Entry, carry: Carry, fmt: str, *, pager: bool, fit: Fit) -> None:
    """`show` with its "carried from" section after the item's own story."""
    import io
    import json

    from iwgplan.cli.output import console, page, rstripped
    from iwgplan.render import portfolio_out, safe

    if fmt == "json":
        from iwgplan.render.json_out import show as json_show

        data = json.loads(json_show(view, entry))
        data.update(portfolio_out.carried_data(carry, entry.item.carried_from or ""))
        page(safe.json_text(data), pager=pager)
    elif fmt == "markdown":
        from iwgplan.render.markdown import show as markdown_show

        page(markdown_show(view, entry) + portfolio_out.carried_markdown(carry), pager=pager)
    else:
        from iwgplan.render.text import show as text_show

        buffer = io.StringIO()
        out = console(buffer)
        text_show(view, entry, out, fit=fit)
        portfolio_out.carried_text(carry, out)
        page(rstripped(buffer.getvalue()), pager=pager)
