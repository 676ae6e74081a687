"""Without libyaml (PyYAML built without its C extension) iwgplan reads plans the same way.

Each test runs a fresh interpreter in which PyYAML's C classes are hidden before iwgplan is
imported, so that the loader falls back to the pure-Python parser. There the event loader must
agree with the node-tree loader as it does over libyaml, edits must splice at the right offsets
(the pure-Python reader counts a BOM in its marks), and what the two parsers say must agree:
the same data, the same problems; only the parsers' own words for a syntax error differ.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from typing import Any

import pytest

from tests.helpers import ROOT
from tests.helpers.loader_cases import FAMILY, PLANS, loaded_by_events

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` skips these in the inner loop

HIDE_LIBYAML = """
import sys
import yaml
for name in [n for n in dir(yaml) if n.startswith("C") and n[1:2].isupper()]:
    delattr(yaml, name)
yaml.__with_libyaml__ = False
sys.modules["yaml._yaml"] = None
from iwgplan.files import yaml_loader
assert issubclass(yaml_loader.StrictLoader, yaml.SafeLoader), "libyaml was not hidden"
assert not yaml_loader.MARKS_SKIP_BOM
"""


def _pure(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-c", HIDE_LIBYAML + code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
    )


def _nests() -> dict[str, str]:
    """Nesting on either side of libyaml's limit, in flow and block, alone and mixed."""
    cases = {}
    for n in (998, 999, 1000, 1001):
        cases[f"flow {n}"] = "[" * n + "]" * n + "\n"
        cases[f"flow under a key {n}"] = "a: " + "[" * n + "]" * n + "\n"
        cases[f"flow under two keys {n}"] = "a:\n b: " + "{c: " * n + "}" * n + "\n"
        cases[f"flow in a list {n}"] = "- " + "[" * n + "]" * n + "\n"
        cases[f"block keys {n}"] = "".join(" " * i + "k:\n" for i in range(n)) + " " * n + "v\n"
        cases[f"block list {n}"] = "".join(" " * i + "-\n" for i in range(n)) + " " * n + "v\n"
        cases[f"block then flow {n}"] = (
            "".join(" " * i + "k:\n" for i in range(500))
            + " " * 500
            + ("[" * (n - 500) + "]" * (n - 500) + "\n")
        )
    return cases


def _mutants() -> dict[str, str]:
    """Plans with a span deleted, doubled or moved: a fixed sample of broken and odd files."""
    rng = random.Random(13)
    out = {}
    for name in ("shipped", "small", "generated"):
        text = PLANS[name]
        for i in range(25):
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randrange(1, 40))
            c = rng.randrange(len(text))
            kind = i % 3
            if kind == 0:
                mutant = text[:a] + text[b:]
            elif kind == 1:
                mutant = text[:b] + text[a:b] + text[b:]
            else:
                mutant = text[:c] + text[a:b] + text[c:]
            out[f"{name} mutant {i}"] = mutant
    return out


CASES = {**PLANS, **FAMILY, **_nests(), **_mutants()}

# The parsers' own words for a syntax error differ ("did not find expected key" against
# "expected <block end>, but found ':'"); iwgplan's own messages, and the nesting limit the
# pure-Python scanner is made to keep, do not.
_PARSERS_WORDS = ("YAML syntax: ", "YAML: unacceptable character")


def _comparable(result: Any) -> Any:
    data, problems = result
    shown = []
    for message, line, column in problems:
        if message.startswith(_PARSERS_WORDS) and "nesting depth" not in message:
            shown.append(("(the parser's words)", line))
        else:
            shown.append((message, line, column))
    return data, shown


def test_the_pure_python_parser_reads_what_libyaml_reads() -> None:
    code = (
        "import json, sys\n"
        "from tests.test_without_libyaml import CASES\n"
        "from tests.helpers.loader_cases import loaded_by_events, loaded_by_node_tree\n"
        "out = {}\n"
        "for name, text in CASES.items():\n"
        "    new = loaded_by_events(text)\n"
        "    assert new == loaded_by_node_tree(text), name\n"
        "    out[name] = new\n"
        "json.dump(out, sys.stdout)\n"
    )
    run = _pure(code)
    assert run.returncode == 0, run.stderr[-3000:]
    pure = json.loads(run.stdout)
    assert list(pure) == list(CASES)
    for name, text in CASES.items():
        libyaml = json.loads(json.dumps(loaded_by_events(text)))  # tuples as lists, as the child wrote them
        assert _comparable(pure[name]) == _comparable(libyaml), name


def test_nesting_stops_where_libyaml_stops() -> None:
    """10,000 levels once took a minute to refuse; the parser now stops at the level where
    libyaml stops (the positions below), so it reads no further. Timed in benchmarks, not here."""
    code = (
        "import json, sys\n"
        "from tests.helpers.hostile_yaml import CASES\n"
        "from tests.helpers.loader_cases import loaded_by_events\n"
        "json.dump([loaded_by_events(CASES[name][0])[1] for name in ('deep-flow', 'deep-block')], sys.stdout)\n"
    )
    run = _pure(code)
    assert run.returncode == 0, run.stderr[-3000:]
    flow, block = json.loads(run.stdout)
    assert flow == [["YAML syntax: while increasing flow level, exceeded maximum nesting depth", 1, 1003]]
    assert block == [
        ["YAML syntax: while increasing block level, exceeded maximum nesting depth", 1000, 1001]
    ]


def test_loader_edits_and_hostile_files_pass_without_libyaml() -> None:
    """The event loader's, the edits' and the hostile files' tests, run over the pure-Python parser."""
    code = "import pytest\nsys.exit(pytest.main(sys.argv[1:]))\n"
    run = _pure(
        code,
        "-q",
        "-x",
        "-p",
        "no:cacheprovider",
        "-k",
        "not random and not mutated",  # the fuzzed ones are the first test's job here
        "tests/test_event_loader.py",
        "tests/test_edit.py",
        "tests/robustness/test_hostile.py",
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
