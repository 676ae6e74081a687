"""The tool's words in the chosen language for modules the CLI imports at start-up.

:mod:`iwgplan.i18n` is imported on first use, when something is written for people: `--help`
imports neither it nor Babel (tests/test_i18n.py), yet `views.timeline`, `views.provenance` and
`render.ics` are on the start-up path. Import these as ``from iwgplan.words import gettext as _``
(`pybabel extract` knows both names).
"""

from __future__ import annotations

from datetime import date


def gettext(message: str) -> str:
    from iwgplan.i18n import gettext as words

    return words(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    from iwgplan.i18n import ngettext as plural_form

    return plural_form(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a string marked, not translated
    """Mark ``message`` for extraction where it is defined; translate it with ``_`` where shown."""
    return message


def colon() -> str:
    from iwgplan.i18n import colon as spaced

    return spaced()


def month_words(day: date) -> str:
    from iwgplan.i18n import month_words as words

    return words(day)
