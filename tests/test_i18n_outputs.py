"""status, list, show, tiers, the agenda and the calendar in French and Spanish (issue 27): no
fixed string of the catalogue that the English output holds is left in English, dates are in the
language, the Word agenda reads back and converts; the English output is what it was (the
snapshot tests of each screen hold it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from iwgplan import i18n
from tests.helpers import SHIPPED
from tests.helpers.i18n_words import english_left as _english_left
from tests.helpers.i18n_words import without_plan_texts as _without_plan_texts

AS_OF = "2026-03-20"
MEETING = "iwg-2026-04-15"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan with a meeting ahead (a theme, a recorded item with its question, speaker
    and document) and a request of each kind, so that every part of the agenda is written."""
    from typer.testing import CliRunner

    from iwgplan.cli.app import app

    folder = tmp_path_factory.mktemp("repo") / "plans"
    folder.mkdir()
    target = folder / SHIPPED.name
    shutil.copyfile(SHIPPED, target)
    steps = [
        ["meeting", "add", "--date", "2026-04-15", "--theme", "Digital trade"],
        ["request", "add", "--kind", "thematic-session", "--subject", "Women in digital trade",
         "--by", "Cabo Verde", "--date", "2026-01-10"],
        ["request", "add", "--kind", "secretariat-update", "--subject", "Aid for Trade",
         "--by", "El Salvador", "--date", "2026-01-12"],
        ["meeting", "item", "add", MEETING, "--kind", "presentation", "--title", "The toolkit", "--item", "joint-statement",
         "--question", "What first?", "--speaker", "Ms B | Chief | ITC", "--document", "INF/TGE/W/10"],
    ]  # fmt: skip
    for step in steps:
        done = CliRunner().invoke(app, [*step, "--plan", str(target)], catch_exceptions=False)
        assert done.exit_code == 0, (step, done.output)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "the plan"]):
        subprocess.run([*git, *args], cwd=folder.parent, check=True, capture_output=True)
    return target


SCREENS = [
    ["status", "--as-of", AS_OF],
    ["status", "--as-of", AS_OF, "--format", "markdown"],
    ["status", "--as-of", "2025-09-15", "--owner", "Secretariat"],
    ["list", "--as-of", AS_OF],
    ["list", "--format", "markdown", "--as-of", AS_OF],
    ["list", "--search", "nothing-matches-this"],
    ["show", "joint-statement", "--as-of", AS_OF],
    ["show", "joint-statement", "--format", "markdown"],
    ["show", "compendium-2020"],
    ["tiers"],
    ["tiers", "--format", "markdown"],
    ["agenda", "--as-of", AS_OF],
    ["agenda", "--as-of", AS_OF, "--format", "markdown"],
    ["agenda", "--as-of", AS_OF, "--format", "html"],
    ["export", "--format", "ics", "--as-of", AS_OF],
    ["export", "--format", "ics", "--as-of", AS_OF, "--todos-as-events"],
]


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("args", SCREENS, ids=lambda a: "-".join(a).replace("--", ""))
def test_no_english_fixed_string_is_left(cli: Any, plan: Path, args: list[str], lang: str) -> None:
    english = cli(*args, "--plan", plan)
    translated = cli(*args, "--plan", plan, "--lang", lang)
    assert english.code == translated.code == 0, translated.err
    unfold = _unfold if "ics" in args else str
    out, english_out = unfold(translated.out), unfold(english.out)
    assert out != english_out
    markup = re.compile(r"<[^>]*>")  # HTML's tags are not words
    left = _english_left(
        markup.sub(" ", _unfold(english.out)), markup.sub(" ", _without_plan_texts(out, plan)), lang
    )
    assert left == [], f"English left in the {lang} output of {args}: {left}"


def _unfold(text: str) -> str:
    """iCalendar folds long lines and escapes commas: read it as a person's program shows it."""
    return re.sub(r"\r?\n ", "", text).replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


