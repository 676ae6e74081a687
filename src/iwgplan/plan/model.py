"""The plan format (``schema_version: 2``) as pydantic models: data and per-field rules only.

Version 2 adds fields and keeps every version 1 file valid: ``kind`` (deliverable, standing
duty, business from before the plan's issue, a possibility), and provenance (``*_basis``,
``*_note``) that says how sure a fact is. A version 1 file is read as it is; it may not use
the version 2 fields (:mod:`iwgplan.plan.rules` says which).

Rules that span fields or need the whole plan (unique ids, references that resolve, cycles)
live in :mod:`iwgplan.plan.rules`, so that they can be collected rather than raised one by one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from iwgplan.plan.dates import DAY_PATTERN, WHEN_PATTERN, When, parse_day
from iwgplan.plan.status import Status

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)

Kind = Literal["deliverable", "standing", "past", "possibility"]
"""What an item is: ``deliverable`` (default) counts in progress and can fall overdue; a
``standing`` duty runs for the whole period; ``past`` is business the document sets before
its own issue date; a ``possibility`` is worded as one ("could serve"), not a task."""

Basis = Literal["document", "inferred", "default", "outside"]
"""Where a fact comes from: the document states it; it is inferred from the document; it is a
transcription default; it comes from a source outside the document."""

ID_PATTERN = r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)

# WTO document symbols: slash-separated parts naming collection, series and type (letters,
# optionally with a two-digit year in brackets), then sequence numbers, then status parts.
_PART = r"[A-Z][A-Z0-9]*(?:\(\d{2}\))?"
_STATUS = r"(?:Rev|Add|Corr|Suppl)\.\d+"
SYMBOL_PATTERN = rf"^{_PART}(?:/(?:{_PART}|\d+))+(?:/{_STATUS})*$"
_SYMBOL_RE = re.compile(SYMBOL_PATTERN)
_URL_RE = re.compile(r"^https?://\S+$")


def _check_id(value: str) -> str:
    if len(value) > 40:
        raise ValueError(f"id {value!r} is longer than 40 characters")
    if not _ID_RE.match(value):
        raise ValueError(
            f"id {value!r} must be lower-case letters, digits and single '-', '_' or '.'"
            " between them, starting with a letter"
        )
    return value


def _check_symbol(value: str) -> str:
    if not _SYMBOL_RE.match(value):
        raise ValueError(
            f"{value!r} is not a WTO document symbol (for example WT/L/1095/Rev.1 or INF/TGE/W/7/Rev.3)"
        )
    return value


def _check_evidence_ref(value: str) -> str:
    if _URL_RE.match(value) or _SYMBOL_RE.match(value):
        return value
    raise ValueError(f"{value!r} is neither a WTO document symbol nor an http(s) URL")


def _check_due(value: str) -> str:
    if value[:1].isdigit():
        When.parse(value)
    elif not _ID_RE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD), a month (YYYY-MM) or a milestone id")
    return value


Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 40}),
]
Symbol = Annotated[
    str,
    AfterValidator(_check_symbol),
    WithJsonSchema({"type": "string", "pattern": SYMBOL_PATTERN}),
]
Day = Annotated[date, BeforeValidator(parse_day), WithJsonSchema({"type": "string", "pattern": DAY_PATTERN})]
Due = Annotated[
    str,
    AfterValidator(_check_due),
    WithJsonSchema({"type": "string", "pattern": rf"^(?:{WHEN_PATTERN[1:-1]}|{ID_PATTERN[1:-1]})$"}),
]
EvidenceRef = Annotated[
    str,
    AfterValidator(_check_evidence_ref),
    WithJsonSchema({"type": "string", "pattern": rf"({SYMBOL_PATTERN})|(^https?://\S+$)"}),
]
Text = Annotated[str, Field(min_length=1)]


def _whole_number(value: object) -> object:
    """JSON Schema's ``integer`` takes 2.0 as 2; ``true`` and ``"2"`` are not numbers to it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):  # a Literal[1, 2] would take true as 1
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# Types as strict as the exported JSON Schema: no true for 1, no "1" for 1, no 1 or "yes" for
# true (tests/test_schema_agrees.py runs both over a corpus of mutated plans).
WholeNumber = Annotated[int, Strict(), BeforeValidator(_whole_number)]
Flag = Annotated[bool, Strict()]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False)


