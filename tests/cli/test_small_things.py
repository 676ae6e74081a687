"""The small things people trip on (issue 24, point 9), each with the family it belongs to."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SHIPPED


def _commands() -> list[str]:
    import typer.main

    from iwgplan.cli.app import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


PYTHON_TYPES = re.compile(r"<[^>\n]*>|\{[A-Z_.]+\}|list\[|\brange\b|\b(?:str|int|bool|Path)\b")


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_names_values_in_words_never_python_types(cli, command: str) -> None:
    run = cli(*([command] if command else []), "--help")
    assert run.code == 0
    found = PYTHON_TYPES.findall(run.out)
    assert not found, found
    for metavar in re.findall(r"^\s+--[a-z-]+ (\S+)", run.out, re.M):
        assert re.fullmatch(r"[A-Z|]+(\.\.\.)?|\[[a-z0-9|-]+\]", metavar), metavar


def test_usage_lines_name_arguments_as_words(cli) -> None:
    assert "Usage: iwgplan done [OPTIONS] ID..." in cli("done", "--help").out
    assert "Usage: iwgplan note [OPTIONS] ID TEXT" in cli("note", "--help").out


def test_tiers_shows_the_focus_area_ids_that_add_under_takes(cli, shipped_copy) -> None:
    out = cli("tiers", "--plan", shipped_copy).out
    from iwgplan.files.loading import load_text

    plan = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[0]
    for tier in plan.tiers:
        for area in tier.focus_areas:
            assert re.search(rf"^  {re.escape(area.id)} +{re.escape(area.title[:20])}", out, re.M)
            run = cli("add", "--under", area.id, "--title", f"New under {area.id}", "--plan", shipped_copy)
            assert run.code == 0, run.err


def test_show_finds_every_item_by_the_documents_own_number(cli) -> None:
    from iwgplan.files.loading import load_text

    index = load_text(SHIPPED.read_text(encoding="utf-8"), "plan")[1]
    numbers: dict[str, list[str]] = {}
    for entry in index.entries:
        numbers.setdefault(re.sub(r"\s+", "", entry.number).casefold(), []).append(entry.id)
    for entry in index.entries:
        if len(numbers[re.sub(r"\s+", "", entry.number).casefold()]) != 1:
            continue  # two bullets under one item: a number that names no one item
        for spelling in (entry.number, entry.number.upper(), entry.number.replace(" ", "")):
            run = cli("show", spelling, "--plan", SHIPPED, "--format", "json")
            assert run.code == 0, (spelling, run.err)
            assert f'"id": "{entry.id}"' in run.out
    assert cli("show", "5.2(a)", "--plan", SHIPPED).out.startswith("5.2(a) Providing Secretariat support")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jont", "joint-statement"),
        ("compendum", "compendium-2020"),
        ("hakathons", "hackathons"),
        ("tpr-asessment", "tpr-assessment"),
        ("secsupport", "sec-support"),
        ("comittees", "committees"),
    ],
)
def test_a_misspelt_id_suggests_the_closest(cli, typed: str, meant: str) -> None:
    run = cli("show", typed, "--plan", SHIPPED)
    assert run.code == 1
    assert "did you mean" in run.err
    suggestions = re.findall(r"^  (\S+)  ", run.err, re.M)
    assert meant in suggestions[:3], suggestions
