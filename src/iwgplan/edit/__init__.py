"""Minimal-diff edits of a plan file: text splices, progress commands, locked and verified writes.

An edit computes changes from the plan (``iwgplan.views`` arithmetic where it needs it), splices
them into the person's own text and writes through ``iwgplan.files``. No typer or rich here.
"""
