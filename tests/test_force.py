"""Issue 23, point 4: the document's force is kept.

The Work Plan says what the IWG "will" do, what Members "intend", what the IWG "encourages" the
Secretariat to do, what "could" serve, what is done "as necessary" and "upon requests". The plan
holds the verb (`force`); an intention, an encouragement or a possibility is never counted as a
deliverable nor dated by its parent, and every screen says what it is in the document's words.

The source text is a copy of the published document (tests/fixtures/seed/, as the seed's
checklist is): the first tests read it sentence by sentence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from iwgplan.plan.model import Force, Kind
from tests.helpers import FIXTURES, SHIPPED

SOURCE = FIXTURES / "seed" / "iwg-workplan-2025-2026-rev.txt"
VERB = re.compile(r"\b(?:will|intends?|encourages?|could|as necessary|upon requests?)\b", re.I)
# What each force must find in its sentence, in the document's spelling.
SAID = {
    "will": r"\bwill\b",
    "intend": r"\bintend\b",
    "encourage": r"\bencourages\b",
    "could": r"\bcould\b",
    "as necessary": r"\bas necessary\b",
    "upon request": r"\bupon requests\b",
}
SECRETARIAT = ("sec-support", "sec-analysis", "sec-cooperation", "sec-capacity", "sec-knowledge")

# Every sentence of the document that uses one of the verbs: (how it starts, the items whose
# sentence it is, their force, where it is and why). An empty tuple: the sentence is not an item's.
READINGS: list[tuple[str, tuple[str, ...], str | None, str]] = [
    ("At the end of 2026, and through", (), None, "2.4: the plan's ambition, an objective"),
    ("This will involve going beyond", (), None, "2.4: the same ambition"),
    ("Recognising that removing barriers", (), None, "3.1: how the plan is structured"),
    ("This index will highlight", (), None, "tier one, 2: what the compendium holds, its description"),
    ("The SheTrades Outlook could serve", ("tpr-shetrades",), "could", "tier two, TPR bullet"),
    ("The IWG encourages the Secretariat", ("tpr-secretariat",), "encourage", "tier two, TPR bullet"),
    (
        "These events will be directed toward",
        (),
        None,
        "tier two, data 3: the audience of 1 and 2 (in their descriptions); 1 and 2 have no verb",
    ),
    ("The Implementation of the Work Plan will start", (), None, "4.1: the period"),
    ("The priority work will focus", (), None, "4.2: the priorities, section 4's description"),
    ("In December 2026-January 2027, the IWG Co-Chairs will", ("report-back-duty",), "will", "4.3"),
    ("A more detailed schedule and timeline will", ("execution-roadmap",), "will", "4.4"),
    ("The development and formulation of the IWG agenda will", (), None, "5.1's lead sentence"),
    ("A new agenda building process will", ("agenda-process",), "will", "5.1(a)"),
    ("It will include proposals", (), None, "5.1(a): what the process holds, its description"),
    ("This protocol will be implemented subsequently", ("agenda-protocol",), "will", "5.1(a)"),
    ("Upon requests from Members, thematic sessions will", ("thematic-sessions",), "upon request", "5.1(b)"),
    ("The Secretariat will continue to carry out", SECRETARIAT, "will", "5.2's lead: (a)-(e) complete it"),
    ("In implementing the Work Plan, Members intend", ("engagement",), "intend", "6.1"),
    # "will report ..., as necessary": the condition is the force, as "upon requests" in 5.1(b)
    ("The IWG Co-Chairs will report to Members", ("cochairs-reporting",), "as necessary", "6.2"),
    ("As required and upon requests by Members", ("secretariat-updates",), "upon request", "6.3"),
]


def _sentences() -> list[str]:
    """The document's sentences after its title page, one line's worth of white space each."""
    body = SOURCE.read_text(encoding="utf-8").split("WORK PLAN 2025-2026", 1)[1]
    found: list[str] = []
    for raw in body.splitlines():
        text = " ".join(raw.replace("_", " ").split()).lstrip("· ")  # a bullet's mark
        found += [s for s in re.split(r"(?<=[.;:])\s+(?=[A-Z])", text) if s]
    return found


def _items(path: Path = SHIPPED) -> dict[str, dict]:
    """Every action point of a plan file, read with PyYAML, not with iwgplan."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, dict] = {}

    def walk(items: list[dict]) -> None:
        for item in items:
            found[item["id"]] = item
            walk(item.get("children", []))

    for tier in data["tiers"]:
        for area in tier["focus_areas"]:
            walk(area["action_points"])
    for section in data["sections"]:
        walk(section["items"])
    return found


