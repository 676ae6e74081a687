"""Hostile text from git reaches no terminal, CI log, spreadsheet or report raw.

`log`, `status --since`, `report --since` and `export --by week` read what #12's tests did not:
commit subjects and bodies, author names and the plan's path as git records them. Every payload
of tests/robustness/test_hostile_output.py goes into the subject, the body, the author's name and
every text field of the plan; each command, in each format, is checked as that file checks its
own (no raw control character, no line that starts a workflow command, JSON exact, CSV cells
neutralised).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.test_hostile_output import CSV, HUMAN, JSON, PAYLOADS, check, plan_text, run

# git keeps no NUL in a message or a name, and trims a name's surrounding spaces and its < >
NO_NUL = {name: p.replace("\x00", "") for name, p in PAYLOADS.items()}


def _git(root: Path, *args: str, author: str = "Secretariat", day: str = "2025-10-01") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "s@example.org",
        "GIT_COMMITTER_NAME": "c",
        "GIT_COMMITTER_EMAIL": "c@example.org",
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
    }
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, env=env)
    assert done.returncode == 0, done.stderr


def _repo(root: Path, payload: str) -> Path:
    """Three commits by an author named with the payload, whose subjects and bodies hold it."""
    plan = root / "plans" / "p.yaml"
    plan.parent.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    text = plan_text(payload)
    edits = [
        (text, "2025-10-01"),
        (
            text.replace("status: in-progress", "status: done\n            completed: 2025-11-02"),
            "2025-11-02",
        ),
        (text.replace("due: 2026-01-15", "due: 2026-03"), "2025-12-01"),
    ]
    message = root / "message.txt"
    for n, (body, day) in enumerate(edits):
        plan.write_text(body, encoding="utf-8")
        message.write_bytes(f"{payload} subject {n}\n\n{payload} body\n".encode())
        _git(root, "add", "plans/p.yaml")
        _git(
            root,
            "commit",
            "-q",
            "--cleanup=verbatim",
            "-F",
            str(message),
            author=f"{payload} author",
            day=day,
        )
    return plan


COMMANDS = [
    (["log"], HUMAN),
    (["log", "--changes"], HUMAN),
    (["log", "--changes", "--format", "markdown"], HUMAN),
    (["log", "--changes", "--format", "json"], JSON),
    (["log", "--id", "a"], HUMAN),
    (["status", "--since", "2025-10-15", "--as-of", "2025-12-31"], HUMAN),
    (["status", "--since", "HEAD~2", "--format", "markdown", "--as-of", "2025-12-31"], HUMAN),
    (["status", "--since", "2025-10-15", "--format", "json", "--as-of", "2025-12-31"], JSON),
    (["report", "--since", "2025-10-15", "--as-of", "2025-12-31"], HUMAN),
    (["report", "--since", "2025-10-15", "--format", "html", "--as-of", "2025-12-31"], HUMAN),
    (["export", "--format", "csv", "--by", "week", "--as-of", "2025-12-31"], CSV),
]


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_git_text_and_plan_text_are_neutralised_in_every_history_output(tmp_path: Path, name: str) -> None:
    payload = NO_NUL[name]
    plan = _repo(tmp_path / "repo", payload)
    for args, kind in COMMANDS:
        code, out = run([*args, "--plan", str(plan)])
        assert code == 0, (args, out[-2000:])
        if kind == CSV:  # weeks and shares only: no cell a spreadsheet would run
            assert all(
                c[:1] not in "=+-@\t\r" or not c for row in out.splitlines() for c in row.split(",")
            ), out
            continue
        if kind == JSON and args[0] == "log":  # the payload comes back exact in the subject
            data = json.loads(out)
            recorded = subprocess.run(  # as git gives them: it trims a name, joins a subject's lines
                ["git", "log", "-z", "--format=%an%x01%s"], cwd=plan.parent, capture_output=True, check=True
            ).stdout.decode("utf-8", "surrogateescape")
            wanted = [tuple(r.split("\x01")) for r in recorded.split("\x00") if r]
            assert [(c["author"], c["subject"]) for c in data["commits"]] == wanted
            assert all(payload.split("\n")[0] in c["subject"] for c in data["commits"])
            continue
        if kind == JSON:
            json.loads(out)
            continue
        check(HUMAN, out, payload)


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_the_word_report_since_holds_git_text_as_literal_text(tmp_path: Path, name: str) -> None:
    from tests.robustness.test_hostile_output import UNSAFE, _docx_text

    payload = NO_NUL[name]
    plan = _repo(tmp_path / "repo", payload)
    out = tmp_path / "r.docx"
    code, said = run(["report", "--since", "HEAD~2", "--format", "docx", "-o", str(out), "--plan", str(plan)])
    assert code == 0, said
    text = _docx_text(out)
    assert not UNSAFE.search(text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def test_a_blob_past_the_size_limit_is_never_read_whole(tmp_path: Path) -> None:
    """A commit whose plan is 33 MiB of text: listed as not loading, with the limit, and
    the walk goes on; the blob is drained from git in pieces, never held."""
    root = tmp_path / "repo"
    plan = _repo(root, "plain")
    good = plan.read_bytes()
    plan.write_bytes(b"schema_version: 2\n#" + b"#" * (33 * 1024 * 1024 - 19))  # text, not NULs
    _git(root, "add", "plans/p.yaml")
    _git(root, "commit", "-qm", "huge", day="2025-12-02")
    plan.write_bytes(good)
    _git(root, "add", "plans/p.yaml")
    _git(root, "commit", "-qm", "back", day="2025-12-03")
    code, out = run(["log", "-n", "3", "--plan", str(plan)])
    assert code == 0, out
    said = " ".join(out.split())
    assert (
        "plan does not load, skipped: plans/p.yaml: the file is 33 MiB; plan files are limited to 32 MiB"
        in said
    )
    assert "compared with" in said  # the next commit is compared with the last plan that loads
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'iwgplan', *sys.argv[1:]], capture_output=True, timeout=120)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    for args in (["log"], ["status", "--since", "HEAD~3"]):
        child = subprocess.run(
            [sys.executable, "-c", probe, *args, "--plan", str(plan)],
            capture_output=True,
            text=True,
            check=True,
        )
        code, rss_kb = map(int, child.stdout.split())
        assert code == 0 and rss_kb < 90 * 1024, (args, rss_kb)  # a 33 MiB blob read whole: 140 MB


@pytest.mark.parametrize("kind", ["a symbolic link", "a submodule"])
def test_a_commit_where_the_plan_is_not_a_file_is_named_and_skipped(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "repo"
    plan = _repo(root, "plain")
    good = plan.read_bytes()
    plan.unlink()
    if kind == "a symbolic link":
        plan.symlink_to("/etc/passwd")
        _git(root, "add", "plans/p.yaml")
    else:  # a gitlink: what `git submodule add` leaves at a path
        _git(root, "rm", "-q", "--cached", "plans/p.yaml")
        _git(root, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},plans/p.yaml")
    _git(root, "commit", "-qm", "not a file", day="2025-12-02")
    if kind == "a symbolic link":
        plan.unlink()
    else:
        _git(root, "rm", "-q", "--cached", "plans/p.yaml")
    plan.write_bytes(good)
    _git(root, "add", "plans/p.yaml")
    _git(root, "commit", "-qm", "a file again", day="2025-12-03")
    code, out = run(["log", "-n", "3", "--plan", str(plan)])
    said = " ".join(out.split())
    assert code == 0, out
    assert f"plan does not load, skipped: plans/p.yaml: the plan is {kind} in this commit, not a file" in said
    assert "compared with" in said and "no change to the plan" in said
    code, out = run(["status", "--since", "2025-11-15", "--as-of", "2025-12-31", "--plan", str(plan)])
    assert code == 0 and "Since 2025-11-15" in out, out


@pytest.mark.parametrize(
    "name", ["-leading dash.yaml", "with space.yaml", "new\nline.yaml", "tab\there.yaml"]
)
def test_odd_plan_paths_and_a_latin1_commit_message(tmp_path: Path, name: str) -> None:
    """The plan's path as git records it, and a message git stores in another encoding."""
    root = tmp_path / "repo"
    plan = root / "plans" / name
    plan.parent.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    plan.write_text(plan_text("plain"), encoding="utf-8")
    (root / "m.txt").write_bytes("caf\xe9 d\xe9cid\xe9\n".encode("latin-1"))
    _git(root, "add", "-A")
    _git(root, "-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", "m.txt")
    plan.write_text(plan_text("plain").replace("due: 2026-01-15", "due: 2026-03"), encoding="utf-8")
    _git(root, "commit", "-qam", "slip")
    for args in (["log", "--changes"], ["log", "--format", "markdown"], ["status", "--since", "HEAD~1"]):
        code, out = run([*args, "--plan", str(plan)])
        assert code == 0, (args, out)
        check(HUMAN, out, "plain")
        visible = name.replace("\n", "⏎").replace("\t", "␉")
        if "markdown" in args:  # the plan's path in the heading, its controls shown
            assert visible in out.replace("\\", ""), out
        if args[0] == "status" and "\n" in name:  # a line break in a path never starts a line
            assert "⏎" in out
        assert not any(line.startswith("line.yaml") for line in out.splitlines())
    code, out = run(["log", "--format", "json", "--plan", str(plan)])
    subjects = [c["subject"] for c in json.loads(out)["commits"]]
    assert subjects == ["slip", "café décidé"]  # git gives it back in UTF-8
