"""The reports (Markdown, HTML, Word, the JSON context's words) in French and Spanish (issue 27):
no English fixed string of the catalogue is left, dates are in the language, the plan's missing
translations show in English marked `[en]`, the Word files read back and convert; English is
what it was (the golden reports of tests/test_report_templates.py hold it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from iwgplan import i18n
from tests.helpers.i18n_words import english_left as _english_left
from tests.helpers.i18n_words import without_plan_texts as _without_plan_texts

TRANSLATED = Path(__file__).parent / "fixtures" / "translated.yaml"
AS_OF = "2026-05-01"
DAYS = {"fr": "10 septembre 2025", "es": "10 de septiembre de 2025"}  # the plan's date
AS_OF_DAY = {"fr": "1 mai 2026", "es": "1 de mayo de 2026"}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translated fixture in git, progressed: one item done, one blocked, a slip, a note, so
    that the 'since' block, the overdue, blocked and milestone tables all have rows."""
    folder = tmp_path_factory.mktemp("repo") / "plans"
    folder.mkdir()
    target = folder / TRANSLATED.name
    target.write_bytes(TRANSLATED.read_bytes())
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e"]

    def commit(message: str) -> None:
        for args in (["add", "-A"], ["commit", "-qm", message]):
            subprocess.run([*git, *args], cwd=folder.parent, check=True, capture_output=True)

    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=folder.parent, check=True, capture_output=True)
    commit("the plan")
    text = target.read_text(encoding="utf-8")
    text = text.replace(
        "            status: in-progress\n            due: 2026-06\n",
        "            status: blocked\n            due: 2026-09\n",
    ).replace(
        "                note: {en: started, fr: commencé, es: iniciado}\n",
        "                note: {en: started, fr: commencé, es: iniciado}\n"
        "              - date: 2026-02-01\n                status: blocked\n                note: waiting\n",
    )
    target.write_text(text, encoding="utf-8")
    commit("toolkit blocked, due later")
    return target


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _report(cli: Any, plan: Path, fmt: str, lang: str | None, tmp_path: Path) -> str:
    args = ["report", "--format", fmt, "--as-of", AS_OF, "--since", "2025-09-01", "--plan", plan]
    args += ["--lang", lang] if lang else []
    if fmt == "docx":
        out = tmp_path / f"report-{lang or 'en'}.docx"
        done = cli(*args, "-o", out)
        assert done.code == 0, done.err
        return _docx_text(out)
    done = cli(*args)
    assert done.code == 0, done.err
    return done.out


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_no_english_fixed_string_is_left_in_the_reports(
    cli: Any, plan: Path, tmp_path: Path, fmt: str, lang: str
) -> None:
    import re

    english = _report(cli, plan, fmt, None, tmp_path)
    translated = _report(cli, plan, fmt, lang, tmp_path)
    assert translated != english
    markup = re.compile(
        r"<style>.*?</style>|<[^>]*>|^    section ", re.M | re.S
    )  # CSS, tags, Mermaid: no words
    left = _english_left(
        markup.sub(" ", english), markup.sub(" ", _without_plan_texts(translated, plan)), lang
    )
    assert left == [], f"English left in the {lang} {fmt} report: {left}"
    # dates in the language, the plan's texts in it, its missing translations marked
    assert DAYS[lang] in translated and AS_OF_DAY[lang] in translated
    assert "[en] MSME toolkit" in translated and "MSME toolkit" in english
    assert {"fr": "Déclaration conjointe", "es": "Declaración conjunta"}[lang] in translated
    assert "[en]" not in english


