"""The seed's 51 commitments (tests/fixtures/seed/COMMITMENTS.md, a copy of the checklist kept
beside the Work Plan) each in the shipped plan as the checklist describes it: where the document
puts it, its own numbering, what kind of commitment it is; and each where a reader looks for it
(`list --format json`, `show`, the report)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from iwgplan.files.loading import load_text
from iwgplan.plan.index import PlanIndex
from tests.helpers import SHIPPED

CHECKLIST = Path(__file__).parent / "fixtures" / "seed" / "COMMITMENTS.md"
AS_OF = "2026-11-28"


def rows() -> dict[int, dict[str, str]]:
    """The checklist's rows by commitment, ranges such as ``5–7`` given to each number in them."""
    found: dict[int, dict[str, str]] = {}
    for line in CHECKLIST.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"(\d+)(?:–(\d+))?", cells[0]) if len(cells) == 5 else None
        if not match:
            continue
        first, last = int(match[1]), int(match[2] or match[1])
        for n in range(first, last + 1):
            found[n] = dict(zip(["where", "says", "numbering", "notes"], cells[1:], strict=True))
            found[n]["span"] = f"{first}-{last}"
    return found


ROWS = rows()


@cache
def index() -> PlanIndex:
    return load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))[1]


def entry(ident: str) -> Any:
    return next(e for e in index().entries if e.id == ident)


def objective(ident: str) -> Any:
    return next(o for o in index().plan.objectives if o.id == ident)


def area(ident: str) -> Any:
    return next(f for t in index().plan.tiers for f in t.focus_areas if f.id == ident)


def section(ident: str) -> Any:
    return next(s for s in index().plan.sections if s.id == ident)


def tier(ident: str) -> Any:
    return next(t for t in index().plan.tiers if t.id == ident)


# Each commitment: where the plan holds it (what `list`, `show` and the report look up), and
# the number the document gives it as the plan records it (None: the document gives none).
ITEMS: dict[int, tuple[str, str | None]] = {
    14: ("joint-statement", "1"),
    15: ("compendium-2020", "2"),
    17: ("msme-toolkit", "1"),
    18: ("committees", "2"),
    19: ("tpr", "3"),
    20: ("tpr-assessment", None),
    21: ("tpr-shetrades", None),
    22: ("tpr-secretariat", None),
    24: ("data-workshops", "1"),
    25: ("hackathons", "2"),
    28: ("digital-partners", "4"),
    29: ("digital-compendium", "5"),
    31: ("gender-integration", "1"),
    32: ("fta", "a"),
    33: ("ip", "b"),
    34: ("networks", "c"),
    37: ("report-back-duty", "3"),
    38: ("execution-roadmap", "4"),
    40: ("agenda-process", "a"),
    41: ("agenda-protocol", "a"),
    42: ("thematic-sessions", "b"),
    44: ("sec-support", "a"),
    45: ("sec-analysis", "b"),
    46: ("sec-cooperation", "c"),
    47: ("sec-capacity", "d"),
    48: ("sec-knowledge", "e"),
    49: ("engagement", "1"),
    50: ("cochairs-reporting", "2"),
    51: ("secretariat-updates", "3"),
}
OBJECTIVES = {
    2: "intro",
    3: "scope",
    4: "actions",
    5: "obj-buenos-aires",
    6: "obj-abu-dhabi",
    7: "obj-joint-statement",
    8: "pillars",
    9: "purpose",
    10: "purpose",
    11: "end-2026",
    12: "focus",
}
AREAS = {13: ("tier1", "mc14-prep"), 16: ("tier2", "mainstreaming"), 23: ("tier2", "data")}
AREAS |= {27: ("tier2", "digitalisation"), 30: ("tier3", "other-topics")}


def _plan_facts(n: int) -> None:
    meta = index().plan.plan
    if n == 1:
        assert meta.issued_by == ["Cabo Verde", "El Salvador"] and str(meta.date) == "2025-09-10"
        assert meta.issuer_role == "the Co-Chairs of the IWG"  # "keep the role with the names"
    elif n == 35:  # "a month is the whole month"
        assert (str(meta.period.start), str(meta.period.end)) == ("2025-09", "2026-12")
        assert str(index().milestones["start"].date) == "2025-09"
        assert str(index().milestones["end"].date) == "2026-12"
    elif n == 36:
        assert tier("tier1").priority and not tier("tier2").priority and not tier("tier3").priority
    elif n == 39:
        assert section("agenda-setting").number == "5.1"
        assert "new working protocols" in (section("agenda-setting").description or "")
    elif n == 43:
        assert section("secretariat").number == "5.2"
        assert "continue to carry out its regular functions" in (section("secretariat").description or "")
    else:
        raise AssertionError(f"commitment {n} has no check")


PLAN_FACTS = {1, 35, 36, 39, 43}


def test_the_checklist_has_51_commitments() -> None:
    assert sorted(ROWS) == list(range(1, 52))
    assert set(ITEMS) | set(OBJECTIVES) | set(AREAS) | PLAN_FACTS | {26} == set(ROWS)


def _numbering(n: int) -> list[str]:
    """The numbering the checklist gives commitment ``n``: ``(a)–(c)`` read as its ``n``th letter."""
    row = ROWS[n]
    text, first = row["numbering"], int(row["span"].split("-")[0])
    letters = re.fullmatch(r"(?:(\d+), )?\(([a-z])\)–\(([a-z])\)", text)
    if letters:
        head, start = letters[1], letters[2]
        if head and n == first:
            return [head]
        offset = n - first - (1 if head else 0)
        return [chr(ord(start) + offset)]
    if text == "•":
        return ["•"]
    if text in ("–", ""):
        return []
    return [text.split(",")[0].strip("()")]


