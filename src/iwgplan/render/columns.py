"""Rows of columns where one column, the title, is the last to shrink.

People read the title; ids, dates and owners are there to find it. So when a row does not fit,
the other columns give up room first, in an order each table chooses (owners abbreviated, then
dropped; words of a due column shortened; statuses abbreviated), and only then is the title
wrapped onto continuation lines under itself (on a terminal), cut with "…" (`--no-wrap`), or left
whole however long the line (`--wide`, and whenever the output is not a terminal, so nothing
piped into a file or grep is ever cut).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text


class Fit(StrEnum):
    WRAP = "wrap"  # a terminal: other columns shrink, then the title wraps under itself
    CUT = "cut"  # --no-wrap: other columns shrink, then the title is cut with …
    FULL = "full"  # --wide, or not a terminal: every column whole, one line per row


# Below this many cells a title is wrapped at this width even if the line then runs past the
# terminal's edge: a title a few letters wide is not readable.
NARROWEST_TITLE = 16


@dataclass(slots=True)
class Column:
    """One column: every row's cell as its variants, the fullest first; an empty Text drops it."""

    cells: list[Sequence[Text]] = field(default_factory=list)
    right: bool = False


def cell(*variants: Text | str) -> list[Text]:
    return [v if isinstance(v, Text) else Text(v) for v in variants]


class Rows:
    """A table without borders whose ``title`` column keeps its room longest."""

    def __init__(
        self,
        names: Sequence[str],
        *,
        title: str,
        shrink: Sequence[str] = (),
        right: Sequence[str] = (),
        want: int = 40,
        gap: int = 1,
    ) -> None:
        self.names = list(names)
        self.columns = {name: Column(right=name in right) for name in names}
        self.title = title
        # Each name in ``shrink`` moves that column one variant shorter, in turn, until the
        # title has the room it wants.
        self.shrink = list(shrink)
        self.want = want
        self.gap = gap
        self.count = 0
        self.headings: dict[int, list[Text]] = {}

    def heading(self, text: Text) -> None:
        """A line of its own before the next row (a tier or focus area), laid out like a title."""
        self.headings.setdefault(self.count, []).append(text)

    def add(self, **cells: Sequence[Text | str] | Text | str) -> None:
        """Add a row; a cell is a Text (or str), or a list of variants from the fullest down."""
        for name in self.names:
            value = cells.get(name, "")
            variants = [value] if isinstance(value, Text | str) else list(value)
            self.columns[name].cells.append(cell(*variants))
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def lines(self, width: int, fit: Fit, console: Console) -> list[Text]:
        """The rows laid out in ``width`` cells; ``fit`` says what gives when they do not fit, and
        the title wants its longest cell's width, up to ``self.want``, before it wraps or is cut."""
        if not self.count and not self.headings:
            return []
        level, widths, shown, span = self._layout(width, fit)
        out: list[Text] = []
        for row in range(self.count + 1):
            for text in self.headings.get(row, []):
                out += [_stripped(line) for line in _title_lines(text.copy(), width, fit, console)]
            if row < self.count:
                out += self._row(row, shown, widths, level, span, fit, console)
        return out

    def _layout(self, width: int, fit: Fit) -> tuple[dict[str, int], dict[str, int], list[str], int]:
        """Each column's level of shortening and width, the columns shown, and the title's span:
        the title column is as wide as its longest cell, or as the room left when that is less
        (then titles wrap or are cut to it); when nothing may be cut, its longest cell."""
        level = dict.fromkeys(self.names, 0)
        if fit is not Fit.FULL and self.count:
            self._shrink(level, width, self.want)
        widths = {n: self._width(n, level[n]) for n in self.names}
        shown = [n for n in self.names if widths[n] or n == self.title]
        room = width - sum(widths[n] for n in shown if n != self.title) - self.gap * (len(shown) - 1)
        longest = widths[self.title]
        span = longest if fit is Fit.FULL else min(longest, max(room, NARROWEST_TITLE))
        return level, widths, shown, span

    def _shrink(self, level: dict[str, int], width: int, want: int) -> None:
        longest = self._width(self.title, 0)
        goal = min(longest, want)
        for name in self.shrink:
            if self._room(level, width) >= goal:
                return
            if level[name] + 1 < self._variants(name):
                level[name] += 1

    def _variants(self, name: str) -> int:
        """How many variants the column's fullest cell has."""
        return max(len(c) for c in self.columns[name].cells)

    def _room(self, level: dict[str, int], width: int) -> int:
        widths = [self._width(n, level[n]) for n in self.names if n != self.title]
        shown = [w for w in widths if w]
        return width - sum(shown) - self.gap * len(shown)

    def _width(self, name: str, level: int) -> int:
        column = self.columns[name]
        return max((self._variant(c, level).cell_len for c in column.cells), default=0)

    @staticmethod
    def _variant(variants: Sequence[Text], level: int) -> Text:
        return variants[min(level, len(variants) - 1)]

    def _row(
        self,
        row: int,
        shown: list[str],
        widths: dict[str, int],
        level: dict[str, int],
        room: int,
        fit: Fit,
        console: Console,
    ) -> list[Text]:
        first = Text()
        offset = 0
        pieces: list[Text] = []
        for name in shown:
            text = self._variant(self.columns[name].cells[row], level[name]).copy()
            if name == self.title:
                offset = first.cell_len
                pieces = _title_lines(text, room, fit, console)
                text = pieces[0] if pieces else Text()
                if name != shown[-1]:
                    text.align("left", room)
            else:
                text.align("right" if self.columns[name].right else "left", widths[name])
            first.append_text(text)
            if name != shown[-1]:
                first.append(" " * self.gap)
        lines = [first] + [Text(" " * offset) + more for more in pieces[1:]]
        return [_stripped(line) for line in lines]


