"""Positions in a plan's text: the node tree composed (whole, or only along the paths an edit
needs), a pydantic ``loc`` walked through it, and the 1-based line and column it lands on.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iwgplan.errors import Loc
from iwgplan.files.yaml_loader import MAP_TAG, SEQ_TAG, AliasFound, Span, StrictLoader, mark_shift, no_gc


def compose(text: str) -> Node | None:
    """The node tree of a document that is known to parse; used for positions and edits."""
    loader = StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def compose_paths(text: str, locs: Iterable[Loc]) -> Node | None:
    """The node tree of a valid plan, in full only under ``locs`` (the items being edited).

    On the way to them every key is a real node; anything off those paths is a node with its
    kind, style and marks but no content. So an edit holds a few nodes, not the whole tree (on
    a 10,000-item plan the tree takes four times the memory of the data). The text must load
    (no aliases): this is for splicing, after the plan was checked.
    """
    wanted: dict[Any, Any] = {}
    for loc in locs:
        node = wanted
        for part in loc:
            node = node.setdefault(part, {})
        node[_ALL] = True
    loader = StrictLoader(text)
    try:
        with no_gc():
            loader.get_event()  # the stream's start
            if not loader.check_event(yaml.DocumentStartEvent):
                return None
            loader.get_event()
            return _compose(loader, wanted)
    finally:
        loader.dispose()


_ALL: Any = object()


def _compose(loader: StrictLoader, wanted: dict[Any, Any] | None) -> Node:
    """One node from the events, as PyYAML's composer builds it; ``wanted`` None: no content."""
    event: Any = loader.get_event()
    kind = event.__class__
    if kind is yaml.ScalarEvent:
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    is_map = kind is yaml.MappingStartEvent
    tag = event.tag
    if tag is None or tag == "!":
        tag = MAP_TAG if is_map else SEQ_TAG
    node: MappingNode | SequenceNode = (MappingNode if is_map else SequenceNode)(
        tag, [], event.start_mark, None, flow_style=event.flow_style
    )
    end = yaml.MappingEndEvent if is_map else yaml.SequenceEndEvent
    if wanted is None:  # skip the content: count the nesting down to this node's end
        depth = 1
        while depth:
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node.end_mark = event.end_mark
        return node
    everything = _ALL in wanted
    index = 0
    while not loader.check_event(end):
        if is_map:
            key = _compose(loader, {_ALL: True})
            below = wanted if everything else wanted.get(key.value)
            node.value.append((key, _compose(loader, below)))
        else:
            below = wanted if everything else wanted.get(index)
            node.value.append(_compose(loader, below))
            index += 1
    closing: Any = loader.get_event()
    node.end_mark = closing.end_mark
    return node


@dataclass(frozen=True, slots=True)
class Found:
    node: Node
    key: Node | None  # the key node when the last step was a mapping key
    complete: bool  # False when the walk stopped at a parent (a missing key, say)


Keys = dict[int, dict[str, tuple[Node, Node]]]


def _keys(node: MappingNode, cache: Keys | None) -> dict[str, tuple[Node, Node]]:
    """A mapping node's text keys to (key, value), the first of equal keys winning; built once
    per node when ``cache`` is given (one per tree), so locating many problems stays linear."""
    keys = cache.get(id(node)) if cache is not None else None
    if keys is None:
        keys = {}
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                keys.setdefault(k.value, (k, v))
        if cache is not None:
            cache[id(node)] = keys
    return keys


def find(root: Node, loc: Loc, cache: Keys | None = None) -> Found:
    """Walk a pydantic-style ``loc`` through a node tree, skipping parts it cannot match.

    ``cache`` (a dict kept with the tree) holds each mapping's keys once it has been looked in.
    """
    node, key = root, None
    for part in loc:
        if isinstance(node, MappingNode) and isinstance(part, str):
            match = _keys(node, cache).get(part)
            if match is None:
                return Found(node, None, False)
            key, node = match
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return Found(node, None, False)
            node, key = node.value[part], None
        # anything else is a pydantic internal (a union member, a validator name): skip it
    return Found(node, key, True)


class Locator:
    """Maps locs to 1-based (line, column), composing the document once, on first use."""

    def __init__(self, text: str, root: Node | None = None) -> None:
        self._text = text
        self._root = root
        self._composed = root is not None
        self._keys: Keys = {}  # the tree's mapping keys, by node, as find() needs them

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        if not self._composed:
            self._composed = True
            try:
                self._root = compose(self._text)
            except (yaml.YAMLError, AliasFound, RecursionError):
                self._root = None
        if self._root is None:
            return 1, 1
        found = find(self._root, loc, self._keys)
        node = found.key if (at_key and found.key is not None) else found.node
        return node.start_mark.line + 1, node.start_mark.column + 1


# Where each action point stands in a plan's text, kept in the validated-plan cache beside its
# data (cache.POSITIONS) so that an edit of a plan the cache holds need not parse the whole text.
# Flat, in the order item_spans walks the data (every action point, then its sub-points): the
# items' loc keys (`tiers/0/focus_areas/1/action_points/3`) in one string, one a line, and the
# Spans the parse recorded as three lists of numbers, and the digest of each item's text as that
# parse found it (entry_digest), so that an edit knows the lines it cuts at a span are the very
# lines that were that item, without parsing and validating them again: the digests as one hex
# string (pack_digests), which JSON reads and writes whole. Loading them is two strings and three
# lists of numbers (no object a key); an edit moves them with one pass over two lists.
def loc_key(loc: Loc) -> str:
    return "/".join(map(str, loc))


