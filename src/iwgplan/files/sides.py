"""The two sides of a diff: each a plan file or a git revision, read and validated."""

from __future__ import annotations

from pathlib import Path

from iwgplan.errors import IwgplanError, PlanInvalid
from iwgplan.files.discover import find_plan_path, read_plan, shown_path
from iwgplan.files.loading import load_text
from iwgplan.files.reading import read_text
from iwgplan.files.text import PlanText
from iwgplan.plan.index import PlanIndex


class SideError(IwgplanError):
    """A diff side that is missing or invalid: exit 2, as `git diff` does for trouble."""

    exit_code = 2


def _read(spec: str | None, plan: Path | None, shown: str | None) -> PlanText:
    if spec is None:
        return read_plan(plan)
    path = Path(spec)
    if path.is_file() or spec == "/dev/null":
        label = shown or shown_path(path)
        return PlanText(read_text(path, label), label, path)
    if spec.endswith((".yaml", ".yml")) and ":" not in spec:
        raise IwgplanError(f"{spec}: no such file")
    from iwgplan.files.gitrev import read_at_revision

    return read_at_revision(spec, find_plan_path(plan))


def read_side(
    spec: str | None, plan: Path | None, side: str, *, shown: str | None = None
) -> tuple[PlanText, PlanIndex]:
    try:
        source = _read(spec, plan, shown)
        return source, load_text(source.text, source.shown)[1]
    except PlanInvalid as exc:
        exc.what = f"{side} side of the diff"
        exc.exit_code = 2
        raise
    except IwgplanError as exc:
        raise SideError(f"{side} side: {exc}") from None