class Period(Model):
    start: When
    end: When

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end.last() < self.start.first():
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class PlanMeta(Model):
    id: Id
    title: Text
    body: Text
    symbol: Symbol | None = None
    revision: WholeNumber = Field(ge=0, le=999, description="0 for the original, N for Rev.N")
    date: Day
    issued_by: list[Text] = Field(default_factory=list)
    period: Period
    supersedes: Symbol | None = None
    issuer_role: str | None = None
    symbol_note: str | None = None
    supersedes_note: str | None = None

    @property
    def revision_label(self) -> str:
        return "Original" if self.revision == 0 else f"Rev.{self.revision}"


class Reference(Model):
    symbol: Symbol
    title: Text
    note: str | None = None
    title_basis: Basis | None = None


class Objective(Model):
    id: Id
    number: str | None = None
    text: Text
    refs: list[Symbol] = Field(default_factory=list)
    points: list[Text] = Field(default_factory=list)
    points_style: Literal["bullets", "letters", "numbers"] = "bullets"
    closing: str | None = None


class Milestone(Model):
    id: Id
    title: Text
    date: When | None = None
    start: When | None = None
    end: When | None = None
    description: str | None = None
    basis: Basis | None = None
    basis_note: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Milestone:
        if self.date is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either 'date' or 'start' and 'end', not both")
        if self.date is None and (self.start is None or self.end is None):
            raise ValueError("give a 'date', or a range with both 'start' and 'end'")
        if self.start and self.end and self.end.last() < self.start.first():
            raise ValueError(f"the milestone ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def begins(self) -> When:
        """The date a milestone falls on; for a range, its start."""
        return self.date or self.start  # type: ignore[return-value]

    @property
    def finishes(self) -> When:
        return self.date or self.end  # type: ignore[return-value]


class Evidence(Model):
    ref: EvidenceRef
    title: str | None = None
    date: Day | None = None


class HistoryEntry(Model):
    date: Day
    status: Status | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _says_something(self) -> HistoryEntry:
        if self.status is None and not self.note:
            raise ValueError("a history entry needs a 'status', a 'note', or both")
        return self


class ActionPoint(Model):
    id: Id
    number: str | None = None
    title: Text
    status: Status
    description: str | None = None
    kind: Kind = "deliverable"
    due: Due | None = None
    due_basis: Basis | None = None
    due_note: str | None = None
    completed: Day | None = None
    owners: list[Text] = Field(default_factory=list)
    owners_basis: Basis | None = None
    partners: list[Text] = Field(default_factory=list)
    refs: list[Symbol] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)
    depends_on: list[Id] = Field(default_factory=list)
    children: list[ActionPoint] = Field(default_factory=list)


class FocusArea(Model):
    id: Id
    number: str | None = None
    title: Text
    description: str | None = None
    action_points: list[ActionPoint] = Field(default_factory=list)


class Tier(Model):
    id: Id
    number: str
    title: Text
    priority: Flag = False
    description: str | None = None
    focus_areas: list[FocusArea] = Field(default_factory=list)


class Section(Model):
    """A numbered section of the document whose commitments are tracked like action points."""

    id: Id
    number: str
    title: Text
    description: str | None = None
    items: list[ActionPoint] = Field(default_factory=list)


class Plan(Model):
    schema_version: Annotated[Literal[1, 2], BeforeValidator(_whole_number)]
    plan: PlanMeta
    references: list[Reference] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
