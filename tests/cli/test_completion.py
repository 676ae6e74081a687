"""Shell completion: scripts for each shell, and completers answering from a real plan."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, SMALL


def complete(words: str, *, shell: str = "zsh", cwd: Path = ROOT) -> list[str]:
    """What the shell would get for the command line ``words`` (the last word being typed)."""
    env = {**os.environ, "_IWGPLAN_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
    env.pop("IWGPLAN_PLAN", None)
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    code = "from iwgplan.cli.main import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o"),
        ("zsh", "compdef"),
        ("fish", "complete --command"),
        ("powershell", "Register-ArgumentCompleter"),
    ],
)
def test_a_script_for_each_shell(cli, monkeypatch, shell: str, marker: str) -> None:
    # Without this, Typer detects the shell it runs in and takes no shell name (as for users).
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    run = cli("--show-completion", shell)
    assert run.code == 0
    assert marker in run.out and "_IWGPLAN_COMPLETE" in run.out


def zsh_pairs(lines: list[str]) -> list[tuple[str, str]]:
    """The (value, description) pairs of zsh's `_arguments '*: :(("value":"help" ...))'`."""
    return re.findall(r'"((?:[^"]|"")*)":"((?:[^"]|"")*)"', "\n".join(lines))


def test_ids_with_titles_from_the_discovered_plan() -> None:
    assert zsh_pairs(complete("iwgplan show jo")) == [("joint-statement", "IWG Co-Chairs Joint Statement")]


def test_ids_in_bash_and_fish() -> None:
    assert complete("iwgplan done hack", shell="bash") == ["hackathons"]
    assert complete("iwgplan start digital-", shell="fish") == [
        "digital-partners\tWorking with other organisation such as ITC, UNCTAD and ITU…",
        "digital-compendium\tDesigning a compendium mapping Members' trade policy measur…",
    ]


def test_ids_for_every_id_taking_command() -> None:
    for command in (
        "show",
        "done",
        "start",
        "block",
        "drop",
        "reopen",
        "note",
        "edit",
        "amend",
        "modify",
        "move",
    ):
        assert complete(f"iwgplan {command} hack", shell="bash") == ["hackathons"], command


def test_ids_from_the_plan_given_before_or_after() -> None:
    for words in (f"iwgplan --plan {SMALL} note k", f"iwgplan note --plan {SMALL} k"):
        assert zsh_pairs(complete(words)) == [("kid-a", "First kid"), ("kid-b", "Second kid")]


def test_statuses_tiers_and_formats() -> None:
    assert complete("iwgplan list --status b", shell="bash") == ["blocked"]
    assert zsh_pairs(complete("iwgplan list --tier tier")) == [
        ("tier1", "Tier one"),
        ("tier2", "Tier two"),
        ("tier3", "Tier 3"),
    ]
    assert zsh_pairs(complete("iwgplan list --tier 5")) == [
        ("5.1", "New IWG agenda setting"),
        ("5.2", "Secretariat''s support functions"),
    ]
    assert complete("iwgplan status --format j", shell="bash") == ["json"]


def test_git_revisions_for_rev_and_diff(repo: Path) -> None:
    assert complete("iwgplan status --rev r", shell="bash", cwd=repo) == ["rev0"]
    assert complete("iwgplan --rev H", shell="bash", cwd=repo)[0] == "HEAD"
    sides = complete("iwgplan diff ", shell="bash", cwd=repo)
    assert "rev0" in sides and "main" in sides and "HEAD~1" in sides


