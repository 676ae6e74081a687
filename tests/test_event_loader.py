"""The event loader against the node-tree loader it stands in for.

`parse` builds data straight from libyaml's events and hands anything that is not a plain valid
document to the node-tree loader (`_parse`); `compose_paths` composes real nodes only on the way
to the items an edit touches. Both must agree with the node-tree loader exactly: the same data
(types, order, values), the same problems with the same words and positions, the same nodes.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iwgplan.files import positions, yaml_loader
from iwgplan.files.loading import check_text
from tests.helpers.loader_cases import FAMILY, PLANS, flat, loaded_by_events, loaded_by_node_tree
from tests.helpers.mutations import mutate, mutation


@pytest.mark.parametrize("text", list({**PLANS, **FAMILY}.values()), ids=list({**PLANS, **FAMILY}))
def test_same_data_and_problems_as_the_node_tree_loader(text: str) -> None:
    # repr keeps what == would lose: the order of keys, int against float and bool, NaN
    assert loaded_by_events(text) == loaded_by_node_tree(text)


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
    assert loaded_by_events(text) == loaded_by_node_tree(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab:- \n[]{},'\"#&*!?|>~0129.\t", max_size=40))
def test_random_yaml_loads_alike(text: str) -> None:
    assert loaded_by_events(text) == loaded_by_node_tree(text)


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
    assert whole.problems == [] and flat(data) == flat(whole.data)
    assert flat(yaml_loader.data_by_entries(text, memo)) == flat(data)  # again, from the memo


@pytest.mark.parametrize(
    "text", list({**PLANS, **FAMILY, **SPLITS}.values()), ids=list({**PLANS, **FAMILY, **SPLITS})
)
def test_entries_parsed_alone_give_the_whole_texts_data(text: str) -> None:
    _entries_agree(text)


def test_entries_split_where_the_plan_format_puts_them() -> None:
    memo: dict[str, Any] = {}
    assert yaml_loader.data_by_entries(PLANS["shipped"], memo) is not None
    assert sorted(next(iter(part)) for part in memo.values()) == sorted(
        [
            "schema_version",
            "plan",
            "references",
            "headings",
            "objectives",
            "milestones",
            "tiers",
            "sections",
            "meetings",
        ]
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
