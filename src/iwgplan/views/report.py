"""The implementation report's content, independent of its format. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from iwgplan.i18n import N_, colon, current, day_words, month_range, ngettext, share, status_word, when_words
from iwgplan.i18n import gettext as _
from iwgplan.plan.dates import shift
from iwgplan.plan.index import Entry, PlanIndex
from iwgplan.plan.status import Status
from iwgplan.views.context import as_of_text, as_of_words
from iwgplan.views.provenance import (
    BASIS_WORDS,
    issued_by_text,
    owners_text,
    revision_text,
    supersedes_text,
    symbol_text,
    title_legend,
    unsure,
)
from iwgplan.views.timeline import (
    Summary,
    before_issue,
    counted,
    date_legend,
    date_mark,
    dated_text,
    done_fraction,
    due_basis_of,
    due_date,
    due_milestone,
    effective_due,
    effective_kind,
    is_overdue,
    is_past,
    milestone_when,
    reader_number,
    reason_for,
    rollup,
    share_counts,
    shown_status,
    summarize,
    within_period,
)

if TYPE_CHECKING:
    from iwgplan.plan.model import Milestone
    from iwgplan.views.since import Since
    from iwgplan.views.variance import Variance
    from iwgplan.views.weekly import Progress


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of the Gantt: an action point from its start to its due (or completion) date."""

    entry: Entry
    start: date
    end: date
    status: Status
    overdue: bool


@dataclass(frozen=True, slots=True)
class MilestoneDue:
    milestone: Milestone
    entries: list[Entry]


@dataclass(slots=True)
class Report:
    index: PlanIndex
    summary: Summary
    bars: list[Bar]
    milestones: list[MilestoneDue]
    dropped: list[tuple[Entry, str | None]]
    recorded: bool = False  # replayed from the dated history (`--as-of`)
    progress: Progress | None = None  # done per week against time, from git or the file's dates
    since: Since | None = None  # what changed since a day or revision (report --since)
    before: list[Entry] = field(default_factory=list)  # dated before the plan's issue, no milestone
    variance: Variance | None = None  # the plan against its baseline, when it names one (--against)

    @property
    def as_of(self) -> date:
        return self.summary.as_of

    @property
    def as_of_text(self) -> str:
        return as_of_text(self.as_of, self.recorded)


def recorded_start(entry: Entry) -> date | None:
    """When work on an item is recorded to have begun: the earliest history entry of it or of a
    sub-point that set it planned (added to the plan) or in progress. A note, a block or a drop
    is no start: such an item runs from the plan's start."""
    starts = (Status.PLANNED, Status.IN_PROGRESS)
    days = [r.date for r in entry.item.history if r.status in starts]
    days += [d for d in (recorded_start(c) for c in entry.children) if d is not None]
    return min(days, default=None)


def _completed(entry: Entry) -> date | None:
    """When an item was done: its own date, or for a parent done by its sub-points, the last of theirs."""
    if entry.item.completed is not None:
        return entry.item.completed
    days = [d for d in (_completed(c) for c in entry.children) if d is not None]
    return max(days, default=None)


def window_start(entry: Entry, index: PlanIndex) -> date | None:
    """The first day of the window the document sets for an item: the start of the range of the
    milestone its ``due`` names, when the document states that date (4.3: "In December
    2026-January 2027, the IWG Co-Chairs will report back"). A date the tool infers (the end of
    MC14) or a default (the end of the period) is a deadline, not a window: None."""
    milestone = due_milestone(entry, index)
    if milestone is None or milestone.date is not None or due_basis_of(entry) != "document":
        return None
    return milestone.begins.first()


