"""`iwgplan init [DIR]`: copy the embedded plan into DIR/plans/ to start keeping your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iwgplan.cli.common import err, handled
from iwgplan.errors import IwgplanError


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where plans/ is created.")] = Path("."),
) -> None:
    """Copy the embedded IWG plan into DIR/plans/, never overwriting a file.

    Example: iwgplan init my-group
    """
    from iwgplan.files.discover import EMBEDDED_NAME, embedded_text

    target = folder / "plans" / EMBEDDED_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="") as handle:
            handle.write(embedded_text())
    except FileExistsError:
        raise IwgplanError(f"{target} already exists; nothing was changed") from None
    except OSError as exc:
        raise IwgplanError(f"cannot create {target}: {exc.strerror or exc}") from None
    err(f"created {target}; edit it, then run `iwgplan validate`")


def register(app: typer.Typer) -> None:
    app.command()(handled(init))
