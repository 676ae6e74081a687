from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import SHIPPED, SMALL, TODAY, git


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts outside any plans/ folder, with no colour and a fixed width."""
    for var in ("IWGPLAN_PLAN", "GITHUB_ACTIONS", "IWGPLAN_DEBUG", "FORCE_COLOR", "IWGPLAN_NO_CACHE"):
        monkeypatch.delenv(var, raising=False)
    for var in ("IWGPLAN_LANG", "LC_ALL", "LC_MESSAGES"):  # English, whatever the machine's locale
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("IWGPLAN_CACHE_DIR", str(tmp_path / "cache"))  # each test its own cache
    monkeypatch.setattr("iwgplan.plan.dates.today", lambda: TODAY)
    from iwgplan.cli.output import State

    monkeypatch.setattr(State, "no_cache", False)  # --no-cache sets it for the process
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield
    from iwgplan import i18n

    i18n.use(i18n.SOURCE)  # a command run in this process may have chosen another language


class Run:
    def __init__(self, result) -> None:  # type: ignore[no-untyped-def]
        self.code: int = result.exit_code
        self.out: str = result.stdout
        self.err: str = result.stderr
        self.raw: tuple[bytes, bytes] = (
            result.stdout_bytes,
            result.stderr_bytes,
        )  # click's .stdout reads \r\n as \n


@pytest.fixture
def cli() -> object:
    from iwgplan.cli.app import app

    def invoke(*args: str | os.PathLike[str]) -> Run:
        runner = CliRunner()
        return Run(runner.invoke(app, [str(a) for a in args], catch_exceptions=False))

    return invoke


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A writable copy of the small fixture plan in its own plans/ folder."""
    folder = tmp_path / "repo" / "plans"
    folder.mkdir(parents=True)
    target = folder / "small.yaml"
    shutil.copyfile(SMALL, target)
    return target


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "plans"
    folder.mkdir(parents=True)
    target = folder / SHIPPED.name
    shutil.copyfile(SHIPPED, target)
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose plans/small.yaml has two revisions: tag rev0, then HEAD."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "T")
    plan = root / "plans" / "small.yaml"
    text = SMALL.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "original")
    git(root, "tag", "rev0")
    plan.write_text(text.replace('status: "planned"', "status: in-progress"), encoding="utf-8")
    git(root, "commit", "-qam", "start the statement")
    return root