def _stripped(line: Text) -> Text:
    line.rstrip()
    return line


def _title_lines(text: Text, room: int, fit: Fit, console: Console) -> list[Text]:
    if fit is Fit.FULL or text.cell_len <= room:
        return [text]
    if fit is Fit.CUT:
        text.truncate(room, overflow="ellipsis")
        return [text]
    return list(text.wrap(console, room, overflow="fold"))


class PlainRows(Rows):
    """:class:`Rows` of plain strings, for a console that shows no colour or style (piped,
    ``NO_COLOR`` off a terminal, ``--no-color``): the same layout, character for character, as
    the lines :class:`Rows` would print there, built without a rich ``Text`` per cell and written
    at once by :func:`write_lines` (issue 29: ``list`` of 10,000 items spent most of its time in
    rich's pipeline, once per cell and once per line).

    Cells are strings (a plan's text already through ``safe.line``, so without the control
    characters a ``Text`` would strip); a title that must be cut or wrapped goes through rich's
    own ``truncate`` and ``wrap``, so it is cut and wrapped exactly as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sizes: dict[tuple[str, int], list[int]] = {}

    def heading(self, text: Any) -> None:
        self.headings.setdefault(self.count, []).append(text)

    def add(self, **cells: Sequence[Text | str] | Text | str) -> None:
        # A cell is kept as given: a string, or its list of variants from the fullest down.
        for name in self.names:
            self.columns[name].cells.append(cells.get(name, ""))  # type: ignore[arg-type]
        self.count += 1

    def _variants(self, name: str) -> int:
        cells: list[Any] = self.columns[name].cells
        return max(1 if c.__class__ is str else len(c) for c in cells)

    def lines(self, width: int, fit: Fit, console: Console) -> list[str]:  # type: ignore[override]
        if not self.count and not self.headings:
            return []
        level, widths, shown, span = self._layout(width, fit)
        # Column by column: each cell's width is measured once (``sizes``), so a cell that fits
        # is padded without measuring it again; only a cell wider than its column is cut.
        columns: list[list[str]] = []
        more: dict[int, list[str]] = {}  # a wrapped title's continuation lines, by row
        for name in shown:
            at = level[name]
            cells: list[Any] = self.columns[name].cells  # of strings here
            values: list[str] = [c if c.__class__ is str else c[min(at, len(c) - 1)] for c in cells]
            sizes = self._sizes(name, at)
            if name == self.title:
                if fit is not Fit.FULL:
                    for row, size in enumerate(sizes):
                        if size > span:
                            pieces = _too_wide(values[row], span, fit, console)
                            values[row] = pieces[0] if pieces else ""
                            if len(pieces) > 1:
                                more[row] = pieces[1:]
                if name != shown[-1]:
                    values = [_aligned(value, span, right=False) for value in values]
            else:
                values = _padded(values, sizes, widths[name], right=self.columns[name].right)
            columns.append(values)
        gap = " " * self.gap
        before = shown.index(self.title)  # the columns left of the title, for a wrapped one
        headings = self.headings
        out: list[str] = []
        for row, shown_cells in enumerate(zip(*columns, strict=True)):
            if row in headings:
                out += self._heading_lines(row, width, fit, console)
            out.append(gap.join(shown_cells).rstrip())
            if row in more:
                offset = sum(_cells(c) for c in shown_cells[:before]) + self.gap * before
                out += [(" " * offset + piece).rstrip() for piece in more[row]]
        if self.count in headings:
            out += self._heading_lines(self.count, width, fit, console)
        return out

    def _heading_lines(self, row: int, width: int, fit: Fit, console: Console) -> list[str]:
        return [
            piece.rstrip()
            for heading in self.headings[row]
            for piece in _plain_title_lines(str(heading), width, fit, console)
        ]

    def _sizes(self, name: str, level: int) -> list[int]:
        """Every row's cell in ``name`` at ``level``, in cells; measured once."""
        key = (name, level)
        found = self.sizes.get(key)
        if found is None:
            cells: list[Any] = self.columns[name].cells  # of strings here
            texts = [c if c.__class__ is str else c[min(level, len(c) - 1)] for c in cells]
            # A column of printable ASCII (ids, numbers, dates) is checked in one pass.
            whole = "".join(texts)
            plain = whole.isascii() and whole.isprintable()
            found = self.sizes[key] = list(map(len, texts)) if plain else [_cells(t) for t in texts]
        return found

    def _width(self, name: str, level: int) -> int:
        return max(self._sizes(name, level), default=0)


