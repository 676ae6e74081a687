"""Titles get the room: wrapped under themselves on a terminal, never cut when piped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iwgplan.files.loading import load_text
from tests.helpers import SHIPPED
from tests.helpers.snapshots import AS_OF, snapshot

TITLES = [e.item.title for e in load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[1].entries]
LONG = [t for t in TITLES if len(t) > 60]
VIEWS = {
    "list": ["list", "--as-of", AS_OF],  # a day of its own: how late an item is depends on it
    "status": ["status", "--as-of", AS_OF],
    "show": ["show", "tpr"],
}


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Output as on a terminal of COLUMNS columns: the path shown is the same in every checkout."""
    monkeypatch.chdir(SHIPPED.parent.parent)
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    return monkeypatch


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_terminal_snapshots_wrap_titles_within_the_width(cli, terminal, view: str, columns: int) -> None:
    terminal.setenv("COLUMNS", str(columns))
    run = cli(*VIEWS[view], "--no-pager", "--color", "never")
    assert run.code == 0, run.err
    assert max(len(line) for line in run.out.splitlines()) <= columns
    if view != "status":  # status is one line per item, titles cut at the width (test_screens.py)
        assert "…" not in run.out.replace("… and", "")  # nothing is cut; "… and 3 more" is a hint
    snapshot(f"{view}-{columns}.txt", run.out)


@pytest.mark.parametrize("columns", [80, 120])
def test_list_on_a_terminal_keeps_every_title_whole(cli, terminal, columns: int) -> None:
    """The title is the last column, so a wrapped title reads on across its continuation lines."""
    terminal.setenv("COLUMNS", str(columns))
    out = _flat(cli("list", "--no-pager", "--color", "never").out)
    for title in TITLES:
        assert _flat(title) in out


@pytest.mark.parametrize("view", ["list", "show"])
def test_piped_output_is_never_cut(cli, terminal, view: str) -> None:
    """`list` and `show` keep whole titles; `status` is one screen, cut at COLUMNS when it is set
    (tests/cli/test_screens.py)."""
    terminal.setattr("iwgplan.cli.output.on_terminal", lambda: False)
    for columns in ("40", "80"):
        terminal.setenv("COLUMNS", columns)
        run = cli(*VIEWS[view])
        assert run.code == 0
        lines = run.out.splitlines()
        shown = [t for t in TITLES if t in run.out]
        for title in shown:  # whole, on one line
            assert any(title in line for line in lines)
        assert "…" not in run.out.replace("… and", "")
        assert all(line == line.rstrip() for line in lines)
    assert sum(t in cli("list").out for t in LONG) == len(LONG)


def test_no_wrap_cuts_titles_to_the_terminal_and_wide_cuts_nothing(cli, terminal) -> None:
    run = cli("list", "--no-wrap", "--no-pager", "--color", "never")
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) == len(cli("list", "--wide", "--no-pager", "--color", "never").out.splitlines())
    assert any(line.endswith("…") for line in lines)
    wide = cli("list", "--wide", "--no-pager", "--color", "never").out
    assert all(t in wide for t in TITLES)
    assert max(len(line) for line in wide.splitlines()) > 80
    assert "IWG Co-Chairs" in wide and "in-progress" not in wide.replace("planned", "")


def test_wide_and_no_wrap_together_are_a_usage_error(cli, terminal) -> None:
    run = cli("list", "--wide", "--no-wrap")
    assert run.code == 2
    assert "--wide and --no-wrap disagree" in run.err


def test_other_columns_shrink_before_the_title(cli, terminal) -> None:
    """At 80 columns the owners go and statuses shorten before a title is wrapped; at 200 they stay."""
    terminal.setenv("COLUMNS", "200")
    wide = cli("list", "--as-of", "2026-03-01", "--no-pager", "--color", "never").out  # nothing late yet
    # "upon request" and "as necessary" (the document's conditions, issue 23) set the width
    assert "planned      2026-03-29 (inferred: MC14's end) IWG Co-Chairs" in wide
    terminal.setenv("COLUMNS", "80")
    narrow = cli("list", "--as-of", "2026-03-01", "--no-pager", "--color", "never").out
    # issue 23: the date keeps its mark however narrow ("(inferred)"), the owners go first
    assert "joint-statement          plan 2026-03-29 (inferred) IWG Co-Chairs Joint" in narrow


def test_a_long_word_in_a_title_is_folded_not_cut(cli, terminal, small: Path) -> None:
    word = "Z" * 150
    small.write_text(small.read_text(encoding="utf-8").replace("title: First kid", f"title: {word}"))
    run = cli("list", "--plan", small, "--no-pager", "--color", "never")
    assert max(len(line) for line in run.out.splitlines()) <= 80
    assert word in "".join(line.strip() for line in run.out.splitlines())


@pytest.mark.parametrize("count", [1, 2])
def test_plurals(cli, small: Path, count: int) -> None:
    run = cli("list", "--plan", small, *(["--status", "blocked"] if count == 1 else ["--tier", "tier1"]))
    last = run.out.splitlines()[-1]
    assert last == ("1 action point" if count == 1 else "5 action points")


def test_plurals_of_days_in_diffs() -> None:
    from iwgplan.views.diff import _days

    assert _days([1]) == "1 day"
    assert _days([-1, 1]) == "up to 1 day"
    assert _days([3]) == "3 days"


def test_tiers_wraps_focus_areas_and_never_cuts_them(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = _flat(cli("tiers", "--plan", SHIPPED).out)
    plan = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[0]
    for tier in plan.tiers:
        for area in tier.focus_areas:
            assert _flat(area.title) in out
    assert "…" not in out
