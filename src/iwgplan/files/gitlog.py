"""The plan's history in git, read with one `git log` and one `git cat-file --batch` process.

`git log --follow --raw` names, for every commit that changed the plan, the blob before and
after it (merges against their first parent), so no commit needs a `git show` of its own; the
blobs are then read, on demand, from one long-lived `git cat-file --batch`.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType

from iwgplan.errors import IwgplanError, UsageError
from iwgplan.files import limits

NULL_SHA = "0" * 40
# What git keeps at the plan's path when it is not a file: its blob is then no plan text.
NOT_A_FILE = {"120000": "a symbolic link", "160000": "a submodule"}
_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s"
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Revision names are checked here (and used by gitrev) so that reading history needs no YAML.
_REV_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/~^@{}+-]{0,200}")
_BAD_PATH = re.compile(r"[\x00-\x1f]")


def check_rev(spec: str) -> tuple[str, str | None]:
    """Split ``REV`` or ``REV:path`` and refuse anything git could take for an option."""
    rev, sep, path = spec.partition(":")
    if not _REV_RE.fullmatch(rev) or rev.startswith("-") or ".." in rev:
        raise UsageError(
            f"{spec!r} is not a revision iwgplan accepts: use a branch, tag, commit or"
            " HEAD~N, optionally followed by :path"
        )
    if sep and (not path or path.startswith("-") or _BAD_PATH.search(path)):
        raise UsageError(f"{spec!r} names no usable path after ':'")
    return rev, (path if sep else None)


class HistoryError(IwgplanError):
    """The history cannot be read (no repository, nothing committed): exit 1."""


class NotAPlanFile(IwgplanError):
    """Where the plan should be, a commit holds a symbolic link or a submodule: listed, skipped."""


class BlobTooBig(IwgplanError):
    """A blob of the plan's history past the size limit: listed as not loading, never read whole."""


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that changed the plan, with the plan's blob before and after it."""

    sha: str
    parents: tuple[str, ...]
    author: str
    when: datetime
    subject: str
    status: str  # A (added), M, R (renamed), C, D (deleted), T
    old_blob: str | None  # None when the commit adds the plan
    new_blob: str | None  # None when the commit deletes it
    path: str
    old_path: str | None = None  # the path before a rename
    new_mode: str = "100644"  # git's mode of the plan after the commit: 120000 is a symbolic link
    old_mode: str = "100644"  # and before it

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def merge(self) -> bool:
        return len(self.parents) > 1


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of a range: a day, or a revision resolved to its commit."""

    text: str
    day: date | None = None
    sha: str | None = None


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise HistoryError("git is not installed, so the plan's history cannot be read") from None


def _may_be_in_git(folder: Path) -> bool:
    """Whether ``folder`` may be in a git work tree: a ``.git`` in it or above, or $GIT_DIR set.

    Saves starting git at all for a plan that is not kept in git (every `report` asks).
    """
    if os.environ.get("GIT_DIR"):
        return True
    return any((up / ".git").exists() for up in (folder, *folder.parents))


class GitHistory:
    """A plan file's history; a context manager that owns the `git cat-file --batch` process."""

    def __init__(self, plan: Path, shown: str) -> None:
        self.shown = shown
        folder = plan.resolve().parent
        done = _run(["rev-parse", "--show-toplevel"], folder) if _may_be_in_git(folder) else None
        if done is None or done.returncode != 0:
            raise HistoryError(
                f"{shown} is not inside a git repository, so its history cannot be read"
                " (commit the plan to git, or leave out the history options)"
            )
        self.top = Path(done.stdout.decode().strip())
        self.path = plan.resolve().relative_to(self.top.resolve()).as_posix()
        self._cat: subprocess.Popen[bytes] | None = None
        self._not_files: dict[str, str] = {}
        self._log: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> GitHistory:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.close_log()
        if self._cat is not None:
            if self._cat.stdin is not None:
                self._cat.stdin.close()
            self._cat.wait()
            if self._cat.stdout is not None:
                self._cat.stdout.close()
            self._cat = None

    def close_log(self) -> None:
        """Stop a `git log` whose output is no longer wanted."""
        if self._log is not None:
            if self._log.poll() is None:
                self._log.kill()
            self._log.wait()
            if self._log.stdout is not None:
                self._log.stdout.close()
            self._log = None

    def git(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return _run(list(args), self.top)

    # --- what the repository knows -----------------------------------------------------------

    def has_head(self) -> bool:
        return self.git("rev-parse", "--verify", "--quiet", "HEAD").returncode == 0

    def shallow(self) -> set[str]:
        """The commits at which a shallow clone's history is cut; empty for a full clone."""
        done = self.git("rev-parse", "--git-path", "shallow")
        if done.returncode != 0:
            return set()
        marker = self.top / done.stdout.decode().strip()
        if not marker.is_file():
            return set()
        return set(marker.read_text(encoding="ascii", errors="replace").split())

    def committed(self) -> bool:
        """Whether the plan was ever committed under its current path."""
        done = self.git("log", "-1", "--format=%H", "--all", "--end-of-options", "--", self.path)
        return done.returncode == 0 and bool(done.stdout.strip())

    def resolve(self, spec: str, option: str) -> str:
        rev, path = check_rev(spec)
        if path is not None:
            raise UsageError(f"{option}: {spec!r} names a path; give a revision (a tag, branch or commit)")
        done = self.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        if done.returncode != 0:
            raise UsageError(f"{option}: no revision {rev!r} in the repository at {self.top}")
        return done.stdout.decode().strip()

    def bound(self, spec: str | None, option: str) -> Bound | None:
        """``--since``/``--until``: a day (YYYY-MM-DD) or a revision."""
        if spec is None:
            return None
        if _DAY_RE.fullmatch(spec):
            try:
                return Bound(spec, day=date.fromisoformat(spec))
            except ValueError:
                raise UsageError(f"{option}: {spec!r} is not a date; use YYYY-MM-DD") from None
        return Bound(spec, sha=self.resolve(spec, option))

    # --- the walk ----------------------------------------------------------------------------

    def commits(
        self, *, until: str | None = None, since: str | None = None, first_parent: bool = False
    ) -> Iterator[Commit]:
        """Commits that changed the plan, newest first, from ``until`` (HEAD) back to ``since``."""
        args = ["log", f"--format={_FORMAT}", "--raw", "-z", "--no-abbrev", "--follow", "-M"]
        args += ["--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--no-textconv"]
        if first_parent:
            args.append("--first-parent")
        args += ["--end-of-options", until or "HEAD"]
        if since:
            args.append(f"^{since}")
        args += ["--", self.path]
        try:
            self._log = subprocess.Popen(
                ["git", *args], cwd=self.top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except FileNotFoundError:
            raise HistoryError("git is not installed, so the plan's history cannot be read") from None
        proc = self._log
        assert proc.stdout is not None
        buffer = b""
        try:
            while chunk := proc.stdout.read(1 << 16):
                buffer += chunk
                *records, buffer = buffer.split(b"\x1e")
                yield from (self._noted(c) for r in records if (c := _record(r)) is not None)
            last = _record(buffer)
            if last is not None:
                yield self._noted(last)
        finally:
            if self._log is proc:
                self.close_log()

    def _noted(self, commit: Commit) -> Commit:
        """Remember which blobs stand where the plan is not a file (a link, a submodule)."""
        for mode, blob in ((commit.new_mode, commit.new_blob), (commit.old_mode, commit.old_blob)):
            kind = NOT_A_FILE.get(mode)
            if kind is not None and blob is not None:
                self._not_files[blob] = kind
        return commit

    def blob(self, sha: str) -> bytes:
        """One blob's bytes, from the one `git cat-file --batch` process."""
        kind = self._not_files.get(sha)
        if kind is not None:
            raise NotAPlanFile(f"the plan is {kind} in this commit, not a file")
        if self._cat is None:
            self._cat = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        assert self._cat.stdin is not None and self._cat.stdout is not None
        self._cat.stdin.write(sha.encode("ascii") + b"\n")
        self._cat.stdin.flush()
        header = self._cat.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            raise HistoryError(f"git cannot read blob {sha[:12]} of {self.path}")
        size = int(header[2])
        if size > limits.MAX_BYTES:  # as for a file: never more than the limit in memory
            left = size + 1
            while left > 0:
                chunk = self._cat.stdout.read(min(left, 1 << 20))
                if not chunk:
                    break
                left -= len(chunk)
            raise BlobTooBig(limits.too_big_words(f"{size / 2**20:.0f} MiB"))
        data = self._cat.stdout.read(size)
        self._cat.stdout.read(1)  # the newline after each object
        return data


def _record(raw: bytes) -> Commit | None:
    if not raw.strip(b"\n\x00"):
        return None
    head, _, rest = raw.partition(b"\x00")
    sha, parents, author, when, subject = head.decode("utf-8", "replace").split("\x1f", 4)
    fields = [f for f in rest.lstrip(b"\n").split(b"\x00") if f]
    if not fields or not fields[0].startswith(b":"):
        return None  # a merge whose plan is its first parent's
    meta = fields[0][1:].decode().split()
    status = meta[4][:1]
    paths = [p.decode("utf-8", "surrogateescape") for p in fields[1:3]]
    old_blob = None if meta[2] == NULL_SHA else meta[2]
    new_blob = None if meta[3] == NULL_SHA else meta[3]
    renamed = status in ("R", "C") and len(paths) == 2
    return Commit(
        sha,
        tuple(parents.split()),
        author,
        datetime.fromisoformat(when),
        subject,
        status,
        old_blob,
        new_blob,
        paths[-1] if renamed else paths[0],
        paths[0] if renamed else None,
        meta[1],
        meta[0],
    )
