"""A template given with `report --template` runs sandboxed (#30 item 18): whatever it reaches for
outside the report context is a template error (exit 1, one line, nothing written, nothing run),
and the shipped templates render the same bytes in the sandbox as outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SHIPPED

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch {pwned}').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch {pwned}') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('touch {pwned}') }}",
    "{{ range.__self__.__import__('os').system('touch {pwned}') }}",
    "{{ plan.__class__.__base__.__subclasses__() }}",
    "{{ plan|attr('__class__') }}",
    "{{ '{0.__class__.__mro__}'.format(plan) }}",
    "{{ '{0.__class__}'.format_map(plan) }}",
    "{{ self.__init__.__globals__ }}",
    "{{ gantt_svg.__globals__['os'].system('touch {pwned}') }}",
    "{{ (summary if summary is defined else plan).__dict__ }}",
    "{% set items = [] %}{{ items.append(1) }}",
    "{% for x in range(10**9) %}{% endfor %}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("body", ESCAPES)
def test_a_template_cannot_leave_the_report_context(cli, tmp_path: Path, fmt: str, body: str) -> None:  # type: ignore[no-untyped-def]
    pwned = tmp_path / "pwned"
    template = tmp_path / "evil.j2"
    template.write_text(f"before\n{body.replace('{pwned}', str(pwned))}\nafter\n", encoding="utf-8")
    out = tmp_path / "report.out"
    run = cli("report", "--format", fmt, "--plan", SHIPPED, "--template", template, "-o", out)
    assert run.code == 1, (run.out, run.err)
    assert run.err.startswith(f"iwgplan: {template}:2: template error") or (
        run.err.startswith(f"iwgplan: {template}:") and "template error" in run.err
    ), run.err
    assert "Traceback" not in run.err and len(run.err.splitlines()) == 1, run.err
    assert not pwned.exists() and not out.exists()


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("as_of", ["2025-10-01", "2026-05-01"])
def test_shipped_templates_render_the_same_in_the_sandbox(cli, tmp_path: Path, fmt: str, as_of: str) -> None:  # type: ignore[no-untyped-def]
    printed = cli("report", "--print-template", fmt)
    assert printed.code == 0
    mine = tmp_path / f"mine.{fmt}.j2"
    mine.write_text(printed.out, encoding="utf-8")
    shipped = cli("report", "--format", fmt, "--as-of", as_of, "--plan", SHIPPED)
    sandboxed = cli("report", "--format", fmt, "--as-of", as_of, "--plan", SHIPPED, "--template", mine)
    assert shipped.code == sandboxed.code == 0, sandboxed.err
    assert sandboxed.out == shipped.out


def test_an_ordinary_own_template_still_works(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %} {{ '%s!'|format('x') }}"
        " {{ [3, 1, 2]|sort|join(',') }} {{ 'Ab'.lower() }} {{ range(3)|list|length }}\n",
        encoding="utf-8",
    )
    run = cli("report", "--plan", SHIPPED, "--template", template)
    assert run.code == 0, run.err
    assert run.out == "a=1 x! 1,2,3 ab 3\n"
