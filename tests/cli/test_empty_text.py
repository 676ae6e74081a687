"""A note or reason that says nothing is refused at the line of the file where it would go."""

from __future__ import annotations

from pathlib import Path

import pytest

BLANKS = ["", " ", "\t", "\n", "  \r\n ", "\u00a0", "\u3000"]

# (command, where the entry would go in tests/fixtures/small.yaml, what the message names)
COMMANDS = [
    (["note", "statement", "{text}"], "33:13: tiers[0].focus_areas[0].action_points[0].id", "note"),
    (["block", "statement", "--reason", "{text}"], "33:13:", "reason"),
    (["drop", "statement", "--reason", "{text}"], "33:13:", "reason"),
    (["done", "statement", "--note", "{text}"], "33:13:", "note"),
    (
        ["reopen", "late", "--reason", "{text}"],
        "62:15: tiers[0].focus_areas[0].action_points[2].history[0]:",
        "reason",
    ),
    # a backdated note goes before the first entry, a later one after the entry before it
    (
        ["note", "kid-b", "{text}", "--date", "2025-09-02"],
        "52:17: tiers[0].focus_areas[0].action_points[1].children[1].history:",
        "note",
    ),
    (
        ["note", "kid-b", "{text}", "--date", "2025-12-01"],
        "53:21: tiers[0].focus_areas[0].action_points[1].children[1].history[0]:",
        "note",
    ),
]


@pytest.mark.parametrize("text", BLANKS, ids=repr)
@pytest.mark.parametrize(
    ("args", "where", "what"), COMMANDS, ids=lambda c: " ".join(c) if isinstance(c, list) else None
)
def test_a_note_that_says_nothing_is_refused_where_it_would_go(
    cli, small: Path, text: str, args: list[str], where: str, what: str
) -> None:
    before = small.read_bytes()
    run = cli(*[a.replace("{text}", text) for a in args], "--plan", small)
    assert run.code == 1
    assert run.err.startswith(f"{small}:{where}"), run.err
    blank = "empty" if not text else "only white space"
    assert f": the {what} is {blank}; its entry would go " in run.err
    assert "iwgplan: the edit (nothing was written) has 1 problem" in run.err
    assert small.read_bytes() == before


def test_a_note_with_text_around_spaces_is_kept(cli, small: Path) -> None:
    run = cli("note", "statement", "  draft shared  ", "--date", "2025-11-01", "--plan", small)
    assert run.code == 0, run.err
    assert 'note: "  draft shared  "' in small.read_text(encoding="utf-8")
