"""The plan's history in git, read with one `git log` and one `git cat-file --batch` process.

`git log --follow --raw` names, for every commit that changed the plan, the blob before and
after it (merges against their first parent), so no commit needs a `git show` of its own; the
blobs are then read, on demand, from one long-lived `git cat-file --batch`.

Commit text is untrusted: a subject or an author's name may hold any byte but NUL (git stops a
message at a NUL, and a name cannot hold one). So git's output is read as NUL-separated fields
in a fixed order, the subject last of each commit's fields; no byte a commit's text can hold
separates anything. Every field is checked (object ids are hex, dates parse) and each is read
within a bound, so a commit with a megabyte subject costs no more than its first few KiB.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from iwgplan.errors import IwgplanError, UsageError
from iwgplan.files import limits

NULL_SHA = "0" * 40
# What git keeps at the plan's path when it is not a file: its blob is then no plan text.
NOT_A_FILE = {"120000": "a symbolic link", "160000": "a submodule"}
# One field per NUL, the subject last: git ends the format with a NUL too, under -z.
_FORMAT = "%H%x00%P%x00%aI%x00%cI%x00%an%x00%s"
_FIELDS = 6
_SHA_RE = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_RAW_RE = re.compile(
    r":([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40}(?:[0-9a-f]{24})?) ([0-9a-f]{40}(?:[0-9a-f]{24})?) ([A-Z])[0-9]*"
)
FIELD_BYTES = 16 * 1024  # what is read of one field of git's output; the rest is skipped
SUBJECT_CHARS = 1000  # what is kept of a subject, and of an author's name, AUTHOR_CHARS
AUTHOR_CHARS = 200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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


def git_path(printed: bytes) -> Path:
    """A path git printed on a line of its own: the name's own bytes, only the line's end taken
    off (a folder may be named with a trailing space or a byte that is not UTF-8)."""
    return Path(os.fsdecode(printed.removesuffix(b"\n")))


def path_in(top: Path, plan: Path) -> str | None:
    """``plan``'s path inside the repository at ``top``, as git names it; None when outside."""
    try:
        return plan.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None


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
    when: datetime  # the author's date, as `git log` shows it
    subject: str
    status: str  # A (added), M, R (renamed), C, D (deleted), T
    old_blob: str | None  # None when the commit adds the plan
    new_blob: str | None  # None when the commit deletes it
    path: str
    old_path: str | None = None  # the path before a rename
    new_mode: str = "100644"  # git's mode of the plan after the commit: 120000 is a symbolic link
    old_mode: str = "100644"  # and before it
    committed: datetime | None = None  # the committer's date; None: the author's

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> date:
        """The author's day, shown in lists: it survives a rebase or a cherry-pick."""
        return self.when.date()

    @property
    def landed(self) -> date:
        """The day the commit was made where it stands (the committer's): what windows count."""
        return (self.committed or self.when).date()

    @property
    def merge(self) -> bool:
        return len(self.parents) > 1


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of a range: a day, or a revision resolved to its commit."""

    text: str
    day: date | None = None
    sha: str | None = None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
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
        done = _git(["rev-parse", "--show-toplevel"], folder) if _may_be_in_git(folder) else None
        if done is None or done.returncode != 0:
            raise HistoryError(
                f"{shown} is not inside a git repository, so its history cannot be read"
                " (commit the plan to git, or leave out the history options)"
            )
        self.top = git_path(done.stdout)
        inside = path_in(self.top, plan)
        if inside is None:
            raise HistoryError(f"{shown} is not inside the repository git names at {self.top}")
        self.path = inside
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
        return _git(list(args), self.top)

    # --- what the repository knows -----------------------------------------------------------

    def has_head(self) -> bool:
        return self.git("rev-parse", "--verify", "--quiet", "HEAD").returncode == 0

    def shallow(self) -> set[str]:
        """The commits at which a shallow clone's history is cut; empty for a full clone."""
        done = self.git("rev-parse", "--git-path", "shallow")
        if done.returncode != 0:
            return set()
        marker = self.top / git_path(done.stdout)
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

    def landed_before(self, day: date, until: str | None = None) -> Commit | None:
        """The newest commit of the first-parent line from ``until`` (HEAD) that changed the plan
        and was committed before ``day``: where a window that starts on ``day`` begins.

        Windows are placed by graph order and committer dates, never by author dates: a rebased
        or cherry-picked commit keeps its old author date, and on top of newer work it would
        otherwise end the window early. `log`, `status` and the reports all start here.
        """
        found = None
        for commit in self.commits(until=until, first_parent=True):
            if commit.landed < day:
                found = commit
                break
        self.close_log()
        return found

    # --- the walk ----------------------------------------------------------------------------

    def commits(
        self, *, until: str | None = None, since: str | None = None, first_parent: bool = False
    ) -> Iterator[Commit]:
        """Commits that changed the plan, newest first, from ``until`` (HEAD) back to ``since``."""
        args = ["log", f"--format={_FORMAT}", "--raw", "-z", "--no-abbrev", "--follow", "-M"]
        args += ["--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--no-textconv"]
        args += ["--encoding=UTF-8", "--no-show-signature"]  # whatever the repository's config says
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
        try:
            for commit in _parse(_fields(proc.stdout)):
                if commit is None:
                    continue
                if commit.status == "C":
                    # A copy (`--follow` finds one when a new file is much like one the commit
                    # keeps, as `successor` writes the next plan): the plan begins here, and what
                    # came before is the other file's history, not this one's.
                    yield self._noted(replace(commit, status="A", old_blob=None, old_path=None))
                    break
                yield self._noted(commit)
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


