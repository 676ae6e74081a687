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

from tests.helpers.hostile_output import CSV, HUMAN, JSON, PAYLOADS, check, plan_text, run

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
    from tests.helpers.hostile_output import UNSAFE, docx_text

    payload = NO_NUL[name]
    plan = _repo(tmp_path / "repo", payload)
    out = tmp_path / "r.docx"
    code, said = run(["report", "--since", "HEAD~2", "--format", "docx", "-o", str(out), "--plan", str(plan)])
    assert code == 0, said
    text = docx_text(out)
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


# --- commit text never steers the reading of git's output (#30) --------------------------------

SUBJECTS = {
    "record-separator-last": "slip\x1e",
    "record-separator-first": "\x1eslip",
    "unit-separators": "a\x1fb\x1f\x1fc\x1f",
    "every-control-but-nul": "c0 " + "".join(map(chr, range(1, 32))) + " del \x7f c1 \x85\x9b\x9c",
    "line-breaks": "first line\nsecond line\r\nthird\u2028fourth",
    "percent-sequences": "%H %h %x00 %x1e %x1f %n %s %an %aI %% %(describe) %C(red)",
    "forged-fields": "x\x1e"
    + "f" * 40
    + "\x1f"
    + "e" * 40
    + "\x1fMallory\x1f2001-01-01T00:00:00+00:00\x1fforged",
    "forged-raw-entry": f"x\n:100644 100644 {'a' * 40} {'b' * 40} M\nplans/p.yaml",
    "very-long": "long " * 40_000,
    "bidi-and-escapes": "\u202eevil\u202c \x1b[2J\x1b]0;t\x07",
}


