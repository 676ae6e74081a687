"""Reporters for the plan's history: `iwgplan log`, the "Since ..." block, and progress per week.

rich is imported only by the terminal reporters, so the report writers can use the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from iwgplan.i18n import colon
from iwgplan.i18n import gettext as _
from iwgplan.render.diff_out import MARK, change_dict, describe
from iwgplan.render.history_report import sparkline_line
from iwgplan.render.markdown import cell
from iwgplan.render.safe import json_text, line
from iwgplan.views.diff import Change, summarize
from iwgplan.views.since import ROWS, Moved, Since, since_heading, since_lines
from iwgplan.views.steps import CarryBack, Step
from iwgplan.views.weekly import Progress

if TYPE_CHECKING:
    from rich.console import Console


def plain(value: object) -> str:
    """Plan or commit text for a terminal: one line, control characters shown, never obeyed."""
    return line(value)


# --- iwgplan log --------------------------------------------------------------------------------


def step_line(step: Step) -> str:
    """What a commit did, in the words of `diff --summary`."""
    if step.event == "invalid":
        return _("plan does not load, skipped: {path}{problem}").format(
            path=step.commit.path, problem=step.problem
        )
    if step.event == "deleted":
        return _("plan file deleted")
    if step.event == "added":
        return _("plan file added ({n} action points)").format(n=step.items)
    if not step.changes:
        return _("no change to the plan")
    return summarize(step.changes).line()


def log_text(
    steps: Iterable[Step], console: Console, *, changes: bool, notes: list[str], cut: bool = True
) -> int:
    """The log, one commit after another; ``cut``: a subject too long for the line is cut with
    "…" (a terminal), else printed whole (a pipe, where nothing is cut)."""
    from rich.text import Text

    from iwgplan.render.columns import print_hanging, print_lines

    shown = 0
    for step in steps:
        c = step.commit
        head = Text(c.short, style="yellow") + Text(f"  {c.day}  ")
        head += Text(plain(c.author), style="bold") + Text(f"  {plain(c.subject)}")
        if cut:
            console.print(head, overflow="ellipsis", no_wrap=True)
        else:
            print_lines(console, [head])
        for note in step.notes:
            print_hanging(console, Text("    "), Text(f"({plain(note)})", style="dim"))
        style = "red" if step.event == "invalid" else ("dim" if not step.changes else "")
        print_hanging(console, Text("    "), Text(plain(step_line(step)), style=style))
        if changes:
            for change in step.changes:
                mark, colour = MARK[change.kind]
                print_hanging(console, Text(f"      {mark} ", style=colour), Text(plain(describe(change))))
        shown += 1
    for note in notes:
        console.print(Text(plain(note), style="dim"))
    return shown


def step_dict(step: Step, change_list: list[Change] | None = None) -> dict[str, Any]:
    c = step.commit
    chosen = step.changes if change_list is None else change_list
    return {
        "commit": c.sha,
        "short": c.short,
        "date": c.when.isoformat(),
        "author": c.author,
        "subject": c.subject,
        "parents": list(c.parents),
        "merge": c.merge,
        "path": c.path,
        "renamed_from": c.old_path,
        "event": step.event,
        "problem": step.problem,
        "compared_with": step.compared_with,
        "notes": step.notes,
        "summary": step_line(step),
        "done_fraction": round(step.share, 4) if step.share is not None else None,
        "changes": [change_dict(x) for x in chosen],
    }


def log_json(plan: str, steps: Iterable[Step], notes: list[str]) -> str:
    data = {"plan": plan, "commits": [step_dict(s) for s in steps], "notes": notes}
    return json_text(data)


def log_markdown(plan: str, steps: Iterable[Step], *, changes: bool, notes: list[str]) -> str:
    out = [_("## History of {plan}").format(plan=cell(plan)) + "\n"]
    for step in steps:
        c = step.commit
        said = f"{cell(c.subject)}{colon()}{cell(step_line(step))}"
        out.append(f"- **{c.short}** {c.day} · {cell(c.author)} · {said}")
        out += [f"  - *{cell(note)}*" for note in step.notes]
        if changes:
            out += [f"  - {cell(describe(change))}" for change in step.changes]
    out += [f"\n*{cell(note)}*" for note in notes]
    return "\n".join(out) + "\n"


def carry_line(carry: CarryBack) -> str:
    """The line that marks where an item's story moves into the plan it was carried from."""
    on = _(" on {date}").format(date=carry.day) if carry.day is not None else ""
    text = _("carried from {source} into {into}{on}").format(source=carry.source, into=carry.into, on=on)
    if carry.problem is not None:
        return _("{line}: {problem}; the earlier history is not shown").format(
            line=text, problem=carry.problem
        )
    return f"{text} ({carry.shown})"


