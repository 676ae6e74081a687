"""The validated-plan cache: a valid plan's data, kept so that the next run need not parse or
validate the same bytes again.

One file per plan file (named by a hash of its resolved path, or the embedded default), in the
user's cache folder (platformdirs; ``IWGPLAN_CACHE_DIR`` moves it). A file holds a header and
the plan's data as JSON, plain data that needs neither pydantic nor YAML to read:

    iwgplan-plan-cache <format>
    <salt digest> <plan bytes digest> <payload digest>
    <payload: JSON>

It is used only when the salt (the cache format, iwgplan's version and the code that decides
validity, Python's version and the installed pydantic, pydantic-core and PyYAML) and the digest
of the plan's bytes both match, and the payload matches its digest. Anything else (a corrupt,
truncated, foreign, unreadable or stale file) is a miss: never trusted, never an error. Writes
go to a temporary file in the same folder and replace the old file atomically, so concurrent
writers leave one whole file; a folder that cannot be written is skipped silently.

What another user could have put there is never read: a folder is used only when it is ours
and not world-writable, and an entry only when it is a regular file (not a link, a FIFO, a
device), ours, writable by no one else, and no bigger than the largest entry these plan bytes
could have (ENTRY_GROWTH times them, and a little); it is opened without following a link and
without waiting, so nothing found there can hang a run or fill its memory.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from iwgplan import __version__
from iwgplan.files import cache_files
from iwgplan.files.cache_files import DIR_VAR, OFF_VAR, disabled, read_entry, usable, write_entry
from iwgplan.files.cache_files import digest as _digest
from iwgplan.files.cache_files import stamp as _stamp

__all__ = [
    "DIR_VAR",
    "OFF_VAR",
    "disabled",
    "encode",
    "folder",
    "lookup",
    "lookup_entry",
    "plan_digest",
    "read_entry",
    "store",
    "usable",
    "write_entry",
]

# 2: types as strict as the JSON Schema (a version 1 entry may hold `priority: 1` as valid).
FORMAT = "2"
MAGIC = f"iwgplan-plan-cache {FORMAT}\n".encode()
_PACKAGE = Path(__file__).resolve().parent.parent
# The code whose change can change what a valid plan's data are: the loader and the format.
_DECIDING = ("files", "plan")
_THIRD_PARTY = ("pydantic", "pydantic_core", "yaml", "_yaml")


def folder() -> Path:
    return Path(cache_files.folder())


_SALT: list[str] = []


def salt() -> str:
    if not _SALT:
        _SALT.append(_salt())
    return _SALT[0]


def _salt() -> str:
    """Every version that decides the cached data, read without importing the packages.

    Installed packages are named by the path, size and modification time of their entry file
    (an upgrade rewrites it); iwgplan by its version and the same stamps of its loader and
    format modules, so that a change in a checkout is never served stale data.
    """
    from importlib.util import find_spec

    parts = [FORMAT, __version__, sys.version, sys.implementation.cache_tag or "-"]
    for name in _THIRD_PARTY:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        parts.append(f"{name}={_stamp(spec.origin if spec else None)}")
    for sub in _DECIDING:
        try:
            names = sorted(p for p in os.listdir(_PACKAGE / sub) if p.endswith(".py"))
        except OSError:
            names = []
        parts += [_stamp(str(_PACKAGE / sub / name)) for name in names]
    return _digest("\n".join(parts).encode())


# What an entry holds: the plan's data, which every command reads, or where the plan's action
# points stand in its bytes, which only the edits read (files/positions.py, edit/warm.py).
DATA = ".json"
POSITIONS = ".pos"
# Each kind keeps two entries per plan: the bytes last stored and, in this slot, the bytes
# stored before them when they differ (an edit stores the bytes it wrote: the bytes it read stay
# warm, for an undo or a checkout that puts them back).
PREVIOUS = ".prev"


def entry_path(identity: str, kind: str = DATA) -> Path:
    """One entry per plan and install: two installs (two environments, or two checkouts) that
    share the folder keep an entry each, rather than each overwriting the other's as a miss.
    An upgrade in place writes over its own entries, so they do not pile up. ``kind`` is the
    file's suffix: the plan's data (``.json``) or the positions an edit needs (``.pos``)."""
    named = f"{_PACKAGE}{os.sep}{sys.prefix}{os.sep}{identity}".encode("utf-8", "surrogateescape")
    return folder() / f"{_digest(named)}{kind}"


# A plan's data as JSON is smaller than its YAML (0.7 times for the shipped plan); escapes can
# make it longer (``"\0"`` is ``"\u0000"``), never this much. An entry past the bound is neither
# written nor read.
ENTRY_GROWTH = 8
ENTRY_SLACK = 64 * 1024


def entry_limit(raw: bytes) -> int:
    """The largest entry the plan bytes ``raw`` can have, header included."""
    return ENTRY_GROWTH * len(raw) + ENTRY_SLACK


def lookup(identity: str, raw: bytes, kind: str = DATA, *, digest: str | None = None) -> Any | None:
    """The data cached for these exact bytes of the plan at ``identity``, or None. ``digest``:
    :func:`plan_digest` of ``raw`` when the caller has it already (one hash of the bytes a run)."""
    found = lookup_entry(identity, raw, kind, digest=digest)
    return found[0] if found is not None else None


def lookup_entry(
    identity: str, raw: bytes, kind: str = DATA, *, digest: str | None = None
) -> tuple[Any, bytes] | None:
    """:func:`lookup`, with the entry's payload as stored (its JSON), which an edit splices."""
    try:
        wanted = digest if digest is not None else _digest(raw)
        limit = entry_limit(raw)
        primary = entry_path(identity, kind)
        for path in (primary, primary.with_name(primary.name + PREVIOUS)):
            if _plan_digest_at(path, limit) == wanted:  # a few bytes read before the whole entry
                return _lookup_at(path, wanted, limit)
    except Exception:  # corrupt, truncated, foreign or unreadable: a miss, never an error
        return None
    return None


