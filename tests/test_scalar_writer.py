"""Text iwgplan writes into a plan (`edit.splice.scalar`) reads back exactly, in a block value
and inside a flow list, with libyaml and with the pure-Python parser alike (a question written
plain, `[What first?]`, was read by libyaml only)."""

from __future__ import annotations

import string

import pytest
import yaml

from iwgplan.edit.splice import scalar

PUNCTUATION = list(string.punctuation) + ["\u00bf", "\u00a1", "\u2014", "\u2026"]
SHAPES = ["{c}", "{c}x", "x{c}", "x {c}", "x{c} y", "What first{c}", "{c} y", "a{c}{c}b"]
VALUES = sorted({shape.format(c=c) for c in PUNCTUATION for shape in SHAPES}) + [
    "null",
    "true",
    "~",
    "2026-01-01",
    "1.5",
    "0x10",
    "Yes",
    "- x",
    "? x",
    ": x",
    "x: y",
    "x #y",
]


def _loaders() -> list[type]:
    loaders: list[type] = [yaml.SafeLoader]
    if hasattr(yaml, "CSafeLoader"):
        loaders.append(yaml.CSafeLoader)
    return loaders


@pytest.mark.parametrize("loader", _loaders(), ids=lambda c: c.__name__)
def test_every_written_scalar_reads_back_in_block_and_flow_context(loader: type) -> None:
    wrong = []
    for value in VALUES:
        if value == "2026-01-01":
            continue  # plain on purpose: iwgplan's YAML 1.2 loader keeps it text (below)
        text = scalar(value)
        for doc, get in (
            (f"key: {text}\n", lambda d: d["key"]),
            (f"key: [{text}, {text}]\n", lambda d: d["key"][1]),
            (f"key: [{text}]\n", lambda d: d["key"][0]),
            (f"- {{a: {text}, b: x}}\n", lambda d: d[0]["a"]),
        ):
            try:
                back = get(yaml.load(doc, Loader=loader))
            except yaml.YAMLError:
                back = "<error>"
            if back != value:
                wrong.append((value, doc, back))
    assert wrong == []


def test_iwgplans_loader_reads_every_written_scalar_back() -> None:
    from iwgplan.files.yaml_loader import load_data

    for value in VALUES:
        data, problems = load_data(f"key: [{scalar(value)}]\nother: {scalar(value)}\n")
        assert problems == [] and data == {"key": [value], "other": value}, value
