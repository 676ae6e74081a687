"""English, French and Spanish (issue 27): the catalogues, the choice of language, dates and
numbers per language, and the plan's texts in several languages."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from iwgplan import i18n
from iwgplan.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "iwgplan" / "locale"
TRANSLATED = Path(__file__).parent / "fixtures" / "translated.yaml"
OTHERS = ("fr", "es")


def _po(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "iwgplan.po").open("rb") as f:
        return read_po(f, locale=lang)


def _ids(catalogue) -> set[object]:  # type: ignore[no-untyped-def]
    return {m.id for m in catalogue if m.id}


def test_the_template_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    """`pybabel extract` over the sources now gives the msgids the shipped template has."""
    out = tmp_path / "now.pot"
    subprocess.run(
        [
            Path(sys.executable).parent / "pybabel",
            "extract",
            "-F",
            "babel.cfg",
            "--no-location",
            "-o",
            out,
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as now, (LOCALE / "iwgplan.pot").open("rb") as shipped:
        assert _ids(read_po(now)) == _ids(read_po(shipped)), (
            "run the pybabel extract/update of docs/languages.md"
        )


@pytest.mark.parametrize("lang", OTHERS)
def test_each_catalogue_is_complete(lang: str) -> None:
    """Every msgid of the template is translated (every plural form), none fuzzy, none obsolete."""
    with (LOCALE / "iwgplan.pot").open("rb") as f:
        template = read_po(f)
    catalogue = _po(lang)
    assert _ids(catalogue) == _ids(template)
    assert not catalogue.obsolete
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, (lang, message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert strings and all(strings), (lang, message.id)
        if message.pluralizable:
            assert len(strings) == catalogue.num_plurals, (lang, message.id)


@pytest.mark.parametrize("lang", OTHERS)
def test_each_compiled_catalogue_is_compiled_from_its_po(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, _po(lang))
    assert (LOCALE / lang / "LC_MESSAGES" / "iwgplan.mo").read_bytes() == buffer.getvalue(), (
        f"run `pybabel compile -D iwgplan -d src/iwgplan/locale -l {lang}`"
    )


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_is_translated_when_looked_up(lang: str) -> None:
    """The compiled catalogue is the one the tool loads, and it answers for every msgid."""
    i18n.use(lang)
    for message in _po(lang):
        if message.id and not message.pluralizable:
            found = i18n.pgettext(message.context, message.id) if message.context else i18n._(message.id)
            assert found == message.string


# The choice of language: --lang, then IWGPLAN_LANG, then the locale (LC_ALL, LC_MESSAGES,
# LANG: the first one set), then English.
@pytest.mark.parametrize(
    ("explicit", "env", "wanted"),
    [
        ("fr", {"IWGPLAN_LANG": "es", "LC_ALL": "es_ES.UTF-8"}, "fr"),
        (None, {"IWGPLAN_LANG": "es", "LC_ALL": "fr_FR.UTF-8"}, "es"),
        (None, {"IWGPLAN_LANG": "ES"}, "es"),
        (None, {"IWGPLAN_LANG": "", "LANG": "fr_CA.UTF-8"}, "fr"),
        (None, {"LC_ALL": "es_AR.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "fr_FR"}, "es"),
        (None, {"LC_MESSAGES": "fr_FR@euro", "LANG": "es_ES"}, "fr"),
        (None, {"LANG": "es"}, "es"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LC_ALL": "C", "LANG": "fr_FR"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_chosen_in_order(explicit: str | None, env: dict[str, str], wanted: str) -> None:
    assert i18n.resolve(explicit, env) == wanted


@pytest.mark.parametrize("given", ["de", "fr_FR", "english", " ", "f\u200br", "fr\x00"])
def test_an_unknown_language_asked_for_by_name_is_a_usage_error(given: str) -> None:
    with pytest.raises(UsageError):
        i18n.resolve(given, {})
    with pytest.raises(UsageError):
        i18n.resolve(None, {"IWGPLAN_LANG": given})


def test_dates_months_ranges_and_percentages_per_language() -> None:
    day, start, end = date(2025, 9, 10), date(2025, 9, 1), date(2026, 12, 31)
    assert [i18n.day(day, lang) for lang in i18n.LANGUAGES] == [
        "10 September 2025",
        "10 septembre 2025",
        "10 de septiembre de 2025",
    ]
    assert [i18n.month(start, lang) for lang in i18n.LANGUAGES] == [
        "September 2025",
        "septembre 2025",
        "septiembre de 2025",
    ]
    assert i18n.month_range(start, end, "fr") == "septembre 2025\u2009\u2013\u2009décembre 2026"
    assert i18n.month_range(start, end, "es") == "septiembre de 2025\u2009\u2013\u2009diciembre de 2026"
    assert [i18n.percent(0.42, lang) for lang in i18n.LANGUAGES] == ["42%", "42\xa0%", "42\xa0%"]


def test_help_loads_neither_babel_nor_a_catalogue() -> None:
    """`--help` stays on the fast path: neither Babel nor iwgplan's language module is imported
    (gettext itself is, by Click and argparse, as before)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "iwgplan", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "IWGPLAN_LANG": "fr"},
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert not {m for m in imported if m == "babel" or m.startswith("babel.")}
    assert "iwgplan.i18n" not in imported


