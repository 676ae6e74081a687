"""The one place that reads YAML: strict YAML 1.2 loading, with file:line:col for every problem.

Loading takes the fast path (libyaml's C parser straight to Python data) and composes the
node tree for positions only when there is an error to locate.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iwgplan.errors import Problem

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# libyaml's marks do not count a leading BOM; the pure-Python reader's do.
MARKS_SKIP_BOM = _BaseLoader.__name__ == "CSafeLoader"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_CORE = "tag:yaml.org,2002:"


def mark_shift(text: str) -> int:
    """What to add to a mark's index for its offset in ``text``: the marks do not count a
    BOM (MARKS_SKIP_BOM)."""
    return 1 if MARKS_SKIP_BOM and text.startswith("\ufeff") else 0


class AliasFound(Exception):
    pass


MAX_NESTING = 1000  # libyaml's limit on nesting, which the pure-Python scanner is made to keep


class StrictLoader(_BaseLoader):
    """YAML 1.2 core schema, no aliases, no object tags, duplicate keys collected."""

    yaml_implicit_resolvers: dict[Any, Any] = {}
    yaml_constructors: dict[Any, Any] = {}  # type: ignore[misc]
    problems: list[Problem]
    flow_level: int  # the pure-Python scanner's state, read by the nesting limit below
    indents: list[int]
    indent: int

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems = []

    def build(self) -> Any:
        """Compose the document (in C when libyaml is there), then turn nodes into data.

        This replaces PyYAML's generic constructor, which is three times slower here: plan
        files only hold text, numbers, booleans, nulls, lists and mappings.
        """
        node = self.get_single_node()
        self.root = node
        if node is None:
            return None
        self._seen: set[int] = set()
        return self._data(node)

    def _data(self, node: Node) -> Any:
        key = id(node)
        if key in self._seen:
            raise AliasFound
        self._seen.add(key)
        kind, tag = node.__class__, node.tag
        if kind is ScalarNode:
            if tag == STR_TAG:
                return node.value
            if tag in _SCALAR_TAGS:  # not !!seq or !!map on a scalar, which would build a generator
                return self.yaml_constructors[tag](self, node)
            return _undefined(self, node)
        if kind is SequenceNode and tag == SEQ_TAG:
            return [self._data(child) for child in node.value]
        if kind is MappingNode and tag == MAP_TAG:
            return self._mapping(node)  # type: ignore[arg-type]
        return _undefined(self, node)

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not (key_node.__class__ is ScalarNode and key_node.tag == STR_TAG):
                self._problem(key_node, "keys must be plain text, not a list, a mapping or null")
                continue
            key = key_node.value
            if key in first_line:
                line = key_node.start_mark.line + 1
                self._problem(
                    key_node,
                    f"duplicate key {key!r}: first at line {first_line[key]}, again at line {line}",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            mapping[key] = self._data(value_node)
        return mapping

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """YAML 1.2 core schema resolution, faster than PyYAML's general resolver."""
        if kind is ScalarNode and implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
            return STR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return, no-untyped-call]

    def _problem(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(message, (), mark.line + 1, mark.column + 1))

    # The pure-Python scanner, made to stop where libyaml stops, with libyaml's words and marks
    # (libyaml's C scanner never calls these). Without it, a file that nests ten thousand deep
    # takes a minute to refuse (the pure-Python scanner checks every open flow level for each
    # token) instead of a millisecond. libyaml counts flow and block levels together: a flow
    # collection may open while fewer than 1,000 levels are open, a block one while fewer than 999.

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 - PyYAML's name
        if self.flow_level + len(self.indents) >= MAX_NESTING:
            self._nesting_error("flow")
        super().fetch_flow_collection_start(TokenClass)  # type: ignore[misc]

    def add_indent(self, column: int) -> bool:
        if self.indent < column and self.flow_level + len(self.indents) >= MAX_NESTING - 1:
            self._nesting_error("block")
        return super().add_indent(column)  # type: ignore[misc, no-any-return]

    def _nesting_error(self, kind: str) -> None:
        raise yaml.scanner.ScannerError(
            f"while increasing {kind} level",
            None,
            "exceeded maximum nesting depth",
            self.get_mark(),  # type: ignore[attr-defined]
        )


