"""What the event loader is checked on, and what each loader makes of a text.

``PLANS`` are whole plans (the shipped one, the fixtures, a generated one, every invalid fixture);
``FAMILY`` is every kind of YAML the event loader must hand over to the node-tree loader, and the
plain cases it must build alike. :func:`loaded_by_events` (``yaml_loader.parse``) and
:func:`loaded_by_node_tree` (``yaml_loader._parse``) give the data as flat tokens and the problems
as (message, line, column), so that == compares all that matters.
"""

from __future__ import annotations

import sys
from typing import Any

from iwgplan.files import yaml_loader
from tests.helpers import FIXTURES, ROOT, SHIPPED, SMALL
from tests.helpers.hostile_yaml import CASES as HOSTILE

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

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
    """A mapping's key on the stack of :func:`flat`, told apart from a text value."""


def flat(data: Any) -> list[str]:
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


def loaded_by_node_tree(text: str) -> tuple[list[str], list[tuple[str, int | None, int | None]]]:
    data, problems, _ = yaml_loader._parse(text)
    return flat(data), [(p.message, p.line, p.column) for p in problems]


def loaded_by_events(text: str) -> tuple[list[str], list[tuple[str, int | None, int | None]]]:
    parsed = yaml_loader.parse(text)
    return flat(parsed.data), [(p.message, p.line, p.column) for p in parsed.problems]
