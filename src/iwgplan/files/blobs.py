"""Blobs of the plan's history to validated plans: each distinct blob parsed once."""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from iwgplan.errors import IwgplanError, PlanInvalid
from iwgplan.files import cache
from iwgplan.plan.index import PlanIndex

if TYPE_CHECKING:
    from iwgplan.files.gitlog import GitHistory

BLOB = "git-blob:"  # the cache's name for a blob of the plan's history: its object id follows


class Plans:
    """Blobs to plans: each distinct blob parsed once while it may still be needed.

    Only the last few plans are kept (a linear history needs two); blobs that do not load keep
    only their one-line reason. With ``cached``, a valid blob's data goes to the validated-plan
    cache under the blob's id, and a blob found there is neither parsed nor validated: the
    plans are then always the light records (:mod:`iwgplan.plan.records`), hit or miss, so that
    one run never compares a record with a model. `status --since`, the reports and `log` use
    it: `log` run again over the same commits reads each blob's records, not its YAML.
    """

    # iwgplan runs with the cyclic garbage collector off (cli.main), but a plan's index has
    # cycles (an entry and its sub-points): a walk over hundreds of commits would keep every
    # plan it dropped. Every so many plans dropped, the garbage is collected; what was alive
    # before the walk is frozen first, so that each collection looks only at the plans since.
    COLLECT_EVERY = 8
    ENTRIES_KEPT = 16  # top-level entries of the last blobs or two (a plan has about seven)

    def __init__(self, read: Callable[[str], bytes], keep: int = 3, *, cached: bool = False) -> None:
        self._read = read
        self._keep = keep
        self._cached = cached and not cache.disabled()
        self._plans: OrderedDict[str, PlanIndex] = OrderedDict()
        self.invalid: dict[str, str] = {}
        self.parsed = 0
        self._dropped = 0
        self._entries: OrderedDict[str, object] = OrderedDict()  # top-level entries already parsed
        if not gc.isenabled():
            gc.freeze()

    def get(self, blob: str, shown: str) -> PlanIndex | str:
        """The plan in ``blob``, or why it does not load."""
        if blob in self.invalid:
            return self.invalid[blob]
        found = self._plans.get(blob)
        if found is not None:
            self._plans.move_to_end(blob)
            return found
        try:
            index = self._load(blob, shown)
        except PlanInvalid as exc:
            self.invalid[blob] = _first_problem(exc)
            return self.invalid[blob]
        except IwgplanError as exc:
            self.invalid[blob] = ": " + " ".join(str(exc).split())
            return self.invalid[blob]
        self._plans[blob] = index
        if len(self._plans) > self._keep:
            self._plans.popitem(last=False)
            self._dropped += 1
            if self._dropped % self.COLLECT_EVERY == 0 and not gc.isenabled():
                gc.collect()
        return index

    def _load(self, blob: str, shown: str) -> PlanIndex:
        from iwgplan.files.cached_plan import from_data

        raw = self._read(blob)
        if self._cached:
            data = cache.lookup(BLOB + blob, raw)
            found = from_data(data) if data is not None else None
            if found is not None:
                return found[1]
        from iwgplan.files.loading import check_data, check_text  # pydantic and YAML: on a miss
        from iwgplan.files.reading import decode
        from iwgplan.files.yaml_loader import data_by_entries

        self.parsed += 1
        text = decode(raw, shown)
        data = data_by_entries(text, self._entries)  # a commit changes an entry or two: the rest
        while len(self._entries) > self.ENTRIES_KEPT:  # were parsed for an earlier blob
            self._entries.popitem(last=False)
        checked = check_text(text, shown) if data is None else check_data(data, text, shown)
        if checked.index is None or not checked.result.valid:
            raise PlanInvalid(checked.result)
        if not self._cached:
            return checked.index
        data = checked.index.plan.model_dump(mode="json", exclude_defaults=True)
        found = from_data(data)
        if found is None:  # records that lag behind the models: the models, uncached
            self._cached = False
            return checked.index
        cache.store(BLOB + blob, raw, data)
        return found[1]


def _first_problem(exc: PlanInvalid) -> str:
    problems = exc.result.problems
    if not problems:
        return str(exc)
    first = problems[0]
    where = f":{first.line}:{first.column}: " if first.line is not None else ": "
    what = f"{first.dotted}: " if first.loc else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return " ".join(f"{where}{what}{first.message}{more}".split())


def cached_plans(history: GitHistory) -> Plans:
    """The blobs of ``history`` read through the validated-plan cache (status --since, reports)."""
    return Plans(history.blob, cached=True)