def test_a_broken_plan_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: [\n", encoding="utf-8")
    assert [line for line in complete(f"iwgplan show --plan {bad} a", shell="bash") if line] == []


def test_descriptions_are_plain_text_not_markup(small: Path) -> None:
    small.write_text(
        small.read_text(encoding="utf-8").replace("title: First kid", 'title: "[b]First[/b] kid"')
    )
    assert zsh_pairs(complete(f"iwgplan show --plan {small} kid-a")) == [("kid-a", "[b]First[/b] kid")]


# Tag names git accepts that mean something to a shell, and file names that do too. None may
# run anything when the completed line is run, and none is offered unless iwgplan accepts it.
HOSTILE_REFS = [
    "v1$(touch${IFS}pwned)",
    "v2`touch${IFS}pwned`",
    "v3;touch${IFS}pwned",
    "v4|touch${IFS}pwned",
    "v5&&touch${IFS}pwned",
    "v6>pwned",
    "v7<x",
    "v8'x",
    'v9"x',
    "va{b,c}",
    "vb!x",
    "vc#x",
    "vd(x)",
    "vé",
    "ve=$HOME",
]
HOSTILE_FILES = [
    "$(touch pwned).yaml",
    "`touch pwned`.yaml",
    "a;touch pwned.yaml",
    "a b.yaml",
    "it's.yaml",
    'say "hi".yaml',
    "~root.yaml",
    "*.yaml",
    "a{b,c}.yaml",
    "a\nb.yaml",
    "a\tb.yaml",
    "a\x1b[31mb.yaml",
    "-rf.yaml",
    "plain.yaml",
]


@pytest.fixture
def hostile(repo: Path) -> Path:
    for name in [*HOSTILE_REFS, "v-ok"]:
        subprocess.run(["git", "tag", name], cwd=repo, capture_output=True, check=False)
    for name in HOSTILE_FILES:
        (repo / name).write_text("x", encoding="utf-8")
    return repo


def _bash_reads(candidate: str, cwd: Path) -> str:
    """The word bash reads when the completed command line is run (pressing Enter)."""
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"printf '%s\\0' {candidate}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert done.returncode == 0, (candidate, done.stderr)
    words = done.stdout.split("\0")[:-1]
    assert len(words) == 1, (candidate, words)
    return words[0]


@pytest.mark.parametrize(
    "words", ["iwgplan diff ", "iwgplan diff v", "iwgplan --rev ", "iwgplan status --rev v"]
)
def test_bash_gets_only_accepted_revisions_and_runs_nothing(hostile: Path, words: str) -> None:
    from iwgplan.files.gitlog import check_rev

    offered = [c for c in complete(words, shell="bash", cwd=hostile) if c]
    assert "v-ok" in offered
    for candidate in offered:
        word = _bash_reads(candidate, hostile)
        if not word.endswith((".yaml", ".yml")):
            check_rev(word)  # a revision iwgplan accepts, or this raises
            assert word.startswith(words.split()[-1] if not words.endswith(" ") else "")
        else:
            assert word in HOSTILE_FILES
    assert not (hostile / "pwned").exists()
    assert not any("touch" in c or "$" in c for c in offered if not c.endswith((".yaml", ".yaml'")))


def test_bash_gets_every_plan_file_quoted(hostile: Path) -> None:
    offered = [c for c in complete("iwgplan diff ", shell="bash", cwd=hostile) if c]
    read = {_bash_reads(c, hostile) for c in offered} - {"HEAD", "HEAD~1", "HEAD~2", "HEAD~3"}
    printable = {n for n in HOSTILE_FILES if n.isprintable()}
    assert {n for n in read if n.endswith(".yaml")} == printable  # control characters: left out
    assert not (hostile / "pwned").exists()


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_get_no_control_characters_and_no_refused_revisions(hostile: Path, shell: str) -> None:
    offered = complete("iwgplan diff ", shell=shell, cwd=hostile)
    text = "\n".join(offered)
    for name in HOSTILE_REFS:
        assert f'"{name}"' not in text and f"{name}\t" not in text, name
    assert "a\x1b" not in text and "a\tb" not in text
    assert "plain.yaml" in text


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    "typed",
    [
        "/",
        "/nonexistent/",
        "/etc/pass",
        "../",
        "..",
        "[",
        "[a-",
        "**/",
        "~/",
        "~",
        "\\",
        "a\\",
        "'",
        '"',
        "$(",
        "-",
    ],
)
def test_completing_any_path_never_fails(tmp_path: Path, shell: str, typed: str) -> None:
    """`iwgplan diff /<TAB>` printed a 30-line traceback into the shell."""
    env = {
        **os.environ,
        "_IWGPLAN_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": f"iwgplan diff {typed}",
    }
    env.update(COMP_WORDS=f"iwgplan diff {typed}", COMP_CWORD="2", _TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run(
        [sys.executable, "-c", "from iwgplan.cli.main import main; main()"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "Traceback" not in done.stdout


def test_a_completer_that_fails_offers_nothing(monkeypatch) -> None:
    from iwgplan.cli import complete as completers

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("anything at all")

    monkeypatch.setattr("subprocess.run", boom)
    monkeypatch.setattr(completers, "_plan_files", boom)
    assert completers.revisions("") == [] and completers.sides("") == []
