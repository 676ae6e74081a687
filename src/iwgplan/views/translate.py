"""The plan's own texts in another language: where the plan has a translation, and where not.

A text (`title`, `description`, `note`) is one English string, or a mapping with the other
languages beside it (:data:`iwgplan.plan.model.TRANSLATED`). :func:`translated` gives the plan
with each text in a language, the English one marked ``[en]`` where that language is missing;
:func:`missing` lists what lacks a translation, by language, for the Secretariat to send out.
Pure: works on models and records alike (both have ``model_copy``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iwgplan.errors import Loc
from iwgplan.plan.model import OTHER_LANGUAGES, TRANSLATED

if TYPE_CHECKING:
    from iwgplan.plan.model import Plan
    from iwgplan.views.context import View

SOURCE = "en"
_LISTS = (
    "references",
    "headings",
    "milestones",
    "tiers",
    "sections",
    "focus_areas",
    "action_points",
    "items",
    "children",
    "evidence",
    "history",
    "objectives",
    "meetings",
    "agenda",
)
# The plan's other English prose, that the plan format gives no other language (the document's
# paragraphs, the notes on its facts): shown marked in another language, never passed off.
ENGLISH_ONLY = (
    *("text", "closing", "points", "points_note", "due_note", "basis_note", "title_note"),
    *("issuer_role", "symbol_note", "revision_note", "supersedes_note", "theme", "outcome", "questions"),
)


def fallback(text: str) -> str:
    """The English text shown where a language has no translation: marked, never passed off."""
    return f"[{SOURCE}] {text}"


@dataclass(frozen=True, slots=True)
class Text:
    """One text of the plan: where it is (the loc of its mapping, and its key), what it says."""

    loc: Loc
    key: str
    english: str
    translations: dict[str, str]
    label: str  # what it belongs to, for people: an id, a symbol or the plan

    @property
    def path(self) -> str:
        """The text's place in the file, as `translations export` writes it: tiers.0.title."""
        return ".".join(str(p) for p in (*self.loc, self.key))


def texts(plan: Plan) -> Iterator[Text]:
    """Every text of the plan that may carry translations, in the file's order."""
    yield from _walk(plan, (), "plan")


def _walk(obj: Any, loc: Loc, label: str) -> Iterator[Text]:
    own = getattr(obj, "id", None) or getattr(obj, "symbol", None) or label
    for key in TRANSLATED:
        if not hasattr(obj, f"{key}_tr"):
            continue
        english = getattr(obj, key)
        if english:
            yield Text(loc, key, english, dict(getattr(obj, f"{key}_tr") or {}), str(own))
    meta = getattr(obj, "plan", None)
    if meta is not None and not isinstance(meta, str):
        yield from _walk(meta, (*loc, "plan"), "plan")
    for name in _LISTS:
        for i, child in enumerate(getattr(obj, name, None) or ()):
            yield from _walk(child, (*loc, name, i), f"{own} {name} {i + 1}")


def missing(plan: Plan, languages: tuple[str, ...] = OTHER_LANGUAGES) -> dict[str, list[Text]]:
    """The texts that lack a translation, by language (every language asked for is a key)."""
    out: dict[str, list[Text]] = {lang: [] for lang in languages}
    for text in texts(plan):
        for lang in languages:
            if lang not in text.translations:
                out[lang].append(text)
    return out


def translated(plan: Plan, lang: str) -> Plan:
    """The plan with every text in ``lang``; English, marked ``[en]``, where it has none."""
    if lang == SOURCE:
        return plan
    result: Plan = _copy(plan, lang)
    return result


def _copy(obj: Any, lang: str) -> Any:
    update: dict[str, Any] = {}
    for key in TRANSLATED:
        english = getattr(obj, key, None)
        if not english or not isinstance(english, str):
            continue
        # a meeting's title has no other language in the plan format: English, marked
        update[key] = (getattr(obj, f"{key}_tr", None) or {}).get(lang) or fallback(english)
    for key in ENGLISH_ONLY:
        value = getattr(obj, key, None)
        if isinstance(value, str) and value:
            update[key] = fallback(value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            update[key] = [fallback(v) for v in value]
    meta = getattr(obj, "plan", None)
    if meta is not None and not isinstance(meta, str):
        update["plan"] = _copy(meta, lang)
    for name in _LISTS:
        children = getattr(obj, name, None)
        if children and hasattr(children[0], "model_copy"):  # not an agenda item's ids
            update[name] = [_copy(child, lang) for child in children]
    return obj.model_copy(update=update)


def in_language(view: View, lang: str) -> View:
    """The view with the plan's texts in ``lang`` (the same view for English)."""
    if lang == SOURCE:
        return view
    from dataclasses import replace

    from iwgplan.plan.index import PlanIndex

    plan = translated(view.plan, lang)
    return replace(view, plan=plan, index=PlanIndex(plan))
