"""The reports follow the document's structure (issue 23, point 6): its own headings, and every
lead sentence under its section, in the Markdown, HTML and Word reports alike."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import SHIPPED

DOCUMENT_HEADINGS = [
    "1 Introduction",
    "2 Objectives",
    "3 Scope, deliverables and action points",
    "4 Timeline",
    "5 New IWG agenda setting and Secretariat's support functions",
    "6 Reporting on implementation progress",
]
# Each lead sentence (its first words) and the heading the document prints it under.
LEADS = {
    "Building on the work accomplished since September 2020": "1 Introduction",  # 1.1
    "The Work Plan outlines the objectives, scope, deliverables": "1 Introduction",  # 1.2
    "The Work Plan defines the actions to be taken by the IWG": "2 Objectives",  # 2.1
    "Actions in support of these objectives are further specified": "2 Objectives",  # 2.3, last
    "Recognising that removing barriers to trade women": "3 Scope, deliverables and action points",  # 3.1
    "The Implementation of the Work Plan will start in September 2025": "4 Timeline",  # 4.1
    "The priority work will focus on tier one activities": "4 Timeline",  # 4.2
    "The development and formulation of the IWG agenda": DOCUMENT_HEADINGS[4],  # 5.1
    "The Secretariat will continue to carry out its regular functions": DOCUMENT_HEADINGS[4],  # 5.2
}
# Headings the document does not have: the old sub-headings of section 5 and an "Objectives"
# heading over sections 1 to 3.
NOT_HEADINGS = ["5.1 New IWG agenda setting", "5.2 Secretariat's support functions", "Objectives"]
# The report's own top-level headings, around the document's.
REPORT_HEADINGS = {"Progress", "Timeline", "Milestones", "Appendix: referenced documents"}


def _markdown(cli, plan: Path, tmp_path: Path) -> list[tuple[int, str]]:
    out = cli("report", "--plan", plan, "--format", "markdown", "--as-of", "2026-05-01").out
    lines: list[tuple[int, str]] = []
    for line in out.splitlines():
        m = re.match(r"(#+) (.*)", line)
        lines.append((len(m[1]) - 1, m[2]) if m else (0, line))
    return lines


class _Blocks(HTMLParser):
    """The page as (heading level, text) for h1-h4 and (0, text) for every other block."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[tuple[int, str]] = []
        self.level = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("h1", "h2", "h3", "h4", "div", "p", "li", "section", "tr"):
            self._flush()
            self.level = int(tag[1]) - 1 if tag[0] == "h" and tag[1:].isdigit() else 0

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "p", "div", "li"):
            self._flush()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def _flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.out.append((self.level, text))
        self.text, self.level = [], 0


def _html(cli, plan: Path, tmp_path: Path) -> list[tuple[int, str]]:
    page = tmp_path / "r.html"
    assert cli("report", "--plan", plan, "--format", "html", "--as-of", "2026-05-01", "-o", page).code == 0
    parser = _Blocks()
    parser.feed(page.read_text(encoding="utf-8"))
    parser._flush()
    return [(level, text.replace(" ★ priority", " (priority)")) for level, text in parser.out]


def _word(cli, plan: Path, tmp_path: Path) -> list[tuple[int, str]]:
    import docx

    path = tmp_path / "r.docx"
    assert cli("report", "--plan", plan, "--format", "docx", "--as-of", "2026-05-01", "-o", path).code == 0
    out = []
    for p in docx.Document(str(path)).paragraphs:
        name = p.style.name
        out.append((int(name[-1]) if name.startswith("Heading ") else 0, p.text))
    return out


READERS = {"markdown": _markdown, "html": _html, "docx": _word}


@pytest.mark.parametrize("fmt", READERS)
def test_every_lead_sentence_is_under_its_sections_heading(cli, tmp_path: Path, fmt: str) -> None:
    blocks = READERS[fmt](cli, SHIPPED, tmp_path)
    under: dict[str, str] = {}
    top = ""
    for level, text in blocks:
        if level == 1:
            top = text
        for lead in LEADS:
            if lead in text and level == 0:
                under.setdefault(lead, top)
    assert under == LEADS
    tops = [text for level, text in blocks if level == 1]
    document = [t for t in tops if t not in REPORT_HEADINGS and not re.match(r"\w+ \(\d+\)$", t)]
    assert document == DOCUMENT_HEADINGS  # in the document's order, each once
    headings = [text for level, text in blocks if level >= 1]
    for wrong in NOT_HEADINGS:
        assert wrong not in headings
    # the tiers and their focus areas sit under 3, one level down
    assert (2, "Tier one (priority)") in blocks and (3, "WTO 14th Ministerial Conference (MC14)") in blocks
    at = blocks.index((2, "Tier one (priority)"))
    assert [t for lvl, t in blocks[:at] if lvl == 1][-1] == "3 Scope, deliverables and action points"
    # a sub-section's lead sentence carries its number, as the document prints it
    assert any(
        level == 0 and re.match(r"5\.1\s+The development and formulation", t.replace("*", ""))
        for level, t in blocks
    )


@pytest.mark.parametrize("fmt", READERS)
def test_without_headings_the_plan_keeps_its_own_titles(cli, tmp_path: Path, fmt: str) -> None:
    plan = tmp_path / "plans" / SHIPPED.name
    plan.parent.mkdir()
    text = SHIPPED.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"\nheadings:\n(  - .*\n)+", "\n", text), encoding="utf-8")
    blocks = READERS[fmt](cli, plan, tmp_path)
    tops = [text for level, text in blocks if level == 1]
    # its own heading without the document's: the tool's label, marked so (issue 23)
    assert "Objectives" in tops and "5.1 New IWG agenda setting (the tool's label)" in tops
    assert not any(t.startswith("1 Introduction") for t in tops)
    leads = [t for lvl, t in blocks if lvl == 0 and "The development and formulation" in t]
    assert leads  # the lead sentence is still printed, under its section's own title