def gantt_bars(index: PlanIndex, as_of: date) -> list[Bar]:
    """Top-level deliverables with a due date, each from its start to its due or completion date;
    business from before the plan's issue is no bar (its milestone, if any, still shows), and
    neither is what the document's force makes something else than a deliverable (an intention,
    an encouragement, a possibility: :func:`effective_kind`).

    An item starts when its start is recorded (:func:`recorded_start`), else with the window
    the document sets for it (:func:`window_start`), else with the plan's period, never with a
    mere note; a done item ends on its completion date.
    """
    start = index.plan.plan.period.start.first()
    bars = []
    for entry in index.top_level():
        due = effective_due(entry, index)
        if due is None or effective_kind(entry, index) != "deliverable":
            continue
        status = rollup(entry)
        end = (_completed(entry) or due) if status is Status.DONE else due
        begin = min(recorded_start(entry) or window_start(entry, index) or start, end)
        if end == begin:
            begin = shift(end, -1)
        bars.append(Bar(entry, begin, end, status, is_overdue(entry, index, as_of)))
    return bars


def due_by_milestone(index: PlanIndex) -> tuple[list[MilestoneDue], list[Entry]]:
    """Each milestone with the top-level items due by it, in date order; then the items the
    plan dates before its own issue that name no milestone (business before this revision).

    An item whose ``due`` names a milestone belongs to that milestone, whatever its kind. Past
    business and an item due on a date before the plan's issue stand apart, never under a
    later milestone. An item due on a plain date or month is under no milestone: the plan ties
    it to none, and the table says only what the plan says (its date shows with the item).
    """
    ordered = sorted(index.plan.milestones, key=lambda m: m.begins.first())
    found: dict[str, list[Entry]] = {m.id: [] for m in ordered}
    before: list[Entry] = []
    for entry in index.top_level():
        due = entry.item.due
        if due is not None and due in index.milestones:
            found[due].append(entry)
        elif is_past(entry, index) or before_issue(index, due_date(due, index.milestones)):
            before.append(entry)
    return [MilestoneDue(m, found[m.id]) for m in ordered], before


def header_facts(index: PlanIndex) -> list[tuple[str, str]]:
    """The report header's facts, in the order both report formats show them."""
    meta = index.plan.plan
    return [
        (_("Symbol"), symbol_text(meta)),
        (
            _("Revision"),
            _("{revision} of {date}").format(revision=revision_text(meta), date=day_words(meta.date)),
        ),
        (_("Issued by"), issued_by_text(meta)),
        (_("Period"), span_words(str(meta.period.start), str(meta.period.end))),
        (_("Supersedes"), supersedes_text(meta)),
    ]


def span_words(start: str, end: str) -> str:
    """``2025-09 to 2026-12`` in English; ``septembre 2025 – décembre 2026`` in French (each
    language's own way of writing a range of months)."""
    if current() != "en" and len(start) == len(end) == len("2025-09"):
        try:
            return month_range(date.fromisoformat(f"{start}-01"), date.fromisoformat(f"{end}-01"))
        except ValueError:
            pass
    return _("{start} to {end}").format(start=when_words(start), end=when_words(end))


