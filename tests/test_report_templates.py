"""The HTML and Markdown reports come from Jinja2 templates over the report context.

The golden files here were written by the Python reporters before they became templates, so
these tests prove the shipped templates render the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHIPPED
from tests.test_report import AS_OF, golden, progressed  # noqa: F401  (a fixture)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_small_report_golden(cli, progressed: Path, fmt: str) -> None:  # noqa: F811
    run = cli("report", "--format", fmt, "--as-of", AS_OF, "--plan", progressed)
    assert run.code == 0, run.err
    golden(f"report-small.{'md' if fmt == 'markdown' else fmt}", run.out)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("as_of", ["2025-10-01", "2026-05-01"])
def test_shipped_report_golden(cli, fmt: str, as_of: str) -> None:
    run = cli("report", "--format", fmt, "--as-of", as_of, "--plan", SHIPPED)
    assert run.code == 0, run.err
    golden(f"report-shipped-{as_of}.{'md' if fmt == 'markdown' else fmt}", run.out)