@pytest.mark.parametrize(
    ("lang", "day", "month", "elapsed"),
    [
        ("fr", "15 avril 2026", "sept. 2025", "43\xa0% de la période écoulée"),
        ("es", "15 de abril de 2026", "sept 2025", "43\xa0% del período transcurrido"),
    ],
)
def test_dates_and_percentages_are_in_the_language(
    cli: Any, plan: Path, lang: str, day: str, month: str, elapsed: str
) -> None:  # noqa: E501
    agenda = cli("agenda", "--as-of", AS_OF, "--plan", plan, "--lang", lang).out
    assert day in agenda and "2026-04-15" not in agenda.replace(MEETING, "")
    status = cli("status", "--as-of", "2026-03-30", "--plan", plan, "--lang", lang).out
    assert re.search(rf"^{re.escape(month)} ━", status, re.M) and elapsed in status


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_word_agenda_reads_back_in_the_language(cli: Any, plan: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"agenda-{lang}.docx"
    english = tmp_path / "agenda-en.docx"
    assert cli("agenda", "--as-of", AS_OF, "--plan", plan, "--format", "docx", "-o", english).code == 0
    assert (
        cli("agenda", "--as-of", AS_OF, "--plan", plan, "--format", "docx", "-o", out, "--lang", lang).code
        == 0
    )
    document = Document(str(out))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    words = "\n".join([*(p.text for p in document.paragraphs), *cells])
    read_english = Document(str(english))
    english_words = "\n".join(
        [*(p.text for p in read_english.paragraphs), *(c.text for t in read_english.tables for r in t.rows for c in r.cells)]
    )  # fmt: skip
    assert _english_left(english_words, _without_plan_texts(words, plan), lang) == []
    assert document.core_properties.language == lang
    assert document.paragraphs[0].text == {"fr": "PROJET", "es": "PROYECTO"}[lang]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("no soffice on PATH: the conversion by LibreOffice is not checked here")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(out)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    assert (tmp_path / "pdf" / f"agenda-{lang}.pdf").read_bytes().startswith(b"%PDF")


def test_the_spreadsheet_header_is_in_the_language_and_csv_json_are_not(
    cli: Any, plan: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "fr.xlsx"
    assert cli("export", "--format", "xlsx", "-o", out, "--plan", plan, "--lang", "fr").code == 0
    sheet = load_workbook(out).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert sheet.title == "Points d'action" and header[:3] == ["identifiant", "numéro", "titre"]
    for fmt in ("csv", "json"):
        assert (
            cli("export", "--format", fmt, "--plan", plan, "--lang", "fr").out
            == cli("export", "--format", fmt, "--plan", plan).out
        )
    assert (
        cli("list", "--format", "json", "--plan", plan, "--lang", "es").out
        == cli("list", "--format", "json", "--plan", plan).out
    )


@pytest.mark.parametrize("how", ["option", "environment", "locale"])
def test_the_language_is_asked_for_in_every_way_on_the_start_up_path_too(plan: Path, how: str) -> None:
    """`iwgplan tiers` as a user runs it (a process, the start-up path first): French by
    --lang, by IWGPLAN_LANG or by the locale; an unknown IWGPLAN_LANG is a usage error, exit 2."""
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "IWGPLAN_"))}
    args = [sys.executable, "-m", "iwgplan", "tiers", "--plan", str(plan)]
    if how == "option":
        args.append("--lang=fr")
    elif how == "environment":
        env["IWGPLAN_LANG"] = "fr"
    else:
        env["LANG"] = "fr_FR.UTF-8"
    for _ in range(2):  # the second run is served from the validated-plan cache
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert "Niveau / section" in done.stdout and "Tier / section" not in done.stdout
    if how != "option":  # --lang comes first: the environment is not read then
        bad = subprocess.run(
            args, capture_output=True, text=True, env={**env, "IWGPLAN_LANG": "de"}, check=False
        )
        assert bad.returncode == 2 and "IWGPLAN_LANG 'de' is not one of en, fr, es" in bad.stderr
