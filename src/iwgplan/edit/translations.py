"""A translator's filled sheet applied to the plan: each filled text becomes ``{en: ..., fr: ...}``
in its place, and nothing else of the file changes (the splice of :mod:`iwgplan.edit.splice`)."""

from __future__ import annotations

from collections.abc import Callable

from iwgplan.edit.progress import Outcome
from iwgplan.edit.splice import Change
from iwgplan.errors import IwgplanError
from iwgplan.plan.index import PlanIndex
from iwgplan.plan.model import OTHER_LANGUAGES
from iwgplan.views.translate import texts

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SheetError(IwgplanError):
    """A filled sheet that does not fit the plan: nothing is written."""


def _unguarded(value: str) -> str:
    """A cell as the export wrote it: the ' put before what a spreadsheet would read as a formula."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def outcome(
    index: PlanIndex,
    header: list[str],
    body: list[list[str]],
    shown: str,
    as_written: Callable[[str], str] = str,
) -> Outcome:
    """The changes a sheet asks for; rows whose translations the plan already has change nothing.

    ``as_written`` is how the export wrote an English text into the sheet (an xlsx cell shows
    control and invisible characters), so that a row is matched to the text it was written from.
    """
    if header[:3] != ["path", "id", "en"]:
        raise SheetError(
            f"{shown}: the first columns must be path, id, en (as `translations --format csv` writes them)"
        )
    langs = header[3:]
    unknown = [lang for lang in langs if lang not in OTHER_LANGUAGES]
    if unknown or not langs:
        raise SheetError(
            f"{shown}: the language columns after 'en' must be fr or es, not {unknown or 'none'}"
        )
    places = {t.path: t for t in texts(index.plan)}
    changes: dict[tuple[str | int, ...], Change] = {}
    outcome = Outcome()
    for number, row in enumerate(body, start=2):
        cells = [*row, *[""] * (len(header) - len(row))]
        path, english = cells[0], _unguarded(cells[2])
        text = places.get(path)
        if text is None:
            raise SheetError(f"{shown}, row {number}: the plan has no text at {path!r}; nothing was written")
        if english != text.english and english != as_written(text.english):
            raise SheetError(
                f"{shown}, row {number}: the English of {path} has changed since the sheet was"
                " written; export it again (nothing was written)"
            )
        new = dict(text.translations)
        for lang, value in zip(langs, cells[3:], strict=False):
            value = _unguarded(value)
            if value.strip():
                new[lang] = value
        if new == text.translations:
            continue
        mapping = {"en": text.english, **{lang: new[lang] for lang in OTHER_LANGUAGES if lang in new}}
        change = changes.setdefault(text.loc, Change(text.loc))
        change.set_texts[text.key] = mapping
        added = ", ".join(lang for lang in OTHER_LANGUAGES if new.get(lang) != text.translations.get(lang))
        outcome.said.append(f"{path}: {added}")
    outcome.changes = list(changes.values())
    if not outcome.changes:
        outcome.notices.append("no new translation in the sheet; nothing to write")
    return outcome
