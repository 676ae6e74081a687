"""Ids by a few letters: every id-taking command accepts a unique case-insensitive prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.files.loading import load_text
from iwgplan.plan.index import AmbiguousId, UnknownId, resolve
from tests.helpers import SHIPPED

# (command and the arguments after the id, the prefix, the id it means); the prefix is typed
# in another case than the id, so prefix and case are tested together.
EDITS = [
    (["done"], "STAT", "statement"),
    (["start"], "Stat", "statement"),
    (["block", "--reason", "funding"], "sTa", "statement"),
    (["drop", "--reason", "merged"], "par", "parent"),
    (["reopen", "--reason", "asked again"], "LA", "late"),
    (["note"], "LAT", "late"),
]


def _args(command: list[str], name: str) -> list[str]:
    args = [command[0], name, *command[1:]]
    return [*args, "a note"] if command[0] == "note" else args


@pytest.mark.parametrize(("command", "prefix", "full"), EDITS, ids=[c[0][0] for c in EDITS])
def test_every_edit_takes_a_unique_prefix_and_says_what_it_meant(
    cli, small: Path, command: list[str], prefix: str, full: str
) -> None:
    run = cli(*_args(command, prefix), "--plan", small)
    assert run.code == 0, run.err
    assert f"iwgplan: {prefix!r} is {full}" in run.err
    assert run.out.startswith(f"{full}: ")


@pytest.mark.parametrize("command", [c[0] for c in EDITS], ids=[c[0][0] for c in EDITS])
def test_every_edit_refuses_an_ambiguous_prefix_with_exit_2_and_writes_nothing(
    cli, small: Path, command: list[str]
) -> None:
    before = small.read_bytes()
    run = cli(*_args(command, "KID"), "--plan", small)
    assert run.code == 2
    assert "'KID' is the beginning of 2 action point ids" in run.err
    assert "  kid-a  First kid\n" in run.err and "  kid-b  Second kid\n" in run.err
    assert small.read_bytes() == before


@pytest.mark.parametrize("command", [c[0] for c in EDITS], ids=[c[0][0] for c in EDITS])
def test_exact_refuses_a_prefix_but_takes_any_case(cli, small: Path, command: list[str]) -> None:
    before = small.read_bytes()
    run = cli(*_args(command, "kid-"), "--plan", small, "--exact")
    assert run.code == 1
    assert "no action point with id 'kid-'; did you mean:" in run.err
    assert small.read_bytes() == before
    run = cli(*_args(command, "KID-B"), "--plan", small, "--exact")
    assert run.code == 0, run.err
    assert "is kid-b" not in run.err  # the same id in another case is not a resolution


def test_done_resolves_each_of_several_prefixes(cli, small: Path) -> None:
    run = cli("done", "kid-a", "KID-B", "stat", "--plan", small, "--date", "2026-02-01")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "kid-a: planned → done on 2026-02-01",
        "kid-b: in-progress → done on 2026-02-01",
        "statement: planned → done on 2026-02-01",
    ]
    assert "iwgplan: 'stat' is statement" in run.err


def test_show_takes_a_prefix_and_refuses_an_ambiguous_one(cli, small: Path) -> None:
    run = cli("show", "stat", "--plan", small)
    assert run.code == 0
    assert "Joint statement" in run.out
    run = cli("show", "k", "--plan", small)
    assert run.code == 2
    assert "kid-a  First kid" in run.err
    run = cli("show", "stat", "--plan", small, "--exact")
    assert run.code == 1


def test_shipped_plan_examples_from_the_issue(cli) -> None:
    assert "joint-statement" in cli("show", "joint", "--plan", SHIPPED).out
    run = cli("show", "workshop", "--plan", SHIPPED)
    assert run.code == 1
    assert "no action point with id 'workshop'; did you mean:" in run.err
    assert "  data-workshops  Data exchange workshops" in run.err


@pytest.fixture(scope="module")
def index():  # type: ignore[no-untyped-def]
    return load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[1]


def test_resolver_family(index) -> None:  # type: ignore[no-untyped-def]
    """Every id resolves from each of its prefixes that no other id begins with, in any case;
    every other prefix is ambiguous, unless it is an id in full."""
    ids = [e.id for e in index.entries]
    for item_id in ids:
        for cut in range(1, len(item_id) + 1):
            prefix = item_id[:cut]
            sharing = [other for other in ids if other.lower().startswith(prefix.lower())]
            whole = [other for other in sharing if other.lower() == prefix.lower()]
            for typed in (prefix, prefix.upper()):
                if whole:  # an id in full wins over the longer ids it begins
                    assert resolve(index, typed).id == whole[0]
                elif len(sharing) == 1:
                    assert resolve(index, typed).id == item_id
                else:
                    with pytest.raises(AmbiguousId) as caught:
                        resolve(index, typed)
                    assert {e.id for e in caught.value.candidates} == set(sharing)
        with pytest.raises(UnknownId):
            resolve(index, item_id[:-1] + "\x00", exact=True)


def test_suggestions_by_spelling_and_by_title_words(index) -> None:  # type: ignore[no-untyped-def]
    def suggested(wanted: str) -> list[str]:
        with pytest.raises(UnknownId) as caught:
            resolve(index, wanted)
        return [e.id for e in caught.value.suggestions]

    assert "joint-statement" in suggested("jiont-statement")  # a typo
    assert "data-workshops" in suggested("workshops")  # a word of the id and the title
    assert suggested("zzzzzz") == []


def test_titles_in_messages_cannot_draw_on_the_terminal(cli, small: Path) -> None:
    text = small.read_text(encoding="utf-8").replace("title: First kid", 'title: "First\\e[2J\\nkid"')
    small.write_text(text, encoding="utf-8")
    run = cli("show", "kid", "--plan", small)
    assert run.code == 2
    assert "\x1b" not in run.err
    assert "kid-a  First\\x1b[2J\\x0akid" in run.err
