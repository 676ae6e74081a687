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
            assert i18n._(message.id) == message.string


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
