"""Names in owners and partners are the same name however their accents are encoded: a name
stored decomposed (NFD) is removed by its composed (NFC) spelling and the other way round, and
`+NAME` never adds a second name that looks the same. The file keeps its own spelling."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

NAMES = ["Côte d'Ivoire", "São Tomé and Príncipe", "Türkiye", "Việt Nam", "Ngũgĩ wa Thiong'o", "Ελλάδα"]
FORMS = ["NFC", "NFD"]


def _form(name: str, form: str) -> str:
    return unicodedata.normalize(form, name)  # type: ignore[arg-type]


def _with(small: Path, key: str, names: list[str]) -> bytes:
    text = small.read_text(encoding="utf-8")
    listed = ", ".join(f'"{n}"' for n in names)
    text = text.replace("owners: [Côte d'Ivoire]", f"{key}: [{listed}]", 1)
    small.write_text(text, encoding="utf-8")
    return small.read_bytes()


def test_the_names_differ_in_their_bytes() -> None:
    for name in NAMES:
        assert _form(name, "NFC") != _form(name, "NFD"), name


@pytest.mark.parametrize("key", ["owners", "partners"])
@pytest.mark.parametrize("stored", FORMS)
@pytest.mark.parametrize("typed", FORMS)
@pytest.mark.parametrize("name", NAMES)
def test_remove_by_any_form(cli, small: Path, key, stored, typed, name) -> None:
    other = _form("Zoë", stored)
    _with(small, key, [_form(name, stored), other])
    option = "--owner" if key == "owners" else "--partner"
    run = cli("modify", "statement", option, "-" + _form(name, typed), "--plan", small)
    assert run.code == 0, run.err
    text = small.read_text(encoding="utf-8")
    (line,) = [x.strip() for x in text.splitlines() if x.strip().startswith(f"{key}:")]
    assert line == f'{key}: ["{other}"]'  # only the other name, in the file's own bytes


@pytest.mark.parametrize("stored", FORMS)
@pytest.mark.parametrize("typed", FORMS)
@pytest.mark.parametrize("name", NAMES)
def test_adding_a_name_already_there_in_another_form_adds_nothing(cli, small, stored, typed, name) -> None:
    before = _with(small, "partners", [_form(name, stored)])
    run = cli("modify", "statement", "--partner", "+" + _form(name, typed), "--plan", small)
    assert run.code == 2 and "nothing to modify" in run.err
    assert small.read_bytes() == before


def test_add_lists_a_name_once_in_its_first_spelling(cli, small: Path) -> None:
    nfd, nfc = _form("Côte d'Ivoire", "NFD"), _form("Côte d'Ivoire", "NFC")
    run = cli(
        "add", "--under", "fa", "--title", "New one", "--id", "new-one",
        "--partner", nfd, "--partner", nfc, "--owner", nfc, "--owner", "IWG", "--owner", nfd,
        "--plan", small,
    )  # fmt: skip
    assert run.code == 0, run.err
    added = small.read_text(encoding="utf-8").split("id: new-one", 1)[1]
    owners, partners = added.split("history")[0].split("partners", 1)
    assert partners.count(nfd) == 1 and nfc not in partners  # once, in its first spelling
    assert owners.count(nfc) == 1 and nfd not in owners and "IWG" in owners


def test_compatibility_forms_are_other_names(cli, small: Path) -> None:
    """NFKC would fold "ﬁ" into "fi" and "Ｗ" into "W": those are other characters, which a
    person can tell apart, so they stay apart."""
    before = _with(small, "partners", ["Unified"])
    run = cli("modify", "statement", "--partner", "-Uniﬁed", "--plan", small)
    assert run.code == 1 and "is not among them" in run.err
    assert small.read_bytes() == before


@pytest.mark.parametrize("typed", FORMS)
def test_status_owner_filter_matches_any_form(cli, small: Path, typed: str) -> None:
    _with(small, "owners", [_form("São Tomé", "NFD")])
    run = cli("status", "--owner", _form("são tomé", typed), "--plan", small)
    assert run.code == 0, run.err
