"""A validated plan as light, slotted objects built from plain data, without pydantic.

The read-only commands run on these when the validated-plan cache holds the plan (a miss runs
on the models themselves; the two must print the same, byte for byte). Each
class has the fields (and the few properties) of the model of the same name in
:mod:`iwgplan.plan.model`; `tests/test_cache.py` checks that they agree field by field, and a
dump with a key a record does not know is refused (the caller then keeps the pydantic plan).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from iwgplan.plan.dates import When
from iwgplan.plan.status import Status

if TYPE_CHECKING:
    from iwgplan.plan import model


class UnknownField(ValueError):
    """The data has a key this version's records do not know."""


Decode = Callable[[Any], Any] | None


class Record:
    """Fields in ``FIELDS`` order: (name, decode for a present value, default when absent)."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[tuple[str, Decode, Any], ...]] = ()
    NAMES: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls) -> None:
        cls.NAMES = frozenset(name for name, _, _ in cls.FIELDS)

    @classmethod
    def load(cls, data: dict[str, Any]) -> Any:
        if not data.keys() <= cls.NAMES:
            raise UnknownField(f"{cls.__name__}: {sorted(data.keys() - cls.NAMES)}")
        obj = object.__new__(cls)
        for name, decode, default in cls.FIELDS:
            value = data.get(name, _ABSENT)
            if value is _ABSENT:
                value = [] if default is _LIST else default
            elif decode is not None and value is not None:
                value = decode(value)
            object.__setattr__(obj, name, value)
        return obj

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A shallow copy with some fields replaced, as pydantic's ``model_copy`` makes it."""
        obj = object.__new__(type(self))
        for name, _, _ in self.FIELDS:
            object.__setattr__(obj, name, getattr(self, name))
        for name, value in (update or {}).items():
            object.__setattr__(obj, name, value)
        return obj

    def model_dump(self, *, mode: str = "json", exclude_none: bool = False) -> dict[str, Any]:
        """The JSON form pydantic's ``model_dump(mode="json")`` gives for the same model."""
        out = {}
        for name, _, _ in self.FIELDS:
            value = _jsonable(getattr(self, name), exclude_none)
            if value is not None or not exclude_none:
                out[name] = value
        return out

    def __eq__(self, other: object) -> bool:
        """Equal fields, as pydantic compares models: `diff` and `log` compare a side read from
        the cache with one that may not be (a model of the same name); never by identity."""
        if isinstance(other, Record):
            if type(other) is not type(self):
                return False
        elif type(other).__name__ != type(self).__name__ or not all(hasattr(other, n) for n in self.NAMES):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name, _, _ in self.FIELDS)

    __hash__ = None  # type: ignore[assignment]  # as the models: mutable, so unhashable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in self.FIELDS)
        return f"{type(self).__name__}({fields})"


_ABSENT = object()
_LIST = object()  # default: a fresh empty list
_STATUSES = {status.value: status for status in Status}


def _status(value: Any) -> Status:
    """``Status(value)`` through a dict: the enum's own call is most of a status's cost, and a
    warm run at 10,000 items decodes 16,000 of them. Anything else still raises as Status does."""
    try:
        return _STATUSES[value]
    except (KeyError, TypeError):
        return Status(value)


