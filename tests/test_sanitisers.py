"""The sanitisers of iwgplan.render.safe, over whole families of characters and prefixes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iwgplan.render import safe
from tests.helpers.character_families import BIDI, C0, C1, INVISIBLE

OTHER = ["\u2028", "\u2029", "\ufeff", "\udcff", "\udc80", "\ud800"]
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


@pytest.mark.parametrize("char", C0 + C1 + BIDI + OTHER, ids=lambda c: f"U+{ord(c):04X}")
def test_line_shows_every_control_visibly(char: str) -> None:
    shown = safe.line(f"a{char}b")
    assert not UNSAFE.search(shown)
    assert shown.startswith("a") and shown.endswith("b") and len(shown) > 2  # visible, not dropped


def test_line_names_what_it_replaced() -> None:
    assert safe.line("\x1b[2J\x1b]0;title\x07") == "␛[2J␛]0;title␇"
    assert safe.line("\x9b31m") == "\\x9b31m"
    assert safe.line("\u202eevil\u202c") == "\\u202eevil\\u202c"
    assert safe.line("caf\udce9") == "caf\\xe9"  # a byte that was not UTF-8, via argv
    assert safe.line("\x7f") == "␡"


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_line_never_breaks_a_line(brk: str) -> None:
    shown = safe.line(f"title{brk}::error::injected")
    assert len(shown.splitlines()) == 1
    assert "::" not in shown


@pytest.mark.parametrize(
    "command", ["::error::x", "  ::add-mask::s", "\u00a0::warning::w", "##[error]x", "a ##[add-mask]s", ":::"]
)
def test_no_github_workflow_command_survives(command: str) -> None:
    for shown in (safe.line(command), safe.block(f"one\n{command}\ntwo")):
        assert "::" not in shown and "##[" not in shown


def test_block_keeps_lines_and_tabs_only() -> None:
    assert safe.block("one\r\ntwo\n\tthree\x1b[0m") == "one\ntwo\n\tthree␛[0m"
    assert safe.block("a\rb") == "a␍b"


@given(st.text())
def test_line_and_block_are_always_clean(text: str) -> None:
    one, many = safe.line(text), safe.block(text)
    assert not UNSAFE.search(one) and "::" not in one
    assert not UNSAFE.search(many.replace("\n", "").replace("\t", ""))
    assert len(one.splitlines()) <= 1


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("rest", ["1+1", 'HYPERLINK("http://evil","x")', "cmd|' /C calc'!A0", ""])
def test_csv_formula_prefixes_are_neutralised(lead: str, rest: str) -> None:
    assert safe.csv_cell(lead + rest) == "'" + lead + rest
    assert safe.csv_cell(lead + rest, raw=True) == lead + rest


@pytest.mark.parametrize("value", ["plain", "a=b", "1-2", "", None, "'quoted"])
def test_csv_other_cells_are_unchanged(value: str | None) -> None:
    assert safe.csv_cell(value) == (value or "")


MERMAID_KEYWORDS = [
    "title",
    "section",
    "excludes",
    "includes",
    "todayMarker",
    "click",
    "gantt",
    "dateFormat",
    "axisFormat",
    "tickInterval",
    "weekday",
    "weekend",
    "inclusiveEndDates",
    "topAxis",
    "accTitle",
    "accDescr",
    "call",
    "href",
]


@pytest.mark.parametrize("keyword", MERMAID_KEYWORDS)
@pytest.mark.parametrize("case", [str.lower, str.upper, str.title, lambda s: s])
def test_mermaid_label_never_starts_with_a_keyword(keyword: str, case) -> None:  # type: ignore[no-untyped-def]
    label = safe.mermaid_label(case(keyword) + " hijack: x")
    assert label.startswith("‣ ")
    assert ":" not in label


@pytest.mark.parametrize(
    "text", ["%%{init: {}}%%", "2026-01-01 a date", "a: b", "a;b", "#35; x", "x\nsection y"]
)
def test_mermaid_label_has_no_separators_comments_or_breaks(text: str) -> None:
    label = safe.mermaid_label(text)
    assert label.startswith("‣ ") and not re.search(r"[:;#\n\r]|%%", label)


def test_github_escaping() -> None:
    assert safe.gh_data("50% done\n::error::x\x1b") == "50%25 done⏎::error::x␛"
    assert safe.gh_property("a:b,c%\r\n") == "a%3Ab%2Cc%25⏎"


def _code(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"  # as C1 is shown
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def test_every_invisible_character_is_shown_as_its_code() -> None:
    for char in INVISIBLE:
        for shown in (safe.line(f"a{char}b"), safe.block(f"a{char}b"), safe.gh_data(f"a{char}b")):
            assert char not in shown
            assert shown == f"a{_code(char)}b", (hex(ord(char)), shown)


def test_ordinary_text_is_not_touched() -> None:
    text = "Côte d'Ivoire — Türkiye: 4.10 «MC14» 日本 ❤ Ελλάδα ñ (a) [b] 🙂"
    assert safe.line(text) == text and safe.block(text) == text


JSON_FAMILY = [*C0, *C1, *BIDI, "\u2028", "\u2029", *INVISIBLE, "\udc80", "\udcff", "\ud800"]


def test_json_text_escapes_the_whole_family_and_reads_back_exactly() -> None:
    import json

    for char in JSON_FAMILY:
        text = f"a{char}b"
        out = safe.json_text({"title": text, "list": [text]})
        assert char not in out.replace("\n", ""), hex(ord(char))  # LF: only the indentation's
        assert not UNSAFE.search(out.replace("\n", ""))
        assert json.loads(out) == {"title": text, "list": [text]}
    whole = "".join(JSON_FAMILY)
    out = safe.json_text({whole: whole})
    assert not any(c in out.replace("\n", "") for c in JSON_FAMILY)
    assert json.loads(out) == {whole: whole}


def test_json_text_keeps_other_text_raw() -> None:
    text = "Côte d'Ivoire — Türkiye 日本 🙂"
    assert safe.json_text(text) == f'"{text}"\n'
