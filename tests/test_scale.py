"""Inputs that real plans can reach and that used to turn linear work quadratic: many groups,
mass renames, long histories, many blocked items, deep sub-points. Behaviour only; the time
each takes is measured in benchmarks/run.py, never here."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from iwgplan.files.loading import check_text, load_text
from iwgplan.views import diff as diff_view
from iwgplan.views.diff import diff_plans, rename_note
from iwgplan.views.timeline import count, summarize
from tests.helpers import SMALL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate, renamed_revision, revised_history  # noqa: E402

BASE = SMALL.read_text(encoding="utf-8")


def test_group_counts_in_one_pass_equal_a_scan_per_group() -> None:
    _, index = load_text(generate(600, groups=40), "g.yaml")
    summary = summarize(index, date(2026, 3, 1))
    assert len(summary.groups) == 40
    for g in summary.groups:
        scanned = [e for e in index.entries if e.parent is None and e.group is g.group]
        assert g.counts == count(scanned)
    assert sum(sum(g.counts.values()) for g in summary.groups) == sum(summary.counts.values())


def _hints(old: str, new: str) -> dict[str, str]:
    changes = diff_plans(load_text(old, "a.yaml")[1], load_text(new, "b.yaml")[1])
    return {c.id or "": c.extra["hint"] for c in changes if "hint" in c.extra}


def test_mass_rename_hints_every_renamed_id() -> None:
    text = generate(400)
    new = renamed_revision(text, share=0.5)
    hints = _hints(text, new)
    renamed = new.count("-renamed\n")
    assert renamed > 50
    assert len(hints) == renamed
    assert all(
        hint == f"probably renamed from {ident.removesuffix('-renamed')}" for ident, hint in hints.items()
    )


def test_similar_title_hint_is_kept_below_the_cap() -> None:
    new = BASE.replace(
        '- id: late\n            title: "Türkiye: hosting"',
        '- id: later\n            title: "Türkiye: hosting!"',
    )
    assert _hints(BASE, new) == {"later": "probably renamed from late"}


def test_past_the_cap_only_identical_titles_and_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff_view, "MAX_SIMILAR_PAIRS", 0)
    new = BASE.replace(
        '- id: late\n            title: "Türkiye: hosting"',
        '- id: later\n            title: "Türkiye: hosting!"',
    )
    changes = diff_plans(load_text(BASE, "a.yaml")[1], load_text(new, "b.yaml")[1])
    assert not any("hint" in c.extra for c in changes)
    note = rename_note(changes)
    assert note is not None and "identical titles" in note and "1 added with 1 removed" in note


def test_history_diff_with_thousands_of_entries() -> None:
    old = generate(30, history=3000)
    new = revised_history(old)
    changes = diff_plans(load_text(old, "a.yaml")[1], load_text(new, "b.yaml")[1])
    history = [c for c in changes if c.field == "history"]
    assert len(history) == 1
    assert (history[0].old, history[0].new) == (3000, 3000)
    added, removed = history[0].extra["added"], history[0].extra["removed"]
    assert len(added) == len(removed) == 300
    assert added[1] == {"date": removed[1]["date"], "note": "entry 10, revised"}
    assert removed[1]["note"] == "entry 10"


def test_history_diff_keeps_repeated_entries_as_they_were() -> None:
    history = "            history:\n" + "              - date: 2025-11-02\n                note: same\n" * 2
    old = BASE.replace("          - id: statement\n", "          - id: statement\n" + history)
    new = old.replace("                note: same\n", "                note: other\n", 1)
    changes = diff_plans(load_text(old, "a.yaml")[1], load_text(new, "b.yaml")[1])
    (change,) = [c for c in changes if c.field == "history"]
    assert change.extra == {"added": [{"date": "2025-11-02", "note": "other"}], "removed": []}


def test_status_caps_blocked_like_overdue(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = [
        f"          - id: b{i}\n            title: Blocked {i}\n            status: blocked\n"
        for i in range(20)
    ]
    plan = tmp_path / "blocked.yaml"
    plan.write_text(
        BASE.replace("          - id: late\n", "".join(lines) + "          - id: late\n"), encoding="utf-8"
    )
    run = cli("status", "--plan", plan, "--as-of", "2026-03-01")
    assert run.code == 0
    assert "Blocked (21)" in run.out
    assert "… and 13 more: iwgplan list --status blocked" in run.out
    assert re.search(r"· Blocked 0$", run.out, re.M) and "Blocked 19" not in run.out  # by title (issue 24)
    listed = cli("list", "--plan", plan, "--status", "blocked", "--format", "json")
    assert listed.out.count('"status": "blocked"') == 21


def _deep(levels: int) -> str:
    head = BASE.split("tiers:")[0]
    out = [head, 'tiers:\n  - id: tier1\n    number: "1"\n    title: T\n    focus_areas:\n']
    out.append("      - id: fa\n        title: F\n        action_points:\n")
    for d in range(levels):
        pad = " " * (10 + 4 * d)
        out.append(f"{pad}- id: d{d}\n{pad}  title: Level {d}\n{pad}  status: planned\n")
        if d < levels - 1:
            out.append(f"{pad}  children:\n")
    return "".join(out)


def test_deep_sub_points_are_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "deep.yaml"
    plan.write_text(_deep(250), encoding="utf-8")
    assert cli("validate", plan).code == 0
    run = cli("show", "d249", "--plan", plan, "--format", "json")
    assert run.code == 0 and '"id": "d249"' in run.out


def test_too_deep_is_reported_where_it_happens() -> None:
    text = _deep(300)
    problems = check_text(text, "deep.yaml").result.problems
    assert len(problems) == 1
    problem = problems[0]
    assert "nested too deeply" in problem.message
    assert problem.line is not None and problem.line > 100
    assert text.splitlines()[problem.line - 1].lstrip().startswith("- id: d")


def test_nesting_past_libyaml_limit_is_at_its_line() -> None:
    problems = check_text(_deep(600), "deep.yaml").result.problems
    assert problems[0].line is not None and problems[0].line > 100
    assert "nesting depth" in problems[0].message


@pytest.mark.parametrize("shape", [{}, {"groups": 7}, {"history": 40}])
def test_generated_plans_are_the_current_format_with_no_problem(shape: dict[str, int]) -> None:
    """The benchmarks measure the format users write today (issue 29): the generator writes the
    current schema_version, and the plan it writes has no problem or warning at all."""
    from iwgplan.plan.model import SCHEMA_VERSION

    checked = check_text(generate(120, **shape), "g.yaml")
    assert checked.plan is not None and checked.plan.schema_version == SCHEMA_VERSION
    assert checked.result.problems == []
