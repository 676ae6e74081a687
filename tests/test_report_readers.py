"""The reports as the delegations read them (issue 24, points 2-4): one definition of each count,
no tool bookkeeping in what is circulated, "since" in words."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.helpers import SHIPPED
from tests.helpers.git_story import GIT_IDENTITY, Repo
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


@pytest.fixture
def kept(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Repo, Path]:  # type: ignore[no-untyped-def]
    """A team's repository: the shipped plan adopted in September 2025, a year of progress
    committed on 1 November 2026, then a correction (`amend`) and one more item done."""
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    repo = Repo(tmp_path / "team", SHIPPED.name)
    repo.commit(SHIPPED.read_text(encoding="utf-8"), "Adopt the plan", "2025-09-12")
    plan = progressed(repo.root, cli)
    repo.git("commit", "-qam", "A year of progress", day="2026-11-01")
    fixed = cli(
        "amend",
        "hackathons",
        "--last",
        "--date",
        "2026-07-16",
        "--reason",
        "typo in the day",
        "--plan",
        plan,
        "--future",
    )
    assert fixed.code == 0, fixed.err
    repo.git("commit", "-qam", "Correct the hackathons' start", day="2026-11-02")
    assert cli("done", "survey-digital", "--date", "2026-11-20", "--plan", plan, "--future").code == 0
    repo.git("commit", "-qam", "Survey done", day="2026-11-20")
    return repo, plan


def _visible(html_text: str) -> str:
    """What a reader sees of an HTML page: no tags, no attributes, entities read."""
    body = re.sub(r"<style>.*?</style>", " ", html_text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _word_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_reports_name_no_id_no_commit_and_no_correction(
    cli, kept: tuple[Repo, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """What a Secretariat officer attaches to an email: the Markdown, HTML and Word reports of a
    progressed plan, with --since, name items by number and title. No id of the plan (every id
    that is not an English word: with a hyphen or a digit), no commit hash or revision range, no
    correction text; one footnote counts the corrections, one legend explains the marks."""
    repo, plan = kept
    args = ("--since", "2026-10-01", "--as-of", AS_OF, "--plan", plan)
    md = cli("report", *args).out
    page = cli("report", "--format", "html", *args).out
    out = tmp_path / "report.docx"
    assert cli("report", "--format", "docx", "-o", out, *args).code == 0
    texts = {"markdown": md, "html": _visible(page), "docx": _word_text(out)}

    ids = set(re.findall(r"^\s*(?:- )?id: ([A-Za-z0-9-]+)", plan.read_text(encoding="utf-8"), re.M))
    coined = sorted(i for i in ids if re.search(r"[-0-9]", i))
    assert len(coined) > 30 and "tpr-assessment" in coined and "survey-digital" in coined
    shas = repo.git("rev-list", "--all").split()
    assert len(shas) == 4
    for fmt, text in texts.items():
        found = [i for i in coined if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert found == [], (fmt, found)
        assert not [s for s in shas if s[:7] in text], fmt
        assert not re.search(r"\b[0-9a-f]{7}\.\.[0-9a-f]{7}\b", text), fmt
        assert not re.search(r"\b\d+ commits?\b", text), fmt
        assert "corrected on" not in text and "typo in the day" not in text, fmt
        assert "One recorded date or status in this plan was corrected" in text, fmt
        assert "Since 1 October 2026" in text, fmt
        assert re.search(
            r"Done \(1\): Tier one, 1 IWG Co-Chairs Joint Statement",
            re.sub(r"\s+", " ", text.replace("**", "")),
        ), fmt
        assert not re.search(r"\((?:0)\)", text.split("Appendix")[0]), fmt  # no "Dropped (0)"
        assert text.count("Marks: ") == 1, fmt
        assert "(default)" in text and "owners marked (default)" in text, fmt
    # `show` and `log` keep the correction
    assert "typo in the day" in cli("show", "hackathons", "--plan", plan).out