def overview(report: Report) -> str:
    """The report's opening paragraph: what is done, in progress, overdue, the next milestone.

    It counts what it names: the deliverables and action points of the tiers, then the section
    commitments; standing duties and business from before the plan's issue are counted apart.
    """
    s = report.summary
    tiers = share_counts(s)
    total = sum(tiers.values()) - tiers["dropped"]
    done = tiers["done"]
    counted_ = ngettext(
        "{done} of {total} deliverable and action points of the tiers",
        "{done} of {total} deliverables and action points of the tiers",
        total,
    ).format(done=done, total=total)
    words = [
        _("{as_of_words} {day}, ").format(
            as_of_words=as_of_words(report.recorded).capitalize(), day=day_words(report.as_of)
        ),
        ngettext("{counted} is done ({share})", "{counted} are done ({share})", done).format(
            counted=counted_, share=share(done_fraction(tiers))
        ),
        _(", {n} in progress").format(n=tiers["in-progress"]),
    ]
    if tiers["blocked"]:
        words.append(_(", {n} blocked").format(n=tiers["blocked"]))
    words.append(
        ngettext("; {n} item overdue", "; {n} items overdue", len(s.overdue)).format(n=len(s.overdue))
    )
    if s.overdue:
        first = s.overdue[0]
        mark = date_mark(first.entry, report.index) if first.entry else ""
        if not mark:
            against = ""
        elif mark == _("from outside the document"):
            against = _(" past a date from outside the document")
        else:
            against = _(" past an inferred date")
        days = -first.days
        words.append(
            ngettext(
                " (the longest by {n} day{against})", " (the longest by {n} days{against})", days
            ).format(n=days, against=against)
        )
    if s.within:
        n = len(s.within)
        words.append(
            ngettext(
                "; {n} item with no date in the document runs to the end of the period",
                "; {n} items with no date in the document run to the end of the period",
                n,
            ).format(n=n)
        )
    sections = s.section_counts
    if sum(sections.values()):
        live = sum(sections.values()) - sections["dropped"]
        words.append(
            ngettext(
                "; {done} of {n} section commitment done", "; {done} of {n} section commitments done", live
            ).format(done=sections["done"], n=live)
        )
    if s.standing:
        n = len(s.standing)
        words.append(
            ngettext(
                "; {n} standing duty runs for the whole period, not counted",
                "; {n} standing duties run for the whole period, not counted",
                n,
            ).format(n=n)
        )
    words.append(
        _("; {share} of the period ({period}) has elapsed.").format(
            share=share(s.elapsed),
            period=_("{start} to {end}").format(start=day_words(s.start), end=day_words(s.end)),
        )
    )
    coming = s.next_milestones
    if coming:
        m = coming[0]
        when = milestone_when(m, report.as_of)
        first_day, _sep, last_day = m.label.partition("..")
        dates = span_words(first_day, last_day) if last_day else when_words(first_day)
        words.append(
            _(" The next milestone is {title} ({dates}, {when}).").format(
                title=m.title, dates=dates, when=when
            )
        )
    else:
        words.append(_(" No milestone is ahead."))
    return "".join(words)


CORRECTION = re.compile(r"corrected on [0-9]{4}-[0-9]{2}-[0-9]{2}: entry [0-9]+ \(")
"""The note `iwgplan amend` records (edit/corrections.py writes it): kept in `show` and `log`,
out of the circulated reports, which count the corrections in one footnote instead."""


def is_correction(note: str | None) -> bool:
    return note is not None and CORRECTION.match(note) is not None


def corrections(index: PlanIndex) -> int:
    """How many corrections the plan's history records (the reports' footnote)."""
    return sum(is_correction(h.note) for e in index.entries for h in e.item.history)


def corrections_footnote(n: int) -> str:
    if not n:
        return ""
    return ngettext(
        "One recorded date or status in this plan was corrected after it was first recorded;"
        " the figures above use the corrected records.",
        "{n} recorded dates or statuses in this plan were corrected after they were first recorded;"
        " the figures above use the corrected records.",
        n,
    ).format(n=n)


OWNER_LEGEND = {
    "inferred": N_(
        "owners marked (inferred): the document names no one; they are read from the item's place"
    ),
    "default": N_(
        "owners marked (default): the document names no one; the Working Group as a whole is assumed"
    ),
    "outside": N_("owners marked (from outside the document): named by another source than the document"),
}


def marks_legend(index: PlanIndex) -> list[str]:
    """The one legend of the reports: what each mark beside a date, an owner or a title means,
    in words, once each, only for the marks the report prints."""
    dated = date_legend(e for e in index.entries if effective_due(e, index) is not None)
    dated = [m.replace(_("the tool reads it"), _("it is read")) for m in dated]
    bases = {e.item.owners_basis for e in index.entries if e.item.owners}
    owners = [_(OWNER_LEGEND[b]) for b in ("inferred", "default", "outside") if b in bases]
    return dated + owners + title_legend(_titled(index))


def _titled(index: PlanIndex) -> list[object]:
    """The tiers, focus areas and sections whose titles the reports print: a tier and its focus
    areas head their items; a section heads its own unless it falls under one of the document's
    headings (5.1 under 5), and is named in the Progress table (a deliverable counted in it) and
    in the charts (an item with a due date)."""
    headings = {h.number for h in index.plan.headings}
    shown: dict[int, object] = {}
    for entry in index.top_level():
        top = re.split(r"[.(]", entry.group.number or "", maxsplit=1)[0]
        named = entry.focus is not None or top not in headings
        if named or counted(entry) or effective_due(entry, index) is not None:
            for node in (entry.group, entry.focus):
                if node is not None:
                    shown[id(node)] = node
    return list(shown.values())


