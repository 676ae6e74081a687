"""Corners a pull request can reach where linear work used to turn quadratic: a very long title
in the HTML report's chart, thousands of problems to locate in one mapping, many milestones in
a diff's GitHub annotations. The work is counted in operations over a family of sizes (doubling
the input must not quadruple the count), never timed."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwgplan.files.positions import Locator, compose
from iwgplan.render import gantt_svg
from tests.helpers import SMALL

BASE = SMALL.read_text(encoding="utf-8")


class CountingSet(set[str]):
    """A set that counts membership tests: every character measured is one test of _NARROW."""

    tests = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.tests += 1
        return super().__contains__(item)


def _fit_work(monkeypatch: pytest.MonkeyPatch, text: str, room: float) -> int:
    monkeypatch.setattr(gantt_svg, "_NARROW", CountingSet(gantt_svg._NARROW))
    CountingSet.tests = 0
    gantt_svg.fit(text, room)
    return CountingSet.tests


@pytest.mark.parametrize("unit", ["a", "W", "i", "Ab. ", "é—", "x" * 7 + "M"])
@pytest.mark.parametrize("room", [0.0, 50.0, 228.0])
def test_fit_measures_each_character_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch, unit: str, room: float
) -> None:
    counts = [_fit_work(monkeypatch, (unit * (n // len(unit) + 1))[:n], room) for n in (2000, 4000, 8000)]
    assert counts[0] <= 3 * 2000, counts
    assert counts[1] <= 2.2 * counts[0] and counts[2] <= 2.2 * counts[1], counts


def _reference_fit(text: str, room: float) -> str:
    """fit() as it was (one character dropped and the whole re-measured at a time)."""
    if gantt_svg.text_width(text) <= room:
        return text
    while text and gantt_svg.text_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def test_fit_cuts_where_it_always_did() -> None:
    import random

    rng = random.Random(7)
    alphabet = "aiW M.,-frt@…Éé  xyZ(]'"
    titles = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 70))) for _ in range(3000)]
    titles += ["", " ", "…", "WTO 14th Ministerial Conference (MC14)", "a" * 300]
    for title in titles:
        for room in (0.0, 3.0, 12.5, 50.0, 100.5, 226.7, 228.0, rng.uniform(0, 600)):
            assert gantt_svg.fit(title, room) == _reference_fit(title, room), (title, room)


def test_html_report_with_a_huge_title_does_linear_work(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for n in (10_000, 20_000, 40_000):
        plan = tmp_path / f"p{n}.yaml"
        plan.write_text(BASE.replace("title: Joint statement", f"title: {'Joint statement ' * (n // 16)}"))
        monkeypatch.setattr(gantt_svg, "_NARROW", CountingSet(gantt_svg._NARROW))
        CountingSet.tests = 0
        run = cli("report", "--plan", plan, "--format", "html", "-o", tmp_path / "r.html")
        assert run.code == 0, run.err
        counts.append(CountingSet.tests)
    assert counts[1] <= 2.5 * counts[0] and counts[2] <= 2.5 * counts[1], counts


class CountingStr(str):
    """A key's text that counts how often it is compared or hashed."""

    uses = 0

    def __eq__(self, other: object) -> bool:
        CountingStr.uses += 1
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        CountingStr.uses += 1
        return str.__hash__(self)


def _unknown_keys(n: int) -> tuple[str, list[tuple[str | int, ...]]]:
    extra = "".join(f"            zz{i}: 1\n" for i in range(n))
    text = BASE.replace("          - id: statement\n", "          - id: statement\n" + extra, 1)
    loc = ("tiers", 0, "focus_areas", 0, "action_points", 0)
    return text, [(*loc, f"zz{i}") for i in range(n)]


def _locate_work(n: int) -> int:
    """What `validate` does for n unknown keys in one item: locate each one, in one Locator."""
    text, locs = _unknown_keys(n)
    root = compose(text)
    assert root is not None
    stack = [root]
    while stack:  # every key's text counts its comparisons
        node = stack.pop()
        if isinstance(node.value, list):
            for part in node.value:
                if isinstance(part, tuple):
                    key, value = part
                    key.value = CountingStr(key.value)
                    stack.append(value)
                else:
                    stack.append(part)
    locator = Locator(text, root)
    CountingStr.uses = 0
    for i, loc in enumerate(locs):
        assert locator.position(loc, at_key=True) == (34 + i, 13)
    return CountingStr.uses


def test_locating_many_problems_in_one_mapping_is_linear() -> None:
    counts = [_locate_work(n) for n in (500, 1000, 2000, 4000)]
    assert all(b <= 2.5 * a for a, b in zip(counts, counts[1:], strict=False)), counts


def test_validate_reports_every_unknown_key_at_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text, _ = _unknown_keys(300)
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    run = cli("validate", plan)
    assert run.code == 1
    lines = [x for x in run.out.splitlines() if "zz" in x]
    assert len(lines) == 300
    for i, line in enumerate(lines):
        assert line.startswith(f"{plan}:{34 + i}:13: ") and f"zz{i}" in line, line


def test_github_annotations_for_many_milestones_do_linear_work(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from iwgplan.files.loading import load_text
    from iwgplan.render import diff_out
    from iwgplan.views.diff import diff_plans

    counts = []
    for n in (250, 500, 1000):
        many = "".join(f"  - id: m{i}\n    title: M{i}\n    date: 2026-04-01\n" for i in range(n))
        new = BASE.replace("milestones:\n", "milestones:\n" + many, 1)
        old_index, new_index = load_text(BASE, "a.yaml")[1], load_text(new, "b.yaml")[1]
        changes = diff_plans(old_index, new_index)
        seen = [0]
        milestone_class = type(new_index.plan.milestones[0])
        real = milestone_class.__getattribute__

        def counting(self: object, name: str, real=real, seen=seen) -> object:  # type: ignore[no-untyped-def]
            if name == "id":
                seen[0] += 1
            return real(self, name)

        monkeypatch.setattr(milestone_class, "__getattribute__", counting)
        out = diff_out.github(changes, new, new_index, "plans/p.yaml")
        monkeypatch.undo()
        assert out.count("::notice ") == len(changes) >= n
        assert f"line={new.splitlines().index('  - id: m7') + 1}," in out
        counts.append(seen[0])
    assert counts[1] <= 2.5 * counts[0] and counts[2] <= 2.5 * counts[1], counts
