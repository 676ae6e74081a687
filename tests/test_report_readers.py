"""The reports as the delegations read them (issue 24, points 2-4): one definition of each count,
no tool bookkeeping in what is circulated, "since" in words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers.progressed import progressed

AS_OF = "2026-12-07"


@pytest.fixture
def year(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The shipped plan with a year of progress recorded through the CLI."""
    return progressed(tmp_path / "repo", cli)


def _context(cli, plan: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    run = cli("report", "--format", "json", "--as-of", AS_OF, "--plan", plan)
    assert run.code == 0, run.err
    return json.loads(run.out)  # type: ignore[no-any-return]


def test_every_count_is_the_one_its_list_and_chart_show(cli, year: Path) -> None:
    """Each group's blocked count is the number of rows of the Blocked list under it (a blocked
    sub-point counts where the list names it: tpr-assessment under Tier two); the summary
    sentence, the Progress paragraph and the progress chart's last week give one share done."""
    ctx = _context(cli, year)
    top = {it["id"]: g for g in ctx["groups"] for block in g["blocks"] for it in block["items"]}
    listed = [row["id"] for row in ctx["blocked"]]
    assert listed and len(listed) == len(set(listed))
    for g in ctx["groups"]:
        under = [i for i in listed if top[i]["id"] == g["id"]]
        assert g["counts"]["blocked"] == len(under), g["label"]
    assert sum(g["counts"]["blocked"] for g in ctx["groups"]) == len(listed)
    tpr = next(row for row in ctx["blocked"] if "Trade Policy Review" in row["title"])
    assert "assessment exercise" in tpr["reason"] and "Waiting for the Secretariat" in tpr["reason"]
    tier_two = next(g for g in ctx["groups"] if g["label"].startswith("Tier two"))
    assert tier_two["counts"]["blocked"] >= 1

    share = ctx["progress"]["done_fraction"]
    assert f"({share:.0%})" in ctx["overview"]
    assert ctx["progress_over_time"]["weeks"][-1]["done_fraction"] == pytest.approx(share)
    done, total = ctx["progress"]["done"], ctx["progress"]["total"] - ctx["progress"]["counts"]["dropped"]
    assert f"{done} of {total} deliverables and action points of the tiers" in ctx["overview"]
    assert ctx["progress"]["headline"][0].startswith(f"{done} of {total} ")
    blocked = ctx["progress"]["counts"]["blocked"]
    assert (f", {blocked} blocked" in ctx["overview"]) is (blocked > 0)


def test_the_markdown_chart_and_table_agree_with_the_sentence(cli, year: Path) -> None:
    """The Markdown report's Tier two row counts the blocked sub-point its Blocked list names,
    and its progress chart ends on the share the summary sentence says."""
    md = cli("report", "--as-of", AS_OF, "--plan", year).out
    ctx = _context(cli, year)
    row = next(line for line in md.splitlines() if line.startswith("| Tier two"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[4] == str(
        next(g for g in ctx["groups"] if g["label"].startswith("Tier two"))["counts"]["blocked"]
    )
    share = round(ctx["progress"]["done_fraction"] * 100)
    assert f"({share}%)" in md
    bars = re.search(r"line \[([0-9., ]+)\]", md)
    assert bars is not None and float(bars.group(1).split(",")[-1]) == pytest.approx(share, abs=0.5)
