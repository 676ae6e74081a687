"""How sure each fact is, in words every format prints the same way. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iwgplan.words import N_, ngettext
from iwgplan.words import gettext as _

if TYPE_CHECKING:  # screens run on plan.records too, without pydantic
    from collections.abc import Iterable

    from iwgplan.plan.model import ActionPoint, Milestone, Objective, PlanMeta, Reference


BASIS_WORDS = {  # translated where shown (basis_text, milestone_title)
    "document": N_("stated in the document"),
    "inferred": N_("inferred, not stated in the document"),
    "default": N_("a transcription default, not stated in the document"),
    "outside": N_("from outside the document"),
    "recorded": N_("recorded by an edit, not the document's"),
}
# Translators: the mark beside owners the document does not name, "IWG Co-Chairs (inferred)".
MARKS = {"inferred": N_("inferred"), "default": N_("default"), "outside": N_("outside")}


def noted(value: str | None, note: str | None) -> str:
    """``INF/TGE/W/10/Rev.1 (probable)``; a dash when there is no value."""
    if not value:
        return "—"
    return f"{value} ({note})" if note else value


def symbol_text(meta: PlanMeta) -> str:
    """``INF/TGE/W/10/Rev.1, probable: not printed in the document``: the note after a comma,
    since it qualifies the symbol itself."""
    if not meta.symbol:
        return "—"
    return f"{meta.symbol}, {meta.symbol_note}" if meta.symbol_note else meta.symbol


def revision_text(meta: PlanMeta) -> str:
    """``Rev.1 (the tool's reading of "Revision"; the document gives no number)``."""
    return f"{meta.revision_label} ({meta.revision_note})" if meta.revision_note else meta.revision_label


# --- facts from outside the document (issue 23, point 5) ---------------------------------------


def sources_text(sources: Iterable[str]) -> str:
    """``source: https://...; WT/MIN(24)/6``, or "" when none is named."""
    named = list(sources)
    if not named:
        return ""
    # Translators: where a fact from outside the document comes from, "source: WT/MIN(24)/6".
    return ngettext("source: {sources}", "sources: {sources}", len(named)).format(sources="; ".join(named))


def with_sources(text: str, sources: Iterable[str]) -> str:
    """A basis text with its sources after it: ``from outside the document: ...; source: ...``."""
    where = sources_text(sources)
    return "; ".join(part for part in (text, where) if part)


def milestone_title(milestone: Milestone) -> str:
    """The title with its mark when its dates are not the document's: ``WTO 14th Ministerial
    Conference (MC14), Yaoundé, Cameroon (from outside the document)``."""
    if not unsure(milestone.basis):
        return milestone.title
    return f"{milestone.title} ({_(BASIS_WORDS[milestone.basis or ''])})"


def milestone_long(milestone: Milestone) -> str:
    """The whole mark: basis, note and sources; "" for a milestone the document dates."""
    if not unsure(milestone.basis):
        return ""
    return with_sources(basis_text(milestone.basis, milestone.basis_note), milestone.sources)


def reference_symbol(reference: Reference) -> str:
    """``WT/MIN(24)/6, not printed in the document``: a symbol the document does not print (the
    plan's ``sources`` say where it comes from)."""
    if not unsure(reference.symbol_basis):
        return reference.symbol
    return _("{symbol}, not printed in the document").format(symbol=reference.symbol)


def reference_title(reference: Reference) -> str:
    """The title, with its mark when the document does not give it: ``... (title inferred)``,
    ``(symbol and title not in the document)``; sources after it, other than the document itself.
    A table that prints this beside the bare symbol marks both at once."""
    symbol, title = unsure(reference.symbol_basis), unsure(reference.title_basis)
    if not (symbol or title):
        return reference.title
    named = [s for s in reference.sources if s != reference.symbol]  # its own symbol goes without saying
    if symbol:  # said once for both: "(symbol and title not in the document)"
        mark = _("symbol and title not in the document") if title else _("symbol not in the document")
    elif reference.title_basis == "inferred":
        mark = _("title inferred")
    else:
        mark = _("title not in the document")
    return f"{reference.title} ({with_sources(mark, named)})"


def cited(symbols: Iterable[str], references: Iterable[Reference]) -> list[str]:
    """Symbols as a paragraph cites them, each with its mark when the document prints none."""
    known = {r.symbol: r for r in references}
    return [reference_symbol(known[s]) if s in known else s for s in symbols]


def supersedes_text(meta: PlanMeta) -> str:
    return noted(meta.supersedes, meta.supersedes_note)


def issued_by_text(meta: PlanMeta) -> str:
    """``Cabo Verde and El Salvador, the Co-Chairs of the IWG``: the names with their role."""
    names = list(meta.issued_by)
    if not names:
        return "—"
    if len(names) == 1:
        joined = names[0]
    else:
        joined = _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    return f"{joined}, {meta.issuer_role}" if meta.issuer_role else joined


def basis_text(basis: str | None, note: str | None) -> str:
    """``inferred, not stated in the document: the item is under the MC14 focus area``."""
    from iwgplan.i18n import colon

    words = _(BASIS_WORDS[basis]) if basis in BASIS_WORDS else ""
    return colon().join(part for part in (words, note or "") if part)


def due_basis(item: ActionPoint) -> str:
    return basis_text(item.due_basis, item.due_note)


def milestone_basis(milestone: Milestone) -> str:
    return basis_text(milestone.basis, milestone.basis_note)


def points_source(objective: Objective) -> str:
    """Where a paragraph's listed points come from, when the document does not list them
    (``from outside the document: ...``); empty when they are the document's own."""
    if not unsure(objective.points_basis):
        return ""
    return with_sources(basis_text(objective.points_basis, objective.points_note), objective.points_sources)


def owners_text(item: ActionPoint) -> str:
    """``IWG Co-Chairs (inferred)``: the owners, marked when the document does not name them."""
    basis = item.owners_basis
    mark = f" ({_(MARKS[basis])})" if basis is not None and basis in MARKS else ""
    return ", ".join(item.owners) + mark


# --- titles the document does not write (issue 23): 5.1 and 5.2 share section 5's heading ------

TITLE_MARKS = {  # translated where shown (title_mark)
    # Translators: the mark beside a section's title that the document does not write as a
    # heading of its own, "5.1 New IWG agenda setting (the tool's label)".
    "inferred": N_("the tool's label"),
    "default": N_("the tool's label"),
    "outside": N_("from another source"),
}
TITLE_LEGEND = {  # translated where shown (title_legend), by the mark's basis
    "inferred": N_("titles marked (the tool's label): the document gives the part no heading of its own"),
    "outside": N_(
        "titles marked (from another source): the document gives the part no heading; the title"
        " comes from outside it"
    ),
}


# Where room is short (the status and tiers tables), as a date's mark is: a word, never dropped.
TITLE_SHORT = {
    # Translators: the short mark of a section's title the document does not write, where room
    # is short: "§5.1 New IWG agenda setting (label)"; one word, never split; the legend says
    # what it means.
    "inferred": N_("label"),
    "default": N_("label"),
    "outside": N_("outside"),
}
TITLE_SHORT_LEGEND = {
    "inferred": N_("label: a title the document does not write"),
    "outside": N_("outside: a title from outside the document"),
}


def title_short_mark(node: object) -> str:
    """``label`` beside a title the document does not write, where room is short; "" otherwise."""
    basis = getattr(node, "title_basis", None)
    return _(TITLE_SHORT[basis]) if basis in TITLE_SHORT else ""


def title_short_legend(nodes: Iterable[object]) -> list[str]:
    """What the short marks beside these titles mean, once each; [] when none is marked."""
    bases = {"inferred" if b == "default" else b for b in (getattr(n, "title_basis", None) for n in nodes)}
    return [_(TITLE_SHORT_LEGEND[b]) for b in TITLE_SHORT_LEGEND if b in bases]


def title_mark(node: object) -> str:
    """The mark beside a tier's, focus area's or section's title that the document does not
    write (``title_basis``): ``the tool's label``; "" for the document's own heading."""
    basis = getattr(node, "title_basis", None)
    return _(TITLE_MARKS[basis]) if basis in TITLE_MARKS else ""


def marked_title(text: str, node: object) -> str:
    """``5.1 New IWG agenda setting (the tool's label)``: a title (or a label holding it) with
    its mark when the document does not write it; the text itself when it does."""
    mark = title_mark(node)
    return f"{text} ({mark})" if mark else text


def title_long(text: str, node: object) -> str:
    """The title with its mark and the plan's note on it, where there is room:
    ``5.2 Secretariat's support functions (the tool's label: section 5's heading covers ...)``."""
    mark = title_mark(node)
    if not mark:
        return text
    note = getattr(node, "title_note", None)
    # Translators: a mark and the plan's note on it, "the tool's label: section 5's heading ...".
    said = _("{mark}: {note}").format(mark=mark, note=note) if note else mark
    return f"{text} ({said})"


def title_legend(nodes: Iterable[object]) -> list[str]:
    """What the marks beside these titles mean, once each, in words; [] when none is marked."""
    bases = {getattr(n, "title_basis", None) for n in nodes}
    bases = {"inferred" if b == "default" else b for b in bases}  # one mark, one meaning
    return [_(TITLE_LEGEND[b]) for b in TITLE_LEGEND if b in bases]


def unsure(basis: str | None) -> bool:
    """A fact the document does not state: worth a mark wherever it is shown."""
    return basis in ("inferred", "default", "outside")
