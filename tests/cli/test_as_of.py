"""`--as-of D` replays the dated history: each command's output on five dates of one plan."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

DATED = FIXTURES / "dated.yaml"

# The day, then each item's status on it ("-" when it was not in the plan yet), then the
# `completed` date the replay gives the item that is done.
TABLE = {
    # before anything is recorded: dated items start planned, undated `survey` keeps its status
    "2025-12-01": {"statement": "planned", "workshop": "planned", "survey": "in-progress",
                   "toolkit": "-", "compendium": "planned"},
    "2026-01-15": {"statement": "in-progress", "workshop": "planned", "survey": "in-progress",
                   "toolkit": "-", "compendium": "planned"},
    # compendium was done on 2026-02-15, reopened on 2026-03-15; workshop blocked since 02-01
    "2026-03-01": {"statement": "in-progress", "workshop": "blocked", "survey": "in-progress",
                   "toolkit": "-", "compendium": "done"},
    # the day the issue names: statement is done only on 2026-06-01, workshop dropped on 04-01
    "2026-03-30": {"statement": "in-progress", "workshop": "blocked", "survey": "in-progress",
                   "toolkit": "-", "compendium": "planned"},
    "2026-06-30": {"statement": "done", "workshop": "dropped", "survey": "in-progress",
                   "toolkit": "planned", "compendium": "planned"},
}  # fmt: skip
COMPLETED = {"2026-03-01": {"compendium": "2026-02-15"}, "2026-06-30": {"statement": "2026-06-01"}}
DAYS = list(TABLE)
TITLES = {"statement": "Joint statement", "workshop": "Workshop", "survey": "Survey",
          "toolkit": "Toolkit", "compendium": "Compendium"}  # fmt: skip


def _present(day: str) -> dict[str, str]:
    return {k: v for k, v in TABLE[day].items() if v != "-"}


@pytest.mark.parametrize("day", DAYS)
def test_list_json(cli, day: str) -> None:
    run = cli("list", "--plan", DATED, "--as-of", day, "--format", "json")
    assert run.code == 0, run.err
    rows = json.loads(run.out)["action_points"]
    assert {r["id"]: r["status"] for r in rows} == _present(day)
    assert {r["id"]: r["completed"] for r in rows if r["completed"]} == COMPLETED.get(day, {})


@pytest.mark.parametrize("day", DAYS)
def test_list_text_says_as_recorded(cli, day: str) -> None:
    run = cli("list", "--plan", DATED, "--as-of", day)
    assert run.code == 0
    assert f"{len(_present(day))} action points · as recorded on {day}" in run.out


@pytest.mark.parametrize("day", DAYS)
def test_export_csv(cli, day: str) -> None:
    run = cli("export", "--format", "csv", "--plan", DATED, "--as-of", day)
    assert run.code == 0
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert {r["id"]: r["status"] for r in rows} == _present(day)


@pytest.mark.parametrize("day", DAYS)
def test_status_counts(cli, day: str) -> None:
    run = cli("status", "--plan", DATED, "--as-of", day, "--format", "json")
    assert run.code == 0
    data = json.loads(run.out)
    assert data["as_recorded"] is True
    expected = {s: list(_present(day).values()).count(s) for s in data["counts"]}
    assert data["counts"] == expected
    blocked = [b["id"] for b in data["blocked"]]
    assert blocked == [k for k, v in _present(day).items() if v == "blocked"]


@pytest.fixture
def far(tmp_path: Path) -> Path:
    """The dated plan at a path of over 150 characters, as in a CI runner's deep checkout."""
    folder = tmp_path.joinpath(*["a-long-checkout-folder"] * 7)
    folder.mkdir(parents=True)
    target = folder / "dated.yaml"
    target.write_bytes(DATED.read_bytes())
    assert len(str(target)) > 150
    return target


@pytest.mark.parametrize("day", DAYS)
def test_status_text_header(cli, day: str, far: Path) -> None:
    for plan in (DATED, far):
        run = cli("status", "--plan", plan, "--as-of", day)
        assert run.code == 0
        assert f"as recorded on {day} · plan:" in run.out


@pytest.mark.parametrize("day", DAYS)
def test_tiers(cli, day: str) -> None:
    run = cli("tiers", "--plan", DATED, "--as-of", day, "--format", "json")
    assert run.code == 0
    counts = json.loads(run.out)["tiers"][0]["counts"]
    assert counts == {s: list(_present(day).values()).count(s) for s in counts}
    assert f"as recorded on {day}" in cli("tiers", "--plan", DATED, "--as-of", day).out


