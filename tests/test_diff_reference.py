"""`diff` prints what it printed before issue 29's work on its growth to 95,000 items: the same
bytes and exit code, in every format, from the code of today and from a copy of the item
comparison as it was (every field of every matched item compared one by one), on the
benchmarks' pairs (the usual 1% change, mass renames, a long revised history), the shipped plan
after a year of edits and its successor, and hand-made moves, reorders and case changes; with
both sides parsed, both from the validated-plan cache, and one of each. Never timed."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.views import diff as diff_view
from iwgplan.views.diff import ADDED, CHANGED, MOVED, REMOVED, Change
from iwgplan.views.timeline import due_date
from tests.helpers import SHIPPED, SMALL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate, renamed_revision, revised_history, second_revision  # noqa: E402

# --- the item comparison as it was (views/diff.py at 9323f6e), the reference ----------------


def _reference_item_changes(
    old: Entry, new: Entry, old_index: PlanIndex, new_index: PlanIndex
) -> Iterator[Change]:
    d = diff_view
    ident, group = new.id, new.group.id
    a, b = old.item, new.item
    if d._place(old) != d._place(new):
        yield Change(MOVED, "action_point", ident, None, d._place(old), d._place(new), group)
    if a.status != b.status:
        yield Change(CHANGED, "action_point", ident, "status", a.status.value, b.status.value, group)
    if a.due != b.due:
        extra: dict[str, Any] = {}
        before, after = due_date(a.due, old_index.milestones), due_date(b.due, new_index.milestones)
        if before and after:
            extra["days"] = (after - before).days
        reason = d._slip_reason(a, b)
        if reason:
            extra["reason"] = reason
        yield Change(CHANGED, "action_point", ident, "due", a.due, b.due, group, extra)
    for name in d._TEXT_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            yield Change(CHANGED, "action_point", ident, name, d._jsonable(x), d._jsonable(y), group)
    for name in d._SET_FIELDS:
        x, y = set(getattr(a, name)), set(getattr(b, name))
        if x != y:
            sets = {"added": sorted(y - x), "removed": sorted(x - y)}
            yield Change(CHANGED, "action_point", ident, name, sorted(x), sorted(y), group, sets)
    old_ev, new_ev = d._by_ref(a.evidence), d._by_ref(b.evidence)  # since: evidence changed in place named
    if old_ev != new_ev:
        sets = {
            "added": sorted(new_ev.keys() - old_ev.keys()),
            "removed": sorted(old_ev.keys() - new_ev.keys()),
            "changed": sorted(r for r in old_ev.keys() & new_ev.keys() if old_ev[r] != new_ev[r]),
        }
        yield Change(CHANGED, "action_point", ident, "evidence", sorted(old_ev), sorted(new_ev), group, sets)
    old_history, new_history = [d._entry_key(h) for h in a.history], [d._entry_key(h) for h in b.history]
    if old_history != new_history:
        old_keys, new_keys = set(old_history), set(new_history)
        added = [h for h, key in zip(b.history, new_history, strict=True) if key not in old_keys]
        removed = [h for h, key in zip(a.history, old_history, strict=True) if key not in new_keys]
        sets = {"added": d._jsonable(added), "removed": d._jsonable(removed)}
        yield Change(CHANGED, "action_point", ident, "history", len(a.history), len(b.history), group, sets)


def _reference_items(old: PlanIndex, new: PlanIndex) -> Iterator[Change]:
    d = diff_view
    carried = d.carried_over(old, new)
    matched = {**{k: k for k in new.by_id if k in old.by_id and k not in carried.values()}, **carried}
    kept = set(matched.values())
    removed = [e for key, e in old.by_id.items() if key not in kept]
    for entry in removed:
        yield Change(REMOVED, "action_point", entry.id, None, entry.item.title, None, entry.group.id)
    added = [e for key, e in new.by_id.items() if key not in matched]
    twins = d._renames(added, removed)
    for key, entry in new.by_id.items():
        was = matched.get(key)
        before = old.by_id.get(was) if was is not None else None
        if before is not None and before.id != entry.id:
            yield Change(CHANGED, "action_point", entry.id, "id", before.id, entry.id, entry.group.id)
        if before is None:
            change = Change(ADDED, "action_point", entry.id, None, None, entry.item.title, entry.group.id)
            twin = twins.get(id(entry))
            if twin is not None:
                change.extra["hint"] = f"probably renamed from {twin.id}"
            yield change
        else:
            yield from _reference_item_changes(before, entry, old, new)


# --- the pairs ------------------------------------------------------------------------------


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _small_variants() -> dict[str, tuple[str, str]]:
    """What the one-call test of an unchanged item could miss: a move to another parent, owners
    in another order (the same set: no change), evidence and history changed in place, a child
    changed under an unchanged parent."""
    base = SMALL.read_text(encoding="utf-8")
    kid = "              - id: kid-a\n                number: a\n                title: First kid\n"
    kid += "                status: 'planned'\n"
    moved = _once(
        _once(base, kid, ""),
        "          - id: late\n",
        kid[4:].replace("\n    ", "\n") + "          - id: late\n",
    )
    evidence = (
        "            evidence:\n              - ref: INF/TGE/W/7/Rev.3\n                title: Compendium\n"
    )
    with_evidence = _once(base, "            refs: [INF", evidence + "            refs: [INF")
    return {
        "small, same": (base, base),
        "small, evidence retitled": (
            with_evidence,
            _once(
                with_evidence,
                "title: Compendium\n            refs",
                "title: The compendium\n            refs",
            ),
        ),
        "small, reordered owners": (
            _once(
                base, "            refs: [INF", "            owners: [IWG, Members]\n            refs: [INF"
            ),
            _once(
                base, "            refs: [INF", "            owners: [Members, IWG]\n            refs: [INF"
            ),
        ),
        "small, moved out of its parent": (base, moved),
        "small, a child changed, its parent not": (
            base,
            _once(base, "title: Second kid", "title: Second child"),
        ),
        "small, a history note changed": (
            base,
            _once(base, 'note: "waiting: funding"', 'note: "waiting: money"'),
        ),
        "small, owners of one item": (
            base,
            _once(base, "owners: [Côte d'Ivoire]", "owners: [Côte d'Ivoire, Türkiye]"),
        ),
    }


def _generated() -> dict[str, tuple[str, str]]:
    text = generate(1000, seed=1)
    history = generate(30, seed=1, history=400)
    return {
        "1k, a second revision": (text, second_revision(text)),
        "1k, renamed ids": (text, renamed_revision(second_revision(text), 0.16)),
        "long history, revised": (history, revised_history(history)),
    }


# What the text format says of each small pair: the change the pair is made for, or none.
SAID = {
    "small, same": "+0 −0 ~0\n",
    "small, reordered owners": "+0 −0 ~0\n",
    "small, moved out of its parent": "→ kid-a moved from tier1/fa/parent to tier1/fa\n",
    "small, a child changed, its parent not": "~ kid-b title: Second kid → Second child\n",
    "small, a history note changed": "~ late history: 1 entry added, 1 removed\n",
    "small, owners of one item": "~ statement owners: +Türkiye\n",
    "small, evidence retitled": "~ late evidence: ~INF/TGE/W/7/Rev.3\n",
}


# The formats of the comparison; the exit code and GitHub's notices on the small pairs.
FORMATS = [["--summary"], *(["--format", f] for f in ("text", "json", "markdown"))]
SMALL_FORMATS = [*FORMATS, ["--exit-code"], ["--format", "github"]]


def _outputs(cli, old: Path, new: Path, formats: list[list[str]]) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    """Each format with both sides from the cache; then JSON with both sides parsed, and with
    the old side from the cache and the new one parsed (each comparison runs on records, on
    pydantic models, or on one of each)."""
    import os

    home = os.environ["IWGPLAN_CACHE_DIR"]
    cli("diff", old, new)  # both sides cached
    runs = [cli("diff", old, new, *args) for args in formats]
    runs.append(cli("--no-cache", "diff", old, new, "--format", "json"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IWGPLAN_CACHE_DIR", f"{home}-old-only")
        cli("diff", old, old)  # the old side only
        runs.append(cli("diff", old, new, "--format", "json"))
    return [(r.code, r.out, r.err) for r in runs]


def _assert_same_as_reference(cli, old: Path, new: Path, formats: list[list[str]] = FORMATS) -> list[Any]:  # type: ignore[no-untyped-def]
    now = _outputs(cli, old, new, formats)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diff_view, "_items", _reference_items)
        before = _outputs(cli, old, new, formats)
    for n, (a, b) in enumerate(zip(now, before, strict=True)):
        assert a == b, n
    assert all(code == 0 for code, _, _ in now[: len(FORMATS)])
    return now


@pytest.mark.parametrize("pair", [*_small_variants(), *_generated()])
def test_diff_prints_what_the_item_by_item_comparison_printed(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, pair: str
) -> None:
    old_text, new_text = {**_small_variants(), **_generated()}[pair]
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    outputs = _assert_same_as_reference(cli, old, new, SMALL_FORMATS if pair in SAID else FORMATS)
    summary, text = outputs[0][1], outputs[1][1]
    if pair in SAID:
        assert SAID[pair] in text and text.count("\n  ") == (0 if "~0" in SAID[pair] else 1), text
    else:
        assert not summary.startswith("+0 −0 ~0"), summary


def test_the_shipped_plan_after_a_year_and_its_successor(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped plan against itself after tests/helpers/succession's year of edits (slips with
    reasons, a start, a done, a drop, an add), and against its successor, matched by carries."""
    from tests.helpers.succession import a_year_of_progress, git_identity, issued_repo

    git_identity(monkeypatch)
    root = tmp_path / "repo"
    plan = issued_repo(root)
    issued = tmp_path / "issued.yaml"
    issued.write_bytes(SHIPPED.read_bytes())
    a_year_of_progress(cli, plan)
    year = _assert_same_as_reference(cli, issued, plan)
    assert year[0][1] == "+1 −0 ~7 (3 status changes, 3 due dates slipped by up to 93 days)\n"
    run = cli("successor", "--plan", plan, "--period", "2027-01..2028-12", "--date", "2027-01-31")
    assert run.code == 0, run.err
    successor = root / "plans" / "workplan-2027-2028.yaml"
    text = successor.read_text(encoding="utf-8")
    successor.write_text(re.sub(r"(?m)^( +- id:) msme-toolkit$", r"\1 msme-kit", text), encoding="utf-8")
    carried = _assert_same_as_reference(cli, plan, successor)
    assert "msme-kit id: msme-toolkit → msme-kit" in carried[1][1], carried[1][1]


