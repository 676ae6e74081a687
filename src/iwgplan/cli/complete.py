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
        typed = incomplete.lower()
        found = [(e.id, _short(e.item.title)) for e in index.entries if e.id.lower().startswith(typed)]
        return _for_shell(found)
    except Exception:
        return []


def tiers(ctx: typer.Context, incomplete: str) -> Choices:
    """Tier and section ids and numbers, each with its title."""
    try:
        index = _index(ctx)
        typed = incomplete.lower()
        found: Choices = []
        for group in index.groups:
            for name in (group.id, group.number):
                if name.lower().startswith(typed) and name not in (f for f, _ in found):
                    found.append((name, _short(group.title)))
        return _for_shell(found)
    except Exception:
        return []


def revisions(incomplete: str) -> Choices:
    """Branches, tags and HEAD~N, for --rev and the sides of diff: only names iwgplan accepts
    as a revision (a tag named ``v1$(touch x)`` is not offered), quoted for the shell."""
    try:
        return _for_shell(_revisions(incomplete))
    except Exception:
        return []


def _revisions(incomplete: str) -> Choices:
    import subprocess

    from iwgplan.errors import UsageError
    from iwgplan.files.gitlog import check_rev

    done = subprocess.run(
        ["git", "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags"],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=5,
        check=False,
    )
    names = ["HEAD", "HEAD~1", "HEAD~2", "HEAD~3"]
    if done.returncode == 0:
        names += done.stdout.splitlines()
    found: Choices = []
    for name in names:
        if not name.startswith(incomplete):
            continue
        try:
            rev, path = check_rev(name)
        except UsageError:
            continue
        if path is None:
            found.append((name, "git revision"))
    return found


def sides(incomplete: str) -> Choices:
    """A side of `diff`: a git revision, or a plan file (in any folder the typed path names)."""
    try:
        return revisions(incomplete) + _for_shell(_plan_files(incomplete))
    except Exception:
        return []


def _plan_files(incomplete: str) -> Choices:
    import os

    folder, _, start = incomplete.rpartition("/")
    where = folder + "/" if folder or incomplete.startswith("/") else ""
    found: Choices = []
    with os.scandir(where or ".") as entries:
        for entry in entries:
            if entry.name.startswith(start) and entry.name.endswith((".yaml", ".yml")):
                found.append((where + entry.name, "plan file"))
    return sorted(found)


# What a shell may be given: no control characters (each candidate is one line to every shell)
_UNSAFE = frozenset(chr(c) for c in [*range(32), *range(127, 160), 0x2028, 0x2029])
# What bash can take as it is: it inserts a candidate into the command line unquoted, where
# `$(...)`, `;`, quotes, `*` or a space would mean something when the line is run.
_BASH_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/~^@+-=,:%")


def _for_shell(choices: Choices) -> Choices:
    """Candidates as the shell running the completion must get them: bash's quoted (zsh, fish
    and PowerShell quote what they insert); any holding a control character dropped."""
    import os
    import shlex

    bash = os.environ.get("_IWGPLAN_COMPLETE", "") == "complete_bash"
    out: Choices = []
    for value, help_text in choices:
        if not value or _UNSAFE.intersection(value):
            continue
        if bash and (value[0] == "~" or not _BASH_PLAIN.issuperset(value)):
            value = shlex.quote(value)
        out.append((value, help_text))
    return out


def meetings(ctx: typer.Context, incomplete: str) -> Choices:
    """Meeting ids that begin with what is typed (any case), each with its day and theme."""
    try:
        plan = _index(ctx).plan
        typed = incomplete.lower()
        found = [
            (m.id, _short(" · ".join(str(x) for x in (m.date, m.theme or m.title) if x)))
            for m in plan.meetings
            if m.id.lower().startswith(typed)
        ]
        return _for_shell(found)
    except Exception:
        return []


def requests(ctx: typer.Context, incomplete: str) -> Choices:
    """Request ids that begin with what is typed (any case), each with its subject."""
    try:
        plan = _index(ctx).plan
        typed = incomplete.lower()
        found = [(r.id, _short(r.subject)) for r in plan.requests if r.id.lower().startswith(typed)]
        return _for_shell(found)
    except Exception:
        return []