@pytest.mark.parametrize("day", DAYS)
def test_show_history_up_to_the_day(cli, day: str) -> None:
    run = cli("show", "compendium", "--plan", DATED, "--as-of", day, "--format", "json")
    assert run.code == 0
    data = json.loads(run.out)
    assert data["status"] == TABLE[day]["compendium"]
    assert all(h["date"] <= day for h in data["history"])
    assert len(data["history"]) == sum(d <= day for d in ("2026-02-15", "2026-03-15"))
    assert f"as recorded on {day}" in cli("show", "compendium", "--plan", DATED, "--as-of", day).out


@pytest.mark.parametrize("day", DAYS)
def test_report(cli, day: str) -> None:
    run = cli("report", "--plan", DATED, "--as-of", day)
    assert run.code == 0
    assert f"Implementation report as recorded on **{day}**" in run.out
    for item, status in TABLE[day].items():
        line = f"** {TITLES[item]} — "
        assert (f"{line}{status};" in run.out) if status != "-" else (line not in run.out)
    html = cli("report", "--format", "html", "--plan", DATED, "--as-of", day).out
    assert f"<th>Report as recorded on</th><td>{day}</td>" in html


def test_item_added_later_is_not_shown_before(cli) -> None:
    run = cli("show", "toolkit", "--plan", DATED, "--as-of", "2026-04-30")
    assert run.code == 1
    assert "no action point with id 'toolkit'" in run.err
    assert cli("show", "toolkit", "--plan", DATED, "--as-of", "2026-05-01").code == 0


def test_without_as_of_the_file_is_read_as_it_is(cli) -> None:
    run = cli("list", "--plan", DATED, "--format", "json")
    rows = json.loads(run.out)["action_points"]
    assert {r["id"]: r["status"] for r in rows}["statement"] == "done"
    assert "as recorded" not in cli("status", "--plan", DATED).out


def _replay_copying_everything(plan, on):  # type: ignore[no-untyped-def]
    """The replay before issue 29: every item copied, whatever the day changes in it."""
    from iwgplan.views import replay as r

    gone: set[str] = set()
    for tier in plan.tiers:
        for focus in tier.focus_areas:
            r._gone(focus.action_points, on, gone)
    for section in plan.sections:
        r._gone(section.items, on, gone)

    def item(i):  # type: ignore[no-untyped-def]
        status = r.status_on(i, on)
        return i.model_copy(
            update={
                "status": status,
                "completed": r._completed_on(i, on) if status.value == "done" else None,
                "history": [h for h in i.history if h.date <= on],
                "evidence": [e for e in i.evidence if e.date is None or e.date <= on],
                "depends_on": [d for d in i.depends_on if d.lower() not in gone],
                "children": items(i.children),
            }
        )

    def items(found):  # type: ignore[no-untyped-def]
        return [item(i) for i in found if i.id.lower() not in gone]

    tiers = [
        t.model_copy(
            update={
                "focus_areas": [
                    f.model_copy(update={"action_points": items(f.action_points)}) for f in t.focus_areas
                ]
            }
        )
        for t in plan.tiers
    ]
    sections = [s.model_copy(update={"items": items(s.items)}) for s in plan.sections]
    return plan.model_copy(update={"tiers": tiers, "sections": sections})


@pytest.mark.parametrize("source", ["dated", "shipped", "generated"])
def test_replay_keeps_unchanged_items_and_gives_the_same_plan(source: str) -> None:
    """An item the day changes nothing in is the same object (issue 29: 10,000 copies took
    0.2 s of every `--as-of` run); the replayed plan is the one the copying replay gave, for
    the models and for the records the cache builds, on days before, within and after the plan."""
    import sys
    from datetime import date

    from iwgplan.files.loading import load_text
    from iwgplan.plan import records
    from iwgplan.views.replay import replay
    from tests.helpers import ROOT, SHIPPED

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    text = {
        "dated": DATED.read_text(encoding="utf-8"),
        "shipped": SHIPPED.read_text(encoding="utf-8"),
        "generated": generate(300, seed=3, history=20),
    }[source]
    model = load_text(text, source)[0]
    built = records.build(model.model_dump(mode="json", exclude_defaults=True))
    kept = 0
    for plan in (model, built):
        for day in ("2025-01-01", "2025-12-01", "2026-03-01", "2026-03-30", "2026-06-30", "2030-01-01"):
            on = date.fromisoformat(day)
            past = replay(plan, on)
            assert past.model_dump(mode="json") == _replay_copying_everything(plan, on).model_dump(
                mode="json"
            )
            old = {id(i) for t in plan.tiers for f in t.focus_areas for i in f.action_points}
            kept += sum(id(i) in old for t in past.tiers for f in t.focus_areas for i in f.action_points)
    assert kept  # some items came through as they were
