"""The hostile plan (every text field carrying one payload), the payloads, and how each kind of
output is checked: shared by the hostile-output tests of every command and format."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from iwgplan.cli.app import app
from iwgplan.plan.model import NOT_SPACE

PAYLOADS = {
    "csi": "\x1b[2J\x1b[H\x1b[31mred",
    "osc-title": "\x1b]0;owned\x07title",
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07clip",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c0": "bell\x07 bs\x08 vt\x0b ff\x0c nul\x00 del\x7f",
    "c1": "\x9b31mcsi \x9d0;t\x9c nel\x85",
    "bidi": "\u202eevil\u202c \u2066iso\u2069 \u202aemb\u202c \u200fmark",
    "newline-command": "fine\n::error::injected\r\n::add-mask::secret\r::warning::x",
    "separators": "one\u2028::notice::two\u2029three",
    # BMP only: _q's JSON escapes are YAML's, but not for a surrogate pair (tags: test_hostile_invisible)
    "invisible": "zw\u200bsp zwnj\u200c zwj\u200d wj\u2060 shy\u00ad bom\ufeff fill\u3164\u115f\u1160"
    " mvs\u180e fn\u2061 vs\ufe0f",
    "v1-command": "x ##[error]legacy",
    "rich-markup": "[link=https://evil.example]click[/link] [blink]b[/blink] :smile:",
    "formula-eq": '=HYPERLINK("https://evil.example","x")',
    "formula-plus": "+cmd|' /C calc'!A0",
    "formula-minus": "-2+3",
    "formula-at": "@SUM(A1:A9)",
    "formula-tab": "\t=1+1",
    "formula-cr": "\r=1+1",
    "mermaid-title": "title Hijacked",
    "mermaid-section": "Section owned: x",
    "mermaid-click": "click t_a call alert()",
    "mermaid-excludes": "EXCLUDES weekends",
    "mermaid-today": "todayMarker off",
    "mermaid-comment": "%%{init: {'theme': 'dark'}}%%",
    "mermaid-date": "2026-01-01, 3d",
    "mermaid-colon-hash": "a: b #35; c",
}

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\U000e0000-\U000e0fff]"
)
SGR = re.compile("\x1b\\[[0-9;]*m")


def _q(text: str) -> str:
    return json.dumps(text)  # JSON's escapes are YAML double-quoted escapes


def plan_text(p: str, *, title: str = "A") -> str:
    """A valid plan whose every free-text field starts with the payload ``p``."""
    ref = "https://e.example/" + re.sub(
        rf"(?!{NOT_SPACE}).", "_", p, flags=re.S
    )  # a URL has no space of any kind
    return f"""\
schema_version: 2
plan:
  id: hostile
  title: {_q(p + " plan")}
  body: {_q(p + " body")}
  revision: 0
  date: 2025-09-10
  issued_by: [{_q(p + " issuer")}]
  period: {{start: 2025-09, end: 2026-12}}
references:
  - symbol: INF/TGE/W/7
    title: {_q(p + " reference")}
    note: {_q(p + " note")}
milestones:
  - id: mc14
    title: {_q(p + " milestone")}
    date: 2026-03-26
    description: {_q(p + " milestone description")}
tiers:
  - id: tier1
    number: {_q(p + "1")}
    title: {_q(p + " tier")}
    description: {_q(p + " tier description")}
    focus_areas:
      - id: fa
        number: {_q(p + "fa")}
        title: {_q(p + " focus")}
        description: {_q(p + " focus description")}
        action_points:
          - id: a
            number: {_q(p + "n")}
            title: {_q(p + " " + title)}
            status: blocked
            description: {_q(p + " description")}
            due: 2026-01-15
            owners: [{_q(p + " owner")}]
            partners: [{_q(p + " partner")}]
            evidence:
              - ref: {_q(ref)}
                title: {_q(p + " evidence")}
            history:
              - date: 2025-11-02
                status: blocked
                note: {_q(p + " reason")}
            children:
              - id: kid
                title: {_q(p + " kid")}
                status: done
                completed: 2025-12-01
          - id: b
            title: {_q(p + " upcoming")}
            status: in-progress
            due: mc14
