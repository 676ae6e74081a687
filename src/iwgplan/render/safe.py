"""Plan text is untrusted: one function per kind of output makes it safe to show.

A plan may come from a pull request by a stranger, and its text reaches terminals, CI logs,
spreadsheets and charts. Every reporter passes each piece of plan text (titles, ids, notes,
reasons, owners, paths, key names in messages) through the function for its output:

=========================  ================================================================
``line(text)``             one-line fields in human output: ``status``, ``list``, ``show``,
                           ``tiers``, ``diff`` (text, markdown), ``validate`` text, messages on
                           stderr, Markdown cells, iCalendar text. Control characters are shown
                           visibly (ESC as ``␛``, C1 and bidi controls as ``\\u202e``), a line
                           break as ``⏎``, so nothing can start a new line; ``::`` and ``##[``
                           (GitHub workflow commands in a CI log) get a ``\\`` between.
``block(text)``            multi-line fields (descriptions, notes, HTML text): as ``line``
                           except that LF (CRLF becomes LF) and TAB stay.
``csv_cell(text, raw)``    spreadsheet cells: a cell starting with ``= + - @``, TAB or CR gets a
                           leading ``'`` (OWASP's advice against formula injection); ``raw``
                           keeps the bytes.
``mermaid_label(text)``    Mermaid ``gantt`` task and milestone names: one line, no ``: ; #``,
                           no ``%%``, always starting with ``‣`` so never with a keyword, a
                           comment or a date. ``mermaid_text`` is the same without the ``‣``,
                           for the text after our own ``title`` and ``section`` keywords.
``gh_data(text)``          the message of a GitHub workflow command (``::error ...::MESSAGE``).
``gh_property(text)``      a property of one (``file=...``).
=========================  ================================================================

JSON output stays exact: its own escaping is enough, and a program reading it wants the bytes.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates and marks, line and paragraph
# separators, the byte-order mark, and lone surrogates (bytes that were not UTF-8, via argv).
_UNSAFE = re.compile(
    "\r\n|[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_BREAKS = {"\n": "⏎", "\r\n": "⏎", "\r": "␍"}
_BLOCK_KEEPS = {"\n": "\n", "\r\n": "\n", "\t": "\t"}
# GitHub's runner reads `::command::` at the start of a (trimmed) log line and `##[command]`
# anywhere in it. Text can wrap in a table, so no `::` or `##[` is left anywhere.
_COMMANDS = re.compile(r":(?=:)|#(?=#\[)")


def _visible(char: str) -> str:
    code = ord(char[-1])
    if char in _BREAKS:
        return _BREAKS[char]
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␁ … ␛ … ␟
    if code == 0x7F:
        return "␡"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _text(text: object) -> str:
    return "" if text is None else str(text)


def line(text: object) -> str:
    """One line of plain text: controls, bidi marks and line breaks visible; no `::` or `##[`."""
    value = _UNSAFE.sub(lambda m: _visible(m[0]), _text(text))
    return _COMMANDS.sub(lambda m: m[0] + "\\", value)


def block(text: object) -> str:
    """Multi-line plain text: line breaks (as LF) and tabs kept, everything else as ``line``."""
    value = _UNSAFE.sub(lambda m: _BLOCK_KEEPS.get(m[0]) or _visible(m[0]), _text(text))
    return _COMMANDS.sub(lambda m: m[0] + "\\", value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: object, raw: bool = False) -> str:
    """A spreadsheet cell: a leading ``'`` when it could be read as a formula (unless ``raw``)."""
    value = "" if text is None else str(text)
    if raw or not value.startswith(_FORMULA_START):
        return value
    return "'" + value


_MERMAID_UNSAFE = re.compile(r"[:;#\s]+")


def mermaid_text(text: object, limit: int = 80) -> str:
    """Text after a Mermaid keyword of our own (``title``, ``section``): one line, no ``: ; # %%``."""
    value = " ".join(_MERMAID_UNSAFE.sub(" ", line(text)).split())
    value = re.sub("%%+", "%", value)  # `%%` starts a comment anywhere on a line
    return value if len(value) <= limit else value[: limit - 1] + "…"


def mermaid_label(text: object, limit: int = 60) -> str:
    """A Mermaid gantt task or milestone name: it never starts with a keyword, a comment or a date.

    Mermaid reads a task line as ``name : data``; a name that starts with a keyword (``title``,
    ``section``, ``excludes``, ``includes``, ``click``, ``todayMarker``, ... in any case) or with
    ``%%`` changes the chart. So the label always starts with ``‣``, and ``: ; #`` become spaces.
    """
    return "‣ " + mermaid_text(text, limit)


def gh_data(text: object) -> str:
    """The message of a GitHub workflow command (``::error file=F::MESSAGE``), on one line.

    Controls are made visible as in ``line``; ``::`` may stay, as only the first one counts.
    """
    value = _UNSAFE.sub(lambda m: _visible(m[0]), _text(text))
    return value.replace("%", "%25")


def gh_property(text: object) -> str:
    """A property value of a GitHub workflow command (``file=F``): ``:`` and ``,`` escaped too."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")
