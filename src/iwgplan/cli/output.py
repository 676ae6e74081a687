"""What the commands share that needs no Typer: error mapping, dates, loading a view, output.

The start-up path of the read-only commands (:mod:`iwgplan.cli.front`) runs on this module
alone, so it imports neither typer nor pydantic nor YAML; :mod:`iwgplan.cli.common` adds the
Typer options on top.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from iwgplan.cli.process import interrupted, say_interrupted, write_stdout
from iwgplan.errors import IwgplanError, PlanInvalid, Problem, UsageError
from iwgplan.plan import dates

if TYPE_CHECKING:
    from rich.console import Console

    from iwgplan.plan.index import Entry, PlanIndex
    from iwgplan.plan.model import Plan
    from iwgplan.render.columns import Fit
    from iwgplan.views.context import View


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class State:
    """What the root command's options chose, for the command that runs after it."""

    debug = bool(os.environ.get("IWGPLAN_DEBUG"))
    plan: Path | None = None
    rev: str | None = None
    color = ColorChoice.auto
    no_cache = False  # --no-cache

    @classmethod
    def start(
        cls,
        *,
        debug: bool,
        plan: Path | None,
        rev: str | None,
        color: ColorChoice | None,
        no_color: bool,
        no_cache: bool = False,
    ) -> None:
        if no_color and color not in (None, ColorChoice.never):
            import typer

            raise typer.BadParameter(f"--no-color and --color {color.value} disagree", param_hint="--color")
        cls.debug = bool(os.environ.get("IWGPLAN_DEBUG")) or debug
        cls.plan, cls.rev = plan, rev
        cls.color = ColorChoice.never if no_color else (color or ColorChoice.auto)
        cls.no_cache = no_cache


def err(message: str) -> None:
    """A message on stderr; any plan text or argument in it is shown with its controls visible.

    Its own line breaks stay (some messages list candidates); ``::`` never survives, so no line
    of it can be a GitHub workflow command.
    """
    from iwgplan.render.safe import block

    print(block(message), file=sys.stderr)


def problem_line(path: str, problem: Problem) -> str:
    where = path
    if problem.line is not None:
        where += f":{problem.line}:{problem.column}"
    what = f"{problem.dotted}: " if problem.loc else ""
    return f"{where}: {what}{problem.message}"


def report_invalid(exc: PlanInvalid) -> None:
    for problem in exc.result.problems:
        err(problem_line(exc.result.path, problem))
    count = len(exc.result.problems)
    err(f"iwgplan: the {exc.what} has {count} problem{'s' if count != 1 else ''}")


