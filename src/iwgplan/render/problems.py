"""Reporters for validation results: text, json (stable keys) and GitHub workflow commands."""

from __future__ import annotations

from collections.abc import Callable

from iwgplan.errors import FileResult, Problem
from iwgplan.render import safe


def _where(path: str, problem: Problem) -> str:
    if problem.line is None:
        return path
    return f"{path}:{problem.line}:{problem.column}"


def text(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for p in result.problems:
            what = f"{p.dotted}: " if p.loc else ""
            lines.append(safe.line(f"{_where(result.path, p)}: {what}{p.message}"))
        lines += [safe.line(f"{result.path}: note: {note}") for note in result.notes]
        if result.valid:
            lines.append(safe.line(f"{result.path}: valid"))
    bad = sum(len(r.problems) for r in results)
    if bad:
        files = sum(not r.valid for r in results)
        lines.append(f"{bad} problem{'s' * (bad != 1)} in {files} file{'s' * (files != 1)}")
    return "\n".join(lines) + "\n"


def as_json(results: list[FileResult]) -> str:
    data = [
        {
            "path": r.path,
            "valid": r.valid,
            "notes": r.notes,
            "errors": [
                {"line": p.line, "column": p.column, "path": p.dotted, "message": p.message}
                for p in r.problems
            ],
        }
        for r in results
    ]
    return safe.json_text(data)


def github(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for p in result.problems:
            props = [f"file={safe.gh_property(result.path)}"]
            if p.line is not None:
                props += [f"line={p.line}", f"col={p.column}"]
            message = f"{p.dotted}: {p.message}" if p.loc else p.message
            lines.append(f"::error {','.join(props)}::{safe.gh_data(message)}")
        for note in result.notes:
            lines.append(f"::notice file={safe.gh_property(result.path)}::{safe.gh_data(note)}")
    return "".join(line + "\n" for line in lines)


RENDERERS: dict[str, Callable[[list[FileResult]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
