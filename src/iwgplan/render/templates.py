"""Reports rendered from Jinja2 templates over the report context (`report --format json`).

The shipped templates live in ``iwgplan/templates/``; ``--template FILE`` uses a person's own.
Templates see the context's keys as variables, plus the filters and functions below, which make
plan text safe for the output (``cell`` for Markdown; HTML is autoescaped), and the tool's words in
the chosen language: ``_("...")`` and ``ngettext(singular, plural, n)`` (``iwgplan.i18n``).
Undefined names are errors (``StrictUndefined``), and every template error names the template's
file and line.
Jinja2 is imported here only, so commands that render no template do not load it.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from iwgplan import i18n
from iwgplan.errors import IwgplanError
from iwgplan.render import safe
from iwgplan.render.gantt_svg import STATUS_COLOUR
from iwgplan.render.markdown import cell, table
from iwgplan.views.report import Report
from iwgplan.views.report_context import variance_cells

SHIPPED = {"markdown": "report.md.j2", "html": "report.html.j2"}
# What the shipped templates include: a person's own template (``--print-template`` copied to
# their folder) finds these beside it, or else the shipped ones.
INCLUDED = ("report.css",)


class TemplateError(IwgplanError):
    """A template that does not parse or render: exit 1, nothing written."""


def shipped_text(kind: str) -> str:
    return (resources.files("iwgplan") / "templates" / SHIPPED[kind]).read_text(encoding="utf-8")


def _shipped_include(name: str) -> str | None:
    """A file the shipped templates include (the report's CSS), for a template that has none beside it."""
    if name not in INCLUDED:
        return None
    return (resources.files("iwgplan") / "templates" / name).read_text(encoding="utf-8")


def _pct(value: float) -> str:
    return i18n.share(value)


def _link_url(url: str) -> str:
    """A URL safe inside a Markdown link target: no spaces, brackets or angle brackets."""
    return quote(url, safe=":/?&=#%~+@,;!$*'-._")


def _row(data: dict[str, Any], *keys: str) -> list[object]:
    return ["—" if data[k] is None else data[k] for k in keys]


def _progress_row(g: dict[str, Any]) -> list[object]:
    name = g.get("marked_label", g["label"]) + (i18n.gettext(" (priority)") if g["priority"] else "")
    return [name, *g["counts"].values(), _pct(g["done_fraction"])]


def _milestone_row(m: dict[str, Any]) -> list[object]:
    due = "; ".join(f"{d['label']} ({d['shown']})" for d in m["due_by_it"]) or "—"
    notes = [m["source"]] if m.get("source") else []
    source = "; ".join(notes + [s["ref"] for s in m.get("sources", [])])
    when = m["when"] + (f" ({source})" if source else "")
    return [m.get("marked_title", m["title"]), when, due]


def _html(value: object) -> Markup:
    """How HTML templates show every value: controls made visible (``safe.block``), then escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(escape(safe.block(value), quote=True))


_DATEISH = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?( to [0-9]{4}-[0-9]{2}(-[0-9]{2})?)?|[\w.()-]{1,24}")


def _td(value: object) -> Markup:
    """A table cell; dates, ids and numbers do not break across lines."""
    text = "" if value is None else str(value)
    nowrap = ' class="nw"' if _DATEISH.fullmatch(text) else ""
    return Markup(f"<td{nowrap}>{_html(text)}</td>")


def _fit(text: str, room: float) -> str:
    from iwgplan.render.gantt_svg import fit

    return fit(text, room)


def _fit_beside(text: str, status: str, room: float) -> str:
    """``text (status)`` in ``room`` pixels: the title is cut, never the status after it."""
    from iwgplan.render.gantt_svg import fit, text_width

    tail = f" ({status})"
    return fit(text, room - text_width(tail)) + tail


def _pct_int(value: float) -> int:
    return round(value * 100)


FILTERS: dict[str, Callable[..., Any]] = {
    "td": _td,
    "fit": _fit,
    "fit_beside": _fit_beside,
    "pct_int": _pct_int,
    "cell": cell,
    "pct": _pct,
    "when": i18n.when_words,
    "status_word": i18n.status_word,
    "link_url": _link_url,
    "row": _row,
    "progress_row": _progress_row,
    "milestone_row": _milestone_row,
    "variance_row": variance_cells,
}


class _Words(Markup):
    """The tool's words in an HTML template: the catalogue's text is the template's own (not
    escaped again, like the literal text it replaces); what ``format`` puts into it is a value,
    shown as every value is (:func:`_html`)."""

    def format(self, *args: Any, **kwargs: Any) -> _Words:
        return _Words(str(self).format(*map(_html, args), **{k: _html(v) for k, v in kwargs.items()}))


def _html_words(message: str) -> Markup:
    return _Words(i18n.gettext(message))


def _html_plural(singular: str, plural: str, n: int) -> Markup:
    return _Words(i18n.ngettext(singular, plural, n))


def _environment(folder: Path | None, html: bool) -> jinja2.Environment:
    """The shipped templates' environment, or (``folder``) a sandbox for a person's own templates.

    A template from ``--template`` may come from anyone, so it runs in Jinja's immutable sandbox:
    no dunder attributes (``''.__class__.__mro__``, ``cycler.__init__.__globals__``), no methods
    that change the context, ``range`` capped; anything else it tries is a template error (exit 1).
    It may include the files the shipped templates include (``report.css``): its own beside it,
    else the shipped ones.
    """
    loader: jinja2.BaseLoader
    kind: type[jinja2.Environment]
    if folder is None:
        loader, kind = jinja2.PackageLoader("iwgplan", "templates"), jinja2.Environment
    else:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        own, shipped = jinja2.FileSystemLoader(str(folder)), jinja2.FunctionLoader(_shipped_include)
        loader, kind = jinja2.ChoiceLoader([own, shipped]), ImmutableSandboxedEnvironment
    env = kind(
        loader=loader,
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        _=i18n.gettext, gettext=i18n.gettext, ngettext=i18n.ngettext, lang=i18n.current(), colon=i18n.colon
    )
    if html:
        env.globals.update(_=_html_words, gettext=_html_words, ngettext=_html_plural)
        env.finalize = _html
        env.globals["status_colours"] = dict(STATUS_COLOUR)
    else:
        env.globals["table"] = table
    return env


def render_report(kind: str, report: Report, context: dict[str, Any], template: Path | None) -> str:
    """The report as ``kind`` (html or markdown) from its shipped template or ``template``.

    Besides the context, templates get a helper for the timeline: ``gantt_svg()`` (HTML, an
    inline SVG, and ``gantt_key()``: its numbered milestones in full, a list of texts, empty
    when the chart names them itself) or ``mermaid_gantt()`` (Markdown, a Mermaid block's
    body); and one for progress over time, ``progress_chart()``: an SVG figure (HTML) or a
    Mermaid xychart section (Markdown), empty while no deliverable is done.
    """
    from iwgplan.render import history_report

    helpers: dict[str, Callable[[], str | list[str]]]
    progress = report.progress
    if kind == "html":
        from iwgplan.render.gantt_svg import gantt_key, gantt_svg

        helpers = {
            "gantt_svg": lambda: Markup(gantt_svg(report)),
            "gantt_key": lambda: gantt_key(report),
            "meetings_on_timeline": lambda: Markup("1" if report.index.plan.meetings else ""),
            "progress_chart": lambda: Markup(history_report.progress_html(progress) if progress else ""),
        }
    else:
        from iwgplan.render.mermaid import gantt

        helpers = {
            "mermaid_gantt": lambda: gantt(report),
            "progress_chart": lambda: history_report.progress_mermaid(progress) if progress else "",
        }
    return render(kind, context, helpers, template)


def render(
    kind: str,
    context: dict[str, Any],
    helpers: dict[str, Callable[[], str | list[str]]],
    template: Path | None,
) -> str:
    """Render the shipped template of ``kind`` (or ``template``) over ``context``."""
    if template is None:
        env, name, shown = _environment(None, kind == "html"), SHIPPED[kind], f"<shipped {SHIPPED[kind]}>"
    else:
        if not template.is_file():
            raise TemplateError(f"{template}: no such template file")
        env, name, shown = _environment(template.parent, kind == "html"), template.name, str(template)
    loaded: jinja2.Template | None = None
    try:
        loaded = env.get_template(name)
        return loaded.render({**context, **helpers})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{shown}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{shown}:{_line(exc, loaded)}: template error: {exc}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{shown}: the template is not UTF-8 ({exc.reason})") from None
    except (
        TypeError,
        ValueError,
        KeyError,
        AttributeError,
        IndexError,
        ZeroDivisionError,
        OverflowError,  # the sandbox's cap on range()
        RecursionError,  # a macro that calls itself
    ) as exc:
        raise TemplateError(
            f"{shown}:{_line(exc, loaded)}: template error: {type(exc).__name__}: {exc}"
        ) from None


def _line(exc: BaseException, loaded: jinja2.Template | None) -> str:
    """The template line where a render error happened, from Jinja's rewritten traceback."""
    path = loaded.filename if loaded is not None else None
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if path and frame.filename == path and frame.lineno is not None:
            return str(frame.lineno)
    return "?"
