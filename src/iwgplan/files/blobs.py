"""Blobs of the plan's history to validated plans: each distinct blob parsed once."""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable

from iwgplan.errors import IwgplanError, PlanInvalid
from iwgplan.files.loading import check_text
from iwgplan.files.source import decode
from iwgplan.plan.index import PlanIndex


class Plans:
    """Blobs to plans: each distinct blob parsed once while it may still be needed.

    Only the last few plans are kept (a linear history needs two); blobs that do not load keep
    only their one-line reason.
    """

    # iwgplan runs with the cyclic garbage collector off (cli.main), but a plan's index has
    # cycles (an entry and its sub-points): a walk over hundreds of commits would keep every
    # plan it dropped. Every so many plans dropped, the garbage is collected; what was alive
    # before the walk is frozen first, so that each collection looks only at the plans since.
    COLLECT_EVERY = 8

    def __init__(self, read: Callable[[str], bytes], keep: int = 3) -> None:
        self._read = read
        self._keep = keep
        self._plans: OrderedDict[str, PlanIndex] = OrderedDict()
        self.invalid: dict[str, str] = {}
        self.parsed = 0
        self._dropped = 0
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
        self.parsed += 1
        try:
            checked = check_text(decode(self._read(blob), shown), shown)
            if checked.index is None or not checked.result.valid:
                raise PlanInvalid(checked.result)
        except PlanInvalid as exc:
            self.invalid[blob] = _first_problem(exc)
            return self.invalid[blob]
        except IwgplanError as exc:
            self.invalid[blob] = ": " + " ".join(str(exc).split())
            return self.invalid[blob]
        self._plans[blob] = checked.index
        if len(self._plans) > self._keep:
            self._plans.popitem(last=False)
            self._dropped += 1
            if self._dropped % self.COLLECT_EVERY == 0 and not gc.isenabled():
                gc.collect()
        return checked.index


def _first_problem(exc: PlanInvalid) -> str:
    problems = exc.result.problems
    if not problems:
        return str(exc)
    first = problems[0]
    where = f":{first.line}:{first.column}: " if first.line is not None else ": "
    what = f"{first.dotted}: " if first.loc else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return " ".join(f"{where}{what}{first.message}{more}".split())
