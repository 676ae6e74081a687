"""Reading a plan as it stood at a git revision, with the real git and never through a shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

from iwgplan.errors import FileResult, IwgplanError, PlanInvalid, Problem, UsageError
from iwgplan.files import limits
from iwgplan.files.gitlog import check_rev, git_path, path_in
from iwgplan.files.reading import decode
from iwgplan.files.text import PlanText


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise IwgplanError("git is not installed, so --rev and revisions cannot be read") from None


def repo_path(path: Path) -> tuple[Path, str]:
    """The repository top and the path of ``path`` inside it, as git names it."""
    folder = path.resolve().parent
    done = _git(["rev-parse", "--show-toplevel"], folder)
    if done.returncode != 0:
        raise IwgplanError(f"{path} is not inside a git repository, so revisions cannot be read")
    top = git_path(done.stdout)
    inside = path_in(top, path)
    if inside is None:
        raise IwgplanError(f"{path} is not inside the repository git names at {top}")
    return top, inside


def read_at_revision(spec: str, default_path: Path | None) -> PlanText:
    """Read ``REV`` (the plan's own path at that revision) or ``REV:path``."""
    rev, path = check_rev(spec)
    if path is None:
        if default_path is None:
            raise UsageError(f"no plan file found to read at {rev}; pass --plan or use {rev}:path")
        top, path = repo_path(default_path)
    else:
        top = Path.cwd()  # git reads REV:path from the top, and REV:./path from here
    shown = f"{rev}:{path}"
    return PlanText(decode(_blob(shown, top), shown), shown, None, rev)


def _blob(shown: str, top: Path) -> bytes:
    """The bytes of the file ``REV:path``, refused unread past the plan size limit, as a file is."""
    try:  # one line in, one out: "<id> <type> <size>", or "<name> missing"
        found = subprocess.run(
            ["git", "cat-file", "--batch-check"],
            cwd=top,
            input=f"{shown}\n".encode(),
            capture_output=True,
            timeout=60,
        )
    except FileNotFoundError:
        raise IwgplanError("git is not installed, so --rev and revisions cannot be read") from None
    fields = found.stdout.decode("utf-8", "replace").strip().rsplit(" ", 2)
    if found.returncode != 0 or len(fields) != 3 or fields[2] == "missing" or not fields[2].isdigit():
        why = _git(["cat-file", "-t", "--end-of-options", shown], top).stderr  # git's own words
        lines = why.decode(errors="replace").strip().splitlines()
        raise IwgplanError(f"cannot read {shown} from git: {lines[0] if lines else 'no such object'}")
    sha, kind, size = fields[0], fields[1], int(fields[2])
    if kind != "blob":
        raise IwgplanError(f"cannot read {shown} from git: it is a {kind}, not a file")
    if size > limits.MAX_BYTES:
        too_big = limits.too_big_words(f"{size / 2**20:.0f} MiB")
        raise PlanInvalid(FileResult(shown, [Problem(too_big, (), 1, 1)]))
    done = _git(["cat-file", "blob", sha], top)
    if done.returncode != 0 or len(done.stdout) != size:
        raise IwgplanError(f"cannot read {shown} from git: its object {sha[:12]} could not be read")
    return done.stdout


def repo_name(source: PlanText) -> str:
    """The plan's path from the top of its repository, as GitHub names files in annotations.

    A revision's ``REV:path`` is already from the top, except ``./`` and ``../`` paths, which git
    reads from the current folder; a working-tree file is placed by ``git rev-parse``. Outside a
    repository (or for the embedded plan) the name messages use is all there is.
    """
    try:
        if source.rev is not None:
            path = source.shown.partition(":")[2]
            if not path.startswith(("./", "../")) and path not in (".", ".."):
                return path
            return repo_path(Path.cwd() / path)[1]
        if source.path is not None:
            return repo_path(source.path)[1]
    except (IwgplanError, ValueError, OSError):
        pass
    return source.shown
