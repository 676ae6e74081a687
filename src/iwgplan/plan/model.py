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
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from iwgplan.plan.dates import DAY_PATTERN, END, WHEN_BODY, When, dated, parse_day
from iwgplan.plan.status import Status

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)

Kind = Literal["deliverable", "standing", "past", "possibility"]
"""What an item is: ``deliverable`` (default) counts in progress and can fall overdue; a
``standing`` duty runs for the whole period; ``past`` is business the document sets before
its own issue date; a ``possibility`` is worded as one ("could serve"), not a task."""

Force = Literal["will", "intend", "encourage", "could", "as necessary", "upon request"]
"""The document's own verb for an item (issue 23, point 4): ``will`` commits; ``intend`` is an
intention and ``encourage`` an encouragement (to someone else), neither a deliverable of the
group's; ``could`` a possibility; ``as necessary`` and ``upon request`` say when a commitment
applies. None: the document's words carry no verb (a table row, a point of a list)."""

Basis = Literal["document", "inferred", "default", "outside", "recorded"]
"""Where a fact comes from: the document states it; it is inferred from the document; it is a
transcription default; it comes from a source outside the document; it was recorded by an edit
(``modify --due``: the date, the reason and the history entry say when and why)."""

ID_BODY = r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*"
ID_PATTERN = rf"^{ID_BODY}{END}"
_ID_RE = re.compile(ID_BODY)

# WTO document symbols: slash-separated parts naming collection, series and type (letters,
# optionally with a two-digit year in brackets), then sequence numbers, then status parts.
_PART = r"[A-Z][A-Z0-9]*(?:\([0-9]{2}\))?"
_STATUS = r"(?:Rev|Add|Corr|Suppl)\.[0-9]+"
SYMBOL_BODY = rf"{_PART}(?:/(?:{_PART}|[0-9]+))+(?:/{_STATUS})*"
SYMBOL_PATTERN = rf"^{SYMBOL_BODY}{END}"
_SYMBOL_RE = re.compile(SYMBOL_BODY)
# Not white space to Python nor to ECMA-262 (whose \s differ: \x1c-\x1f and \x85 for one,
# \ufeff for the other), spelled out so that both read the same pattern alike.
NOT_SPACE = r"[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
URL_BODY = rf"https?://{NOT_SPACE}+"
_URL_RE = re.compile(URL_BODY)
# `carried_from`: the plan id, '#', the item id in that plan.
CARRY_BODY = rf"{ID_BODY}#{ID_BODY}"
CARRY_PATTERN = rf"^{CARRY_BODY}{END}"
_CARRY_RE = re.compile(CARRY_BODY)
# `baseline`: a git revision or tag, or a plan file's path: one line, no white space, control or
# invisible character (spelled out, as NOT_SPACE is, for Python and ECMA-262 alike), no leading '-'.
_UNSEEN = r" \x00-\x1f\x7f-\xa0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff"
BASELINE_BODY = rf"[^{_UNSEEN}-][^{_UNSEEN}]{{0,199}}"
BASELINE_PATTERN = rf"^{BASELINE_BODY}{END}"


def _check_id(value: str) -> str:
    if len(value) > 40:
        raise ValueError(f"id {value!r} is longer than 40 characters")
    if not _ID_RE.fullmatch(value):
        raise ValueError(
            f"id {value!r} must be lower-case letters, digits and single '-', '_' or '.'"
            " between them, starting with a letter"
        )
    return value


def _check_symbol(value: str) -> str:
    if not _SYMBOL_RE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a WTO document symbol (for example WT/L/1095/Rev.1 or INF/TGE/W/7/Rev.3)"
        )
    return value


def _check_evidence_ref(value: str) -> str:
    if _URL_RE.fullmatch(value) or _SYMBOL_RE.fullmatch(value):
        return value
    raise ValueError(f"{value!r} is neither a WTO document symbol nor an http(s) URL")


