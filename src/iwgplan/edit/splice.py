"""Minimal-diff edits of a plan's text: splice only the changed values at their node positions.

The person's file is never dumped again. Each change is located in the node tree that
``yaml.compose`` gives, spliced in reverse order, and the result is parsed again and compared
with the intended change: if anything else moved, nothing is written.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iwgplan.errors import IwgplanError, Loc, PlanInvalid
from iwgplan.files.positions import compose_paths
from iwgplan.files.yaml_loader import Span, mark_shift, parse, unsplittable

_PLAIN_SAFE = re.compile(r"[A-Za-z\u00c0-\uffff(][^:#\n\r\t\"'\[\]{},&*!|>%@`?]*")
# Characters YAML treats as line breaks or will not read raw inside a double-quoted scalar;
# C0 controls are escaped by json.dumps already, and are listed so that they are never plain.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_BREAK = re.compile("[\r\n]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?")  # a day or a month
_RESERVED = re.compile(r"(?i:y|n|yes|no|on|off|true|false|null|~)\Z|[-+]?[0-9.]|\.(?i:inf|nan)\Z")


class EditError(IwgplanError):
    pass


class Refused(IwgplanError):
    """An edit refused before any text changed, at ``loc`` in the file as it is on disk (where
    the edit would go), so the message can name the file's own line and column."""

    def __init__(self, message: str, loc: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.loc = loc


@dataclass(slots=True)
class Change:
    """What to do to one action point, given by its loc in the plan."""

    loc: Loc
    set: dict[str, str | int] = field(default_factory=dict)  # key -> new scalar value
    remove: list[str] = field(default_factory=list)  # keys to delete
    append: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # list key -> entries
    lists: list[ListEdit] = field(default_factory=list)  # entries inserted, rewritten or removed
    set_list: dict[str, list[str]] = field(default_factory=dict)  # key -> a new list of text
    set_texts: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {en: ..., fr: ...}


@dataclass(frozen=True, slots=True)
class ListEdit:
    """One entry of a list key: inserted before ``index``, or the entry at ``index`` replaced or removed.

    Indices count entries of the list as the file has it before the change.
    """

    key: str
    index: int
    entry: dict[str, Any] | None = None  # None with replace: remove the entry
    replace: bool = False
    source: tuple[str, ...] = ()  # an entry's own lines, moved from elsewhere in the file
    source_dash: int = 0  # the column of the dash in ``source``


def scalar(value: str) -> str:
    """A YAML scalar for text we write: plain when unambiguous, else double-quoted."""
    if _DAY.fullmatch(value):
        return value  # iwgplan reads YAML 1.2: a plain date stays text
    if (
        _PLAIN_SAFE.fullmatch(value)
        and not _RESERVED.match(value)
        and value == value.strip()
        and " #" not in value
        and not _ESCAPE.search(value)
    ):
        return value
    return _ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))


def day(value: date) -> str:
    return value.isoformat()