sections:
  - id: sec
    number: {_q(p + "s")}
    title: {_q(p + " section")}
    items:
      - id: s1
        title: {_q(p + " section item")}
        status: dropped
        history:
          - date: 2025-10-01
            status: dropped
            note: {_q(p + " dropped")}
meetings:
  - id: m1
    date: 2026-01-20
    title: {_q(p + " meeting")}
    theme: {_q(p + " theme")}
    place: {_q(p + " place")}
    outcome: {_q(p + " meeting outcome")}
    agenda:
      - id: x
        kind: thematic-session
        title: {_q(p + " agenda item")}
        items: [a]
        questions: [{_q(p + " question")}]
        speakers:
          - {{name: {_q(p + " speaker")}, title: {_q(p + " speaker title")}, organisation: {_q(p + " org")}}}
        documents: [{_q(ref)}]
        request: r1
        outcome: {_q(p + " outcome")}
  - id: m2
    date: 2026-03-10
    title: {_q(p + " next meeting")}
requests:
  - id: r1
    kind: thematic-session
    subject: {_q(p + " subject")}
    by: [{_q(p + " member")}]
    date: 2025-12-01
    items: [b]
    meeting: m1
  - id: r2
    kind: secretariat-update
    subject: {_q(p + " update")}
    by: [{_q(p + " member")}]
    date: 2025-12-02
    items: [a]
"""


HUMAN, JSON, CSV, RAW_CSV, GITHUB, MERMAID, ICS = "human", "json", "csv", "raw", "github", "mermaid", "ics"
DOCX = "docx"


def strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [*data, *(t for v in data.values() for t in strings(v))]
    if isinstance(data, list):
        return [t for v in data for t in strings(v)]
    return [data] if isinstance(data, str) else []


def check(kind: str, out: str, payload: str) -> None:
    if kind == JSON:  # exact: the payload comes back whole from some string (not the schema's)
        data = json.loads(out)
        assert "$defs" in data or any(payload in text for text in strings(data)), out
        return
    if kind in (CSV, RAW_CSV):
        cells = [c for row in csv.reader(io.StringIO(out.removeprefix("\ufeff"))) for c in row]
        assert payload.replace("\r\n", "\n") in "".join(cells).replace("\r\n", "\n")  # all there
        if kind == CSV:
            formulas = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
            # --excel's own ="4.10" keeps a number-like cell text (digits, dots, dashes, slashes)
            assert not [c for c in formulas if not re.fullmatch(r'="\d[\d./-]*"', c)], "a formula cell"
        return
    clean = out.replace("\r\n", "\n") if kind == ICS else out
    bad = UNSAFE.search(clean) or re.search("\r", clean)
    assert not bad, (
        f"raw U+{ord(bad[0]):04X} at {bad.start()}: {clean[max(bad.start() - 40, 0) : bad.start() + 20]!r}"
    )
    lines = clean.splitlines()
    if kind == GITHUB:
        assert all(re.match(r"::(error|notice|warning) [^:]*::", x) for x in lines), lines
    elif kind == MERMAID:
        assert lines[0] == "gantt"
        ours = ("title ", "dateFormat ", "axisFormat ", "inclusiveEndDates", "section ", "‣ ", "As of ")
        assert all(x.strip().startswith(ours) for x in lines[1:]), lines
    else:
        assert not [x for x in lines if x.strip().startswith("::") or "##[" in x], "a workflow command"


def docx_text(path: Path) -> str:
    """The text of every part of a Word file (body, header, footer, properties), markup removed."""
    import zipfile

    with zipfile.ZipFile(path) as docx:
        parts = [docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml")]
    assert parts
    return re.sub(r"<[^>]*>", " ", "\n".join(parts))


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr
