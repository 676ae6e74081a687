"""The layout holds: no import cycle between iwgplan's modules (imports inside functions
included, which import-linter's layers do not see), and no module uses another's private names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> list[tuple[str, str, int]]:
    """(module imported, name imported or "", line) for every iwgplan import, at any depth."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("iwgplan"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in modules:
                    out.append((full, "", node.lineno))
                else:
                    out.append((node.module, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.startswith("iwgplan")]
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        wanted = {target for target, _, _ in _imports(path, modules)}
        # importing a package's own parent runs its __init__, which imports nothing here
        graph[name] = {t for t in wanted if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules_lazy_imports_included() -> None:
    graph = _graph()
    assert len(graph) > 80  # every module was read
    assert _cycles(graph) == []


def test_no_module_imports_another_modules_private_names() -> None:
    modules = _modules()
    private = [
        f"{path.relative_to(SRC)}:{line}: {target}.{name}"
        for module, path in modules.items()
        for target, name, line in _imports(path, modules)
        if name.startswith("_") and not name.startswith("__") and target != module
    ]
    assert private == []


# Test modules share builders through tests/helpers, never through another test module or a
# conftest: importing a test module runs its module-level set-up, drags its imports along and
# hides what the importer depends on. The pairs below are the only exceptions left.
TESTS = Path(__file__).resolve().parent
ALLOWED = {
    ("tests.test_report_templates", "tests.test_report"),  # moved by the lead after the other branches land
}  # fmt: skip
_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w \t,]+)|import[ \t]+([\w \t,.]+))", re.M
)


def _is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last == "conftest" or last.startswith("test_")


def _absolute(module: str, level: int, name: str) -> str:
    """``name`` imported from ``module`` with ``level`` dots, as an absolute name; a bare
    ``test_x`` or ``conftest`` (which pytest's rootdir insertion lets a test import) is a sibling."""
    package = module.rsplit(".", 1)[0]
    if level:
        base = package.rsplit(".", level - 1)[0] if level > 1 else package
        return f"{base}.{name}" if name else base
    if "." not in name and _is_test_module(name):
        return f"{package}.{name}"
    return name


def _test_imports(source: str, module: str) -> list[tuple[str, int]]:
    """(test module or conftest imported, line) for every import in ``source``, the code of
    ``module``: at any depth, relative or bare, through importlib, or in the text of code a test
    hands to a fresh interpreter (absolute imports only: a child has no package to be relative
    to). A module importing itself (in a child process) is left out."""
    found: list[tuple[int, int, str, list[str]]] = []  # (line, level, module, names) per import
    in_text: list[tuple[int, str]] = []  # (line, module) imported by code written as text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.level, node.module or "", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, 0, a.name, []) for a in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                in_text.append((node.lineno, node.args[0].value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in _IMPORT_LINE.finditer(node.value):
                line = node.lineno + node.value.count("\n", 0, match.start())
                if match[3]:
                    in_text += [(line, name.strip()) for name in match[3].split(",")]
                else:
                    in_text.append((line, match[1]))
                    in_text += [(line, f"{match[1]}.{name.strip()}") for name in match[2].split(",")]
    for line, level, name, names in found:
        base = _absolute(module, level, name)
        in_text += [
            (line, base),
            *((line, _absolute(module, level, f"{name}.{n}" if name else n)) for n in names),
        ]
    top = module.split(".", 1)[0] + "."  # the suite's own package: "tests"
    out = {(target, line) for line, target in in_text}
    out = {(t, line) for t, line in out if _is_test_module(t) and t != module and t.startswith(top)}
    return sorted(out, key=lambda found: (found[1], found[0]))


def test_the_test_import_finder_finds_every_form() -> None:
    # a suite named "suite", so that these examples are not imports of this one's test modules
    module = "suite.robustness.test_here"
    forms = {
        "from suite.test_a import x": "suite.test_a",
        "from suite.cli.test_b import x as y": "suite.cli.test_b",
        "import suite.robustness.test_c": "suite.robustness.test_c",
        "from suite import test_d, helpers": "suite.test_d",
        "from suite.conftest import SHIPPED": "suite.conftest",
        "from suite.robustness.conftest import x": "suite.robustness.conftest",
        "from .test_e import x": "suite.robustness.test_e",
        "from . import conftest": "suite.robustness.conftest",
        "from ..test_f import x": "suite.test_f",
        "from test_g import x": "suite.robustness.test_g",
        "import conftest": "suite.robustness.conftest",
        "def f():\n    from suite.test_h import x": "suite.test_h",
        "importlib.import_module('suite.test_i')": "suite.test_i",
        "CODE = 'import sys\\nfrom suite.test_j import x\\n'": "suite.test_j",
        "CODE = (\n    'import json\\n'\n    'from suite.cli.test_k import (a, b)\\n'\n)": "suite.cli.test_k",
    }
    for source, target in forms.items():
        assert [t for t, _ in _test_imports(source, module)] == [target], source
    fine = [
        "from suite.helpers import SHIPPED",
        "from suite.helpers.git_story import build_story",
        "from other.test_a import x",  # another suite's
        "import pytest",
        "from iwgplan.plan import dates",
        "from suite.robustness.test_here import CASES",  # itself, as a child process does
        "x = 'no import here: test_a'",
    ]
    for source in fine:
        assert _test_imports(source, module) == [], source
    assert _test_imports("import os\n\nfrom suite.test_a import x\n", module) == [("suite.test_a", 3)]


def test_no_test_module_imports_another_or_a_conftest() -> None:
    found = set()
    shown = []
    for path in sorted(TESTS.rglob("*.py")):
        parts = path.relative_to(TESTS.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for target, line in _test_imports(path.read_text(encoding="utf-8"), module):
            found.add((module, target))
            if (module, target) not in ALLOWED:
                shown.append(f"{path.relative_to(TESTS.parent)}:{line}: {target} (move it to tests/helpers)")
    assert shown == []
    assert ALLOWED - found == set(), "no longer imported: take these off ALLOWED"