def run_mapped(
    fn: Callable[..., int | None],
    *args: Any,
    passthrough: tuple[type[BaseException], ...] = (),
    **kwargs: Any,
) -> int:
    """Run a command and map errors to exit codes: user 1, usage 2, unexpected 3, Ctrl-C 130."""
    try:
        return fn(*args, **kwargs) or 0
    except passthrough:
        raise
    except PlanInvalid as exc:
        report_invalid(exc)
        return exc.exit_code
    except IwgplanError as exc:
        err(f"iwgplan: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        return say_interrupted()
    except BrokenPipeError:
        from iwgplan.cli.process import pipe_closed

        return pipe_closed()
    except Exception as exc:
        if interrupted(exc):  # a Ctrl-C that Python or a library turned into another error
            return say_interrupted()
        if State.debug:
            raise
        err(f"iwgplan: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug)")
        return 3
    finally:
        _search_notes()


def _search_notes() -> None:
    """Say which plan was read when a plans/ folder was passed over (it held nothing usable)."""
    discover = sys.modules.get("iwgplan.files.discover")
    notes: list[str] = getattr(discover, "NOTES", [])
    for note in notes:
        err(f"iwgplan: {note}")
    notes.clear()


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date; use YYYY-MM-DD") from None


def as_of_day(value: str | None) -> date:
    return parse_day(value, "--as-of") or dates.today()


def emit(data: str | bytes, output: Path | None = None) -> None:
    """Write a rendered result to stdout (no ``-o``, or ``-o -``), or to a file.

    A regular file is replaced atomically; a device or a FIFO is written in place.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or str(output) == "-":
        write_stdout(raw)
        return
    from iwgplan.files.atomic import write_output

    write_output(output, raw)
    err(f"wrote {output}")


def emit_csv(data: str, output: Path | None = None) -> None:
    """CSV: exact bytes to a file or a pipe; on a terminal, shown as every human output is (controls,
    escape sequences and invisible characters visible, ``safe.block``), without Excel's byte-order mark.
    """
    if (output is None or str(output) == "-") and on_terminal():
        from iwgplan.render.safe import block

        data = block(data.removeprefix("\ufeff"))
    emit(data, output)


def refuse_plan_as_output(output: Path | None, plan: Path | None) -> None:
    """Exit 1 when ``-o`` names the plan file this command reads (by path, through a link, or a
    hard link to it): writing there would replace the plan with the output."""
    if output is None or str(output) == "-":
        return
    from iwgplan.files.discover import find_plan_path

    source = find_plan_path(plan)
    if source is None:
        return
    try:
        same = os.path.samefile(output, source)
    except OSError:  # either does not exist (yet), or cannot be looked at: not the same file
        return
    if same:
        raise IwgplanError(
            f"-o {output} is the plan file being read ({source}); writing there would replace the plan."
            " Give another file name after -o"
        )


def resolve_ids(index: PlanIndex, wanted: list[str], *, exact: bool, say: bool = True) -> list[Entry]:
    """Each id, prefix or any-case spelling to its item; says on stderr which id a prefix meant."""
    from iwgplan.plan.index import resolve

    found = []
    for name in wanted:
        entry = resolve(index, name, exact=exact)
        if say and name.strip().lower() != entry.id.lower():
            err(f"iwgplan: {name!r} is {entry.id}")
        found.append(entry)
    return found


def load_view(plan: Path | None, rev: str | None, as_of: str | None = None) -> View:
    """Read, validate and index the chosen plan: what every read-only command starts with.

    A valid plan's data come from the validated-plan cache when it holds these bytes.
    """
    from iwgplan.files import cached_plan
    from iwgplan.files.discover import read_plan

    source = read_plan(plan, rev)
    parsed, index = cached_plan.load(source, use_cache=not State.no_cache)
    return make_view(parsed, index, source.shown, as_of)


def make_view(plan: Plan, index: PlanIndex, shown: str, as_of: str | None) -> View:
    """The view of a plan on a day: the file as it is, or (with --as-of) its dated record."""
    from iwgplan.views.context import View

    if as_of is None:
        return View(plan, index, shown, as_of_day(as_of))
    return past_view(plan, shown, as_of)


def past_view(plan: Plan, shown: str, as_of: str) -> View:
    """The view of a plan's dated record on ``as_of`` (--as-of): the plan replayed to that day,
    and its own index."""
    from iwgplan.plan.index import PlanIndex
    from iwgplan.views.context import View
    from iwgplan.views.replay import replay

    day = as_of_day(as_of)
    past = replay(plan, day)
    return View(past, PlanIndex(past), shown, day, recorded=True)


SCRIPTED = ("json", "csv")
"""Formats for scripts: their keys and words stay English whatever the language (stable API)."""


def speak(lang: object = None) -> str:
    """Write in the language asked from now on: ``--lang``, then ``IWGPLAN_LANG``, then the
    locale, then English (:func:`iwgplan.i18n.resolve`); returns it."""
    from iwgplan import i18n

    given = getattr(lang, "value", lang)
    return i18n.use(i18n.resolve(None if given is None else str(given)))


def speak_for(lang: object, fmt: object = "text") -> str:
    """The tool's words in ``lang`` for a command that writes for people (``log``, ``diff``,
    ``portfolio``, ``variance``: the plan's texts there are shown as the file has them); JSON and
    CSV stay English, for scripts."""
    if getattr(fmt, "value", fmt) in SCRIPTED:
        return "en"
    return speak(lang)


def in_words(view: View, lang: object, fmt: object = "text") -> View:
    """The view for a command that writes for people in ``lang`` (an option's value or None):
    its fixed strings in that language from now on, and the plan's texts in it where the plan has
    them (English, marked, where not). JSON and CSV stay as they are, for scripts."""
    if getattr(fmt, "value", fmt) in SCRIPTED:
        return view
    language = speak(lang)
    if language == "en":
        return view
    from iwgplan.views.translate import in_language

    return in_language(view, language)


def on_terminal() -> bool:
    """Whether stdout is a terminal: titles wrap and long output is paged only there."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def fit(*, wide: bool, no_wrap: bool) -> Fit:
    """What gives when a row is wider than the terminal; piped output is never cut."""
    from iwgplan.render.columns import Fit

    if wide and no_wrap:
        raise UsageError("--wide and --no-wrap disagree; give one of them")
    if wide or not on_terminal():
        return Fit.FULL
    return Fit.CUT if no_wrap else Fit.WRAP


def screen_fit(*, wide: bool, no_wrap: bool, full: bool) -> tuple[Fit, int | None]:
    """How `status` lays itself out, and the lines it may take (None: as many as it needs).

    One screen on a terminal: one line per item, titles cut with "…" at the width, lists
    shortened to the terminal's height (at least 40 lines). The same when piped with COLUMNS
    set (as click, rich and git honour it). ``--full`` wraps titles instead and keeps every
    list at its usual length; ``--wide``, and a pipe without COLUMNS, cut nothing.
    """
    from iwgplan.render.columns import Fit
    from iwgplan.render.text import SCREEN_LINES

    if full and (wide or no_wrap):
        raise UsageError(f"--full and {'--wide' if wide else '--no-wrap'} disagree; give one of them")
    if full:
        return (Fit.WRAP if on_terminal() else Fit.FULL), None
    if wide or not (on_terminal() or os.environ.get("COLUMNS", "").strip()):
        return Fit.FULL, None
    return Fit.CUT, max(SCREEN_LINES, shutil.get_terminal_size().lines)


def _quiet_console_class() -> type[Console]:
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1 itself; run_mapped stops quietly
            raise BrokenPipeError

    return QuietConsole


def console(file: IO[str] | None = None) -> Console:
    """A rich console for stdout, or for a buffer that will be paged (``file``)."""
    _QuietConsole = _quiet_console_class()
    # Plan text is never rich markup or emoji codes: it is printed as written (after the sanitiser).
    options: dict[str, Any] = {"highlight": False, "soft_wrap": False, "markup": False, "emoji": False}
    if file is not None:
        # Colour as if printing to stdout: on a terminal, or when FORCE_COLOR asks (rich reads it).
        options.update(file=file, width=shutil.get_terminal_size().columns)
        if on_terminal():
            options.update(force_terminal=True)
    if State.color is ColorChoice.always:
        options.update(force_terminal=True, no_color=False)
    elif State.color is ColorChoice.never:
        options.update(color_system=None)
    return _QuietConsole(**options)


def pager_command() -> list[str]:
    """$IWGPLAN_PAGER, then $PAGER, then `less -FRX`; set but empty, or `cat`, means none."""
    import shlex

    for name in ("IWGPLAN_PAGER", "PAGER"):
        if name in os.environ:
            command = shlex.split(os.environ[name])
            return [] if command in ([], ["cat"]) else command
    return ["less", "-FRX"]


LISTENERS: list[Callable[[str, bool], None]] = []
"""Who hears what :func:`page` shows: a run whose screen may be kept (:mod:`iwgplan.cli.memo`)."""


def page(text: str, *, pager: bool = True) -> None:
    """Write to stdout; through the pager when stdout is a terminal the text would overflow."""
    for listener in LISTENERS:
        listener(text, pager)
    if pager and on_terminal() and text.count("\n") >= shutil.get_terminal_size().lines:
        command = pager_command()
        if command and _through(command, text):
            return
    emit(text)


def rstripped(text: str) -> str:
    """Without the spaces rich pads table rows with at the ends of lines."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def _through(command: list[str], text: str) -> bool:
    import contextlib
    import signal
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False  # no such pager: print the text instead
    assert process.stdin is not None
    with contextlib.suppress(OSError):  # the reader quit the pager before the end
        process.stdin.write(text.encode("utf-8"))
        process.stdin.close()
    # Ctrl-C belongs to the pager while it runs, as with git.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


REPORTERS = {
    "text": "iwgplan.render.text",
    "json": "iwgplan.render.json_out",
    "markdown": "iwgplan.render.markdown",
}


def report(fmt: str, name: str, *args: object, pager: bool = True, **text_options: object) -> None:
    """Hand a result to the reporter of ``fmt``; only that reporter's module is imported.

    Text reporters print to a rich console themselves; the others return a string. Either way
    the result goes to the pager on a terminal when it is longer than the screen.
    """
    import io

    reporter = getattr(__import__(REPORTERS[fmt], fromlist=[name]), name)
    if fmt == "text":
        buffer = io.StringIO()
        reporter(*args, console(buffer), **text_options)
        page(rstripped(buffer.getvalue()), pager=pager)
    else:
        page(reporter(*args), pager=pager)
