"""Several plans at once (issue 28, parts 3 and 4): a closed plan refuses every edit, `validate`
across plan files, `portfolio`, `show` across a carry, `diff` of a plan and its successor."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SHIPPED, SMALL

CLOSE_AFTER = "  period: {start: 2025-09, end: 2026-12}\n"

# Every command that writes the plan, with arguments that would change the small plan.
EDITS = [
    ("done", "statement", "--date", "2025-10-01", "--reason", "finished after the close"),
    ("start", "statement", "--date", "2025-10-01"),
    ("block", "statement", "--reason", "waiting", "--date", "2025-10-01"),
    ("drop", "statement", "--reason", "not needed", "--date", "2025-10-01"),
    ("reopen", "late", "--reason", "funded", "--date", "2025-12-01"),
    ("note", "statement", "a note", "--date", "2025-10-01"),
    ("revise", "--date", "2025-12-01"),
    ("amend", "kid-b", "--last", "--date", "2025-10-02", "--reason", "typo"),
    ("add", "--under", "fa", "--title", "New", "--date", "2025-10-01"),
    ("modify", "statement", "--title", "Other", "--date", "2025-10-01"),
    ("move", "late", "--under", "parent"),
    ("edit", "statement"),
]


# The subcommands that write the plan, on the small plan with a meeting `m1` held before the close.
SUB_EDITS = {
    "meeting add": ("meeting", "add", "--date", "2025-10-02"),
    "meeting item add": ("meeting", "item", "add", "m1", "--kind", "other", "--title", "More"),
    "meeting outcome": ("meeting", "outcome", "m1", "--text", "Held.", "--date", "2025-10-02"),
    "request add": ("request", "add", "--kind", "thematic-session", "--subject", "S", "--by", "Canada",
                    "--date", "2025-10-02"),
}  # fmt: skip
WITH_A_MEETING = "meetings:\n  - id: m1\n    date: 2025-10-01\n"


def _forced(typer_app: Any, prefix: str = "") -> set[str]:
    """The commands and subcommands, as typed ("meeting item add"), that take --force."""
    found = {
        prefix + (c.name or c.callback.__name__)
        for c in typer_app.registered_commands
        if c.callback is not None and "force" in c.callback.__annotations__
    }
    for group in typer_app.registered_groups:
        sub = group.typer_instance
        found |= _forced(sub, f"{prefix}{group.name or sub.info.name} ")
    return found


def test_the_edit_commands_are_all_listed() -> None:
    """A command or subcommand that takes --force (an edit a closed plan refuses) is listed, or
    tested below (translations --import)."""
    from iwgplan.cli.app import app

    assert _forced(app) == {step[0] for step in EDITS} | {"translations"} | set(SUB_EDITS)


def test_importing_translations_into_a_closed_plan_is_refused_without_force(cli, small: Path) -> None:
    sheet = small.parent / "t.csv"
    assert cli("translations", "--plan", small, "--lang", "fr", "--format", "csv", "-o", sheet).code == 0
    rows = sheet.read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("plan.title,") and rows[1].endswith(",")
    sheet.write_text("\n".join([rows[0], rows[1] + "Petit plan", *rows[2:]]) + "\n", encoding="utf-8")
    text = small.read_text(encoding="utf-8")
    small.write_text(text.replace(CLOSE_AFTER, CLOSE_AFTER + "  closed: 2026-12-31\n", 1), encoding="utf-8")
    before = small.read_bytes()
    run = cli("translations", "--import", sheet, "--plan", small)
    assert run.code == 1 and "was closed on 2026-12-31" in run.err and "--force" in run.err
    assert small.read_bytes() == before
    forced = cli("translations", "--import", sheet, "--plan", small, "--force")
    assert forced.code == 0, forced.err
    assert "Petit plan" in small.read_text(encoding="utf-8")


@pytest.mark.parametrize("step", [*EDITS, *SUB_EDITS.values()], ids=[*(s[0] for s in EDITS), *SUB_EDITS])
def test_every_edit_of_a_closed_plan_is_refused_without_force(
    cli, small: Path, step: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    text = small.read_text(encoding="utf-8") + WITH_A_MEETING
    small.write_text(text.replace(CLOSE_AFTER, CLOSE_AFTER + "  closed: 2026-12-31\n", 1), encoding="utf-8")
    before = small.read_bytes()
    # An editor that changes the title and leaves a mark that it ran.
    ran = tmp_path / "editor-ran"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        f"pathlib.Path({str(ran)!r}).write_text('x')\n"
        "p = pathlib.Path(sys.argv[-1]); p.write_text(p.read_text().replace('Joint statement', 'Other'))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    run = cli(*step, "--plan", small)
    assert run.code == 1, run.err
    assert "was closed on 2026-12-31" in run.err and "--force" in run.err
    assert small.read_bytes() == before and not ran.exists()
    forced = cli(*step, "--plan", small, "--force")
    assert forced.code == 0, forced.err
    assert small.read_bytes() != before


# --- validate across files -------------------------------------------------------------------


def _plan(
    folder: Path, name: str, plan_id: str, period: str, *, closed: bool = False, carry: str = ""
) -> Path:
    """The small plan under another id and period; `statement` carried from ``carry`` if given."""
    text = SMALL.read_text(encoding="utf-8").replace("  id: small-plan\n", f"  id: {plan_id}\n", 1)
    text = text.replace(
        CLOSE_AFTER, f"  period: {period}\n" + ("  closed: 2026-12-31\n" if closed else ""), 1
    )
    if carry:
        text = text.replace(
            "            due: mc14\n", f"            due: mc14\n            carried_from: {carry}\n", 1
        )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _where(path: Path, needle: str) -> str:
    """``:LINE:COL:`` of the first key ``needle`` in the file (the column of the key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, text in enumerate(lines, 1):
        if text.lstrip().startswith(needle):
            return f":{n}:{len(text) - len(text.lstrip()) + 1}:"
    raise AssertionError(needle)


# The small plan's history and milestone lie in the new period.
OLD_PERIOD, NEW_PERIOD = "{start: 2023-01, end: 2025-08}", "{start: 2025-09, end: 2026-12}"


def test_a_folder_of_plans_that_agree_is_valid(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan(tmp_path, "a.yaml", "old", OLD_PERIOD, closed=True)
    _plan(tmp_path, "b.yaml", "new", NEW_PERIOD, carry="old#statement")
    run = cli("validate", tmp_path)
    assert run.code == 0, run.out
    assert run.out.count(": valid\n") == 2


@pytest.mark.parametrize(
    ("carry", "message"),
    [
        ("old#no-such-item", "'old#no-such-item' names no item of"),
        ("old#kid-c", "'old#kid-c' names no item of"),
        ("old#kid-a", None),  # a sub-point
        ("new#statement", "is a cycle of carries"),  # itself
        ("new#late", None),  # another item of its own plan: allowed
    ],
)
def test_a_carry_that_names_no_item_or_itself_is_an_error_at_its_key(
    cli, tmp_path: Path, carry: str, message: str | None
) -> None:  # type: ignore[no-untyped-def]
    _plan(tmp_path, "a.yaml", "old", OLD_PERIOD, closed=True)
    new = _plan(tmp_path, "b.yaml", "new", NEW_PERIOD, carry=carry)
    for args in ((tmp_path,), (tmp_path / "a.yaml", new), (new,)):  # a folder, two files, one file
        run = cli("validate", *args)
        if message is None:
            assert run.code == 0, run.out
            continue
        assert run.code == 1, run.out
        assert f"{new}{_where(new, 'carried_from')}" in run.out and message in run.out


def test_a_cycle_of_carries_across_plans_is_an_error_in_each(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = _plan(tmp_path, "a.yaml", "old", OLD_PERIOD, closed=True, carry="new#statement")
    b = _plan(tmp_path, "b.yaml", "new", NEW_PERIOD, carry="old#statement")
    run = cli("validate", tmp_path, "--format", "json")
    assert run.code == 1
    data = {r["path"]: r for r in json.loads(run.out)}
    for path in (a, b):
        (error,) = data[str(path)]["errors"]
        assert "cycle of carries" in error["message"]
        assert f":{error['line']}:{error['column']}:" == _where(path, "carried_from")


def test_two_open_plans_for_overlapping_periods(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = _plan(tmp_path, "a.yaml", "old", OLD_PERIOD)
    b = _plan(tmp_path, "b.yaml", "new", "{start: 2025-08, end: 2026-12}")  # one month in common
    run = cli("validate", tmp_path)
    assert run.code == 1
    for path, other in ((a, b), (b, a)):
        assert f"{path}{_where(path, 'period:')} plan.period: this plan and {other} are both open" in run.out
    # Closed, or the periods apart: no problem.
    _plan(tmp_path, "a.yaml", "old", OLD_PERIOD, closed=True)
    assert cli("validate", tmp_path).code == 0
    _plan(tmp_path, "a.yaml", "old", OLD_PERIOD)
    _plan(tmp_path, "b.yaml", "new", NEW_PERIOD)
    assert cli("validate", tmp_path).code == 0


def test_a_carry_from_a_plan_not_beside_it_is_a_note(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new = _plan(tmp_path, "b.yaml", "new", NEW_PERIOD, carry="elsewhere#statement")
    run = cli("validate", new)
    assert run.code == 0, run.out
    where = _where(new, "carried_from")[1:-1]
    assert f"{new}: note: {where}: statement: carried_from 'elsewhere#statement' names a plan" in run.out
    assert f"{new}: valid" in run.out


def test_one_plan_that_carries_nothing_reads_no_plan_beside_it(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate FILE` reads the plans of its folder for its carries only: a plan that carries
    nothing is checked alone (the same answer, without reading a folder of large plans), and
    one that carries reads them all (counted by the files read, not by time)."""
    from iwgplan.files import family

    read: list[str] = []
    real = family.read_member
    monkeypatch.setattr(
        family, "read_member", lambda path, shown=None: read.append(path.name) or real(path, shown)
    )
    old = _plan(tmp_path, "a.yaml", "old", OLD_PERIOD, closed=True)
    for n in range(3):
        shutil.copyfile(old, tmp_path / f"other-{n}.yaml")
    alone = cli("validate", old)
    assert alone.code == 0 and read == ["a.yaml"], read
    read.clear()
    new = _plan(tmp_path, "b.yaml", "new", NEW_PERIOD, carry="elsewhere#statement")
    carries = cli("validate", new)
    assert carries.code == 0 and "names a plan that is not among" in carries.out
    assert sorted(read) == ["a.yaml", "b.yaml", "other-0.yaml", "other-1.yaml", "other-2.yaml"], read


def test_two_plans_with_one_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan(tmp_path, "a.yaml", "same", OLD_PERIOD, closed=True)
    b = _plan(tmp_path, "b.yaml", "same", NEW_PERIOD)
    run = cli("validate", tmp_path)
    assert (
        run.code == 1 and f"{b}{_where(b, 'id: same')} plan.id: plan id 'same' is also the id of" in run.out
    )


def test_a_folder_without_plans_is_a_user_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("validate", tmp_path)
    assert run.code == 1 and "no plan files" in run.err


def test_the_shipped_plan_validates_alone_and_as_a_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copyfile(SHIPPED, tmp_path / SHIPPED.name)
    assert cli("validate", tmp_path).code == 0


# --- the end to end: from the plan as issued to its successor ------------------------


def test_from_one_plan_to_the_next(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """tests/test_variance.py's year of progress, then the successor, progress in it, the
    portfolio, `show` across the carry and `diff` old → new with carried items matched."""
    import re

    from tests.helpers import git
    from tests.helpers.succession import a_year_of_progress, git_identity, issued_repo

    git_identity(monkeypatch)
    root = tmp_path / "repo"
    old = issued_repo(root)
    a_year_of_progress(cli, old)
    git(root, "commit", "-qam", "A year of progress")
    run = cli("successor", "--plan", old, "--period", "2027-01..2028-12", "--date", "2027-01-31")
    assert run.code == 0, run.err
    new = root / "plans" / "workplan-2027-2028.yaml"
    # The drafters give the toolkit a shorter id; its carried_from still names the old one.
    text = new.read_text(encoding="utf-8")
    assert len(re.findall(r"(?m)^ +- id: msme-toolkit$", text)) == 1
    new.write_text(re.sub(r"(?m)^( +- id:) msme-toolkit$", r"\1 msme-kit", text), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Work Plan 2027-2028 started")
    # Progress in the new plan.
    for step in (
        ("done", "msme-kit", "--date", "2027-03-01"),
        ("start", "joint-statement", "--date", "2027-02-01"),
    ):
        assert cli(*step, "--future", "--plan", new).code == 0
    monkeypatch.chdir(root)

    # portfolio: one block per plan, then the carries.
    data = json.loads(cli("portfolio", "--format", "json", "--as-of", "2027-03-31").out)
    plans = {p["id"]: p for p in data["plans"]}
    assert [p["path"] for p in data["plans"]] == [
        "plans/workplan-2025-2026.yaml",
        "plans/workplan-2027-2028.yaml",
    ]
    assert plans["iwg-workplan-2025-2026"]["closed"] == "2027-01-31"
    assert plans["iwg-workplan-2027-2028"]["closed"] is None
    # Old: 1 done of 14 deliverables, 1 dropped: 1/13 = 7.7%; new: 1 done of 12: 8.3%.
    assert plans["iwg-workplan-2025-2026"]["done_percent"] == 8
    assert plans["iwg-workplan-2027-2028"]["done_percent"] == 8
    assert sum(plans["iwg-workplan-2027-2028"]["counts"].values()) == 12
    newer = plans["iwg-workplan-2027-2028"]["counts"]
    assert (newer["done"], newer["in-progress"], newer["dropped"]) == (1, 1, 0)
    carried = {c["id"]: c for c in data["carried"]}
    kit = carried["msme-kit"]
    assert kit["status"] == "done" and [(x["plan"], x["id"], x["status"]) for x in kit["carried_from"]] == [
        ("iwg-workplan-2025-2026", "msme-toolkit", "in-progress")
    ]
    assert "in-progress 2025-10-15" in kit["carried_from"][0]["history"]
    assert {"compendium-2020", "hackathons", "agenda-process"}.isdisjoint(carried)
    assert data["summary"].startswith("2 plans (1 open, 1 closed); ")
    screen = cli("portfolio", "--as-of", "2027-03-31")
    assert screen.code == 0
    assert (
        "2025-09 to 2026-12 · closed 2027-01-31" in screen.out and "2027-01 to 2028-12 · open" in screen.out
    )
    assert (
        "iwg-workplan-2027-2028#msme-kit (done) ← iwg-workplan-2025-2026#msme-toolkit (in-progress)"
        in screen.out
    )
    md = cli("portfolio", "--format", "markdown").out
    assert "| iwg-workplan-2025-2026 | " in md and "### Carried across plans (" in md
    # `status --all`, as the issue names it, is the portfolio: same output, same options.
    for options in ((), ("--format", "json"), ("--format", "markdown")):
        same = cli("status", "--all", "--as-of", "2027-03-31", *options)
        assert (same.code, same.out) == (0, cli("portfolio", "--as-of", "2027-03-31", *options).out)

    # show follows the carry into the plan before.
    shown = cli("show", "msme-kit")
    assert shown.code == 0, shown.err
    after = shown.out.split("carried from\n", 1)[1]
    assert (
        "iwg-workplan-2025-2026#msme-toolkit  in-progress" in after
        and "plans/workplan-2025-2026.yaml" in after
    )
    assert "in-progress 2025-10-15" in after
    as_json = json.loads(cli("show", "msme-kit", "--format", "json").out)
    assert as_json["carried_from"] == "iwg-workplan-2025-2026#msme-toolkit"
    assert as_json["carried_from_items"][0]["status"] == "in-progress"
    assert "### Carried from" in cli("show", "msme-kit", "--format", "markdown").out
    # An item the new plan did not carry has no such section.
    added = ("add", "--under", "data", "--title", "Data hub", "--date", "2027-03-02", "--future")
    assert cli(*added).code == 0
    fresh = cli("show", "data-hub")
    assert fresh.code == 0 and "carried from" not in fresh.out
    git(root, "commit", "-qam", "Progress in 2027")

    # diff old → new: carried items matched (the renamed one too), left-behind ones removed.
    changes = json.loads(
        cli("diff", "plans/workplan-2025-2026.yaml", "plans/workplan-2027-2028.yaml", "--format", "json").out
    )
    items = [c for c in changes["changes"] if c["entity"] == "action_point"]
    assert {c["id"] for c in items if c["kind"] == "added"} == {"data-hub"}
    removed = {c["id"] for c in items if c["kind"] == "removed"}
    assert removed == {"compendium-2020", "hackathons", "agenda-process"}
    (renamed,) = [c for c in items if c.get("field") == "id"]
    assert (renamed["id"], renamed["old"], renamed["new"]) == ("msme-kit", "msme-toolkit", "msme-kit")
    status = {c["id"]: (c["old"], c["new"]) for c in items if c.get("field") == "status"}
    assert status["msme-kit"] == ("in-progress", "done")
    assert status["joint-statement"] == ("planned", "in-progress")

    # validate the folder: the two plans agree.
    assert cli("validate", "plans").code == 0


def _families() -> dict[str, list[str]]:
    from tests.helpers.character_families import BIDI, C0, C1, INVISIBLE

    return {"C0": C0, "C1": C1, "bidi": BIDI, "invisible": INVISIBLE}


@pytest.mark.parametrize("family", ["C0", "C1", "bidi", "invisible"])
def test_a_carried_title_with_any_control_or_invisible_character_is_shown_visible(
    cli, tmp_path: Path, family: str
) -> None:  # type: ignore[no-untyped-def]
    """Every character of the family in the earlier plan's title (a YAML double-quoted scalar,
    each as an escape): portfolio and show never print one raw."""
    from iwgplan.render.safe import line

    chars = [c for c in _families()[family] if line(c) != c]  # those the house shows otherwise
    assert chars
    folder = tmp_path / "plans"
    folder.mkdir()
    old = _plan(folder, "a.yaml", "old", OLD_PERIOD, closed=True)
    title = '"Joint' + "".join(f"\\U{ord(c):08X}" for c in chars) + 'statement"'
    old.write_text(old.read_text(encoding="utf-8").replace("title: Joint statement", f"title: {title}", 1))
    new = _plan(folder, "b.yaml", "new", NEW_PERIOD, carry="old#statement")
    for args in (
        ("portfolio", folder),
        ("portfolio", folder, "--format", "markdown"),
        ("portfolio", folder, "--format", "json"),
        ("show", "statement", "--plan", new),
        ("show", "statement", "--plan", new, "--format", "markdown"),
        ("show", "statement", "--plan", new, "--format", "json"),
    ):
        run = cli(*args)
        assert run.code == 0, (args, run.err)
        assert "old#statement" in run.out or '"plan": "old"' in run.out
        assert "Joint" in run.out
        raw = [f"U+{ord(c):04X}" for c in chars if c in run.out.replace("\n", "")]
        assert raw == [], args


@pytest.mark.parametrize(
    "option", [("--horizon", "3"), ("--since", "2025-10-01"), ("--owner", "x"), ("--full",), ("--wide",)]
)
def test_status_all_refuses_the_options_of_one_plan(cli, tmp_path: Path, option: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = _plan(folder, "a.yaml", "old", OLD_PERIOD, closed=True)
    run = cli("status", "--all", *option, "--plan", plan)
    assert run.code == 2 and run.out == ""
    assert "status --all shows every plan, as `iwgplan portfolio` does, and takes its options" in run.err
    assert f"not {option[0]}" in run.err


def test_status_all_from_the_command_line(tmp_path: Path) -> None:
    """The start-up path hands `status --all` to the Typer app (the table leaves --all out)."""
    import subprocess

    folder = tmp_path / "plans"
    folder.mkdir()
    _plan(folder, "a.yaml", "old", OLD_PERIOD, closed=True)
    _plan(folder, "b.yaml", "new", NEW_PERIOD, carry="old#statement")
    runs = [
        subprocess.run(
            [sys.executable, "-m", "iwgplan", *args, "--as-of", "2026-01-01"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        for args in (("status", "--all"), ("portfolio",))
    ]
    assert runs[0].returncode == runs[1].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.startswith("2 plans (1 open, 1 closed); 1 item carried across plans")