@pytest.mark.parametrize("n", sorted(ITEMS))
def test_each_item_is_in_the_plan_as_the_checklist_says(n: int) -> None:
    ident, number = ITEMS[n]
    row, e = ROWS[n], entry(ident)
    wanted = _numbering(n)
    # the document's own number: a bullet has none; 4.3, 5.1(a), 6.2 end in the item's own
    if wanted == ["•"]:
        assert number is None and e.item.number is None and e.number.endswith("•")
    elif wanted:
        assert e.item.number == number
        full = e.number.replace("(", ".").replace(")", "")
        assert full.endswith(wanted[0].strip("()").split(".")[-1]), (n, e.number, wanted)
    notes = row["notes"]
    kinds = {"standing": "standing", "past business": "past", "a possibility": "possibility"}
    expected = next((k for word, k in kinds.items() if word in notes), None)
    if expected:
        assert e.item.kind == expected, (n, e.item.kind, notes)
    if "no date" in notes or "second commitment" in notes:
        assert e.item.kind == "deliverable" and e.item.due_basis != "document"
    if "no owner" in notes:
        assert e.item.owners_basis in ("default", "inferred")
    if "Secretariat does the work" in notes:
        assert e.item.owners == ["WTO Secretariat"] and e.item.partners == ["WTO Trade and Gender Office"]
    if "bullets, unnumbered" in notes:
        assert [c.item.number for c in e.children] == [None, None, None]
    if "due at the end of January 2027" in notes:
        assert e.item.due == "report-back" and e.item.due_basis == "document"
    if "keep the cross-reference" in notes:
        assert "as outlined in section 5.2 above, and" in e.item.title


def test_section_items_are_in_their_sections() -> None:
    where = {n: ROWS[n]["where"] for n in ITEMS if ROWS[n]["where"][0].isdigit()}
    for n, place in where.items():
        e = entry(ITEMS[n][0])
        assert place.startswith(e.group.number), (n, place, e.group.number)
    tiers = {"Tier one": "tier1", "Tier two": "tier2", "Tier 3": "tier3"}
    for n in ITEMS:
        e = entry(ITEMS[n][0])
        place = ROWS[n]["where"]
        if place in tiers:
            assert e.group.id == tiers[place], (n, place)


@pytest.mark.parametrize("n", sorted(OBJECTIVES))
def test_each_objective_is_in_the_plan(n: int) -> None:
    row, o = ROWS[n], objective(OBJECTIVES[n])
    number = _numbering(n)
    if n == 10:  # "2.3, last sentence"
        assert o.closing == "Actions in support of these objectives are further specified under section 3."
    elif ROWS[n]["span"] == f"{n}-{n}" and "–" in ROWS[n]["numbering"]:  # 2.3's (a)-(c) are its points
        assert o.number == ROWS[n]["where"] and len(o.points) == 3
    elif number:
        assert o.number.endswith(number[0]) or o.number.endswith(f"({number[0]})"), (n, o.number, number)
    if "keep the letters" in row["notes"]:
        assert o.points_style == "letters" and len(o.points) == 3
    if "keep the cross-reference" in row["notes"]:
        assert '"Section 3: Scope, Deliverables and Action Points"' in o.text
    if "the opening sentence itself" in row["notes"]:
        assert o.text.startswith("The Work Plan defines the actions to be taken by the IWG")
    if "reference titles are not in the document" in row["notes"]:
        refs = {r.symbol: r for r in index().plan.references}
        assert all(refs[s].title_basis == "inferred" for s in o.refs) and o.refs


@pytest.mark.parametrize("n", sorted(AREAS))
def test_each_focus_area_is_in_its_tier(n: int) -> None:
    tier_id, area_id = AREAS[n]
    assert area(area_id) in tier(tier_id).focus_areas
    notes = ROWS[n]["notes"]
    words = re.search(r'writes "([^"]+)"', notes) or re.fullmatch(r'"(Tier \w+)"', notes)
    if words:
        assert tier(tier_id).title == words[1]
    first = area(area_id).action_points[0].number
    if "restarts at 1" in notes:
        assert first == "1"
    if "continues at 4" in notes:
        assert first == "4"


def test_the_audience_is_not_a_deliverable() -> None:
    """26: "These events will be directed toward..." is the audience of items 1 and 2."""
    data = area("data")
    assert [p.number for p in data.action_points] == ["1", "2"]
    for point in data.action_points:
        assert "government officials" in (point.description or "") and not point.depends_on


@pytest.mark.parametrize("n", sorted(PLAN_FACTS))
def test_each_plan_fact(n: int) -> None:
    _plan_facts(n)


def test_each_item_appears_where_a_reader_looks(cli) -> None:
    listed = {
        r["id"]: r
        for r in json.loads(cli("list", "--plan", SHIPPED, "--format", "json").out)["action_points"]
    }
    report = cli("report", "--plan", SHIPPED, "--as-of", AS_OF).out
    for n, (ident, _) in ITEMS.items():
        e = entry(ident)
        row = listed[ident]
        assert (row["number"], row["recorded_kind"], row["title"]) == (e.number, e.item.kind, e.item.title), n
        show = cli("show", ident, "--plan", SHIPPED, "--format", "json")
        assert show.code == 0 and json.loads(show.out)["number"] == e.number, n
        assert f"**{e.own}** {e.item.title.split(':')[0][:40]}" in report, (n, e.own)
    for n, ident in OBJECTIVES.items():
        assert objective(ident).text.split(":")[0][:60] in report, n
