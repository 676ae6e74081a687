"""How sure each fact is, in words every format prints the same way. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # screens run on plan.records too, without pydantic
    from iwgplan.plan.model import ActionPoint, Milestone, Objective, PlanMeta

BASIS_WORDS = {
    "document": "stated in the document",
    "inferred": "inferred, not stated in the document",
    "default": "a transcription default, not stated in the document",
    "outside": "from outside the document",
}


def noted(value: str | None, note: str | None) -> str:
    """``INF/TGE/W/10/Rev.1 (probable)``; a dash when there is no value."""
    if not value:
        return "—"
    return f"{value} ({note})" if note else value


def symbol_text(meta: PlanMeta) -> str:
    return noted(meta.symbol, meta.symbol_note)


def supersedes_text(meta: PlanMeta) -> str:
    return noted(meta.supersedes, meta.supersedes_note)


def issued_by_text(meta: PlanMeta) -> str:
    """``Cabo Verde and El Salvador, the Co-Chairs of the IWG``: the names with their role."""
    names = list(meta.issued_by)
    if not names:
        return "—"
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{joined}, {meta.issuer_role}" if meta.issuer_role else joined


def basis_text(basis: str | None, note: str | None) -> str:
    """``inferred, not stated in the document: the item is under the MC14 focus area``."""
    words = BASIS_WORDS.get(basis or "", "")
    return ": ".join(part for part in (words, note or "") if part)


def due_basis(item: ActionPoint) -> str:
    return basis_text(item.due_basis, item.due_note)


def milestone_basis(milestone: Milestone) -> str:
    return basis_text(milestone.basis, milestone.basis_note)


def points_source(objective: Objective) -> str:
    """Where a paragraph's listed points come from, when the document does not list them
    (``from outside the document: ...``); empty when they are the document's own."""
    if not unsure(objective.points_basis):
        return ""
    return basis_text(objective.points_basis, objective.points_note)


def owners_text(item: ActionPoint) -> str:
    """``IWG Co-Chairs (inferred)``: the owners, marked when the document does not name them."""
    mark = f" ({item.owners_basis})" if unsure(item.owners_basis) else ""
    return ", ".join(item.owners) + mark


def unsure(basis: str | None) -> bool:
    """A fact the document does not state: worth a mark wherever it is shown."""
    return basis in ("inferred", "default", "outside")