def entry_digest(text: str, start: int, end: int) -> int:
    """The digest of ``text[start:end]`` kept with an item's span (CRC-32 of its UTF-8): it
    tells the item's own lines from lines at a span that went stale or was forged, which then
    edit through the whole text. Offsets in ``text`` (a span's marks, moved past a BOM)."""
    return zlib.crc32(text[start:end].encode("utf-8", "surrogatepass"))


def pack_digests(digests: Iterable[int]) -> str:
    """Digests as the positions entry keeps them: their 32-bit words in hex, in this machine's
    byte order (another machine's entry then matches no lines, and its edits go the whole way)."""
    return array(_WORD, digests).tobytes().hex()


_WORD = "I" if array("I").itemsize >= 4 else "L"  # a type of array that holds a CRC-32


def unpack_digests(packed: Any) -> array[int] | None:
    """:func:`pack_digests` read back, or None for anything else."""
    try:
        return array(_WORD, bytes.fromhex(packed)) if isinstance(packed, str) else None
    except ValueError:  # not hex, or not a whole number of words
        return None


_ITEMS = (("tiers", "focus_areas", "action_points"), ("sections", "items"))


def item_spans(data: Any, spans: dict[int, Span], text: str) -> dict[str, Any]:
    """The Span of every action point and sub-point of a valid plan's data parsed from
    ``text``, as the cache keeps them: ``{"keys": "key\nkey...", "starts": [...], "ends": [...],
    "cols": [...], "digests": "hex"}``."""
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cols: list[int] = []
    get = spans.get

    def items(entries: Any, key: str) -> None:
        if not isinstance(entries, list):
            return
        for i, entry in enumerate(entries):
            span = get(id(entry))
            here = f"{key}/{i}"
            if span is not None:
                keys.append(here)
                starts.append(span[0])
                ends.append(span[1])
                cols.append(span[2])
            if isinstance(entry, dict) and "children" in entry:
                items(entry["children"], here + "/children")

    def walk(node: Any, path: tuple[str, ...], key: str) -> None:
        if len(path) == 1:
            items(node, f"{key}/{path[0]}" if key else path[0])
            return
        for i, child in enumerate(node if isinstance(node, list) else ()):
            if isinstance(child, dict):
                walk(child.get(path[1]), path[1:], f"{key}/{path[0]}/{i}" if key else f"{path[0]}/{i}")

    for path in _ITEMS:
        if isinstance(data, dict):
            walk(data.get(path[0]), path, "")
    shift = mark_shift(text)
    digests = pack_digests(
        entry_digest(text, a + shift, b + shift) for a, b in zip(starts, ends, strict=True)
    )
    return {"keys": "\n".join(keys), "starts": starts, "ends": ends, "cols": cols, "digests": digests}


class ItemSpans:
    """The positions entry (:func:`item_spans`) as read back: a loc key's index and span."""

    __slots__ = ("_blob", "_map", "_seen", "cols", "digests", "ends", "starts")

    def __init__(
        self, keys: str, starts: list[Any], ends: list[Any], cols: list[Any], digests: array[int]
    ) -> None:
        self._blob = f"\n{keys}\n"
        self.starts, self.ends, self.cols, self.digests = starts, ends, cols, digests
        self._map: dict[str, int] | None = None
        self._seen = 0

    @classmethod
    def of(cls, entry: Any) -> ItemSpans | None:
        """The entry's positions, or None for anything not shaped as :func:`item_spans` makes
        them (the numbers themselves are checked where they are used)."""
        if not isinstance(entry, dict):
            return None
        names = ("keys", "starts", "ends", "cols", "digests")
        keys, starts, ends, cols, packed = (entry.get(name) for name in names)
        if not (isinstance(keys, str) and isinstance(starts, list) and isinstance(ends, list)):
            return None
        digests = unpack_digests(packed)
        if not isinstance(cols, list) or digests is None:
            return None
        count = keys.count("\n") + 1 if keys else 0
        if not len(starts) == len(ends) == len(cols) == len(digests) == count:
            return None
        return cls(keys, starts, ends, cols, digests)

    def index(self, key: str) -> int | None:
        """Where ``key`` stands in the lists (the first such key), or None. A few keys are
        found in the string; past them, a map of every key is built once."""
        if self._map is None and self._seen < 8:
            self._seen += 1
            at = self._blob.find(f"\n{key}\n")
            return self._blob.count("\n", 0, at) if at >= 0 else None
        if self._map is None:
            self._map = {}
            for n, name in enumerate(self._blob[1:-1].split("\n")):
                self._map.setdefault(name, n)
        return self._map.get(key)

    def entry(
        self, starts: list[Any], ends: list[Any], cols: list[Any], digests: array[int]
    ) -> dict[str, Any]:
        """The entry for the same keys at new spans (and digests of their lines)."""
        packed = pack_digests(digests)
        return {"keys": self._blob[1:-1], "starts": starts, "ends": ends, "cols": cols, "digests": packed}