class _Doc:
    """The text with its node tree, its line ending and a list of pending splices."""

    def __init__(self, text: str, root: Node | None = None, locs: list[Loc] | None = None) -> None:
        self.text = text
        root = root if root is not None else compose_paths(text, locs or [()])
        if not isinstance(root, MappingNode):
            raise EditError("the plan's top level is not a mapping")
        self.root: MappingNode | SequenceNode = root
        self.nl = _line_ending(text)
        self.shift = mark_shift(text)
        self.splices: list[tuple[int, int, int, str]] = []  # start, end, order, new text
        self.key_col = 0  # the column of the keys of the mapping that holds ``root``
        self.lines_before = 0  # the lines of the file before ``text``

    @classmethod
    def entry(cls, text: str, root: SequenceNode, nl: str, key_col: int, lines_before: int) -> _Doc:
        """The lines of one list entry (``root`` holds it alone), cut from a file whose line
        break is ``nl``, whose list is held by a mapping with keys at ``key_col``."""
        doc = cls.__new__(cls)
        doc.text, doc.root, doc.nl, doc.shift, doc.splices = text, root, nl, 0, []
        doc.key_col, doc.lines_before = key_col, lines_before
        return doc

    def offset(self, node: Node, end: bool = False) -> int:
        mark = node.end_mark if end else node.start_mark
        return mark.index + self.shift

    def line_end(self, offset: int) -> int:
        """The offset of the line break (LF, CRLF or CR) that ends the line holding ``offset``."""
        cut = _BREAK.search(self.text, offset)
        return cut.start() if cut else len(self.text)

    def line_start(self, offset: int) -> int:
        return max(self.text.rfind("\n", 0, offset), self.text.rfind("\r", 0, offset)) + 1

    def line_no(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.lines_before

    def node_at(self, loc: Loc) -> MappingNode:
        node: Node = self.root
        for part in loc:
            if isinstance(node, MappingNode) and isinstance(part, str):
                node = next(v for k, v in node.value if k.value == part)
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                node = node.value[part]
            else:  # pragma: no cover - locs come from the index of this very text
                raise EditError(f"cannot find {loc} in the plan text")
        if not isinstance(node, MappingNode) or node.flow_style:
            raise EditError("only items written in block style can be edited; unfold the item first")
        return node

    def last_offset(self, node: Node) -> int:
        """An offset on the last line of a node's own content.

        The end mark of a block collection or a block scalar runs on over the blank lines and
        comments that follow it, which belong to whatever comes next. Only a block scalar that
        keeps its final line breaks (``|+``, ``>+``) owns the blank lines after its text.
        """
        while isinstance(node, MappingNode | SequenceNode) and node.value and not node.flow_style:
            last = node.value[-1]
            node = last[1] if isinstance(node, MappingNode) else last
        start, end = self.offset(node), self.offset(node, end=True)
        if isinstance(node, ScalarNode) and node.style in ("|", ">") and _keeps(self.text, start):
            while end > start and self.text[end - 1] in " \t":
                end -= 1
            if end > start and self.text[end - 1] in "\r\n":
                end -= 2 if self.text.startswith("\r\n", end - 2) else 1
            return end
        while end > start and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def insert_lines(self, after: int, lines: list[str]) -> None:
        at = self.line_end(after)
        self.splice(at, at, "".join(self.nl + line for line in lines))

    def splice(self, start: int, end: int, new: str) -> None:
        self.splices.append((start, end, len(self.splices), new))

    def _settled(self) -> list[tuple[int, int, int, str]]:
        """Lines inserted after a list's last node, when that node's own lines are being removed
        (an item moved from the end of a nested list to the end of the list around it), go after
        the line before the removed ones: the same place once they are gone, and no overlap."""
        removed = [(s, e) for s, e, _, new in self.splices if e > s and not new]
        out = []
        for start, end, order, new in self.splices:
            if start == end:
                inside = [s for s, e in removed if s < start < e]
                if inside:
                    start = end = self._line_break_before(min(inside))
            out.append((start, end, order, new))
        return out

    def _line_break_before(self, at: int) -> int:
        if self.text.startswith("\r\n", at - 2):
            return at - 2
        return at - 1 if at > 0 and self.text[at - 1] in "\r\n" else at

    def apply(self) -> str:
        """The text with every splice, built once (not once per splice: 400 ids in one `done`
        would copy a large plan 400 times); at one offset the first registered comes first."""
        pieces, at = [], 0
        for start, end, _, new in sorted(self._settled()):
            if start < at:  # pragma: no cover - splices come from distinct nodes
                raise EditError("internal check failed: two edits overlap; nothing was written")
            pieces += [self.text[at:start], new]
            at = end
        pieces.append(self.text[at:])
        return "".join(pieces)


def _line_ending(text: str) -> str:
    """The file's line break: CRLF or LF when it has them, CR alone for old Mac files."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def _keeps(text: str, start: int) -> bool:
    """Whether the block scalar whose header starts at ``start`` keeps its final breaks (``+``)."""
    header = re.match(r"[|>][0-9+-]*", text[start:])
    return header is not None and "+" in header[0]


def _entry_lines(entry: dict[str, Any], dash_col: int, key_col: int, nest: int = 2) -> list[str]:
    """A mapping as a block list entry; lists of text as flow lists, lists of mappings as block
    lists indented by ``nest`` under their key."""
    lines = []
    for i, (key, value) in enumerate(entry.items()):
        lead = " " * dash_col + "- " + " " * (key_col - dash_col - 2) if i == 0 else " " * key_col
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{lead}{key}:")
            lines += [
                line for e in value for line in _entry_lines(e, key_col + nest, key_col + nest + 2, nest)
            ]
        else:
            lines.append(f"{lead}{key}: {_flow_value(value)}")
    return lines


def _flow_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return _flow_entry(value)
    return scalar(str(value))


def _flow_entry(entry: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_flow_value(v)}" for k, v in entry.items()) + "}"


def _set(doc: _Doc, item: MappingNode, key: str, value: str | int) -> None:
    """Replace a key's scalar in its own quoting style, or add the key after `status`."""
    raw = isinstance(value, int)  # numbers are written as they are
    text = str(value)
    pairs = {k.value: (k, v) for k, v in item.value}
    if key in pairs:
        node = pairs[key][1]
        if not isinstance(node, ScalarNode):
            raise EditError(
                f"{key!r} at line {doc.line_no(node)} is a list or mapping, not a single value;"
                " edit it by hand"
            )
        start, end = doc.offset(node), doc.offset(node, end=True)
        quote = doc.text[start] if start < end else ""
        if node.style in ("|", ">"):  # a block scalar: replace its header and text, keep the breaks
            end, quote = doc.last_offset(node), ""
        if raw:
            new = text
        elif quote == '"':
            new = _ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))
        elif quote == "'" and not _ESCAPE.search(text):
            new = "'" + text.replace("'", "''") + "'"
        else:
            new = scalar(text)
        if start == end and node.style in ("", None):  # an empty value: `completed:`
            new = " " + new
        doc.splice(start, end, new)
        return
    anchor = pairs.get("status") or item.value[-1]
    col = item.value[0][0].start_mark.column
    doc.insert_lines(doc.last_offset(anchor[1]), [f"{' ' * col}{key}: {text if raw else scalar(text)}"])


