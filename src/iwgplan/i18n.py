"""The tool's own words in the WTO's three working languages: English, French and Spanish.

Fixed strings are marked with :func:`_` (and :func:`ngettext` where a number decides the form)
and looked up in the gettext catalogues under ``iwgplan/locale/{fr,es}/LC_MESSAGES/iwgplan.mo``,
compiled with Babel from the ``.po`` files beside them (docs/languages.md says how). English is
the source language: it has no catalogue, and its output is what it was before any of this.

The language is chosen once per command that writes for people (:func:`use`): ``--lang``, then
``IWGPLAN_LANG``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as POSIX reads them),
then English. Nothing here is loaded at start-up: ``gettext`` and Babel are imported only when a
command asks for a language other than English, so ``--help`` stays as fast as it was.

Dates, months, ranges and percentages are written by Babel from the CLDR data of each language
(:func:`day`, :func:`month`, :func:`month_range`, :func:`percent`), English as British usage
writes them, which is the WTO's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iwgplan.errors import UsageError

if TYPE_CHECKING:
    import gettext as gettext_module

LANGUAGES = ("en", "fr", "es")
"""The WTO's three working languages; English is the plan's own language and the source one."""

SOURCE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "iwgplan"
_CLDR = {"en": "en_GB", "fr": "fr", "es": "es"}

_current = SOURCE
_catalogue: gettext_module.NullTranslations | None = None


def resolve(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to write in: ``--lang``, then ``IWGPLAN_LANG``, then the locale, then English.

    An unknown ``--lang`` or ``IWGPLAN_LANG`` is a usage error (they are asked for by name); a
    locale in another language falls back to English (it was not chosen for iwgplan).
    """
    env = os.environ if environ is None else environ
    for given, what in ((explicit, "--lang"), (env.get("IWGPLAN_LANG") or None, "IWGPLAN_LANG")):
        if given is not None:
            code = given.strip().lower()
            if code not in LANGUAGES:
                raise UsageError(f"{what} {given!r} is not one of {', '.join(LANGUAGES)}")
            return code
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:  # the first one set decides, as POSIX reads them
            code = value.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
            return code if code in LANGUAGES else SOURCE
    return SOURCE


def use(lang: str) -> str:
    """Write in ``lang`` from now on (loading its catalogue); returns it."""
    global _current, _catalogue
    if lang not in LANGUAGES:
        raise UsageError(f"the language {lang!r} is not one of {', '.join(LANGUAGES)}")
    _current = lang
    _catalogue = None if lang == SOURCE else _load(lang)
    return lang


def _load(lang: str) -> gettext_module.NullTranslations:
    import gettext as gettext_module

    return gettext_module.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])


def current() -> str:
    return _current


def _(message: str) -> str:
    """``message`` in the current language (itself in English, or when the catalogue lacks it)."""
    return message if _catalogue is None else _catalogue.gettext(message)


gettext = _
"""The public name of :func:`_`, for the other modules: ``from iwgplan.i18n import gettext as _``
(a module may not import another's private names; ``pybabel extract`` knows both names)."""


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language (each language has its own plural rule)."""
    if _catalogue is None:
        return singular if n == 1 else plural
    return _catalogue.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as the catalogue translates it in ``context`` (one English word, two uses)."""
    return message if _catalogue is None else _catalogue.pgettext(context, message)


def status_word(value: str) -> str:
    """An item's status in words, for the reports' readers ("prévu"); the file's own word in
    English, and any other word as it is."""
    words = {
        "planned": pgettext("status", "planned"),
        "in-progress": pgettext("status", "in-progress"),
        "done": pgettext("status", "done"),
        "blocked": pgettext("status", "blocked"),
        "dropped": pgettext("status", "dropped"),
    }
    return words.get(value, value)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a string marked, not translated
    """Mark ``message`` for extraction where it is defined; translate it with :func:`_` where shown."""
    return message


def cldr(lang: str | None = None) -> str:
    """The CLDR locale Babel formats ``lang`` (default: the current language) with."""
    return _CLDR[lang or _current]


def day(value: date, lang: str | None = None) -> str:
    """10 September 2025 / 10 septembre 2025 / 10 de septiembre de 2025."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=cldr(lang))


def month(value: date, lang: str | None = None) -> str:
    """September 2025 / septembre 2025 / septiembre de 2025."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", value, locale=cldr(lang))


