"""`iwgplan variance` and the report's "Changes to the plan since its issue": the plan against
the plan as issued, on real git repositories, with the numbers worked out by hand."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.helpers import SHIPPED
from tests.helpers.succession import BASELINE_LINE, a_year_of_progress, git_identity, issued_repo


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    git_identity(monkeypatch)


def test_variance_numbers_by_hand(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = issued_repo(tmp_path / "repo")
    a_year_of_progress(cli, plan)
    run = cli("variance", "--plan", plan, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    # (28 + 17) / 2 = 22.5 days on average.
    assert data["summary"] == (
        "2 items slipped, by 22.5 days on average; 1 added; 1 dropped;"
        " 1 moved without a date the document states (no slip to show)"
    )
    assert data["baseline"] == "issued:plans/workplan-2025-2026.yaml"
    items = {i["id"]: i for i in data["items"]}
    back = items["report-back-duty"]
    assert (back["planned"], back["planned_date"], back["current_date"], back["slip_days"]) == (
        "report-back",
        "2027-01-31",
        "2027-02-28",
        28,
    )
    assert back["reasons"] == ["the IWG meets in February"]
    assert items["agenda-process"]["slip_days"] == 17
    joint = items["joint-statement"]
    assert joint["slip_days"] is None and joint["stated"] is False
    assert joint["note"] == "the document states no date for it"
    assert joint["reasons"] == ["after MC14"]
    assert (
        items["compendium-2020"]["completed"] == "2026-03-20"
        and items["compendium-2020"]["slip_days"] is None
    )
    assert data["added"] == [
        {"id": "data-portal", "title": "Data portal", "reason": "asked by Members at MC14"}
    ]
    assert data["dropped"] == [
        {
            "id": "hackathons",
            "title": "Skills enhancement hackathons",
            "reason": "no funding in 2026",
            "how": "dropped",
        }
    ]
    text = cli("variance", "--plan", plan)
    assert text.code == 0
    assert "2 items slipped, by 22.5 days on average; 1 added; 1 dropped" in text.out
    assert "report-back-duty: report-back (2027-01-31) → 2027-02 (2027-02-28), +28 days" in text.out
    assert "no slip to show: the document states no date for it" in text.out
    # `added: REASON` is still an addition to a replay: not in the plan before the day it joined.
    before = cli("show", "data-portal", "--plan", plan, "--as-of", "2026-03-31")
    after = cli("show", "data-portal", "--plan", plan, "--as-of", "2026-04-01")
    assert before.code == 1 and after.code == 0
    md = cli("variance", "--plan", plan, "--format", "markdown")
    assert (
        "| agenda-process | agenda-meeting (2025-07-03) | 2025-07-20 | +17 days | planned | the meeting moved |"
        in md.out
    )


def test_against_overrides_and_a_file_baseline(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = issued_repo(tmp_path / "repo", baseline=None)
    run = cli("variance", "--plan", plan)
    assert run.code == 1 and "no baseline to compare with" in run.err
    issued = tmp_path / "issued.yaml"
    issued.write_bytes(plan.read_bytes())
    assert (
        cli("modify", "report-back-duty", "--due", "2027-03", "--reason", "later", "--plan", plan).code == 0
    )
    by_file = json.loads(cli("variance", "--plan", plan, "--against", issued, "--format", "json").out)
    by_tag = json.loads(cli("variance", "--plan", plan, "--against", "issued", "--format", "json").out)
    # 2027-01-31 to 2027-03-31: 28 + 31 = 59 days.
    assert by_file["items"] == by_tag["items"]
    assert by_file["mean_slip_days"] == 59


def test_a_baseline_that_cannot_be_read_is_a_user_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = issued_repo(tmp_path / "repo", baseline="no-such-tag")
    run = cli("variance", "--plan", plan)
    assert run.code == 1
    assert "baseline no-such-tag: cannot read no-such-tag:plans/workplan-2025-2026.yaml" in run.err
    assert cli("variance", "--plan", plan, "--against", "--upload-pack=x").code in (1, 2)


UNSEEN = [chr(c) for c in range(0x20)] + [
    "\x7f",
    "\x85",
    "\xa0",
    "\u00ad",
    "\u200b",
    "\u200e",
    "\u202e",
    "\u2028",
    "\u2060",
    "\ufeff",
    " ",
]


@pytest.mark.parametrize("char", UNSEEN, ids=[f"U+{ord(c):04X}" for c in UNSEEN])
def test_a_baseline_with_any_control_or_invisible_character_is_refused_where_it_is(
    cli, tmp_path: Path, char: str
) -> None:  # type: ignore[no-untyped-def]
    """Whatever the character, the value is refused at its line and column: never given to git."""
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir()
    value = json.dumps(f"is{char}sued")  # a double-quoted YAML scalar holds any character
    text = SHIPPED.read_text(encoding="utf-8").replace(
        BASELINE_LINE, BASELINE_LINE + f"  baseline: {value}\n", 1
    )
    plan.write_text(text, encoding="utf-8")
    run = cli("variance", "--plan", plan)
    assert run.code == 1, run.err
    line = text[: text.index("  baseline:")].count("\n") + 1
    assert f":{line}:13:" in run.err and "baseline" in run.err


def test_the_report_back_carries_the_variance_in_every_format(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = issued_repo(tmp_path / "repo")
    a_year_of_progress(cli, plan)
    md = cli("report", "--plan", plan, "--as-of", "2026-12-15")
    assert md.code == 0, md.err
    section = md.out.split("## Changes to the plan since its issue\n", 1)[1].split("\n## ", 1)[0]
    assert "2 items slipped, by 22.5 days on average; 1 added; 1 dropped" in section
    assert (
        "| 4.3 In December 2026-January 2027, the IWG Co-Chairs will report back to the IWG on the implementation"
        " of the Work Plan | 2027-01-31 | 2027-02 (2027-02-28) | +28 days | planned | the IWG meets in February |"
        in section
    )
    assert (
        "- **dropped** Tier two, Gender-disaggregated data in trade, 2 Skills enhancement hackathons (no funding in 2026)"
        in section
    )
    assert (
        "- **added** Tier two, Gender-disaggregated data in trade, • Data portal (asked by Members at MC14)"
        in section
    )
    html = cli("report", "--plan", plan, "--format", "html", "-o", tmp_path / "r.html")
    assert html.code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<h2>Changes to the plan since its issue</h2>" in page
    assert "<td>the IWG meets in February</td>" in page and "+28 days" in page
    docx = cli("report", "--plan", plan, "--format", "docx", "-o", tmp_path / "r.docx")
    assert docx.code == 0
    with zipfile.ZipFile(io.BytesIO((tmp_path / "r.docx").read_bytes())) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Changes to the plan since its issue" in body
    assert "the IWG meets in February" in body and "+28 days" in body and "no funding in 2026" in body
    # A plan that names no baseline has no such section.
    plain = cli("report", "--plan", SHIPPED)
    assert plain.code == 0 and "Changes to the plan since its issue" not in plain.out


def test_successor_carries_what_is_left_open_and_closes_the_old_plan(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from iwgplan.files.loading import load_text

    root = tmp_path / "repo"
    old = issued_repo(root)
    a_year_of_progress(cli, old)
    before = old.read_bytes()
    dry = cli("successor", "--plan", old, "--period", "2027-01..2028-12", "--date", "2027-01-31", "--dry-run")
    assert dry.code == 0, dry.err
    assert (
        "left behind: 3: compendium-2020 (done), hackathons (dropped), agenda-process (before the old plan's issue)"
        in dry.out
    )
    assert old.read_bytes() == before and not (root / "plans" / "workplan-2027-2028.yaml").exists()

    run = cli(
        "successor",
        "--plan",
        old,
        "--period",
        "2027-01..2028-12",
        "--date",
        "2027-01-31",
        "--issued-by",
        "Canada",
    )
    assert run.code == 0, run.err
    new = root / "plans" / "workplan-2027-2028.yaml"
    # The old plan: one line added, nothing else touched.
    after = old.read_bytes()
    assert after == before.replace(
        BASELINE_LINE.encode() + b"  baseline: issued\n",
        BASELINE_LINE.encode() + b"  baseline: issued\n  closed: 2027-01-31\n",
    )
    plan, index = load_text(new.read_text(encoding="utf-8"), "new")
    assert plan.plan.id == "iwg-workplan-2027-2028" and plan.plan.issued_by == ["Canada"]
    assert (str(plan.plan.period.start), str(plan.plan.period.end)) == ("2027-01", "2028-12")
    ids = set(index.by_id)
    assert {"compendium-2020", "hackathons", "agenda-process"}.isdisjoint(ids)
    assert {"msme-toolkit", "joint-statement", "data-portal", "sec-support"} <= ids
    msme = index.by_id["msme-toolkit"].item
    assert msme.carried_from == "iwg-workplan-2025-2026#msme-toolkit"
    assert msme.status.value == "in-progress" and msme.due is None and msme.completed is None
    assert "in-progress 2025-10-15" in (msme.history[0].note or "")
    assert index.by_id["sec-support"].item.kind == "standing"
    assert all(e.item.due is None for e in index.entries)
    assert [t.id for t in plan.tiers] == ["tier1", "tier2", "tier3"]

    # The closed plan refuses edits, says why, and takes them with --force.
    refused = cli("note", "joint-statement", "late news", "--plan", old)
    assert refused.code == 1 and "was closed on 2027-01-31" in refused.err and "--force" in refused.err
    assert old.read_bytes() == after
    assert cli("note", "joint-statement", "late news", "--plan", old, "--force").code == 0
    again = cli("successor", "--plan", old, "--period", "2027-01..2028-12")
    assert again.code == 1 and "already closed" in again.err

    # With the old plan closed, plans/ holds one open plan: commands find it without --plan.
    os.chdir(root)
    status = cli("status")
    assert status.code == 0 and "plans/workplan-2027-2028.yaml" in status.out
    assert cli("start", "joint-statement", "--date", "2027-02-01", "--future").code == 0
    assert (
        load_text(new.read_text(encoding="utf-8"), "new")[1].by_id["joint-statement"].item.status.value
        == "in-progress"
    )


def test_the_successor_drafted_before_its_period_starts(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Secretariat drafts the 2027-2028 plan in December 2026: the carried items' history
    entries are dated that day, before the new period, and the new plan is valid (the plan's
    own date is a day it speaks of); a history date before the plan's date is still an error."""
    root = tmp_path / "repo"
    old = issued_repo(root)
    a_year_of_progress(cli, old)
    run = cli("successor", "--plan", old, "--period", "2027-01..2028-12", "--date", "2026-12-07")
    assert run.code == 0, run.err
    new = root / "plans" / "workplan-2027-2028.yaml"
    text = new.read_text(encoding="utf-8")
    assert "  date: 2026-12-07\n" in text and "- date: 2026-12-07\n" in text
    checked = cli("validate", root / "plans")
    assert checked.code == 0, checked.out
    new.write_text(text.replace("- date: 2026-12-07\n", "- date: 2026-11-30\n", 1), encoding="utf-8")
    wrong = cli("validate", new)
    assert wrong.code == 1 and "history date 2026-11-30 is before the plan's start (2026-12-07)" in wrong.out


