"""Status and progress arithmetic over a plan and an as-of date. Pure: no I/O, no output.

Every date rule lives here (and in :mod:`iwgplan.plan.dates`), so that every screen and
export agrees:

- a month is a range: ``2026-12`` runs from 1 to 31 December;
- a ``due`` that is a month falls due on its last day;
- a ``due`` that names a milestone falls due when the milestone ENDS (``mc14``, 26 to 29 March
  2026, on 29 March; ``report-back``, December 2026 to January 2027, on 31 January 2027);
- an item due before the plan's own issue date is past business, never overdue;
- standing duties, possibilities and past business are not deliverables: they count neither
  in "% done" nor as overdue, and are counted apart;
- the document's force decides too (``force``, its own verb): what it ``intend``s is an
  intention, what it ``encourage``s someone else to do an encouragement, what ``could`` be a
  possibility; none is the group's deliverable, whatever the item's ``kind``;
- only a date the document states is a deadline. A ``due_basis: default`` (the end of the
  period, where the document sets no date) is never late: the item is "within the period"
  until the period ends and "open when the period ended" after it, counted apart. An
  ``inferred`` date (or one from ``outside`` the document) may be passed, but every screen
  prints its mark beside it: "1 day past the inferred date (MC14's end)". A due without a
  basis (a version 1 file, a plan of one's own) is the file's own deadline.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from iwgplan.plan.dates import When, dated
from iwgplan.plan.index import Entry, Group, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.provenance import milestone_title
from iwgplan.words import N_, month_words, ngettext
from iwgplan.words import gettext as _

if TYPE_CHECKING:
    from iwgplan.plan.model import ActionPoint, Milestone

Day = date  # `date` is also a field name of Dated below


STATUSES = [s.value for s in Status]


def milestone_due(milestone: Milestone) -> date:
    """A milestone as a due date: its last day (a range's end; a month's last day)."""
    return milestone.finishes.last()


# The document's verbs that make an item something else than a commitment of the group's.
FORCE_KINDS = {"intend": "intention", "encourage": "encouragement", "could": "possibility"}
# The document's verbs that say when a commitment applies: shown beside what it is.
CONDITIONS = ("as necessary", "upon request")


def nature(item: ActionPoint) -> str:
    """What the item is, as the document's force makes it: its ``kind``, except that an item
    the document intends, encourages or says could be done is an ``intention``, an
    ``encouragement`` or a ``possibility``, whatever its ``kind`` says."""
    return FORCE_KINDS.get(item.force or "", item.kind)


def counted(entry: Entry) -> bool:
    """A deliverable: counts in progress and may fall overdue (standing duties and the rest do not)."""
    return nature(entry.item) == "deliverable"


def before_issue(index: PlanIndex, due: date | None) -> bool:
    """Due before the plan was issued: business the document reports, not a late deliverable."""
    return due is not None and due < index.plan.plan.date


def is_past(entry: Entry, index: PlanIndex) -> bool:
    """Business the document reports from before its own issue: marked ``kind: past``, or an
    open deliverable due before the plan's date. Shown as "before this revision", never as a
    to-do or as late."""
    if entry.item.kind == "past":
        return True
    if not counted(entry) or rollup(entry).closed:
        return False
    return before_issue(index, due_date(entry.item.due, index.milestones))


def is_overdue(entry: Entry, index: PlanIndex, as_of: date) -> bool:
    """Open, a deliverable, due before ``as_of`` on a date that is a deadline (not the period's
    end standing in for a date the document does not set), and not business from before the
    plan's issue."""
    due = due_date(entry.item.due, index.milestones)
    if due is None or due >= as_of or not counted(entry) or before_issue(index, due):
        return False
    return not within_period(entry) and not rollup(entry).closed


# --- where a due date comes from --------------------------------------------------------------

MARKED = ("inferred", "outside")  # a date the document does not state, that may still be passed


def due_holder(entry: Entry) -> Entry | None:
    """The item whose ``due`` applies: the item itself, or the nearest parent with one. A
    parent's date is its deliverables' only: a sub-point that is a possibility, an intention,
    an encouragement or a standing duty has no date but its own ("could serve" is not due)."""
    if entry.item.due is None and not counted(entry):
        return None
    current: Entry | None = entry
    while current is not None:
        if current.item.due is not None:
            return current
        current = current.parent
    return None


