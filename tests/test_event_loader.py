"""The event loader against the node-tree loader it stands in for.

`parse` builds data straight from libyaml's events and hands anything that is not a plain valid
document to the node-tree loader (`_parse`); `compose_paths` composes real nodes only on the way
to the items an edit touches. Both must agree with the node-tree loader exactly: the same data
(types, order, values), the same problems with the same words and positions, the same nodes.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iwgplan.files import positions, yaml_loader
from iwgplan.files.loading import check_text
from tests.helpers import SHIPPED, SMALL
from tests.robustness.test_fuzz import mutate, mutation
from tests.robustness.test_hostile import CASES as HOSTILE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLANS = {
    "shipped": SHIPPED.read_text(encoding="utf-8"),
    "small": SMALL.read_text(encoding="utf-8"),
    "dated": (FIXTURES / "dated.yaml").read_text(encoding="utf-8"),
    "generated": generate(60, seed=5),
}
PLANS.update({p.stem: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "invalid").glob("*.yaml"))})


def _nest(depth: int, flow: bool) -> str:
    if flow:
        return "a: " + "[" * depth + "1" + "]" * depth + "\n"
    return "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "v\n"


# Every kind of thing the event loader must hand over, and the plain cases it must build alike.
FAMILY = {
    "empty": "",
    "comments only": "# nothing\n# here\n",
    "null document": "~\n",
    "explicit null document": "null\n",
    "scalar document": "just text\n",
    "list document": "- a\n- b\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end marker": "a: 1\n...\n",
    "explicit start": "---\na: 1\n",
    "anchor without alias": "a: &x 1\nb: 2\n",
    "anchor on a mapping": "a: &x {b: 1}\n",
    "alias": "a: &x 1\nb: *x\n",
    "undefined alias": "a: *nowhere\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "alias as key": "a: &x k\n*x : 1\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key nested": "a:\n  b: 1\n  b: 2\n",
    "int key": "1: a\n",
    "bool key": "true: a\n",
    "null key": "~: a\n",
    "empty key": ": a\n",
    "float key": "1.5: a\n",
    "quoted int key": "'1': a\n",
    "flow key": "[a]: 1\n",
    "map key": "? {a: 1}\n: 2\n",
    "explicit key": "? a\n: 1\n",
    "str tag": "a: !!str 1\n",
    "str tag on a key": "!!str 1: a\n",
    "int tag": "a: !!int '7'\n",
    "int tag on words": "a: !!int seven\n",
    "float tag": "a: !!float '1'\n",
    "bool tag": "a: !!bool 'true'\n",
    "null tag": "a: !!null ''\n",
    "seq tag on a scalar": "a: !!seq x\n",
    "map tag on a list": "a: !!map [1]\n",
    "seq tag": "a: !!seq [1]\n",
    "map tag": "a: !!map {b: 1}\n",
    "non-specific tag": "a: ! 12\n",
    "non-specific tag on a list": "a: ! [1]\n",
    "local tag": "a: !foo 1\n",
    "python tag": "a: !!python/object:os.system x\n",
    "timestamp stays text": "a: 2026-03-29\n",
    "yaml 1.1 booleans stay text": "a: yes\nb: on\nc: No\n",
    "numbers": "a: 0x1F\nb: 0o17\nc: -12\nd: +3\ne: 1e3\nf: .5\ng: -.inf\nh: .NaN\ni: 010\n",
    "big int": "a: " + "9" * 5000 + "\n",
    "nulls": "a: ~\nb: null\nc: NULL\nd:\ne: ''\n",
    "booleans": "a: true\nb: False\nc: TRUE\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: |+\n  kept\n\n",
    "quoted": "a: 'it''s'\nb: \"tab\\there\"\nc: \"\\u2028\"\n",
    "bom": "\ufeffa: 1\n",
    "crlf": "a: 1\r\nb: [x, y]\r\n",
    "cr only": "a: 1\rb: 2\r",
    "flow with trailing comma": "a: [1, 2,]\n",
    "syntax error": "a: [1, 2\n",
    "tab indent": "a:\n\tb: 1\n",
    "bad escape": 'a: "\\q"\n',
    "nul": "a: \x00\n",
    "nested empty": "a: {}\nb: []\nc: [{}, []]\n",
    "deep block 149": _nest(149, flow=False),
    "deep block 150": _nest(150, flow=False),
    "deep block 151": _nest(151, flow=False),
    "deep flow 149": _nest(149, flow=True),
    "deep flow 151": _nest(151, flow=True),
    "deep flow 990": _nest(990, flow=True),
    **{f"hostile {name}": text for name, (text, _) in HOSTILE.items()},
}


class _Key(str):
    """A mapping's key on the stack of :func:`_flat`, told apart from a text value."""


