"""Strict loading: every bad input of the foundation issue, with its exit code and position."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from iwgplan.files.loading import check_text
from iwgplan.files.reading import MAX_BYTES
from iwgplan.files.yaml_loader import load_data
from tests.helpers import SMALL


def problems(text: str) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.message) for p in check_text(text, "p.yaml").result.problems]


def write(tmp_path: Path, data: bytes | str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "NO", "Y", "n", "Off"])
def test_yaml_11_booleans_stay_strings(word: str) -> None:
    data, found = load_data(f"a: {word}\nb: [{word}]\n{word}: 1\n")
    assert found == []
    assert data == {"a": word, "b": [word], word: 1}


def test_yaml_12_core_scalars() -> None:
    data, _ = load_data("a: true\nb: null\nc: 0o17\nd: 012\ne: 1.5\nf: 2025-09-10\ng: ~\nh: .inf\n")
    assert data == {
        "a": True,
        "b": None,
        "c": 15,
        "d": 12,
        "e": 1.5,
        "f": "2025-09-10",
        "g": None,
        "h": float("inf"),
    }


def test_duplicate_keys_name_both_lines(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version: 1\nplan:\n  id: a\n  title: x\n  id: b\n")
    run = cli("validate", path)
    assert run.code == 1
    assert f"{path}:5:3: duplicate key 'id': first at line 3, again at line 5" in run.out


def test_python_tag_never_runs(cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    run = cli("validate", path)
    assert run.code == 1
    assert f"{path}:1:4: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in run.out
    assert not marker.exists()


def test_unknown_tag_is_an_error(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "schema_version: 1\nplan: !custom {a: 1}\n"))
    assert run.code == 1
    assert ":2:7: the tag '!custom' is not allowed in a plan file" in run.out


def test_aliases_are_rejected_at_the_alias(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "a: &x [1]\nb: *x\n"))
    assert run.code == 1
    assert ":2:4: aliases (*x) and anchors are not allowed" in run.out


def test_alias_bomb_fails_fast(cli, tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.process_time()  # CPU time: the work done, whatever the machine's load
    run = cli("validate", write(tmp_path, "\n".join(lines) + "\n"))
    assert time.process_time() - start < 1.0
    assert run.code == 1
    assert ":2:10: aliases (*a0) and anchors are not allowed" in run.out


def test_invalid_utf8_names_the_line(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, b"schema_version: 1\nplan:\n  title: caf\xe9\n"))
    assert run.code == 1
    assert ":3:13: not valid UTF-8: byte 0xe9" in run.out


def test_binary_file(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert run.code == 1
    assert ":3:1: binary file: NUL byte" in run.out


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(cli, tmp_path: Path, text: str) -> None:
    run = cli("validate", write(tmp_path, text))
    assert run.code == 1
    assert ":1:1: the file holds no plan: it is empty or only comments" in run.out


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_top_level_not_a_mapping(cli, tmp_path: Path, text: str) -> None:
    run = cli("validate", write(tmp_path, text))
    assert run.code == 1
    assert ":1:1: the top level must be a mapping" in run.out


def test_deep_nesting(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n"))
    assert run.code == 1
    assert "exceeded maximum nesting depth" in run.out
    assert ":1:" in run.out


def test_file_over_size_limit(cli, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    run = cli("validate", path)
    assert run.code == 1
    assert f"{path}:1:1: the file is 32 MiB; plan files are limited to 32 MiB" in run.out


def test_non_string_keys(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "schema_version: 1\n[a, b]: 1\n? {x: 1}\n: 2\nnull: 3\n"))
    assert run.code == 1
    assert run.out.count("keys must be plain text") == 3
    assert ":2:1: keys must be plain text" in run.out


def test_syntax_error_has_position(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "schema_version: 1\nplan:\n  title: 'open\n"))
    assert run.code == 1
    assert ":4:1: YAML syntax: while scanning a quoted scalar, found unexpected end of stream" in run.out


def test_newer_schema_version(cli, tmp_path: Path) -> None:
    run = cli("validate", write(tmp_path, "schema_version: 3\nplan: {}\nnew_thing: 1\nother: 2\n"))
    assert run.code == 1
    assert ":1:17: schema_version: made by a newer iwgplan" in run.out
    assert "unknown key" not in run.out


def test_all_schema_errors_collected_with_paths(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("status: in-progress", "status: started").replace(
        "title: First kid", "titel: First kid"
    )
    found = problems(text)
    assert (51, 25, "Input should be 'planned', 'in-progress', 'done', 'blocked' or 'dropped'") in found
    assert (46, 17, "unknown key 'titel'; did you mean 'title'?") in found
    assert (44, 17, "missing required key 'title'") in found
    paths = [p.dotted for p in check_text(text, "p.yaml").result.problems]
    assert "tiers[0].focus_areas[0].action_points[1].children[1].status" in paths


def test_bom_is_accepted() -> None:
    assert problems("\ufeff" + SMALL.read_text(encoding="utf-8")) == []


def test_crlf_is_accepted() -> None:
    assert problems(SMALL.read_text(encoding="utf-8").replace("\n", "\r\n")) == []
