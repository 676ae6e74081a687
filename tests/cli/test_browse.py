"""`status`, `list`, `tiers` and `show` through the real CLI, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import SHIPPED, SMALL
from tests.helpers.snapshots import AS_OF, snapshot


def test_status_text_snapshot_fits_80x40(cli, monkeypatch) -> None:
    monkeypatch.chdir(SHIPPED.parent.parent)  # the path shown, so the layout, is the same in every checkout
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    run = cli(
        "status", "--plan", "plans/workplan-2025-2026.yaml", "--as-of", AS_OF, "--no-pager", "--no-color"
    )
    assert run.code == 0
    lines = run.out.splitlines()
    assert len(lines) <= 40  # one screen (issue 24; tests/cli/test_screens.py at more dates)
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in run.out
    snapshot("status-shipped.txt", run.out)


def test_status_wider_terminal_uses_the_width(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    run = cli("status", "--plan", SHIPPED, "--as-of", AS_OF)
    assert max(len(line) for line in run.out.splitlines()) > 80


def test_status_json_keys(cli) -> None:
    run = cli("status", "--plan", SMALL, "--as-of", "2026-02-01", "--format", "json")
    data = json.loads(run.out)
    assert set(data) >= {
        "as_of",
        "plan",
        "period",
        "elapsed",
        "counts",
        "tiers",
        "overdue",
        "upcoming",
        "milestones",
    }
    assert data["plan"] == {
        "id": "small-plan",
        "title": "Small plan — Côte d'Ivoire and Türkiye",
        "revision": 0,
        "date": "2025-09-10",
        "symbol": None,
        "symbol_note": None,
        "symbol_sources": [],
        "revision_note": None,
        "path": str(SMALL),
    }
    assert data["period"] == {"start": "2025-09-01", "end": "2026-12-31"}
    assert data["overdue"] == [
        {
            "id": "late",
            "number": "Tier one, •",
            "title": "Türkiye: hosting",
            "due": "2026-01-15",
            "days_late": 17,
            "owners": [],
            "owners_basis": None,
            "due_basis": None,
            "date_mark": "",
        }
    ]
    assert data["upcoming"] == [
        {
            "id": "statement",
            "title": "Joint statement",
            "date": "2026-03-29",
            "days": 56,
            "number": "Tier one, •",
            "owners": ["Côte d'Ivoire"],
            "owners_basis": None,
            "due_basis": None,
            "date_mark": "",
        }
    ]
    assert data["tiers"][0]["counts"] == {
        "planned": 1,
        "in-progress": 1,
        "done": 0,
        "blocked": 1,
        "dropped": 0,
    }
    assert data["tiers"][0]["done_fraction"] == 0.0
    assert data["blocked"] == [{"id": "late", "title": "Türkiye: hosting", "reason": "waiting: funding"}]


def test_status_markdown(cli) -> None:
    run = cli("status", "--plan", SMALL, "--as-of", "2026-02-01", "--format", "markdown")
    assert run.code == 0
    assert run.out.startswith("# Small plan — Côte d'Ivoire and Türkiye\n")
    assert "| Tier one, • | late | Türkiye: hosting |  | 2026-01-15 | 17 |" in run.out
    assert "| Tier one, • | statement | Joint statement | Côte d'Ivoire | 2026-03-29 | 56 |" in run.out


def test_status_bad_as_of_is_usage_error(cli) -> None:
    run = cli("status", "--plan", SMALL, "--as-of", "30/03/2026")
    assert run.code == 2
    assert "--as-of: '30/03/2026' is not a date; use YYYY-MM-DD" in run.err


def test_list_text_snapshot(cli) -> None:
    run = cli("list", "--plan", SHIPPED, "--as-of", AS_OF)
    assert run.code == 0
    snapshot("list-shipped.txt", run.out)


def test_list_json_rows_include_children(cli) -> None:
    rows = json.loads(cli("list", "--plan", SMALL, "--format", "json").out)["action_points"]
    assert [(r["id"], r["parent"]) for r in rows] == [
        ("statement", None),
        ("parent", None),
        ("kid-a", "parent"),
        ("kid-b", "parent"),
        ("late", None),
    ]
    kid = rows[2]
    assert {k: kid[k] for k in ("number", "tier", "focus_area", "status", "due", "owners")} == {
        "number": "Tier one, • (a)",  # the fixture numbers nothing: bullets, never 1.1.2(a)
        "tier": "tier1",
        "focus_area": "fa",
        "status": "planned",
        "due": None,
        "owners": [],
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "blocked"], ["late"]),
        (["--status", "planned", "--status", "blocked"], ["statement", "kid-a", "late"]),
        (["--owner", "côte"], ["statement"]),
        (["--due-before", "2026-03-01"], ["late"]),
        (["--overdue", "--as-of", "2026-04-01"], ["statement", "late"]),
        (["--search", "KID"], ["kid-a", "kid-b"]),
        (["--tier", "1"], ["statement", "parent", "kid-a", "kid-b", "late"]),
    ],
)
def test_list_filters(cli, args: list[str], expected: list[str]) -> None:
    run = cli("list", "--plan", SMALL, "--format", "json", *args)
    assert run.code == 0
    assert [r["id"] for r in json.loads(run.out)["action_points"]] == expected


def test_list_csv(cli) -> None:
    run = cli("list", "--plan", SMALL, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert rows[0]["id"] == "statement" and rows[0]["owners"] == "Côte d'Ivoire"
    assert rows[1]["children_done"] == "[0/2]"


def test_list_markdown_and_tree(cli) -> None:
    assert (
        "| Tier one, • | late | blocked | 2026-01-15 |"
        in cli("list", "--plan", SMALL, "--format", "markdown").out
    )
    text = cli("list", "--plan", SMALL, "--search", "second").out
    assert "Tier one ★ priority" in text and "  kid-b" in text and "parent [0/2]" in text
    assert "statement" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--status", "finished"],
            "'finished' is not one of 'planned', 'in-progress', 'done', 'blocked', 'dropped'",
        ),
        (["--tier", "tier9"], "--tier: 'tier9' is not a tier or section; choose from tier1"),
        (["--due-before", "soon"], "--due-before: 'soon' is not a date"),
    ],
)
def test_list_bad_filters_are_usage_errors(cli, args: list[str], message: str) -> None:
    run = cli("list", "--plan", SMALL, *args)
    assert run.code == 2
    assert message in run.err


def test_tiers_all_formats(cli) -> None:
    text = cli("tiers", "--plan", SHIPPED)
    assert (
        text.code == 0
        and "Tier one ★ priority" in text.out
        and "  digitalisation  Digitalisation" in text.out
    )
    data = json.loads(cli("tiers", "--plan", SHIPPED, "--format", "json").out)
    assert [t["id"] for t in data["tiers"]][:3] == ["tier1", "tier2", "tier3"]
    assert data["tiers"][1]["focus_areas"][2] == {"id": "digitalisation", "title": "Digitalisation"}
    md = cli("tiers", "--plan", SHIPPED, "--format", "markdown").out
    assert "| Tier one (priority) | 2 | 0 | 0 | 0 | 0 | 0% |" in md


def test_show_text(cli) -> None:
    run = cli("show", "KID-B", "--plan", SMALL)
    assert run.code == 0
    assert run.out.startswith(
        "Tier one, • (b) Second kid\nid         kid-b\nnumber     • (b)\nstatus     in-progress\n"
    )
    assert "tier       Tier one\nfocus area Focus\npart of    Tier one, •  parent  Parent\n" in run.out
    assert "due        2026-06-30\ndue basis  from parent\n" in run.out  # the fixture numbers nothing
    assert "history\n   1  2025-10-01  in-progress  started\n" in run.out


def test_show_json_and_markdown(cli) -> None:
    data = json.loads(cli("show", "late", "--plan", SMALL, "--format", "json").out)
    assert data["history"] == [{"date": "2025-11-02", "status": "blocked", "note": "waiting: funding"}]
    assert data["refs"] == ["INF/TGE/W/7/Rev.3"]
    assert data["parents"] == []
    md = cli("show", "parent", "--plan", SMALL, "--format", "markdown").out
    assert md.startswith("## Tier one, • Parent\n") and "| child | kid-a (planned) |" in md


def test_show_dependents(cli, tmp_path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("refs: [INF/TGE/W/7/Rev.3]", "depends_on: [statement]")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = cli("show", "statement", "--plan", tmp_path / "p.yaml", "--format", "json")
    assert json.loads(run.out)["dependents"] == ["late"]


def test_show_unknown_id_suggests(cli) -> None:
    run = cli("show", "statment", "--plan", SMALL)
    assert run.code == 1
    assert (
        run.err
        == "iwgplan: no action point with id 'statment'; did you mean:\n  statement  Joint statement\n"
    )


def test_init_copies_and_never_overwrites(cli, tmp_path: Path) -> None:
    run = cli("init", tmp_path / "mine")
    assert run.code == 0
    made = tmp_path / "mine" / "plans" / SHIPPED.name
    assert made.read_bytes() == SHIPPED.read_bytes()
    made.write_text("# mine\n")
    again = cli("init", tmp_path / "mine")
    assert again.code == 1 and "already exists" in again.err
    assert made.read_text() == "# mine\n"


def test_status_names_owners_beside_dated_items_marked_when_the_document_does_not(cli) -> None:
    run = cli("status", "--plan", SHIPPED, "--as-of", AS_OF, "--wide", "--no-pager", "--no-color")
    assert run.code == 0
    assert "· IWG Co-Chairs (inferred)" in run.out and "· IWG (default)" in run.out
    data = json.loads(cli("status", "--plan", SHIPPED, "--as-of", "2026-11-28", "--format", "json").out)
    dated = data["overdue"] + data["upcoming"] + data["within_period"]["items"]
    owners = {d["id"]: (d["owners"], d["owners_basis"]) for d in dated}
    assert owners["joint-statement"] == (["IWG Co-Chairs"], "inferred")
    assert owners["msme-toolkit"] == (["IWG"], "default")
    md = cli("status", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "markdown").out
    assert (
        "| Tier one, 1 | joint-statement | IWG Co-Chairs Joint Statement | IWG Co-Chairs (inferred) |" in md
    )
    assert "0 of 10 deliverables and action points of the tiers done" in md


@pytest.mark.parametrize("owner", ["co-chairs", "CO-CHAIRS", "Co-Ch", "iwg co-chairs"])
def test_status_owner_keeps_only_that_owners_items_and_says_so(cli, owner: str) -> None:
    args = ("status", "--plan", SHIPPED, "--as-of", "2026-11-28", "--wide", "--no-pager", "--no-color")
    whole, mine = cli(*args), cli(*args, "--owner", owner)
    assert whole.code == mine.code == 0
    assert "Overdue (2)" in whole.out and f"Overdue for owner '{owner}' (1)" in mine.out
    assert "joint-statement" in mine.out and "compendium-2020" not in mine.out
    assert f"Due in the next 60 days for owner '{owner}' (0)" in mine.out
    # the counts stay the whole plan's: a filter on the lists, not on the plan
    assert "0 of 10 deliverables and action points of the tiers done" in mine.out
    data = json.loads(cli(*args, "--owner", owner, "--format", "json").out)
    assert data["owner_filter"] == owner and [d["id"] for d in data["overdue"]] == ["joint-statement"]


@pytest.mark.parametrize("owner", ["nobody", "", "   ", "\x1b[2J", "Secretariat\n::error::x"])
def test_status_owner_that_matches_nothing_is_a_usage_error_naming_the_owners(cli, owner: str) -> None:
    run = cli("status", "--plan", SHIPPED, "--owner", owner)
    assert run.code == 2 and run.out == ""
    assert "--owner: no owner in this plan matches" in run.err
    assert "IWG Co-Chairs, IWG, WTO Secretariat, Members" in run.err
    assert "\x1b" not in run.err and "\n::error::" not in run.err
