"""The HTML and Markdown reports come from Jinja2 templates over the report context.

The golden files here were written by the Python reporters before they became templates, so
these tests prove the shipped templates render the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SHIPPED
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


@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_print_template_is_the_shipped_one_and_renders_the_same(cli, tmp_path: Path, kind: str) -> None:
    from importlib import resources

    run = cli("report", "--print-template", kind)
    assert run.code == 0
    name = "report.html.j2" if kind == "html" else "report.md.j2"
    assert run.out == (resources.files("iwgplan") / "templates" / name).read_text(encoding="utf-8")
    mine = tmp_path / name
    mine.write_text(run.out, encoding="utf-8")
    shipped = cli("report", "--format", kind, "--as-of", AS_OF, "--plan", SHIPPED).out
    own = cli("report", "--format", kind, "--template", mine, "--as-of", AS_OF, "--plan", SHIPPED)
    assert own.code == 0 and own.out == shipped


def test_the_html_report_is_one_file_with_its_css_from_report_css(cli, tmp_path: Path) -> None:
    """The shipped CSS lives in templates/report.css (tracked under src/iwgplan, so hatch ships it
    in the wheel) and is inlined: the report fetches nothing. A template of one's own uses the
    report.css beside it when there is one, else the shipped one."""
    import subprocess

    from tests.helpers import ROOT

    tracked = subprocess.run(
        ["git", "ls-files", "src/iwgplan/templates"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "src/iwgplan/templates/report.css" in tracked
    css = (ROOT / "src/iwgplan/templates/report.css").read_text(encoding="utf-8")
    shipped = cli("report", "--format", "html", "--as-of", AS_OF, "--plan", SHIPPED).out
    assert f"<style>\n{css}</style>" in shipped
    assert "<link" not in shipped and 'src="http' not in shipped
    mine = tmp_path / "mine.html.j2"
    mine.write_text(cli("report", "--print-template", "html").out, encoding="utf-8")
    (tmp_path / "report.css").write_text("body { color: teal; }\n", encoding="utf-8")
    own = cli("report", "--format", "html", "--template", mine, "--as-of", AS_OF, "--plan", SHIPPED)
    assert own.code == 0, own.err
    assert "<style>\nbody { color: teal; }\n</style>" in own.out and css not in own.out
    assert own.out.replace("body { color: teal; }\n", css) == shipped


def test_own_template_sees_the_context(cli, tmp_path: Path) -> None:
    mine = tmp_path / "brief.md.j2"
    mine.write_text(
        "{{ plan.symbol }}: {{ progress.done }}/{{ progress.total }}\n"
        "{% for g in groups %}{{ g.number }} {{ g.title | cell }} {{ g.done_fraction | pct }}\n{% endfor %}",
        encoding="utf-8",
    )
    run = cli("report", "--template", mine, "--as-of", AS_OF, "--plan", SHIPPED)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "INF/TGE/W/10/Rev.1: 0/10"  # the tiers' deliverables, as the summary says
    assert lines[1] == "1 Tier one 0%"


def test_html_template_escapes_plan_text(cli, progressed: Path, tmp_path: Path) -> None:  # noqa: F811
    mine = tmp_path / "t.html"
    mine.write_text(
        "<p>{% for b in blocked %}{{ b.reason }}{% endfor %}|{% for d in dropped %}{{ d.reason }}{% endfor %}</p>",
        encoding="utf-8",
    )
    run = cli("report", "--format", "html", "--template", mine, "--as-of", AS_OF, "--plan", progressed)
    assert run.code == 0, run.err
    assert run.out == "<p>waiting: funding|superseded by &lt;b&gt;</p>"


BROKEN = [
    ("{{ plan.title }}\n{% for g in groups %}\n{{ g.title }\n{% endfor %}\n", 3, "template syntax error"),
    ("line one\n{{ plan.title }}\n{{ no_such_key }}\n", 3, "'no_such_key' is undefined"),
    ("{{ plan.title }}\n\n{{ plan.no_such_field }}\n", 3, "has no attribute 'no_such_field'"),
    ("a\n{% for g in groups %}{{ g.title | no_such_filter }}{% endfor %}\n", 2, "no_such_filter"),
    ("a\nb\n{{ progress.done / 0 }}\n", 3, "ZeroDivisionError"),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_template_errors_name_file_and_line_and_write_nothing(
    cli, tmp_path: Path, text: str, line: int, message: str, kind: str
) -> None:
    mine = tmp_path / "broken.j2"
    mine.write_text(text, encoding="utf-8")
    out = tmp_path / "report.out"
    out.write_text("the previous report\n", encoding="utf-8")
    run = cli("report", "--format", kind, "--template", mine, "-o", out, "--plan", SHIPPED)
    assert run.code == 1
    assert run.err.startswith(f"iwgplan: {mine}:{line}: ") and message in run.err, run.err
    assert "Traceback" not in run.err
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    fresh = tmp_path / "fresh.out"
    assert cli("report", "--format", kind, "--template", mine, "-o", fresh, "--plan", SHIPPED).code == 1
    assert not fresh.exists()


def test_missing_and_misused_template(cli, tmp_path: Path) -> None:
    run = cli("report", "--template", tmp_path / "nope.j2", "--plan", SHIPPED)
    assert run.code == 1 and "nope.j2: no such template file" in run.err
    mine = tmp_path / "t.j2"
    mine.write_text("x", encoding="utf-8")
    assert cli("report", "--format", "json", "--template", mine, "--plan", SHIPPED).code == 2
