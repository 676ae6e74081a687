"""Reporters for `iwgplan diff`: text (rich), markdown, json (stable keys) and GitHub notices."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.text import Text

from iwgplan.files.text import PlanText
from iwgplan.i18n import N_, colon, ngettext
from iwgplan.i18n import gettext as _
from iwgplan.plan.index import PlanIndex
from iwgplan.render import safe
from iwgplan.render.columns import print_hanging
from iwgplan.render.markdown import table
from iwgplan.views.diff import ADDED, CHANGED, MOVED, REMOVED, Change, summarize

MARK = {ADDED: ("+", "green"), REMOVED: ("−", "red"), MOVED: ("→", "blue"), CHANGED: ("~", "yellow")}


def change_dict(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "entity": change.entity,
        "id": change.id,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "tier": change.group,
        **change.extra,
    }


def describe(change: Change) -> str:
    """One plain sentence for a change, used by every reporter."""
    what = change.id if change.id is not None else _("plan")
    entity = entity_words(change.entity)
    if change.kind == ADDED:
        hint = f" ({change.extra['hint']})" if "hint" in change.extra else ""
        return _("{entity} {id} added{hint}").format(entity=entity, id=what, hint=hint) + _title(change.new)
    if change.kind == REMOVED:
        return _("{entity} {id} removed").format(entity=entity, id=what) + _title(change.old)
    if change.kind == MOVED:
        return _("{id} moved from {old} to {new}").format(
            id=what, old=_where(change.old), new=_where(change.new)
        )
    if "added" in change.extra and change.field != "history":
        parts = [f"+{v}" for v in change.extra["added"]] + [f"−{v}" for v in change.extra["removed"]]
        parts += [f"~{v}" for v in change.extra.get("changed", ())]  # evidence: an entry changed in place
        return f"{what} {change.field}{colon()}{', '.join(parts)}"
    if change.field == "history":
        added, removed = len(change.extra["added"]), len(change.extra["removed"])
        line = _("{id} history: {entries} added").format(id=what, entries=_entries(added))
        return line + (_(", {n} removed").format(n=removed) if removed else "")
    days = change.extra.get("days")
    slip = " (" + ngettext("{n} day", "{n} days", abs(days)).format(n=f"{days:+d}") + ")" if days else ""
    reason = f"{colon()}{_short(change.extra['reason'])}" if change.extra.get("reason") else ""
    return f"{what} {change.field}{colon()}{_short(change.old)} → {_short(change.new)}{slip}{reason}"


ENTITIES = {
    "plan": N_("plan"),
    "action_point": N_("action point"),
    "milestone": N_("milestone"),
    "objective": N_("objective"),
    "reference": N_("reference"),
    "tier": N_("tier"),
    "section": N_("section"),
    "focus_area": N_("focus area"),
}


def entity_words(entity: str) -> str:
    """What a change is to, for people: ``action point``; a kind not named here as the file has it."""
    return _(ENTITIES[entity]) if entity in ENTITIES else entity.replace("_", " ")


def _entries(n: int) -> str:
    return ngettext("{n} entry", "{n} entries", n).format(n=n)


def _title(value: Any) -> str:
    return f"{colon()}{_short(value)}" if isinstance(value, str) else ""


def _short(value: Any, width: int = 60) -> str:
    """A value in a sentence: a string as it is, nothing as "(none)", others as JSON."""
    if value is None:
        return _("(none)")
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _where(place: dict[str, str | None]) -> str:
    return "/".join(v for v in (place["group"], place["focus_area"], place["parent"]) if v)


def side_label(source: PlanText, index: PlanIndex) -> dict[str, Any]:
    meta = index.plan.plan
    return {"path_or_rev": source.shown, "revision": meta.revision, "date": str(meta.date)}


def as_json(old: tuple[PlanText, PlanIndex], new: tuple[PlanText, PlanIndex], changes: list[Change]) -> str:
    data = {
        "old": side_label(*old),
        "new": side_label(*new),
        "summary": summarize(changes).line(),
        "changes": [change_dict(c) for c in changes],
    }
    return safe.json_text(data)


def text(changes: list[Change], console: Console, titles: dict[str, str]) -> None:
    console.print(Text(summarize(changes).line(), style="bold"))
    groups: dict[str | None, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.group, []).append(change)
    for group, members in groups.items():
        console.print(
            Text(
                safe.line(titles.get(group or "", _("Plan, milestones and references")))
                if group
                else _("Plan, milestones and references"),
                style="bold underline",
            )
        )
        for change in members:
            mark, style = MARK[change.kind]
            print_hanging(console, Text(f"  {mark} ", style=style), Text(safe.line(describe(change))))


def markdown(changes: list[Change]) -> str:
    parts = [_("**iwgplan diff:** {summary}").format(summary=summarize(changes).line()) + "\n"]
    kinds = ((ADDED, _("Added")), (REMOVED, _("Removed")), (MOVED, _("Moved")), (CHANGED, _("Changed")))
    for kind, title in kinds:
        rows = [c for c in changes if c.kind == kind]
        if not rows:
            continue
        parts.append(f"### {title} ({len(rows)})\n")
        cells = [[entity_words(c.entity), c.id or "", c.field or "", describe(c)] for c in rows]
        parts.append(table([_("what"), "id", _("field"), _("change")], cells))
    if len(changes) == 0:
        parts.append(_("No changes.") + "\n")
    return "\n".join(parts)


def github(changes: list[Change], new_text: str, new_index: PlanIndex, shown: str) -> str:
    from iwgplan.files.positions import Locator  # YAML: only the GitHub annotations need it

    locator = Locator(new_text)
    milestones: dict[str, int] = {}  # each id's first place, looked up once per change
    for place, milestone in enumerate(new_index.plan.milestones):
        milestones.setdefault(milestone.id, place)
    lines = []
    for change in changes:
        loc = _loc(change, new_index, milestones)
        props = f"file={safe.gh_property(shown)}"
        if loc is not None:
            line, col = locator.position(loc)
            props += f",line={line},col={col}"
        lines.append(f"::notice {props}::{safe.gh_data(describe(change))}")
    return "".join(line + "\n" for line in lines)


def _loc(change: Change, index: PlanIndex, milestones: dict[str, int]) -> tuple[str | int, ...] | None:
    if change.kind == REMOVED:
        return None
    if change.entity == "plan":
        return ("plan", change.field or "")
    if change.entity == "action_point" and change.id is not None:
        entry = index.by_id.get(change.id.lower())
        if entry is None:
            return None
        return (*entry.loc, change.field) if change.field else entry.loc
    if change.entity == "milestone":
        place = milestones.get(change.id) if change.id is not None else None
        return ("milestones", place) if place is not None else None
    return None


def plain(old: str, new: str, path: str) -> str:
    """A unified diff of two texts (``git diff``'s own format), each line made safe to show.

    The ``---``/``+++`` lines name the file as git does (:func:`git_quoted`, and a TAB after a
    name with a space), so that a line break in a file's name cannot split them.
    """
    import difflib

    lines = list(difflib.unified_diff(_lines(old), _lines(new), lineterm=""))
    if lines:
        tab = "\t" if " " in path else ""
        lines[:2] = [f"--- {git_quoted('a/' + path)}{tab}", f"+++ {git_quoted('b/' + path)}{tab}"]
    return "".join(safe.block(text) + "\n" for text in lines)


_C_ESCAPES = dict(zip(b'\a\b\t\n\v\f\r"\\', 'abtnvfr"\\', strict=True))  # git's quote_c_style


def git_quoted(name: str) -> str:
    """A path as git writes it in a diff header (quote_c_style, core.quotePath on): as it is
    when it is printable ASCII without ``"`` or ``\\``; else in double quotes, with C escapes
    (``\\n``, ``\\t``, ``\\"``, ``\\\\``) and every other control and byte past ASCII as ``\\ooo``."""
    try:
        raw = name.encode("utf-8", "surrogateescape")  # a byte that was not UTF-8 is that byte
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogatepass")
    if all(0x20 <= b < 0x7F and b not in (0x22, 0x5C) for b in raw):
        return name
    out = []
    for b in raw:
        if b in _C_ESCAPES:
            out.append("\\" + _C_ESCAPES[b])
        elif b < 0x20 or b >= 0x7F:
            out.append(f"\\{b:03o}")
        else:
            out.append(chr(b))
    return '"' + "".join(out) + '"'


def _lines(text: str) -> list[str]:
    """Lines split at LF only (a CR or U+2028 inside a line is shown, not split at)."""
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [part.removesuffix("\r") for part in parts]