def due_milestone(entry: Entry, index: PlanIndex) -> Milestone | None:
    """The milestone whose end is the item's due date, if its ``due`` (or a parent's) names one."""
    holder = due_holder(entry)
    return index.milestones.get(holder.item.due or "") if holder is not None else None


def due_basis_of(entry: Entry) -> str | None:
    """Where the due date that applies to an item comes from (its own, or its parent's)."""
    holder = due_holder(entry)
    return holder.item.due_basis if holder is not None else None


def within_period(entry: Entry) -> bool:
    """Dated only by the end of the period (``due_basis: default``): the document sets no date,
    so the item runs to the end of the period and is never late."""
    return due_basis_of(entry) == "default"


def _milestone_name(milestone: Milestone) -> str:
    """A milestone as a reader names it: the short name in its title's brackets, ``MC14`` in
    "WTO 14th Ministerial Conference (MC14), Yaoundé", else its id."""
    found = re.search(r"\(([^()\s]{1,20})\)", milestone.title)
    return found[1] if found else milestone.id


def date_mark(entry: Entry, index: PlanIndex) -> str:
    """The mark printed beside an item's due date: "" for the document's own date (or a file
    that does not say), ``inferred: MC14's end``, ``from outside the document``, ``within the
    period``."""
    basis, milestone = _marked(entry, index)
    if basis == "default":
        return _("within the period")
    if basis == "outside":
        return _("from outside the document")
    if basis != "inferred":
        return ""
    if milestone is None:
        return _("inferred")
    return _("inferred: {milestone}'s end").format(milestone=_milestone_name(milestone))


def _marked(entry: Entry, index: PlanIndex) -> tuple[str | None, Milestone | None]:
    """The basis of the due date that applies to an item, and the milestone it names, if any."""
    holder = due_holder(entry)
    if holder is None:
        return None, None
    return holder.item.due_basis, index.milestones.get(holder.item.due or "")


def short_mark(entry: Entry, index: PlanIndex) -> str:
    """The mark where room is short: ``inferred``, ``outside``, ``within the period``; never
    dropped while the date is shown."""
    basis = _marked(entry, index)[0]
    if basis == "default":
        return _("within the period")
    if basis == "outside":
        return _("outside")
    return _("inferred") if basis == "inferred" else ""


def dated_text(day: date, entry: Entry, index: PlanIndex) -> str:
    """A due date as every format prints it: ``2026-03-29 (inferred: MC14's end)``; an item the
    document sets no date for shows none: ``within the period``."""
    mark = date_mark(entry, index)
    if within_period(entry):
        return mark
    return f"{day} ({mark})" if mark else str(day)


def period_words(day: date, as_of: date, period_end: date) -> str:
    """How an item dated only by the period's end stands: "within the period (to December
    2026)" until that day, "open when the period ended" after it."""
    if as_of <= day:
        return _("within the period (to {month})").format(month=month_words(day))
    if day >= period_end:
        return _("open when the period ended")
    return _("open after {month}").format(month=month_words(day))


def late_words(days: int, entry: Entry | None, index: PlanIndex, *, short: bool = False) -> str:
    """``3 days late`` past a deadline; ``1 day past the inferred date (MC14's end)`` past a
    date the document does not state (``short``: ``1d past``, the date keeps its mark)."""
    basis, milestone = _marked(entry, index) if entry is not None else (None, None)
    if basis not in ("default", "outside", "inferred"):
        if short:
            return _("{n}d late").format(n=days)
        return ngettext("{n} day late", "{n} days late", days).format(n=days)
    if short:
        return _("{n}d past").format(n=days)
    if basis == "inferred" and milestone is not None:
        words = ngettext(
            "{n} day past the inferred date ({milestone}'s end)",
            "{n} days past the inferred date ({milestone}'s end)",
            days,
        )
        return words.format(n=days, milestone=_milestone_name(milestone))
    if basis == "inferred":
        words = ngettext("{n} day past the inferred date", "{n} days past the inferred date", days)
        return words.format(n=days)
    return ngettext(
        "{n} day past the date from outside the document",
        "{n} days past the date from outside the document",
        days,
    ).format(n=days)


DATE_LEGEND = {  # translated where shown (date_legend)
    "inferred": N_("inferred: the document gives no date; the tool reads it from the item's place"),
    "outside": N_(
        "from outside the document: the document gives no date; the date comes from another source"
    ),
    "within": N_("within the period: the document sets no date; the item runs to the end of the period"),
}


