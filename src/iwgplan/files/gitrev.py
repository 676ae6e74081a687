"""Reading a plan as it stood at a git revision, with the real git and never through a shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

from iwgplan.errors import IwgplanError, UsageError
from iwgplan.files.gitlog import check_rev
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
    top = Path(done.stdout.decode().strip())
    return top, path.resolve().relative_to(top.resolve()).as_posix()


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
    done = _git(["show", "--end-of-options", shown], top)
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()
        raise IwgplanError(f"cannot read {shown} from git: {why[-1] if why else 'unknown error'}")
    return PlanText(decode(done.stdout, shown), shown, None, rev)


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