def _check_due(value: str) -> str:
    if dated(value):
        When.parse(value)
    elif not _ID_RE.fullmatch(value):
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
    WithJsonSchema({"type": "string", "pattern": rf"^(?:{WHEN_BODY}|{ID_BODY}){END}"}),
]
EvidenceRef = Annotated[
    str,
    AfterValidator(_check_evidence_ref),
    WithJsonSchema({"type": "string", "pattern": rf"^(?:{SYMBOL_BODY}|{URL_BODY}){END}"}),
]
Text = Annotated[str, Field(min_length=1)]

# Translations (issue 27): `title`, `description` and `note` may be one text (the plan's own
# language, English) or a mapping `{en: ..., fr: ..., es: ...}` that must hold the English text.
# The models keep the English text in the field itself, so every reader keeps working, and the
# other languages beside it in `<field>_tr` (not a key of the file: the schema does not list it).
TRANSLATED = ("title", "description", "note")
OTHER_LANGUAGES = ("fr", "es")
_LANG_TEXT = {"type": "string", "minLength": 1}
_LANG_MAPPING = {
    "type": "object",
    "properties": {"en": _LANG_TEXT, "fr": _LANG_TEXT, "es": _LANG_TEXT},
    "required": ["en"],
    "additionalProperties": False,
}


def _well_formed(value: object) -> bool:
    return (
        isinstance(value, dict)
        and "en" in value
        and all(k in ("en", *OTHER_LANGUAGES) and isinstance(v, str) and v for k, v in value.items())
    )


def _not_a_mapping(value: object) -> object:
    """A mapping the model could not split: say what one must hold."""
    if isinstance(value, dict):
        raise ValueError(
            "a text in several languages is a mapping {en: ..., fr: ..., es: ...}: 'en' (the"
            " plan's own language) is required, each value a non-empty text, no other key"
        )
    return value


def _split_translations(cls: type[BaseModel], data: object) -> object:
    if not isinstance(data, dict):
        return data
    out = data
    for name in TRANSLATED:
        other = f"{name}_tr"
        if other not in cls.model_fields:
            continue
        if other in data:
            raise ValueError(
                f"{other!r} is not a key of the plan format; give {name!r} as a mapping"
                " {en: ..., fr: ..., es: ...}"
            )
        value = data.get(name)
        if _well_formed(value):
            assert isinstance(value, dict)
            if out is data:
                out = dict(data)
            out[name] = value["en"]
            out[other] = {k: value[k] for k in OTHER_LANGUAGES if k in value} or None
    return out


TrText = Annotated[
    str,
    BeforeValidator(_not_a_mapping),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [_LANG_TEXT, _LANG_MAPPING]}),
]
"""A required text that may come in several languages."""
TrNote = Annotated[
    str,
    BeforeValidator(_not_a_mapping),
    WithJsonSchema({"anyOf": [{"type": "string"}, _LANG_MAPPING]}),
]
"""An optional text (description, note) that may come in several languages."""
Translations = SkipJsonSchema[dict[str, str] | None]
"""The other languages of a text, by code (fr, es); None when it has none."""


def _check_carry(value: str) -> str:
    plan_id, _, item_id = value.partition("#")
    if not _CARRY_RE.fullmatch(value) or len(plan_id) > 40 or len(item_id) > 40:
        raise ValueError(
            f"{value!r} is not PLAN-ID#ITEM-ID (for example iwg-workplan-2025-2026#msme-toolkit)"
        )
    return value


def _check_baseline(value: str) -> str:
    if not re.fullmatch(BASELINE_BODY, value):
        raise ValueError(
            f"{value!r} is not a git revision, tag or file path: one line, no spaces or control"
            " characters, not starting with '-', at most 200 characters"
        )
    return value


