"""Issue 23, point 7: provenance follows edits.

A due date changed by `modify --due` takes the basis of that edit (``recorded``, with a note that
says what moved, when and why), and the old inference or default is no longer printed; a due
cleared takes its basis and note with it; a file that never said where its dates come from is
left so. `revise` says what it resets and what it keeps. Every case is run through the CLI and
the file's bytes are compared with what the edit must write, and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import SMALL, TODAY

JOINT = """\
            due: mc14
            due_basis: inferred
            due_note: the document gives no date; the item is under the MC14 focus area
            owners: [IWG Co-Chairs]
            owners_basis: inferred
"""
TOOLKIT_HEAD = "              MSME group and the WTO Secretariat\n            status: planned\n"
TOOLKIT = (
    TOOLKIT_HEAD
    + """\
            due: end
            due_basis: default
            due_note: the document gives no date; the end of the period (4.1)
"""
)


def _recorded(what: str, reason: str) -> str:
    return (
        f'            due_basis: recorded\n            due_note: "{what} by `modify` on {TODAY}: {reason}"\n'
    )


def _history(what: str, reason: str) -> str:
    return f'            history:\n              - date: {TODAY}\n                note: "{what}: {reason}"\n'


# (item, the lines before, --due, the lines the edit must write in their place)
CASES = {
    "inferred to a month": (
        "joint-statement",
        JOINT,
        "2026-12",
        "            due: 2026-12\n"
        + _recorded("due mc14 → 2026-12", "agreed at the IWG meeting")
        + "            owners: [IWG Co-Chairs]\n            owners_basis: inferred\n"
        + _history("due mc14 → 2026-12", "agreed at the IWG meeting"),
    ),
    "default to a day": (
        "msme-toolkit",
        TOOLKIT,
        "2026-10-15",
        TOOLKIT_HEAD
        + "            due: 2026-10-15\n"
        + _recorded("due end → 2026-10-15", "agreed at the IWG meeting"),
    ),
    "default to a milestone": (
        "msme-toolkit",
        TOOLKIT,
        "report-back",
        TOOLKIT_HEAD
        + "            due: report-back\n"
        + _recorded("due end → report-back", "agreed at the IWG meeting"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_modify_due_records_the_basis_of_the_edit(cli, shipped_copy: Path, case: str) -> None:
    ident, before, due, after = CASES[case]
    original = shipped_copy.read_text(encoding="utf-8")
    assert original.count(before) == 1
    run = cli("modify", ident, "--due", due, "--reason", "agreed at the IWG meeting", "--plan", shipped_copy)
    assert run.code == 0, run.err
    written = shipped_copy.read_text(encoding="utf-8")
    if "history" not in after:  # msme-toolkit: its history goes after its last key (refs)
        refs = "            refs: [INF/TGE/W/7/Rev.3]\n"
        expected = original.replace(before, after).replace(
            refs, refs + _history(f"due end → {due}", "agreed at the IWG meeting"), 1
        )
    else:
        expected = original.replace(before, after)
    assert written == expected

    show = cli("show", ident, "--plan", shipped_copy, "--wide", "--no-pager").out
    assert "recorded by an edit" in show and "agreed at the IWG meeting" in show
    assert "the item is under the MC14 focus area" not in show and "the end of the period (4.1)" not in show
    assert (
        "within the period" not in show and "inferred" not in show.split("\ndue basis", 1)[1].split("\n")[0]
    )


def test_a_recorded_date_is_a_deadline_of_its_own(cli, shipped_copy: Path) -> None:
    """Once recorded, the date is the plan's own: late after it, without an "inferred" mark."""
    assert (
        cli("modify", "msme-toolkit", "--due", "2026-10-15", "--reason", "R", "--plan", shipped_copy).code
        == 0
    )
    import json

    status = json.loads(
        cli("status", "--as-of", "2026-11-01", "--format", "json", "--plan", shipped_copy).out
    )
    (late,) = [d for d in status["overdue"] if d["id"] == "msme-toolkit"]
    assert late["due_basis"] == "recorded" and late["date_mark"] == ""
    assert "msme-toolkit" not in {d["id"] for d in status["within_period"]["items"]}


def test_clearing_a_due_takes_its_basis_and_note_with_it(cli, shipped_copy: Path) -> None:
    original = shipped_copy.read_text(encoding="utf-8")
    run = cli("modify", "joint-statement", "--clear", "due", "--reason", "no date", "--plan", shipped_copy)
    assert run.code == 0, run.err
    item = yaml.safe_load(shipped_copy.read_text(encoding="utf-8"))["tiers"][0]["focus_areas"][0][
        "action_points"
    ][0]
    assert not {"due", "due_basis", "due_note"} & item.keys()
    assert shipped_copy.read_text(encoding="utf-8").replace(
        _history("due mc14 removed", "no date"), ""
    ) == original.replace(JOINT, "            owners: [IWG Co-Chairs]\n            owners_basis: inferred\n")


def test_a_file_that_never_gave_a_basis_is_left_so(cli, small: Path) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    dated = next(
        p for t in data["tiers"] for f in t["focus_areas"] for p in f["action_points"] if p.get("due")
    )
    assert "due_basis" not in dated
    run = cli("modify", dated["id"], "--due", "2026-11", "--reason", "R", "--plan", small)
    assert run.code == 0, run.err
    assert "due_basis" not in small.read_text(encoding="utf-8")


def test_revise_says_what_it_resets_and_what_it_keeps(cli, shipped_copy: Path) -> None:
    run = cli("revise", "--date", str(TODAY), "--plan", shipped_copy)
    assert run.code == 0, run.err
    assert (
        "reset: symbol_sources (it was about revision 1); revision_note (it was about revision 1)" in run.out
    )
    assert "kept: every item, its id, status, history, due date and its basis" in run.out
    meta = yaml.safe_load(shipped_copy.read_text(encoding="utf-8"))["plan"]
    assert meta["revision"] == 2 and "revision_note" not in meta and "symbol_sources" not in meta
    status = cli("status", "--plan", shipped_copy, "--no-pager").out
    assert "the tool's reading" not in status