_CORE_PATTERNS: dict[str, re.Pattern[str]] = {}
_CORE_WORDS = {"int": "an integer", "float": "a number", "bool": "true or false", "null": "null"}


def _resolver(tag: str, pattern: str, first: str) -> None:
    _CORE_PATTERNS[tag] = re.compile(pattern)
    StrictLoader.add_implicit_resolver(_CORE + tag, _CORE_PATTERNS[tag], list(first))


_resolver("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolver(
    "float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_CORE_PATTERNS["null"] = re.compile(r"^(?:~|null|Null|NULL|)$")
StrictLoader.add_implicit_resolver(_CORE + "null", _CORE_PATTERNS["null"], [*"~nN", ""])
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in resolvers]
    for first, resolvers in StrictLoader.yaml_implicit_resolvers.items()
}


def _tagged(node: ScalarNode, name: str) -> None:
    """A value the tag says is ``name`` but whose text is not (``!!int seven``), for any tag."""
    if not _CORE_PATTERNS[name].match(node.value):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"{node.value!r} is not {_CORE_WORDS[name]}, as its tag !!{name} says",
            node.start_mark,
        )


def _int(loader: StrictLoader, node: ScalarNode) -> int:
    _tagged(node, "int")
    text = node.value
    try:
        if text[:2] in ("0o", "0x"):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)
    except ValueError:  # Python refuses to read more than 4,300 digits
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(text):,} digits is too long", node.start_mark
        ) from None


def _float(loader: StrictLoader, node: ScalarNode) -> float:
    if not _CORE_PATTERNS["int"].match(node.value):  # YAML 1.2 core: !!float 1 is 1.0
        _tagged(node, "float")
    text = node.value.lower()
    if text[:2] in ("0o", "0x"):
        return float(int(text[2:], 8 if text[1] == "o" else 16))
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float("nan") if text == ".nan" else float(text)


def _bool(loader: StrictLoader, node: ScalarNode) -> bool:
    _tagged(node, "bool")
    return bool(node.value.lower() == "true")


def _null(loader: StrictLoader, node: ScalarNode) -> None:
    _tagged(node, "null")


def _undefined(loader: StrictLoader, node: Node) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag!r} is not allowed in a plan file", node.start_mark
    )


StrictLoader.add_constructor(_CORE + "str", StrictLoader.construct_yaml_str)  # type: ignore[type-var]
StrictLoader.add_constructor(_CORE + "int", _int)
StrictLoader.add_constructor(_CORE + "float", _float)
StrictLoader.add_constructor(_CORE + "bool", _bool)
StrictLoader.add_constructor(_CORE + "null", _null)
StrictLoader.add_constructor(_CORE + "seq", StrictLoader.construct_yaml_seq)  # type: ignore[type-var]
StrictLoader.add_constructor(_CORE + "map", StrictLoader.construct_yaml_map)  # type: ignore[type-var]
StrictLoader.add_constructor(None, _undefined)


# libyaml stops at 1,000 levels of nesting; building data walks a few Python frames per level.
RECURSION_LIMIT = 10_000


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic GC only slows down building a large tree of fresh, acyclic objects.

    The recursion limit is raised meanwhile, so that any nesting libyaml accepts can be built
    (Python 3.11 calls between Python functions do not grow the C stack).
    """
    enabled = gc.isenabled()
    limit = sys.getrecursionlimit()
    gc.disable()
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)
        if enabled:
            gc.enable()


def _at(message: str, mark: Any) -> Problem:
    if mark is None:
        return Problem(message, (), 1, 1)
    return Problem(message, (), mark.line + 1, mark.column + 1)


def _yaml_error(exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return Problem(f"YAML: unacceptable character {what}: {exc.reason}", (), line, column)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        parts = ", ".join(p for p in (exc.context, exc.problem) if p)
        if isinstance(exc, yaml.constructor.ConstructorError):
            return _at(parts, mark)
        return _at(f"YAML syntax: {parts}", mark)
    return Problem(f"YAML: {exc}", (), 1, 1)


def _alias_position(text: str) -> Problem:
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return _at(f"aliases (*{event.anchor}) and anchors are not allowed", event.start_mark)
    return Problem("aliases and anchors are not allowed", (), 1, 1)  # pragma: no cover


def _too_deep(text: str) -> Problem:
    """ "Nested too deeply", at the first node of the deepest nesting."""
    depth, deepest, mark = 0, -1, None
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > deepest:
                    deepest, mark = depth, event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return _at("the file is nested too deeply", mark)


@dataclass(slots=True)
class Parsed:
    data: Any
    problems: list[Problem]
    root: Node | None = None  # the node tree, kept only when asked for (edits need positions)


def load_data(text: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into plain data, collecting every problem the parser can report."""
    parsed = parse(text)
    return parsed.data, parsed.problems