def _remove(doc: _Doc, item: MappingNode, key: str) -> None:
    """Delete a key's lines; a key on the dash line hands the dash to the key that follows."""
    for i, (k, v) in enumerate(item.value):
        if k.value != key:
            continue
        start = doc.line_start(doc.offset(k))
        end = doc.line_end(doc.last_offset(v))
        if doc.text[start : doc.offset(k)].strip():  # `- completed: ...`: the dash stays
            if i + 1 == len(item.value):
                raise EditError(f"{key!r} at line {doc.line_no(k)} is the item's only key")
            following = item.value[i + 1][0]
            between = doc.text[end : doc.line_start(doc.offset(following))]
            if between.strip():
                raise EditError(
                    f"{key!r} at line {doc.line_no(k)} is on the dash line and a comment follows"
                    " it; move the key off the dash line by hand"
                )
            doc.splice(doc.offset(k), doc.offset(following), "")
            return
        before = len(doc.nl) if doc.text.startswith(doc.nl, start - len(doc.nl)) and start else 0
        clear = all(e <= start - before or s >= end for s, e, _, _ in doc.splices)
        if before and clear:
            # the line with the break before it: a new key or entry that goes after this item's
            # last content line (the line removed here) then splices at ``end``, not inside
            doc.splice(start - before, end, "")
            return
        nl = len(doc.nl) if doc.text.startswith(doc.nl, end) else 0
        doc.splice(start, end + nl, "")
        return


def _append(
    doc: _Doc, item: MappingNode, key: str, entries: list[dict[str, str]], parent_key_col: int
) -> None:
    """Add entries to a list key: in its style if it has entries, as a block list otherwise."""
    col = item.value[0][0].start_mark.column
    dash = col + max(col - parent_key_col - 2, 0)  # how this file indents a list under its key
    if item is doc.root:  # a new top-level list (`meetings:`) as the file indents its others
        dash = next((v.start_mark.column for _, v in item.value if _block_list(v)), dash)
    block = [line for e in entries for line in _entry_lines(e, dash, dash + 2)]
    pairs = {k.value: (k, v) for k, v in item.value}
    if key not in pairs:
        doc.insert_lines(_new_key_offset(doc, item), [f"{' ' * col}{key}:", *block])
        return
    key_node, seq = pairs[key]
    if isinstance(seq, SequenceNode) and not seq.value:  # `history: []` becomes a block list
        doc.splice(doc.offset(key_node, end=True), doc.offset(seq, end=True), ":")
        doc.insert_lines(doc.offset(key_node), block)
    elif not isinstance(seq, SequenceNode):
        raise EditError(f"{key!r} at line {doc.line_no(seq)} is not a list; fix it by hand")
    elif seq.flow_style:  # after the last entry, so that a trailing comma stays where it is
        at = doc.offset(seq.value[-1], end=True)
        doc.splice(at, at, "".join(", " + _flow_entry(e) for e in entries))
    else:
        lines = [line for e in entries for line in _seq_entry_lines(seq, e)]
        doc.insert_lines(doc.last_offset(seq), lines)


def _block_list(node: Node) -> bool:
    return isinstance(node, SequenceNode) and not node.flow_style and bool(node.value)