CarryRef = Annotated[
    str, AfterValidator(_check_carry), WithJsonSchema({"type": "string", "pattern": CARRY_PATTERN})
]
BaselineRef = Annotated[
    str,
    AfterValidator(_check_baseline),
    WithJsonSchema({"type": "string", "pattern": BASELINE_PATTERN, "maxLength": 200}),
]


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
    # defer_build: a model's validator is built when it is first used, not when this module is
    # imported: a warm edit validates action points alone, and never pays for the whole plan's
    # (38 ms of a 118 ms import); Plan's forward reference to Meeting resolves then too.
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _translations(cls, data: object) -> object:
        return _split_translations(cls, data)


# Descriptions are written once, here: the JSON Schema shows them on hover in editors, and the
# README's key reference is generated from them (tests/test_schema.py keeps both in step).
_ID = "lower-case letters and digits, single '-', '_' or '.' between them; unique in the file"
_DOC_NUMBER = "The document's own number for it, as the document writes it; none means a bullet"
_SYMBOLS = "WTO document symbols, each listed under the plan's `references`"
_BASIS = (
    "where the fact comes from: `document` (stated), `inferred` (from the document), `default`"
    " (a transcription default), `outside` (a source outside the document) or `recorded` (set by"
    " an edit, `modify --due`, with its reason in the history)"
)

_SOURCES = (
    "The public pages (http(s) URLs) or WTO documents (symbols) that {what} comes from; printed with it."
)