def test_every_sentence_with_one_of_the_verbs_is_read() -> None:
    with_verb = [s for s in _sentences() if VERB.search(s)]
    assert len(with_verb) == len(READINGS)
    for start, *_ in READINGS:
        assert [s for s in with_verb if s.startswith(start)] != [], start
    assert all(sum(s.startswith(r[0]) for r in READINGS) == 1 for s in with_verb)


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r[3])
def test_each_item_has_the_force_of_its_sentence(
    reading: tuple[str, tuple[str, ...], str | None, str],
) -> None:
    start, idents, force, _ = reading
    sentence = next(s for s in _sentences() if s.startswith(start))
    items = _items()
    for ident in idents:
        assert force is not None and re.search(SAID[force], sentence, re.I), sentence
        assert items[ident].get("force") == force, (ident, sentence)


def test_no_item_has_a_force_its_sentence_does_not_give() -> None:
    wanted = {ident: force for _, idents, force, _ in READINGS for ident in idents}
    given = {ident: item["force"] for ident, item in _items().items() if "force" in item}
    assert given == wanted
    assert set(SAID) == set(get_args(Force))  # the format holds the document's verbs, no others


def test_the_possibility_has_no_due_date_of_its_own_nor_its_parents(cli) -> None:
    assert "due" not in _items()["tpr-shetrades"] and "due_basis" not in _items()["tpr-shetrades"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_run(cli, "export", "--format", "csv")))}
    assert (rows["tpr-shetrades"]["due_date"], rows["tpr-shetrades"]["due_basis"]) == ("", "")
    assert rows["tpr-assessment"]["due_date"] == "2026-12-31"  # a deliverable: its parent's date
    shown = json.loads(_run(cli, "show", "tpr-shetrades", "--format", "json"))
    assert (shown["due_date"], shown["status"], shown["force"]) == (None, "possible", "could")


def _run(cli, *args: str | Path, plan: Path = SHIPPED) -> str:  # type: ignore[no-untyped-def]
    run = cli(*args, "--plan", plan)
    assert run.code == 0, run.err
    return run.out


def _counts(cli, plan: Path) -> tuple[dict[str, int], str, str, str]:  # type: ignore[no-untyped-def]
    status = json.loads(_run(cli, "status", "--as-of", "2026-03-30", "--format", "json", plan=plan))
    tpr = json.loads(_run(cli, "show", "tpr", "--format", "json", plan=plan))
    text = _run(cli, "show", "tpr", "--wide", "--no-pager", plan=plan)
    return status["tier_counts"], tpr["children_done"], tpr["status"], text


def test_the_encouragement_to_the_secretariat_is_not_the_iwgs_to_do(cli, shipped_copy: Path) -> None:
    status = json.loads(_run(cli, "status", "--as-of", "2026-03-30", "--format", "json"))
    assert "1 encouragement" in status["summary"][-1]
    aside = {e["id"]: (e["kind"], e["force"]) for e in status["not_counted"]}
    assert aside["tpr-secretariat"] == ("encouragement", "encourage")
    row = json.loads(_run(cli, "show", "tpr-secretariat", "--format", "json"))
    assert (row["status"], row["kind"], row["force"], row["due_date"]) == (
        "encouraged",
        "encouragement",
        "encourage",
        None,
    )

    # The assessment done, the TPR item is done: the encouragement is not one of its two halves.
    assert cli("done", "tpr-assessment", "--date", "2026-03-01", "--plan", shipped_copy).code == 0
    counts, cookie, rolled, text = _counts(cli, shipped_copy)
    assert (counts["done"], counts["in-progress"], cookie, rolled) == (1, 0, "[1/1]", "done")
    assert "sub-points [1/1]" in text and re.search(r"tpr-secretariat +encouraged ", text)
    late = _run(cli, "list", "--overdue", "--as-of", "2027-03-01", "--format", "json", plan=shipped_copy)
    assert "tpr-secretariat" not in {r["id"] for r in json.loads(late)["action_points"]}

    # The same file without the document's verb counts it, as the issue saw: 1/2, in progress.
    text = shipped_copy.read_text(encoding="utf-8")
    shipped_copy.write_text(text.replace("                force: encourage\n", ""), encoding="utf-8")
    counts, cookie, rolled, _ = _counts(cli, shipped_copy)
    assert (counts["done"], counts["in-progress"], cookie, rolled) == (0, 1, "[1/2]", "in-progress")