def _new_key_offset(doc: _Doc, item: MappingNode) -> int:
    """Where a new key goes: before `children:` (whose lines may change too), else at the end."""
    before_children = None
    for k, v in item.value:
        if k.value == "children":
            break
        before_children = v
    return doc.last_offset(before_children if before_children is not None else item)


def _parent_key_col(doc: _Doc, loc: Loc) -> int:
    """The column of the key whose list holds the item (``action_points:``, ``children:``)."""
    node: Node = doc.root
    col = doc.key_col
    for part in loc[:-1]:
        if isinstance(node, MappingNode) and isinstance(part, str):
            key, node = next((k, v) for k, v in node.value if k.value == part)
            col = key.start_mark.column
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            node = node.value[part]
    return col


def _refuse_undecodable(change: Change) -> None:
    """Bytes that were not UTF-8 in a command-line argument reach Python as lone surrogates."""
    values = [(k, v) for k, v in change.set.items()]
    values += [(k, v) for entries in change.append.values() for e in entries for k, v in e.items()]
    values += [(k, v) for edit in change.lists for k, v in (edit.entry or {}).items()]
    values += [(k, v) for k, texts in change.set_texts.items() for v in texts.values()]
    for key, value in values:
        bad = _SURROGATE.search(value) if isinstance(value, str) else None
        if bad:
            byte = ord(bad[0]) - 0xDC00 if 0xDC80 <= ord(bad[0]) <= 0xDCFF else None
            what = f"byte 0x{byte:02x}" if byte is not None else f"U+{ord(bad[0]):04X}"
            raise EditError(
                f"the {key} given is not valid UTF-8 ({what} at character {bad.start() + 1});"
                " nothing was written"
            )


@dataclass(slots=True)
class Edited:
    text: str
    data: Any  # the new text, parsed: what the plan is checked against before it is written


def apply_changes(
    text: str,
    changes: list[Change],
    *,
    tree: list[Node | None] | None = None,
    data: Any = None,
    spans: dict[int, Span] | None = None,
) -> Edited:
    """Splice every change into the text; raise EditError if the result differs elsewhere.

    ``data`` is the text's data when the caller already has it. ``tree``, when given, is a
    one-item list holding the text's node tree, which this takes out of the list, so that the
    tree is freed before the result is parsed (the caller keeps no reference to it); without it
    the tree is composed here. ``spans`` (with ``data``, as :func:`parse` recorded them) let
    the edit work on the changed entries' lines alone: see :func:`_by_entries`.
    """
    for change in changes:
        _refuse_undecodable(change)
    if spans and data is not None and not tree:
        edited = _by_entries(text, changes, data, spans)
        if edited is not None:
            return edited
    doc = _Doc(text, tree.pop() if tree else None, [change.loc for change in changes])
    _splice_all(doc, changes)
    new_text = doc.apply()
    del doc
    expected = expected_data(data if data is not None else parse(text).data, changes)
    new = parse(new_text)
    if new.problems or new.data != expected:
        raise EditError(
            "internal check failed: the edit would change more than the item it names, so"
            " nothing was written; please report this with the plan file"
        )
    return Edited(new_text, new.data)


def _splice_all(doc: _Doc, changes: list[Change]) -> None:
    for change in changes:
        item = doc.node_at(change.loc)
        for key, value in change.set.items():
            _set(doc, item, key, value)
        for key in change.remove:
            _remove(doc, item, key)
        for key, entries in change.append.items():
            _append(doc, item, key, entries, _parent_key_col(doc, change.loc))
        for edit in change.lists:
            _list_edit(doc, item, edit, _parent_key_col(doc, change.loc))
        for key, values in change.set_list.items():
            _set_list(doc, item, key, values)
        for key, texts in change.set_texts.items():
            _set_texts(doc, item, key, texts)


# A block scalar that keeps its final line breaks: its value would take in the blank lines
# after the entry, which an entry's lines parsed alone may not end with as the file does.
_KEEP = re.compile(r"[|>][0-9]?\+")