def plan_digest(raw: bytes) -> str:
    """The digest an entry's header names plan bytes by; computed once a run for each bytes
    and handed to :func:`lookup` and :func:`store` (each is a pass over the whole plan)."""
    return _digest(raw)


def encode(data: Any) -> bytes:
    """An entry's payload: the data as compact JSON. Compact JSON is made of its parts: the
    payload of a dict holds each value's own :func:`encode` as it is, which an edit splices."""
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def _lookup_at(path: Path, wanted: str, limit: int) -> tuple[Any, bytes] | None:
    try:
        blob = read_entry(path, limit)
        if blob is None:
            return None
        magic, header, payload = blob.split(b"\n", 2)
        if magic + b"\n" != MAGIC:
            return None
        salt_digest, plan_digest, payload_digest = header.decode("ascii").split(" ")
        if salt_digest != salt() or plan_digest != wanted or payload_digest != _digest(payload):
            return None
        data = json.loads(payload)
    except Exception:  # corrupt, truncated, foreign or unreadable: a miss, never an error
        return None
    return (data, payload) if isinstance(data, dict) else None


def _plan_digest_at(path: Path, limit: int | None = None) -> str | None:
    """The plan digest in the header of the entry at ``path`` (a few bytes read, under the
    cache folder's rules), or None; None too for one past ``limit``."""
    try:
        head = read_entry(path, limit, head=len(MAGIC) + 256)
        if head is None:
            return None
        magic, header, _ = head.split(b"\n", 2)
        return header.decode("ascii").split(" ")[1] if magic + b"\n" == MAGIC else None
    except Exception:
        return None


def store(
    identity: str,
    raw: bytes,
    data: Any,
    kind: str = DATA,
    *,
    edited: bytes | None = None,
    payload: bytes | None = None,
    digest: str | None = None,
    edited_digest: str | None = None,
) -> None:
    """Cache a valid plan's data; any failure (read-only folder, full disk) is silently skipped.
    An entry for other bytes of the same plan moves to the previous slot (one file, replaced);
    for the bytes an edit wrote, only the entry of the bytes it read (``edited``) does, and
    wherever that entry is, it stays. ``payload``: the data already encoded (:func:`encode`);
    ``digest`` and ``edited_digest``: :func:`plan_digest` of ``raw`` and ``edited`` when the
    caller has them."""
    try:
        if payload is None:
            payload = encode(data)
        plan_digest = digest if digest is not None else _digest(raw)
        header = f"{salt()} {plan_digest} {_digest(payload)}\n".encode("ascii")
        if len(MAGIC) + len(header) + len(payload) > entry_limit(raw):
            return  # an entry lookup would not read
        target = entry_path(identity, kind)
        was = _plan_digest_at(target)
        moves = was is not None and was != plan_digest
        if moves and (edited is None or was == (edited_digest or _digest(edited))):
            place = target.parent
            if os.stat(place).st_mode & 0o222 and usable(place):  # as write_entry would write there
                os.replace(target, target.with_name(target.name + PREVIOUS))
    except Exception:
        return
    write_entry(target, MAGIC + header + payload)
