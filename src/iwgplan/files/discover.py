"""Which plan a command reads: --plan, then $IWGPLAN_PLAN, then plans/*.yaml (or *.yml) upwards, then the
embedded default; and reading it from the working tree, a git revision or the package."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from iwgplan.errors import IwgplanError, UsageError
from iwgplan.files.reading import path_kind
from iwgplan.files.text import PlanText

EMBEDDED_NAME = "workplan-2025-2026.yaml"
ENV_VAR = "IWGPLAN_PLAN"


def embedded_text() -> str:
    return embedded_bytes().decode("utf-8")


def embedded_bytes() -> bytes:
    return (resources.files("iwgplan") / "data" / EMBEDDED_NAME).read_bytes()


def find_plan_path(explicit: Path | None, cwd: Path | None = None) -> Path | None:
    """The plan file to use, or None for the embedded default."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    start = (cwd or _cwd()).resolve()
    passed: list[str] = []  # plans/ folders that held nothing usable
    for folder in (start, *start.parents):
        plans = folder / "plans"
        if plans.is_dir():
            candidates = sorted([*plans.glob("*.yaml"), *plans.glob("*.yml")])
            found = [p for p in candidates if p.is_file()]
            if len(found) == 1:
                _passed_over(passed, str(found[0]))
                return found[0]
            current = open_plans(found) if len(found) > 1 else found
            if len(current) == 1:  # a closed plan beside its successor: the successor is the plan
                _passed_over(passed, str(current[0]))
                return current[0]
            if len(found) > 1:
                names = "\n  ".join(str(p) for p in found)
                raise UsageError(f"{plans} holds several plans; choose one with --plan:\n  {names}")
            passed.append(f"{plans} {_unusable(candidates)}")
    _passed_over(passed, f"the embedded default plan {EMBEDDED_NAME}")
    return None


def closed_on(path: Path) -> str | None:
    """The day a plan file says it was closed (``closed:`` among the keys of its block-style
    ``plan:``), or None: open, unreadable, or written some other way (then the plan counts as
    open, and a folder of several open plans still asks for --plan). A scan of the text, not a
    parse: the search for the plan runs before every command, and YAML is the loader's."""
    from iwgplan.errors import IwgplanError
    from iwgplan.files.reading import read_text

    try:
        text = read_text(path, str(path))
    except (IwgplanError, OSError):
        return None
    in_plan, indent = False, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_plan, indent = line.split("#", 1)[0].rstrip() == "plan:", None
            continue
        if not in_plan:
            continue
        here = len(line) - len(line.lstrip(" "))
        indent = here if indent is None else indent
        found = _CLOSED.match(line)
        if here == indent and found:
            return found.group(1)
    return None


_CLOSED = re.compile(r" +closed: *['\"]?(\d{4}-\d{2}-\d{2})['\"]? *(?:#.*)?$")


def open_plans(paths: list[Path]) -> list[Path]:
    """The plans not closed: a plans/ folder holds one open plan and the closed ones before it."""
    return [p for p in paths if closed_on(p) is None]


# Notes for the user about the search (a plans/ folder passed over), printed by the command's
# error handler on stderr (through its sanitiser: a file name may hold anything).
NOTES: list[str] = []


def _passed_over(passed: list[str], used: str) -> None:
    for where in passed:
        note = f"note: {where}, so iwgplan reads {used}"
        if note not in NOTES:
            NOTES.append(note)


def _unusable(candidates: list[Path]) -> str:
    if not candidates:
        return "holds no *.yaml or *.yml file"
    kinds = [f"{p.name} is {path_kind(p)}" for p in candidates[:3]]
    more = f" and {len(candidates) - 3} more" if len(candidates) > 3 else ""
    return "holds no plan file it can read: " + ", ".join(kinds) + more


def _cwd() -> Path:
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise IwgplanError(
            "the current folder no longer exists, so no plans/ folder can be looked for;"
            " cd to a folder that exists, or give the plan with --plan"
        ) from None


def shown_path(path: Path) -> str:
    """The path as the user would write it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside; no current folder; a symlink loop
        return str(path)


def read_plan(explicit: Path | None = None, rev: str | None = None) -> PlanText:
    path = find_plan_path(explicit)
    if rev is not None:
        from iwgplan.files.gitrev import read_at_revision  # subprocess only when asked

        return read_at_revision(rev, path)
    if path is None:
        return PlanText(embedded_text(), f"<embedded default {EMBEDDED_NAME}>")
    from iwgplan.files.reading import read_text

    shown = shown_path(path)
    return PlanText(read_text(path, shown), shown, path)