def _fields(stream: IO[bytes]) -> Iterator[bytes]:
    """git's NUL-separated fields, each cut at FIELD_BYTES (its rest read and dropped)."""
    field = bytearray()
    while chunk := stream.read(1 << 16):
        parts = chunk.split(b"\x00")
        for part in parts[:-1]:
            if len(field) < FIELD_BYTES:
                field += part[: FIELD_BYTES - len(field)]
            yield bytes(field)
            field.clear()
        if len(field) < FIELD_BYTES:
            field += parts[-1][: FIELD_BYTES - len(field)]
    if field:
        yield bytes(field)


def _unreadable(what: str) -> HistoryError:
    return HistoryError(f"git's history output could not be read ({what})")


def _parse(fields: Iterator[bytes]) -> Iterator[Commit | None]:
    """Commits from `git log -z --raw` with _FORMAT: six fields, then each raw entry's
    ``:modes blobs status`` and its one path (two for a rename or a copy); None for a commit
    with no entry (a merge whose plan is its first parent's)."""
    pending = next(fields, None)
    while pending is not None:
        head = [pending.lstrip(b"\n")]
        for _ in range(_FIELDS - 1):
            value = next(fields, None)
            if value is None:
                raise _unreadable("a commit's fields end early")
            head.append(value)
        entries: list[tuple[re.Match[str], list[bytes]]] = []
        pending = next(fields, None)
        while pending is not None:
            raw = _RAW_RE.fullmatch(pending.lstrip(b"\n").decode("ascii", "replace"))
            if raw is None:
                break  # the next commit's id
            paths = [next(fields, b"") for _ in range(2 if raw[5] in ("R", "C") else 1)]
            entries.append((raw, paths))
            pending = next(fields, None)
        yield _commit(head, entries[0]) if entries else None


def _when(text: str) -> datetime | None:
    """A date git printed: ISO 8601 with its offset. git prints the placeholder itself when a
    commit's date cannot be read, and 1970 for one out of range."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def _bounded(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most] + "…"


def _commit(head: list[bytes], entry: tuple[re.Match[str], list[bytes]]) -> Commit:
    sha, parents_text, authored, committed, author, subject = head
    name = sha.decode("ascii", "replace")
    parents = tuple(parents_text.decode("ascii", "replace").split())
    if not _SHA_RE.fullmatch(name) or not all(_SHA_RE.fullmatch(p) for p in parents):
        raise _unreadable(f"{name[:40]!r} is not a commit id")
    landed = _when(committed.decode("ascii", "replace")) or _EPOCH
    raw, path_fields = entry
    old_mode, new_mode, old_blob, new_blob, status = raw.groups()
    paths = [p.decode("utf-8", "surrogateescape") for p in path_fields]
    renamed = status in ("R", "C") and len(paths) == 2
    return Commit(
        name,
        parents,
        _bounded(author.decode("utf-8", "replace"), AUTHOR_CHARS),
        _when(authored.decode("ascii", "replace")) or landed,
        _bounded(subject.decode("utf-8", "replace"), SUBJECT_CHARS),
        status,
        None if old_blob.strip("0") == "" else old_blob,
        None if new_blob.strip("0") == "" else new_blob,
        paths[-1] if renamed else paths[0],
        paths[0] if renamed else None,
        new_mode,
        old_mode,
        landed,
    )