def month_words(value: date) -> str:
    """A month in the current language: ``December 2026`` in English exactly as ``%B %Y`` writes
    it (no Babel loaded), ``décembre 2026``, ``diciembre de 2026``."""
    return f"{value:%B %Y}" if _current == SOURCE else month(value)


def long_day(value: date) -> str:
    """A day in words in the current language: ``3 July 2025`` in English exactly as the plan's
    meetings write it (no Babel loaded), ``3 juillet 2025``, ``3 de julio de 2025``."""
    return f"{value.day} {value:%B %Y}" if _current == SOURCE else day(value)


def day_words(value: date) -> str:
    """A day in the reports' prose: ``2025-09-10`` in English exactly as the reports have always
    written it (no Babel loaded), ``10 septembre 2025``, ``10 de septiembre de 2025``."""
    return value.isoformat() if _current == SOURCE else day(value)


def when_words(text: str) -> str:
    """A day or a month as the plan writes it (``2025-09-10``, ``2025-09``): as written in English,
    in words in French and Spanish (``septembre 2025``); anything else as it is."""
    if _current == SOURCE:
        return text
    try:
        if len(text) == 7:
            return month(date.fromisoformat(f"{text}-01"))
        return day(date.fromisoformat(text))
    except ValueError:
        return text


def month_abbr(value: date) -> str:
    """A month's name in few letters, alone: ``Sep`` (``%b``, no Babel loaded), ``sept.``, ``sept``."""
    if _current == SOURCE:
        return f"{value:%b}"
    from babel.dates import format_date

    return format_date(value, "LLL", locale=cldr())


def short_month(value: date) -> str:
    """A month in few letters in the current language: ``Sep 2025`` (``%b %Y``), ``sept. 2025``,
    ``sept 2025``."""
    if _current == SOURCE:
        return f"{value:%b %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", value, locale=cldr())


def share(fraction: float) -> str:
    """A fraction as a whole percentage in the current language: ``42%`` in English exactly as
    ``{:.0%}`` writes it (no Babel loaded), ``42 %`` in French and Spanish."""
    return f"{fraction:.0%}" if _current == SOURCE else percent(fraction)


def month_range(start: date, end: date, lang: str | None = None) -> str:
    """September 2025 – December 2026 in each language's own way of writing an interval."""
    from babel.dates import format_interval

    return format_interval(start, end, skeleton="yMMMM", locale=cldr(lang))


def percent(fraction: float, lang: str | None = None) -> str:
    """42% / 42 % / 42 %: a fraction (0..1) as a whole percentage, each language's spacing."""
    from babel.numbers import format_percent

    return format_percent(fraction, locale=cldr(lang))


# Terms of art, in the catalogue so that every translated string uses the WTO's own words for
# them (docs/languages.md names the sources). Translator comments say where each comes from.
TERMS = (
    # Translators: WTO term. fr "Conférence ministérielle", es "Conferencia Ministerial" (the
    # Marrakesh Agreement Establishing the WTO, Article IV:1, in its French and Spanish texts).
    N_("Ministerial Conference"),
    # Translators: WTO term. fr "Conseil général", es "Consejo General" (the Marrakesh
    # Agreement, Article IV:2, in its French and Spanish texts).
    N_("General Council"),
    # Translators: WTO term. fr "Examen des politiques commerciales", es "Examen de las
    # Políticas Comerciales" (the Marrakesh Agreement, Annex 3, in its French and Spanish texts).
    N_("Trade Policy Review"),
    # Translators: WTO usage. fr "coprésidents", es "copresidentes" (the WTO's French and
    # Spanish documents on the IWG, INF/TGE series); not checked against the source here.
    N_("Co-Chairs"),
    # Translators: WTO term. fr "Secrétariat", es "Secretaría" (the Marrakesh Agreement,
    # Article VI, in its French and Spanish texts).
    N_("Secretariat"),
    # Translators: the tool's own translation (no French or Spanish text of the work plan was
    # at hand): fr "Niveau un", es "Nivel uno"; to be checked against the official versions.
    N_("Tier one"),
    N_("Tier two"),
    N_("Tier three"),
)
