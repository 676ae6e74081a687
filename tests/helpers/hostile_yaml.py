"""Hostile YAML: files built to exhaust a parser (an alias bomb, nesting ten thousand deep, a
one-megabyte line, keys that are not text), each with what `validate` must say of it."""

from __future__ import annotations


def billion_laughs() -> str:
    lines = ['lol0: &lol0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


CASES = {
    "alias-bomb": (billion_laughs(), ":2:14: aliases (*lol0) and anchors are not allowed"),
    "deep-flow": ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "exceeded maximum nesting depth"),
    "deep-block": ("".join(" " * i + "k:\n" for i in range(2_000)), "exceeded maximum nesting depth"),
    "long-line": (
        "schema_version: 1\nplan: " + "x" * (1 << 20) + "\n",
        ":2:7: plan: expected a mapping, got text",
    ),
    "list-key": ("schema_version: 1\n[a, b]: 1\n", ":2:1: keys must be plain text"),
    "map-key": ("schema_version: 1\n? {a: 1}\n: 1\n", ":2:3: keys must be plain text"),
    "null-key": ("schema_version: 1\n~: 1\n", ":2:1: keys must be plain text"),
}
