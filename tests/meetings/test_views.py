"""Meetings as reference points in the browse commands: `list --meeting ID` (the action points an
agenda concerns), `show ID` (the meetings that discussed an item, with their outcomes) and
`meeting list`, in every format, from the Typer app and from the start-up path alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, SHIPPED
from tests.helpers.front_path import assert_same_as_typer

EXAMPLE = FIXTURES / "meetings-example.yaml"


def _ids(cli, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    run = cli("list", "--plan", EXAMPLE, "--format", "json", *args)
    assert run.code == 0, run.err
    return [row["id"] for row in json.loads(run.out)["action_points"]]


def test_list_meeting_shows_the_items_its_agenda_concerns(cli) -> None:  # type: ignore[no-untyped-def]
    assert _ids(cli, "--meeting", "iwg-2025-11-18") == ["joint-statement", "compendium-2020"]
    # by its first letters, in any case; with the other filters
    assert _ids(cli, "--meeting", "IWG-2026-02") == ["msme-toolkit", "sec-support", "sec-analysis"]
    assert _ids(cli, "--meeting", "iwg-2026-02", "--search", "analytical") == ["sec-analysis"]
    assert _ids(cli, "--meeting", "iwg-2026-06") == []  # a meeting whose agenda names no item
    text = cli("list", "--plan", EXAMPLE, "--meeting", "iwg-2025-11")
    assert text.code == 0 and "joint-statement" in text.out and "msme-toolkit" not in text.out
    csv = cli("list", "--plan", EXAMPLE, "--meeting", "iwg-2025-11", "--format", "csv").out
    assert [r.split(",")[0] for r in csv.splitlines()[1:]] == ["joint-statement", "compendium-2020"]


@pytest.mark.parametrize(
    ("wanted", "code", "said"),
    [
        ("nope", 1, "no meeting with id 'nope' (meetings: iwg-2025-07-03, "),
        ("iwg-20", 2, "'iwg-20' is the beginning of 5 meeting ids"),
    ],
)
def test_list_meeting_names_a_meeting(cli, wanted: str, code: int, said: str) -> None:  # type: ignore[no-untyped-def]
    run = cli("list", "--plan", EXAMPLE, "--meeting", wanted)
    assert (run.code, run.out) == (code, "") and said in run.err


def test_show_lists_the_meetings_that_discussed_the_item(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("show", "joint-statement", "--plan", EXAMPLE, "--format", "json").out)
    assert [(m["id"], m["agenda_item"]["id"], m["agenda_item"]["outcome"]) for m in data["meetings"]] == [
        ("iwg-2025-11-18", "progress", None),
        ("iwg-2025-11-18", "mc14-statement", "The Co-Chairs will circulate a first draft in January."),
    ]
    text = cli("show", "joint-statement", "--plan", EXAMPLE).out
    at = text.splitlines().index("meetings")
    assert text.splitlines()[at + 1 :] == [  # after the facts, the whole of each line (no pager)
        "  2025-11-18  iwg-2025-11-18  Report by the Co-Chairs on the implementation of the Work Plan: no"
        " outcome recorded",
        "  2025-11-18  iwg-2025-11-18  Towards an MC14 Joint Statement: The Co-Chairs will circulate a"
        " first draft in January.",
    ]
    markdown = cli("show", "joint-statement", "--plan", EXAMPLE, "--format", "markdown").out
    assert "### Meetings\n\n| date | meeting | agenda item | outcome |\n" in markdown
    assert "| 2025-11-18 | iwg-2025-11-18 | Report by the Co-Chairs on the implementation of the Work Plan" \
        " | (no outcome recorded) |" in markdown  # fmt: skip
    # a meeting still to come says so; an item no meeting discussed has none, and no heading
    later = json.loads(cli("show", "tpr-assessment", "--plan", EXAMPLE, "--format", "json").out)
    assert later["meetings"] == []
    assert "meetings" not in cli("show", "tpr-assessment", "--plan", EXAMPLE).out.splitlines()
    assert "### Meetings" not in cli("show", "tpr-assessment", "--plan", EXAMPLE, "--format", "markdown").out
    toolkit = cli("show", "msme-toolkit", "--plan", EXAMPLE, "--as-of", "2026-01-01").out
    assert "Thematic session: financial inclusion of women-led MSMEs: to be held" in toolkit


def test_show_of_the_shipped_plan_names_the_meeting_of_3_july_2025(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("show", "agenda-process", "--plan", SHIPPED, "--format", "json").out)
    assert [(m["id"], m["held"], m["agenda_item"]["outcome"]) for m in data["meetings"]] == [
        ("iwg-2025-07-03", True, None)
    ]


SAME = [
    ["list", "--meeting", "iwg-2025-11"],
    ["list", "--meeting", "IWG-2026-02-10", "--format", "json"],
    ["list", "--meeting", "nope"],
    ["list", "--meeting", "iwg-20"],
    ["show", "joint-statement"],
    ["show", "msme-toolkit", "--format", "markdown", "--as-of", "2026-01-01"],
    ["show", "joint-statement", "--format", "json"],
]


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a))
def test_the_start_up_path_prints_what_the_typer_app_prints(  # type: ignore[no-untyped-def]
    cli, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    assert_same_as_typer(cli, capsys, plan, argv)


def test_meeting_list_in_every_format(cli) -> None:  # type: ignore[no-untyped-def]
    args = ("meeting", "list", "--plan", EXAMPLE, "--as-of", "2026-03-01")
    data = json.loads(cli(*args, "--format", "json").out)
    assert [(m["id"], m["kind"], m["items"], m["held"], m["outcome_recorded"]) for m in data["meetings"]] == [
        ("iwg-2025-07-03", "regular", 1, True, False),
        ("iwg-2025-11-18", "regular", 2, True, True),  # an agenda item's outcome counts
        ("iwg-2026-02-10", "thematic", 3, True, False),
        ("iwg-2026-06-16", "thematic", 1, False, False),
        ("iwg-2026-10-13", "thematic", 0, False, False),
    ]
    assert data["meetings"][2]["theme"] == "Women entrepreneurs and MSMEs"
    text = cli(*args).out.splitlines()
    assert text[0].split() == ["date", "id", "kind", "items", "outcome", "theme", "/", "title"]
    assert text[3].split()[:5] == ["2026-02-10", "iwg-2026-02-10", "thematic", "3", "none"]
    assert text[3].endswith("  Women entrepreneurs and MSMEs") and text[4].split()[4:6] == ["to", "come"]
    assert text[-1] == "5 meetings"
    markdown = cli(*args, "--format", "markdown").out
    assert "| 2025-11-18 | iwg-2025-11-18 | regular | 2 | recorded | IWG meeting |" in markdown
    none = cli("meeting", "list", "--plan", FIXTURES / "small.yaml")
    assert none.code == 0 and none.out.startswith("No meetings are recorded in the plan")
    assert (
        json.loads(cli("meeting", "list", "--plan", FIXTURES / "small.yaml", "--format", "json").out)[
            "meetings"
        ]
        == []
    )


def test_the_html_timeline_marks_each_meeting(cli, small: Path) -> None:  # type: ignore[no-untyped-def]
    """A dot per meeting on the timeline's axis, its day and theme as its tooltip (no id: the
    report is read by delegations, issue 24), and the dot in the legend; a plan without meetings
    has neither."""
    import re

    html = cli("report", "--format", "html", "--plan", EXAMPLE, "--as-of", "2026-03-01").out
    dots = re.findall(r'<circle [^>]*fill="#00838f"[^>]*><title>([^<]*)</title></circle>', html)
    assert dots == [
        "the meeting of 3 July 2025 · IWG meeting",
        "the meeting of 18 November 2025 · IWG meeting",
        "the meeting of 10 February 2026 · Women entrepreneurs and MSMEs",
        "the meeting of 16 June 2026 · Gender-disaggregated data in trade",
        "the meeting of 13 October 2026 · Digital trade and women",
    ]
    xs = [float(v) for v in re.findall(r'<circle cx="([\d.]+)"[^>]*fill="#00838f"', html)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # placed by date
    assert html.count("</i>IWG meeting</li>") == 1
    plain = cli("report", "--format", "html", "--plan", small, "--as-of", "2026-03-01").out
    assert "#00838f" not in plain and "IWG meeting</li>" not in plain