class CountingStr(str):
    """An id that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        CountingStr.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_matching_a_successor_by_its_carries_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each item of a successor that carries every item of its plan was looked up among all the
    carries (`in carried.values()`): n² id comparisons, minutes at 95,000 items."""
    from iwgplan.files.loading import load_text

    counts = []
    real = diff_view.carried_over
    for n in (200, 400, 800):
        text = generate(n, seed=1)
        carried = re.sub(
            r"(?m)^( +)- id: (i\d+)\n",
            r"\1- id: \2\n\1  carried_from: generated-plan#\2\n",
            text.replace("id: generated-plan\n", "id: generated-next\n", 1),
        )
        old, new = load_text(text, "a.yaml")[1], load_text(carried, "b.yaml")[1]

        def counting(a: PlanIndex, b: PlanIndex) -> dict[str, str]:
            return {k: CountingStr(v) for k, v in real(a, b).items()}

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(diff_view, "carried_over", counting)
            CountingStr.compared = 0
            changes = diff_view.diff_plans(old, new)
        assert len(real(old, new)) >= n // 3  # every top-level item
        assert not [c for c in changes if c.entity == "action_point" and c.kind in (ADDED, REMOVED)]
        counts.append(CountingStr.compared)
    assert counts[1] <= 2.5 * counts[0] and counts[2] <= 2.5 * counts[1], counts
