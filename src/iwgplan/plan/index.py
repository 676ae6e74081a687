"""A flat, id-addressable view of a plan's action points, with each item's place in the tree."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeAlias

from iwgplan.errors import IwgplanError, Loc

if TYPE_CHECKING:  # the index also runs on plan.records, which need no pydantic
    from iwgplan.plan.model import ActionPoint, FocusArea, Milestone, Plan, Section, Tier

Group: TypeAlias = "Tier | Section"


@dataclass(eq=False, slots=True)
class Entry:
    """One action point (or sub-point) and where it sits."""

    item: ActionPoint
    loc: Loc
    group: Group
    focus: FocusArea | None
    parent: Entry | None
    number: str  # the document's number with what makes it unique: "Tier two, data 1", "5.1(a)"
    own: str = ""  # the document's number as printed under its tier and focus area: "1", "3 •"
    children: list[Entry] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def top(self) -> Entry:
        entry = self
        while entry.parent is not None:
            entry = entry.parent
        return entry

    def ancestors(self) -> list[Entry]:
        chain, entry = [], self.parent
        while entry is not None:
            chain.append(entry)
            entry = entry.parent
        return chain[::-1]


class UnknownId(IwgplanError):
    """No item has this id (nor, unless --exact, an id that begins with it)."""

    def __init__(self, message: str, suggestions: list[Entry] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class AmbiguousId(IwgplanError):
    """A prefix that more than one id begins with: a usage error, never a guess."""

    exit_code = 2

    def __init__(self, message: str, candidates: list[Entry]) -> None:
        super().__init__(message)
        self.candidates = candidates


BULLET = "•"


def child_number(base: str, number: str | None) -> str:
    """The document's number of an item under ``base``: 4 + 3 is 4.3, 5.1 + a is 5.1(a).

    An item the document does not number is a bullet: never a made-up position number,
    which would read as a paragraph that does not exist.
    """
    if number is None:
        return f"{base} {BULLET}".strip()
    if not base:
        return number
    if base.endswith(BULLET):
        return f"{base} ({number})" if len(number) == 1 and number.isalpha() else f"{base} {number}"
    if len(number) == 1 and number.isalpha():
        return f"{base}({number})"
    return f"{base}.{number}"


def cite(group: Tier | Section, focus: FocusArea | None, own: str) -> str:
    """The document's number with what makes it unique: the tier as the document names it, and
    the focus area's id when the tier has more than one ("Tier two, data 1", "Tier one, 2");
    a section's numbers ("5.1(a)") are unique already."""
    if focus is None:
        return own
    areas = getattr(group, "focus_areas", [])
    return f"{group.title}, {own}" if len(areas) == 1 else f"{group.title}, {focus.id} {own}"


def group_label(group: Tier | Section) -> str:
    """A tier as the document names it ("Tier one"); a section by number and title."""
    if hasattr(group, "focus_areas"):  # models and records alike
        return group.title
    return f"{group.number} {group.title}"