@pytest.mark.parametrize(
    "period", ["2027-01", "2028-12..2027-01", "2027-13..2028-12", "x..y", "2027-01..", ""]
)
def test_a_period_that_is_not_start_end_is_a_usage_error(cli, tmp_path: Path, period: str) -> None:  # type: ignore[no-untyped-def]
    plan = issued_repo(tmp_path / "repo")
    before = plan.read_bytes()
    run = cli("successor", "--plan", plan, "--period", period)
    assert run.code == 2 and "--period" in run.err
    assert plan.read_bytes() == before and len(list(plan.parent.iterdir())) == 1


@pytest.mark.parametrize(
    ("line", "closed"),
    [
        ("  closed: 2027-01-31\n", "2027-01-31"),
        ("  closed: '2027-01-31'\n", "2027-01-31"),
        ('  closed: "2027-01-31"\n', "2027-01-31"),
        ("  closed: 2027-01-31   # by iwgplan successor\n", "2027-01-31"),
        ("  # closed: 2027-01-31\n", None),  # a comment
        ("  closed_note: 2027-01-31\n", None),  # another key
    ],
)
def test_which_plan_of_a_folder_is_open(tmp_path: Path, line: str, closed: str | None) -> None:
    """A closed plan beside its successor: the successor is the plan, whatever the quoting; a
    plan closed some way the scan does not read counts as open, so the folder asks for --plan."""
    from iwgplan.errors import UsageError
    from iwgplan.files.discover import closed_on, find_plan_path

    folder = tmp_path / "plans"
    folder.mkdir()
    old, new = folder / "a-2025.yaml", folder / "b-2027.yaml"
    old.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(BASELINE_LINE, BASELINE_LINE + line, 1), encoding="utf-8"
    )
    new.write_bytes(SHIPPED.read_bytes())
    assert closed_on(old) == closed and closed_on(new) is None
    if closed:
        assert find_plan_path(None, tmp_path) == new
    else:
        with pytest.raises(UsageError, match="holds several plans"):
            find_plan_path(None, tmp_path)


def test_a_closed_key_elsewhere_or_a_flow_style_plan_is_not_a_close(tmp_path: Path) -> None:
    from iwgplan.files.discover import closed_on

    text = "schema_version: 2\nplan: {id: x, closed: 2027-01-31}\ntiers:\n  - id: t\n    closed: 2027-01-31\n"
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert closed_on(path) is None
    deeper = "plan:\n  id: x\n  period:\n    closed: 2027-01-31\n"
    path.write_text(deeper, encoding="utf-8")
    assert closed_on(path) is None