def _field(root: Path, sha: str, placeholder: str) -> str:
    """One field of one commit as git prints it, with nothing else to split it from."""
    done = subprocess.run(
        ["git", "show", "-s", "--encoding=UTF-8", f"--format={placeholder}", sha],
        cwd=root,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8", "replace").removesuffix("\n")


@pytest.mark.parametrize("name", list(SUBJECTS))
def test_commit_text_never_steers_the_history(tmp_path: Path, name: str) -> None:
    """Subjects (and authors) holding git's old separators, every control, line breaks, format
    placeholders, forged ids and dates, or 200 KB: every history command exits 0 and shows the
    real commits, their real authors and dates, each subject as git gives it."""
    from iwgplan.files.gitlog import AUTHOR_CHARS, SUBJECT_CHARS
    from tests.helpers.hostile_output import docx_text

    subject = SUBJECTS[name]
    root = tmp_path / "repo"
    plan = root / "plans" / "p.yaml"
    plan.parent.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    text = plan_text("plain")
    edits = [
        (text, "2025-10-01"),
        (
            text.replace("status: in-progress", "status: done\n            completed: 2025-11-02"),
            "2025-11-02",
        ),
        (text.replace("due: 2026-01-15", "due: 2026-03"), "2025-12-01"),
    ]
    message = root.parent / "message.txt"
    for n, (body, day) in enumerate(edits):
        plan.write_text(body, encoding="utf-8")
        message.write_bytes(f"{subject} {n}\n\nbody\n".encode())
        _git(root, "add", "plans/p.yaml")
        author = f"{subject[:2000]} author {n}".replace("\n", " ")
        _git(root, "commit", "-q", "--cleanup=verbatim", "-F", str(message), author=author, day=day)
    shas = subprocess.run(["git", "rev-list", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
    real = shas.stdout.split()
    shorts = [s[:7] for s in real]
    assert len(real) == 3

    code, out = run(["log", "--format", "json", "--plan", str(plan)])
    assert code == 0, out[-2000:]
    got = [(c["commit"], c["date"], c["author"], c["subject"]) for c in json.loads(out)["commits"]]

    def bounded(text: str, most: int) -> str:  # what is kept of a very long one
        return text if len(text) <= most else text[:most] + "…"

    wanted = [
        (
            sha,
            _field(root, sha, "%aI"),
            bounded(_field(root, sha, "%an"), AUTHOR_CHARS),
            bounded(_field(root, sha, "%s"), SUBJECT_CHARS),
        )
        for sha in real
    ]
    assert got == wanted

    code, out = run(["log", "--changes", "--plan", str(plan)])
    assert code == 0, out[-2000:]
    check(HUMAN, out, "plain")
    assert [line[:7] for line in out.splitlines() if line[:1] not in (" ", "")] == shorts

    heading = f"Since 2025-10-15 (2 commits, {shorts[1]}..{shorts[0]})"
    words = "Since 15 October 2025"  # the reports say it in words, no commits
    for args in (
        ["status", "--since", "2025-10-15"],
        ["report", "--since", "2025-10-15"],
        ["report", "--since", "2025-10-15", "--format", "html"],
    ):
        code, out = run([*args, "--as-of", "2025-12-31", "--plan", str(plan)])
        assert code == 0 and (words if args[0] == "report" else heading) in out, (args, out[-2000:])
        check(HUMAN, out, "plain")
    docx = tmp_path / "r.docx"
    code, out = run(
        ["report", "--since", "2025-10-15", "--as-of", "2025-12-31", "--format", "docx"]
        + ["-o", str(docx), "--plan", str(plan)]
    )
    assert code == 0, out[-2000:]
    assert words in " ".join(docx_text(docx).split())

    code, out = run(
        ["export", "--format", "csv", "--by", "week", "--as-of", "2025-12-31", "--plan", str(plan)]
    )
    assert code == 0, out[-2000:]
    commits = [row.split(",")[-1] for row in out.splitlines()[1:]]
    assert {c for c in commits if c} == set(shorts)  # one point per week of a commit, each real


@pytest.mark.parametrize(
    "author_line",
    [
        b"author Ev\x01il\x1ex\x1f <e@x> notadate +0000",  # git prints `%aI` itself for this date
        b"author Bob <e@x> 99999999999999999999 +9999",  # out of range: git says 1970
        b"author <> 1700000000 +0000",  # no name at all
    ],
)
def test_a_commit_object_git_itself_would_refuse(tmp_path: Path, author_line: bytes) -> None:
    """A commit written with `git hash-object --literally` (a NUL in its message, an author line
    fsck rejects): read, shown with the dates that parse, never an unexpected error."""
    root = tmp_path / "repo"
    plan = _repo(root, "plain")
    raw = subprocess.run(
        ["git", "cat-file", "commit", "HEAD"], cwd=root, capture_output=True, check=True
    ).stdout
    head, _, _ = raw.partition(b"\n\n")
    lines = [author_line if x.startswith(b"author ") else x for x in head.split(b"\n")]
    crafted = b"\n".join(lines) + b"\n\nsub\x00ject\x1e\x1fwith a nul\n"
    (root / "c.txt").write_bytes(crafted)
    made = (
        subprocess.run(
            ["git", "hash-object", "-t", "commit", "-w", "--literally", "c.txt"],
            cwd=root,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )
    _git(root, "update-ref", "HEAD", made)
    code, out = run(["log", "--format", "json", "--plan", str(plan)])
    assert code == 0, out
    first = json.loads(out)["commits"][0]
    assert first["commit"] == made and first["subject"] == "sub"  # git ends a message at a NUL
    authored = _field(root, made, "%aI")
    assert first["date"] == (authored if authored != "%aI" else _field(root, made, "%cI"))  # unreadable:
    for args in (  # the committer's date
        ["log"],
        ["status", "--since", "2025-10-15", "--as-of", "2025-12-31"],
        ["export", "--format", "csv", "--by", "week", "--as-of", "2025-12-31"],
    ):
        code, out = run([*args, "--plan", str(plan)])
        assert code == 0, (args, out)


def test_a_revision_past_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--rev`, `diff REV` and `show --rev` read a blob of 33 MiB as they read a file of 33 MiB:
    refused with the same words, before a byte of it is read (#30.6)."""
    root = tmp_path / "repo"
    plan = _repo(root, "plain")
    good = plan.read_bytes()
    huge = b"schema_version: 2\n#" + b"#" * (33 * 1024 * 1024 - 19)  # text, not NULs
    plan.write_bytes(huge)
    _git(root, "add", "plans/p.yaml")
    _git(root, "commit", "-qm", "huge", day="2025-12-02")
    plan.write_bytes(good)
    _git(root, "add", "plans/p.yaml")
    _git(root, "commit", "-qm", "back", day="2025-12-03")
    words = "the file is 33 MiB; plan files are limited to 32 MiB"
    as_file = tmp_path / "huge.yaml"
    as_file.write_bytes(huge)
    code, out = run(["status", "--plan", str(as_file)])
    assert code == 1 and words in " ".join(out.split()), out
    monkeypatch.chdir(root)  # where git reads REV:path from
    for args, exit_code in (
        (["status", "--rev", "HEAD~1"], 1),
        (["--rev", "HEAD~1", "list"], 1),
        (["show", "a", "--rev", "HEAD~1"], 1),
        (["status", "--rev", "HEAD~1:plans/p.yaml"], 1),
        (["diff", "HEAD~1"], 2),
        (["diff", "HEAD~1", "HEAD"], 2),
        (["diff", "HEAD", "HEAD~1:plans/p.yaml"], 2),
    ):
        code, out = run([*args, "--plan", str(plan)])
        said = " ".join(out.split())
        assert code == exit_code and words in said and "HEAD~1" in said, (args, out)
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'iwgplan', *sys.argv[1:]], capture_output=True, timeout=120)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    for args in (["status", "--rev", "HEAD~1"], ["diff", "HEAD~1"]):
        child = subprocess.run(
            [sys.executable, "-c", probe, *args, "--plan", str(plan)],
            capture_output=True,
            text=True,
            check=True,
        )
        code, rss_kb = map(int, child.stdout.split())
        assert code in (1, 2) and rss_kb < 90 * 1024, (args, rss_kb)  # read whole: 140 MB and more


FOLDER_NAMES = {
    "trailing space": b"repo ",
    "leading space": b" repo",
    "trailing line break": b"repo\n",
    "line break": b"re\npo",
    "trailing tab": b"repo\t",
    "carriage return": b"repo\r",
    "escape sequence": b"repo\x1b[31m",
    "not UTF-8": b"caf\xe9",
    "bidi override": "\u202erepo".encode(),
}


@pytest.mark.parametrize("name", list(FOLDER_NAMES))
def test_the_repository_folder_as_git_names_it(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The top folder git prints is a path, not text to trim or decode: a repository in a folder
    named with a trailing space, a line break or a byte that is not UTF-8 has a history."""
    root = tmp_path / os.fsdecode(FOLDER_NAMES[name])
    plan = _repo(root, "plain")
    monkeypatch.chdir(root)
    for args in (
        ["log", "--changes"],
        ["log", "--format", "json"],
        ["status", "--since", "2025-10-15", "--as-of", "2025-12-31"],
        ["status", "--since", "HEAD~2", "--as-of", "2025-12-31"],
        ["status", "--rev", "HEAD~1", "--as-of", "2025-12-31"],
        ["diff", "HEAD~2"],
        ["diff", "HEAD~2", "HEAD~1:plans/p.yaml"],
        ["report", "--since", "2025-10-15", "--as-of", "2025-12-31"],
        ["export", "--format", "csv", "--by", "week", "--as-of", "2025-12-31"],
    ):
        code, out = run([*args, "--plan", str(plan)])
        assert code == 0, (args, out)
        if "json" not in args and "csv" not in args:
            check(HUMAN, out, "plain")
