"""Shell completion: ids with their titles, tiers, and git revisions, read from the plan at hand.

The shells (bash, zsh, fish, PowerShell) ask Typer, which asks these functions. A completer never
fails: whatever goes wrong (no plan, an invalid plan, no git) it offers nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
import typer._completion_classes

if TYPE_CHECKING:
    from iwgplan.plan.index import PlanIndex

Choices = list[tuple[str, str]]


def _plain(text: str) -> str:
    return text


# Typer renders zsh and fish descriptions as rich markup, so a title holding "[b]" would lose it,
# and importing rich's Markdown for that costs more than the whole completion. Our descriptions
# are plain text (plan text made safe by render.safe.line; help strings with markup turned off).
typer._completion_classes._sanitize_help_text = _plain


def _plan_option(ctx: typer.Context) -> tuple[Path | None, str | None]:
    """The --plan and --rev given so far, to the command or before it."""
    plan, rev = None, None
    node: typer.Context | None = ctx
    while node is not None:
        plan = plan or node.params.get("plan")
        rev = rev or node.params.get("rev")
        node = node.parent  # type: ignore[assignment]
    return (Path(plan) if plan else None), rev


def _index(ctx: typer.Context) -> PlanIndex:
    plan, rev = _plan_option(ctx)
    if rev is None:  # the validated-plan cache answers without YAML or pydantic
        from iwgplan.files.cached_plan import cached_only

        found = cached_only(plan)
        if found is not None:
            return found[1]
    from iwgplan.files.discover import read_plan
    from iwgplan.files.loading import load_text

    source = read_plan(plan, rev)
    return load_text(source.text, source.shown)[1]


def _short(title: str, limit: int = 60) -> str:
    from iwgplan.render.safe import line

    title = line(title)
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def ids(ctx: typer.Context, incomplete: str) -> Choices:
    """Action point ids that begin with what is typed (any case), each with its title."""
    try:
        index = _index(ctx)
    except Exception:
        return []
    typed = incomplete.lower()
    return [(e.id, _short(e.item.title)) for e in index.entries if e.id.lower().startswith(typed)]


def tiers(ctx: typer.Context, incomplete: str) -> Choices:
    """Tier and section ids and numbers, each with its title."""
    try:
        index = _index(ctx)
    except Exception:
        return []
    typed = incomplete.lower()
    found: Choices = []
    for group in index.groups:
        for name in (group.id, group.number):
            if name.lower().startswith(typed) and name not in (f for f, _ in found):
                found.append((name, _short(group.title)))
    return found


def revisions(incomplete: str) -> Choices:
    """Branches, tags and HEAD~N, for --rev and the sides of diff."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    names = ["HEAD", "HEAD~1", "HEAD~2", "HEAD~3", *done.stdout.split()]
    return [(name, "git revision") for name in names if name.startswith(incomplete)]


def sides(incomplete: str) -> Choices:
    """A side of `diff`: a git revision, or a plan file."""
    files = [
        (str(p), "plan file")
        for p in sorted(Path(".").glob(f"{incomplete}*"))
        if p.suffix in (".yaml", ".yml")
    ]
    return revisions(incomplete) + files