def _flat(data: Any) -> list[str]:
    """Data as a flat list of tokens, without recursion (plans may nest a thousand deep): what ==
    would lose is kept (the order of keys, int against float and bool, NaN)."""
    out: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, _Key):
            out.append(f"key {value!r}")
        elif isinstance(value, dict):
            out.append(f"dict {len(value)}")
            for key, item in reversed(value.items()):
                stack += [item, _Key(key)]
        elif isinstance(value, list):
            out.append(f"list {len(value)}")
            stack += reversed(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            out.append(f"int {value:x}")  # hex: no limit on digits
        else:
            out.append(f"{type(value).__name__} {value!r}")
    return out


def _old(text: str) -> tuple[list[str], list[tuple[str, int | None, int | None]]]:
    data, problems, _ = yaml_loader._parse(text)
    return _flat(data), [(p.message, p.line, p.column) for p in problems]


def _new(text: str) -> tuple[list[str], list[tuple[str, int | None, int | None]]]:
    parsed = yaml_loader.parse(text)
    return _flat(parsed.data), [(p.message, p.line, p.column) for p in parsed.problems]


@pytest.mark.parametrize("text", list({**PLANS, **FAMILY}.values()), ids=list({**PLANS, **FAMILY}))
def test_same_data_and_problems_as_the_node_tree_loader(text: str) -> None:
    # repr keeps what == would lose: the order of keys, int against float and bool, NaN
    assert _new(text) == _old(text)


def test_the_plain_cases_are_built_from_events_not_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    def handed_over(text: str) -> Any:
        raise AssertionError("handed to the node-tree loader")

    monkeypatch.setattr(yaml_loader, "_parse", handed_over)
    for name in ("shipped", "small", "dated", "generated"):
        assert yaml_loader.parse(PLANS[name]).problems == []
    for name in ("numbers", "nulls", "block scalars", "quoted", "bom", "crlf", "deep block 149", "str tag"):
        yaml_loader.parse(FAMILY[name])


@settings(max_examples=300, deadline=None)
@given(
    base=st.sampled_from(["shipped", "small", "generated"]), steps=st.lists(mutation, min_size=1, max_size=4)
)
def test_mutated_plans_load_alike(base: str, steps: list[tuple[str, int, object]]) -> None:
    data = mutate(PLANS[base].encode("utf-8"), steps)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any YAML is read
    assert _new(text) == _old(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab:- \n[]{},'\"#&*!?|>~0129.\t", max_size=40))
def test_random_yaml_loads_alike(text: str) -> None:
    assert _new(text) == _old(text)


# --- compose_paths: the nodes an edit needs, and only those -------------------------------------


def _same(part: Node, full: Node, where: str) -> None:
    assert type(part) is type(full), where
    assert (part.tag, part.start_mark.index, part.start_mark.line, part.start_mark.column) == (
        full.tag,
        full.start_mark.index,
        full.start_mark.line,
        full.start_mark.column,
    ), where
    assert part.end_mark.index == full.end_mark.index, where
    if isinstance(full, ScalarNode):
        assert (part.value, part.style) == (full.value, full.style), where
    else:
        assert part.flow_style == full.flow_style, where


def _whole(part: Node, full: Node, where: str) -> None:
    _same(part, full, where)
    if isinstance(full, MappingNode):
        assert len(part.value) == len(full.value), where
        for (pk, pv), (fk, fv) in zip(part.value, full.value, strict=True):
            _whole(pk, fk, where + "/key")
            _whole(pv, fv, f"{where}/{fk.value}")
    elif isinstance(full, SequenceNode):
        assert len(part.value) == len(full.value), where
        for i, (p, f) in enumerate(zip(part.value, full.value, strict=True)):
            _whole(p, f, f"{where}/{i}")


def _walk(root: Node, loc: tuple[Any, ...]) -> list[Node]:
    nodes, node = [root], root
    for step in loc:
        if isinstance(node, MappingNode):
            node = next(v for k, v in node.value if k.value == step)
        else:
            node = node.value[step]
        nodes.append(node)
    return nodes


@pytest.mark.parametrize("name", ["shipped", "small", "dated", "generated"])
def test_compose_paths_gives_the_full_nodes_of_every_edited_item(name: str) -> None:
    text = PLANS[name]
    checked = check_text(text, name)
    assert checked.index is not None
    locs = [e.loc for e in checked.index.entries]
    full = positions.compose(text)
    assert full is not None
    rng = random.Random(name)
    for size in (1, 2, 5, len(locs)):
        chosen = rng.sample(locs, min(size, len(locs)))
        part = positions.compose_paths(text, chosen)
        assert part is not None
        for loc in chosen:
            for depth, (p, f) in enumerate(zip(_walk(part, loc), _walk(full, loc), strict=True)):
                _same(p, f, f"{loc[:depth]}")
                if isinstance(f, MappingNode):  # every key on the way is a real node
                    assert [k.value for k, _ in p.value] == [k.value for k, _ in f.value]
            _whole(_walk(part, loc)[-1], _walk(full, loc)[-1], str(loc))
    _whole(positions.compose_paths(text, [()]), full, "everything")  # type: ignore[arg-type]


def test_compose_paths_leaves_the_rest_empty() -> None:
    text = PLANS["shipped"]
    checked = check_text(text, "shipped")
    assert checked.index is not None
    loc = checked.index.entries[-1].loc
    part, full = positions.compose_paths(text, [loc]), positions.compose(text)
    assert part is not None and full is not None
    skipped = 0
    for depth, (p, f) in enumerate(zip(_walk(part, loc), _walk(full, loc)[:-1], strict=False)):
        if isinstance(f, SequenceNode):
            for i, (ps, fs) in enumerate(zip(p.value, f.value, strict=True)):
                _same(ps, fs, f"{loc[:depth]}/{i}")  # kept with its marks: offsets stay right
                if i != loc[depth]:
                    assert ps.value == [] and fs.value != [], f"{loc[:depth]}/{i}"
                    skipped += 1
    assert skipped >= 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int seven", "'seven' is not an integer, as its tag !!int says"),
        ("!!int 1.5", "'1.5' is not an integer, as its tag !!int says"),
        ("!!float x", "'x' is not a number, as its tag !!float says"),
        ("!!bool maybe", "'maybe' is not true or false, as its tag !!bool says"),
        ("!!bool yes", "'yes' is not true or false, as its tag !!bool says"),
        ("!!null x", "'x' is not null, as its tag !!null says"),
        ("!!seq x", "the tag 'tag:yaml.org,2002:seq' is not allowed in a plan file"),
        ("!!map x", "the tag 'tag:yaml.org,2002:map' is not allowed in a plan file"),
        ("9" * 5000, "a number of 5,000 digits is too long"),
    ],
)
def test_a_value_its_tag_or_python_cannot_read_is_a_located_problem_not_a_crash(
    cli, tmp_path: Path, value: str, message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"schema_version: 2\nplan: {value}\n", encoding="utf-8")
    run = cli("validate", plan)
    assert run.code == 1 and f"plan.yaml:2:7: {message}" in run.out + run.err
    assert "unexpected error" not in run.err