def _by_entries(text: str, changes: list[Change], data: Any, spans: dict[int, Span]) -> Edited | None:
    """The edit made on the lines of the list entries that hold the changes, each composed,
    spliced and parsed again alone; None whenever that is not plainly the same as working on
    the whole text, and the caller then does (an entry not recorded, a dash not on the line of
    the entry's first key, a line break other than LF and CRLF, a document marker, a block
    scalar that keeps its breaks, an edit the splicer refuses, a result that does not parse
    alone to the intended data).

    Why an entry's lines can stand alone: a block list entry starts with its dash at column
    d and ends where the next token stands at column d or less, so everything in it is
    indented more than d and its parse does not depend on the text around it; the text
    outside the entries is copied as it is. So when each new entry parses alone to the data
    intended for it, the whole new text parses to the intended data, without parsing it.
    """

    def span_of(loc: Loc) -> Span | None:
        node = data
        for part in loc:
            node = node[part]
        return spans.get(id(node))

    expected = expected_data(data, changes)

    def want_of(loc: Loc, old: str) -> Any:
        want: Any = expected
        for part in loc:
            want = want[part]
        return want

    done = splice_entries(text, changes, span_of, want_of)
    return Edited(done.text, expected) if done is not None else None


@dataclass(slots=True)
class EntryEdit:
    """One list entry an edit changed: where it stood (``start``, ``end``: from its dash line
    to the line of the next token), its loc, its new lines, where they start in the new text,
    its new data (as parsed from them) and the spans of the entries inside that data, from the
    start of its new lines."""

    start: int
    end: int
    loc: Loc
    new: str
    at: int
    data: Any
    spans: dict[int, Span]


@dataclass(slots=True)
class Entries:
    text: str
    entries: list[EntryEdit]


def splice_entries(
    text: str,
    changes: list[Change],
    span_of: Any,
    want_of: Any,
    *,
    strict: bool = False,
) -> Entries | None:
    """The changes made on the lines of the list entries that hold them (see
    :func:`_by_entries`): ``span_of(loc)`` is where the entry at ``loc`` stands (its Span, or
    None), ``want_of(loc, old)`` the data its new lines must parse to (``old`` is its lines as
    they are; ``want_of`` None: the new lines must parse alone to one entry, whose data the
    caller checks itself, EntryEdit.data). ``strict``: the next token after an entry must
    stand at its dash's column or less, a check for spans that were not recorded from this
    very text. None whenever the entries cannot stand alone, and the caller then works on the
    whole text."""
    if unsplittable(text):
        return None
    shift = mark_shift(text)
    entries: list[tuple[int, int, Loc, int]] = []  # start, end, loc, key column
    for change in changes:
        span = span_of(change.loc) if change.loc else None
        if span is None:
            return None
        first, end, key_col = span[0] + shift, span[1] + shift, span[2]
        start = text.rfind("\n", 0, first) + 1
        if text[start:first].strip(" ") != "-" or text[text.rfind("\n", 0, end) + 1 : end].strip(" "):
            return None  # the dash is not on the first key's line; the next token is not first on its line
        if strict and end < len(text) and end - text.rfind("\n", 0, end) - 1 > text.index("-", start) - start:
            return None  # pragma: no cover - the next token is inside the entry: not its span
        entries.append((start, text.rfind("\n", 0, end) + 1 if end < len(text) else end, change.loc, key_col))
    entries.sort(key=lambda e: (e[0], -e[1]))
    outer: list[tuple[int, int, Loc, int]] = []
    for entry in entries:  # an entry inside another (a sub-point of a point) goes with it
        if outer and entry[0] < outer[-1][1]:
            if entry[1] > outer[-1][1] or entry[2][: len(outer[-1][2])] != outer[-1][2]:
                return None  # pragma: no cover - entries nest as their locs do
            continue
        if outer and entry[0] == outer[-1][0]:
            return None  # pragma: no cover - two entries at one place
        outer.append(entry)
    nl = _line_ending(text)
    pieces, at, size, lines = [], 0, 0, 0
    done: list[EntryEdit] = []
    held = changes_by_entry(changes, [loc for _, _, loc, _ in outer])
    for start, end, loc, key_col in outer:
        old = text[start:end]
        lines += text.count("\n", at, start)  # the lines before the entry, counted once in all
        local = [dataclasses.replace(c, loc=(0, *c.loc[len(loc) :])) for c in held[loc]]
        try:
            root = compose_paths(old, [c.loc for c in local])
            if not isinstance(root, SequenceNode) or len(root.value) != 1:
                return None
            doc = _Doc.entry(old, root, nl, key_col, lines)
            _splice_all(doc, local)
            new = doc.apply()
        except (EditError, yaml.YAMLError):
            return None  # the whole text says it, with the same words
        if _KEEP.search(old) or _KEEP.search(new):
            return None
        want = want_of(loc, old) if want_of is not None else None
        if want is None and want_of is not None:
            return None
        inner: dict[int, Span] = {}
        result = parse(new, spans=inner)
        parsed = result.data
        if want_of is None:  # the caller checks each entry's new data
            if result.problems or not isinstance(parsed, list) or len(parsed) != 1:
                return None
        elif parsed != [want]:
            return None
        pieces += [text[at:start], new]
        size += start - at
        done.append(EntryEdit(start, end, loc, new, size, parsed[0], inner))
        size += len(new)
        lines += old.count("\n")
        at = end
    pieces.append(text[at:])
    return Entries("".join(pieces), done)