def date_legend(entries: Iterable[Entry]) -> list[str]:
    """What each mark printed beside these items' dates means, once each, in a fixed order."""
    bases = {due_basis_of(e) for e in entries}
    wanted = [("inferred", "inferred"), ("outside", "outside"), ("within", "default")]
    return [_(DATE_LEGEND[key]) for key, basis in wanted if basis in bases]


def due_date(due: str | None, milestones: dict[str, Milestone]) -> date | None:
    """A ``due`` value as the day it falls due: a month falls due on its last day."""
    if due is None:
        return None
    if dated(due):
        return _due_day(due)
    milestone = milestones.get(due)
    return milestone_due(milestone) if milestone else None


@functools.lru_cache(maxsize=4096)
def _due_day(due: str) -> date:
    """A dated ``due`` as its day, parsed once per text (`list` asks three times an item)."""
    return When.parse(due).last()


def effective_due(entry: Entry, index: PlanIndex) -> date | None:
    """An item's own due date, or the nearest parent's (a deliverable's only: :func:`due_holder`)."""
    holder = due_holder(entry)
    return due_date(holder.item.due, index.milestones) if holder is not None else None


def rollup(entry: Entry) -> Status:
    """A parent's status as its children make it: all done (or dropped) means done; an open item
    with a blocked sub-point is blocked (it is counted where the Blocked list names it)."""
    own = entry.item.status
    if not entry.children or own.closed:
        return own
    kids = [rollup(child) for child in entry.children if counted(child)]
    if not kids:
        return own
    if all(k.closed for k in kids) and Status.DONE in kids:
        return Status.DONE
    if own is Status.BLOCKED or Status.BLOCKED in kids:
        return Status.BLOCKED
    if any(k in (Status.DONE, Status.IN_PROGRESS) for k in kids):
        return Status.IN_PROGRESS
    return own


def cookie(entry: Entry) -> str:
    """``[2/3]``: children done out of children, as an outliner shows it."""
    kids = [child for child in entry.children if counted(child)]
    if not kids:
        return ""
    done = sum(rollup(child) is Status.DONE for child in kids)
    return f"[{done}/{len(kids)}]"


def reason_for(entry: Entry, status: Status) -> str | None:
    """The note of the latest history entry that set ``status``: why it was blocked, say."""
    for record in reversed(entry.item.history):
        if record.status is status:
            return record.note
    return None


def done_fraction(counts: dict[str, int]) -> float:
    """Done over everything that is still meant to be done (dropped items do not count)."""
    live = sum(counts.values()) - counts.get(Status.DROPPED.value, 0)
    return counts.get(Status.DONE.value, 0) / live if live else 0.0


def count(entries: list[Entry]) -> dict[str, int]:
    found = Counter(rollup(e).value for e in entries)
    return {status: found.get(status, 0) for status in STATUSES}


def is_tier(group: Group) -> bool:
    """A tier (with focus areas) rather than a section; true of models and records alike."""
    return hasattr(group, "focus_areas")


@dataclass(frozen=True, slots=True)
class GroupSummary:
    group: Group
    counts: dict[str, int]

    @property
    def kind(self) -> str:
        return "tier" if is_tier(self.group) else "section"

    @property
    def priority(self) -> bool:
        return is_tier(self.group) and bool(getattr(self.group, "priority", False))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_fraction(self) -> float:
        return done_fraction(self.counts)


@dataclass(frozen=True, slots=True)
class Dated:
    """An item (or milestone) with the day it falls on and the days from the as-of date."""

    id: str
    title: str
    date: Day
    days: int
    entry: Entry | None = None
    end: Day | None = None
    label: str = ""  # the date as the plan gives it: 2026-12, 2026-03-26, mc14 ...
    mark: str = ""  # a milestone's mark when its dates are not the document's (``title`` ends with it)


