"""The validated-plan cache: a hit prints what a miss prints, in every command and format; any
byte change, a corrupt, foreign or unreadable file, a folder that cannot be written and
concurrent runs all leave the user with the right answer and no message."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from iwgplan.files import cache, cached_plan
from iwgplan.files.text import PlanText
from iwgplan.plan import model, records
from tests.helpers import ROOT, SHIPPED, SMALL

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

AS_OF = "2026-03-01"
COMMANDS = [
    *(["status", "--format", f] for f in ("text", "json", "markdown")),
    ["status", "--horizon", "400"],
    *(["tiers", "--format", f] for f in ("text", "json", "markdown")),
    *(["show", "late", "--format", f] for f in ("text", "json", "markdown")),
    *(["list", "--format", f] for f in ("text", "json", "markdown", "csv")),
    ["list", "--status", "blocked", "--overdue", "--owner", "Türkiye"],
    *(["report", "--format", f] for f in ("markdown", "html", "json")),
    *(["export", "--format", f] for f in ("ics", "mermaid", "csv", "json")),
    *(["export", "--format", "ics", "--for", p] for p in ("outlook", "google", "apple")),
    *(["status", "--owner", "ivoire", "--format", f] for f in ("text", "json", "markdown")),
    ["list", "--format", "csv", "--raw"],
    ["list", "--format", "csv", "--excel"],
    ["export", "--format", "csv", "--excel"],
]


def cache_files() -> list[Path]:
    found = cache.folder()
    return sorted(found.glob("*.json")) if found.is_dir() else []


def outputs(cli, args: list[str]) -> tuple[Any, ...]:  # type: ignore[no-untyped-def]
    run = cli(*args)
    return run.code, run.out, run.err


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan.yaml"
    target.write_bytes(SMALL.read_bytes())
    return target


@pytest.mark.parametrize("as_of", [None, AS_OF])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_hit_prints_what_a_miss_prints(cli, plan: Path, args: list[str], as_of: str | None) -> None:  # type: ignore[no-untyped-def]
    args = [*args, "--plan", str(plan), *(["--as-of", as_of] if as_of else [])]
    if args[0] == "show" and as_of is None:
        args = [a for a in args if a != "--as-of"]
    uncached = outputs(cli, ["--no-cache", *args])
    assert cache_files() == []
    miss = outputs(cli, args)
    assert len(cache_files()) == 1
    hit = outputs(cli, args)
    assert uncached == miss == hit
    assert uncached[0] == 0


@pytest.mark.parametrize("fmt", ["docx", "html", "markdown", "json"])
def test_a_report_written_with_o_is_the_same_file_on_a_hit(cli, plan: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    written = []
    for i, first in enumerate([["--no-cache"], [], []]):  # bypassed, a miss, a hit
        out = tmp_path / f"report{i}.{fmt}"
        run = cli(*first, "report", "--format", fmt, "-o", out, "--plan", plan, "--as-of", AS_OF)
        assert run.code == 0, run.err
        written.append((run.out, out.read_bytes()))
        assert len(cache_files()) == (0 if i == 0 else 1)
    assert written[0] == written[1] == written[2]
    assert written[0][1]


def test_a_hit_neither_parses_nor_validates(cli, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    first = cli("status", "--plan", plan, "--as-of", AS_OF)
    from iwgplan.files import loading

    def refuse(*args: object) -> None:
        raise AssertionError("parsed on a hit")

    monkeypatch.setattr(loading, "load_text", refuse)
    again = cli("status", "--plan", plan, "--as-of", AS_OF)
    assert (again.code, again.out) == (0, first.out)


def test_big_generated_plan_hit_equals_miss(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "big.yaml"
    plan.write_text(generate(600, groups=30, history=40), encoding="utf-8")
    for args in (["status", "--format", "json"], ["list", "--format", "csv"], ["report"]):
        uncached = outputs(cli, ["--no-cache", *args, "--plan", str(plan), "--as-of", AS_OF])
        assert uncached == outputs(cli, [*args, "--plan", str(plan), "--as-of", AS_OF])
        assert uncached == outputs(cli, [*args, "--plan", str(plan), "--as-of", AS_OF])


def test_shipped_and_embedded_plans(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for args in (["status", "--plan", str(SHIPPED)], ["status"]):  # the second: the embedded default
        uncached = outputs(cli, ["--no-cache", *args, "--format", "json", "--as-of", AS_OF])
        assert uncached == outputs(cli, [*args, "--format", "json", "--as-of", AS_OF])
        assert uncached == outputs(cli, [*args, "--format", "json", "--as-of", AS_OF])
    assert len(cache_files()) == 2


def test_stale_after_any_byte_change(cli, plan: Path) -> None:  # type: ignore[no-untyped-def]
    """Any one-byte change (to a valid plan, an invalid one, or one that reads the same)."""
    original = plan.read_bytes()
    rng = random.Random(13)
    for _ in range(25):
        cli("list", "--format", "json", "--plan", plan)  # primes the cache with the original
        at = rng.randrange(len(original))
        changed = bytearray(original)
        changed[at] = rng.choice(b"abcXYZ019 :-#\n\"'")
        if changed == original:
            continue
        plan.write_bytes(bytes(changed))
        expected = outputs(cli, ["--no-cache", "list", "--format", "json", "--plan", str(plan)])
        assert outputs(cli, ["list", "--format", "json", "--plan", str(plan)]) == expected
        plan.write_bytes(original)


def test_a_title_edit_shows_at_once(cli, plan: Path) -> None:  # type: ignore[no-untyped-def]
    cli("show", "late", "--plan", plan)
    plan.write_bytes(plan.read_bytes().replace(b"T\xc3\xbcrkiye: hosting", b"T\xc3\xbcrkiye: hostinG"))
    assert "hostinG" in cli("show", "late", "--plan", plan).out


def _prime(cli, plan: Path) -> tuple[Path, bytes, tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    expected = outputs(cli, ["status", "--format", "json", "--plan", str(plan), "--as-of", AS_OF])
    (entry,) = cache_files()
    return entry, entry.read_bytes(), expected


def _forge(blob: bytes, payload: bytes, *, salt: str | None = None) -> bytes:
    """An entry with a new payload and digests that match it (a well-formed foreign file)."""
    magic, header, _ = blob.split(b"\n", 2)
    salt_digest, plan_digest, _ = header.decode().split(" ")
    digest = cache._digest(payload)
    return magic + b"\n" + f"{salt or salt_digest} {plan_digest} {digest}\n".encode() + payload


CORRUPTIONS = {
    "empty": lambda blob: b"",
    "truncated in the header": lambda blob: blob[:30],
    "truncated in the payload": lambda blob: blob[: len(blob) // 2],
    "one byte flipped": lambda blob: blob[:-10] + bytes([blob[-10] ^ 1]) + blob[-9:],
    "random bytes": lambda blob: random.Random(1).randbytes(len(blob)),
    "another program's JSON": lambda blob: b'{"tiers": []}',
    "a newer format": lambda blob: blob.replace(b"iwgplan-plan-cache 2", b"iwgplan-plan-cache 9", 1),
    "another salt": lambda blob: _forge(blob, blob.split(b"\n", 2)[2], salt="0" * 40),
    "a list, digests right": lambda blob: _forge(blob, b"[1, 2]"),
    "unknown keys, digests right": lambda blob: _forge(blob, b'{"schema_version": 1, "surprise": 2}'),
    "wrong types, digests right": lambda blob: _forge(blob, b'{"schema_version": 1, "plan": 7}'),
    "not JSON, digests right": lambda blob: _forge(blob, b"\xff\xfe{"),
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_corrupt_or_foreign_entry_is_ignored_and_replaced(cli, plan: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    entry, blob, expected = _prime(cli, plan)
    entry.write_bytes(CORRUPTIONS[kind](blob))
    assert outputs(cli, ["status", "--format", "json", "--plan", str(plan), "--as-of", AS_OF]) == expected
    assert entry.read_bytes() == blob  # replaced by a good entry
    assert cache.lookup(str(plan.resolve()), plan.read_bytes()) is not None


def test_unreadable_entry_is_a_miss(cli, plan: Path) -> None:  # type: ignore[no-untyped-def]
    entry, _, expected = _prime(cli, plan)
    entry.unlink()
    entry.mkdir()  # a folder where the file should be: unreadable and unreplaceable
    assert outputs(cli, ["status", "--format", "json", "--plan", str(plan), "--as-of", AS_OF]) == expected
    assert entry.is_dir()


def test_a_forged_entry_is_what_a_hit_serves_and_no_cache_bypasses_it(  # type: ignore[no-untyped-def]
    cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proof that a hit really comes from the file, and that both switches turn it off."""
    entry, blob, _ = _prime(cli, plan)
    data = json.loads(blob.split(b"\n", 2)[2])
    data["plan"]["title"] = "FROM THE CACHE"
    entry.write_bytes(_forge(blob, json.dumps(data).encode()))
    args = ["status", "--format", "json", "--plan", str(plan), "--as-of", AS_OF]
    assert "FROM THE CACHE" in cli(*args).out
    assert "FROM THE CACHE" not in cli("--no-cache", *args).out
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    assert "FROM THE CACHE" not in cli(*args).out


