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

Invisible characters count as controls too (``INVISIBLE``: Unicode's default-ignorable code points
and every format character, category Cf: zero-width spaces and joiners, the word joiner, the soft
hyphen, tag characters, variation selectors, the Hangul fillers, and the blank braille pattern):
each is shown as its code, ``\\u200b`` or ``\\U000e0041``, wherever a person reads plan text
(terminal, CI log, Markdown, HTML, iCalendar), so nothing can hide in a review.

JSON output stays exact (``json_text``): a program reading it gets the text back whole, while DEL,
C1, bidi, line separators and the invisible characters are written as ``\\uXXXX`` escapes, so
that a person or a terminal reading the file sees none of them raw.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Characters that draw nothing: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt)
# and every format character (category Cf), with the blank braille pattern, which draws a blank
# but is no space. tests/test_sanitisers.py checks this against unicodedata's Cf.
INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates and marks, line and paragraph
# separators, the invisible characters (the byte-order mark among them), and lone surrogates
# (bytes that were not UTF-8, via argv).
_UNSAFE = re.compile(f"\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}\ud800-\udfff]")
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
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\u{code:04x}"


def _text(text: object) -> str:
    return "" if text is None else str(text)


def line(text: object) -> str:
    """One line of plain text: controls, bidi marks and line breaks visible; no `::` or `##[`."""
    if type(text) is str and text.isascii() and text.isprintable() and "::" not in text and "##[" not in text:
        return text  # nothing to show or break (most plan text; `list` calls this 50,000 times)
    value = _UNSAFE.sub(lambda m: _visible(m[0]), _text(text))
    return _COMMANDS.sub(lambda m: m[0] + "\\", value)


def block(text: object) -> str:
    """Multi-line plain text: line breaks (as LF) and tabs kept, everything else as ``line``."""
    value = _UNSAFE.sub(lambda m: _BLOCK_KEEPS.get(m[0]) or _visible(m[0]), _text(text))
    return _COMMANDS.sub(lambda m: m[0] + "\\", value)


# A spreadsheet cell keeps its line breaks and tabs; the rest of _UNSAFE is shown.
_SHEET_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE}\ud800-\udfff]")


def sheet_text(text: object) -> str:
    """A typed spreadsheet cell's text (xlsx): as written, but controls, bidi marks and invisible
    characters shown as ``line`` shows them (a sheet cannot hold C0 controls at all)."""
    return _SHEET_UNSAFE.sub(lambda m: _visible(m[0]), _text(text))


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


# What JSON output escapes besides what json.dumps does (C0, ``"`` and ``\\``): DEL, C1, line
# separators, the invisible characters, and lone surrogates. JSON's structure is ASCII, so each
# of these can only stand inside a string, where ``\\uXXXX`` means the same character.
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{INVISIBLE}\ud800-\udfff]")


def _json_escape(char: str) -> str:
    code = ord(char)
    if code > 0xFFFF:  # a surrogate pair, as JSON spells a character past the BMP
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """JSON output (indented, UTF-8, a final newline): exact when parsed back, nothing unsafe raw."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: _json_escape(m[0]), text) + "\n"