def test_the_wheel_ships_the_compiled_catalogues() -> None:
    """hatch puts everything under src/iwgplan in the wheel: the .mo files are there to put."""
    for lang in OTHERS:
        assert (LOCALE / lang / "LC_MESSAGES" / "iwgplan.mo").is_file()
    tracked = subprocess.run(
        ["git", "ls-files", "src/iwgplan/locale"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert {f"src/iwgplan/locale/{lang}/LC_MESSAGES/iwgplan.mo" for lang in OTHERS} <= set(tracked)


# The plan's texts in several languages, and the translators' round trip.


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "plans"
    folder.mkdir(parents=True)
    target = folder / "translated.yaml"
    target.write_bytes(TRANSLATED.read_bytes())
    return target


MISSING = {
    "fr": [
        "references.0.note",
        "tiers.0.focus_areas.0.title",
        "tiers.0.focus_areas.0.description",
        "tiers.0.focus_areas.0.action_points.1.title",
    ],
    "es": [
        "references.0.note",
        "tiers.0.title",
        "tiers.0.focus_areas.0.title",
        "tiers.0.focus_areas.0.description",
        "tiers.0.focus_areas.0.action_points.1.title",
    ],
}


def test_translations_lists_exactly_the_missing_texts(cli, translated: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("translations", "--plan", translated)
    assert result.code == 0
    listed: dict[str, list[str]] = {}
    for row in result.out.splitlines():
        if not row.startswith(" "):
            lang = row.split(":")[0]
            listed[lang] = []
        else:
            listed[lang].append(row.split()[0])
    assert listed == MISSING
    only = cli("translations", "--plan", translated, "--lang", "es", "--format", "csv")
    assert [r.split(",")[0] for r in only.out.splitlines()[1:]] == MISSING["es"]


def test_a_french_report_uses_the_french_texts_and_marks_the_english_fallbacks(cli, translated: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("report", "--plan", translated, "--lang", "fr").out
    assert "# Programme de travail du Groupe de travail" in out
    assert "Volet un" in out and "Tier one" not in out.replace("[en] Tier one", "")
    assert "[en] MSME toolkit" in out and "Déclaration conjointe" in out
    spanish = cli("report", "--plan", translated, "--lang", "es").out
    assert "[en] Tier one" in spanish and "Declaración conjunta" in spanish
    english = cli("report", "--plan", translated).out
    assert "[en]" not in english and "Tier one" in english


def _fill(sheet: str, make) -> str:  # type: ignore[no-untyped-def]
    import csv

    rows = list(csv.reader(io.StringIO(sheet, newline="")))
    for row in rows[1:]:
        row[3:] = [make(row[2], lang) for lang in rows[0][3:]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def test_the_round_trip_changes_only_the_translated_texts(cli, translated: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every style a text may have (plain, quoted, folded, a flow mapping) with its comment: only
    the value of each translated text changes, byte for byte."""
    before = translated.read_text(encoding="utf-8")
    sheet = cli("translations", "--plan", translated, "--lang", "es", "--format", "csv").out
    filled = tmp_path / "es.csv"
    filled.write_text(_fill(sheet, lambda en, lang: f"ES {en}"), encoding="utf-8")
    result = cli("translations", "--plan", translated, "--import", filled)
    assert result.code == 0, result.err
    expected = (
        before.replace("    note: cited in 2.1   #", "    note: {en: cited in 2.1, es: ES cited in 2.1}   #")
        .replace("{en: Tier one, fr: Volet un}", "{en: Tier one, fr: Volet un, es: ES Tier one}")
        .replace(
            '        title: "Preparations for MC14"\n',
            "        title: {en: Preparations for MC14, es: ES Preparations for MC14}\n",
        )
        .replace(
            "        description: >-\n          Work towards the\n          Ministerial Conference.\n",
            "        description: {en: Work towards the Ministerial Conference.,"
            " es: ES Work towards the Ministerial Conference.}\n",
        )
        .replace(
            "            title: MSME toolkit   #",
            "            title: {en: MSME toolkit, es: ES MSME toolkit}   #",
        )
    )
    assert translated.read_text(encoding="utf-8") == expected
    assert cli("translations", "--plan", translated, "--lang", "es").out.startswith("es: 0 texts")
    again = cli("translations", "--plan", translated, "--import", filled)
    assert again.code == 0 and translated.read_text(encoding="utf-8") == expected  # nothing new


HOSTILE = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + [
    "\u00ad", "\u061c", "\u200b", "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202e",
    "\u2066", "\u2069", "\ufeff", "'", '"', "#", ": ", ", ", "{", "}", "[", "]", "&", "*", "!", "|", ">", "%", "@", "`",
]  # fmt: skip


def test_any_character_in_a_translation_is_kept_exactly(translated: Path) -> None:
    """Every control, invisible and bidi character, and every YAML indicator, in a translation: the
    file stays valid and reads back the very text (the splice checks the result before writing)."""
    from iwgplan.edit.apply import record
    from iwgplan.edit.translations import outcome
    from iwgplan.files.loading import load_text

    header = ["path", "id", "en", "fr"]
    for char in HOSTILE:
        text = f"a{char}b"
        translated.write_bytes(TRANSLATED.read_bytes())
        body = [["tiers.0.focus_areas.0.action_points.1.title", "toolkit", "MSME toolkit", text]]
        record(translated, lambda index, body=body: outcome(index, header, body, "s.csv"))
        plan, _ = load_text(translated.read_text(encoding="utf-8"), "p")
        assert plan.tiers[0].focus_areas[0].action_points[1].title_tr == {"fr": text}, repr(char)


def test_a_sheet_written_before_the_english_changed_is_refused(cli, translated: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = cli("translations", "--plan", translated, "--lang", "fr", "--format", "csv").out
    filled = tmp_path / "fr.csv"
    filled.write_text(_fill(sheet, lambda en, lang: "x").replace("MSME toolkit", "Toolkit"), encoding="utf-8")
    before = translated.read_bytes()
    result = cli("translations", "--plan", translated, "--import", filled)
    assert result.code == 1 and "has changed since the sheet was written" in result.err
    assert translated.read_bytes() == before


def test_the_xlsx_sheet_round_trips(cli, translated: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    sheet = tmp_path / "fr.xlsx"
    assert (
        cli("translations", "--plan", translated, "--lang", "fr", "--format", "xlsx", "-o", sheet).code == 0
    )
    book = load_workbook(sheet)
    rows = list(book.active.iter_rows())
    assert [c.value for c in rows[0]] == ["path", "id", "en", "fr"]
    for row in rows[1:]:
        row[3].value = f"FR {row[2].value}"
    book.save(sheet)
    assert cli("translations", "--plan", translated, "--import", sheet).code == 0
    assert cli("translations", "--plan", translated, "--lang", "fr").out.startswith("fr: 0 texts")


@pytest.mark.parametrize(
    "title",
    [{"fr": "x"}, {"en": ""}, {"en": "x", "de": "y"}, {"en": "x", "fr": 1}, {"en": "x", "fr": None}, {}],
)
def test_a_malformed_text_in_several_languages_is_refused(title: dict[str, object]) -> None:
    from pydantic import ValidationError

    from iwgplan.plan.model import Tier

    with pytest.raises(ValidationError):
        Tier.model_validate({"id": "t", "number": "1", "title": title})
    with pytest.raises(ValidationError, match="not a key of the plan format"):
        Tier.model_validate({"id": "t", "number": "1", "title": "x", "title_tr": {"fr": "y"}})