# --- data_by_entries: top-level entries parsed alone, for the plan's history ---------------------

# Texts whose split at column-0 keys is unsafe or odd: each must give the whole text's data, or
# None (the caller then parses the whole text).
SPLITS = {
    "quoted value running on at column 0": 'title: "abc\ndef: ghi"\nplan: 1\n',
    "single-quoted running on": "title: 'abc\ndef: ghi'\nplan: 1\n",
    "flow value running on": "tiers: [\na: 1 ]\nplan: 2\n",
    "flow mapping running on": "tiers: {\na: 1 }\n",
    "plain value running on": "title: word\nmore words\nplan: 1\n",
    "a key twice across entries": "plan: 1\ntiers: 2\nplan: 3\n",
    "document marker": "plan: 1\n---\ntiers: 2\n",
    "document end": "plan: 1\n...\n",
    "directive": "%YAML 1.2\n---\nplan: 1\n",
    "anchor in one, alias in another": "plan: &a 1\ntiers: *a\n",
    "tag": "plan: !!str 1\ntiers: 2\n",
    "block scalar then key": "notes: |\n  one\n  two\nplan: 1\n",
    "empty block scalar": "notes: |\nplan: 1\n",
    "null value": "notes:\nplan: 1\n",
    "sequence at the key's column": "tiers:\n- id: a\n  x: 1\n- id: b\nplan: 1\n",
    "comments between entries": "# head\nplan: 1\n# about tiers\ntiers: [1, 2]  # end\n",
    "text before the first key": "just text\nplan: 1\n",
    "top level a list": "- plan: 1\n- tiers: 2\n",
    "flow top level": "{plan: 1, tiers: 2}\n",
    "bom": "\ufeffplan: 1\ntiers: 2\n",
    "crlf": "plan: 1\r\ntiers: 2\r\n",
    "key without a space": "plan:1\ntiers: 2\n",
    "tab after colon": "plan:\t1\ntiers: 2\n",
    "nested key at column 0 inside a value": "plan:\n  a: 1\nb: 2\n",
    "duplicate inside one entry": "plan:\n  a: 1\n  a: 2\ntiers: 1\n",
    "question-mark key": "? plan\n: 1\ntiers: 2\n",
    "empty": "",
    "only comments": "# nothing\n",
}


