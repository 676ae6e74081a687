"""The plan's history: real git repositories built in temporary folders, read as a user would."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SHIPPED, SMALL
from tests.helpers.git_story import GIT_IDENTITY, START, Repo, build_story


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """iwgplan's own git commands too read no system or global configuration."""
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def story(tmp_path: Path) -> Repo:
    return build_story(tmp_path / "story")


def test_log_lists_each_commit_with_its_semantic_summary(cli, story: Repo) -> None:
    run = cli("log", "--plan", story.plan)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    subjects = [line.split("  ")[-1] for line in lines if re.match(r"[0-9a-f]{7}  ", line)]
    assert subjects == [
        "Add an item",
        "First kid done",
        "Comment",
        "Hosting slips",
        "Start the statement",
        "Plan as adopted",
    ]
    out = run.out
    assert "    +1 −0 ~0\n" in out
    assert "    +0 −0 ~1 (1 due date slipped by 45 days)\n" in out
    assert "    no change to the plan\n" in out
    assert "    plan file added (5 action points)\n" in out
    assert "2025-11-02  Ana Silva  Hosting slips" in out
    assert story.clean()


def test_log_changes_and_changes_only(cli, story: Repo) -> None:
    full = cli("log", "--changes", "--plan", story.plan).out
    assert "      ~ late due: 2026-01-15 → 2026-03-01 (+45 days)\n" in full
    assert "      ~ statement status: planned → in-progress\n" in full
    assert "      + action point extra added: An extra item\n" in full
    only = cli("log", "--changes-only", "--plan", story.plan).out
    assert "Comment" not in only and "no change to the plan" not in only
    assert "Hosting slips" in only


def test_log_since_until_and_n(cli, story: Repo) -> None:
    out = cli("log", "--since", "2025-11-01", "--until", "2025-11-04", "--plan", story.plan).out
    assert "Hosting slips" in out and "Comment" in out
    assert "First kid" not in out and "Start the statement" not in out
    first = story.git("rev-list", "--max-parents=0", "HEAD").strip()
    out = cli("log", "--since", first, "--plan", story.plan).out
    assert "Plan as adopted" not in out and "Add an item" in out
    out = cli("log", "-n", "2", "--plan", story.plan).out
    assert len(re.findall(r"^[0-9a-f]{7}  ", out, re.M)) == 2


def test_log_formats(cli, story: Repo) -> None:
    data = json.loads(cli("log", "--format", "json", "--plan", story.plan).out)
    assert data["plan"].endswith("small.yaml")
    slip = next(c for c in data["commits"] if c["subject"] == "Hosting slips")
    assert slip["summary"] == "+0 −0 ~1 (1 due date slipped by 45 days)"
    assert slip["changes"] == [
        {
            "kind": "changed",
            "entity": "action_point",
            "id": "late",
            "field": "due",
            "old": "2026-01-15",
            "new": "2026-03-01",
            "tier": "tier1",
            "days": 45,
        }
    ]
    assert slip["date"].startswith("2025-11-02") and slip["author"] == "Ana Silva"
    md = cli("log", "--format", "markdown", "--changes", "--plan", story.plan).out
    assert md.startswith("## History of ")
    assert "- **" in md and "Hosting slips: +0 −0 ~1 (1 due date slipped by 45 days)" in md
    assert "  - late due: 2026-01-15 → 2026-03-01 (+45 days)" in md


def test_log_follows_one_action_point(cli, story: Repo) -> None:
    run = cli("log", "--id", "LATE", "--plan", story.plan)
    assert run.code == 0
    subjects = re.findall(r"^[0-9a-f]{7}  \S+  Ana Silva  (.*)$", run.out, re.M)
    assert subjects == ["Hosting slips", "Plan as adopted"]
    assert "      + action point late added: Türkiye: hosting\n" in run.out
    assert "statement" not in run.out
    missing = cli("log", "--id", "nothing-like-it", "--plan", story.plan)
    assert missing.code == 1
    assert "no change to an action point 'nothing-like-it' in the history of" in missing.err


