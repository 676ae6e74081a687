"""Hostile plan text never reaches a terminal, a CI log, a spreadsheet or a chart raw.

Every text field of a plan (titles, descriptions, numbers, owners, partners, notes, evidence,
references, milestones, the plan's own title and body) carries one payload: terminal escape
sequences (CSI, OSC title, OSC 52 clipboard, OSC 8 links), C0 and C1 controls, bidi overrides
and isolates, line breaks before GitHub workflow commands, rich markup, spreadsheet formula
prefixes and Mermaid keywords. Every command is run in every format over it, and each output is
checked by what its reader would see: human output holds no control byte, no bidi control and no
workflow command; GitHub output is one command per line; CSV cells never start a formula; every
Mermaid line starts with iwgplan's own keyword or ``‣``; JSON parses back to the exact text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.hostile_output import (
    CSV,
    DOCX,
    GITHUB,
    HUMAN,
    ICS,
    JSON,
    MERMAID,
    PAYLOADS,
    RAW_CSV,
    SGR,
    check,
    docx_text,
    plan_text,
    run,
)

READ = [
    (["validate", "{new}"], HUMAN),
    (["validate", "{bad}"], HUMAN),
    (["validate", "{bad}", "--format", "json"], JSON),
    (["validate", "{bad}", "--format", "github"], GITHUB),
    *[([cmd, "--plan", "{new}", *f], kind) for cmd in ("status", "tiers") for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON))],
    *[(["list", "--plan", "{new}", *f], kind) for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON),
       (["--format", "csv"], CSV), (["--format", "csv", "--raw"], RAW_CSV))],
    *[(["show", ident, "--plan", "{new}", *f], kind) for ident in ("a", "kid", "s1") for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON))],
    (["show", "--plan", "{new}", "--", "{payload}"], HUMAN),
    (["report", "--plan", "{new}", "--as-of", "2026-02-01"], HUMAN),
    (["report", "--plan", "{new}", "--format", "html", "--as-of", "2026-02-01"], HUMAN),
    (["export", "--plan", "{new}", "--format", "ics"], ICS),
    (["export", "--plan", "{new}", "--format", "mermaid"], MERMAID),
    (["export", "--plan", "{new}", "--format", "csv"], CSV),
    (["export", "--plan", "{new}", "--format", "csv", "--raw"], RAW_CSV),
    (["export", "--plan", "{new}", "--format", "json"], JSON),
    *[(["diff", "{old}", "{new}", *f], kind) for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON),
       (["--format", "github"], GITHUB), (["--summary"], HUMAN))],
    (["git-diff", "plans/p.yaml", "{old}", "x", "100644", "{new}", "y", "100644"], HUMAN),
    (["note", "--dry-run", "--plan", "{new}", "--date", "2026-01-02", "--", "a", "{payload}"], HUMAN),
    (["done", "b", "--note", "{payload}", "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["reopen", "kid", "--reason", "{payload}", "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    # the rest of every command and format
    (["status", "--plan", "{new}", "--owner", "{payload} owner"], HUMAN),
    (["list", "--plan", "{new}", "--format", "csv", "--excel"], CSV),
    (["export", "--plan", "{new}", "--format", "csv", "--excel"], CSV),
    *[(["export", "--plan", "{new}", "--format", "ics", "--for", app_name], ICS)
      for app_name in ("outlook", "google", "apple")],
    (["report", "--plan", "{new}", "--format", "json", "--as-of", "2026-02-01"], JSON),
    (["report", "--plan", "{new}", "--format", "docx", "--as-of", "2026-02-01", "-o", "{docx}"], DOCX),
    (["git-diff", "plans/p.yaml", "{old}", "x", "100644", "{bad}", "y", "100644"], HUMAN),
    *[([cmd, "b", "--reason", "{payload}", "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN)
      for cmd in ("block", "drop")],
    (["start", "a", "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["add", "--under", "fa", "--id", "c", "--title", "{payload}", "--owner", "{payload}", "--dry-run",
      "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["modify", "a", "--title", "{payload} t", "--due", "2026-06", "--reason", "{payload}", "--dry-run",
      "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["move", "b", "--under", "sec", "--dry-run", "--plan", "{new}"], HUMAN),
    (["amend", "a", "--last", "--note", "{payload}", "--dry-run", "--plan", "{new}"], HUMAN),
    (["revise", "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["init", "{init}", "--blank", "--title", "{payload}"], HUMAN),
    # meetings: the agenda in every format, and every meeting edit
    *[(["agenda", *m, "--plan", "{new}", "--as-of", "2026-02-01", *f], kind) for m in ([], ["m1"])
      for f, kind in (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "html"], HUMAN),
                      (["--format", "json"], JSON))],
    (["agenda", "--plan", "{new}", "--as-of", "2026-02-01", "--format", "docx", "-o", "{docx}"], DOCX),
    (["status", "--plan", "{new}", "--since", "m1"], HUMAN),
    *[(["meeting", "list", "--plan", "{new}", *f], kind) for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON))],
    *[(["list", "--meeting", "m1", "--plan", "{new}", *f], kind) for f, kind in
      (([], HUMAN), (["--format", "markdown"], HUMAN), (["--format", "json"], JSON))],
    (["list", "--plan", "{new}", "--meeting", "{payload}"], HUMAN),
    (["meeting", "add", "--date", "2026-05-01", "--theme", "{payload}", "--place", "{payload}", "--dry-run",
      "--plan", "{new}"], HUMAN),
    (["meeting", "item", "add", "m2", "--kind", "other", "--title", "{payload}", "--question", "{payload}",
      "--speaker", "{payload}", "--dry-run", "--plan", "{new}"], HUMAN),
    (["meeting", "outcome", "m1", "x", "--text", "{payload} new", "--dry-run", "--plan", "{new}",
      "--date", "2026-01-30"], HUMAN),
    (["request", "add", "--kind", "secretariat-update", "--subject", "{payload}", "--by", "{payload}",
      "--dry-run", "--plan", "{new}", "--date", "2026-01-02"], HUMAN),
    (["meeting", "item", "add", "--plan", "{new}", "--kind", "other", "--title", "t", "--", "{payload}"], HUMAN),
    (["schema", "-o", "-"], JSON),
]  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    return {name: folder / f"{name}.yaml" for name in ("old", "new", "bad")}


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_every_command_and_format_neutralises(files: dict[str, Path], name: str) -> None:
    payload = PAYLOADS[name]
    files["old"].write_text(plan_text(payload, title="old"), encoding="utf-8")
    files["new"].write_text(plan_text(payload, title="new"), encoding="utf-8")
    bad_key = json.dumps(payload + " key")
    files["bad"].write_text(
        plan_text(payload).replace("  body:", f"  {bad_key}: 1\n  body:"), encoding="utf-8"
    )
    places = {k: str(v) for k, v in files.items()}
    places["docx"] = str(files["new"].parent / "report.docx")
    places["init"] = str(files["new"].parent.parent / "init")
    for template, kind in READ:
        args = [a.format(payload=payload, **places) for a in template]
        code, out = run(args)
        assert code in (0, 1), (args, out)
        if kind == DOCX:
            kind, out = HUMAN, out + docx_text(Path(places["docx"]))
        check(kind, out, payload.replace("\r\n", "\n") if kind == HUMAN else payload)
    assert files["new"].read_text(encoding="utf-8") == plan_text(payload, title="new")  # dry runs


@pytest.mark.parametrize("name", ["csi", "osc-title", "c1", "bidi", "newline-command"])
def test_colour_output_holds_only_colour_codes(files: dict[str, Path], name: str) -> None:
    files["old"].write_text(plan_text(PAYLOADS[name], title="old"), encoding="utf-8")
    files["new"].write_text(plan_text(PAYLOADS[name], title="new"), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"}
    for args in (
        ["status", "--plan", str(files["new"])],
        ["list", "--plan", str(files["new"])],
        ["show", "a", "--plan", str(files["new"])],
        ["tiers", "--plan", str(files["new"])],
        ["diff", str(files["old"]), str(files["new"])],
    ):
        code, out = run(args, env)
        assert code == 0
        assert SGR.search(out), "colour was expected"
        check(HUMAN, SGR.sub("", out), PAYLOADS[name])