def carry_text(carry: CarryBack, console: Console, *, cut: bool = True) -> None:
    """The carry's line, at the left margin; ``cut`` (a terminal): wrapped at its width, else
    printed whole, as the commits' lines are."""
    from rich.text import Text

    from iwgplan.render.columns import print_hanging, print_lines

    style = "bold red" if carry.problem is not None else "bold"
    text = Text(plain(carry_line(carry)), style=style)
    if cut:
        print_hanging(console, Text(""), text)
    else:
        print_lines(console, [text])


def carry_dict(carry: CarryBack) -> dict[str, Any]:
    return {
        "from": carry.source,
        "into": carry.into,
        "date": carry.day.isoformat() if carry.day is not None else None,
        "item": carry.earlier,
        "path": carry.shown,
        "problem": carry.problem,
        "line": carry_line(carry),
    }


def item_log_json(
    plan: str, item: str, pieces: Iterable[tuple[str, Step] | CarryBack], notes: list[str]
) -> str:
    """`log --id --format json`: the commits, newest first, each with the item (PLAN#ITEM) it
    concerns, and the carries between the plans, nearest first."""
    commits: list[dict[str, Any]] = []
    carries: list[dict[str, Any]] = []
    for piece in pieces:
        if isinstance(piece, CarryBack):
            carries.append(carry_dict(piece))
        else:
            commits.append({**step_dict(piece[1]), "item": piece[0]})
    data = {"plan": plan, "item": item, "commits": commits, "carries": carries, "notes": notes}
    return json_text(data)


def item_log_markdown(
    plan: str, item: str, pieces: Iterable[tuple[str, Step] | CarryBack], notes: list[str]
) -> str:
    out = [_("## History of {item} in {plan}").format(item=cell(item), plan=cell(plan)) + "\n"]
    for piece in pieces:
        if isinstance(piece, CarryBack):
            out.append(f"- ***{cell(carry_line(piece))}***")
            continue
        step = piece[1]
        c = step.commit
        said = f"{cell(c.subject)}{colon()}{cell(step_line(step))}"
        out.append(f"- **{c.short}** {c.day} · {cell(c.author)} · {said}")
        out += [f"  - *{cell(note)}*" for note in step.notes]
        out += [f"  - {cell(describe(change))}" for change in step.changes]
    out += [f"\n*{cell(note)}*" for note in notes]
    return "\n".join(out) + "\n"


def since_text(since: Since, console: Console, progress: Progress | None = None) -> None:
    from rich.text import Text

    console.print(Text(since_heading(since), style="bold"))
    rows = since_lines(since)
    if not rows:
        console.print(Text("  " + _("no change to the plan"), style="dim"))
    for label, text in rows:
        console.print(Text(f"  {label}{colon()}", style="bold") + Text(plain(text)), overflow="fold")
    if progress is not None:
        line = sparkline_line(progress)
        if line:
            console.print(Text(f"  {line}"))
    for note in since.notes:
        console.print(Text(f"  ({plain(note)})", style="dim"), overflow="fold")
    console.print()


def since_dict(since: Since) -> dict[str, Any]:
    def items(found: list[Moved]) -> list[dict[str, Any]]:
        return [
            {"id": m.id, "title": m.title, "detail": m.detail or None, "days": m.days or None} for m in found
        ]

    data: dict[str, Any] = {"label": since.label, "source": since.source, "commits": since.commits}
    data.update({key: items(getattr(since, key)) for key, _label in ROWS})
    data["revision"] = list(since.revision) if since.revision else None
    data["adopted"] = since.adopted.isoformat() if since.adopted else None
    data["notes"] = since.notes
    return data


def with_since(status_json: str, since: Since) -> str:
    """The status JSON with a ``since`` key added."""
    data = json.loads(status_json)
    data["since"] = since_dict(since)
    return json_text(data)
