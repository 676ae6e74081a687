"""A valid plan as light records (:mod:`iwgplan.plan.records`), from the validated-plan cache
when it holds these exact bytes, else parsed, validated and then cached.

A miss runs on the pydantic models it has just validated, a hit on records built from the
cached data: the records have the models' fields and properties, and `tests/test_cache.py`
checks that a hit prints byte for byte what a miss prints, command by command and format by
format. This module imports neither pydantic nor YAML unless there is a miss.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from iwgplan.files import cache, limits
from iwgplan.files.text import PlanText
from iwgplan.plan import records
from iwgplan.plan.index import PlanIndex

if TYPE_CHECKING:
    from iwgplan.plan.model import Plan

EMBEDDED = "embedded:"


def identity(source: PlanText) -> str | None:
    """Which cache file a plan uses: its resolved path, or the embedded default; None for --rev."""
    if source.rev is not None:
        return None
    if source.path is None:
        return EMBEDDED
    try:
        return str(source.path.resolve())
    except (OSError, RuntimeError):
        return None


def from_data(data: Any) -> tuple[Plan, PlanIndex] | None:
    try:
        plan = records.build(data)
        return plan, PlanIndex(plan)
    except Exception:  # data this version's records cannot read: treat as a miss
        return None


def load(source: PlanText, *, use_cache: bool = True) -> tuple[Plan, PlanIndex]:
    """The plan and its index; raises PlanInvalid with every located problem."""
    key = identity(source) if use_cache and not cache.disabled() else None
    raw = source.text.encode("utf-8")
    digest = cache.plan_digest(raw) if key is not None else None  # one hash of the bytes a run
    if key is not None:
        data = cache.lookup(key, raw, digest=digest)
        found = from_data(data) if data is not None else None
        if found is not None:
            return found
    from iwgplan.errors import PlanInvalid
    from iwgplan.files.loading import check_text
    from iwgplan.files.positions import item_spans

    spans: dict[int, Any] | None = {} if key is not None else None
    checked = check_text(source.text, source.shown, spans=spans)
    plan, index = checked.plan, checked.index
    if plan is None or index is None:
        raise PlanInvalid(checked.result)
    positions = item_spans(checked.data, spans, source.text) if spans else None
    del checked, spans  # the parsed data, before the plan's data are dumped
    if key is not None:
        data = plan.model_dump(mode="json", exclude_defaults=True)
        if from_data(data) is not None:  # records that lag behind the models: cache nothing
            store(key, raw, data, positions, digest=digest)
    return plan, index


def store(
    key: str,
    raw: bytes,
    data: Any,
    positions: dict[str, Any] | None,
    *,
    edited: bytes | None = None,
    payload: bytes | None = None,
    digest: str | None = None,
    edited_digest: str | None = None,
) -> None:
    """Cache a valid plan's data (its models dumped) and, for the edits, where its action
    points stand (files/positions.py); data first, as positions without data are never read.
    An entry that records cannot read is a miss when read, never an error. ``edited``: the
    bytes an edit read, whose entry stays (cache.store). ``payload``: the data already encoded
    (cache.encode); ``digest``, ``edited_digest``: those of ``raw`` and ``edited``, when known,
    so that each bytes are hashed once."""
    digest = digest if digest is not None else cache.plan_digest(raw)
    cache.store(key, raw, data, edited=edited, payload=payload, digest=digest, edited_digest=edited_digest)
    if positions is not None:
        cache.store(
            key, raw, positions, cache.POSITIONS, edited=edited, digest=digest, edited_digest=edited_digest
        )


def cached_only(
    explicit: Path | None, seen: list[tuple[str, bytes]] | None = None
) -> tuple[Plan, PlanIndex, str] | None:
    """The plan, its index and how messages name it, only when the cache holds it; else None.

    For the start-up path of the read-only commands: any trouble (no plan, several plans, an
    unreadable file, a miss) is None, and the full command then does the work and reports.
    """
    data, shown = _cached_data(explicit, seen)
    found = from_data(data) if data is not None else None
    return (*found, shown) if found is not None else None


def cached_records(
    explicit: Path | None, seen: list[tuple[str, bytes]] | None = None
) -> tuple[Plan, str] | None:
    """:func:`cached_only` without the index, for a view that indexes another plan (the plan
    replayed to a past day, `--as-of`): the same Nones, and an index that cannot be built is
    found when the view builds its own."""
    data, shown = _cached_data(explicit, seen)
    if data is None:
        return None
    try:
        return records.build(data), shown
    except Exception:  # data this version's records cannot read: treat as a miss
        return None


def _cached_data(explicit: Path | None, seen: list[tuple[str, bytes]] | None = None) -> tuple[Any, str]:
    """The cached data of the plan (None on any trouble or a miss) and how messages name it;
    ``seen``, when given, gets the plan's cache identity and the bytes that were read."""
    if cache.disabled():
        return None, ""
    try:
        from iwgplan.files.discover import EMBEDDED_NAME, embedded_bytes, find_plan_path, shown_path

        path = find_plan_path(explicit)
        if path is None:
            key, raw, shown = EMBEDDED, embedded_bytes(), f"<embedded default {EMBEDDED_NAME}>"
        else:
            key, shown = str(path.resolve()), shown_path(path)
            raw = _regular_file_bytes(path)
        if seen is not None:
            seen.append((key, raw))
        return cache.lookup(key, raw), shown
    except Exception:
        return None, ""


def _regular_file_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most one more than the plan limit; anything else (a FIFO, a
    device, a socket) raises, so that the full command refuses it with its own message. The
    limit is in files.limits, which imports nothing, so that a cache hit never imports YAML."""
    return limits.regular_file_bytes(path, limits.MAX_BYTES + 1)