def label(entry: Entry) -> str:
    """An item as a reader names it: its number and title."""
    return f"{reader_number(entry)} {entry.item.title}"


def blocked_units(index: PlanIndex) -> list[tuple[Entry, str | None]]:
    """The Blocked list as the tables count it: each top-level deliverable that is blocked, by
    itself or by a sub-point (the reason then names the sub-point: "(a) Title: why")."""
    found: list[tuple[Entry, str | None]] = []
    for entry in index.top_level():
        if not counted(entry) or rollup(entry) is not Status.BLOCKED:
            continue
        if entry.item.status is Status.BLOCKED:
            found.append((entry, reason_for(entry, Status.BLOCKED)))
            continue
        parts = [
            f"{e.own} {e.item.title}{colon()}{reason_for(e, Status.BLOCKED) or _('no reason recorded')}"
            for e in _descendants(entry)
            if e.item.status is Status.BLOCKED
        ]
        found.append((entry, "; ".join(parts) or None))
    return found


def _descendants(entry: Entry) -> list[Entry]:
    return [d for child in entry.children for d in (child, *_descendants(child))]


def build(index: PlanIndex, as_of: date, *, recorded: bool = False) -> Report:
    dropped = [(e, reason_for(e, Status.DROPPED)) for e in index.entries if e.item.status is Status.DROPPED]
    summary = summarize(index, as_of)
    milestones, before = due_by_milestone(index)
    return Report(index, summary, gantt_bars(index, as_of), milestones, dropped, recorded, before=before)


def point_marks(style: str, count: int) -> list[str]:
    """The marks of an objective's points as the document prints them: (a), (1) or bullets."""
    if style == "letters":
        return [f"({chr(ord('a') + i)})" for i in range(count)]
    if style == "numbers":
        return [f"({i + 1})" for i in range(count)]
    return ["•"] * count


def item_facts(entry: Entry, index: PlanIndex) -> list[str]:
    """What every report format says after an item's title, in this order.

    A deliverable shows its status; other kinds say what they are. A due date or owners the
    document does not state carry their mark: "due 2026-12-31 (within the period)", "owners:
    IWG (default)".
    """
    item = entry.item
    facts = [state_words(entry, index)]
    due = effective_due(entry, index)
    if item.due and due is not None:
        text = dated_text(due, entry, index)
        facts.append(text if within_period(entry) else _("due {date}").format(date=text))
    if item.completed:
        facts.append(_("completed {date}").format(date=day_words(item.completed)))
    if item.owners:
        facts.append(_("owners: {names}").format(names=owners_text(item)))
    if item.partners:
        facts.append(_("with {partners}").format(partners=", ".join(item.partners)))
    if item.kind == "standing":
        note = next((h.note for h in reversed(item.history) if h.note and not is_correction(h.note)), None)
        facts.append(_("latest: {note}").format(note=note) if note else _("no note recorded"))
    return facts


def state_words(entry: Entry, index: PlanIndex) -> str:
    """What a report's table says of an item: its status, or what it is when not a deliverable
    ("before this revision" for business the plan dates before its own issue)."""
    return status_word(shown_status(entry, index, {kind: _(words) for kind, words in KIND_LABEL.items()}))


KIND_LABEL = {
    "standing": N_("standing duty"),
    "past": N_("before this revision"),
    "possibility": N_("a possibility, not a task"),
    # Translators: what an item is when the document only states an intention to do it.
    "intention": N_("intention"),
    # Translators: what an item is when the document encourages it ("The IWG encourages ...").
    "encouragement": N_("encouraged"),
}


def milestone_when_text(milestone: Milestone) -> str:
    """A milestone's dates for a table: a day, a month, or "2026-12 to 2027-01"."""
    if milestone.date is not None:
        return str(milestone.date)
    return _("{start} to {end}").format(start=milestone.start, end=milestone.end)


def milestone_source(milestone: Milestone) -> str:
    """A short note when a milestone's dates are not the document's own."""
    if not unsure(milestone.basis):
        return ""
    return milestone.basis_note or _(BASIS_WORDS[milestone.basis or ""])
