"""`iwgplan diff`: id-matched changes, golden JSON per kind, git revisions, and the git driver."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from iwgplan.files.loading import load_text
from iwgplan.views.diff import diff_plans
from tests.helpers import SHIPPED, SMALL, git

BASE = SMALL.read_text(encoding="utf-8")


def index(text: str):  # type: ignore[no-untyped-def]
    return load_text(text, "p.yaml")[1]


def changes(old: str, new: str) -> list[dict[str, object]]:
    from iwgplan.render.diff_out import change_dict

    return [change_dict(c) for c in diff_plans(index(old), index(new))]


KINDS = {
    "added": (
        BASE.replace(
            "          - id: late\n",
            "          - id: extra\n            title: Extra\n            status: planned\n          - id: late\n",
        ),
        [
            {
                "kind": "added",
                "entity": "action_point",
                "id": "extra",
                "field": None,
                "old": None,
                "new": "Extra",
                "tier": "tier1",
            }
        ],
    ),
    "removed": (
        BASE.replace(
            "              - id: kid-a\n                number: a\n                title: First kid\n"
            "                status: 'planned'\n",
            "",
        ),
        [
            {
                "kind": "removed",
                "entity": "action_point",
                "id": "kid-a",
                "field": None,
                "old": "First kid",
                "new": None,
                "tier": "tier1",
            }
        ],
    ),
    "status": (
        BASE.replace('status: "planned"', "status: in-progress"),
        [
            {
                "kind": "changed",
                "entity": "action_point",
                "id": "statement",
                "field": "status",
                "old": "planned",
                "new": "in-progress",
                "tier": "tier1",
            }
        ],
    ),
    "due": (
        BASE.replace("due: 2026-01-15", "due: 2026-03"),
        [
            {
                "kind": "changed",
                "entity": "action_point",
                "id": "late",
                "field": "due",
                "old": "2026-01-15",
                "new": "2026-03",
                "tier": "tier1",
                "days": 75,
            }
        ],
    ),
    "owners": (
        BASE.replace("owners: [Côte d'Ivoire]", "owners: [Türkiye, Côte d'Ivoire]"),
        [
            {
                "kind": "changed",
                "entity": "action_point",
                "id": "statement",
                "field": "owners",
                "old": ["Côte d'Ivoire"],
                "new": ["Côte d'Ivoire", "Türkiye"],
                "tier": "tier1",
                "added": ["Türkiye"],
                "removed": [],
            }
        ],
    ),
    "title": (
        BASE.replace("title: Joint statement", "title: Joint statement (MC14)"),
        [
            {
                "kind": "changed",
                "entity": "action_point",
                "id": "statement",
                "field": "title",
                "old": "Joint statement",
                "new": "Joint statement (MC14)",
                "tier": "tier1",
            }
        ],
    ),
    "moved": (
        BASE.replace(
            "                number: b\n                title: Second kid\n",
            "                number: b\n                title: Second kid\n",
        ).replace("              - id: kid-b\n", "              - id: kid-b\n", 1),
        [],
    ),
    "plan": (
        BASE.replace("revision: 0", "revision: 1").replace("date: 2025-09-10", "date: 2026-02-15"),
        [
            {
                "kind": "changed",
                "entity": "plan",
                "id": None,
                "field": "revision",
                "old": 0,
                "new": 1,
                "tier": None,
            },
            {
                "kind": "changed",
                "entity": "plan",
                "id": None,
                "field": "date",
                "old": "2025-09-10",
                "new": "2026-02-15",
                "tier": None,
            },
        ],
    ),
    "milestone": (
        BASE.replace("    end: 2026-03-29", "    end: 2026-03-30"),
        [
            {
                "kind": "changed",
                "entity": "milestone",
                "id": "mc14",
                "field": "end",
                "old": "2026-03-29",
                "new": "2026-03-30",
                "tier": None,
            }
        ],
    ),
    "history": (
        BASE.replace(
            "            history: []\n",
            "            history:\n              - date: 2026-01-02\n                note: hi\n",
        ),
        [
            {
                "kind": "changed",
                "entity": "action_point",
                "id": "parent",
                "field": "history",
                "old": 0,
                "new": 1,
                "tier": "tier1",
                "added": [{"date": "2026-01-02", "note": "hi"}],
                "removed": [],
            }
        ],
    ),
}


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "moved"])
def test_golden_json_per_kind(kind: str) -> None:
    new, expected = KINDS[kind]
    assert changes(BASE, new) == expected


def test_moved_to_another_parent() -> None:
    new = BASE.replace(
        "          - id: late\n",
        "          - id: late\n",
    )
    moved = new.replace(
        "              - id: kid-a\n                number: a\n                title: First kid\n                status: 'planned'\n",
        "",
    ).replace(
        "          - id: late\n",
        "          - id: kid-a\n            title: First kid\n            status: planned\n          - id: late\n",
    )
    found = changes(BASE, moved)
    assert found[0] == {
        "kind": "moved",
        "entity": "action_point",
        "id": "kid-a",
        "field": None,
        "old": {"group": "tier1", "focus_area": "fa", "parent": "parent"},
        "new": {"group": "tier1", "focus_area": "fa", "parent": None},
        "tier": "tier1",
    }
    assert [c["field"] for c in found[1:]] == ["number"]


def test_rename_hint() -> None:
    new = BASE.replace("id: statement", "id: joint-statement")
    found = changes(BASE, new)
    assert [c["kind"] for c in found] == ["removed", "added"]
    assert found[1]["hint"] == "probably renamed from statement"


def test_self_diff_is_empty_and_reorder_reformat_comments_are_not_changes() -> None:
    assert changes(BASE, BASE) == []
    reordered = (
        BASE.replace("# the statement comes first\n", "# reworded comment\n")
        .replace("owners: [Côte d'Ivoire]", "owners:\n              - Côte d'Ivoire")
        .replace(
            '  title: "Small plan — Côte d\'Ivoire and Türkiye"   # a quoted title',
            "  title: 'Small plan — Côte d''Ivoire and Türkiye'",
        )
    )
    # move the first item after the second: same ids, same parents
    first = reordered[
        reordered.index("          - id: statement") : reordered.index("          - id: parent")
    ]
    reordered = reordered.replace(first, "").replace("          - id: late", first + "          - id: late")
    assert changes(BASE, reordered) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_diff_is_its_own_inverse(kind: str) -> None:
    new, _ = KINDS[kind]
    forward = diff_plans(index(BASE), index(new))
    backward = diff_plans(index(new), index(BASE))
    from iwgplan.render.diff_out import change_dict

    def canon(found) -> list[str]:  # type: ignore[no-untyped-def]
        rows = ({k: v for k, v in change_dict(c).items() if k != "hint"} for c in found)
        return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)

    assert canon(c.inverse() for c in forward) == canon(backward)


def test_cli_formats_and_exit_code(cli, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(
        KINDS["due"][0].replace('status: "planned"', "status: done\n            completed: 2026-01-02"),
        encoding="utf-8",
    )
    run = cli("diff", old, new)
    assert run.code == 0
    assert run.out.splitlines()[0] == "+0 −0 ~2 (1 status change, 1 due date slipped by 75 days)"
    assert "  ~ late due: 2026-01-15 → 2026-03 (+75 days)" in run.out
    assert cli("diff", old, new, "--exit-code", "--summary").code == 1
    same = cli("diff", old, old, "--exit-code")
    assert (same.code, same.out) == (0, "+0 −0 ~0\n")
    data = json.loads(cli("diff", old, new, "--format", "json").out)
    assert data["old"] == {"path_or_rev": str(old), "revision": 0, "date": "2025-09-10"}
    assert [c["field"] for c in data["changes"]] == ["status", "completed", "due"]
    md = cli("diff", old, new, "--format", "markdown").out
    assert md.startswith("**iwgplan diff:** +0 −0 ~2") and "### Changed (3)" in md
    gh = cli("diff", old, new, "--format", "github").out
    assert f"::notice file={new},line=35,col=21::statement status: planned → done\n" in gh


def test_invalid_or_missing_side_exits_2(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("due: mc14", "due: mc15"), encoding="utf-8")
    run = cli("diff", SMALL, bad)
    assert run.code == 2
    assert f"{bad}:36:18:" in run.err and "the new side of the diff has 1 problem" in run.err
    run = cli("diff", tmp_path / "nope.yaml", SMALL)
    assert run.code == 2
    assert "old side: " in run.err and "nope.yaml: no such file" in run.err


def test_git_revisions_from_a_subdirectory(cli, repo: Path, monkeypatch) -> None:
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    run = cli("diff", "HEAD~1", "--summary")
    assert (run.code, run.out) == (0, "+0 −0 ~1 (1 status change)\n")
    run = cli("diff", "rev0:plans/small.yaml", "HEAD", "--format", "json")
    data = json.loads(run.out)
    assert (
        data["old"]["path_or_rev"] == "rev0:plans/small.yaml"
        and data["new"]["path_or_rev"] == "HEAD:plans/small.yaml"
    )
    assert [c["field"] for c in data["changes"]] == ["status"]


def test_read_only_commands_take_rev(cli, repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    now = json.loads(cli("status", "--format", "json", "--as-of", "2026-01-01").out)
    then = json.loads(cli("status", "--rev", "rev0", "--format", "json", "--as-of", "2026-01-01").out)
    assert now["counts"]["in-progress"] == 2 and then["counts"]["in-progress"] == 1
    assert then["plan"]["path"] == "rev0:plans/small.yaml"
    assert cli("validate", "--rev", "rev0").out == "rev0:plans/small.yaml: valid\n"
    assert cli("show", "statement", "--rev", "HEAD~1", "--format", "json").code == 0


@pytest.mark.parametrize(
    "rev", ["--output=x", "-p", "HEAD;touch pwned", "$(touch pwned)", "a b", "HEAD..main"]
)
def test_hostile_revision_names_are_refused(cli, repo: Path, monkeypatch, rev: str) -> None:
    monkeypatch.chdir(repo)
    run = cli("status", "--rev", rev)
    assert run.code == 2
    assert "is not a revision iwgplan accepts" in run.err
    assert not (repo / "pwned").exists() and not (repo / "x").exists()
    diffed = cli("diff", rev)
    assert diffed.code == 2 and not (repo / "pwned").exists()


def test_unknown_revision(cli, repo: Path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    run = cli("diff", "no-such-tag")
    assert run.code == 2
    assert "cannot read no-such-tag:plans/small.yaml from git" in run.err


def test_git_diff_driver(repo: Path) -> None:
    import shutil
    import sys

    exe = Path(sys.executable).with_name("iwgplan")
    command = str(exe) if exe.exists() else shutil.which("iwgplan")
    assert command
    (repo / ".gitattributes").write_text("plans/*.yaml diff=iwgplan\n")
    git(repo, "config", "diff.iwgplan.command", f"{command} git-diff")
    plan = repo / "plans" / "small.yaml"
    plan.write_text(KINDS["due"][0], encoding="utf-8")
    out = git(repo, "diff", "--ext-diff", "rev0", "--", "plans/small.yaml")
    assert out.splitlines()[:2] == [
        "iwgplan diff plans/small.yaml",
        "+0 −0 ~1 (1 due date slipped by 75 days)",
    ]
    assert "late due: 2026-01-15 → 2026-03 (+75 days)" in out


SOURCE = (
    "https://elsalvadortechnologynews.com/article/857904299-trade-and-gender-group-discusses-"
    "implementation-of-2025-2026-work-plan"
)


def test_revise_then_diff(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "p.yaml"
    plan.parent.mkdir()
    plan.write_bytes(SHIPPED.read_bytes())
    run = cli("revise", "--date", "2026-02-15", "--plan", plan)
    assert run.out.startswith(
        "revision 1 → 2 dated 2026-02-15; INF/TGE/W/10/Rev.2 supersedes INF/TGE/W/10/Rev.1\n"
        "reset: symbol_sources (it was about revision 1); revision_note (it was about revision 1)\n"
        "kept: every item"
    )
    text = plan.read_text(encoding="utf-8")
    note = 'symbol_note: "probable: not printed in the document"'
    assert (
        f"  symbol: INF/TGE/W/10/Rev.2\n  {note}\n" in text and "  revision: 2\n  date: 2026-02-15\n" in text
    )
    assert "  supersedes: INF/TGE/W/10/Rev.1\n" in text
    assert '  supersedes_note: "probable: not printed in the document"\n' in text  # goes with the old symbol
    data = json.loads(cli("diff", SHIPPED, plan, "--format", "json").out)
    frozen = [tuple(v) if isinstance(v, list) else v for c in data["changes"] for v in (c["old"], c["new"])]
    assert {(c["field"], *frozen[2 * i : 2 * i + 2]) for i, c in enumerate(data["changes"])} == {
        ("symbol", "INF/TGE/W/10/Rev.1", "INF/TGE/W/10/Rev.2"),
        ("revision", 1, 2),
        ("date", "2025-09-10", "2026-02-15"),
        ("supersedes", "INF/TGE/W/10", "INF/TGE/W/10/Rev.1"),
        # how sure the old symbol is goes with it: the note of Rev.1's symbol replaces the old one
        (
            "supersedes_note",
            "probable, inferred from the symbol of this revision",
            "probable: not printed in the document",
        ),
        # the provenance of the old revision's facts does not follow them (issue 23, point 7)
        ("symbol_sources", (SOURCE,), ()),
        ("revision_note", 'the tool\'s reading of "Revision"', None),
    }


@pytest.mark.parametrize(
    ("where", "new"),
    [
        ("", "HEAD"),  # the plan's own path at a revision
        ("", "HEAD:plans/small.yaml"),  # REV:path, from the top
        ("plans", "HEAD"),  # from a subfolder
        ("plans", "HEAD:./small.yaml"),  # REV:./path, which git reads from the current folder
        ("plans", "small.yaml"),  # the working-tree file, named from a subfolder
        ("plans/deeper", "../small.yaml"),
        ("", None),  # the discovered plan
    ],
)
def test_github_annotations_name_the_file_from_the_repository_root(
    cli, repo: Path, monkeypatch: pytest.MonkeyPatch, where: str, new: str | None
) -> None:
    folder = repo / where
    folder.mkdir(exist_ok=True)
    monkeypatch.chdir(folder)
    run = cli(
        "diff", "rev0", *([new] if new else []), "--format", "github", "--plan", repo / "plans" / "small.yaml"
    )
    assert run.code == 0, run.err
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in run.out.splitlines()}
    assert files == {"plans/small.yaml"}, run.out


BREAKAGES = {
    "unknown status": (b'status: "planned"', b"status: bogus"),
    "YAML syntax": (b"  body: 'Working group'", b"  body: 'Working group"),
    "control characters": (b'status: "planned"', b"status: \x1b]0;owned\x07\x1b[2J"),
    "not UTF-8": (b"Joint statement", b"Joint \xff\xfe statement"),
    "broken reference": (b"due: mc14", b"due: mc99"),
    "wrong type": (b"revision: 0", b"revision: [0]"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
@pytest.mark.parametrize("side", ["new", "old", "both"])
def test_git_diff_survives_an_invalid_plan(tmp_path: Path, breakage: str, side: str) -> None:
    """`git diff`, configured as the README says, over two changed plans, one of them invalid on
    one side or both: it exits 0, shows both files, names the problems and falls back to a plain
    unified diff for the invalid one, with no raw control byte."""
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("iwgplan")
    command = str(exe) if exe.exists() else shutil.which("iwgplan")
    assert command
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    (root / ".gitattributes").write_text("plans/*.yaml diff=iwgplan\n")
    git(root, "config", "diff.iwgplan.command", f"{command} git-diff")
    good, bad = root / "plans" / "a.yaml", root / "plans" / "b.yaml"
    text = SMALL.read_bytes()
    old, new = BREAKAGES[breakage]
    broken = text.replace(old, new)
    assert broken != text
    edited = text.replace(b"Second kid", b"Second child")
    good.write_bytes(text)
    bad.write_bytes(broken if side in ("old", "both") else text)
    git(root, "add", ".")
    git(root, "commit", "-qm", "before")
    good.write_bytes(text.replace(b'status: "planned"', b"status: in-progress"))
    bad.write_bytes(broken.replace(b"Second kid", b"Second child") if side != "old" else edited)
    run = subprocess.run(["git", "diff"], cwd=root, capture_output=True)
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode("utf-8")
    assert "external diff died" not in run.stderr.decode()
    assert "iwgplan diff plans/a.yaml\n+0 −0 ~1 (1 status change)\n" in out
    assert "iwgplan diff plans/b.yaml\niwgplan: plans/b.yaml cannot be compared by id" in out
    sides = ["a", "b"] if side == "both" else ["a" if side == "old" else "b"]
    for letter in sides:
        assert f"  {letter}/plans/b.yaml" in out  # each problem, named by its side
    assert "--- a/plans/b.yaml\n+++ b/plans/b.yaml\n" in out
    assert "-                title: Second kid\n+                title: Second child\n" in out
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in out), out


def _unreadable(tmp_path: Path, how: str) -> Path:
    target = tmp_path / f"side-{how}.yaml"
    if how == "too-big":
        with open(target, "wb") as handle:
            handle.write(b"schema_version: 2\n")
            handle.truncate(33 * 1024 * 1024)
    elif how == "directory":
        target.mkdir()
    elif how == "fifo":
        os.mkfifo(target)
    return target  # "missing": never created


@pytest.mark.parametrize("how", ["too-big", "directory", "fifo", "missing"])
@pytest.mark.parametrize("side", ["old", "new"])
def test_git_diff_never_shows_an_unread_side_as_empty(cli, tmp_path: Path, how: str, side: str) -> None:
    """git's external driver with one side that cannot be read: the reason, and no plain diff
    that would show every line of the plan deleted (or added)."""
    bad, good = _unreadable(tmp_path, how), SMALL
    old, new = (bad, good) if side == "old" else (good, bad)
    run = cli("git-diff", "plans/small.yaml", old, "x" * 40, "100644", new, "y" * 40, "100644")
    assert run.code == 0, run.err
    assert "cannot be compared by id, so here is a plain diff:" in run.out
    assert run.out.endswith("  (no plain diff either: a side could not be read)\n")
    assert "@@" not in run.out and "\n-schema_version" not in run.out and "\n+schema_version" not in run.out


# Due dates as the document gives them: a day, a month (due on its last day), a milestone (due
# when it ends: mc14 is 2026-03-26 to 2026-03-29). Later is positive, earlier negative.
SLIPS = [
    ("2026-01-15", "2026-01-20", 5),
    ("2026-01-20", "2026-01-15", -5),
    ("2026-01", "2026-02", 28),  # 31 January to 28 February
    ("2026-02", "2026-01", -28),
    ("2025-11", "2026-12", 396),
    ("2026-01-15", "2026-03", 75),  # to 31 March
    ("2026-03", "2026-03-01", -30),
    ("2026-01-15", "mc14", 73),  # to the milestone's end, 29 March
    ("mc14", "2026-03", 2),
    ("mc14", "2026-03-26", -3),  # the milestone's first day is not when it falls due
    ("2026-02-28", "2026-03-01", 1),
    ("2028-02", "2028-03", 31),  # 29 February in a leap year to 31 March
]


@pytest.mark.parametrize(("old", "new", "days"), SLIPS, ids=lambda v: str(v))
def test_a_slip_counts_the_days_between_the_dates_things_fall_due(
    cli, tmp_path: Path, old: str, new: str, days: int
) -> None:
    text = SMALL.read_text(encoding="utf-8")
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(text.replace("due: 2026-01-15", f"due: {old}"), encoding="utf-8")
    after.write_text(text.replace("due: 2026-01-15", f"due: {new}"), encoding="utf-8")
    (change,) = json.loads(cli("diff", before, after, "--format", "json").out)["changes"]
    assert (change["field"], change["old"], change["new"], change["days"]) == ("due", old, new, days)
    sign = "+" if days > 0 else "-"
    shown = cli("diff", before, after).out
    assert f"late due: {old} → {new} ({sign}{abs(days)} day{'s' * (abs(days) != 1)})" in shown
    word = "slipped" if days > 0 else "brought forward"
    assert f"1 due date {word} by {abs(days)} day{'s' * (abs(days) != 1)}" in shown


def test_every_field_of_the_format_is_compared() -> None:
    """A field `diff` does not compare is a change a reviewer never sees: a `*_basis` that turns
    inferred into stated, an item that becomes a standing duty. Each model's fields are compared,
    or are the key, the children or a field with its own comparison."""
    from iwgplan.plan import model
    from iwgplan.views import diff as d

    own = {"id", "status", "due", "evidence", "history", "children"}  # compared on their own
    compared = {
        model.PlanMeta: set(d._META_FIELDS),
        model.Reference: {"symbol", *d.REFERENCE_FIELDS},
        model.Objective: {"id", *d.OBJECTIVE_FIELDS},
        model.Milestone: {"id", *d.MILESTONE_FIELDS},
        model.Tier: {"id", "focus_areas", *d.GROUP_FIELDS},
        model.Section: {"id", "items", *d.GROUP_FIELDS},
        model.FocusArea: {"id", "action_points", *d.FOCUS_FIELDS},
        model.ActionPoint: {*own, *d._TEXT_FIELDS, *d._SET_FIELDS},
    }
    for cls, fields in compared.items():
        assert set(cls.model_fields) <= fields, (cls.__name__, set(cls.model_fields) - fields)


PROVENANCE_EDITS = [
    (
        '  symbol_note: "probable: not printed in the document"\n',
        "  symbol_note: confirmed\n",
        ("plan", None, "symbol_note"),
    ),
    (
        "  issuer_role: the Co-Chairs of the IWG\n",
        "  issuer_role: the Chairs\n",
        ("plan", None, "issuer_role"),
    ),
    ("    points_basis: outside\n", "    points_basis: document\n", ("objective", "pillars", "points_basis")),
    ("    points_style: letters\n", "    points_style: numbers\n", ("objective", "purpose", "points_style")),
]


@pytest.mark.parametrize(("old", "new", "where"), PROVENANCE_EDITS, ids=lambda v: str(v)[:30])
def test_provenance_and_kind_changes_are_reported(
    cli, tmp_path: Path, old: str, new: str, where: tuple
) -> None:  # type: ignore[type-arg]
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = cli("diff", SHIPPED, changed, "--format", "json")
    assert run.code == 0, run.err
    found = [(c["entity"], c["id"], c["field"]) for c in json.loads(run.out)["changes"]]
    assert found == [where]


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("kind", "deliverable", "standing"),
        ("due_basis", "inferred", "document"),
        ("owners_basis", "default", "document"),
    ],
)
def test_what_an_item_is_and_how_sure_its_facts_are_is_reported(
    cli, tmp_path: Path, field: str, old: str, new: str
) -> None:
    text = SMALL.read_text(encoding="utf-8")
    anchor = "          - id: late\n"
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    before.write_text(text.replace(anchor, f"{anchor}            {field}: {old}\n", 1), encoding="utf-8")
    after.write_text(text.replace(anchor, f"{anchor}            {field}: {new}\n", 1), encoding="utf-8")
    (change,) = json.loads(cli("diff", before, after, "--format", "json").out)["changes"]
    assert (change["id"], change["field"], change["old"], change["new"]) == ("late", field, old, new)
    assert f"late {field}: {old} → {new}" in cli("diff", before, after).out


# Names git quotes in a diff header, and two it does not (one with a space gets a TAB after it).
ODD_NAMES = {
    "line break": b"new\nline.yaml",
    "carriage return": b"car\rreturn.yaml",
    "tab": b"tab\there.yaml",
    "double quote": b'quo"te.yaml',
    "backslash": b"back\\slash.yaml",
    "accented": "café.yaml".encode(),
    "CJK": "計画.yaml".encode(),
    "C0 controls": bytes(range(1, 8)) + b"\x0b\x0c\x0e\x1b\x1f.yaml",
    "DEL and C1": b"del\x7f" + "nel\u0085".encode() + b".yaml",
    "bidi override": "\u202eevil.yaml".encode(),
    "not UTF-8": b"latin\xe9.yaml",
    "a line break and a space": b"two\nwords here.yaml",
    "space": b"with space.yaml",
    "plain": b"plain.yaml",
}


@pytest.mark.parametrize("name", list(ODD_NAMES))
def test_git_diff_names_the_file_as_git_does(tmp_path: Path, name: str) -> None:
    """The plain diff's `---`/`+++` lines (a side is not a plan) are byte for byte the lines
    git's own diff writes for that file name, so a line break in it cannot split them (#30.16)."""
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("iwgplan")
    command = str(exe) if exe.exists() else shutil.which("iwgplan")
    assert command
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    (root / ".gitattributes").write_text("plans/* diff=iwgplan\n")
    git(root, "config", "diff.iwgplan.command", f"{command} git-diff")
    plan = root.joinpath("plans", os.fsdecode(ODD_NAMES[name]))
    plan.write_bytes(b"not a plan\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "before")
    plan.write_bytes(b"still not a plan\n")

    def headers(*args: str) -> list[bytes]:
        run = subprocess.run(["git", "diff", *args], cwd=root, capture_output=True)
        assert run.returncode == 0 and b"external diff died" not in run.stderr, run.stderr
        return [x for x in run.stdout.split(b"\n") if x.startswith((b"--- ", b"+++ "))]

    ours, theirs = headers(), headers("--no-ext-diff")
    assert len(ours) == 2 and ours == theirs


def _meta_variants() -> dict[str, str]:
    """The shipped plan with each kind of record-valued field changed, and unchanged."""
    text = SHIPPED.read_text(encoding="utf-8")
    period = "period: {start: 2025-09, end: 2026-12}"
    assert period in text
    return {
        "shipped, same": text,
        "shipped, period": text.replace(period, "period: {start: 2025-09, end: 2027-03}"),
        "shipped, status": text.replace("status: planned", "status: in-progress", 1),
    }


CACHED_PAIRS = {
    **{f"small, {name}": (BASE, new) for name, (new, _) in KINDS.items()},
    "small, same": (BASE, BASE),
    **{name: (SHIPPED.read_text(encoding="utf-8"), new) for name, new in _meta_variants().items()},
}


@pytest.mark.parametrize("pair", list(CACHED_PAIRS))
def test_diff_from_the_cache_prints_what_a_parse_prints(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, pair: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29: `diff` reads both sides through the validated-plan cache. Every kind of change
    (and none) prints the same bytes and exit code in every format from a hit as from a parse;
    records compare by value, so an unchanged period is no change."""
    old_text, new_text = CACHED_PAIRS[pair]
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    formats = [
        ["--summary"],
        ["--exit-code"],
        *(["--format", f] for f in ("text", "json", "markdown", "github")),
    ]
    parsed = [cli("--no-cache", "diff", old, new, *args) for args in formats]
    cli("diff", old, new)  # fills the cache
    from iwgplan.files import loading

    def refuse(*args: object) -> None:
        raise AssertionError("parsed on a hit")

    monkeypatch.setattr(loading, "load_text", refuse)
    hits = [cli("diff", old, new, *args) for args in formats]
    for args, a, b in zip(formats, parsed, hits, strict=True):
        assert (b.code, b.out, b.err) == (a.code, a.out, a.err), args
    if old_text == new_text:
        assert hits[0].out.startswith("+0 −0 ~0") and hits[1].code == 0


# Evidence changed in every way an entry can change: each says which reference, on every format.
EVIDENCE = "            evidence:\n{entries}            refs: [INF/TGE/W/7/Rev.3]\n"
ENTRY = "              - ref: {ref}\n{more}"
COMPENDIUM = "INF/TGE/W/7/Rev.3"
REPORT = "https://www.wto.org/report"


def _with_evidence(*entries: str) -> str:
    block = EVIDENCE.format(entries="".join(entries))
    return BASE.replace("            refs: [INF/TGE/W/7/Rev.3]\n", block, 1)


def _entry(ref: str, title: str | None = "Compendium", day: str | None = None) -> str:
    more = f"                title: {title}\n" if title else ""
    more += f"                date: {day}\n" if day else ""
    return ENTRY.format(ref=ref, more=more)


BEFORE = _with_evidence(_entry(COMPENDIUM), _entry(REPORT, "Report", "2026-01-10"))
EVIDENCE_CHANGES = {
    "retitled": (
        _with_evidence(_entry(COMPENDIUM, "The compendium"), _entry(REPORT, "Report", "2026-01-10")),
        f"~{COMPENDIUM}",
    ),
    "title removed": (
        _with_evidence(_entry(COMPENDIUM, None), _entry(REPORT, "Report", "2026-01-10")),
        f"~{COMPENDIUM}",
    ),
    "dated": (
        _with_evidence(_entry(COMPENDIUM, day="2025-12-01"), _entry(REPORT, "Report", "2026-01-10")),
        f"~{COMPENDIUM}",
    ),
    "redated": (_with_evidence(_entry(COMPENDIUM), _entry(REPORT, "Report", "2026-01-11")), f"~{REPORT}"),
    "added": (
        _with_evidence(
            _entry(COMPENDIUM), _entry(REPORT, "Report", "2026-01-10"), _entry("WT/MIN(26)/6", "Statement")
        ),
        "+WT/MIN(26)/6",
    ),
    "removed": (_with_evidence(_entry(REPORT, "Report", "2026-01-10")), f"−{COMPENDIUM}"),
    "cited twice": (
        _with_evidence(
            _entry(COMPENDIUM), _entry(REPORT, "Report", "2026-01-10"), _entry(COMPENDIUM, "Annex")
        ),
        f"~{COMPENDIUM}",
    ),
    "replaced and retitled": (
        _with_evidence(_entry(REPORT, "Final report", "2026-01-10"), _entry("WT/MIN(26)/6")),
        f"+WT/MIN(26)/6, −{COMPENDIUM}, ~{REPORT}",
    ),
}


@pytest.mark.parametrize("how", list(EVIDENCE_CHANGES))
def test_changed_evidence_says_which_reference(cli, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    """Never "~ late evidence:" with nothing after it: a reference added (+), removed (−) or
    changed in place (~), in the text, Markdown and GitHub formats and in JSON's lists."""
    after, said = EVIDENCE_CHANGES[how]
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BEFORE, encoding="utf-8")
    new.write_text(after, encoding="utf-8")
    text = cli("diff", old, new)
    assert text.code == 0 and f"~ late evidence: {said}" in " ".join(text.out.split())  # wrapped at 80
    for fmt in ("markdown", "github"):
        assert f"late evidence: {said}" in cli("diff", old, new, "--format", fmt).out
    [change] = json.loads(cli("diff", old, new, "--format", "json").out)["changes"]
    marks = {"+": "added", "−": "removed", "~": "changed"}
    for part in said.split(", "):
        assert part[1:] in change[marks[part[0]]]
    back = json.loads(cli("diff", new, old, "--format", "json").out)["changes"]
    assert [(c["added"], c["removed"], c["changed"]) for c in back] == [
        (change["removed"], change["added"], change["changed"])
    ]


def test_evidence_in_another_order_is_no_change(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BEFORE, encoding="utf-8")
    new.write_text(
        _with_evidence(_entry(REPORT, "Report", "2026-01-10"), _entry(COMPENDIUM)), encoding="utf-8"
    )
    assert cli("diff", old, new).out == "+0 −0 ~0\n"
