"""Characters a reader cannot see, in every text field of a plan, through every command (#30 items
11 and 17).

Human output (terminal text, ``validate`` messages, diffs, the log, Markdown and HTML reports,
iCalendar, Mermaid) shows each invisible character as its code, never raw; JSON output writes
each of them, and DEL, C1, bidi controls and line separators, as a ``\\uXXXX`` escape, and parses
back to the exact text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iwgplan.cli.app import app
from tests.helpers import git
from tests.helpers.character_families import BIDI, C0, C1, INVISIBLE
from tests.helpers.hostile_output import plan_text, strings

# Every C0 control but the line break, which some fields keep (descriptions) and which is also
# JSON's own indentation.
JSON_FAMILY = [c for c in C0 if c != "\n"] + [*C1, *BIDI, "\u2028", "\u2029", *INVISIBLE]
MARK = "@@PAYLOAD@@"


def _yaml_escapes(text: str) -> str:
    """``text`` as the inside of a YAML double-quoted scalar: every character escaped."""
    return "".join(f"\\U{ord(c):08x}" if ord(c) > 0xFFFF else f"\\u{ord(c):04x}" for c in text)


def _plan(payload: str, title: str) -> str:
    text = plan_text(MARK, title=title).replace(f"https://e.example/{MARK}", "https://e.example/x")
    return text.replace(MARK, _yaml_escapes(payload))


def _run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository whose plans/p.yaml has two revisions, every text field holding the payload."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    return root


def _commit(root: Path, text: str, message: str) -> Path:
    plan = root / "plans" / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", message)
    return plan


def _commands(plan: Path, old: Path) -> list[list[object]]:
    p = ["--plan", plan]
    return [
        ["status", *p],
        ["tiers", *p],
        ["list", *p],
        ["show", "a", *p],
        ["show", "s1", *p],
        ["export", "--format", "json", *p],
        ["report", "--format", "json", "--as-of", "2026-02-01", *p],
        ["diff", old, plan],
        ["log", *p, "--changes"],
    ]


def test_json_output_escapes_every_unsafe_character_and_reads_back(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = "".join(JSON_FAMILY)
    first = _commit(history, _plan(payload, "old"), "first")
    old = history / "old.yaml"
    old.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    plan = _commit(history, _plan(payload, "new"), "second")
    bad = history / "bad.yaml"
    bad.write_text(
        _plan(payload, "new").replace("  body:", f'  ? "{_yaml_escapes(payload)}"\n  : 1\n  body:')
    )
    monkeypatch.chdir(history)
    runs = [[*c, "--format", "json"] for c in _commands(plan, old) if c[1] != "--format"]
    runs += [c for c in _commands(plan, old) if c[1] == "--format"]
    runs += [["validate", bad, "--format", "json"]]
    for args in runs:
        code, out, err = _run(*args)
        assert code in (0, 1), (args, err)
        raw = [f"U+{ord(c):04X}" for c in JSON_FAMILY if c in out.replace("\n", "")]
        assert not raw, (args, raw)
        assert any(payload in text for text in strings(json.loads(out))), args


def test_human_output_shows_every_invisible_character(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    payload = "".join(INVISIBLE)
    first = _commit(history, _plan(payload, "old"), "first")
    old = history / "old.yaml"
    old.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    plan = _commit(history, _plan(payload, "new"), "second")
    bad = history / "bad.yaml"
    bad.write_text(
        _plan(payload, "new").replace("  body:", f'  ? "{_yaml_escapes(payload)}"\n  : 1\n  body:')
    )
    monkeypatch.chdir(history)
    monkeypatch.setenv("COLUMNS", "100000")  # no wrapping: each code is shown whole
    runs = [
        [*c, *f] for c in _commands(plan, old) if c[1] != "--format" for f in ([], ["--format", "markdown"])
    ]
    runs += [
        ["validate", bad],
        ["validate", bad, "--format", "github"],
        ["diff", old, plan, "--format", "github"],
        ["report", "--as-of", "2026-02-01", "--plan", plan],
        ["report", "--format", "html", "--as-of", "2026-02-01", "--plan", plan],
        ["export", "--format", "ics", "--plan", plan],
        ["export", "--format", "mermaid", "--plan", plan],
        ["git-diff", "plans/p.yaml", old, "x", "100644", plan, "y", "100644"],
    ]
    shown = re.compile(r"\\u[0-9a-f]{4}|\\U[0-9a-f]{8}|\\xad")
    for args in runs:
        code, out, err = _run(*args)
        assert code in (0, 1), (args, err)
        raw = [f"U+{ord(c):04X}" for c in INVISIBLE if c in out or c in err]
        assert not raw, (args, raw)
        assert shown.search(out + err), args
    code, out, _ = _run("show", "a", "--plan", plan, "--wide")  # the title, as it was written
    assert "".join(f"\\x{ord(c):02x}" if ord(c) <= 0xFF else ("\\U%08x" if ord(c) > 0xFFFF else "\\u%04x") % ord(c)
                   for c in payload) in out.replace("\n", "")  # fmt: skip