def test_the_english_report_writes_its_dates_as_before(cli: Any, plan: Path, tmp_path: Path) -> None:
    md = _report(cli, plan, "markdown", None, tmp_path)
    assert "Implementation report as recorded on **2026-05-01**" in md and "Original of 2025-09-10" in md
    assert "- **Period:** 2025-09 to 2026-12" in md


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_languages_of_the_html_and_word_files(cli: Any, plan: Path, tmp_path: Path, lang: str) -> None:
    html = cli("report", "--format", "html", "--plan", plan, "--lang", lang).out
    assert f'<html lang="{lang}">' in html
    assert '<html lang="en">' in cli("report", "--format", "html", "--plan", plan).out
    out = tmp_path / "r.docx"
    assert cli("report", "--format", "docx", "-o", out, "--plan", plan, "--lang", lang).code == 0
    document = Document(str(out))
    assert document.core_properties.language == lang
    word_lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))  # what Word spell-checks in
    assert word_lang.get(qn("w:val")) == {"fr": "fr-FR", "es": "es-ES"}[lang]


def test_the_json_context_keeps_its_keys_and_translates_its_words(cli: Any, plan: Path) -> None:
    english = json.loads(cli("report", "--format", "json", "--as-of", AS_OF, "--plan", plan).out)
    french = json.loads(
        cli("report", "--format", "json", "--as-of", AS_OF, "--plan", plan, "--lang", "fr").out
    )
    assert english.keys() == french.keys() and english["as_of"] == french["as_of"] == AS_OF
    assert [f["label"] for f in english["facts"]][:2] == ["Symbol", "Revision"]
    assert [f["label"] for f in french["facts"]][:2] == ["Cote", "Révision"]
    assert french["overview"].startswith("Tel qu'enregistré le 1 mai 2026") or french["overview"].startswith(
        "À la date du 1 mai 2026"
    )


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_word_report_converts_with_libreoffice(cli: Any, plan: Path, tmp_path: Path, lang: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("no soffice or pdftotext on PATH: the conversion by LibreOffice is not checked here")
    out = tmp_path / f"report-{lang}.docx"
    assert (
        cli("report", "--format", "docx", "-o", out, "--as-of", AS_OF, "--plan", plan, "--lang", lang).code
        == 0
    )
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(out)],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / f"report-{lang}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert DAYS[lang] in " ".join(text.split())
    assert {"fr": "Avancement", "es": "Avance"}[lang] in text and "Progress" not in text


SCREENS = [
    ["log", "--changes"],
    ["log", "--format", "markdown", "--changes"],
    ["diff", "HEAD~1"],
    ["diff", "HEAD~1", "--format", "markdown"],
    ["diff", "HEAD~1", "--summary"],
    ["variance", "--against", "HEAD~1"],
    ["variance", "--against", "HEAD~1", "--format", "markdown"],
    ["portfolio", "--as-of", AS_OF],
    ["portfolio", "--as-of", AS_OF, "--format", "markdown"],
    ["status", "--all", "--as-of", AS_OF],
    ["meeting", "list"],
    ["meeting", "list", "--format", "markdown"],
]


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("args", SCREENS, ids=lambda a: "-".join(a).replace("--", ""))
def test_the_history_and_portfolio_screens_keep_no_english_fixed_string(
    cli: Any, plan: Path, args: list[str], lang: str
) -> None:
    english = cli(*args, "--plan", plan)
    translated = cli(*args, "--plan", plan, "--lang", lang)
    assert english.code == translated.code == 0, translated.err
    assert translated.out != english.out
    import re

    keys = re.compile(r"\| (history|status|due|title|owners|note) \|")  # diff's field column: the file's keys
    left = _english_left(
        keys.sub("| |", english.out), keys.sub("| |", _without_plan_texts(translated.out, plan)), lang
    )
    assert left == [], f"English left in the {lang} output of {args}: {left}"


@pytest.mark.parametrize(
    "args", [["log"], ["diff", "HEAD~1"], ["variance", "--against", "HEAD~1"], ["portfolio"]]
)
def test_their_json_stays_english(cli: Any, plan: Path, args: list[str]) -> None:
    assert (
        cli(*args, "--format", "json", "--plan", plan, "--lang", "fr").out
        == cli(*args, "--format", "json", "--plan", plan).out
    )