def test_log_follows_a_file_renamed_twice(cli, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    text = SMALL.read_text(encoding="utf-8")
    repo.commit(text, "Adopted", "2025-09-12")
    repo.git("mv", "plans/small.yaml", "plans/middle.yaml")
    repo.git("commit", "-qm", "First rename", day="2025-09-20")
    repo.plan = repo.root / "plans" / "middle.yaml"
    repo.edit(START, "status: in-progress", "Start", "2025-10-01")
    repo.git("mv", "plans/middle.yaml", "plans/plan.yaml")
    repo.git("commit", "-qm", "Second rename", day="2025-10-05")
    run = cli("log", "--plan", repo.root / "plans" / "plan.yaml")
    assert run.code == 0, run.err
    subjects = re.findall(r"^[0-9a-f]{7}  \S+  Ana Silva  (.*)$", run.out, re.M)
    assert subjects == ["Second rename", "Start", "First rename", "Adopted"]
    assert "(renamed from plans/middle.yaml)" in run.out
    assert "(renamed from plans/small.yaml)" in run.out
    assert run.out.count("no change to the plan") == 2


def test_log_lists_and_skips_an_invalid_plan_in_the_middle(cli, story: Repo) -> None:
    good = story.plan.read_text(encoding="utf-8")
    story.commit(good.replace("title: Tier one", "title: [Tier one"), "Broken edit", "2025-12-05")
    story.commit(good.replace("status: blocked", "status: in-progress"), "Fixed, and unblocked", "2025-12-06")
    run = cli("log", "--changes", "-n", "3", "--plan", story.plan)
    assert run.code == 0, run.err
    assert re.search(r"plan does not load, skipped: plans/small.yaml:\d+:\d+: ", run.out)
    assert "(compared with " in run.out and "the last earlier commit whose plan loads)" in run.out
    assert "      ~ late status: blocked → in-progress\n" in run.out
    assert "Traceback" not in run.out + run.err


def test_log_merge_compares_with_first_parent(cli, story: Repo) -> None:
    story.git("checkout", "-q", "-b", "side")
    story.edit("status: blocked", "status: dropped", "Drop hosting on a branch", "2025-12-10")
    story.git("checkout", "-q", "main")
    (story.root / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    story.git("add", "notes.txt")
    story.git("commit", "-qm", "Unrelated", day="2025-12-11")
    story.git("merge", "-q", "--no-ff", "--no-edit", "side", day="2025-12-12")
    run = cli("log", "--changes", "-n", "2", "--plan", story.plan)
    assert run.code == 0, run.err
    assert "Merge branch 'side'" in run.out
    assert re.search(r"\(merge: compared with its first parent [0-9a-f]{7}\)", run.out)
    assert run.out.count("~ late status: blocked → dropped") == 2  # the branch commit and the merge


def test_status_since_day(cli, story: Repo) -> None:
    run = cli("status", "--since", "2025-11-01", "--plan", story.plan)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert re.fullmatch(r"Since 2025-11-01 \(4 commits, [0-9a-f]{7}\.\.[0-9a-f]{7}\)", lines[0])
    assert "  done (1): kid-a" in lines
    assert "  added (1): extra" in lines
    assert "  slipped (1): late +45 days (2026-01-15 → 2026-03-01)" in lines
    assert not any(line.startswith("  started") for line in lines)
    assert any(line.startswith("  done per week: ") for line in lines)
    assert "Small plan" in run.out  # the status screen follows


def test_status_since_revision_and_revision_change(cli, story: Repo) -> None:
    story.git("tag", "meeting")
    story.edit("revision: 0", "revision: 1", "Revision 1", "2026-02-15")
    run = cli("status", "--since", "meeting", "--plan", story.plan)
    assert run.code == 0, run.err
    assert run.out.startswith("Since meeting (")
    assert "  revision: Original of 2025-09-10 → Rev.1 of 2025-09-10" in run.out


def test_status_since_json_and_markdown(cli, story: Repo) -> None:
    data = json.loads(cli("status", "--since", "2025-11-01", "--format", "json", "--plan", story.plan).out)
    since = data["since"]
    assert since["source"] == "git" and since["commits"] == 4
    assert [m["id"] for m in since["done"]] == ["kid-a"]
    assert since["slipped"] == [
        {"id": "late", "title": "Türkiye: hosting", "detail": "2026-01-15 → 2026-03-01", "days": 45}
    ]
    assert "counts" in data
    md = cli("status", "--since", "2025-11-01", "--format", "markdown", "--plan", story.plan).out
    assert md.startswith("## Since 2025-11-01 (4 commits")
    assert "- **done (1):** kid-a" in md


def test_status_since_without_git_reads_the_files_dates(cli, small: Path) -> None:
    run = cli("status", "--since", "2025-10-01", "--plan", small)
    assert run.code == 0, run.err
    assert run.out.startswith("Since 2025-10-01\n")
    assert "  started (1): kid-b" in run.out
    assert "  blocked (1): late (waiting: funding)" in run.out
    assert "from the dated history entries in the file" in run.out
    refused = cli("status", "--since", "v1", "--plan", small)
    assert refused.code == 1 and "a revision needs git" in refused.err


def _adopted_mid_window(root: Path) -> Repo:
    """A team that adopts iwgplan mid-period: the plan's first commit is on 2025-11-10, then a
    start, a done and an added item are recorded in it."""
    repo = Repo(root)
    repo.commit(SMALL.read_text(encoding="utf-8"), "Adopt iwgplan", "2025-11-10")
    repo.edit(START, "status: in-progress", "Start the statement", "2025-11-12")
    repo.edit(
        "                status: 'planned'",
        "                status: done\n                completed: 2025-11-15",
        "First kid done",
        "2025-11-15",
    )
    repo.edit(
        "          - id: late\n",
        "          - id: extra\n            title: An extra item\n            status: planned\n"
        "          - id: late\n",
        "Add an item",
        "2025-12-01",
    )
    return repo


def test_since_when_the_plan_was_first_committed_inside_the_window(cli, tmp_path: Path) -> None:
    """The window opens before the plan existed: the plan's first commit stands for the plan "as
    it stood then", so what was recorded after it shows, and the heading says so; a window that
    opens after the first commit is compared as before (nothing said of the first commit)."""
    repo = _adopted_mid_window(tmp_path / "adopted")
    run = cli("status", "--since", "2025-11-01", "--plan", repo.plan)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert re.fullmatch(r"Since 2025-11-01 \(first commit 2025-11-10; 4 commits, \w{7}\.\.\w{7}\)", lines[0])
    assert "  started (1): statement" in lines
    assert "  done (1): kid-a" in lines
    assert "  added (1): extra" in lines  # the item added after adoption, not the 5 adopted with it
    assert not any("added (5" in line or "added (6" in line for line in lines)
    data = json.loads(cli("status", "--since", "2025-11-01", "--format", "json", "--plan", repo.plan).out)
    assert data["since"]["adopted"] == "2025-11-10"
    assert [m["id"] for m in data["since"]["done"]] == ["kid-a"]
    later = cli("status", "--since", "2025-11-11", "--plan", repo.plan).out
    assert "first commit" not in later and "  started (1): statement" in later
    md = cli("report", "--since", "2025-11-01", "--as-of", "2025-12-31", "--plan", repo.plan).out
    since = md.split("\n## Since ", 1)[1].split("\n## ", 1)[0]
    assert (
        since.splitlines()[0]
        == "1 November 2025 (compared with the plan as first recorded, on 10 November 2025)"
    )
    assert "Türkiye" not in since  # not "added": the adopted items
    assert "Joint statement" in since and "First kid" in since and "An extra item" in since


def test_sparkline_is_ascii_under_lang_c(cli, story: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_CTYPE", "C.UTF-8")  # what Python's C-locale coercion sets
    line = next(
        x
        for x in cli("status", "--since", "2025-09-01", "--plan", story.plan).out.splitlines()
        if "per week" in x
    )
    assert line.isascii()
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_CTYPE")
    line = next(
        x
        for x in cli("status", "--since", "2025-09-01", "--plan", story.plan).out.splitlines()
        if "per week" in x
    )
    assert re.search("[▁▂▃▄▅▆▇█]", line)


def test_report_since_and_progress_chart(cli, story: Repo) -> None:
    story.edit(
        "status: blocked", "status: done\n            completed: 2025-12-20", "Hosting done", "2025-12-20"
    )
    md = cli("report", "--since", "2025-11-01", "--as-of", "2025-12-31", "--plan", story.plan).out
    assert "## Since 1 November 2025\n" in md
    assert "```mermaid\nxychart-beta\n" in md
    assert '    y-axis "%" 0 --> 100\n' in md
    assert "From the plan's git history." in md
    html = cli(
        "report", "--format", "html", "--since", "2025-11-01", "--as-of", "2025-12-31", "--plan", story.plan
    ).out
    assert '<section class="since"><h2>Since 1 November 2025</h2>' in html
    assert 'class="progress-chart"' in html and "<polyline" in html
    assert re.findall(r'class="axis-date"[^>]*>(\d{4}-\d{2}-\d{2})<', html)


def test_word_report_since_and_progress_over_time(cli, story: Repo, tmp_path: Path) -> None:
    """The Word report carries the same "Since ..." lines as the Markdown one, and the share done
    per week as a table (the weeks in which it changed, and the last); without --since, no
    such section, and the rest of the document is the same."""
    import docx

    story.edit(
        "status: blocked", "status: done\n            completed: 2025-12-20", "Hosting done", "2025-12-20"
    )
    args = ("--as-of", "2025-12-31", "--plan", story.plan)
    md = cli("report", "--since", "2025-11-01", *args).out
    wanted = md.split("## Since ", 1)[1].split("\n## ", 1)[0].strip().splitlines()
    heading, lines = "Since " + wanted[0], [w.removeprefix("- ").replace("**", "") for w in wanted[2:]]
    out, plain_out = tmp_path / "since.docx", tmp_path / "plain.docx"
    assert cli("report", "--format", "docx", "-o", out, "--since", "2025-11-01", *args).code == 0
    assert cli("report", "--format", "docx", "-o", plain_out, *args).code == 0
    with_since = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    without = [(p.style.name, p.text) for p in docx.Document(str(plain_out)).paragraphs]
    at = with_since.index(("Heading 1", heading))
    assert [text for _, text in with_since[at + 1 : at + 1 + len(lines)]] == lines
    assert {style for style, _ in with_since[at + 1 : at + 1 + len(lines)]} == {"List Bullet"}
    assert [p for p in with_since if p not in with_since[at : at + 1 + len(lines)]] == without
    assert ("Heading 1", "Progress over time") in without
    table = next(
        t
        for t in docx.Document(str(plain_out)).tables
        if [c.text for c in t.rows[0].cells] == ["week ending", "done", "period elapsed"]
    )
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[-1][0] == "2025-12-31" and rows[-1][1] == "25%"  # the as-of day; 1 of 4 deliverables done
    assert [r[1] for r in rows] == ["0%", "25%", "25%"]  # the weeks it changed, then the last


def test_export_csv_by_week(cli, story: Repo) -> None:
    run = cli("export", "--format", "csv", "--by", "week", "--as-of", "2025-11-16", "--plan", story.plan)
    assert run.code == 0, run.err
    rows = run.out.splitlines()
    assert rows[0] == "week,week_end,done_fraction,elapsed_fraction,source,commit"
    assert rows[1].startswith("2025-09-01,2025-09-07,,")  # nothing committed yet that week
    last = rows[-1].split(",")
    assert last[:2] == ["2025-11-10", "2025-11-16"] and last[4] == "git"
    assert float(last[2]) == pytest.approx(0.0) and 0.15 < float(last[3]) < 0.17
    bad = cli("export", "--format", "ics", "--by", "week", "--plan", story.plan)
    assert bad.code == 2 and "--by week needs --format csv or json" in bad.err


# --- bad input: each a clear message, its exit code, and nothing written -------------------


def test_not_a_git_repository(cli, small: Path) -> None:
    before = small.read_bytes()
    run = cli("log", "--plan", small)
    assert run.code == 1
    assert "is not inside a git repository, so its history cannot be read" in run.err
    assert small.read_bytes() == before


def test_plan_never_committed(cli, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    (repo.root / "README").write_text("x\n", encoding="utf-8")
    repo.git("add", "README")
    repo.git("commit", "-qm", "first", day="2025-09-01")
    repo.plan.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("log", "--plan", repo.plan)
    assert run.code == 1
    assert "plans/small.yaml has never been committed to git" in run.err
    empty = Repo(tmp_path / "empty")
    empty.plan.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    run = cli("log", "--plan", empty.plan)
    assert run.code == 1 and "has no commits yet" in run.err


def test_unknown_revision(cli, story: Repo) -> None:
    run = cli("log", "--since", "no-such-tag", "--plan", story.plan)
    assert run.code == 2 and "--since: no revision 'no-such-tag' in the repository" in run.err
    run = cli("status", "--since", "no-such-tag", "--plan", story.plan)
    assert run.code == 2 and "--since: no revision 'no-such-tag'" in run.err
    run = cli("log", "--until", "--output=x", "--plan", story.plan)
    assert run.code == 2 and "is not a revision iwgplan accepts" in run.err
    assert story.clean() and not (story.root / "x").exists()


def test_dates_in_the_future(cli, story: Repo) -> None:
    later = (date.today() + timedelta(days=30)).isoformat()
    run = cli("log", "--since", later, "--plan", story.plan)
    assert run.code == 2 and f"--since {later} is in the future" in run.err
    run = cli("status", "--since", later, "--plan", story.plan)
    assert run.code == 2 and "is in the future" in run.err
    run = cli("log", "--until", later, "-n", "1", "--plan", story.plan)
    assert run.code == 0 and "Add an item" in run.out  # a day still to come means "up to now"
    assert cli("log", "--since", "2025-02-30", "--plan", story.plan).code == 2


def test_since_after_until(cli, story: Repo) -> None:
    run = cli("log", "--since", "2025-12-01", "--until", "2025-11-01", "--plan", story.plan)
    assert run.code == 2
    assert "--since 2025-12-01 (2025-12-01) is after --until 2025-11-01 (2025-11-01)" in run.err


def test_shallow_clone_says_how_far_back(cli, story: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", story.root.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    plan = clone / "plans" / "small.yaml"
    run = cli("log", "--plan", plan)
    assert run.code == 0, run.err
    assert "shallow clone: the history goes back only to 2025-11-05" in run.out
    run = cli("status", "--since", "2025-10-01", "--plan", plan)
    assert run.code == 1
    assert "shallow clone: the history goes back only to 2025-11-05" in run.err
    assert "the plan as it stood at 2025-10-01 is not in it" in run.err
    assert cli("status", "--since", "2025-11-20", "--plan", plan).code == 0


def test_embedded_plan_has_no_history(cli) -> None:
    run = cli("log")
    assert run.code == 1 and "the embedded default plan has no history" in run.err


# --- speed: one git log, one cat-file, each blob parsed once ------------------------------


def test_one_git_log_and_one_cat_file(cli, story: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    real = subprocess.Popen

    def spy(args, *a, **k):  # type: ignore[no-untyped-def]
        started.append(list(args))
        return real(args, *a, **k)

    monkeypatch.setattr(subprocess, "Popen", spy)
    run = cli("log", "--changes", "--plan", story.plan)
    assert run.code == 0
    kinds = [a[1] for a in started if a[0] == "git" and a[1] in ("log", "cat-file", "show")]
    assert kinds.count("cat-file") == 1 and "show" not in kinds
    assert sum(a[1] == "log" and "--raw" in a for a in started) == 1


def test_each_distinct_blob_is_parsed_once(story: Repo) -> None:
    from iwgplan.files.blobs import Plans
    from iwgplan.files.gitlog import GitHistory
    from iwgplan.views.steps import steps

    text = story.plan.read_text(encoding="utf-8")
    story.commit(text + "# a comment\n", "comment", "2025-12-02")
    story.commit(text, "revert the comment", "2025-12-03")  # the same blob as two commits before
    with GitHistory(story.plan, "plans/small.yaml") as history:
        plans = Plans(history.blob)
        walked = list(steps(history.commits(), plans))
        blobs = {s.commit.new_blob for s in walked}
    assert len(walked) == 8
    assert plans.parsed == len(blobs)


def test_a_long_walk_holds_a_few_plans_not_all(story: Repo) -> None:
    """iwgplan runs with the cyclic collector off; a plan's index has cycles (an item and its
    sub-points). Walking 40 commits, the plans dropped are freed as the walk goes: memory stays
    flat in the number of commits (benchmarks/history.py measures the RSS)."""
    import gc
    import weakref

    from iwgplan.files import blobs, loading
    from iwgplan.files.gitlog import GitHistory
    from iwgplan.views.steps import steps

    text = story.plan.read_text(encoding="utf-8")
    for n in range(34):
        story.commit(text + f"# edit {n}\n", f"edit {n}", "2025-12-02")
    made: list[weakref.ref[object]] = []
    real_check = loading.check_data

    def check(*args, **kwargs):  # type: ignore[no-untyped-def]
        checked = real_check(*args, **kwargs)
        made.append(
            weakref.ref(next(e for e in checked.index.entries if e.children).item)
        )  # its entry is in a cycle
        return checked

    alive = []
    gc.collect()
    gc.disable()
    try:
        loading.check_data = check
        with GitHistory(story.plan, "plans/small.yaml") as history:
            plans = blobs.Plans(history.blob)
            for _ in steps(history.commits(), plans):
                alive.append(sum(r() is not None for r in made))
    finally:
        loading.check_data = real_check
        gc.unfreeze()
        gc.enable()
    assert len(made) == 40 and max(alive) <= 12, alive  # kept 3, and at most 8 dropped awaiting collection


def test_hostile_text_in_commits_and_plan_is_shown_not_obeyed(cli, story: Repo) -> None:
    story.edit(
        "title: An extra item", 'title: "Extra \\e]0;pwned\\a item"', "Rename \x1b[31mred", "2025-12-02"
    )
    for fmt in ("text", "markdown"):
        out = cli("log", "--changes", "-n", "1", "--format", fmt, "--plan", story.plan).out
        assert "\x1b" not in out and "\x07" not in out
        assert "␛" in out
    data = json.loads(cli("log", "-n", "1", "--format", "json", "--plan", story.plan).out)
    assert data["commits"][0]["subject"] == "Rename \x1b[31mred"  # JSON stays exact


def test_no_chart_while_nothing_is_done(cli, story: Repo) -> None:
    """A chart of zeros would only repeat the Progress section's "0 done"."""
    md = cli("report", "--as-of", "2025-12-31", "--plan", story.plan).out
    assert "xychart-beta" not in md and "Progress over time" not in md
    html = cli("report", "--format", "html", "--as-of", "2025-12-31", "--plan", story.plan).out
    assert "progress-chart" not in html


def test_the_history_page_example_is_real_output(cli, story: Repo) -> None:
    """The example of docs/history.md is what these commands print on the story repository.

    Commit hashes are compared by shape only, so that a change to the fixture does not make
    every other change fail here; everything else must match, up to each "..." cut.
    """
    section = (Path(__file__).resolve().parents[1] / "docs" / "history.md").read_text(encoding="utf-8")
    example = section[section.index("```console\n") + 11 : section.index("\n```\n")]
    commands = re.split(r"(?m)^\$ iwgplan ", example)[1:]
    assert len(commands) == 2

    def masked(text: str) -> list[str]:
        return [re.sub(r"\b[0-9a-f]{7}\b", "HASH", x).rstrip() for x in text.splitlines()]

    for shown in commands:
        argv, _, printed = shown.partition("\n")
        extra = ["--no-pager"] if argv.startswith("status") else []
        run = cli(*argv.split(), *extra, "--plan", story.plan)
        assert run.code == 0, run.err
        want = masked(printed.split("\n...", 1)[0].split("      ...", 1)[0])
        assert masked(run.out)[: len(want)] == want


def test_the_series_from_the_file_counts_what_the_summary_counts(cli, tmp_path: Path) -> None:
    """Without git, the share per week comes from the done dates in the file. Standing duties,
    past business and possibilities never count, in any week: the last week, which the status
    screen's figure ends, says what the weeks before it said when nothing was done in between."""
    plan = tmp_path / "plan.yaml"  # outside any repository
    text = SHIPPED.read_text(encoding="utf-8")
    for ident, day in (("joint-statement", "2025-11-20"), ("compendium-2020", "2026-01-10")):
        head = f"          - id: {ident}\n"
        at = text.index(head)
        status = text.index("            status: planned\n", at)
        text = (
            text[:status] + f"            status: done\n            completed: {day}\n" + text[status + 28 :]
        )
    plan.write_text(text, encoding="utf-8")
    assert cli("validate", plan).code == 0
    run = cli("export", "--format", "csv", "--by", "week", "--as-of", "2026-11-29", "--plan", plan)
    assert run.code == 0, run.err
    shares = [float(r.split(",")[2]) for r in run.out.splitlines()[1:] if r.split(",")[2]]
    status = json.loads(cli("status", "--format", "json", "--as-of", "2026-11-29", "--plan", plan).out)
    tiers = [g for g in status["tiers"] if g["kind"] == "tier"]  # what the summary sentence counts
    done = sum(g["counts"]["done"] for g in tiers)
    live = sum(sum(g["counts"].values()) - g["counts"]["dropped"] for g in tiers)
    assert shares[-1] == pytest.approx(done / live, abs=1e-4) == shares[-2]  # no jump at the end
    assert sorted({round(s, 4) for s in shares}) == [0.0, round(1 / live, 4), round(2 / live, 4)]


# --- windows by graph order, not author dates ----------------------------------------------------


def _commit_as(repo: Repo, old: str, new: str, message: str, authored: str, committed: str) -> str:
    """A commit whose author date is not its committer date (what a rebase or cherry-pick leaves)."""
    import os

    text = repo.plan.read_text(encoding="utf-8")
    assert old in text, old
    repo.plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{authored}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{committed}T12:00:00+00:00",
    }
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=repo.root, check=True, capture_output=True, env=env)
    return repo.git("rev-parse", "--short=7", "HEAD").strip()


@pytest.mark.parametrize("authored", ["2025-09-01", "2025-10-14", "2025-10-15", "2026-01-20"])
def test_log_status_and_report_agree_on_a_window_whatever_the_author_dates(
    cli, tmp_path: Path, authored: str
) -> None:
    """A cherry-picked commit keeps its author date (before, on or after the window's first day)
    on top of newer work: `log`, `status` and `report` all place it by when it was committed."""
    repo = Repo(tmp_path / "r")
    repo.commit(SMALL.read_text(encoding="utf-8"), "adopted", "2025-09-12")
    before = repo.edit(START, "status: in-progress", "started", "2025-10-02")
    inside = repo.edit("due: 2026-01-15", "due: 2026-03-01", "slip", "2025-11-02")
    picked = _commit_as(repo, "status: blocked", "status: dropped", "picked", authored, "2025-12-01")
    wanted = [picked, inside]

    data = json.loads(cli("log", "--since", "2025-10-15", "--format", "json", "--plan", repo.plan).out)
    assert [c["short"] for c in data["commits"]] == wanted
    assert data["commits"][0]["date"].startswith(authored)  # shown with its author date, as git does
    status = json.loads(cli("status", "--since", "2025-10-15", "--format", "json", "--plan", repo.plan).out)
    assert status["since"]["commits"] == 2
    assert [m["id"] for m in status["since"]["dropped"]] == ["late"]
    heading = f"Since 2025-10-15 (2 commits, {inside}..{picked})"
    assert cli("status", "--since", "2025-10-15", "--plan", repo.plan).out.startswith(heading)
    args = ("--since", "2025-10-15", "--as-of", "2025-12-31", "--plan", repo.plan)
    report = json.loads(cli("report", "--format", "json", *args).out)["since"]
    assert report["status_heading"] == heading and report["commits"] == 2
    md = cli("report", *args).out  # in words for the delegations: the same window, no commits
    assert "## Since 15 October 2025\n" in md and "- **Dropped (1):** Tier one, • Türkiye: hosting" in md

    # the other end: up to a day holds what was committed by then, wherever it was authored
    data = json.loads(cli("log", "--until", "2025-11-15", "--format", "json", "--plan", repo.plan).out)
    assert [c["short"] for c in data["commits"]][:2] == [inside, before]
    csv_out = cli(
        "export", "--format", "csv", "--by", "week", "--as-of", "2025-12-31", "--plan", repo.plan
    ).out
    rows = {r.split(",")[0]: r.split(",")[-1] for r in csv_out.splitlines()[1:]}
    assert rows["2025-12-01"] == picked  # its week is the week it landed


LOG_ARGS = [
    [],
    ["--changes"],
    ["--changes-only"],
    ["--id", "late"],
    ["--format", "json"],
    ["--format", "markdown", "--changes"],
    ["-n", "3", "--changes"],
]


def test_log_from_the_cache_prints_what_a_parse_prints(
    cli, story: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29: `log` reads each blob through the validated-plan cache. Every kind of change
    (the story's, the shipped plan swapped in, its period, a status, a meeting-free comment
    edit, a plan that does not load and one that loads again) prints the same bytes in every
    format from a first run (which fills the cache), from a rerun (every blob a hit, none
    parsed) and with --no-cache; records compare by value, so no commit shows a false change."""
    good = story.plan.read_text(encoding="utf-8")
    story.commit(good.replace("title: Tier one", "title: [Tier one"), "Broken edit", "2025-12-05")
    story.commit(good.replace("status: blocked", "status: in-progress"), "Fixed, and unblocked", "2025-12-06")
    shipped = SHIPPED.read_text(encoding="utf-8")
    period = "period: {start: 2025-09, end: 2026-12}"
    story.commit(shipped, "The shipped plan", "2025-12-07")
    story.commit(shipped.replace(period, "period: {start: 2025-09, end: 2027-03}"), "Period", "2025-12-08")
    story.commit(shipped.replace("status: planned", "status: in-progress", 1), "A status", "2025-12-09")
    story.commit(
        shipped.replace("status: planned", "status: in-progress", 1) + "# c\n", "Comment", "2025-12-10"
    )
    parsed = [cli("--no-cache", "log", *args, "--plan", story.plan) for args in LOG_ARGS]
    first = [cli("log", *args, "--plan", story.plan) for args in LOG_ARGS]
    from iwgplan.files import loading

    checked: list[str] = []  # on a rerun, only the blob that does not load (never cached)

    def counted(real: Any) -> Any:
        def check(text: str, shown: str, *args: Any, **kwargs: Any) -> Any:
            checked.append(shown)
            return real(text, shown, *args, **kwargs)

        return check

    monkeypatch.setattr(loading, "check_data", counted(loading.check_data))
    monkeypatch.setattr(loading, "check_text", counted(loading.check_text))
    rerun = [cli("log", *args, "--plan", story.plan) for args in LOG_ARGS]
    assert len(checked) == len(LOG_ARGS) - 1  # `-n 3` stops before the broken commit
    for args, a, b, c in zip(LOG_ARGS, parsed, first, rerun, strict=True):
        assert a.code == 0, a.err
        assert (a.code, a.out, a.err) == (b.code, b.out, b.err) == (c.code, c.out, c.err), args
    assert "Period\n    +0 −0 ~1" in parsed[0].out and "Comment\n    no change to the plan" in parsed[0].out
    assert "plan does not load, skipped" in parsed[0].out
