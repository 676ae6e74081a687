"""`meeting add`, `meeting item add`, `meeting outcome`, `request add`: byte-minimal, verified,
atomic edits, like `add` and `modify`."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.files.loading import check_text
from tests.helpers import SHIPPED, SMALL, TODAY


def _only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, checking that every line of ``before`` is kept, in order."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added, i = [], 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old), "a line of the file was changed or removed"
    return added


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "p.yaml"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def test_three_edits_add_only_their_lines(cli, plan: Path) -> None:
    before = plan.read_text(encoding="utf-8")
    assert (
        cli(
            "meeting",
            "add",
            "--date",
            "2026-02-10",
            "--kind",
            "thematic",
            "--theme",
            "Women and MSMEs",
            "--plan",
            plan,
        ).code
        == 0
    )
    assert cli("meeting", "add", "--date", "2025-11-18", "--place", "WTO, Geneva", "--plan", plan).code == 0
    run = cli(
        "request",
        "add",
        "--kind",
        "thematic-session",
        "--subject",
        "MSME session",
        "--by",
        "Cabo Verde",
        "--by",
        "Canada",
        "--date",
        "2025-11-20",
        "--item",
        "msme",
        "--id",
        "msme-req",
        "--plan",
        plan,
    )
    assert run.code == 0, run.err
    after = plan.read_text(encoding="utf-8")
    added = _only_added(before, after)
    assert "".join(added) == (
        "  - id: iwg-2025-11-18\n"
        "    date: 2025-11-18\n"
        '    place: "WTO, Geneva"\n'
        "  - id: iwg-2026-02-10\n"
        "    date: 2026-02-10\n"
        "    kind: thematic\n"
        "    theme: Women and MSMEs\n"
        "requests:\n"
        "  - id: msme-req\n"
        "    kind: thematic-session\n"
        "    subject: MSME session\n"
        "    by: [Cabo Verde, Canada]\n"
        "    date: 2025-11-20\n"
        "    items: [msme-toolkit]\n"
    )  # the meetings in date order, after the shipped one; the request's id prefix resolved
    checked = check_text(after, "p.yaml")
    assert checked.plan is not None
    assert [m.id for m in checked.plan.meetings] == ["iwg-2025-07-03", "iwg-2025-11-18", "iwg-2026-02-10"]


def test_an_item_that_takes_up_a_request_links_both(cli, plan: Path) -> None:
    cli("meeting", "add", "--date", "2026-02-10", "--plan", plan)
    cli(
        "request",
        "add",
        "--kind",
        "thematic-session",
        "--subject",
        "MSMEs",
        "--by",
        "Canada",
        "--date",
        "2025-11-20",
        "--item",
        "msme-toolkit",
        "--id",
        "msme-req",
        "--plan",
        plan,
    )
    before = plan.read_text(encoding="utf-8")
    run = cli(
        "meeting",
        "item",
        "add",
        "IWG-2026",
        "--title",
        "Thematic session: MSMEs",
        "--request",
        "msme",
        "--question",
        "What first?",
        "--question",
        "Who, and how?",
        "--speaker",
        "Ms A | Ambassador | Cabo Verde",
        "--speaker",
        "Mr B",
        "--document",
        "INF/TGE/W/7/Rev.3",
        "--plan",
        plan,
    )
    assert run.code == 0, run.err
    assert run.out == (
        "iwg-2026-02-10: agenda item 1 (thematic-session-msmes, thematic-session) added\n"
        "msme-req: taken up by iwg-2026-02-10\n"
    )
    added = "".join(_only_added(before, plan.read_text(encoding="utf-8")))
    assert added == (
        "    agenda:\n"
        "      - id: thematic-session-msmes\n"
        "        kind: thematic-session\n"
        '        title: "Thematic session: MSMEs"\n'
        "        items: [msme-toolkit]\n"  # from the request
        '        questions: ["What first?", "Who, and how?"]\n'
        "        speakers:\n"
        "          - name: Ms A\n"
        "            title: Ambassador\n"
        "            organisation: Cabo Verde\n"
        "          - name: Mr B\n"
        "        documents: [INF/TGE/W/7/Rev.3]\n"
        "        request: msme-req\n"
        "    meeting: iwg-2026-02-10\n"
    )


def test_outcomes_of_a_meeting_and_of_an_item(cli, plan: Path) -> None:
    cli("meeting", "add", "--date", "2025-11-18", "--plan", plan)
    cli(
        "meeting",
        "item",
        "add",
        "iwg-2025-11",
        "--kind",
        "other",
        "--title",
        "Joint statement",
        "--plan",
        plan,
    )
    before = plan.read_text(encoding="utf-8")
    assert (
        cli(
            "meeting",
            "outcome",
            "iwg-2025-11",
            "1",
            "--text",
            "Draft in January.",
            "--date",
            "2025-11-18",
            "--plan",
            plan,
        ).code
        == 0
    )
    assert (
        cli(
            "meeting",
            "outcome",
            "iwg-2025-11",
            "--text",
            "A first look at MC14.",
            "--date",
            "2025-11-18",
            "--plan",
            plan,
        ).code
        == 0
    )
    added = "".join(_only_added(before, plan.read_text(encoding="utf-8")))
    assert added == "        outcome: Draft in January.\n    outcome: A first look at MC14.\n"
    replaced = cli(
        "meeting",
        "outcome",
        "iwg-2025-11",
        "joint",
        "--text",
        "Draft in February.",
        "--date",
        "2025-11-19",
        "--plan",
        plan,
    )
    assert (replaced.code, replaced.out) == (
        0,
        "iwg-2025-11-18: outcome of item 1 (joint-statement) replaced\n",
    )
    assert "outcome: Draft in February.\n" in plan.read_text(encoding="utf-8")


def test_a_plan_without_meetings_gets_the_key_in_its_own_indentation(cli, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "p.yaml"
    text = SMALL.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(text.encode())
    assert cli("meeting", "add", "--date", "2026-01-20", "--plan", path).code == 0
    after = path.read_bytes().decode()
    assert after == text + "meetings:\r\n  - id: iwg-2026-01-20\r\n    date: 2026-01-20\r\n"


def test_dry_runs_write_nothing(cli, plan: Path) -> None:
    before = plan.read_bytes()
    for args in (
        ["meeting", "add", "--date", "2026-02-10"],
        ["meeting", "item", "add", "iwg", "--kind", "other", "--title", "T"],
        ["meeting", "outcome", "iwg", "--text", "T"],
        ["request", "add", "--kind", "secretariat-update", "--subject", "S", "--by", "Canada"],
    ):
        run = cli(*args, "--dry-run", "--plan", plan)
        assert run.code == 0, (args, run.err)
        assert run.out.startswith(f"--- {plan}") or run.out.startswith("--- "), run.out
        assert "dry run: nothing was written" in run.err
    assert plan.read_bytes() == before


REFUSED = [
    (["meeting", "add", "--date", "2026-02-30"], 2, "is not a date"),
    (["meeting", "add", "--date", "2026-02-10", "--kind", "plenary"], 2, "'plenary' is not one of"),
    (["meeting", "add", "--date", "2026-02-10", "--format", "radio"], 2, "is not one of"),
    (["meeting", "add", "--date", "2025-07-03", "--id", "iwg-2025-07-03"], 1, "already used"),
    (["meeting", "add", "--date", "2026-01-01", "--id", "msme-toolkit"], 1, "already used"),
    (["meeting", "add", "--date", "2026-01-01", "--id", "Bad Id"], 2, "must be lower-case"),
    (["meeting", "add", "--date", "2026-01-01", "--theme", " "], 2, "give some text"),
    (["meeting", "item", "add", "nope", "--kind", "other", "--title", "T"], 1, "no meeting with id 'nope'"),
    (["meeting", "item", "add", "iwg", "--title", "T"], 2, "--kind: say what the item is"),
    (["meeting", "item", "add", "iwg", "--kind", "other", "--title", " "], 2, "give the agenda item's title"),
    (["meeting", "item", "add", "iwg", "--kind", "other", "--title", "T", "--item", "zzz"], 1, "no action point"),
    (["meeting", "item", "add", "iwg", "--kind", "other", "--title", "T", "--document", "not a doc"], 2,
     "neither a WTO document symbol"),
    (["meeting", "item", "add", "iwg", "--kind", "other", "--title", "T", "--speaker", " | Amb"], 2, "--speaker"),
    (["meeting", "item", "add", "iwg", "--kind", "other", "--title", "T", "--request", "r"], 1, "no request"),
    (["meeting", "outcome", "iwg", "7", "--text", "T"], 1, "has no agenda item '7'"),
    (["meeting", "outcome", "iwg", "--text", ""], 2, "give the outcome"),
    (["request", "add", "--kind", "lunch", "--subject", "S", "--by", "X"], 2, "'lunch' is not one of"),
    (["request", "add", "--kind", "secretariat-update", "--subject", "S", "--by", " "], 2, "say who asked"),
    (["request", "add", "--kind", "secretariat-update", "--subject", "S", "--by", "X", "--meeting", "iwg",
      "--date", "2025-08-01"], 1, "before the request"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "code", "words"), REFUSED, ids=[" ".join(r[0][:3]) + r[2] for r in REFUSED])
def test_bad_input_is_refused_with_a_message_and_nothing_written(cli, plan: Path, args, code, words) -> None:
    before = plan.read_bytes()
    run = cli(*args, "--plan", plan)
    assert run.code == code, (run.out, run.err)
    assert words in run.err, run.err
    assert plan.read_bytes() == before


def test_an_outcome_waits_for_the_meeting(cli, plan: Path) -> None:
    later = TODAY.replace(year=TODAY.year + 1).isoformat()
    assert cli("meeting", "add", "--date", later, "--id", "later", "--plan", plan).code == 0
    run = cli("meeting", "outcome", "later", "--text", "T", "--plan", plan)
    assert run.code == 1 and "record its outcome once it is held" in run.err