# Where a list entry that has an `id` stands in the text: the offset of its mapping's first
# key, the offset where its mapping ends (the next token: trailing comments and blank lines
# are before it), and the column of the keys of the mapping that holds its list.
Span = tuple[int, int, int]


def parse(text: str, *, keep_tree: bool = False, spans: dict[int, Span] | None = None) -> Parsed:
    """Plain data from YAML text, with every problem; the node tree too when ``keep_tree``.

    Without the tree, data is built straight from the parser's events (no node tree is ever
    held, and it is two to three times faster); anything that is not a plain valid document
    (a syntax error, an anchor or alias, a tag, a duplicate or non-text key, deep nesting, no
    document at all) is handed to the node-tree loader, so that every problem is reported by
    one loader, with the same words and positions.

    ``spans``, when given, receives the Span of every block mapping with an `id` key that is
    an entry of a block list, by ``id()`` of its dict in the data returned (an edit splices
    and checks those entries' text alone); it stays empty unless the data came from events.
    """
    if not keep_tree:
        try:
            with no_gc():
                return Parsed(_events_to_data(text, spans), [])
        except (_NotPlain, yaml.YAMLError, ValueError, OverflowError, RecursionError):
            if spans is not None:
                spans.clear()
    data, problems, root = _parse(text)
    return Parsed(data, problems, root if keep_tree and not problems else None)


class _NotPlain(Exception):
    """The events hold something the node-tree loader must judge."""


EVENT_DEPTH = 150  # deeper nesting goes to the node-tree loader, which says where it is too deep


def _events_to_data(text: str, spans: dict[int, Span] | None = None) -> Any:
    """Build data from libyaml's events with an explicit stack: no nodes, no recursion.

    Only the plain case is handled here, exactly as :meth:`StrictLoader.build` would build it
    (YAML 1.2 core resolution, the same constructors); the rest raises ``_NotPlain``. With
    ``spans``, the start event of every open collection is kept too, to record entries' spans.
    """
    loader = StrictLoader(text)
    get: Callable[[], Any] = loader.get_event
    resolve, constructors = loader.resolve, loader.yaml_constructors
    stack: list[tuple[Any, Any, bool]] = []
    opened: list[Any] = []  # the start events of the open collections, only with ``spans``
    container: Any = None  # the open list or dict; None at the top level
    key: Any = _NO_KEY
    in_map = False
    root: Any = None
    try:
        get()  # the stream's start
        if get().__class__ is not yaml.DocumentStartEvent:
            raise _NotPlain  # an empty stream
        while True:
            event = get()
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    raise _NotPlain
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
                if tag == STR_TAG:
                    value = event.value
                elif tag in _SCALAR_TAGS:
                    value = constructors[tag](loader, ScalarNode(tag, event.value))
                else:
                    raise _NotPlain
                if in_map and key is _NO_KEY:
                    if tag != STR_TAG or value in container:
                        raise _NotPlain
                    key = value
                    continue
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                is_map = kind is yaml.MappingStartEvent
                tag = event.tag
                if event.anchor is not None or (
                    tag is not None and tag != "!" and tag != (MAP_TAG if is_map else SEQ_TAG)
                ):
                    raise _NotPlain
                if (in_map and key is _NO_KEY) or len(stack) >= EVENT_DEPTH:
                    raise _NotPlain  # a collection as a key, or deep nesting
                stack.append((container, key, in_map))
                container, key, in_map = ({} if is_map else []), _NO_KEY, is_map
                if spans is not None:
                    opened.append(event)
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = container
                container, key, in_map = stack.pop()
                if spans is not None:
                    _record_span(spans, opened, value, event, in_map)
            elif kind is yaml.DocumentEndEvent:
                break
            else:
                raise _NotPlain  # an alias
            if in_map:
                container[key] = value
                key = _NO_KEY
            elif container is not None:
                container.append(value)
            else:
                root = value
        if get().__class__ is not yaml.StreamEndEvent or root is None:
            raise _NotPlain  # a second document, or a document that is only a null
        return root
    finally:
        loader.dispose()


