"""The work of the browse commands (status, tiers, show, list) once their plan is loaded.

Without Typer: the Typer commands and the start-up path (:mod:`iwgplan.cli.front`) both call
these, so that a command does the same work whichever way it was started.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from iwgplan.cli.output import (
    console,
    emit_csv,
    fit,
    page,
    parse_day,
    report,
    resolve_ids,
    rstripped,
    screen_fit,
)
from iwgplan.errors import UsageError
from iwgplan.render.safe import line

if TYPE_CHECKING:
    from pathlib import Path

    from iwgplan.plan.index import Group
    from iwgplan.views.context import View
    from iwgplan.views.since import Since
    from iwgplan.views.timeline import Summary
    from iwgplan.views.weekly import Progress


def status(
    view: View,
    *,
    horizon: int,
    fmt: str,
    owner: str | None = None,
    wide: bool = False,
    no_wrap: bool = False,
    no_pager: bool = False,
    since: str | None = None,
    plan: Path | None = None,
    rev: str | None = None,
    full: bool = False,
) -> None:
    """The status screen; with ``since`` (``--since DATE|REF``), the "Since ..." block on top,
    read from the history of the plan that ``plan`` names (as --plan does)."""
    from iwgplan.views.timeline import holds, known_owners, summarize

    if owner is not None:
        owners = known_owners(view.index)
        if not owner.strip() or not holds(owners, owner):
            named = ", ".join(line(o) for o in owners) or "none"
            raise UsageError(
                f"--owner: no owner in this plan matches '{line(owner)}'; the plan names: {named}"
            )
    history = None
    if since is not None:
        from iwgplan.files.blobs import cached_plans
        from iwgplan.views.since import since_of

        history = since_of(plan, view, since, rev, cached_plans)
    summary = summarize(view.index, view.as_of, horizon, owner=owner)
    layout, budget = screen_fit(wide=wide, no_wrap=no_wrap, full=full)
    text = {"horizon": horizon, "fit": layout, "budget": budget}
    if history is None:
        report(fmt, "status", view, summary, pager=not no_pager, **text)
    else:
        _status_since(view, summary, history, fmt, pager=not no_pager, **text)


def _status_since(
    view: View, summary: Summary, since: tuple[Since, Progress], fmt: str, *, pager: bool, **text: Any
) -> None:
    """The status screen with the "Since ..." block on top (`status --since`)."""
    import io

    from iwgplan.render import history_out

    block, progress = since
    if fmt == "text":
        from iwgplan.render.text import status as text_status

        buffer = io.StringIO()
        out = console(buffer)
        history_out.since_text(block, out, progress)
        text_status(view, summary, out, **text)
        page(rstripped(buffer.getvalue()), pager=pager)
    elif fmt == "markdown":
        from iwgplan.render.history_report import since_markdown
        from iwgplan.render.markdown import status as markdown_status

        page(since_markdown(block) + "\n" + markdown_status(view, summary), pager=pager)
    else:
        from iwgplan.render.json_out import status as json_status

        page(history_out.with_since(json_status(view, summary), block), pager=pager)


def tiers(view: View, *, fmt: str, no_pager: bool = False) -> None:
    from iwgplan.views.timeline import summarize

    summary = summarize(view.index, view.as_of)
    report(fmt, "tiers", view, summary, pager=not no_pager)


def show(
    view: View,
    item_id: str,
    *,
    exact: bool,
    fmt: str,
    wide: bool = False,
    no_wrap: bool = False,
    no_pager: bool = False,
    plan: Path | None = None,
) -> None:
    from iwgplan.cli import carried

    layout = fit(wide=wide, no_wrap=no_wrap)
    (entry,) = resolve_ids(view.index, [item_id], exact=exact, say=False)
    carry = carried.carry_of(view, entry, plan)  # an item carried from the plans beside it
    if carry is not None:
        carried.show(view, entry, carry, fmt, pager=not no_pager, fit=layout)
        return
    report(fmt, "show", view, entry, pager=not no_pager, fit=layout)


def listing(
    view: View,
    *,
    tier: str | None,
    statuses: Collection[str],
    owner: str | None,
    due_before: str | None,
    overdue: bool,
    search: str | None,
    fmt: str,
    meeting: str | None = None,
    raw: bool = False,
    excel: bool = False,
    wide: bool = False,
    no_wrap: bool = False,
    no_pager: bool = False,
) -> None:
    from iwgplan.views.context import Listing
    from iwgplan.views.query import Filters, select, with_ancestors

    if excel and fmt != "csv":
        raise UsageError("--excel applies to --format csv only")
    filters = Filters(
        group=_group(view, tier),
        statuses=set(statuses),
        owner=owner,
        due_before=parse_day(due_before, "--due-before"),
        overdue_on=view.as_of if overdue else None,
        search=search,
    )
    matched = select(view.index, filters)
    if meeting is not None:  # the action points its agenda items concern
        from iwgplan.plan import meetings

        touched = meetings.touched(meetings.find(view.index.plan, meeting))
        matched = [e for e in matched if e.id.lower() in touched]
    if fmt == "csv":
        from iwgplan.render.rows import item_row, rows_csv

        emit_csv(rows_csv([item_row(e, view.index) for e in matched], raw=raw, excel=excel))
    else:
        result = Listing(view, matched, with_ancestors(matched))
        report(fmt, "listing", result, pager=not no_pager, fit=fit(wide=wide, no_wrap=no_wrap))


def _group(view: View, tier: str | None) -> Group | None:
    if tier is None:
        return None
    for group in view.index.groups:
        if tier.lower() in (group.id.lower(), group.number.lower()):
            return group
    allowed = ", ".join(g.id for g in view.index.groups)
    raise UsageError(f"--tier: {tier!r} is not a tier or section; choose from {allowed}")