@dataclass(slots=True)
class Summary:
    as_of: date
    start: date
    end: date
    elapsed: float
    counts: dict[str, int]
    groups: list[GroupSummary]
    overdue: list[Dated] = field(default_factory=list)
    upcoming: list[Dated] = field(default_factory=list)
    milestones: list[Dated] = field(default_factory=list)
    blocked: list[tuple[Entry, str | None]] = field(default_factory=list)
    tier_counts: dict[str, int] = field(default_factory=dict)
    section_counts: dict[str, int] = field(default_factory=dict)
    standing: list[Entry] = field(default_factory=list)
    past: list[Dated] = field(default_factory=list)
    possibilities: list[Entry] = field(default_factory=list)
    intentions: list[Entry] = field(default_factory=list)  # the document's "intend"
    encouraged: list[Entry] = field(default_factory=list)  # the document's "encourage"
    aside: list[Entry] = field(default_factory=list)  # the three above, in the plan's order
    within: list[Dated] = field(default_factory=list)  # dated only by the period's end: never late
    owner: str | None = None  # the lists of dated and blocked items hold only this owner's items

    @property
    def within_heading(self) -> str:
        """``Within the period (to December 2026)``, or ``Open when the period ended`` after it."""
        day = self.within[0].date if self.within else self.end
        words = period_words(day, self.as_of, self.end)
        return words[:1].upper() + words[1:]

    @property
    def dated(self) -> list[Dated]:
        """Every dated item the screen lists: overdue, due next, and within the period."""
        return [*self.overdue, *self.upcoming, *self.within]

    @property
    def next_milestones(self) -> list[Dated]:
        return [m for m in self.milestones if (m.end or m.date) >= self.as_of]


def elapsed_fraction(start: date, end: date, as_of: date) -> float:
    """Share of the period gone by the end of the as-of day, within 0..1."""
    span = (end - start).days + 1
    gone = (as_of - start).days + 1
    return min(max(gone / span, 0.0), 1.0)


def dated_items(index: PlanIndex, as_of: date) -> list[Dated]:
    """Every open deliverable with a due date of its own, earliest first."""
    found = []
    for entry in index.entries:
        when = due_date(entry.item.due, index.milestones)
        if when is not None and counted(entry) and not rollup(entry).closed:
            days = (when - as_of).days
            found.append(Dated(entry.id, entry.item.title, when, days, entry, None, entry.item.due or ""))
    order = {id(entry): i for i, entry in enumerate(index.entries)}
    found.sort(key=lambda d: (d.date, order.get(id(d.entry), 0)))
    return found


def milestone_label(milestone: Milestone) -> str:
    if milestone.date is not None:
        return str(milestone.date)
    return f"{milestone.start}..{milestone.end}"


def milestone_dated(milestone: Milestone, as_of: date) -> Dated:
    """Days to go until a milestone begins; 0 while it is under way; negative once it is over.

    A milestone given as a month is a range like any other: ``2026-12`` is under way from 1
    to 31 December.
    """
    first, last = milestone.begins.first(), milestone.finishes.last()
    days = (first - as_of).days if as_of < first else (0 if as_of <= last else (last - as_of).days)
    label = milestone_label(milestone)
    title = milestone_title(milestone)
    mark = title[len(milestone.title) :].strip(" ()")
    return Dated(milestone.id, title, first, days, None, last, label, mark)


