"""Property: for generated plans and random edits, only the target item's lines change."""

from __future__ import annotations

import difflib
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwgplan.edit.progress import add_note, mark_done, set_status
from iwgplan.edit.splice import apply_changes
from iwgplan.files.loading import load_text
from iwgplan.plan.model import Status

HEAD = [
    "# generated plan",
    "schema_version: 1",
    "plan:",
    "  id: gen",
    "  title: Generated",
    "  body: B",
    "  revision: 0",
    "  date: 2025-09-10",
    "  period: {start: 2025-09, end: 2026-12}",
    "tiers:",
    "  - id: t",
    "    number: '1'",
    "    title: T",
    "    focus_areas:",
    "      - id: f",
    "        title: F",
    "        action_points:",
]

titles = (
    st.lists(
        st.sampled_from(
            list("abcXYZ éüçİ:#'\"-,[]{}&*!|>%@`")
            + ["Côte d'Ivoire", "Türkiye", "\u2028", "\t", "\x85", "\ufeff"]
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)

item = st.fixed_dictionaries(
    {
        "title": titles,
        "quote": st.sampled_from(["", "'", '"']),
        "history": st.sampled_from(["none", "empty", "block", "indentless", "flow"]),
        "owners": st.booleans(),
        "comment": st.booleans(),
    }
)


def build(items: list[dict[str, object]], nl: str) -> tuple[str, list[tuple[int, int]]]:
    lines = list(HEAD)
    spans = []
    for i, spec in enumerate(items):
        start = len(lines)
        q = spec["quote"]
        lines.append(f"          - id: item-{i}")
        lines.append(f"            title: {json.dumps(spec['title'], ensure_ascii=False)}")
        lines.append(f"            status: {q}planned{q}" + ("   # a comment" if spec["comment"] else ""))
        if spec["owners"]:
            lines.append("            owners: [Côte d'Ivoire, Türkiye]")
        if spec["history"] == "empty":
            lines.append("            history: []")
        elif spec["history"] == "flow":
            lines.append("            history: [{date: 2025-10-01, note: 'a, b'}]")
        elif spec["history"] == "block":
            lines += ["            history:", "              - date: 2025-10-01", "                note: x"]
        elif spec["history"] == "indentless":
            lines += ["            history:", "            - date: 2025-10-01", "              note: y"]
        spans.append((start, len(lines) - 1))
        lines.append("          # between items")
    return nl.join(lines) + nl, spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(item, min_size=1, max_size=5),
    target=st.integers(min_value=0, max_value=4),
    op=st.sampled_from(["done", "start", "block", "note"]),
    nl=st.sampled_from(["\n", "\r\n"]),
    note=titles,
)
def test_only_target_lines_change(items, target, op, nl, note) -> None:  # type: ignore[no-untyped-def]
    target %= len(items)
    text, spans = build(items, nl)
    _, index = load_text(text, "gen.yaml")
    ident, on = f"item-{target}", date(2026, 1, 2)
    outcome = {
        "done": lambda: mark_done(index, [ident], on, note=note),
        "start": lambda: set_status(index, ident, Status.IN_PROGRESS, on, None),
        "block": lambda: set_status(index, ident, Status.BLOCKED, on, note),
        "note": lambda: add_note(index, ident, on, note),
    }[op]()
    new = apply_changes(text, outcome.changes).text
    load_text(new, "gen.yaml")  # still a valid plan
    first, last = spans[target]
    old_lines, new_lines = text.split(nl), new.split(nl)
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert first <= i1 and i2 <= last + 1, (tag, i1, i2, first, last)
    assert new.count("\r\n") == (new.count("\n") if nl == "\r\n" else 0)
