"""What is left in English in a French or Spanish output: the catalogue's English words (between
placeholders) that the English output holds and the translated one still does, once the plan's own
words are taken out. Shared by tests/test_i18n_outputs.py (the screens) and test_i18n_reports.py."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from iwgplan import i18n
from iwgplan.views.translate import texts

LOCALE = Path(__file__).resolve().parents[2] / "src" / "iwgplan" / "locale"


def _catalogue(lang: str) -> list[tuple[str, str]]:
    """Every (English, translation) of the catalogue, plural forms included, that differ."""
    with (LOCALE / lang / "LC_MESSAGES" / "iwgplan.po").open("rb") as f:
        catalogue = read_po(f, locale=lang)
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [
            (ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings) if s != ids[min(i, len(ids) - 1)]
        ]
    return pairs


def _fragments(lang: str) -> set[str]:
    """The English words of each msgid between its placeholders, where a reader would see them
    (four letters or more), unless the language's own strings hold the same words."""
    pairs = _catalogue(lang)
    theirs = " ".join(s for _, s in pairs)
    found = set()
    for english, _translated in pairs:
        if english in i18n.TERMS or english in STATUS_WORDS:  # the plan's words, not the tool's
            continue
        for piece in re.split(r"\{[a-z_]*\}", english):
            piece = piece.strip(" :;,.()…·*")
            if piece in STATUS_WORDS:  # "{n} intention": the word alone is the list's status column
                continue
            if (" " in piece or len(re.sub(r"[^A-Za-z]", "", piece)) >= 6) and piece not in theirs:
                found.add(piece)
    return found


def _strings(data: object) -> set[str]:
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(_strings(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_strings(v) for v in data)) if data else set()
    return set()


def without_plan_texts(output: str, plan: Path) -> str:
    """The output less the plan's own words (its texts, shown in English and marked where the
    plan has no translation; its owners, notes and names): only the tool's words are left."""
    import yaml

    from iwgplan.cli.output import load_view

    data = yaml.load(plan.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    words = _strings(data) | {t.english for t in texts(load_view(plan, None).plan)}
    for english in sorted((w for w in words if len(w) >= 3), key=len, reverse=True):
        output = output.replace(english, "")
        for k in range(len(english) - 1, 7, -1):  # a title cut to its column: "IWG Co-Chairs report…"
            if english[:k] + "…" in output:
                output = output.replace(english[:k] + "…", "")
                break
    return output


# The statuses are the plan file's words (`status: planned`) and what `--status` takes: shown as
# the file writes them in every language (docs/languages.md); only the headings above them are
# translated.
# So are the words for what an item is, the document's force among them (issue 23, point 4).
STATUS_WORDS = {
    *("planned", "in-progress", "done", "blocked", "dropped", "standing", "past", "possible"),
    *("intention", "encouraged", "upon request", "as necessary"),
}


def english_left(english: str, translated: str, lang: str) -> list[str]:
    left = []
    for piece in _fragments(lang):
        pattern = re.compile(r"(?<![A-Za-z])" + re.escape(piece) + r"(?![A-Za-z])")
        if pattern.search(english) and pattern.search(translated):
            left.append(piece)
    return sorted(left)