def changes_by_entry(changes: list[Change], entries: list[Loc]) -> dict[Loc, list[Change]]:
    """The changes each entry holds (at its loc or under it), in the order given; every change
    is under one of ``entries``, which do not nest."""
    held: dict[Loc, list[Change]] = {loc: [] for loc in entries}
    for change in changes:
        for n in range(len(change.loc), 0, -1):
            found = held.get(change.loc[:n])
            if found is not None:
                found.append(change)
                break
    return held


def expected_data(data: Any, changes: list[Change]) -> Any:
    """The old data with the intended changes, copying only the containers on the way to them."""
    root = copy.copy(data)
    copied = {id(root)}
    targets = []
    for change in changes:  # find every target before any list changes under another's path
        node = root
        for part in change.loc:
            child = node[part]
            if id(child) not in copied:
                child = copy.copy(child)
                node[part] = child
                copied.add(id(child))
            node = child
        targets.append(node)
    for node, change in zip(targets, changes, strict=True):
        node.update(change.set)
        node.update(change.set_list)
        node.update(change.set_texts)
        for key in change.remove:
            node.pop(key, None)
        for key in {e.key for e in change.lists}:
            node[key] = expected_list(node.get(key) or [], [e for e in change.lists if e.key == key])
        for key, entries in change.append.items():
            node[key] = [*(node.get(key) or []), *entries]
    return root