def test_6_1_reads_as_an_intention_on_every_screen(cli) -> None:
    day = "2026-03-30"
    status = _run(cli, "status", "--as-of", day, "--wide", "--no-pager")
    assert "Standing duties (8, not counted): 5.1(b), 5.2(a)-(e), 6.2-6.3;" in status
    assert "6.1 (intend)" in status.split("Intended, encouraged or possible (3, not counted): ")[1]
    assert "1 intention" in status and "standing" not in status.split("6.1 (intend)")[1].split("\n")[0]
    data = json.loads(_run(cli, "status", "--as-of", day, "--format", "json"))
    assert "engagement" not in {e["id"] for e in data["standing"]}
    assert {e["id"]: e["kind"] for e in data["not_counted"]}["engagement"] == "intention"

    row = next(
        r
        for r in _run(cli, "list", "--as-of", day, "--wide", "--no-pager").splitlines()
        if " engagement " in r
    )
    assert re.match(r"6\.1 +engagement +intention +Members +In implementing", row), row
    show = _run(cli, "show", "engagement", "--as-of", day, "--wide", "--no-pager")
    assert re.search(r"^status +intention$", show, re.M) and re.search(r'^force +"intend"', show, re.M)
    assert "standing" not in show

    csv_row = next(
        r
        for r in csv.DictReader(io.StringIO(_run(cli, "list", "--format", "csv")))
        if r["id"] == "engagement"
    )
    wanted = {"status": "intention", "kind": "intention", "recorded_kind": "standing", "force": "intend"}
    assert {k: csv_row[k] for k in wanted} == wanted
    for args in (("list", "--format", "json"), ("export", "--format", "json")):
        rows = json.loads(_run(cli, *args))["action_points"]
        found = next(r for r in rows if r["id"] == "engagement")
        assert {k: found[k] for k in wanted} == wanted, args
    shown = json.loads(_run(cli, "show", "engagement", "--format", "json"))
    assert {k: shown[k] for k in wanted} == wanted


# --- every force over every kind, in a plan of one's own ---------------------------------------

FORCE_KINDS = {"intend": "intention", "encourage": "encouragement", "could": "possibility"}
STATUS_WORDS = {"standing": "standing", "past": "past", "possibility": "possible", "intention": "intention"}


def _family_plan(path: Path) -> list[tuple[str, str, str | None]]:
    """A deliverable due 2026-06 with a sub-point of every kind and force (and none)."""
    combos = [(kind, force) for kind in get_args(Kind) for force in (None, *get_args(Force))]
    children = []
    for n, (kind, force) in enumerate(combos):
        child = {"id": f"kid{n}", "title": f"Point {n}", "status": "planned", "kind": kind}
        if force:
            child["force"] = force
        children.append(child)
    data = {
        "schema_version": 2,
        "plan": {
            "id": "family",
            "title": "Family",
            "body": "A group",
            "revision": 0,
            "date": "2025-09-10",
            "period": {"start": "2025-09", "end": "2026-12"},
        },
        "tiers": [
            {
                "id": "t1",
                "number": "1",
                "title": "Tier one",
                "focus_areas": [
                    {
                        "id": "fa",
                        "title": "Focus",
                        "action_points": [
                            {
                                "id": "parent",
                                "title": "Parent",
                                "status": "planned",
                                "due": "2026-06",
                                "children": children,
                            }
                        ],
                    }
                ],
            }
        ],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return [(f"kid{n}", kind, force) for n, (kind, force) in enumerate(combos)]


def test_every_force_over_every_kind(cli, tmp_path: Path) -> None:
    plan = tmp_path / "family.yaml"
    kids = _family_plan(plan)
    rows = {
        r["id"]: r
        for r in json.loads(_run(cli, "list", "--as-of", "2026-07-01", "--format", "json", plan=plan))[
            "action_points"
        ]
    }
    counted = 0
    for ident, kind, force in kids:
        row = rows[ident]
        nature = "past" if kind == "past" else FORCE_KINDS.get(force or "", kind)
        assert (row["kind"], row["recorded_kind"], row["force"]) == (nature, kind, force), ident
        if nature == "deliverable":
            counted += 1
            assert (row["status"], row["due_date"]) == ("planned", "2026-06-30"), ident
            continue
        assert row["due_date"] is None, ident  # the parent's date is its deliverables'
        word = {"encouragement": "encouraged"}.get(nature) or STATUS_WORDS[nature]
        if nature == "standing" and force in ("as necessary", "upon request"):
            word = force
        assert row["status"] == word, ident
    assert rows["parent"]["children_done"] == f"[0/{counted}]"

    status = json.loads(_run(cli, "status", "--as-of", "2026-07-01", "--format", "json", plan=plan))
    aside = {e["id"] for e in status["not_counted"]}
    assert aside == {
        i for i, k, f in kids if k != "past" and FORCE_KINDS.get(f or "", k) in FORCE_KINDS.values()
    }
    overdue = {e["id"] for e in status["overdue"]}
    assert overdue == {"parent"}  # no sub-point is late by its parent's date, counted or not


def test_the_next_plan_keeps_the_old_documents_verbs(cli, shipped_copy: Path) -> None:
    """`successor` carries an encouragement on as one: never a deliverable of the IWG's."""
    run = cli("successor", "--plan", shipped_copy, "--period", "2027-01..2028-12", "--date", "2027-01-31")
    assert run.code == 0, run.err
    new = shipped_copy.parent / "workplan-2027-2028.yaml"
    carried = _items(new)
    old = {ident: item.get("force") for ident, item in _items().items() if ident in carried}
    assert {ident: item.get("force") for ident, item in carried.items()} == old
    assert old["tpr-secretariat"] == "encourage" and old["engagement"] == "intend"
    row = json.loads(_run(cli, "show", "tpr-secretariat", "--format", "json", plan=new))
    assert (row["status"], row["kind"]) == ("encouraged", "encouragement")