def _padded(values: list[str], sizes: list[int], width: int, *, right: bool) -> list[str]:
    """:func:`_aligned` of a column whose cells' widths are known."""
    if right:
        return [
            " " * (width - size) + value if size <= width else _aligned(value, width, right=True)
            for value, size in zip(values, sizes, strict=True)
        ]
    return [
        value + " " * (width - size) if size <= width else _aligned(value, width, right=False)
        for value, size in zip(values, sizes, strict=True)
    ]


# Characters one cell wide wherever rich measures them: printable ASCII, the rest of Latin-1 but
# the no-break space and the soft hyphen, Latin Extended-A and -B, IPA and the spacing modifier
# letters (no control, combining, zero-width or wide character; tests/cli/test_list_plain.py
# checks each one against rich's ``cell_len``). A text made only of them is as many cells wide
# as it is long.
NARROW = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA1, 0xAD), *range(0xAE, 0x300)]))


def narrow(text: str) -> bool:
    """Whether every character of ``text`` is one cell wide (:data:`NARROW`)."""
    return (text.isascii() and text.isprintable()) or NARROW.issuperset(text)


def _cells(text: str) -> int:
    """rich's ``cell_len``: a text of one-cell characters is one cell a character, without
    looking each one up."""
    return len(text) if narrow(text) else cell_len(text)


def _aligned(text: str, width: int, *, right: bool) -> str:
    """``Text.align`` of a plain string: cut to ``width`` cells, then padded to it."""
    size = _cells(text)
    if size > width:
        text = set_cell_size(text, width)
        size = cell_len(text)
    pad = " " * (width - size)
    return pad + text if right else text + pad


def _plain_title_lines(text: str, room: int, fit: Fit, console: Console) -> list[str]:
    if fit is Fit.FULL or _cells(text) <= room:
        return [text]
    return _too_wide(text, room, fit, console)


def _too_wide(text: str, room: int, fit: Fit, console: Console) -> list[str]:
    """:func:`_title_lines` of a plain title wider than ``room``: cut (``--no-wrap``) or wrapped."""
    if fit is Fit.CUT:
        return [cut(text, room)]
    return [piece.plain for piece in _title_lines(Text(text), room, fit, console)]


def cut(text: str, room: int) -> str:
    """``Text.truncate(room, overflow="ellipsis")`` of a text wider than ``room`` cells, as a
    string: a text of one-cell characters (:func:`narrow`) is cut where it stands; anything else
    (wide, combining, zero-width or control characters) is cut by rich itself."""
    if room >= 1 and narrow(text):
        return text[: room - 1] + "…"
    whole = Text(text)
    whole.truncate(room, overflow="ellipsis")
    return whole.plain


def write_lines(console: Console, lines: list[str]) -> None:
    """Write plain laid-out lines at once, as :func:`print_lines` would print them on a
    console without colour: each line and a line break."""
    if lines:
        console.file.write("\n".join(lines) + "\n")


def print_lines(console: Console, lines: list[Text]) -> None:
    """Print laid-out lines as they are: never wrapped or cut again by the console."""
    for line in lines:
        console.print(line, soft_wrap=True)


def print_hanging(console: Console, prefix: Text, body: Text) -> None:
    """``prefix`` then ``body`` wrapped at the console's width, each continuation line indented
    as far as the body starts (never back at column 0)."""
    indent = prefix.cell_len
    room = max(console.width - indent, NARROWEST_TITLE)
    pieces = list(body.wrap(console, room, overflow="fold")) or [Text("")]
    lines = [prefix + pieces[0]] + [Text(" " * indent) + piece for piece in pieces[1:]]
    print_lines(console, [_stripped(line) for line in lines])
