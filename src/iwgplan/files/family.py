"""Several plans at once: the plans of a plans/ folder, each read and validated, and the checks
only several plans can fail (a `carried_from` that names no item, a cycle of carries, two open
plans for overlapping periods), each at the file, line and column of the offending key."""

from __future__ import annotations

from pathlib import Path

from iwgplan.errors import IwgplanError, Loc, PlanInvalid, Problem
from iwgplan.files.carries import Member, by_plan_id, carried_entries, chain, plans_in, split
from iwgplan.files.loading import check_text
from iwgplan.files.positions import Locator
from iwgplan.files.reading import read_text


def read_member(path: Path, shown: str | None = None) -> Member:
    shown = shown if shown is not None else str(path)
    try:
        text = read_text(path, shown)
    except PlanInvalid as exc:
        return Member(path, exc.result)
    checked = check_text(text, shown)
    return Member(path, checked.result, text, checked.plan, checked.index)


def read_family(paths: list[Path], shown: dict[Path, str] | None = None) -> list[Member]:
    return [read_member(p, (shown or {}).get(p)) for p in paths]


def beside(path: Path, shown: str, first: Member | None = None) -> list[Member]:
    """The plan at ``path`` (first; ``first`` when it is read already) and the other plans of its
    folder, read and validated."""
    from iwgplan.files.discover import shown_path

    others = [p for p in plans_in(path.parent) if p.resolve() != path.resolve()]
    return [first or read_member(path, shown), *(read_member(p, shown_path(p)) for p in others)]


def cross_check(members: list[Member], *, overlaps: bool = True) -> None:
    """Add to each member's result the problems it has among the others (and the notes: a carry
    from a plan not among them is worth saying, not wrong, as that plan may live elsewhere).
    ``overlaps``: also two open plans for overlapping periods (a check of the plans named
    together, `validate plans/`, not of one plan and whatever files lie beside it)."""
    valid = [m for m in members if m.plan is not None and m.index is not None and m.text is not None]
    plans = by_plan_id(valid)
    try:
        for m in valid:
            _same_id(m, plans)
            _carries(m, plans)
        if overlaps:
            _overlaps([m for m in valid if not m.closed])
    finally:
        _LOCATORS.clear()  # by the members' identities: good for this check only


_LOCATORS: dict[int, Locator] = {}


def _position(member: Member, loc: Loc) -> tuple[int, int]:
    """Where a key is in the file (each document composed once, on first use)."""
    assert member.text is not None
    if id(member) not in _LOCATORS:
        _LOCATORS[id(member)] = Locator(member.text, None)
    return _LOCATORS[id(member)].position(loc, at_key=True)


def _problem(member: Member, message: str, loc: Loc) -> None:
    line, column = _position(member, loc)
    member.result.problems.append(Problem(message, loc, line, column))


def _same_id(m: Member, plans: dict[str, Member]) -> None:
    assert m.plan is not None
    first = plans[m.plan.plan.id.lower()]
    if first is not m:
        _problem(m, f"plan id {m.plan.plan.id!r} is also the id of {first.shown}", ("plan", "id"))


def _carries(m: Member, plans: dict[str, Member]) -> None:
    assert m.plan is not None
    own = m.plan.plan.id.lower()
    for entry in carried_entries(m):
        ref = entry.item.carried_from
        assert ref is not None
        loc = (*entry.loc, "carried_from")
        plan_id, item_id = split(ref)
        source = plans.get(plan_id)
        if source is None:
            line, column = _position(m, loc)
            m.result.notes.append(
                f"{line}:{column}: {entry.id}: carried_from {ref!r} names a plan that is not among"
                " the plans checked (it may live elsewhere)"
            )
            continue
        assert source.index is not None
        if item_id not in source.index.by_id:
            _problem(m, f"{ref!r} names no item of {source.shown}", loc)
            continue
        if _cycle(plan_id == own and item_id == entry.id.lower(), (own, entry.id.lower()), ref, plans):
            _problem(m, f"{ref!r} is a cycle of carries: the item is carried, in the end, from itself", loc)


def _cycle(direct: bool, start: tuple[str, str], ref: str, plans: dict[str, Member]) -> bool:
    if direct:
        return True
    return any(split(f"{m.plan.plan.id}#{e.id}") == start for m, e in chain(ref, plans) if m.plan)


def _overlaps(open_plans: list[Member]) -> None:
    for i, a in enumerate(open_plans):
        for b in open_plans[:i] + open_plans[i + 1 :]:
            assert a.plan is not None and b.plan is not None
            pa, pb = a.plan.plan.period, b.plan.plan.period
            if pa.start.first() <= pb.end.last() and pb.start.first() <= pa.end.last():
                _problem(
                    a,
                    f"this plan and {b.shown} are both open (no `closed`) for overlapping periods"
                    f" ({pa.start}..{pa.end} and {pb.start}..{pb.end}): close the earlier one"
                    " (`iwgplan successor` does) or correct a period",
                    ("plan", "period"),
                )


def family_of(paths: list[Path]) -> list[Path]:
    """Files and folders (a folder: its plan files) to one list of files, each once."""
    out: list[Path] = []
    for path in paths:
        for p in plans_in(path) if path.is_dir() else [path]:
            if p not in out:
                out.append(p)
    if not out:
        raise IwgplanError(f"no plan files (*.yaml, *.yml) in {', '.join(str(p) for p in paths)}")
    return out


def plans_folder(explicit: Path | None, cwd: Path | None = None) -> Path:
    """The folder whose plans are read together: the one of --plan (or $IWGPLAN_PLAN), else the
    nearest plans/ folder here or above that holds a plan file."""
    import os

    from iwgplan.files.discover import ENV_VAR

    chosen = explicit or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    if chosen is not None:
        return chosen.parent
    try:
        start = (cwd or Path.cwd()).resolve()
    except FileNotFoundError:
        raise IwgplanError("the current folder no longer exists: name the folder of plans") from None
    for folder in (start, *start.parents):
        if (folder / "plans").is_dir() and plans_in(folder / "plans"):
            return folder / "plans"
    raise IwgplanError(
        "no plans/ folder with a plan file here or in a parent folder: name the folder"
        " (iwgplan portfolio FOLDER) or a plan in it (--plan)"
    )


def read_folder(folder: Path) -> list[Member]:
    """Every plan file of a folder, read and validated, named as the user would write them."""
    from iwgplan.files.discover import shown_path

    paths = plans_in(folder)
    if not paths:
        raise IwgplanError(f"no plan files (*.yaml, *.yml) in {folder}")
    return [read_member(p, shown_path(p)) for p in paths]
