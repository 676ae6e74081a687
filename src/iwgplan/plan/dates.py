"""Dates that keep the precision a document gives: a day (2025-09-10) or a month (2025-09).

A month is read as its first day when something starts and as its last day when something
is due or ends. Pure: no I/O; pydantic-core only inside its schema hooks.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic only when the models are built: the cached path runs without it
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


def today() -> date:
    """Today's date: the one clock every command reads ("today" in a screen, the date a
    history entry is written with, the limit of --date). Call it as ``dates.today()`` so
    that tests can pin it: a suite that runs across midnight must not see two days."""
    return date.today()


MIN_YEAR = 1995  # the WTO's first year: nothing a plan tracks can be older
MAX_YEAR = 2100

# Patterns are written once for Python and for the JSON Schema an editor reads (ECMA-262), so
# they use what both read alike: [0-9], never \d (Python's takes "٢" and "２"), and END for the
# end of the text ("$" alone, in Python, also matches before a final line break: "x\n").
END = r"(?!\n)$"
_MONTH = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
DAY_BODY = rf"{_MONTH}-{_DAY}"
WHEN_BODY = rf"{_MONTH}(?:-{_DAY})?"
DAY_PATTERN = rf"^{DAY_BODY}{END}"
WHEN_PATTERN = rf"^{WHEN_BODY}{END}"
_WHEN_RE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def dated(text: str) -> bool:
    """``text`` starts as a date does, with an ASCII digit (not "٢", "２" or "²")."""
    return "0" <= text[:1] <= "9"


@dataclass(frozen=True, order=True, slots=True)
class When:
    """A calendar day, or a whole month when ``day`` is None."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> When:
        match = _WHEN_RE.fullmatch(text)
        if not match:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a month (YYYY-MM)")
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"{text!r} is outside the years {MIN_YEAR} to {MAX_YEAR}")
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{text!r} is not a day of that month")
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> When:
        return cls(day.year, day.month, day.day)

    def first(self) -> date:
        return date(self.year, self.month, self.day or 1)

    def last(self) -> date:
        if self.day is not None:
            return date(self.year, self.month, self.day)
        return _month_end(self.year, self.month)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _validate_when,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": WHEN_PATTERN}


def _validate_when(value: object) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a date (YYYY-MM-DD) or a month (YYYY-MM) as text")
    return _when_of(value)


def parse_day(value: object) -> date:
    """A full ISO day given as text; YAML 1.2 leaves dates as strings, so that is all we see."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a date as YYYY-MM-DD")
    return _day_of(value)


@functools.lru_cache(maxsize=4096)
def _month_end(year: int, month: int) -> date:
    """A month's last day (`list` asks for the same few months tens of thousands of times)."""
    return date(year, month, calendar.monthrange(year, month)[1])


# A plan repeats the same few hundred dates (every history entry has one), and a history of
# 500 commits reads each of them 500 times: the text of each is parsed once. Both results are
# immutable; an error is raised afresh each time (lru_cache keeps no exceptions).
@functools.lru_cache(maxsize=8192)
def _when_of(text: str) -> When:
    return When.parse(text)


@functools.lru_cache(maxsize=8192)
def _day_of(text: str) -> date:
    if not _DAY_RE.fullmatch(text):
        raise ValueError("expected a date as YYYY-MM-DD")
    return _when_of(text).first()


_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def shift(day: date, days: int) -> date:
    """``day`` plus ``days``, held at the first or last day Python knows (1-01-01, 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
