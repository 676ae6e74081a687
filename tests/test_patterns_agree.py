"""Every patterned field reads the same to iwgplan and to the JSON Schema an editor applies.

Python's ``$`` also matches before a final line break and its ``\\d`` takes any script's digits
("٢٠٢٥", "２０２５"); an editor's JSON Schema (ECMA-262) takes neither. Every text of two plans is
replaced by look-alikes of itself (a line break or carriage return after or before it, each
ASCII digit as an Arabic-Indic, Devanagari, full-width, superscript or mathematical digit) and
both must call the plan valid or not alike. The schema's patterns use only what both engines
read the same, so what the `jsonschema` library says here is what an editor says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from iwgplan.files.yaml_loader import load_data
from iwgplan.plan.jsonschema import schema_dict
from tests.helpers import SMALL
from tests.helpers.schema_agreement import EVERY_FIELD, VALIDATOR, disagreement, paths, replaced

DIGITS = {
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "devanagari": "०१२३४५६७८९",
    "full-width": "０１２３４５６７８９",
    "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "mathematical": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
}


def look_alikes(value: str) -> dict[str, str]:
    out = {
        "then LF": value + "\n",
        "then CR": value + "\r",
        "then CRLF": value + "\r\n",
        "LF first": "\n" + value,
        "then NEL": value + "\x85",
        "then LS": value + "\u2028",
    }
    if any(c.isdigit() for c in value):
        for name, digits in DIGITS.items():
            out[name] = value.translate(str.maketrans("0123456789", digits))
            first = re.search("[0-9]", value)
            assert first
            out[f"one {name}"] = value[: first.start()] + digits[int(first[0])] + value[first.end() :]
    return out


def _strings(data: Any) -> list[tuple[Any, ...]]:
    found = []
    for path in paths(data):
        node = data
        for part in path:
            node = node[part]
        if isinstance(node, str):
            found.append(path)
    return found


@pytest.mark.parametrize("plan", [EVERY_FIELD, SMALL], ids=lambda p: p.name)
def test_look_alike_texts_agree_in_every_field(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    data, problems = load_data(text)
    assert not problems
    found: dict[str, str] = {}
    refused = 0
    for path in _strings(data):
        node = data
        for part in path:
            node = node[part]
        for name, value in look_alikes(node).items():
            changed = replaced(data, path, value)
            said = disagreement(changed, text)
            if said:
                found[f"{'.'.join(map(str, path))} {name} {value!r}"] = said
            refused += not VALIDATOR.is_valid(changed)
    assert not found, "\n".join(f"{k}: {v}" for k, v in list(found.items())[:10])
    assert refused > 100  # the corpus reaches the patterned fields


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


def test_the_schemas_patterns_read_the_same_in_python_and_ecma262() -> None:
    """No class whose meaning differs between the engines (\\d \\w \\s \\b and their capitals),
    and every end anchored as the end of the text, not before a final line break."""
    patterns = _patterns(schema_dict())
    assert len(patterns) >= 5
    shipped = _patterns(
        json.loads((Path(__file__).parent.parent / "schemas" / "workplan.schema.json").read_text())
    )
    assert sorted(set(shipped)) == sorted(set(patterns))
    for pattern in patterns:
        assert not re.search(r"(?<!\\)\\[dDwWsSbB]", pattern), pattern
        assert pattern.startswith("^") and pattern.endswith("(?!\\n)$"), pattern
        assert pattern.count("$") == 1, pattern


@pytest.mark.parametrize("bad", ["x\n", "x\r", "x\r\n", "\nx", "x٢", "x２", "x²", "ｘ", "x\u2028"])
def test_add_refuses_an_id_the_plan_would_refuse(cli, small: Path, bad: str) -> None:
    before = small.read_bytes()
    run = cli("add", "--under", "fa", "--title", "New", "--id", bad, "--plan", small)
    assert run.code == 2 and "--id:" in run.err
    assert small.read_bytes() == before


@pytest.mark.parametrize("digits", sorted(DIGITS))
def test_dates_in_other_digits_are_refused_everywhere(cli, small: Path, digits: str) -> None:
    day = "2026-03-27".translate(str.maketrans("0123456789", DIGITS[digits]))
    before = small.read_bytes()
    assert cli("done", "kid-a", "--date", day, "--plan", small).code == 2
    assert cli("modify", "statement", "--due", day, "--reason", "x", "--plan", small).code in (1, 2)
    assert small.read_bytes() == before
    small.write_text(before.decode().replace("date: 2025-09-10", f"date: '{day}'"), encoding="utf-8")
    assert cli("validate", "--plan", small).code == 1
