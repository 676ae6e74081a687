"""A generated plan whose action points each write their history in one YAML style: none, an
empty list, a block list, an indentless list, a flow list, a list of flow mappings. Each item
ends with the comment line ``          # between items``."""

from __future__ import annotations

HEAD = """\
# generated plan
schema_version: 1
plan:
  id: gen
  title: Generated
  body: B
  revision: 0
  date: 2025-09-10
  period: {start: 2025-09, end: 2026-12}
tiers:
  - id: t
    number: '1'
    title: T
    focus_areas:
      - id: f
        title: F
        action_points:
"""
STYLES = {
    "none": [],
    "empty": ["            history: []"],
    "block": [
        "            history:",
        "              - date: 2025-10-01",
        "                note: x   # a comment",
        "              - date: 2025-12-01",
        "                status: in-progress",
    ],
    "indentless": [
        "            history:",
        "            - date: 2025-10-01",
        "              status: in-progress",
        "            - date: 2026-01-01",
        "              note: 'y, z'",
    ],
    "flow": [
        "            history: [{date: 2025-10-01, note: 'a, b'}, {date: 2025-12-01, status: in-progress}]"
    ],
    "flow-items": [
        "            history:",
        "              - {date: 2025-10-01, status: in-progress}",
        '              - {date: 2026-02-01, note: "c: d"}',
    ],
}
STATUS_OF = {"none": "planned", "empty": "planned"}


def build(styles: list[str], nl: str) -> str:
    lines = HEAD.splitlines()
    for i, style in enumerate(styles):
        lines += [
            f"          - id: item-{i}",
            "            title: T",
            f"            status: {STATUS_OF.get(style, 'in-progress')}",
        ]
        lines += STYLES[style]
        lines.append("          # between items")
    return nl.join(lines) + nl
