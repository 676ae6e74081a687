"""The shipped plan: valid, identical to the embedded copy, and the whole seed document."""

from __future__ import annotations

from iwgplan.files.discover import embedded_text
from iwgplan.files.loading import load_text
from tests.helpers import SHIPPED


def load():  # type: ignore[no-untyped-def]
    return load_text(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))


def test_embedded_copy_is_identical() -> None:
    assert embedded_text() == SHIPPED.read_text(encoding="utf-8")


def test_starts_with_schema_modeline() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/workplan.schema.json"


def test_metadata_and_timeline() -> None:
    plan, index = load()
    meta = plan.plan
    assert (meta.revision, str(meta.date), meta.issued_by) == (1, "2025-09-10", ["Cabo Verde", "El Salvador"])
    assert (str(meta.period.start), str(meta.period.end)) == ("2025-09", "2026-12")
    shapes = {m.id: (str(m.date or m.start), str(m.finishes)) for m in plan.milestones}
    assert shapes == {
        "agenda-meeting": ("2025-07-03", "2025-07-03"),
        "start": ("2025-09", "2025-09"),
        "mc14": ("2026-03-26", "2026-03-29"),
        "end": ("2026-12", "2026-12"),
        "report-back": ("2026-12", "2027-01"),
    }


def test_every_tier_focus_area_and_action_point_of_the_document() -> None:
    plan, index = load()
    tree = {
        t.title: {f.title: [a.number for a in f.action_points] for f in t.focus_areas} for t in plan.tiers
    }
    assert tree == {
        "Tier one": {"WTO 14th Ministerial Conference (MC14)": ["1", "2"]},
        "Tier two": {
            "Mainstreaming gender in the WTO": ["1", "2", "3"],
            "Gender-disaggregated data in trade": ["1", "2"],  # 3 is their audience, folded in
            "Digitalisation": ["4", "5"],
        },
        "Tier 3": {"Other topics of focus": ["1"]},
    }
    assert [c.id for c in index.get("tpr").children] == ["tpr-assessment", "tpr-shetrades", "tpr-secretariat"]
    assert [c.item.number for c in index.get("gender-integration").children] == ["a", "b", "c"]
    assert all(e.item.status.value == "planned" for e in index.entries)


def test_sections_five_and_six_and_objectives() -> None:
    plan, index = load()
    assert [(s.number, len(s.items)) for s in plan.sections] == [("4", 2), ("5.1", 3), ("5.2", 5), ("6", 3)]
    assert [o.number for o in plan.objectives] == [
        "1.1",
        "1.2",
        "2.1",
        "2.1(a)",
        "2.1(b)",
        "2.1(c)",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
    ]
    assert index.get("agenda-process").item.due == "agenda-meeting"
    assert index.get("report-back-duty").item.due == "report-back"


def test_wording_is_the_documents() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    folded = " ".join(text.split())
    for phrase in [
        "IWG Co-Chairs Joint Statement",
        "Skills enhancement hackathons",
        "Designing a compendium mapping Members' trade policy measures focussing on women and digitalisation",
        "Contribute to knowledge-sharing including through the WTO Gender Research Hub",
        "Intellectual property",
    ]:
        assert phrase in folded
    assert "probable" in text.lower()  # the symbols from FACTS.md are marked as probable