class Period(Model):
    """The period the plan covers (the IWG Work Plan 2025-2026: September 2025 to December 2026, 4.1)."""

    start: When = Field(
        description="First month or day of the period; a month starts on its first day.",
        examples=["2025-09", "2025-09-10"],
    )
    end: When = Field(
        description="Last month or day of the period; a month ends on its last day.",
        examples=["2026-12", "2026-12-31"],
    )

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end.last() < self.start.first():
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class PlanMeta(Model):
    """The document itself: what it is, who issued it, when, and the period it covers."""

    id: Id = Field(description=f"A short id for the plan: {_ID}.", examples=["iwg-workplan-2025-2026"])
    title: TrText = Field(description="The document's title, as it is published.")
    body: Text = Field(description="The WTO body whose work plan this is.")
    symbol: Symbol | None = Field(
        default=None,
        description="The document's WTO symbol: collection, series and type, then numbers and"
        " status parts (Rev.N, Add.N, Corr.N, Suppl.N), separated by '/'.",
        examples=["INF/TGE/W/10/Rev.1", "WT/MIN(24)/DEC", "JOB/GC/123"],
    )
    revision: WholeNumber = Field(
        ge=0, le=999, description="0 for the original, N for Rev.N.", examples=[0, 1]
    )
    date: Day = Field(
        description="The day the document is dated (its issue); items due before it are business"
        " from before this revision.",
        examples=["2025-09-10"],
    )
    issued_by: list[Text] = Field(
        default_factory=list,
        description="Who issues the document, one name each.",
        examples=[["Cabo Verde", "El Salvador"]],
    )
    period: Period = Field(description="The period the plan covers: `start` and `end`.")
    supersedes: Symbol | None = Field(
        default=None,
        description="The symbol of the document this revision replaces.",
        examples=["INF/TGE/W/10"],
    )
    issuer_role: str | None = Field(
        default=None,
        description="In what role the issuers issue it, shown after their names.",
        examples=["the Co-Chairs of the IWG"],
    )
    symbol_note: str | None = Field(
        default=None,
        description="How sure the `symbol` is, shown beside it.",
        examples=["probable"],
    )
    supersedes_note: str | None = Field(
        default=None,
        description="How sure `supersedes` is, shown beside it.",
        examples=["probable, inferred from the symbol of this revision"],
    )

    # Succession: the plan as issued, and its close (`iwgplan variance`, `iwgplan successor`).
    baseline: BaselineRef | None = Field(
        default=None,
        description="The plan as issued, that `iwgplan variance` measures changes against: a git"
        " revision or tag, or a plan file's path (from this file's folder).",
        examples=["issued", "rev1", "workplan-2025-2026-issued.yaml"],
    )
    closed: Day | None = Field(
        default=None,
        description="The day the plan was closed, when `iwgplan successor` wrote the next one;"
        " edits after it need `--force`.",
        examples=["2027-01-31"],
    )
    # Facts from outside the document (issue 23, point 5): where they come from, and how the
    # revision is read when the document gives no number.
    symbol_sources: list[EvidenceRef] = Field(
        default_factory=list,
        description=_SOURCES.format(what="the `symbol`, when the document does not print it"),
        examples=[["https://www.wto.org/"]],
    )
    revision_note: str | None = Field(
        default=None,
        description="How `revision` is read, when the document gives no number; shown beside it.",
        examples=['the tool\'s reading of "Revision"; the document gives no number'],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None

    @property
    def revision_label(self) -> str:
        return "Original" if self.revision == 0 else f"Rev.{self.revision}"


class Reference(Model):
    """A document the plan cites by its WTO symbol; `refs` elsewhere must name one of these."""

    symbol: Symbol = Field(
        description="The cited document's WTO symbol.",
        examples=["WT/L/1095/Rev.1", "WT/MIN(24)/DEC", "INF/TGE/W/7/Rev.3"],
    )
    title: TrText = Field(description="The cited document's title.")
    note: TrNote | None = Field(default=None, description="A note on the reference, shown with it.")
    title_basis: Basis | None = Field(
        default=None, description=f"Where the title comes from: {_BASIS}.", examples=["inferred"]
    )
    # Facts from outside the document (issue 23, point 5).
    symbol_basis: Basis | None = Field(
        default=None,
        description=f"Where the symbol comes from, when the document cites it without one: {_BASIS}.",
        examples=["outside"],
    )
    title_note: str | None = Field(
        default=None,
        description="A short note on the title's basis, shown with it.",
        examples=["the document cites it by symbol only"],
    )
    sources: list[EvidenceRef] = Field(
        default_factory=list,
        description=_SOURCES.format(what="a title or symbol from outside the document"),
        examples=[["WT/MIN(24)/6"]],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    note_tr: Translations = None


class Heading(Model):
    """A numbered heading of the document ("5 New IWG agenda setting and Secretariat's support
    functions"): the reports print each paragraph, tier and section under the heading its number
    falls under (2.1(a) and 5.2 under 2 and 5; the tiers under the heading of the last objective)."""

    number: str = Field(description="The heading's number in the document.", examples=["1", "5"])
    title: TrText = Field(
        description="The heading, as the document words it.",
        examples=["Introduction", "New IWG agenda setting and Secretariat's support functions"],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None


class Objective(Model):
    """A numbered paragraph of the document's introduction or objectives (sections 1 to 3)."""

    id: Id = Field(description=f"A short id for the paragraph: {_ID}.", examples=["purpose"])
    number: str | None = Field(
        default=None, description="The paragraph's number in the document.", examples=["2.3", "2.1(a)"]
    )
    text: Text = Field(description="The paragraph's text, as the document words it.")
    refs: list[Symbol] = Field(
        default_factory=list, description=f"The {_SYMBOLS}, that it cites.", examples=[["WT/L/1095/Rev.1"]]
    )
    points: list[Text] = Field(
        default_factory=list, description="The paragraph's listed points, in the document's order."
    )
    points_style: Literal["bullets", "letters", "numbers"] = Field(
        default="bullets",
        description="How the points are marked: `bullets`, `letters` ((a), (b), (c)) or `numbers`.",
        examples=["letters"],
    )
    closing: str | None = Field(default=None, description="Text that follows the points.")
    points_basis: Basis | None = Field(
        default=None,
        description=f"Where the points come from, when the document does not list them: {_BASIS}.",
        examples=["outside"],
    )
    points_note: str | None = Field(
        default=None,
        description="A short note on the points' basis, shown with them.",
        examples=["in short, from WT/L/1095/Rev.1"],
    )
    # Facts from outside the document (issue 23, point 5).
    points_sources: list[EvidenceRef] = Field(
        default_factory=list,
        description=_SOURCES.format(what="points from outside the document"),
        examples=[["WT/L/1095/Rev.1"]],
    )


class Milestone(Model):
    """A dated event of the plan (a meeting, MC14, the start and end of the period, the report
    back); an action point's `due` may name it and then falls due when it ends."""

    id: Id = Field(description=f"A short id that `due` can name: {_ID}.", examples=["mc14", "report-back"])
    title: TrText = Field(description="What happens, as the document names it.")
    date: When | None = Field(
        default=None,
        description="The day or month it falls on; a month is the whole month. Give this or"
        " `start` and `end`.",
        examples=["2025-07-03", "2026-12"],
    )
    start: When | None = Field(
        default=None,
        description="First day or month of a milestone that spans a range (with `end`).",
        examples=["2026-03-26", "2026-12"],
    )
    end: When | None = Field(
        default=None,
        description="Last day or month of a range; an item due at this milestone falls due then.",
        examples=["2026-03-29", "2027-01"],
    )
    description: TrNote | None = Field(default=None, description="More about the milestone.")
    basis: Basis | None = Field(
        default=None, description=f"Where its dates come from: {_BASIS}.", examples=["outside"]
    )
    basis_note: str | None = Field(
        default=None,
        description="A short note on the basis, shown with it.",
        examples=["dates and place as announced; the document names MC14 without them"],
    )
    # Facts from outside the document (issue 23, point 5).
    sources: list[EvidenceRef] = Field(
        default_factory=list,
        description=_SOURCES.format(what="dates (or a place) from outside the document"),
        examples=[["https://www.wto.org/"]],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    description_tr: Translations = None

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
    """A document or page that shows an item was done."""

    ref: EvidenceRef = Field(
        description="A WTO document symbol or an http(s) URL.",
        examples=["INF/TGE/W/7/Rev.3", "https://www.wto.org/"],
    )
    title: TrNote | None = Field(default=None, description="What the document or page is.")
    date: Day | None = Field(
        default=None, description="The day it is dated (YYYY-MM-DD).", examples=["2025-09-10"]
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None


class HistoryEntry(Model):
    """A dated status change or note on an action point; entries are kept in date order."""

    date: Day = Field(description="The day it happened (YYYY-MM-DD).", examples=["2025-09-10"])
    status: Status | None = Field(
        default=None, description="The status the item took that day.", examples=["in-progress", "done"]
    )
    note: TrNote | None = Field(default=None, description="What happened, in a line.")

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    note_tr: Translations = None

    @model_validator(mode="after")
    def _says_something(self) -> HistoryEntry:
        if self.status is None and not self.note:
            raise ValueError("a history entry needs a 'status', a 'note', or both")
        return self


class ActionPoint(Model):
    """A deliverable or action point of the document (or a commitment of a tracked section),
    with its status and the progress recorded on it."""

    id: Id = Field(
        description=f"A short id to name the item on the command line: {_ID}.",
        examples=["joint-statement", "msme-toolkit"],
    )
    number: str | None = Field(default=None, description=f"{_DOC_NUMBER} (`•`).", examples=["1", "a"])
    title: TrText = Field(description="The item as the document words it.")
    status: Status = Field(
        description="Where the item stands: `planned`, `in-progress`, `done` (needs `completed`),"
        " `blocked` or `dropped`.",
        examples=["planned", "in-progress", "done"],
    )
    description: TrNote | None = Field(default=None, description="More of the document's words on it.")
    kind: Kind = Field(
        default="deliverable",
        description="What the item is: a `deliverable` counts in progress and can fall overdue; a"
        " `standing` duty runs for the whole period; `past` is business the document sets before"
        " its own date; a `possibility` is worded as one, not as a task.",
        examples=["deliverable", "standing"],
    )
    due: Due | None = Field(
        default=None,
        description="When it falls due: a day (YYYY-MM-DD), a month (YYYY-MM, due on its last day)"
        " or a milestone id (due when the milestone ends).",
        examples=["mc14", "2026-12", "2026-03-29"],
    )
    due_basis: Basis | None = Field(
        default=None, description=f"Where the due date comes from: {_BASIS}.", examples=["inferred"]
    )
    due_note: str | None = Field(
        default=None,
        description="A short note on the due date's basis, shown with it.",
        examples=["the document gives no date; the item is under the MC14 focus area"],
    )
    completed: Day | None = Field(
        default=None,
        description="The day it was done (YYYY-MM-DD); required when `status` is `done`.",
        examples=["2026-03-29"],
    )
    owners: list[Text] = Field(
        default_factory=list,
        description="Who carries it out, one name each.",
        examples=[["IWG Co-Chairs"], ["WTO Secretariat"]],
    )
    owners_basis: Basis | None = Field(
        default=None, description=f"Where the owners come from: {_BASIS}.", examples=["inferred"]
    )
    partners: list[Text] = Field(
        default_factory=list,
        description="Who it is done with, one name each.",
        examples=[["ITC", "UNCTAD", "ITU"]],
    )
    refs: list[Symbol] = Field(
        default_factory=list, description=f"The {_SYMBOLS}, that it cites.", examples=[["INF/TGE/W/7/Rev.3"]]
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Documents or pages that show it was done."
    )
    history: list[HistoryEntry] = Field(
        default_factory=list, description="Dated status changes and notes, in date order."
    )
    depends_on: list[Id] = Field(
        default_factory=list,
        description="Ids of the action points it waits for; no cycles.",
        examples=[["tpr-assessment"]],
    )
    children: list[ActionPoint] = Field(
        default_factory=list, description="Sub-points, of the same shape as an action point."
    )

    # Succession: where an item carried over from an earlier plan comes from.
    carried_from: CarryRef | None = Field(
        default=None,
        description="`PLAN-ID#ITEM-ID`: the item of an earlier plan that this one carries on"
        " (written by `iwgplan successor`).",
        examples=["iwg-workplan-2025-2026#msme-toolkit"],
    )

    # The document's force (issue 23, point 4): its own verb for the item.
    force: Force | None = Field(
        default=None,
        description="The document's own verb for the item: `will`, `intend` (an intention),"
        " `encourage` (an encouragement to someone else), `could` (a possibility), `as necessary`"
        " or `upon request`. An intention, an encouragement or a possibility is not counted as a"
        " deliverable, whatever its `kind`.",
        examples=["will", "encourage", "upon request"],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    description_tr: Translations = None


class FocusArea(Model):
    """A focus area of a tier (section 3.1), holding its deliverables and action points."""

    id: Id = Field(description=f"A short id for the focus area: {_ID}.", examples=["mc14-prep", "data"])
    number: str | None = Field(default=None, description=f"{_DOC_NUMBER}.")
    title: TrText = Field(description="The focus area as the document names it.")
    description: TrNote | None = Field(default=None, description="The document's words on its scope.")
    action_points: list[ActionPoint] = Field(
        default_factory=list, description="Its deliverables and action points, in the document's order."
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    description_tr: Translations = None


class Tier(Model):
    """A tier the plan is structured around (the IWG Work Plan has three, 3.1; tier one is its
    priority work, 4.2)."""

    id: Id = Field(description=f"A short id for the tier: {_ID}.", examples=["tier1"])
    number: str = Field(description="The tier's number in the document.", examples=["1", "3"])
    title: TrText = Field(description="The tier as the document names it.", examples=["Tier one"])
    priority: Flag = Field(
        default=False, description="Whether the document makes it the priority work.", examples=[True]
    )
    description: TrNote | None = Field(default=None, description="The document's words on the tier.")
    focus_areas: list[FocusArea] = Field(default_factory=list, description="Its focus areas, in order.")

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    description_tr: Translations = None


class Section(Model):
    """A numbered section of the document whose commitments are tracked like action points."""

    id: Id = Field(description=f"A short id for the section: {_ID}.", examples=["secretariat"])
    number: str = Field(description="The section's number in the document.", examples=["5.2", "4"])
    title: TrText = Field(
        description="The section's heading, as the document words it; a heading the document does"
        " not write (`title_basis`) is the tool's label, marked wherever it is printed."
    )
    description: TrNote | None = Field(default=None, description="The document's words on the section.")
    items: list[ActionPoint] = Field(
        default_factory=list, description="Its commitments, each of an action point's shape."
    )
    # Labels the document does not write (issue 23): 5.1 and 5.2 share section 5's heading.
    title_basis: Basis | None = Field(
        default=None,
        description=f"Where the title comes from: {_BASIS}. A section the document gives no"
        " heading of its own (5.1, 5.2) has the tool's label: `inferred`.",
        examples=["inferred"],
    )
    title_note: str | None = Field(
        default=None,
        description="A short note on the title's basis, shown with it.",
        examples=["section 5's heading covers 5.1 and 5.2, which have none of their own"],
    )

    # Translations (issue 27): the other languages of the texts above; see TRANSLATED.
    title_tr: Translations = None
    description_tr: Translations = None


class Plan(Model):
    """A work plan transcribed from its document: the plan's header, what it cites, its
    objectives, milestones, tiers and tracked sections."""

    schema_version: Annotated[Literal[1, 2], BeforeValidator(_whole_number)] = Field(
        description="The version of this format the file is written in (2 adds keys to 1).",
        examples=[2],
    )
    plan: PlanMeta = Field(description="The document itself: title, symbol, date, issuers, period.")
    references: list[Reference] = Field(
        default_factory=list, description="Documents the plan cites; `refs` must name one of these."
    )
    headings: list[Heading] = Field(
        default_factory=list,
        description="The document's numbered headings, in order; without them the reports print the"
        ' objectives under "Objectives" and each tier and section under its own title.',
    )
    objectives: list[Objective] = Field(
        default_factory=list, description="The numbered paragraphs of the introduction and objectives."
    )
    milestones: list[Milestone] = Field(
        default_factory=list, description="Dated events that a `due` may name."
    )
    tiers: list[Tier] = Field(
        default_factory=list, description="The tiers, with focus areas and action points."
    )
    sections: list[Section] = Field(
        default_factory=list,
        description="Numbered sections whose commitments are tracked like action points.",
    )

    # --- Meetings (issue: meetings and agendas; 5.1, 6.2, 6.3) -------------------------------
    meetings: list[Meeting] = Field(
        default_factory=list,
        description="The IWG's meetings, with their agendas and, once held, their outcomes.",
    )
    requests: list[Request] = Field(
        default_factory=list,
        description="Requests from Members for thematic sessions (5.1(b)) and Secretariat updates (6.3).",
    )


# Meetings: the IWG reviews the plan in its meetings (5.1, 6.2, 6.3). A block of its own.
MeetingKind = Literal["regular", "thematic", "side-event"]
AgendaKind = Literal["progress-report", "thematic-session", "secretariat-update", "presentation", "other"]
RequestKind = Literal["thematic-session", "secretariat-update"]
MeetingFormat = Literal["in-person", "virtual", "hybrid"]


def check_document(value: str) -> str:
    """A meeting document: a WTO document symbol or an http(s) URL (as evidence is)."""
    return _check_evidence_ref(value)


class Speaker(Model):
    """A speaker on an agenda item, with the title the annotated agenda shows (5.1(a))."""

    name: Text = Field(description="The speaker's name.", examples=["Ms Jane Doe"])
    title: str | None = Field(
        default=None, description="The speaker's title or function.", examples=["Ambassador"]
    )
    organisation: str | None = Field(
        default=None,
        description="The delegation, organisation or division the speaker represents.",
        examples=["Cabo Verde", "ITC"],
    )


class AgendaItem(Model):
    """An item of a meeting's agenda: what it is, the action points it concerns, its guiding
    questions and speakers, and after the meeting its outcome."""

    id: Id = Field(
        description=f"A short id for the item, unique within its meeting: {_ID}.",
        examples=["progress", "msme-session"],
    )
    kind: AgendaKind = Field(
        description="What the item is: `progress-report` (the Co-Chairs', 6.2), `thematic-session`"
        " (5.1(b)), `secretariat-update` (6.3), `presentation` or `other` business.",
        examples=["progress-report", "thematic-session"],
    )
    title: Text = Field(description="The item as the agenda words it.")
    items: list[Id] = Field(
        default_factory=list,
        description="Ids of the action points it concerns.",
        examples=[["msme-toolkit", "joint-statement"]],
    )
    questions: list[Text] = Field(
        default_factory=list,
        description="Guiding questions for Members (5.1(a)).",
        examples=[["What should the toolkit cover first?"]],
    )
    speakers: list[Speaker] = Field(
        default_factory=list, description="Speakers, with their titles and organisations (5.1(a))."
    )
    documents: list[EvidenceRef] = Field(
        default_factory=list,
        description="Documents for the item: WTO document symbols or http(s) URLs.",
        examples=[["INF/TGE/W/7/Rev.3"]],
    )
    request: Id | None = Field(
        default=None,
        description="The id of the request from Members that this item takes up.",
        examples=["msme-session-request"],
    )
    outcome: str | None = Field(
        default=None, description="What the meeting concluded on the item, once held."
    )
    basis: Basis | None = Field(
        default=None, description=f"Where the item comes from: {_BASIS}.", examples=["document"]
    )


class Meeting(Model):
    """A meeting of the IWG (or a side event), with its agenda."""

    id: Id = Field(
        description=f"A short id to name the meeting on the command line: {_ID}.",
        examples=["iwg-2025-07-03"],
    )
    date: Day = Field(description="The day it is held (YYYY-MM-DD).", examples=["2025-07-03"])
    kind: MeetingKind = Field(
        default="regular",
        description="A `regular` IWG meeting, a `thematic` one, or a `side-event`.",
        examples=["regular", "thematic"],
    )
    title: str | None = Field(
        default=None, description="The meeting's name, if not just 'IWG meeting'.", examples=["IWG meeting"]
    )
    theme: str | None = Field(
        default=None,
        description="Its thematic focus (in 2026 each meeting has one).",
        examples=["Women entrepreneurs and MSMEs"],
    )
    place: str | None = Field(
        default=None, description="Where it is held.", examples=["WTO, Geneva, Room S3"]
    )
    format: MeetingFormat | None = Field(
        default=None, description="`in-person`, `virtual` or `hybrid`.", examples=["hybrid"]
    )
    agenda: list[AgendaItem] = Field(default_factory=list, description="Its agenda items, in order.")
    outcome: str | None = Field(default=None, description="What the meeting concluded, once held.")
    basis: Basis | None = Field(
        default=None, description=f"Where the meeting comes from: {_BASIS}.", examples=["document"]
    )
    basis_note: str | None = Field(
        default=None,
        description="A short note on the basis, shown with it.",
        examples=["the meeting 5.1(a) names"],
    )


class Request(Model):
    """A request from Members: a thematic session (5.1(b)) or a Secretariat update (6.3)."""

    id: Id = Field(description=f"A short id for the request: {_ID}.", examples=["msme-session-request"])
    kind: RequestKind = Field(
        description="`thematic-session` (5.1(b)) or `secretariat-update` (6.3).",
        examples=["thematic-session"],
    )
    subject: Text = Field(description="What is asked for, in a line.")
    by: list[Text] = Field(
        description="Who asked: delegations or groups of Members, one name each.",
        examples=[["Cabo Verde", "Canada"]],
    )
    date: Day = Field(description="The day it was made (YYYY-MM-DD).", examples=["2025-11-04"])
    items: list[Id] = Field(
        default_factory=list, description="Ids of the action points it concerns.", examples=[["msme-toolkit"]]
    )
    meeting: Id | None = Field(
        default=None,
        description="The id of the meeting that takes it up; none while it waits.",
        examples=["iwg-2026-03-10"],
    )
