"""The two sides of a diff: each a plan file or a git revision, read and validated."""

from __future__ import annotations

from pathlib import Path

from iwgplan.errors import IwgplanError, PlanInvalid
from iwgplan.files import cached_plan
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
    spec: str | None, plan: Path | None, side: str, *, shown: str | None = None, use_cache: bool = False
) -> tuple[PlanText, PlanIndex]:
    """One side, read and validated; with ``use_cache`` a plan file comes from the validated-plan
    cache when it holds its bytes (and is cached when it does not); a revision never is."""
    try:
        source = _read(spec, plan, shown)
        if use_cache:
            return source, cached_plan.load(source)[1]
        return source, load_text(source.text, source.shown)[1]
    except PlanInvalid as exc:
        exc.what = f"{side} side of the diff"
        exc.exit_code = 2
        raise
    except IwgplanError as exc:
        raise SideError(f"{side} side: {exc}") from None


def read_baseline(
    spec: str, plan_path: Path | None, *, here: Path | None = None
) -> tuple[PlanText, PlanIndex]:
    """The plan as issued: a plan file (from ``here``, the folder it is named from) or a git
    revision or tag of the plan's own file (``REV``, or ``REV:path``)."""
    folder = here if here is not None else Path.cwd()
    path = folder / spec
    try:
        if (spec.endswith((".yaml", ".yml")) and ":" not in spec) or path.is_file():
            source = PlanText(read_text(path, shown_path(path)), shown_path(path), path)
        else:
            from iwgplan.files.gitrev import read_at_revision

            source = read_at_revision(spec, plan_path)
        return source, load_text(source.text, source.shown)[1]
    except PlanInvalid as exc:
        exc.what = "baseline (the plan as issued)"
        raise
    except OSError as exc:  # a path past the name limit, say
        raise IwgplanError(f"baseline {spec}: {exc.strerror or exc}") from None
    except IwgplanError as exc:
        raise IwgplanError(f"baseline {spec}: {exc}") from None
