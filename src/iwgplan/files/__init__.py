"""Bytes and text: reading plan files, strict YAML, discovery, git revisions, atomic writes.

This stage turns a path (or a git revision) into checked plan data with positions for every
problem. It may import ``iwgplan.plan`` and ``iwgplan.errors``, never views, edits, renderers or the CLI.
"""
