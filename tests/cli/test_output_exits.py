"""Where output goes (#30 items 5 and 15): CSV printed to a terminal shows the plan's controls as
every human output does (files and pipes keep the exact CSV); `-o` never replaces the plan file
the command reads, whichever way the two paths name it."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import SMALL
from tests.helpers.terminal import on_a_pty

ESCAPES = {
    "csi": "\x1b[2J\x1b[31m",
    "osc0-title": "\x1b]0;owned\x07",
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;t\x9c",
}
# Every C0 control but LF and TAB (kept inside a cell), DEL, every C1 control, and the sequences.
FAMILY = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t") + "\x7f"
FAMILY += "".join(chr(c) for c in range(0x80, 0xA0)) + "".join(ESCAPES.values())
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but TAB and LF
CSV_COMMANDS = [
    ["export", "--format", "csv"],
    ["export", "--format", "csv", "--excel"],
    ["export", "--format", "csv", "--raw"],
    ["list", "--format", "csv"],
    ["list", "--format", "csv", "--excel"],
]


def _hostile(tmp_path: Path, payload: str) -> Path:
    plan = tmp_path / "plans" / "small.yaml"
    plan.parent.mkdir(parents=True, exist_ok=True)
    quoted = "".join(f"\\u{ord(c):04x}" for c in payload)
    text = SMALL.read_text(encoding="utf-8").replace(
        "title: Joint statement", f'title: "Joint{quoted}statement"'
    )
    text = text.replace("owners: [Côte d'Ivoire]", f'owners: ["=1+{quoted}"]')
    plan.write_text(text, encoding="utf-8")
    return plan


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=" ".join)
def test_csv_on_a_terminal_shows_every_control(cli, tmp_path: Path, monkeypatch, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    plan = _hostile(tmp_path, FAMILY)
    monkeypatch.setattr("iwgplan.cli.output.on_terminal", lambda: True)
    run = cli(*args, "--plan", plan)
    assert run.code == 0, run.err
    bad = RAW.search(run.out)
    assert not bad, f"raw U+{ord(bad[0]):04X} in {run.out!r}"
    assert "Joint␀␁" in run.out and "␛]52;c;" in run.out and "\\x9b31m" in run.out
    assert not run.out.startswith("\ufeff")


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=" ".join)
def test_csv_to_a_pipe_or_a_file_is_exact(cli, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    plan = _hostile(tmp_path, FAMILY)
    piped = cli(*args, "--plan", plan)
    assert piped.code == 0, piped.err
    outputs = [piped.out]
    if args[0] == "export":
        target = tmp_path / "out.csv"
        assert cli(*args, "--plan", plan, "-o", target).code == 0
        outputs.append(target.read_bytes().decode("utf-8"))
    for out in outputs:
        cells = [c for row in csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")) for c in row]
        assert f"Joint{FAMILY}statement" in cells


def _on_a_pty(args: list[str]) -> bytes:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    code, out = on_a_pty([sys.executable, "-m", "iwgplan", *args], env)
    assert code == 0
    return out


@pytest.mark.parametrize("command", ["export", "list"])
def test_csv_on_a_real_terminal(tmp_path: Path, command: str) -> None:
    plan = _hostile(tmp_path, FAMILY)
    out = _on_a_pty([command, "--format", "csv", "--plan", str(plan)]).decode("utf-8")
    out = out.replace("\r\n", "\n")  # the terminal's own line ends
    assert not RAW.search(out)
    assert "␛]0;owned␇" in out


# -o onto the plan being read, named every way.
OUTPUT_COMMANDS = [
    ["report"],
    ["report", "--format", "html"],
    ["report", "--format", "json"],
    ["report", "--format", "docx"],
    ["report", "--format", "markdown", "--template", "{template}"],
    ["export", "--format", "ics"],
    ["export", "--format", "mermaid"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["export", "--format", "csv", "--by", "week"],
]


def _names(tmp_path: Path, plan: Path) -> dict[str, str]:
    """Every way to name ``plan`` from tmp_path/work (the current folder)."""
    link = tmp_path / "link.yaml"
    link.symlink_to(plan)
    chain = tmp_path / "chain.yaml"
    chain.symlink_to(link)
    hard = tmp_path / "hard.yaml"
    os.link(plan, hard)
    return {
        "absolute": str(plan),
        "relative": os.path.relpath(plan),
        "dot-relative": "./" + os.path.relpath(plan),
        "dot-dot": str(plan.parent / ".." / "plans" / plan.name),
        "symlink": str(link),
        "symlink-chain": str(chain),
        "hardlink": str(hard),
    }


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=" ".join)
def test_output_onto_the_plan_being_read_is_refused(
    cli, tmp_path: Path, monkeypatch, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "repo" / "plans"
    folder.mkdir(parents=True)
    plan = folder / "small.yaml"
    shutil.copyfile(SMALL, plan)
    before = plan.read_bytes()
    template = tmp_path / "t.md.j2"
    template.write_text("{{ plan.title }}\n")
    full = [a.format(template=template) for a in args]
    names = _names(tmp_path, plan)
    for how, name in names.items():
        for where in (["--plan", str(plan)], ["--plan", name], []):  # []: found from the folder above
            if not where:
                monkeypatch.chdir(folder.parent)
            run = cli(*full, *where, "-o", name)  # the relative names hold from either folder
            monkeypatch.chdir(tmp_path / "work")
            assert run.code == 1, (how, where, run.out, run.err)
            assert "is the plan file being read" in run.err and "Traceback" not in run.err
            assert plan.read_bytes() == before and not plan.is_symlink()
    monkeypatch.setenv("IWGPLAN_PLAN", str(plan))
    run = cli(*full, "-o", names["symlink"])
    assert run.code == 1 and "is the plan file being read" in run.err
    assert plan.read_bytes() == before
    elsewhere = tmp_path / "elsewhere.out"  # any other file is written as before
    assert cli(*full, "--plan", plan, "-o", elsewhere).code == 0
    assert elsewhere.stat().st_size > 0
    assert plan.read_bytes() == before


def test_a_copy_of_the_plan_is_another_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plans" / "small.yaml"
    plan.parent.mkdir()
    shutil.copyfile(SMALL, plan)
    copy = tmp_path / "copy.yaml"
    shutil.copyfile(SMALL, copy)
    run = cli("export", "--format", "json", "--plan", plan, "-o", copy)
    assert run.code == 0 and copy.read_bytes() != plan.read_bytes()