class PlanIndex:
    """Every action point in document order, by id (case-insensitive)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.entries: list[Entry] = []
        for t, tier in enumerate(plan.tiers):
            for f, focus in enumerate(tier.focus_areas):
                base: Loc = ("tiers", t, "focus_areas", f, "action_points")
                self._add(focus.action_points, base, tier, focus, None, "")
        for s, section in enumerate(plan.sections):
            self._add(section.items, ("sections", s, "items"), section, None, None, section.number)
        self.by_id = {entry.id.lower(): entry for entry in self.entries}
        self.milestones: dict[str, Milestone] = {m.id: m for m in plan.milestones}

    def _add(
        self,
        items: list[ActionPoint],
        base: Loc,
        group: Group,
        focus: FocusArea | None,
        parent: Entry | None,
        number: str,
    ) -> list[Entry]:
        added = []
        for i, item in enumerate(items):
            entry = Entry(item, (*base, i), group, focus, parent, "")
            entry.own = child_number(number, item.number)
            entry.number = cite(group, focus, entry.own)
            self.entries.append(entry)
            entry.children = self._add(
                item.children, (*entry.loc, "children"), group, focus, entry, entry.own
            )
            added.append(entry)
        return added

    @property
    def groups(self) -> list[Group]:
        return [*self.plan.tiers, *self.plan.sections]

    def top_level(self, group: Group | None = None) -> Iterator[Entry]:
        if group is None:
            return iter(self._top_level[0])
        return iter(self._top_level[1].get(id(group), []))

    @cached_property
    def _top_level(self) -> tuple[list[Entry], dict[int, list[Entry]]]:
        """Top-level entries, all and by group, in one pass: per-group scans were quadratic."""
        every: list[Entry] = []
        by_group: dict[int, list[Entry]] = {}
        for entry in self.entries:
            if entry.parent is None:
                every.append(entry)
                by_group.setdefault(id(entry.group), []).append(entry)
        return every, by_group

    @cached_property
    def dependents(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for dep in entry.item.depends_on:
                out.setdefault(dep.lower(), []).append(entry)
        return out

    def get(self, item_id: str) -> Entry:
        """The item with exactly this id (any case); `resolve` also takes a unique prefix."""
        return resolve(self, item_id, exact=True)

    def group(self, group_id: str) -> Group:
        groups = {g.id.lower(): g for g in self.groups}
        for g in self.groups:
            groups.setdefault(g.number.lower(), g)
        found = groups.get(group_id.lower())
        if found is None:
            raise UnknownId(unknown_message("tier or section", group_id, groups))
        return found


def resolve(index: PlanIndex, wanted: str, *, exact: bool = False) -> Entry:
    """The one item ``wanted`` names: its id in any case, or (unless ``exact``) a unique prefix.

    Every command that takes an id calls this, so a prefix works the same everywhere. A prefix
    that more than one id begins with raises AmbiguousId (exit 2) with the candidates; an id
    that nothing matches raises UnknownId with suggestions by spelling and by title words.
    """
    key = wanted.strip().lower()
    found = index.by_id.get(key)
    if found is not None:
        return found
    numbered = by_number(index, wanted) if not exact else None
    if numbered is not None:
        return numbered
    if not exact and key:
        begins = [e for e in index.entries if e.id.lower().startswith(key)]
        if len(begins) == 1:
            return begins[0]
        if begins:
            raise AmbiguousId(
                f"{wanted!r} is the beginning of {len(begins)} action point ids;"
                " type more of the one you mean:\n" + _listed(begins),
                begins,
            )
    close = suggest(index, wanted)
    hint = ("; did you mean:\n" + _listed(close)) if close else ""
    raise UnknownId(f"no action point with id {wanted!r}{hint}", close)


def by_number(index: PlanIndex, wanted: str) -> Entry | None:
    """The one item the document numbers ``wanted`` ("5.2(a)", "4.3", "Tier one, 2"; any case,
    any spacing), or None when no item or more than one has that number."""
    key = _number_key(wanted)
    if not key:
        return None
    for attribute in ("number", "own"):
        found = [e for e in index.entries if _number_key(getattr(e, attribute)) == key]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", number).casefold()


def _listed(entries: list[Entry], limit: int = 12) -> str:
    width = max(len(e.id) for e in entries[:limit])
    lines = [f"  {e.id:<{width}}  {_short(_one_line(e.item.title))}" for e in entries[:limit]]
    if len(entries) > limit:
        lines.append(f"  … and {len(entries) - limit} more")
    return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _one_line(text: str) -> str:
    """Plan text inside an error message: controls shown as \\xNN, so a title cannot draw on
    the terminal or start a line of its own."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


_WORD = re.compile(r"[^\W_]+")


def suggest(index: PlanIndex, wanted: str, limit: int = 5) -> list[Entry]:
    """Ids close in spelling to ``wanted``, then ids whose id or title holds its words."""
    key = wanted.strip().lower()
    picked = [index.by_id[i] for i in _close_ids(key, [e.id.lower() for e in index.entries])]
    words = [w for w in _WORD.findall(key) if len(w) >= 3]
    if words:
        scored = []
        for position, entry in enumerate(index.entries):
            haystack = _WORD.findall(f"{entry.id} {entry.item.title}".lower())
            hits = sum(any(h.startswith(w) or w in h for h in haystack) for w in words)
            if hits:
                scored.append((-hits, position, entry))
        picked += [entry for *_, entry in sorted(scored, key=lambda s: s[:2])]
    unique: list[Entry] = []
    for entry in picked:
        if entry not in unique:
            unique.append(entry)
    return unique[:limit]


def _close_ids(key: str, ids: list[str], limit: int = 3) -> list[str]:
    """Ids close in spelling to ``key``: as a whole, in their first letters (``jont`` is
    ``joint-statement``), or in one of their words."""
    if not key:
        return []
    scored = []
    for ident in ids:
        parts = [ident, ident[: len(key)], *ident.split("-")]
        score = max(difflib.SequenceMatcher(None, key, part).ratio() for part in parts)
        if score >= 0.7:
            scored.append((-score, ident))
    return [ident for _, ident in sorted(scored)[:limit]]


def unknown_message(kind: str, wanted: str, known: Iterable[str]) -> str:
    names = list(known)
    close = difflib.get_close_matches(wanted.lower(), names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no {kind} with id {wanted!r}{hint}"