def test_no_cache_writes_nothing(cli, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cli("--no-cache", "status", "--plan", plan)
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    cli("status", "--plan", plan)
    assert cache_files() == []


def test_a_revision_is_not_cached(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo)
    assert cli("status", "--rev", "HEAD~1").code == 0
    assert cache_files() == []


def test_invalid_plan_is_not_cached(cli, plan: Path) -> None:  # type: ignore[no-untyped-def]
    plan.write_text(SMALL.read_text(encoding="utf-8").replace("status: blocked", "status: stuck"))
    assert cli("status", "--plan", plan).code == 1
    assert cli("status", "--plan", plan).code == 1
    assert cache_files() == []


def test_folder_under_a_file_is_skipped(cli, plan: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("IWGPLAN_CACHE_DIR", str(blocker / "cache"))
    expected = outputs(cli, ["--no-cache", "status", "--plan", str(plan), "--as-of", AS_OF])
    assert outputs(cli, ["status", "--plan", str(plan), "--as-of", AS_OF]) == expected
    assert blocker.read_text() == "x"


def test_read_only_folder_is_left_alone(cli, plan: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ro-cache"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("IWGPLAN_CACHE_DIR", str(folder))
    try:
        expected = outputs(cli, ["--no-cache", "status", "--plan", str(plan), "--as-of", AS_OF])
        assert outputs(cli, ["status", "--plan", str(plan), "--as-of", AS_OF]) == expected
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_concurrent_runs_agree_and_leave_one_whole_entry(plan: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    args = [
        sys.executable,
        "-m",
        "iwgplan",
        "status",
        "--format",
        "json",
        "--plan",
        str(plan),
        "--as-of",
        AS_OF,
    ]
    expected = subprocess.run([*args[:3], "--no-cache", *args[3:]], capture_output=True, env=env, check=True)
    procs = [
        subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(8)
    ]
    results = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(out == expected.stdout and err == b"" for out, err in results)
    (entry,) = cache_files()
    # no temp files left: the entry and the positions the edits read (files/positions.py)
    assert sorted(p.name for p in cache.folder().iterdir()) == [entry.name, entry.stem + cache.POSITIONS]
    assert cache.lookup(str(plan.resolve()), plan.read_bytes()) is not None


def test_concurrent_writers_of_different_data_never_tear_an_entry(tmp_path: Path) -> None:
    """Writers racing on one entry: every read is a miss or one writer's whole data."""
    script = (
        "import sys\nfrom iwgplan.files import cache\n"
        "n = int(sys.argv[1])\n"
        "for i in range(200):\n"
        "    cache.store('same', b'plan', {'writer': n, 'pad': 'x' * (50_000 * n)})\n"
        "    got = cache.lookup('same', b'plan')\n"
        "    assert got is None or got == {'writer': got['writer'], 'pad': 'x' * (50_000 * got['writer'])}\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)]) for n in range(1, 5)]
    assert [p.wait() for p in procs] == [0, 0, 0, 0]
    assert cache.lookup("same", b"plan")["writer"] in (1, 2, 3, 4)


def test_salt_names_versions_and_deciding_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cache.store("p", b"bytes", {"a": 1})
    assert cache.lookup("p", b"bytes") == {"a": 1}
    assert cache.lookup("p", b"bytes!") is None  # other bytes
    monkeypatch.setattr(cache, "_SALT", ["another version"])
    assert cache.lookup("p", b"bytes") is None


def test_records_have_the_models_fields_and_defaults() -> None:
    for name, record in records.RECORDS.items():
        fields = getattr(model, name).model_fields
        assert [f for f, _, _ in record.FIELDS] == list(fields), name
        for field, _, default in record.FIELDS:
            info = fields[field]
            if info.is_required():
                assert default is None, (name, field)
            elif info.default_factory is list:
                assert default is records._LIST, (name, field)
            else:
                assert default == info.default, (name, field)


@pytest.mark.parametrize("source", [SHIPPED, SMALL])
def test_records_dump_like_the_models(source: Path) -> None:
    from iwgplan.files.loading import load_text

    plan, _ = load_text(source.read_text(encoding="utf-8"), "p.yaml")
    data = plan.model_dump(mode="json", exclude_defaults=True)
    built = records.build(data)
    assert built.model_dump(mode="json") == plan.model_dump(mode="json")  # type: ignore[call-arg]


def test_load_uses_the_models_when_records_lag_behind(monkeypatch: pytest.MonkeyPatch, plan: Path) -> None:
    monkeypatch.setattr(records.ActionPoint, "NAMES", frozenset({"id"}))
    source = PlanText(plan.read_text(encoding="utf-8"), "plan.yaml", plan)
    loaded, index = cached_plan.load(source)
    assert isinstance(loaded, model.Plan) and index.get("late")
    assert cache_files() == []


def test_a_miss_runs_on_the_models_and_a_hit_on_records(plan: Path) -> None:
    source = PlanText(plan.read_text(encoding="utf-8"), "plan.yaml", plan)
    assert isinstance(cached_plan.load(source)[0], model.Plan)
    assert isinstance(cached_plan.load(source)[0], records.Plan)


# --- what another user may have left in the cache is never trusted (#30.4) ----------------------

OTHER_UID = 54321  # no one's: a file chowned to it is another user's


def _forged_entry(blob: bytes, *, pad: int = 0) -> bytes:
    """A well-formed entry whose every title says FORGED: what a hit would print, if trusted."""

    def forged(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: "FORGED " + v if k == "title" else forged(v) for k, v in node.items()}
        return [forged(x) for x in node] if isinstance(node, list) else node

    data = forged(json.loads(blob.split(b"\n", 2)[2]))
    return _forge(blob, json.dumps(data).encode() + b" " * pad)


def _plant(kind: str, entry: Path, blob: bytes, elsewhere: Path) -> None:
    forged = _forged_entry(blob)
    entry.unlink()
    if kind == "trusted (control)":
        entry.write_bytes(forged)
        entry.chmod(0o600)
    elif kind == "FIFO":
        os.mkfifo(entry)
    elif kind == "symbolic link to a forged entry":
        elsewhere.write_bytes(forged)
        elsewhere.chmod(0o600)
        entry.symlink_to(elsewhere)
    elif kind == "directory":
        entry.mkdir()
    elif kind == "another user's entry":
        entry.write_bytes(forged)
        os.chown(entry, OTHER_UID, OTHER_UID)
    elif kind in ("group-writable entry", "world-writable entry"):
        entry.write_bytes(forged)
        entry.chmod(0o620 if kind.startswith("group") else 0o602)
    elif kind == "past the bound, digests right":
        entry.write_bytes(_forged_entry(blob, pad=cache.entry_limit(b"x" * 2000)))
        entry.chmod(0o600)
    elif kind == "sparse 1 GiB":
        with open(entry, "wb") as handle:
            handle.truncate(1 << 30)
    elif kind == "truncated":
        entry.write_bytes(forged[: len(forged) // 2])
    elif kind == "garbage":
        entry.write_bytes(random.Random(2).randbytes(4096))
    elif kind == "folder of another user":
        entry.write_bytes(forged)
        entry.chmod(0o600)
        os.chown(entry.parent, OTHER_UID, OTHER_UID)
    elif kind == "world-writable folder":
        entry.write_bytes(forged)
        entry.chmod(0o600)
        entry.parent.chmod(0o777)
    else:  # pragma: no cover - a kind without a plant
        raise AssertionError(kind)


HOSTILE_ENTRIES = [
    "FIFO",
    "symbolic link to a forged entry",
    "directory",
    "another user's entry",
    "group-writable entry",
    "world-writable entry",
    "past the bound, digests right",
    "sparse 1 GiB",
    "truncated",
    "garbage",
    "folder of another user",
    "world-writable folder",
]


@pytest.mark.parametrize("kind", ["trusted (control)", *HOSTILE_ENTRIES])
def test_an_entry_not_ours_to_trust_is_ignored_and_never_hangs(
    cli, plan: Path, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    """status and list, run as a user would (the start-up path included), print what --no-cache
    prints over every kind of entry another user or a mishap could leave; the control shows
    that the forged entry is what a trusted hit would serve."""
    if ("another user" in kind or "of another" in kind) and os.getuid() != 0:
        pytest.skip("only root can give a file to another user")
    cli("status", "--plan", plan)  # the entry, written as iwgplan writes it
    (entry,) = cache_files()
    _plant(kind, entry, entry.read_bytes(), tmp_path / "elsewhere.json")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "IWGPLAN_CACHE_DIR": str(entry.parent)}
    try:
        for args in (["status"], ["list"], ["list", "--format", "json"]):
            argv = [sys.executable, "-m", "iwgplan", *args, "--plan", str(plan), "--as-of", AS_OF]
            runs = [
                subprocess.run(a, capture_output=True, env=env, timeout=60)
                for a in (argv, [*argv[:3], "--no-cache", *argv[3:]])
            ]
            assert [r.returncode for r in runs] == [0, 0], runs
            if kind == "trusted (control)":
                assert b"FORGED" in runs[0].stdout and b"FORGED" not in runs[1].stdout
            else:
                assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr == b""
    finally:
        entry.parent.chmod(0o700)


def test_an_entry_past_the_bound_is_not_read(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sparse 3 GiB entry costs one fstat: not one byte of it is read."""
    raw = plan.read_bytes()
    entry = cache.entry_path(str(plan.resolve()))
    entry.parent.mkdir(parents=True)
    with open(entry, "wb") as handle:
        handle.truncate(3 << 30)
    entry.chmod(0o600)
    read: list[int] = []
    real = os.read
    monkeypatch.setattr(cache.os, "read", lambda fd, n: read.append(n) or real(fd, n))
    assert cache.lookup(str(plan.resolve()), raw) is None
    assert read == []


def test_what_is_stored_is_within_the_bound_lookup_reads(tmp_path: Path) -> None:
    raw = b"plan: x\n"
    cache.store("small", raw, {"k": "v" * cache.entry_limit(raw)})  # data that could not be read back
    assert cache_files() == []
    cache.store("small", raw, {"k": "v"})
    (entry,) = cache_files()
    assert cache.lookup("small", raw) == {"k": "v"}
    assert entry.stat().st_mode & 0o777 == 0o600 and entry.parent.stat().st_mode & 0o777 == 0o700


def test_two_installs_sharing_the_folder_keep_an_entry_each(plan: Path, tmp_path: Path) -> None:
    """Issue 29: a second install (here a copy of the package: its own code, so its own salt)
    reading the same plan leaves the first install's entry alone, so each runs warm."""
    import shutil

    other = tmp_path / "other-install"
    shutil.copytree(ROOT / "src" / "iwgplan", other / "iwgplan", ignore=shutil.ignore_patterns("__pycache__"))
    args = ["-X", "importtime", "-m", "iwgplan", "status", "--plan", str(plan), "--as-of", AS_OF]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("PYTHONPATH", None)

    def run(install: Path | None) -> tuple[bytes, bool]:
        here = {**env, "PYTHONPATH": str(install)} if install else env
        done = subprocess.run([sys.executable, *args], capture_output=True, env=here, check=True)
        lines = done.stderr.decode().splitlines()
        parsed = any(
            line.split("|")[-1].strip() == "yaml" for line in lines if line.startswith("import time:")
        )
        return done.stdout, parsed

    first, second = run(None), run(other)
    assert first[1] and second[1]  # both cold the first time
    again, other_again = run(None), run(other)
    assert not again[1] and not other_again[1], "a run of one install made the other's entry a miss"
    assert first[0] == second[0] == again[0] == other_again[0]
    assert len(cache_files()) == 2


def _loaded_by_the_loop(cls: type[records.Record], data: dict[str, Any]) -> Any:
    """Record.load's loop over FIELDS, all the way down: the reference for the compiled loaders."""
    if not data.keys() <= cls.NAMES:
        raise records.UnknownField(f"{cls.__name__}: {sorted(data.keys() - cls.NAMES)}")
    obj = object.__new__(cls)
    for name, decode, default in cls.FIELDS:
        value = data.get(name, records._ABSENT)
        if value is records._ABSENT:
            value = [] if default is records._LIST else default
        elif isinstance(decode, records._ListOf) and value is not None:
            value = [_loaded_by_the_loop(decode.cls, v) for v in value]
        elif decode is not None and value is not None:
            value = decode(value)
        object.__setattr__(obj, name, value)
    return obj


@pytest.mark.parametrize("source", ["shipped", "small", "every-field", "generated"])
def test_compiled_loaders_build_what_the_loop_builds(source: str) -> None:
    """Issue 29: the loaders written out field by field give the records the loop gives (fields,
    defaults, fresh default lists, decoded values) and refuse an unknown key, at any depth, with
    the same words."""
    from iwgplan.files.loading import load_text

    text = {
        "shipped": lambda: SHIPPED.read_text(encoding="utf-8"),
        "small": lambda: SMALL.read_text(encoding="utf-8"),
        "every-field": lambda: (ROOT / "tests" / "fixtures" / "every-field.yaml").read_text(encoding="utf-8"),
        "generated": lambda: generate(300, seed=5, groups=4, history=30),
    }[source]()
    plan, _ = load_text(text, "p.yaml")
    for data in (plan.model_dump(mode="json", exclude_defaults=True), plan.model_dump(mode="json")):
        built, looped = records.build(data), _loaded_by_the_loop(records.Plan, data)
        assert built == looped
        assert repr(built) == repr(looped)
    data = plan.model_dump(mode="json", exclude_defaults=True)
    first, second = records.ActionPoint.load({"id": "a"}), records.ActionPoint.load({"id": "a"})
    assert first.owners == [] and first.owners is not second.owners  # a fresh list when absent
    assert first.kind == "deliverable"
    item = data["tiers"][0]["focus_areas"][0]["action_points"][0]
    item["colour"] = "red"
    with pytest.raises(records.UnknownField) as compiled:
        records.build(data)
    with pytest.raises(records.UnknownField) as loop:
        _loaded_by_the_loop(records.Plan, data)
    assert str(compiled.value) == str(loop.value) == "ActionPoint: ['colour']"
