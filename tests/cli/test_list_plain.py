"""`list` where nothing is styled writes its rows as plain lines at once (issue 29), and they are
the bytes the rich rows print: output for output against the rich path, which `list` still takes
on a colour terminal and when a cell holds what rich changes on printing.

The rich path is the code before this change; a test forces it by making every output look as if
it held such a cell (``_PRINTS_CHANGED`` matching everything), and a spy checks that the plain
path was the one taken, so that no comparison passes by running the same path twice.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from iwgplan.render import columns, text
from tests.helpers import ROOT, SHIPPED
from tests.helpers.hostile_output import PAYLOADS, plan_text

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

WIDE = {  # wide and combining characters, right-to-left letters, a word longer than any line
    "cjk": "貿易とジェンダーに関する非公式作業部会の作業計画" * 2,
    "emoji": "👩🏽‍💼 women traders 🌍 and 📦 exports",
    "combining": "Cafe\u0301 cooperatives in Co\u0302te d'Ivoire, e\u0301\u0301\u0301 stacked",
    "arabic": "التجارة والمرأة trade and women",
    "fullwidth": "ＷＴＯ　ｓｅｃｒｅｔａｒｉａｔ　ｕｐｄａｔｅ",
    "long-word": "anextraordinarilylongwordwithoutanyspacesthatmustbefoldedsomewhere" * 2,
}
VARIANTS = [[], ["--as-of", "2026-03-30"], ["--status", "planned", "--status", "in-progress"], ["--no-wrap"]]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plans")
    found = {"shipped": SHIPPED}
    (folder / "generated.yaml").write_text(generate(1000, seed=1), encoding="utf-8")
    found["1k"] = folder / "generated.yaml"
    for name, payload in PAYLOADS.items():
        path = folder / f"{name}.yaml"
        path.write_text(plan_text(payload, title=payload + " " + payload[::-1]), encoding="utf-8")
        found[name] = path
    for name, payload in WIDE.items():  # as written, not as JSON escapes (no surrogate pairs)
        path = folder / f"{name}.yaml"
        written = plan_text("PAYLOAD", title="PAYLOAD DAOLYAP")
        written = written.replace('"PAYLOAD', '"' + payload).replace("DAOLYAP", payload[::-1])
        path.write_text(written, encoding="utf-8")
        found[name] = path
    return found


def _both(cli, monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """What `list` prints through the plain lines, and through the rich rows."""
    written: list[int] = []
    real = columns.write_lines

    def spy(console, lines):  # type: ignore[no-untyped-def]
        written.append(len(lines))
        real(console, lines)

    with monkeypatch.context() as patch:
        patch.setattr(text, "write_lines", spy)
        plain = cli("list", *args)
    assert plain.code == 0, plain.err
    assert written or plain.out == "no action points match\n", "the plain path was not taken"
    with monkeypatch.context() as patch:
        patch.setattr(text, "_PRINTS_CHANGED", re.compile(""))  # every output: the rich rows
        rich = cli("list", *args)
    assert rich.code == 0, rich.err
    return plain.out, rich.out


@pytest.mark.parametrize("columns_set", [None, "40", "80", "120", "200"])
def test_piped_list_is_the_rich_rows_byte_for_byte(cli, monkeypatch, plans, columns_set) -> None:  # type: ignore[no-untyped-def]
    """Piped (not a terminal, NO_COLOR as the suite sets it): every plan, with COLUMNS set and
    unset, with filters, a past day and --no-wrap."""
    if columns_set is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns_set)
    for name, plan in plans.items():
        many = {"shipped": VARIANTS, "cjk": VARIANTS, "csi": VARIANTS, "1k": VARIANTS[:2]}
        for extra in many.get(name, VARIANTS[:1]):
            plain, rich = _both(cli, monkeypatch, "--plan", plan, *extra)
            assert plain == rich, (name, extra)
            assert plain.count("\n") > 3


@pytest.mark.parametrize("width", [40, 80, 120, 200])
@pytest.mark.parametrize("fit", [[], ["--no-wrap"], ["--wide"]])
def test_terminal_without_colour_is_the_rich_rows_byte_for_byte(cli, monkeypatch, plans, width, fit) -> None:  # type: ignore[no-untyped-def]
    """On a terminal with --color never: titles wrapped (or cut with --no-wrap) at the width, as
    the rich rows wrap and cut them."""
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(width))
    for name in ("shipped", "cjk", "emoji", "combining", "arabic", "fullwidth", "long-word", "bidi", "c0"):
        plain, rich = _both(cli, monkeypatch, "--plan", plans[name], "--no-pager", "--color", "never", *fit)
        assert plain == rich, (name, width, fit)
    if not fit:  # something was wrapped, so the comparison covers continuation lines
        assert any(len(line) < len(line.lstrip()) + 10 for line in plain.splitlines())


@pytest.mark.parametrize("payload", ["c0", "formula-tab", "newline-command", "csi", "cjk"])
def test_raw_controls_in_a_cell_take_the_rich_rows(cli, monkeypatch, plans, payload) -> None:  # type: ignore[no-untyped-def]
    """Were a control character to reach a cell unsanitised (a tab, a line break, one rich
    strips), the plain lines would differ from what rich prints: `list` then prints the rich rows,
    so the bytes are the same still."""
    monkeypatch.setattr(text, "line", lambda value: str(value))
    written: list[int] = []
    real = columns.write_lines
    monkeypatch.setattr(text, "write_lines", lambda console, lines: written.append(1) or real(console, lines))
    guarded = cli("list", "--plan", plans[payload])
    monkeypatch.setattr(text, "_PRINTS_CHANGED", re.compile(""))
    rich = cli("list", "--plan", plans[payload])
    assert guarded.code == rich.code == 0
    assert guarded.out == rich.out
    raw = {**PAYLOADS, **WIDE}[payload]
    assert bool(written) is not bool(re.search("[\t\n\x07\x08\x0b\x0c\x0d]", raw))


def test_colour_terminal_keeps_the_rich_rows(cli, monkeypatch, plans) -> None:  # type: ignore[no-untyped-def]
    """Where styles show (--color always), the rows are rich's, with their colours."""
    written: list[int] = []
    monkeypatch.setattr(text, "write_lines", lambda console, lines: written.append(1))
    run = cli("--color", "always", "list", "--plan", plans["shipped"])
    assert run.code == 0
    assert "\x1b[" in run.out
    assert not written


