"""Edits work on the lines of the entries they change (issue 29): `done` and the other edits
compose, splice and parse again only those lines, and write the same bytes, say the same words
and exit with the same code as the same edit made over the whole text, for every style an item
may be written in; anything the entries alone cannot settle goes through the whole text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from iwgplan.edit import splice
from tests.helpers import ROOT
from tests.helpers.entry_styles import COMMANDS, ENDINGS, STYLES
from tests.helpers.entry_styles import text as _text

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(autouse=True)
def _whole_text_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """These are checks of the edit through the text (splice.py); the edit of a plan the cache
    holds (edit/warm.py) is checked against it in tests/test_edit_warm.py."""
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")


def _run(cli: Callable[..., Any], plan: Path, text: str, args: list[str]) -> tuple[int, str, str, bytes]:
    plan.write_bytes(text.encode("utf-8"))
    run = cli(*args, "--plan", plan)
    return run.code, run.out, run.err, plan.read_bytes()


@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_entries_alone_write_what_the_whole_text_writes(
    cli, small: Path, monkeypatch: pytest.MonkeyPatch, command: str, ending: str
) -> None:
    taken = []
    real = splice._by_entries

    def spy(*args: Any) -> Any:
        edited = real(*args)
        taken.append(edited is not None)
        return edited

    for style in STYLES:
        for last in (False, True):
            text = _text(style, ENDINGS[ending], last=last)
            monkeypatch.setattr(splice, "_by_entries", spy)
            by_entries = _run(cli, small, text, COMMANDS[command])
            monkeypatch.setattr(splice, "_by_entries", lambda *args: None)
            whole = _run(cli, small, text, COMMANDS[command])
            assert by_entries == whole, (style, last)
    if ending != "cr" and command != "add under it":
        assert any(taken), "the edits never went by their entries"


def test_plain_styles_go_by_their_entries(cli, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above is not empty: the everyday styles are edited by their entries, in LF,
    CRLF and with a BOM; the ones the entries alone cannot settle go through the whole text."""
    real = splice._by_entries
    taken: list[bool] = []
    monkeypatch.setattr(splice, "_by_entries", lambda *args: taken.append(real(*args) is not None))
    for ending in ("\n", "\r\n", "\ufeff"):
        for style in ("plain", "with sub-points", "history block", "owners flow", "non-ASCII and wide"):
            small.write_bytes(_text(style, ending).encode("utf-8"))
            assert cli(*COMMANDS["done with children"], "--plan", small).code == 0
    assert taken == [True] * 15
    taken.clear()
    for style, ending in [
        ("dash on its own line", "\n"),
        ("plain", "\r"),
        ("block scalar last (keep)", "\n"),
    ]:
        small.write_bytes(_text(style, ending).encode("utf-8"))
        assert cli(*COMMANDS["done"], "--plan", small).code == 0
    assert taken == [False] * 3


def _parsed_again(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters of text the splicer composes or parses, call by call."""
    sizes: list[int] = []
    compose, parse = splice.compose_paths, splice.parse

    def composing(text: str, *args: Any) -> Any:
        sizes.append(len(text))
        return compose(text, *args)

    def parsing(text: str, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(text))
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(splice, "compose_paths", composing)
    monkeypatch.setattr(splice, "parse", parsing)
    return sizes


@pytest.mark.parametrize("ids", [1, 40])
def test_done_parses_the_file_once(cli, small: Path, monkeypatch: pytest.MonkeyPatch, ids: int) -> None:
    """After the first parse, `done` composes and parses only the entries it changes: a few
    hundred characters an id, not the file again (a pass over a 10,000-item file per id)."""
    text = generate(1000)
    small.write_text(text, encoding="utf-8")
    planned = re.findall(r"(?m)^ {10}- id: (i\d+)\n.*\n.*\n {12}status: planned\n", text)[:ids]
    sizes = _parsed_again(monkeypatch)
    run = cli("done", *planned, "--date", "2026-01-02", "--with-children", "--plan", small)
    assert run.code == 0, run.err
    assert len(planned) == ids and len(sizes) == 2 * ids  # each entry composed once, parsed once
    assert max(sizes) < 3_000 and sum(sizes) < len(text) / 2


# Splicer faults, each inside the item it edits: the entry alone shows the fault, and the
# whole text refuses the edit with the internal check's words; nothing is written.
FAULTS = {
    "another key changed": lambda doc, at: doc.splice(at, at, "x"),
    "a quote left open": lambda doc, at: doc.splice(at, at, '"'),
    "a key added": lambda doc, at: doc.splice(at, at, "\n            extra: 1\n            t: "),
    "a line removed": lambda doc, at: doc.splice(doc.line_start(at), doc.line_end(at) + 1, ""),
    "dedented out of the item": lambda doc, at: doc.splice(doc.line_start(at), at, "  "),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_splicing_fault_is_refused(cli, small: Path, monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    real = splice._set

    def faulty(doc: Any, item: Any, key: str, value: Any) -> None:
        real(doc, item, key, value)
        title = next(v for k, v in item.value if k.value == "title")
        FAULTS[fault](doc, doc.offset(title))

    monkeypatch.setattr(splice, "_set", faulty)
    text = _text("plain", "\n")
    small.write_text(text, encoding="utf-8")
    run = cli(*COMMANDS["done"], "--plan", small)
    assert run.code == 1
    assert "internal check failed" in run.err
    assert small.read_text(encoding="utf-8") == text
