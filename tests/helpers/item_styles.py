"""The frame of a one-item plan for the edit-style tests: ``HEAD`` (the plan down to its first
``action_points:``), ``ITEM`` (the start of item ``a``, whose rest each case writes in its own
style) and ``NEXT`` (a blank line, a comment and item ``b``, which must stay where they are)."""

from __future__ import annotations

HEAD = """\
schema_version: 1
plan:
  id: p
  title: P
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
NEXT = """\

          # the next item's comment
          - id: b
            title: B
            status: planned
"""
ITEM = "          - id: a\n            title: A\n"