def _titles(plans: dict[str, Path]) -> list[str]:
    """Every title and heading text `list` may cut: the shipped plan's, the 1k plan's, the
    hostile and wide payloads (raw and as safe.line shows them)."""
    from iwgplan.render.safe import line

    found: set[str] = set()
    for name in ("shipped", "1k"):
        for match in re.finditer(r"(?m)^\s*(?:- )?title: (.*)$", plans[name].read_text(encoding="utf-8")):
            found.add(match[1].strip("'\""))
    for payload in [*PAYLOADS.values(), *WIDE.values()]:
        found |= {payload, payload + " " + payload[::-1], line(payload), line(payload + " " + payload[::-1])}
    return sorted(found)


def test_cut_is_rich_truncate_string_for_string(plans) -> None:  # type: ignore[no-untyped-def]
    """`--no-wrap` cuts a title too wide for its room by characters when it is printable ASCII,
    without a rich Text: the same string, title for title, as rich's ``truncate`` (the other
    titles go through rich itself). Rooms around the widths 40, 80, 120 and 200, down to 1."""
    from rich.cells import cell_len
    from rich.text import Text

    texts = _titles(plans)
    assert len(texts) > 300
    assert sum(columns.narrow(t) for t in texts) > 300  # the fast path is tested
    assert sum(not t.isascii() and columns.narrow(t) for t in texts) > 100  # beyond ASCII too
    checked = 0
    for room in (1, 2, 3, 16, 17, 24, 39, 40, 41, 79, 80, 119, 120, 199, 200):
        for title in texts:
            if cell_len(title) <= room:
                continue
            expected = Text(title)
            expected.truncate(room, overflow="ellipsis")
            assert columns.cut(title, room) == expected.plain, (title, room)
            checked += 1
    assert checked > 2000


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_cut_titles_of_1k_items_are_the_rich_rows(cli, monkeypatch, plans, width) -> None:  # type: ignore[no-untyped-def]
    """A 1,000-item plan on a terminal with --no-wrap: every cut title as rich cuts it."""
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(width))
    plain, rich = _both(
        cli, monkeypatch, "--plan", plans["1k"], "--no-pager", "--color", "never", "--no-wrap"
    )
    assert plain == rich
    assert ("…" in plain) is (width < 200)  # at 200 columns every title fits


def test_narrow_characters_are_one_cell_for_rich() -> None:
    """Every character `list` measures and cuts as one cell is one cell for rich; the others
    rich measures itself."""
    from rich.cells import cell_len

    assert len(columns.NARROW) > 600
    wrong = [hex(ord(c)) for c in sorted(columns.NARROW) if cell_len(c) != 1 or not c.isprintable()]
    assert wrong == []
    for outside in ("\u00ad", "\u0301", "\u200b", "\t", "\x7f", "\x85", "貿", "👩", "Ｗ"):
        assert not columns.narrow("abc" + outside)
