"""`iwgplan init`: the IWG plan or a blank one, with the schema its first line names."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from iwgplan.plan.model import SCHEMA_VERSION
from tests.helpers import SHIPPED, TODAY


def _modeline_target(plan: Path) -> Path:
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    return (plan.parent / match[1]).resolve()


def test_init_writes_the_schema_the_modeline_names(cli, tmp_path: Path) -> None:
    run = cli("init", tmp_path / "mine")
    assert run.code == 0
    plan = tmp_path / "mine" / "plans" / SHIPPED.name
    schema = _modeline_target(plan)
    assert schema == (tmp_path / "mine" / "schemas" / "workplan.schema.json").resolve()
    schema = tmp_path / "mine" / "schemas" / "workplan.schema.json"
    assert schema.read_text(encoding="utf-8") == (
        SHIPPED.parent.parent / "schemas" / "workplan.schema.json"
    ).read_text(encoding="utf-8")
    assert run.err == f"created {plan} and {schema}; edit it, then run `iwgplan validate`\n"


@pytest.mark.parametrize(
    ("args", "name", "title", "period"),
    [
        ([], "workplan", "Work plan", None),
        (
            [
                "--name",
                "trade-group",
                "--title",
                'Côte d\'Ivoire: "our" plan #1',
                "--start",
                "2026-01",
                "--end",
                "2027-06-30",
            ],
            "trade-group",
            'Côte d\'Ivoire: "our" plan #1',
            ("2026-01", "2027-06-30"),
        ),
    ],
)
def test_blank_plan_is_valid_and_filled_in(cli, tmp_path: Path, args, name, title, period) -> None:
    folder = tmp_path / "new"
    assert cli("init", "--blank", folder, *args).code == 0
    plan = folder / "plans" / f"{name}.yaml"
    checked = cli("validate", plan)  # the current version: no note asking to update it
    assert (checked.code, checked.out, checked.err) == (0, f"{plan}: valid\n", "")
    assert f"\nschema_version: {SCHEMA_VERSION}\n" in plan.read_text(encoding="utf-8")
    shown = json.loads(cli("show", "first-action", "--format", "json", "--plan", plan).out)
    assert shown["title"] == "First action point" and shown["status"] == "planned"
    status = json.loads(cli("status", "--format", "json", "--plan", plan).out)
    assert (status["plan"]["id"], status["plan"]["title"]) == (name, title)
    assert status["plan"]["date"] == TODAY.isoformat() and status["plan"]["revision"] == 0
    text = plan.read_text(encoding="utf-8")
    today = TODAY
    default_end = date(today.year + (today.month + 10) // 12, (today.month + 10) % 12 + 1, 1)
    start, end = period or (f"{today:%Y-%m}", f"{default_end:%Y-%m}")
    assert f"  period: {{start: {start}, end: {end}}}" in text
    assert text.count("\n# ") >= 3 and "# planned | in-progress | done | blocked | dropped" in text
    tiers = json.loads(cli("tiers", "--format", "json", "--plan", plan).out)["tiers"]
    assert [t["id"] for t in tiers] == ["tier1"]


def test_blank_plan_passes_check_jsonschema_with_the_written_schema(cli, tmp_path: Path) -> None:
    checker = shutil.which("check-jsonschema") or str(
        Path(__file__).resolve().parents[2] / ".venv/bin/check-jsonschema"
    )
    if not Path(checker).exists():
        pytest.skip("check-jsonschema is not installed")
    assert cli("init", "--blank", tmp_path, "--name", "g").code == 0
    plan = tmp_path / "plans" / "g.yaml"
    done = subprocess.run(
        [checker, "--schemafile", _modeline_target(plan), plan], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_init_never_overwrites_and_keeps_a_different_schema(cli, tmp_path: Path) -> None:
    assert cli("init", "--blank", tmp_path).code == 0
    plan = tmp_path / "plans" / "workplan.yaml"
    before = plan.read_bytes()
    again = cli("init", "--blank", tmp_path)
    assert again.code == 1 and "already exists; nothing was changed" in again.err
    assert plan.read_bytes() == before
    schema = tmp_path / "schemas" / "workplan.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    other = cli("init", "--blank", tmp_path, "--name", "other")
    assert other.code == 0 and "which differs" in other.err
    assert schema.read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--blank", "--name", "Bad Name"], "plan.id: id 'Bad Name' must be lower-case"),
        (["--blank", "--title", ""], "plan.title"),
        (["--blank", "--start", "2026-13"], "'2026-13' has no month 13"),
        (["--blank", "--start", "soon"], "is not a date"),
        (
            ["--blank", "--start", "2026-05", "--end", "2026-01"],
            "the period ends (2026-01) before it starts (2026-05)",
        ),
        (["--title", "x"], "--title: only for a blank plan; add --blank"),
    ],
)
def test_init_refuses_bad_header_values_and_writes_nothing(cli, tmp_path: Path, args, message) -> None:
    run = cli("init", tmp_path / "x", *args)
    assert run.code == 2 and message in run.err, run.err
    assert not (tmp_path / "x").exists()


def _plans_file(d: Path) -> None:
    (d / "plans").write_text("x\n")


def _plans_link(d: Path) -> None:
    (d / "plans").symlink_to(d / "nowhere")


def _plans_fifo(d: Path) -> None:
    import os

    os.mkfifo(d / "plans")


def _target_folder(d: Path) -> None:
    (d / "plans" / SHIPPED.name).mkdir(parents=True)


def _target_link(d: Path) -> None:
    (d / "plans").mkdir()
    (d / "plans" / SHIPPED.name).symlink_to(d / "nowhere")


def _target_file(d: Path) -> None:
    (d / "plans").mkdir()
    (d / "plans" / SHIPPED.name).write_text("mine\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_plans_file, "{d}/plans is a file, not a folder; nothing was changed"),
        (
            _plans_link,
            "{d}/plans is a link to {d}/nowhere that leads nowhere, not a folder; nothing was changed",
        ),
        (_plans_fifo, "{d}/plans is a FIFO (named pipe), not a folder; nothing was changed"),
        (_target_folder, "{d}/plans/" + SHIPPED.name + " already exists (a folder); nothing was changed"),
        (
            _target_link,
            "{d}/plans/" + SHIPPED.name + " already exists (a link to {d}/nowhere that leads nowhere);"
            " nothing was changed",
        ),
        (_target_file, "{d}/plans/" + SHIPPED.name + " already exists; nothing was changed"),
    ],
)
def test_init_names_what_is_in_the_way(cli, tmp_path: Path, make, message: str) -> None:
    """`DIR/plans` that is a file is not "the plan file exists": each thing in the way is named."""
    d = tmp_path / "d"
    d.mkdir()
    make(d)
    before = sorted(p.name for p in d.rglob("*"))
    run = cli("init", d)
    assert (run.code, run.err) == (1, "iwgplan: " + message.format(d=d) + "\n")
    assert sorted(p.name for p in d.rglob("*")) == before


def test_init_into_a_file_names_the_file(cli, tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.write_text("x\n")
    run = cli("init", d / "sub")
    assert (run.code, run.err) == (1, f"iwgplan: {d} is a file, not a folder; nothing was changed\n")


def test_init_with_schemas_in_the_way_still_writes_the_plan(cli, tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "schemas").write_text("x\n")
    run = cli("init", d)
    plan = d / "plans" / SHIPPED.name
    assert run.code == 0 and plan.is_file()
    assert f"(no schema: {d}/schemas is a file, not a folder)" in run.err


@pytest.mark.parametrize(
    "title",
    [
        "bell\x07",
        "del\x7f",
        "c1\x9b[31m",
        "esc\x1b]0;t\x07",
        "sep\u2028x",
        "bom\ufeff",
        "nl\nx",
        "tab\tx",
        "\u202eevil",
    ],
    ids=repr,
)
def test_init_blank_writes_any_title_escaped(cli, tmp_path: Path, title: str) -> None:
    """A title with control characters is written escaped and read back exactly."""
    from iwgplan.files.loading import load_text

    run = cli("init", tmp_path / "d", "--blank", "--title", title)
    assert run.code == 0, run.err
    text = (tmp_path / "d" / "plans" / "workplan.yaml").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]", text)
    assert load_text(text, "p.yaml")[0].plan.title == title


def test_init_refuses_an_argument_that_is_not_utf8(cli, tmp_path: Path) -> None:
    run = cli("init", tmp_path / "d", "--blank", "--title", "caf\udce9")
    assert (run.code, run.err) == (2, "iwgplan: --title is not valid UTF-8 (byte 0xe9 at character 4)\n")
    assert not (tmp_path / "d").exists()
