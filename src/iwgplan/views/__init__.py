"""What is computed from plans: status and timeline arithmetic, queries, diffs, the report's context.

Pure functions over ``iwgplan.plan`` objects (and ``iwgplan.files`` for reading the sides of a
diff). Nothing here prints, writes a file or imports typer or rich.
"""