def unified_diff(old: str, new: str, name: str, context: int = 3) -> str:
    """A unified diff that only compares the lines between the common head and tail."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    start = max(head - context, 0)
    a_mid, b_mid = a[start : len(a) - max(tail - context, 0)], b[start : len(b) - max(tail - context, 0)]
    out = [f"--- {name}\n", f"+++ {name}\n"]
    for group in difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False).get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{start + i1 + 1},{i2 - i1} +{start + j1 + 1},{j2 - j1} @@\n")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out += [" " + line for line in a_mid[x1:x2]]
                continue
            out += ["-" + line for line in a_mid[x1:x2]]
            out += ["+" + line for line in b_mid[y1:y2]]
    return "".join(line if line.endswith("\n") else line + "\n" for line in out) if len(out) > 2 else ""


def refuse_if_invalid(edited: Edited, shown: str, kept: list[tuple[Any, Any]] | None = None) -> None:
    """Refuse an edited plan that does not validate, with every located problem.

    ``kept`` (a one-item list, which this empties so that the caller holds no reference: the
    data the edit started from, and the plan validated from it) lets the
    entries the edit left as they were (the same objects in the new data) stand as their
    validated models: each model validates alone (its validators see only its own fields),
    so only what changed is validated again, then the containers around it and the plan's
    rules over the whole plan (issue 29: the second whole validation was a third of `done`).
    Any problem, or a check that reuses nothing, is validated again from the new data alone,
    so a refusal says what it always said."""
    from iwgplan.files.loading import check_data

    if kept:
        mixed, reused = _with_models(edited.data, *kept.pop())
        if reused:
            if check_data(mixed, edited.text, shown).plan is not None:
                return
        del mixed
    checked = check_data(edited.data, edited.text, shown)
    if checked.plan is None:
        raise PlanInvalid(checked.result, what="edited plan (nothing was written)")


# Where a plan's data holds the models that validate alone: its tiers, their focus areas, their
# action points (sub-points with them); its sections and their items.
_HOLDS = {"tiers": "focus_areas", "focus_areas": "action_points", "sections": "items"}


def _with_models(new: Any, old: Any, plan: Any) -> tuple[Any, int]:
    """``new`` with every tier, focus area, section and item it shares with ``old`` (the same
    object, as the edit copies only the containers on the way to its changes) replaced by the
    model ``plan`` validated from it; and how many were."""
    if not isinstance(new, dict) or not isinstance(old, dict) or plan is None:
        return new, 0
    out, reused = dict(new), 0
    for key in ("tiers", "sections"):
        mixed, n = _list_with_models(new.get(key), old.get(key), getattr(plan, key, None), key)
        if n:
            out[key], reused = mixed, reused + n
    return out, reused


def _list_with_models(new: Any, old: Any, models: Any, key: str) -> tuple[Any, int]:
    if not (isinstance(new, list) and isinstance(old, list) and isinstance(models, list)):
        return new, 0
    if len(old) != len(models):
        return new, 0  # pragma: no cover - a validated list is as long as its data
    where = {id(entry): i for i, entry in enumerate(old)}
    by_id: dict[object, int] | None = None
    out, reused = [], 0
    inner = _HOLDS.get(key)
    for entry in new:
        i = where.get(id(entry))
        if i is not None and old[i] is entry:
            out.append(models[i])
            reused += 1
            continue
        if inner is not None and isinstance(entry, dict):
            if by_id is None:  # the container this one was copied from has its id
                by_id = {c.get("id"): j for j, c in enumerate(old) if isinstance(c, dict)}
            j = by_id.get(entry.get("id"))
            if j is not None:
                mixed, n = _list_with_models(
                    entry.get(inner), old[j].get(inner), getattr(models[j], inner, None), inner
                )
                if n:
                    entry = {**entry, inner: mixed}
                    reused += n
        out.append(entry)
    return out, reused


def expected_list(old: list[Any], edits: list[ListEdit]) -> list[Any]:
    """A list after its ListEdits: inserts before their index in the order given, then the entry."""
    new: list[Any] = []
    for i in range(len(old) + 1):
        new += [e.entry for e in edits if e.index == i and not e.replace]
        if i == len(old):
            break
        change = next((e for e in edits if e.index == i and e.replace), None)
        if change is None:
            new.append(old[i])
        elif change.entry is not None:
            new.append(change.entry)
    return new


def _list_edit(doc: _Doc, item: MappingNode, edit: ListEdit, parent_key_col: int) -> None:
    pairs = {k.value: (k, v) for k, v in item.value}
    seq = pairs[edit.key][1] if edit.key in pairs else None
    size = len(seq.value) if isinstance(seq, SequenceNode) else 0
    if not edit.replace and edit.index >= size and edit.source and isinstance(seq, SequenceNode) and size:
        if seq.flow_style:
            raise EditError(f"{edit.key!r} at line {doc.line_no(seq)} is a flow list; move the item by hand")
        lines = _shifted(edit, seq.start_mark.column)
        doc.insert_lines(doc.last_offset(seq), lines)
        return
    if not edit.replace and edit.index >= size and edit.source:
        col = item.value[0][0].start_mark.column
        dash = col + max(col - parent_key_col - 2, 0)
        if isinstance(seq, SequenceNode):  # `key: []` becomes a block list
            key_node = pairs[edit.key][0]
            doc.splice(doc.offset(key_node, end=True), doc.offset(seq, end=True), ":")
            doc.insert_lines(doc.offset(key_node), _shifted(edit, dash))
        else:
            doc.insert_lines(_new_key_offset(doc, item), [f"{' ' * col}{edit.key}:", *_shifted(edit, dash)])
        return
    if not edit.replace and edit.index >= size:
        assert edit.entry is not None
        _append(doc, item, edit.key, [edit.entry], parent_key_col)
        return
    if not isinstance(seq, SequenceNode) or edit.index >= size:
        raise EditError(f"{edit.key!r} has no entry {edit.index + 1}")
    if seq.flow_style:
        _flow_list_edit(doc, seq, edit)
    else:
        _block_list_edit(doc, pairs[edit.key][0], seq, edit)


def _flow_list_edit(doc: _Doc, seq: SequenceNode, edit: ListEdit) -> None:
    node = seq.value[edit.index]
    start, end = doc.offset(node), doc.offset(node, end=True)
    if not edit.replace:
        doc.splice(start, start, _flow_entry(edit.entry or {}) + ", ")
    elif edit.entry is not None:
        doc.splice(start, end, _flow_entry(edit.entry))
    elif len(seq.value) == 1:
        doc.splice(doc.offset(seq), doc.offset(seq, end=True), "[]")
    elif edit.index + 1 < len(seq.value):
        doc.splice(start, doc.offset(seq.value[edit.index + 1]), "")
    else:
        doc.splice(doc.offset(seq.value[edit.index - 1], end=True), end, "")


def _block_list_edit(doc: _Doc, key: Node, seq: SequenceNode, edit: ListEdit) -> None:
    node = seq.value[edit.index]
    start = doc.line_start(doc.offset(node))
    end = doc.line_end(doc.last_offset(node))
    if edit.entry is not None:
        lines = _shifted(edit, seq.start_mark.column) if edit.source else _seq_entry_lines(seq, edit.entry)
        if edit.replace:
            doc.splice(start, end, doc.nl.join(lines))
        elif edit.index:  # after the entry before, so that comments above the next one stay with it
            doc.insert_lines(doc.last_offset(seq.value[edit.index - 1]), lines)
        else:
            doc.splice(start, start, "".join(line + doc.nl for line in lines))
    elif len(seq.value) == 1:  # the last entry goes: the list stays, empty
        doc.splice(doc.offset(key, end=True), doc.line_end(doc.last_offset(seq)), ": []")
    else:
        nl = len(doc.nl) if doc.text.startswith(doc.nl, end) else 0
        doc.splice(start, end + nl, "")


def _seq_entry_lines(seq: SequenceNode, entry: dict[str, str]) -> list[str]:
    """An entry in the style of a block list's first entry: `- {a: b}`, or block lines."""
    first = seq.value[0]
    dash, key_col = seq.start_mark.column, first.start_mark.column  # `-   date:` keeps its gap
    if isinstance(first, MappingNode) and first.flow_style:
        return [" " * dash + "- " + _flow_entry(entry)]
    if not isinstance(first, MappingNode) or first.start_mark.line != seq.start_mark.line:
        key_col = dash + 2
    return _entry_lines(entry, dash, key_col)


