"""`iwgplan variance`: the plan against its baseline, the plan as issued."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iwgplan.cli import complete
from iwgplan.cli.common import Fmt, FmtOpt, LangOpt, PlanOpt, console, handled, load_view
from iwgplan.errors import IwgplanError

if TYPE_CHECKING:
    from iwgplan.plan.index import PlanIndex
    from iwgplan.views.variance import Variance

AgainstOpt = Annotated[
    str | None,
    typer.Option(
        "--against",
        metavar="REV|FILE",
        help="The plan as issued: a git revision or tag, or a plan file. Default: the plan's own `baseline`.",
        autocompletion=complete.sides,
        show_default=False,
    ),
]


def against_baseline(index: PlanIndex, plan: Path | None, against: str | None) -> Variance | None:
    """The variance against ``against``, else the plan's own `baseline`; None when neither names one."""
    from iwgplan.files.discover import find_plan_path
    from iwgplan.files.sides import read_baseline
    from iwgplan.views.variance import variance

    spec, here = against, None
    path = find_plan_path(plan)
    if spec is None:
        spec = index.plan.plan.baseline
        if spec is None:
            return None
        here = path.parent if path is not None else None
    source, base = read_baseline(spec, path, here=here)
    return variance(base, index, source.shown)


def variance(
    *, against: AgainstOpt = None, fmt: FmtOpt = Fmt.text, plan: PlanOpt = None, lang: LangOpt = None
) -> None:
    """Compare the plan with the plan as issued: slips with their reasons, items added and dropped.

    Each item's planned due date against its current one and its completion; a slip in days, a
    month or a milestone range read as the deadlines rules read them (a month on its last day, a
    milestone when it ends). A date the document does not state has no slip to show.

    Example: iwgplan variance --against issued --format markdown
    """
    from iwgplan.cli.output import speak_for

    speak_for(lang, fmt)  # the tool's words; the plan's texts as the file has them
    view = load_view(plan, None)
    found = against_baseline(view.index, plan, against)
    if found is None:
        raise IwgplanError(
            "no baseline to compare with: name the plan as issued with --against REV|FILE, or once"
            " in the plan (`baseline: TAG` under `plan:`)"
        )
    show(found, fmt)


def show(found: Variance, fmt: Fmt) -> None:
    import io

    from iwgplan.cli.output import page, rstripped
    from iwgplan.render import variance_out

    if fmt is Fmt.json:
        page(variance_out.as_json(found))
    elif fmt is Fmt.markdown:
        page(variance_out.markdown(found))
    else:
        buffer = io.StringIO()
        variance_out.text(found, console(buffer))
        page(rstripped(buffer.getvalue()))


def register(app: typer.Typer) -> None:
    app.command()(handled(variance))