def days_text(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def milestone_when(m: Dated, as_of: date, *, short: bool = False) -> str:
    """How a milestone stands on ``as_of``: a range is under way from its first to its last day
    (``short``: ``in 3-33d``, ``ends in 2d``, ``over 5d ago``, where room is short).

    A month or a range that has not begun is "in 3 to 33 days", never "in 3 days", which would
    read as its whole date.
    """
    last = m.end or m.date
    if as_of < m.date:
        ahead, until = (m.date - as_of).days, (last - as_of).days
        if last == m.date:
            return _("in {n}d").format(n=ahead) if short else _("in {days}").format(days=days_text(ahead))
        if short:
            return _("in {first}-{n}d").format(first=ahead, n=until)
        return _("in {first} to {days}").format(first=ahead, days=days_text(until))
    if as_of <= last:
        if last == m.date:
            return _("today")
        left = (last - as_of).days
        if not left:
            return _("ends today") if short else _("under way, ends today")
        if short:
            return _("ends in {n}d").format(n=left)
        return _("under way, ends in {days}").format(days=days_text(left))
    ago = (as_of - last).days
    return _("over {n}d ago").format(n=ago) if short else _("over {days} ago").format(days=days_text(ago))


def holds(owners: Iterable[str], owner: str) -> bool:
    """``owner`` is part of one of these owners' names, in any case: how `--owner` matches."""
    import unicodedata

    def key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    needle = key(owner)
    return any(needle in key(o) for o in owners)


def known_owners(index: PlanIndex) -> list[str]:
    """Every owner the plan names, once each, in the order they first appear."""
    return list(dict.fromkeys(o for e in index.entries for o in e.item.owners))


def summarize(index: PlanIndex, as_of: date, horizon: int = 60, owner: str | None = None) -> Summary:
    meta = index.plan.plan
    start, end = meta.period.start.first(), meta.period.end.last()
    groups = [GroupSummary(g, count(_deliverables(index.top_level(g)))) for g in index.groups]
    totals = count(_deliverables(index.top_level()))
    summary = Summary(as_of, start, end, elapsed_fraction(start, end, as_of), totals, groups)
    summary.tier_counts = _sum(g.counts for g in groups if g.kind == "tier")
    summary.section_counts = _sum(g.counts for g in groups if g.kind == "section")
    kinds = [(e, effective_kind(e, index)) for e in index.entries]  # past business is past, whatever its verb
    summary.standing = [e for e, kind in kinds if kind == "standing"]
    summary.possibilities = [e for e, kind in kinds if kind == "possibility"]
    summary.intentions = [e for e, kind in kinds if kind == "intention"]
    summary.encouraged = [e for e, kind in kinds if kind == "encouragement"]
    summary.aside = [e for e, kind in kinds if kind in ASIDE]
    for item in dated_items(index, as_of):
        if before_issue(index, item.date):
            summary.past.append(item)
        elif item.entry is not None and within_period(item.entry):
            summary.within.append(item)
        elif item.days < 0:
            summary.overdue.append(item)
        elif item.days <= horizon:
            summary.upcoming.append(item)
    summary.past += [_undated(e, as_of, index) for e in index.entries if e.item.kind == "past"]
    summary.milestones = [
        milestone_dated(m, as_of) for m in sorted(index.plan.milestones, key=lambda m: m.begins.first())
    ]
    summary.blocked = [
        (e, reason_for(e, Status.BLOCKED)) for e in index.entries if e.item.status is Status.BLOCKED
    ]
    if owner:
        summary.owner = owner
        summary.overdue = [d for d in summary.overdue if d.entry and holds(d.entry.item.owners, owner)]
        summary.upcoming = [d for d in summary.upcoming if d.entry and holds(d.entry.item.owners, owner)]
        summary.within = [d for d in summary.within if d.entry and holds(d.entry.item.owners, owner)]
        summary.blocked = [(e, r) for e, r in summary.blocked if holds(e.item.owners, owner)]
    return summary


def _deliverables(entries: Iterator[Entry]) -> list[Entry]:
    return [e for e in entries if counted(e)]


def _sum(many: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(STATUSES, 0)
    for counts in many:
        for status, n in counts.items():
            total[status] += n
    return total


def _undated(entry: Entry, as_of: date, index: PlanIndex) -> Dated:
    """An item marked ``kind: past``, placed on its due date (or the plan's date)."""
    when = due_date(entry.item.due, index.milestones) or index.plan.plan.date
    return Dated(entry.id, entry.item.title, when, (when - as_of).days, entry, None, entry.item.due or "")


def _of(counts: dict[str, int], name: str) -> str:
    dropped = counts.get(Status.DROPPED.value, 0)
    live = sum(counts.values()) - dropped
    text = name.format(done=counts.get(Status.DONE.value, 0), live=live)
    if not dropped:
        return text
    return text + ngettext(" ({n} dropped)", " ({n} dropped)", dropped).format(n=dropped)


def headline(summary: Summary) -> list[str]:
    """What the counts count, each named: deliverables of the tiers apart from the rest."""
    parts = [_of(summary.tier_counts, _("{done} of {live} deliverables and action points of the tiers done"))]
    if sum(summary.section_counts.values()):
        parts.append(_of(summary.section_counts, _("{done} of {live} section commitments done")))
    extra = [
        ngettext("{n} standing duty", "{n} standing duties", len(summary.standing)),
        ngettext("{n} intention", "{n} intentions", len(summary.intentions)),
        ngettext("{n} encouragement", "{n} encouragements", len(summary.encouraged)),
        ngettext("{n} past item", "{n} past items", len(summary.past)),
        ngettext("{n} possibility", "{n} possibilities", len(summary.possibilities)),
    ]
    counts = (
        len(summary.standing),
        len(summary.intentions),
        len(summary.encouraged),
        len(summary.past),
        len(summary.possibilities),
    )
    aside = [words.format(n=n) for words, n in zip(extra, counts, strict=True) if n]
    if aside:
        parts.append(_("not counted: {items}").format(items=", ".join(aside)))
    return parts


ASIDE = ("intention", "encouragement", "possibility")


def aside_words(entries: Iterable[Entry]) -> str:
    """Intentions, encouragements and possibilities named with the document's verb, by the
    document's number where it is the item's own (as the standing duties' line), else by id:
    ``tpr-shetrades (could), tpr-secretariat (encourage), 6.1 (intend)``."""
    return ", ".join(
        f"{e.number if e.number == e.own else e.id} ({e.item.force or KIND_WORDS[nature(e.item)]})"
        for e in entries
    )


def latest_note(entry: Entry) -> str | None:
    """The latest note in an item's history: how a standing duty is going."""
    return next((h.note for h in reversed(entry.item.history) if h.note), None)


KIND_WORDS = {
    "standing": "standing",
    "past": "past",
    "possibility": "possible",
    "intention": "intention",
    "encouragement": "encouraged",
}


def effective_kind(entry: Entry, index: PlanIndex) -> str:
    """What every screen says the item is: its :func:`nature` (the ``kind``, or what the
    document's force makes it), except that an open deliverable the plan dates before its own
    issue is ``past`` (:func:`is_past`), as status, the calendar and the reports show it."""
    return "past" if is_past(entry, index) else nature(entry.item)


def shown_status(entry: Entry, index: PlanIndex, words: Mapping[str, str] = KIND_WORDS) -> str:
    """The status a screen shows: a deliverable's rolled-up status, else what the item is, in
    ``words`` (the reports' longer ones: "standing duty", "before this revision"; a kind they do
    not name in the short word). A standing duty the document makes conditional says so in its
    words: "upon request" where the screens' short word would be (a column's room), "standing
    duty, upon request" in the reports' longer words."""
    kind = effective_kind(entry, index)
    if kind == "deliverable":
        return rollup(entry).value
    shown = words.get(kind) or KIND_WORDS[kind]
    force = entry.item.force
    if kind != "standing" or force not in CONDITIONS:
        return shown
    return force if shown == KIND_WORDS["standing"] else f"{shown}, {force}"


_PARTS = re.compile(r"(.*?)(?:\(([a-z])\)|\.([0-9]+))")


def number_ranges(numbers: list[str]) -> str:
    """``5.2(a), 5.2(b), 5.2(c)`` as ``5.2(a)-(c)``; ``6.1, 6.2, 6.3`` as ``6.1-6.3``."""
    runs: list[list[tuple[str, str, str]]] = []
    for number in numbers:
        match = _PARTS.fullmatch(number)
        base, step = (match[1], match[2] or match[3]) if match else (number, "")
        last = runs[-1][-1] if runs else None
        if last and last[0] == base and step and last[1] and _next(last[1]) == step:
            runs[-1].append((base, step, number))
        else:
            runs.append([(base, step, number)])
    out = []
    for run in runs:
        first, final = run[0][2], run[-1][2]
        if len(run) == 1:
            out.append(first)
        else:
            out.append(f"{first}-{final[len(run[-1][0]) :]}" if "(" in final else f"{first}-{final}")
    return ", ".join(out)


def _next(step: str) -> str:
    return str(int(step) + 1) if dated(step) else chr(ord(step) + 1)


def reader_number(entry: Entry) -> str:
    """The item's number as the circulated reports print it: the document's number, with the
    focus area's title where the tools' number names the focus area by its id ("Tier two,
    Gender-disaggregated data in trade, 1", not "Tier two, data 1")."""
    focus = entry.focus
    if focus is None:
        return entry.number
    return entry.number.replace(f", {focus.id} ", f", {focus.title}, ", 1)


def done_share(index: PlanIndex, as_of: date) -> float:
    """The share done that the summary sentence, the headline and every chart give: of the tiers'
    deliverables (:func:`share_counts`)."""
    return done_fraction(share_counts(summarize(index, as_of, 0)))


def share_counts(summary: Summary) -> dict[str, int]:
    """The counts behind "N of M done (P%)" wherever a report or a chart says it: the top-level
    deliverables of the tiers (the section commitments are counted apart), or of every group
    when the plan has no tier."""
    if any(g.kind == "tier" for g in summary.groups):
        return summary.tier_counts
    return summary.counts


def share_units(index: PlanIndex) -> list[Entry]:
    """The items :func:`share_counts` counts, for a series that counts them one by one."""
    tiers = [g for g in index.groups if is_tier(g)]
    entries = [e for g in tiers for e in index.top_level(g)] if tiers else list(index.top_level())
    return [e for e in entries if counted(e)]
