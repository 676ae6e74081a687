"""`iwgplan schema`: write the JSON Schema of the plan format, or check it is current."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import err, handled

DEFAULT = Path("schemas/workplan.schema.json")


def schema(
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the schema goes.")] = DEFAULT,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if the file differs from the current schema.")
    ] = False,
) -> int:
    """Write the JSON Schema of the plan format, for editors and other validators.

    Example: iwgplan schema --check
    """
    from iwgplan.files.atomic import write_output
    from iwgplan.plan.jsonschema import schema_text

    wanted = schema_text()
    if str(output) == "-" and not check:
        print(wanted, end="")
        return 0
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if check:
        if current == wanted:
            err(f"{output} is up to date")
            return 0
        err(f"{output} is stale or missing; run `iwgplan schema` and commit the result")
        return 1
    if current != wanted:
        write_output(output, wanted.encode("utf-8"))
    err(f"wrote {output}" if current != wanted else f"{output} is up to date")
    return 0


def register(app: typer.Typer) -> None:
    app.command()(handled(schema))
