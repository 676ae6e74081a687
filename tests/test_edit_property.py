"""Property: for generated plans and random edits, every line outside the target item is untouched.

The generated items end in every style a person writes: block scalars (clip, keep, strip,
folded), history lists in block, indentless, `-   date:` and flow style (with a trailing comma),
and blank lines and comments between items. An item's span runs from its dash line to its last
content line; the blank lines and comments after it belong to what follows, so they must stay
byte-identical, as must every line before the item.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwgplan.edit.progress import add_note, mark_done, reopen, set_status
from iwgplan.edit.splice import apply_changes, scalar
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
            + ["Côte d'Ivoire", "Türkiye", "\u2028", "\t", "\x85", "\ufeff", "\x1b", "\x01", "\x7f"]
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)

# A block scalar as an item's last key: (lines, whether its trailing blank lines are its own).
BLOCKS = {
    "none": ([], False),
    "clip": (["            description: |", "              one", "", "              two"], False),
    "clip-blank": (["            description: |", "              one", "", "              two", ""], False),
    "keep": (["            description: |+", "              kept", "", ""], True),
    "strip": (["            description: >-", "              folded", "              text"], False),
    "indented-comment": (
        ["            description: |", "              x", "                # not a comment"],
        False,
    ),
}
HISTORY = {
    "none": [],
    "empty": ["            history: []"],
    "flow": ["            history: [{date: 2025-10-01, note: 'a, b'}]"],
    "flow-comma": ["            history: [{date: 2025-10-01, note: x},]"],
    "block": ["            history:", "              - date: 2025-10-01", "                note: x"],
    "indentless": ["            history:", "            - date: 2025-10-01", "              note: y"],
    "four-space": ["            history:", "              -   date: 2025-10-01", "                  note: z"],
    "block-note": [
        "            history:",
        "              - date: 2025-10-01",
        "                note: |",
        "                  first",
        "                  second",
    ],
}
BETWEEN = {
    "nothing": [],
    "comment": ["          # between items"],
    "blank": [""],
    "blank-comment": ["", "          # the next item's comment", ""],
    "outdented-comment": ["# far left"],
}

item = st.fixed_dictionaries(
    {
        "title": titles,
        "quote": st.sampled_from(["", "'", '"']),
        "done": st.booleans(),
        "dash_completed": st.booleans(),
        "history": st.sampled_from(list(HISTORY)),
        "block": st.sampled_from(list(BLOCKS)),
        "owners": st.booleans(),
        "comment": st.booleans(),
        "between": st.sampled_from(list(BETWEEN)),
    }
)


def build(items: list[dict[str, object]], nl: str) -> tuple[str, list[tuple[int, int]]]:
    """The plan's text and each item's span (first line, last content line), 0-based."""
    lines = list(HEAD)
    spans = []
    for i, spec in enumerate(items):
        start = len(lines)
        q = spec["quote"]
        status = "done" if spec["done"] else "planned"
        if spec["done"] and spec["dash_completed"]:
            lines += ["          - completed: 2025-12-01", f"            id: item-{i}"]
        else:
            lines.append(f"          - id: item-{i}")
        lines.append(f"            title: {scalar(str(spec['title']))}")
        lines.append(f"            status: {q}{status}{q}" + ("   # a comment" if spec["comment"] else ""))
        if spec["done"] and not spec["dash_completed"]:
            lines.append("            completed: 2025-12-01")
        if spec["owners"]:
            lines.append("            owners: [Côte d'Ivoire, Türkiye]")
        lines += HISTORY[str(spec["history"])]
        block, kept = BLOCKS[str(spec["block"])]
        lines += block
        content_end = len(lines) - 1
        while lines[content_end].strip() == "" and content_end > start:
            content_end -= 1
        lines += BETWEEN[str(spec["between"])]
        if kept:  # `|+` keeps every blank line after its text, even those meant as spacing
            while content_end + 1 < len(lines) and not lines[content_end + 1].strip():
                content_end += 1
        spans.append((start, content_end))
    return nl.join(lines) + nl, spans


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(item, min_size=1, max_size=5),
    target=st.integers(min_value=0, max_value=4),
    op=st.sampled_from(["done", "start", "block", "note", "reopen"]),
    nl=st.sampled_from(["\n", "\r\n", "\r"]),
    note=titles,
)
def test_only_target_lines_change(items, target, op, nl, note) -> None:  # type: ignore[no-untyped-def]
    target %= len(items)
    text, spans = build(items, nl)
    _, index = load_text(text, "gen.yaml")
    ident, on = f"item-{target}", date(2026, 1, 2)
    done = items[target]["done"]
    outcome = {
        "done": lambda: mark_done(index, [ident], on, note=note),
        # a done item is reopened (the transition table refuses start and block on it)
        "start": lambda: (
            reopen(index, ident, on, "again", Status.IN_PROGRESS)
            if done
            else set_status(index, ident, Status.IN_PROGRESS, on, None)
        ),
        "block": lambda: (
            reopen(index, ident, on, note, Status.PLANNED)
            if done
            else set_status(index, ident, Status.BLOCKED, on, note)
        ),
        "note": lambda: add_note(index, ident, on, note),
        "reopen": lambda: reopen(index, ident, on, note, Status.PLANNED),
    }[op]()
    new = apply_changes(text, outcome.changes).text
    load_text(new, "gen.yaml")  # still a valid plan
    first, last = spans[target]
    old_lines, new_lines = text.split(nl), new.split(nl)
    after = len(old_lines) - last - 1
    assert new_lines[:first] == old_lines[:first]
    assert new_lines[len(new_lines) - after :] == old_lines[last + 1 :]
    assert new.endswith(nl)
    breaks = new.count("\r\n"), new.count("\n"), new.count("\r")
    assert breaks == {"\n": (0, breaks[1], 0), "\r\n": (breaks[0],) * 3, "\r": (0, 0, breaks[2])}[nl]
