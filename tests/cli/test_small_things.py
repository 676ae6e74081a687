"""The small things people trip on (issue 24, point 9), each with the family it belongs to."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SHIPPED


def _commands() -> list[str]:
    import typer.main

    from iwgplan.cli.app import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


PYTHON_TYPES = re.compile(r"<[^>\n]*>|\{[A-Z_.]+\}|list\[")


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_names_values_in_words_never_python_types(cli, command: str) -> None:
    run = cli(*([command] if command else []), "--help")
    assert run.code == 0
    found = PYTHON_TYPES.findall(run.out)
    assert not found, found
    for metavar in re.findall(r"^\s+--[a-z-]+ (\S+)", run.out, re.M):
        assert re.fullmatch(r"[A-Z|.]+|\[[a-z0-9|-]+\]", metavar), metavar


def test_usage_lines_name_arguments_as_words(cli) -> None:
    assert "Usage: iwgplan done [OPTIONS] ID..." in cli("done", "--help").out
    assert "Usage: iwgplan note [OPTIONS] ID TEXT" in cli("note", "--help").out


def test_tiers_shows_the_focus_area_ids_that_add_under_takes(cli, shipped_copy) -> None:
    out = cli("tiers", "--plan", shipped_copy).out
    from iwgplan.files.loading import load_text

    plan = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[0]
    for tier in plan.tiers:
        for area in tier.focus_areas:
            assert re.search(rf"^  {re.escape(area.id)} +{re.escape(area.title[:20])}", out, re.M)
            run = cli("add", "--under", area.id, "--title", f"New under {area.id}", "--plan", shipped_copy)
            assert run.code == 0, run.err


def test_show_finds_every_item_by_the_documents_own_number(cli) -> None:
    from iwgplan.files.loading import load_text

    index = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[1]
    numbers: dict[str, list[str]] = {}
    for entry in index.entries:
        numbers.setdefault(re.sub(r"\s+", "", entry.number).casefold(), []).append(entry.id)
    for entry in index.entries:
        if len(numbers[re.sub(r"\s+", "", entry.number).casefold()]) != 1:
            continue  # two bullets under one item: a number that names no one item
        for spelling in (entry.number, entry.number.upper(), entry.number.replace(" ", "")):
            run = cli("show", spelling, "--plan", SHIPPED, "--format", "json")
            assert run.code == 0, (spelling, run.err)
            assert f'"id": "{entry.id}"' in run.out
    assert cli("show", "5.2(a)", "--plan", SHIPPED).out.startswith("5.2(a) Providing Secretariat support")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jont", "joint-statement"),
        ("compendum", "compendium-2020"),
        ("hakathons", "hackathons"),
        ("tpr-asessment", "tpr-assessment"),
        ("secsupport", "sec-support"),
        ("comittees", "committees"),
    ],
)
def test_a_misspelt_id_suggests_the_closest(cli, typed: str, meant: str) -> None:
    run = cli("show", typed, "--plan", SHIPPED)
    assert run.code == 1
    assert "did you mean" in run.err
    suggestions = re.findall(r"^  (\S+)  ", run.err, re.M)
    assert meant in suggestions[:3], suggestions


def test_move_to_where_an_item_already_is_says_so_and_writes_nothing(cli, shipped_copy) -> None:
    """Every item, moved under the place it is in (and after the item before it): exit 0,
    nothing written, said on stderr."""
    from iwgplan.files.loading import load_text

    before = shipped_copy.read_bytes()
    index = load_text(before.decode("utf-8"), "plan")[1]
    for entry in index.entries:
        if entry.parent is not None:
            under = entry.parent.id
        elif entry.focus is not None:
            under = entry.focus.id
        else:
            under = entry.group.id
        siblings = (
            entry.parent.children
            if entry.parent
            else [
                e
                for e in index.entries
                if e.parent is None and e.group is entry.group and e.focus is entry.focus
            ]
        )
        at = siblings.index(entry)
        if at == 0 and len(siblings) > 1:
            continue  # without --after an item goes last: the first of several cannot be "moved" there
        after = ["--after", siblings[at - 1].id] if at else []
        run = cli("move", entry.id, "--under", under, *after, "--plan", shipped_copy)
        assert run.code == 0, (entry.id, run.err)
        assert f"{entry.id} is already under" in run.err and "nothing to move" in run.err
        assert shipped_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("due", "late"),
    [
        ("2026-12-06", 1),
        ("2026-11", 7),
        ("2025-12-01", 371),
        ("mc14", 253),
        ("start", 433),
        ("2026-12-07", None),
        ("2026-12", None),
        ("2027-01-31", None),
        ("report-back", None),
        ("end", None),
    ],
)
def test_add_with_a_due_already_past_warns_that_it_is_overdue(
    cli, shipped_copy, monkeypatch, due, late
) -> None:
    from datetime import date

    monkeypatch.setattr("iwgplan.plan.dates.today", lambda: date(2026, 12, 7))
    run = cli("add", "--under", "data", "--title", "A workshop", "--due", due, "--plan", shipped_copy)
    assert run.code == 0, run.err
    if late is None:
        assert "overdue" not in run.err
    else:
        assert "warning: a-workshop is due" in run.err and "overdue from the start" in run.err
        assert f"{late} day{'s' * (late != 1)} late today (2026-12-07)" in run.err
    assert "a-workshop: added" in run.out


def test_add_with_a_due_before_the_plans_issue_says_it_is_past_business_not_late(cli, shipped_copy) -> None:
    run = cli(
        "add", "--under", "data", "--title", "A workshop", "--due", "2025-09-01", "--plan", shipped_copy
    )
    assert run.code == 0, run.err
    assert "before the plan's issue (2025-09-10)" in run.err and "never as late" in run.err
    assert "overdue" not in run.err


@pytest.fixture
def history(tmp_path, cli, monkeypatch):  # type: ignore[no-untyped-def]
    """A repository with the shipped plan, then: one item done, one added with a long title, its
    due slipped with a reason, and one commit with a long subject."""
    from datetime import date

    from tests.helpers import git

    monkeypatch.setattr("iwgplan.plan.dates.today", lambda: date(2026, 12, 7))
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    plan = root / "plans" / SHIPPED.name
    plan.write_bytes(SHIPPED.read_bytes())
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Adopt the plan")
    steps = [
        (
            ("done", "joint-statement", "--date", "2026-03-28"),
            "Joint statement endorsed at MC14 in Yaoundé, " * 3,
        ),
        (
            (
                "add",
                "--id",
                "webinar",
                "--under",
                "digitalisation",
                "--due",
                "2027-01",
                "--title",
                "Webinar with ITU on the gender digital divide and women in e-commerce " * 2,
            ),
            "Add",
        ),
        (("modify", "webinar", "--due", "2027-02", "--reason", "Postponed: ITU asked for February"), "Slip"),
        (("note", "webinar", "First note"), "Notes"),
    ]
    for args, subject in steps:
        assert cli(*args, "--plan", plan).code == 0
        if subject == "Notes":
            assert cli("note", "webinar", "Second note", "--plan", plan).code == 0
        git(root, "commit", "-qam", subject)
    monkeypatch.chdir(root)
    return root


def test_log_piped_keeps_subjects_whole_and_takes_no_pager(cli, history) -> None:
    run = cli("log", "--no-pager")
    assert run.code == 0, run.err
    assert ("Joint statement endorsed at MC14 in Yaoundé, " * 3).strip() in run.out
    assert "…" not in run.out


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_continuation_lines_keep_their_indentation(cli, history, monkeypatch, columns: str) -> None:
    """A change too long for the line goes on under its own text, never back at column 0."""
    monkeypatch.setenv("COLUMNS", columns)
    for args in (("log", "--changes"), ("diff", "HEAD~4", "HEAD")):
        lines = cli(*args).out.splitlines()
        heads = re.compile(r"^([0-9a-f]{7}  |\+\d+ −\d+ ~\d+|\d+ \S|Plan, milestones)")
        assert all(x.startswith(" ") for x in lines if x and not heads.match(x)), lines
        changes = [i for i, x in enumerate(lines) if re.match(r"^ +[~+−→] ", x)]
        assert changes
        for i in changes:
            indent = len(lines[i]) - len(lines[i].lstrip()) + 2
            assert len(lines[i]) <= int(columns)
            for after in lines[i + 1 :]:
                if not after.startswith(" " * indent) or re.match(r"^ +[~+−→] ", after):
                    break
                assert len(after) <= int(columns)


def test_diff_says_entries_in_the_right_number_none_for_nothing_and_why_a_due_slipped(
    cli, history, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    log = cli("log", "--changes").out
    assert "webinar history: 1 entry added" in log  # the slip's own entry
    assert "webinar history: 2 entries added" in log  # two notes in one commit
    assert "entries added" not in log.replace("2 entries added", "")
    assert "null" not in log and "joint-statement completed: (none) → 2026-03-28" in log
    assert "webinar due: 2027-01 → 2027-02 (+28 days): Postponed: ITU asked for February" in log
    diff = cli("diff", "HEAD~2", "HEAD~1").out
    assert "webinar due: 2027-01 → 2027-02 (+28 days): Postponed: ITU asked for February" in diff
    data = cli("diff", "HEAD~2", "HEAD~1", "--format", "json").out
    assert '"reason": "Postponed: ITU asked for February"' in data


def test_month_milestones_are_one_day_events_with_the_range_said(cli) -> None:
    """A milestone the document dates by month is one all-day event on its first day, its months
    in the title and description (never a 30- to 62-day event that fills every day of a month);
    one dated by days spans those days. In every calendar flavour."""
    from datetime import timedelta

    import icalendar

    from iwgplan.files.loading import load_text
    from iwgplan.render.ics import uid

    plan = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[0]
    assert any(m.begins.day is None for m in plan.milestones)  # the family holds months
    assert any(m.begins.day is not None and m.begins != m.finishes for m in plan.milestones)
    for args in ((), ("--for", "google"), ("--for", "outlook"), ("--todos-as-events",)):
        out = cli("export", "--format", "ics", *args, "--plan", SHIPPED).out
        events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(out).walk("VEVENT")}
        for m in plan.milestones:
            event = events[uid(plan.plan.id, f"milestone.{m.id}")]
            start, end = event["dtstart"].dt, event["dtend"].dt
            if m.begins.day is None or m.finishes.day is None:
                assert (start, end) == (m.begins.first(), m.begins.first() + timedelta(1)), m.id
                assert m.begins.first().strftime("%B %Y") in str(event["summary"])
                assert m.finishes.last().strftime("%B %Y") in str(event["description"])
            else:
                assert (start, end) == (m.begins.first(), m.finishes.last() + timedelta(1)), m.id
