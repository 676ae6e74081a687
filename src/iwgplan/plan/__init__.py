"""The plan format: pydantic models, dates, statuses, cross-field rules, the id index and the JSON Schema.

Data and rules only: no file, terminal or git I/O. Modules here import only the standard library,
pydantic, ``iwgplan.errors`` and each other; every other stage builds on this one.
"""
