"""Progress edits of a plan the validated-plan cache holds (issue 29): no parse, no validation
of the whole plan.

The cache keeps, beside a valid plan's data, where each action point stands in its bytes
(files/positions.py). An edit whose changes touch only the keys of an action point that no
rule reads outside the item (``rules.OWN_KEYS``: status, completed, history, evidence; what
`done`, `start`, `block`, `drop`, `reopen` and `note` change) then:

- indexes the plan from the cached data, as the read-only commands do on a hit;
- cuts each changed item's lines at its cached position and checks that they are that item:
  the digest of the lines there is the one kept with the position, of the lines a read of the
  whole text (or the edit that wrote them) found for it (anything else: positions that do not
  match these bytes, and the edit goes the whole way);
- splices, parses and validates the new lines alone, checks that they give the very data the
  cache holds for the item with the changes made, and runs the plan's rules over the changed
  items, which are all that the rules could find changed (``rules.item_problems``);
- hands back the new text with the new bytes' cache entry: the data with the new items (their
  JSON spliced into the cached JSON, not the whole plan encoded again), the positions moved by
  the splice.

Each run hashes the bytes it read once and the bytes it wrote once (cache.plan_digest).

Anything it does not plainly handle (another key, a position missing or not matching, an item
that does not validate, a rule broken) returns None before anything is written, and the
caller makes the same edit through the whole text, which says what is wrong with the same
words as ever.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from iwgplan.edit.splice import Change, EntryEdit, changes_by_entry, expected_data, splice_entries
from iwgplan.errors import Loc
from iwgplan.files import cache
from iwgplan.files.cached_plan import from_data
from iwgplan.files.positions import ItemSpans, entry_digest, loc_key
from iwgplan.files.yaml_loader import mark_shift


@dataclass(slots=True)
class Warm:
    """A plan the cache holds for the bytes being edited: its entry, what it indexes to, and
    what the rules over the changed items need of it (its earliest day, its schema version)."""

    key: str
    data: dict[str, Any]
    positions: ItemSpans
    plan: Any
    index: Any
    earliest: date
    schema_version: int
    raw: bytes  # the bytes read, and their digest (cache.plan_digest)
    digest: str
    payload: bytes | None  # the data's entry as stored (cache.encode of ``data``)


@dataclass(slots=True)
class Result:
    text: str
    data: dict[str, Any]  # the new bytes' cache entry
    positions: dict[str, Any]  # as files.positions.item_spans makes them
    payload: bytes | None  # cache.encode(data), spliced; None: to be encoded whole


def lookup(path: Path, text: str, raw: bytes | None = None) -> Warm | None:
    """The cached plan for these bytes of the plan at ``path`` (``raw``: the text's UTF-8, if
    the caller has it), with its positions, or None."""
    if cache.disabled():
        return None
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):
        return None
    raw = text.encode("utf-8") if raw is None else raw
    digest = cache.plan_digest(raw)
    entry = cache.lookup_entry(key, raw, digest=digest)
    if entry is None:
        return None
    data, payload = entry
    positions = ItemSpans.of(cache.lookup(key, raw, cache.POSITIONS, digest=digest))
    if positions is None:
        return None
    found = from_data(data)
    if found is None:
        return None
    from iwgplan.plan.rules import plan_window_start

    plan, index = found
    return Warm(
        key, data, positions, plan, index, plan_window_start(plan), plan.schema_version, raw, digest, payload
    )


def after_a_miss(
    path: Path, text: str, plan: Any, data: Any, spans: dict[int, Any], raw: bytes | None = None
) -> Warm | None:
    """For an edit that parsed and validated the whole text (``plan`` the models, ``data`` the
    parsed data and ``spans`` where its entries stand): the cache entry of these bytes, with a
    Warm for :func:`edit`, so that the bytes the edit writes can be cached as well."""
    if cache.disabled() or not spans:
        return None
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):
        return None
    from iwgplan.files.cached_plan import store as store_entry
    from iwgplan.files.positions import item_spans

    positions = item_spans(data, spans, text)
    dump = plan.model_dump(mode="json", exclude_defaults=True)
    raw = text.encode("utf-8") if raw is None else raw
    digest = cache.plan_digest(raw)
    payload = cache.encode(dump)
    store_entry(key, raw, dump, positions, payload=payload, digest=digest)
    from iwgplan.plan.rules import plan_window_start

    table = ItemSpans.of(positions)
    if table is None:  # pragma: no cover - item_spans makes them so
        return None
    earliest = plan_window_start(plan)
    return Warm(key, dump, table, None, None, earliest, plan.schema_version, raw, digest, payload)


def store(warm: Warm | None, written: bytes, result: Result | None) -> None:
    """Cache the bytes written; the entry of the bytes read (``warm.raw``) stays."""
    if warm is None or result is None:
        return
    from iwgplan.files.cached_plan import store as store_entry

    store_entry(
        warm.key,
        written,
        result.data,
        result.positions,
        edited=warm.raw,
        payload=result.payload,
        edited_digest=warm.digest,
    )


def _items_loc(loc: Loc) -> bool:
    """An action point's loc: tiers/T/focus_areas/F/action_points/N or sections/S/items/N, then
    children/N any number of times."""
    if len(loc) >= 6 and loc[0] == "tiers" and loc[2] == "focus_areas" and loc[4] == "action_points":
        rest, numbers = loc[6:], [loc[1], loc[3], loc[5]]
    elif len(loc) >= 4 and loc[0] == "sections" and loc[2] == "items":
        rest, numbers = loc[4:], [loc[1], loc[3]]
    else:
        return False
    if len(rest) % 2 or any(part != "children" for part in rest[::2]):
        return False
    return all(isinstance(n, int) and not isinstance(n, bool) for n in (*numbers, *rest[1::2]))


def _own(change: Change) -> bool:
    from iwgplan.plan.rules import OWN_KEYS

    lists = {e.key for e in change.lists}
    return (
        _items_loc(change.loc)
        and set(change.set) <= OWN_KEYS
        and set(change.remove) <= OWN_KEYS
        and set(change.append) <= OWN_KEYS
        and lists <= OWN_KEYS
        and not any(e.source for e in change.lists)
        and not change.set_list
        and not change.set_texts
    )


def _held_at(
    text: str, first: int, key_col: int, loc: Loc, clean: dict[tuple[int, str], tuple[int, int]] | None = None
) -> bool:
    """Whether the list that holds the entry whose first key is at ``first`` is the value of
    a key at column ``key_col`` named as ``loc`` says (`action_points:`, `items:`,
    `children:`): the nearest such key line before it, with no line between that stands at
    its column or left of it (an entry's dash may, in a list indented as its key).

    ``clean`` (one per text) keeps, for each column and name, the last key line found and how
    far after it no such line stands: an entry further on in the same list is then held by it
    when no such line stands between the two entries (a key line would be one), so that the
    entries of one list, however many, look at its lines once in all."""
    name = str(loc[-2])
    line = text.rfind("\n", 0, first)
    between = _between(key_col)
    known = clean.get((key_col, name)) if clean is not None else None
    if known is not None and known[1] <= line and between.search(text, known[1], line + 1) is None:
        at = known[0]
    else:
        at = text.rfind(f"\n{' ' * key_col}{name}:", 0, line + 1)
        if at < 0 or between.search(text, at + 1, line + 1) is not None:
            return False
    if clean is not None:
        clean[(key_col, name)] = (at, line)
    return True


def _between(key_col: int) -> re.Pattern[str]:
    """A line break before a line that stands at column ``key_col`` or left of it (a dash may
    stand at the column itself). The spaces are taken possessively: a line indented past the
    column fails at once, with no backtracking (the lines of a plan's entries all are)."""
    found = _BETWEEN.get(key_col)
    if found is None:
        found = re.compile(rf"\n {{0,{key_col}}}+(?:[^- \r\n#]|(?<! {{{key_col}}})-)")
        _BETWEEN[key_col] = found
    return found


_BETWEEN: dict[int, re.Pattern[str]] = {}


def eligible(changes: list[Change]) -> bool:
    """Whether :func:`edit` can make these changes: each to an action point's own keys."""
    return bool(changes) and all(_own(change) for change in changes)


def _at(data: Any, loc: Loc) -> Any:
    """What ``loc`` names in data, or in a model (whose keys are attributes)."""
    for part in loc:
        if isinstance(data, list) and isinstance(part, int):
            data = data[part]
        else:
            data = data[part] if isinstance(data, dict) else getattr(data, str(part))
    return data


def edit(text: str, changes: list[Change], warm: Warm) -> Result | None:
    """The edit made on the changed items' lines alone, checked as the whole plan would be;
    None whenever that is not plainly the same (the caller then works on the whole text)."""
    if not eligible(changes):
        return None
    from pydantic import ValidationError

    from iwgplan.plan.model import ActionPoint
    from iwgplan.plan.rules import item_problems

    positions = warm.positions
    shift = mark_shift(text)
    clean: dict[tuple[int, str], tuple[int, int]] = {}

    def span_of(loc: Loc) -> tuple[int, int, int] | None:
        """The cached span at ``loc``, when the lines there are the ones its digest names (the
        item's own lines, as the read that cached the plan found them) in the list ``loc``
        names; else None."""
        n = positions.index(loc_key(loc))
        if n is None:
            return None
        span = positions.starts[n], positions.ends[n], positions.cols[n]
        if not all(type(number) is int for number in span) or not 0 <= span[0] < span[1] <= len(text):
            return None
        if positions.digests[n] != entry_digest(text, span[0] + shift, span[1] + shift):
            return None  # not the lines the item had: positions that do not match these bytes
        if not _held_at(text, span[0] + shift, span[2], loc, clean):
            return None
        return span

    try:
        # the old lines are known by their digest; the new ones are parsed, and checked below
        done = splice_entries(text, changes, span_of, None, strict=True)
        if done is None:
            return None
        # the cached data with the changes: what each changed item's new lines must give
        expected = expected_data(warm.data, changes)
        held = changes_by_entry(changes, [entry.loc for entry in done.entries])
    except (LookupError, TypeError, ValueError):  # pragma: no cover - cached data not shaped as the plan
        return None
    dumps = []
    for entry in done.entries:
        try:
            model = ActionPoint.model_validate(entry.data)
        except ValidationError:
            return None
        dump = _dump(model)
        if dump != _at(expected, entry.loc):
            return None  # not the item the cache holds, with the changes: the whole text says why
        for change in held[entry.loc]:
            at = _at(model, change.loc[len(entry.loc) :])
            if item_problems(at, change.loc, warm.earliest, warm.schema_version):
                return None
        dumps.append(dump)
    try:
        moved = _moved(done.text, positions, done.entries)
    except (LookupError, TypeError, ValueError):  # pragma: no cover - positions not of our making
        return None
    swaps = sorted(zip(done.entries, dumps, strict=True), key=lambda swap: swap[0].start)
    payload = _spliced(warm.payload, [(_at(warm.data, entry.loc), dump) for entry, dump in swaps])
    for entry, dump in swaps:
        _at(warm.data, entry.loc[:-1])[entry.loc[-1]] = dump
    return Result(done.text, warm.data, moved, payload)


def _spliced(payload: bytes | None, swaps: list[tuple[Any, Any]]) -> bytes | None:
    """The cached JSON with each old item's JSON replaced by its new item's: what encoding the
    new data whole gives, as compact JSON is made of its values' own JSON. None (encode it
    whole) unless each old item's JSON is found exactly once, and no two of them overlap: an
    item's JSON is found at least at its own place, so once is there.

    Each item is looked for twice over the whole payload when there are few; with more (a `done`
    of 400 ids), the payload's ids are counted in one pass instead: an item's JSON holds its id,
    so an id found once means its JSON is found at most once, and the items are then found in
    the order of the file, each after the one before (one pass in all)."""
    if payload is None:
        return None
    encoded = [(cache.encode(old), cache.encode(new), old) for old, new in swaps]
    cuts = []
    if len(encoded) <= _FEW_SWAPS:
        for was, new, _ in encoded:
            at = payload.find(was)
            if at < 0 or payload.find(was, at + 1) >= 0:
                return None
            cuts.append((at, at + len(was), new))
    else:
        counts = Counter(_ID.findall(payload))
        last = 0
        for was, new, old in encoded:  # in the order of the file (edit() sorts them)
            ident = old.get("id") if isinstance(old, dict) else None
            if not isinstance(ident, str) or counts.get(ident.encode("ascii", "replace")) != 1:
                return None
            at = payload.find(was, last)
            if at < 0:
                return None
            cuts.append((at, at + len(was), new))
            last = at + len(was)
    parts, last = [], 0
    for start, end, new in sorted(cuts):
        if start < last:
            return None
        parts += [payload[last:start], new]
        last = end
    parts.append(payload[last:])
    return b"".join(parts)


_FEW_SWAPS = 8
_ID = re.compile(rb'"id":"([^"\\]*)"')


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", exclude_defaults=True)


def _moved(new_text: str, positions: ItemSpans, entries: list[EntryEdit]) -> dict[str, Any]:
    """The positions in the new text: moved by the splices before them; those of the changed
    items and of the sub-points inside them as the new lines put them, with the digests of
    their new lines."""
    from bisect import bisect_right

    shift = mark_shift(new_text)  # a BOM stays where it is
    entries = sorted(entries, key=lambda e: e.start)
    bounds = [e.end - shift for e in entries]  # an offset at or past an entry's end moves
    totals, total = [], 0
    for e in entries:
        total += len(e.new) - (e.end - e.start)
        totals.append(total)

    def moved(at: Any) -> Any:
        """An offset (a mark) outside the changed entries, in the new text."""
        return at + totals[n - 1] if (n := bisect_right(bounds, at)) else at

    def move(offsets: list[Any]) -> list[Any]:
        if len(entries) == 1:
            bound, by = bounds[0], totals[0]
            return [at + by if at >= bound else at for at in offsets]
        return [moved(at) for at in offsets]

    was_starts, was_ends = positions.starts, positions.ends
    if len(entries) > 1 and was_starts == sorted(was_starts):
        # in the order item_spans records them: moved a run at a time, and an item that holds
        # no changed entry ends as far on as it starts (those that do are moved below)
        starts = _in_order(was_starts, bounds, totals)
        ends = [end + to - at for end, to, at in zip(was_ends, starts, was_starts, strict=True)]
    else:
        starts, ends = move(was_starts), move(was_ends)
    cols, digests = list(positions.cols), positions.digests[:]
    changed: list[int] = []

    def put(key: str, first: int, end: int, col: int) -> None:
        n = positions.index(key)
        if n is None:
            raise LookupError(key)  # a sub-point the cached positions do not have
        starts[n], ends[n], cols[n] = first, end, col
        changed.append(n)

    for e in entries:
        key = loc_key(e.loc)
        n = positions.index(key)
        if n is None:
            raise LookupError(key)  # pragma: no cover - span_of found it
        ends[n] = moved(was_ends[n])  # where the item ends now: moved as an offset at its end
        put(key, was_starts[n] + e.at - e.start, ends[n], positions.cols[n])
        _children(put, key, e.data, e, ends[n] + shift, shift)
        while (cut := key.rfind("/children/")) >= 0:  # the points that hold it: their lines changed too
            key = key[:cut]
            n = positions.index(key)
            if n is None:
                raise LookupError(key)  # pragma: no cover - a sub-point's point has its span
            ends[n] = moved(was_ends[n])
            changed.append(n)
    for n in set(changed):
        digests[n] = entry_digest(new_text, starts[n] + shift, ends[n] + shift)
    return positions.entry(starts, ends, cols, digests)


def _in_order(offsets: list[int], bounds: list[int], totals: list[int]) -> list[int]:
    """Offsets in ascending order, moved as :func:`_moved` moves them: each run between two
    bounds by the same amount (an offset at or past a bound moves by the total up to it)."""
    from bisect import bisect_left

    cuts = [bisect_left(offsets, bound) for bound in bounds]
    out = offsets[: cuts[0]]
    for by, low, high in zip(totals, cuts, [*cuts[1:], len(offsets)], strict=True):
        out += [at + by for at in offsets[low:high]]
    return out


def _children(put: Any, key: str, item: Any, e: EntryEdit, outer_end: int, shift: int) -> None:
    """The spans of the sub-points in a changed item's new lines (parsed alone); one that ends
    where the lines end ends where the item itself does, at the next token after it."""
    kids = item.get("children") if isinstance(item, dict) else None
    for i, child in enumerate(kids if isinstance(kids, list) else ()):
        here = f"{key}/children/{i}"
        span = e.spans.get(id(child))
        if span is None:
            continue
        first, end, col = span
        put(here, e.at + first - shift, (outer_end if end >= len(e.new) else e.at + end) - shift, col)
        _children(put, here, child, e, outer_end, shift)