def _entries_agree(text: str) -> None:
    memo: dict[str, Any] = {}
    data = yaml_loader.data_by_entries(text, memo)
    if data is None:
        return
    whole = yaml_loader.parse(text)
    assert whole.problems == [] and _flat(data) == _flat(whole.data)
    assert _flat(yaml_loader.data_by_entries(text, memo)) == _flat(data)  # again, from the memo


@pytest.mark.parametrize(
    "text", list({**PLANS, **FAMILY, **SPLITS}.values()), ids=list({**PLANS, **FAMILY, **SPLITS})
)
def test_entries_parsed_alone_give_the_whole_texts_data(text: str) -> None:
    _entries_agree(text)


def test_entries_split_where_the_plan_format_puts_them() -> None:
    memo: dict[str, Any] = {}
    assert yaml_loader.data_by_entries(PLANS["shipped"], memo) is not None
    assert sorted(next(iter(part)) for part in memo.values()) == sorted(
        ["schema_version", "plan", "references", "objectives", "milestones", "tiers", "sections", "meetings"]
    )
    for unsafe in ("a key twice across entries", "document marker", "quoted value running on at column 0"):
        assert yaml_loader.data_by_entries(SPLITS[unsafe], {}) is None, unsafe


@settings(max_examples=300, deadline=None)
@given(
    base=st.sampled_from(["shipped", "small", "generated"]), steps=st.lists(mutation, min_size=1, max_size=4)
)
def test_mutated_plans_split_alike(base: str, steps: list[tuple[str, int, object]]) -> None:
    try:
        text = mutate(PLANS[base].encode("utf-8"), steps).decode("utf-8")
    except UnicodeDecodeError:
        return
    _entries_agree(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:- \n[]{},'\"#&*!?|>~0129.\t%", max_size=50))
def test_random_yaml_splits_alike(text: str) -> None:
    _entries_agree(text)