def _jsonable(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(exclude_none=exclude_none)
    if isinstance(value, list):
        return [_jsonable(v, exclude_none) for v in value]
    if isinstance(value, Status):
        return value.value
    if isinstance(value, date | When):
        return str(value)
    return value


class _ListOf:
    """The decoder of a list of records of ``cls`` (the compiled loaders inline it)."""

    __slots__ = ("cls",)

    def __init__(self, cls: type[Record]) -> None:
        self.cls = cls

    def __call__(self, values: list[dict[str, Any]]) -> list[Any]:
        load = self.cls.load
        return [load(v) for v in values]


def _list_of(cls: type[Record]) -> Callable[[list[dict[str, Any]]], list[Any]]:
    return _ListOf(cls)


_day = date.fromisoformat
_when = When.parse


class Period(Record):
    __slots__ = ("start", "end")
    FIELDS = (("start", _when, None), ("end", _when, None))


class PlanMeta(Record):
    __slots__ = (
        "id",
        "title",
        "body",
        "symbol",
        "revision",
        "date",
        "issued_by",
        "period",
        "supersedes",
        "issuer_role",
        "symbol_note",
        "supersedes_note",
        "baseline",
        "closed",
        "symbol_sources",
        "revision_note",
        "title_tr",
    )
    FIELDS = (
        ("id", None, None),
        ("title", None, None),
        ("body", None, None),
        ("symbol", None, None),
        ("revision", None, None),
        ("date", _day, None),
        ("issued_by", None, _LIST),
        ("period", Period.load, None),
        ("supersedes", None, None),
        ("issuer_role", None, None),
        ("symbol_note", None, None),
        ("supersedes_note", None, None),
        ("baseline", None, None),
        ("closed", _day, None),
        ("symbol_sources", None, _LIST),
        ("revision_note", None, None),
        ("title_tr", None, None),
    )

    revision: int

    @property
    def revision_label(self) -> str:
        return "Original" if self.revision == 0 else f"Rev.{self.revision}"


class Reference(Record):
    __slots__ = (
        "symbol",
        "title",
        "note",
        "title_basis",
        "symbol_basis",
        "title_note",
        "sources",
        "title_tr",
        "note_tr",
    )
    FIELDS = (
        ("symbol", None, None),
        ("title", None, None),
        ("note", None, None),
        ("title_basis", None, None),
        ("symbol_basis", None, None),
        ("title_note", None, None),
        ("sources", None, _LIST),
        ("title_tr", None, None),
        ("note_tr", None, None),
    )


class Heading(Record):
    __slots__ = ("number", "title", "title_tr")
    FIELDS = (
        ("number", None, None),
        ("title", None, None),
        ("title_tr", None, None),
    )


class Objective(Record):
    __slots__ = (
        "id",
        "number",
        "text",
        "refs",
        "points",
        "points_style",
        "closing",
        "points_basis",
        "points_note",
        "points_sources",
    )
    FIELDS = (
        ("id", None, None),
        ("number", None, None),
        ("text", None, None),
        ("refs", None, _LIST),
        ("points", None, _LIST),
        ("points_style", None, "bullets"),
        ("closing", None, None),
        ("points_basis", None, None),
        ("points_note", None, None),
        ("points_sources", None, _LIST),
    )


class Milestone(Record):
    __slots__ = (
        "id",
        "title",
        "date",
        "start",
        "end",
        "description",
        "basis",
        "basis_note",
        "sources",
        "title_tr",
        "description_tr",
    )
    FIELDS = (
        ("id", None, None),
        ("title", None, None),
        ("date", _when, None),
        ("start", _when, None),
        ("end", _when, None),
        ("description", None, None),
        ("basis", None, None),
        ("basis_note", None, None),
        ("sources", None, _LIST),
        ("title_tr", None, None),
        ("description_tr", None, None),
    )

    date: When | None
    start: When | None
    end: When | None

    @property
    def begins(self) -> When:
        return cast(When, self.date or self.start)

    @property
    def finishes(self) -> When:
        return cast(When, self.date or self.end)


class Evidence(Record):
    __slots__ = ("ref", "title", "date", "title_tr")
    FIELDS = (("ref", None, None), ("title", None, None), ("date", _day, None), ("title_tr", None, None))


class HistoryEntry(Record):
    __slots__ = ("date", "status", "note", "note_tr")
    FIELDS = (("date", _day, None), ("status", _status, None), ("note", None, None), ("note_tr", None, None))


class ActionPoint(Record):
    __slots__ = (
        "id",
        "number",
        "title",
        "status",
        "description",
        "kind",
        "due",
        "due_basis",
        "due_note",
        "completed",
        "owners",
        "owners_basis",
        "partners",
        "refs",
        "evidence",
        "history",
        "depends_on",
        "children",
        "carried_from",
        "force",
        "title_tr",
        "description_tr",
    )
    FIELDS: ClassVar[tuple[tuple[str, Decode, Any], ...]] = ()


ActionPoint.FIELDS = (
    ("id", None, None),
    ("number", None, None),
    ("title", None, None),
    ("status", _status, None),
    ("description", None, None),
    ("kind", None, "deliverable"),
    ("due", None, None),
    ("due_basis", None, None),
    ("due_note", None, None),
    ("completed", _day, None),
    ("owners", None, _LIST),
    ("owners_basis", None, None),
    ("partners", None, _LIST),
    ("refs", None, _LIST),
    ("evidence", _list_of(Evidence), _LIST),
    ("history", _list_of(HistoryEntry), _LIST),
    ("depends_on", None, _LIST),
    ("children", _list_of(ActionPoint), _LIST),
    ("carried_from", None, None),
    ("force", None, None),
    ("title_tr", None, None),
    ("description_tr", None, None),
)
ActionPoint.NAMES = frozenset(name for name, _, _ in ActionPoint.FIELDS)


class FocusArea(Record):
    __slots__ = ("id", "number", "title", "description", "action_points", "title_tr", "description_tr")
    FIELDS = (
        ("id", None, None),
        ("number", None, None),
        ("title", None, None),
        ("description", None, None),
        ("action_points", _list_of(ActionPoint), _LIST),
        ("title_tr", None, None),
        ("description_tr", None, None),
    )


class Tier(Record):
    __slots__ = (
        "id",
        "number",
        "title",
        "priority",
        "description",
        "focus_areas",
        "title_tr",
        "description_tr",
    )
    FIELDS = (
        ("id", None, None),
        ("number", None, None),
        ("title", None, None),
        ("priority", None, False),
        ("description", None, None),
        ("focus_areas", _list_of(FocusArea), _LIST),
        ("title_tr", None, None),
        ("description_tr", None, None),
    )


class Section(Record):
    __slots__ = (
        "id",
        "number",
        "title",
        "description",
        "items",
        "title_basis",
        "title_note",
        "title_tr",
        "description_tr",
    )
    FIELDS = (
        ("id", None, None),
        ("number", None, None),
        ("title", None, None),
        ("description", None, None),
        ("items", _list_of(ActionPoint), _LIST),
        ("title_basis", None, None),
        ("title_note", None, None),
        ("title_tr", None, None),
        ("description_tr", None, None),
    )


# Meetings (a block of its own: the models' meetings block).
class Speaker(Record):
    __slots__ = ("name", "title", "organisation")
    FIELDS = (("name", None, None), ("title", None, None), ("organisation", None, None))


class AgendaItem(Record):
    __slots__ = (
        "id",
        "kind",
        "title",
        "items",
        "questions",
        "speakers",
        "documents",
        "request",
        "outcome",
        "basis",
    )
    FIELDS = (
        ("id", None, None),
        ("kind", None, None),
        ("title", None, None),
        ("items", None, _LIST),
        ("questions", None, _LIST),
        ("speakers", _list_of(Speaker), _LIST),
        ("documents", None, _LIST),
        ("request", None, None),
        ("outcome", None, None),
        ("basis", None, None),
    )


class Meeting(Record):
    __slots__ = (
        "id",
        "date",
        "kind",
        "title",
        "theme",
        "place",
        "format",
        "agenda",
        "outcome",
        "basis",
        "basis_note",
    )
    FIELDS = (
        ("id", None, None),
        ("date", _day, None),
        ("kind", None, "regular"),
        ("title", None, None),
        ("theme", None, None),
        ("place", None, None),
        ("format", None, None),
        ("agenda", _list_of(AgendaItem), _LIST),
        ("outcome", None, None),
        ("basis", None, None),
        ("basis_note", None, None),
    )


class Request(Record):
    __slots__ = ("id", "kind", "subject", "by", "date", "items", "meeting")
    FIELDS = (
        ("id", None, None),
        ("kind", None, None),
        ("subject", None, None),
        ("by", None, None),
        ("date", _day, None),
        ("items", None, _LIST),
        ("meeting", None, None),
    )


class Plan(Record):
    __slots__ = (
        "schema_version",
        "plan",
        "references",
        "headings",
        "objectives",
        "milestones",
        "tiers",
        "sections",
        "meetings",
        "requests",
    )
    FIELDS = (
        ("schema_version", None, None),
        ("plan", PlanMeta.load, None),
        ("references", _list_of(Reference), _LIST),
        ("headings", _list_of(Heading), _LIST),
        ("objectives", _list_of(Objective), _LIST),
        ("milestones", _list_of(Milestone), _LIST),
        ("tiers", _list_of(Tier), _LIST),
        ("sections", _list_of(Section), _LIST),
        ("meetings", _list_of(Meeting), _LIST),
        ("requests", _list_of(Request), _LIST),
    )


RECORDS: dict[str, type[Record]] = {
    cls.__name__: cls
    for cls in (
        Period,
        PlanMeta,
        Reference,
        Heading,
        Objective,
        Milestone,
        Evidence,
        HistoryEntry,
        ActionPoint,
        FocusArea,
        Tier,
        Section,
        Speaker,
        AgendaItem,
        Meeting,
        Request,
        Plan,
    )
}


def _compile(records: dict[str, type[Record]]) -> None:
    """Give each record class a ``load`` written out field by field: what :meth:`Record.load`
    does, without its loop over ``FIELDS`` (a warm run at 10,000 items builds 20,000 records;
    issue 29). ``tests/test_cache.py`` holds the two to the same records and the same refusals."""
    space: dict[str, Any] = {"ABSENT": _ABSENT, "UnknownField": UnknownField, "new": object.__new__}
    source: list[str] = []
    for name, cls in records.items():
        space[f"CLS_{name}"] = cls
        source += [
            f"def load_{name}(data):",
            f"    if not data.keys() <= CLS_{name}.NAMES:",
            f"        raise UnknownField(f'{name}: {{sorted(data.keys() - CLS_{name}.NAMES)}}')",
            f"    obj = new(CLS_{name})",
            "    get = data.get",
        ]
        for i, (field_name, decode, default) in enumerate(cls.FIELDS):
            absent = "[]" if default is _LIST else f"D_{name}_{i}"
            space[f"D_{name}_{i}"] = default
            source.append(f"    v = get({field_name!r}, ABSENT)")
            source.append(f"    if v is ABSENT: v = {absent}")
            if isinstance(decode, _ListOf):
                source.append(f"    elif v is not None: v = [load_{decode.cls.__name__}(x) for x in v]")
            elif decode is not None:
                space[f"F_{name}_{i}"] = decode
                source.append(f"    elif v is not None: v = F_{name}_{i}(v)")
            source.append(f"    obj.{field_name} = v")
        source.append("    return obj")
    exec(compile("\n".join(source), __file__ + ":compiled-loaders", "exec"), space)  # noqa: S102
    for name, cls in records.items():
        cls.load = staticmethod(space[f"load_{name}"])  # type: ignore[method-assign]


generic_load = Record.load.__func__  # type: ignore[attr-defined]  # the loop, kept as the reference
_compile(RECORDS)


def build(data: dict[str, Any]) -> model.Plan:
    """The plan as records, from a validated plan's ``model_dump(mode="json", exclude_defaults=True)``.

    Typed as the model it stands in for: it has the same fields and properties.
    """
    return cast("model.Plan", Plan.load(data))