def _shifted(edit: ListEdit, dash: int) -> list[str]:
    """An entry's own lines, moved so that its dash stands at column ``dash``."""
    delta = dash - edit.source_dash
    if delta >= 0:
        return [" " * delta + line if line.strip() else line for line in edit.source]
    if any(line.strip() and not line.startswith(" " * -delta) for line in edit.source):
        raise EditError("the item's lines are indented less than its dash; move it by hand")
    return [line[-delta:] if line.strip() else line for line in edit.source]


def entry_source(text: str, root: Node, loc: Loc) -> tuple[tuple[str, ...], int, int, int]:
    """The lines of the list entry at ``loc`` (from its dash line to its last content line),
    the column of its dash, and the offsets of that span."""
    doc = _Doc(text, root)
    node = doc.node_at(loc)
    start = doc.line_start(doc.offset(node))
    end = doc.line_end(doc.last_offset(node))
    dash = doc.text.rfind("-", start, doc.offset(node)) - start
    return tuple(_LINES.split(text[start:end])), dash, start, end


_LINES = re.compile("\r\n|\r|\n")


def _set_list(doc: _Doc, item: MappingNode, key: str, values: list[str]) -> None:
    """Replace a list of text: a flow list in place, a block list in its own style; or add it."""
    pairs = {k.value: (k, v) for k, v in item.value}
    flow = "[" + ", ".join(scalar(v) for v in values) + "]"
    if key not in pairs:
        col = item.value[0][0].start_mark.column
        doc.insert_lines(_new_key_offset(doc, item), [f"{' ' * col}{key}: {flow}"])
        return
    seq = pairs[key][1]
    kept = {}  # values already in the list keep their own spelling (quoting) in the file
    if isinstance(seq, SequenceNode):
        kept = {n.value: doc.text[doc.offset(n) : doc.offset(n, end=True)] for n in seq.value}
    if not isinstance(seq, SequenceNode) or seq.flow_style:
        start, end = doc.offset(seq), doc.offset(seq, end=True)
        flow = "[" + ", ".join(kept.get(v) or scalar(v) for v in values) + "]"
        doc.splice(start, end, (" " if start == end else "") + flow)  # `owners:` with no value
        return
    dash = seq.start_mark.column
    lines = [f"{' ' * dash}- {kept.get(v) or scalar(v)}" for v in values]
    doc.splice(doc.line_start(doc.offset(seq)), doc.line_end(doc.last_offset(seq)), doc.nl.join(lines))


def _set_texts(doc: _Doc, item: MappingNode, key: str, texts: dict[str, str]) -> None:
    """A text in several languages (`translations --import`): the key's value, whatever its
    style (a scalar, a block or flow mapping), becomes one flow mapping ``{en: ..., fr: ...}``
    in its place; the key, its comment and every other line stay as they are."""
    pairs = {k.value: v for k, v in item.value}
    if key not in pairs:
        raise EditError(f"{key!r} is not in the item at line {item.start_mark.line + 1}")
    node = pairs[key]
    doc.splice(doc.offset(node), doc.last_offset(node), _flow_entry(texts))