_NO_KEY: Any = object()


def _record_span(spans: dict[int, Span], opened: list[Any], value: Any, end: Any, in_map: bool) -> None:
    """The span of a block mapping with an `id` just closed inside a block list that a block
    mapping holds (``opened`` ends with their start events)."""
    start = opened.pop()
    if in_map or len(opened) < 2 or end.__class__ is not yaml.MappingEndEvent or "id" not in value:
        return
    holder, seq = opened[-2], opened[-1]
    if holder.__class__ is not yaml.MappingStartEvent or holder.flow_style or seq.flow_style:
        return
    if start.flow_style:
        return
    first: Any = start.start_mark
    after: Any = end.end_mark
    keys: Any = holder.start_mark
    spans[id(value)] = (first.index, after.index, keys.column)


# A top-level key at the start of a line, as the plan format writes them: `tiers:`, `plan:`.
_TOP_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t\r]|$)", re.M)
_LONE_CR = re.compile(r"\r(?!\n)")
# What YAML's reader refuses anywhere in a stream: the comments before the first key are never
# parsed, so they are checked for it here.
_UNREADABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unsplittable(text: str) -> bool:
    """A document marker or directive at a line's start; or a line break other than LF and
    CRLF, which YAML honours and a split at LF would not see (a CR alone, NEL, U+2028, U+2029).
    Substring tests first: they cost a hundredth of a regular expression over the text."""
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return True
    return "\r" in text and _LONE_CR.search(text) is not None


def data_by_entries(text: str, memo: dict[str, Any]) -> dict[str, Any] | None:
    """A plain plan's data, parsing only the top-level entries (`plan:`, `tiers:`, ...) whose
    text is not in ``memo``; each parsed entry goes into it. For the plan's history, where one
    commit rarely touches more than one or two of them.

    None whenever the split is not plainly safe, and the caller then parses the whole text:
    anything before the first key but empty lines and comments at column 0, a document marker
    or directive, a line break other than LF or CRLF, an entry that does not load alone as a
    one-key mapping (a split inside a quoted or flow value fails here), a key twice. Entries
    parsed alone and joined give the whole text's data: every entry is a block mapping entry at
    column 0, and anchors, aliases and tags never reach this far (the event loader hands them
    over). The data in ``memo`` is shared: the caller must not change it.
    """
    if unsplittable(text):
        return None
    starts = [m.start() for m in _TOP_KEY.finditer(text)]
    head = text[: starts[0]].split("\n") if starts else []
    if not starts or any(line.rstrip("\r") and not line.startswith("#") for line in head):
        return None  # before the first key, only comments at column 0 and empty lines
    if _UNREADABLE.search(text, 0, starts[0]) or "\ufeff" in text[: starts[0]]:
        return None
    data: dict[str, Any] = {}
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        entry = text[begin:end]
        part = memo.get(entry)
        if part is None:
            try:
                with no_gc():
                    part = _events_to_data(entry)
            except (_NotPlain, yaml.YAMLError, ValueError, OverflowError, RecursionError):
                return None
            if not isinstance(part, dict) or len(part) != 1:
                return None
            memo[entry] = part
        ((key, value),) = part.items()
        if key in data:
            return None
        data[key] = value
    return data


_SCALAR_TAGS = frozenset(_CORE + name for name in ("int", "float", "bool", "null"))


def _parse(text: str) -> tuple[Any, list[Problem], Node | None]:
    try:
        loader = StrictLoader(text)  # the pure-Python reader checks the characters here
    except yaml.YAMLError as exc:
        return None, [_yaml_error(exc, text)], None
    try:
        with no_gc():
            data = loader.build()
    except AliasFound:
        return None, [_alias_position(text)], None
    except yaml.YAMLError as exc:
        return None, [*loader.problems, _yaml_error(exc, text)], None
    except RecursionError:
        return None, [_too_deep(text)], None
    finally:
        loader.dispose()
    if data is None and not loader.problems:
        return None, [Problem("the file holds no plan: it is empty or only comments", (), 1, 1)], None
    return data, loader.problems, loader.root
