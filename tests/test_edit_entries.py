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
from tests.helpers import ROOT, item_styles

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

HEAD = item_styles.HEAD.replace("schema_version: 1", "schema_version: 2", 1)
BEFORE = "          - id: z\n            title: Z\n            status: planned\n"
AFTER = item_styles.NEXT
A = "            title: A\n"
KIDS = (
    "            children:\n"
    "              - id: a1\n                title: A1\n                status: planned\n"
    "              - id: a2\n                title: A2\n                status: in-progress\n"
)

# The item `a` in every style the splicer meets; each is edited between the items z and b.
STYLES = {
    "plain": "          - id: a\n" + A + "            status: planned\n",
    "quoted values": "          - id: 'a'\n            title: \"A: quoted\"\n            status: 'planned'\n",
    "dash on its own line": "          -\n            id: a\n" + A + "            status: planned\n",
    "dash then a tab": "          -\tid: a\n" + A + "            status: planned\n",
    "wide dash gap": "          -   id: a\n              title: A\n              status: planned\n",
    "flow mapping": "          - {id: a, title: A, status: planned}\n",
    "with sub-points": "          - id: a\n" + A + "            status: planned\n" + KIDS,
    "sub-point last in the file": "          - id: a\n" + A + "            status: in-progress\n" + KIDS,
    "history block": "          - id: a\n" + A + "            status: in-progress\n            history:\n"
    "              - date: 2025-10-01\n                note: begun\n",
    "history flow": "          - id: a\n" + A + "            status: planned\n"
    "            history: [{date: 2025-10-01, note: x},]\n",
    "owners block list": "          - id: a\n" + A + "            status: planned\n            owners:\n"
    "              - IWG\n              - 'ITC'\n",
    "owners flow": "          - id: a\n"
    + A
    + '            status: planned\n            owners: [IWG, "ITC"]\n',
    "block scalar last (clip)": "          - id: a\n" + A + "            status: planned\n"
    "            description: |\n              one\n\n              two\n",
    "block scalar last (keep)": "          - id: a\n" + A + "            status: planned\n"
    "            description: |+\n              kept\n\n",
    "block scalar last (keep, indented)": "          - id: a\n" + A + "            status: planned\n"
    "            description: >2+\n              kept\n",
    "plain scalar over two lines": "          - id: a\n            title: A long\n              title\n"
    "            status: planned\n",
    "comment deeper after it": "          - id: a\n" + A + "            status: planned\n"
    "                # a deep comment\n",
    "comment at column 0 inside": "          - id: a\n# a comment at column 0\n"
    + A
    + "            status: planned\n",
    "completed on the dash line": "          - completed: 2025-12-01\n            id: a\n"
    + A
    + "            status: done\n",
    "done with completed last": "          - id: a\n"
    + A
    + "            status: done\n            completed: 2025-12-01\n",
    "due last with a comment": "          - id: a\n" + A + "            status: planned  # so far\n"
    "            due: 2026-03  # the month\n",
    "a line that looks like a marker": "          - id: a\n" + A + "            status: planned\n"
    "            description: |\n              ---\n              ...\n",
    "non-ASCII and wide": "          - id: a\n            title: Côte d'Ivoire — 貿易と女性 🚀\n"
    "            status: planned\n",
}
COMMANDS = {
    "done": ["done", "a", "--date", "2026-01-02"],
    "done with children": ["done", "a", "--with-children", "--note", "all: done", "--date", "2026-01-02"],
    "done a and a sub-point": ["done", "a1", "a", "--with-children", "--date", "2026-01-02"],
    "note": ["note", "a", "hello # not a comment", "--date", "2026-01-02"],
    "reopen": ["reopen", "a", "--reason", "why", "--date", "2026-01-02"],
    "modify owners": ["modify", "a", "--owner", "+UNCTAD", "--owner", "-IWG", "--date", "2026-01-02"],
    "modify title": ["modify", "a", "--title", "New: title", "--date", "2026-01-02"],
    "amend the last entry": ["amend", "a", "--last", "--note", "fixed", "--date", "2025-10-01"],
    "add under it": ["add", "--under", "a", "--title", "A new sub-point", "--date", "2026-01-02"],
}
ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "bom": "\ufeff"}


@pytest.fixture(autouse=True)
def _whole_text_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """These are checks of the edit through the text (splice.py); the edit of a plan the cache
    holds (edit/warm.py) is checked against it in tests/test_edit_warm.py."""
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")


def _text(style: str, ending: str, *, last: bool = False) -> str:
    text = HEAD + BEFORE + STYLES[style] + ("" if last else AFTER)
    if ending == "\ufeff":
        return ending + text
    return text.replace("\n", ending)


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
