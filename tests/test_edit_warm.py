"""`done` and the other progress edits of a plan the validated-plan cache holds (issue 29,
edit/warm.py) write the same bytes, say the same words and exit with the same code as the same
edit made through the whole text with the cache off; and the cache entry they leave for the
bytes they wrote is the one a full read of those bytes stores, data and positions alike.

Each case runs three ways on the same bytes: with the cache off (IWGPLAN_NO_CACHE=1: the whole
text), on a miss (an empty cache: the whole text is read and checked, the edit made as on a
hit) and on a hit (the cache holds the bytes: nothing is parsed or validated whole).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from iwgplan.edit import warm
from iwgplan.files import cache
from iwgplan.files.loading import check_text
from iwgplan.files.positions import entry_digest, item_spans, pack_digests, unpack_digests
from tests.helpers import ROOT, SHIPPED, history_styles, hostile_output, hostile_yaml
from tests.helpers.entry_styles import AFTER, BEFORE, COMMANDS, ENDINGS, HEAD, STYLES
from tests.helpers.entry_styles import text as _text

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402
from run import open_items  # noqa: E402

Run = tuple[int, str, str, bytes]


def _clear() -> None:
    folder = cache.folder()
    for entry in folder.iterdir() if folder.is_dir() else ():
        entry.unlink()


def _run(cli: Callable[..., Any], plan: Path, original: bytes, args: list[str]) -> Run:
    plan.write_bytes(original)
    run = cli(*args, "--plan", plan)
    return run.code, run.out, run.err, plan.read_bytes()


def _entry_is_a_full_reads(plan: Path) -> None:
    """The entry for the plan's bytes now is what reading them whole would store: the data's
    JSON byte for byte (an edit splices the changed items' JSON into the entry it read)."""
    raw = plan.read_bytes()
    key = str(plan.resolve())
    data, positions = cache.lookup(key, raw), cache.lookup(key, raw, cache.POSITIONS)
    spans: dict[int, Any] = {}
    text = raw.decode("utf-8")
    checked = check_text(text, "plan", spans=spans)
    assert checked.plan is not None
    dump = checked.plan.model_dump(mode="json", exclude_defaults=True)
    assert data == dump
    stored = cache.entry_path(key).read_bytes().split(b"\n", 2)[2]
    assert stored == json.dumps(dump, separators=(",", ":")).encode("ascii")
    assert positions == item_spans(checked.data, spans, text)


def _spy_on_warm_edits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """From now on, whether each edit was made by the items' lines (edit/warm.py) or went
    through the whole text, in order."""
    took: list[bool] = []
    real = warm.edit

    def spy(*args: Any) -> Any:
        result = real(*args)
        took.append(result is not None)
        return result

    monkeypatch.setattr(warm, "edit", spy)
    return took


def three_ways(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, plan: Path, original: bytes, args: list[str]
) -> tuple[Run, list[bool]]:
    """The run with the cache off, which a miss and then a hit must equal; and whether the miss
    and the hit made the edit by the items' lines (edit/warm.py)."""
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    whole = _run(cli, plan, original, args)
    monkeypatch.delenv("IWGPLAN_NO_CACHE")
    real = warm.edit
    took = _spy_on_warm_edits(monkeypatch)
    _clear()
    miss = _run(cli, plan, original, args)
    assert miss == whole, ("miss", args)
    if miss[0] == 0 and miss[3] != original and took and took[-1]:
        _entry_is_a_full_reads(plan)
    hit = _run(cli, plan, original, args)  # the miss cached the bytes it read
    assert hit == whole, ("hit", args)
    if hit[0] == 0 and hit[3] != original and took and took[-1]:
        _entry_is_a_full_reads(plan)
    monkeypatch.setattr(warm, "edit", real)
    return whole, took


# Every style an item may be written in, each edited by every command that shares the path
# (and two that do not: they go through the whole text, as ever).
WARM_COMMANDS = [c for c in COMMANDS if c != "add under it"]


@pytest.mark.parametrize("ending", [e for e in ENDINGS if e != "cr"])
@pytest.mark.parametrize("command", WARM_COMMANDS)
def test_every_item_style(
    cli, small: Path, monkeypatch: pytest.MonkeyPatch, command: str, ending: str
) -> None:  # type: ignore[no-untyped-def]
    took = []
    for style in STYLES:
        for last in (False, True):
            text = _text(style, ENDINGS[ending], last=last)
            took += three_ways(cli, monkeypatch, small, text.encode("utf-8"), COMMANDS[command])[1]
    if not command.startswith("modify"):
        assert any(took), "the edits never went by the cached positions"
    else:
        assert not any(took)


EDITS = [
    ["done", "{a}", "--date", "2026-06-01"],
    ["done", "{a}", "--date", "2026-06-01", "--note", "with a note", "--evidence", "WT/MIN(26)/6"],
    ["start", "{a}", "--date", "2026-06-01"],
    ["block", "{a}", "--reason", "waiting", "--date", "2026-06-01"],
    ["drop", "{a}", "--reason", "merged", "--date", "2026-06-01"],
    ["note", "{a}", "a note: with # and 'quotes'", "--date", "2026-06-01"],
    ["note", "{a}", "backdated", "--date", "2025-10-02"],
    ["done", "{a}", "{b}", "--date", "2026-06-01"],
    ["done", "{a}", "--date", "2019-01-01"],  # before the plan: refused
    ["reopen", "{a}", "--reason", "again", "--date", "2026-06-01"],  # nothing to change
    ["reopen", "{d}", "--reason", "again", "--date", "2026-06-01"],
    ["done", "{p}", "--with-children", "--date", "2026-06-01"],  # a point and its sub-points
    ["done", "{p}", "--date", "2026-06-01"],  # refused: open sub-points
    ["done", "no-such-id", "--date", "2026-06-01"],
    ["done", "{a}", "--dry-run", "--date", "2026-06-01"],
    ["modify", "{a}", "--title", "A new title", "--date", "2026-06-01"],
]


def _plans(tmp_path: Path) -> dict[str, tuple[bytes, dict[str, str]]]:
    text = generate(1000, seed=7, groups=5)
    a, b = open_items(text, 2)
    done = re.search(r"(?m)^ {10}- id: (i\d+)\n(?: {12}.*\n)*? {12}status: done\n", text)
    assert done is not None
    plans = {
        "shipped": (SHIPPED.read_bytes(), {"a": "joint-statement", "b": "msme-toolkit", "p": "tpr"}),
        "generated 1k": (text.encode(), {"a": a, "b": b, "p": "i0", "d": done[1]}),
        "hostile": (hostile_output.plan_text(hostile_output.PAYLOADS["csi"]).encode(), {"a": "b", "p": "a"}),
    }
    for nl in ("\n", "\r\n"):
        name = "history styles" + (" CRLF" if nl != "\n" else "")
        plans[name] = (history_styles.build(list(history_styles.STYLES), nl).encode(), {"a": "item-2"})
    return plans


def test_plans_and_edits(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "repo" / "plans" / "plan.yaml"
    plan.parent.mkdir(parents=True)
    took, written = [], 0
    for _name, (original, ids) in _plans(tmp_path).items():
        for edit in EDITS:
            if any("{" + key + "}" in part for part in edit for key in "abdp" if key not in ids):
                continue
            args = [part.format(**ids) for part in edit]
            whole, went = three_ways(cli, monkeypatch, plan, original, args)
            took += went
            written += whole[0] == 0 and whole[3] != original
    assert written >= 40
    assert took.count(True) >= 60


def _many_styles(copies: int, nl: str) -> tuple[str, dict[str, list[str]]]:
    """One plan holding every item style ``copies`` times (item ``s<n>``, its sub-points
    ``s<n>k1`` and ``s<n>k2``), and a dropped item ``gone``; with the ids of the items by what a
    `done` of them does: ``open`` (planned or in progress, no sub-point), ``held`` (open
    sub-points: only with --with-children), ``done`` (nothing to change), ``whole`` (the edit
    goes through the whole text: a block scalar that keeps its breaks, a dash on a line of its
    own), ``flow`` (a flow
    mapping, which an edit refuses)."""
    body, kinds = [], {"open": [], "held": [], "done": [], "whole": [], "flow": []}
    n = 0
    for _ in range(copies):
        for name, style in STYLES.items():
            if name in ("sub-point last in the file", "dash then a tab"):
                continue  # as "with sub-points" here, as it is not last; a plan YAML refuses
            ident = f"s{n}"
            item = style.replace("id: a1", f"id: {ident}k1").replace("id: a2", f"id: {ident}k2")
            item = item.replace("id: a\n", f"id: {ident}\n").replace("id: 'a'", f"id: '{ident}'")
            body.append(item.replace("{id: a,", f"{{id: {ident},"))
            kind = "held" if "children" in style else "done" if "status: done" in style else "open"
            if "+" in style.split("description", 1)[-1] or style.startswith("          -\n"):
                kind = "whole"
            kind = "flow" if "{" in style else kind
            kinds[kind].append(ident)
            n += 1
    gone = "          - id: gone\n            title: Gone\n            status: dropped\n"
    text = HEAD + BEFORE + "".join(body) + gone + AFTER
    return text.replace("\n", nl), kinds


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_many_ids_in_one_command(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nl: str) -> None:  # type: ignore[no-untyped-def]
    """`done` of many ids at once, over items of every style side by side: the same bytes,
    words and exit code with the cache off, on a miss and on a hit, and the entry a full read
    stores; one id that cannot be done (a dropped item) refuses the whole command, which writes
    nothing."""
    plan = tmp_path / "plan.yaml"
    text, kinds = _many_styles(4, nl)
    opened, held = kinds["open"], kinds["held"]
    day = ["--date", "2026-06-01"]
    cases = [
        ["done", *opened[:2], *day],
        ["done", *opened[:9], *day],  # past the few swaps that are looked for one by one
        ["done", *opened[:40], *day],
        ["done", *opened[:20], *kinds["done"], *day],  # some already done: said, not changed
        ["done", *opened[:9], f"{held[0]}k1", f"{held[1]}k2", *day],  # sub-points alone
        ["done", *opened[:9], held[0], "--with-children", "--note", "all: done", *day],
        ["done", opened[3], *opened[:9], opened[3], *day],  # an id given twice
        ["done", *opened[:12], *kinds["whole"], *day],  # one item the lines alone cannot take
        ["done", *opened[:30], "gone", *day],  # refused: nothing is written
        ["done", *opened[:9], held[0], *day],  # refused: open sub-points
        ["done", *opened[:9], kinds["flow"][0], *day],  # refused: a flow mapping
    ]
    assert len(opened) >= 40 and kinds["whole"] and kinds["done"]
    original = text.encode()
    took = []
    for args in cases:
        whole, went = three_ways(cli, monkeypatch, plan, original, args)
        took.append(went)
        refused = bool({"gone", kinds["flow"][0]} & set(args))
        refused |= held[0] in args and "--with-children" not in args
        assert (whole[0], whole[3] == original) == ((1, True) if refused else (0, False)), (args, whole[2])
    assert took[:7] == [[True, True]] * 7  # by the items' lines, on the miss and on the hit
    assert took[7] == [False, False]


@pytest.mark.parametrize("payload", list(hostile_output.PAYLOADS))
def test_hostile_texts(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: str) -> None:  # type: ignore[no-untyped-def]
    """Every hostile text in the plan and in the note: what the whole text does, byte for byte."""
    plan = tmp_path / "plan.yaml"
    original = hostile_output.plan_text(hostile_output.PAYLOADS[payload]).encode()
    for args in (
        ["done", "b", "--date", "2026-06-01"],
        ["note", "b", hostile_output.PAYLOADS[payload], "--date", "2026-06-01"],
        ["reopen", "kid", "--reason", hostile_output.PAYLOADS[payload], "--date", "2026-06-01"],
    ):
        three_ways(cli, monkeypatch, plan, original, args)


@pytest.mark.parametrize("case", list(hostile_yaml.CASES))
def test_hostile_yaml_is_refused_as_ever(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    whole, took = three_ways(
        cli, monkeypatch, plan, hostile_yaml.CASES[case][0].encode(), ["done", "a", "--date", "2026-06-01"]
    )
    assert whole[0] == 1 and not took


def _hit(cli: Callable[..., Any], plan: Path, original: bytes) -> Path:
    """The cache filled for ``original`` (a read-only command), and its positions entry."""
    plan.write_bytes(original)
    assert cli("status", "--plan", plan).code == 0
    return cache.entry_path(str(plan.resolve()), cache.POSITIONS)


Spans = dict[str, list[Any]]


def _forge(entry: Path, change: Callable[[Spans, str], Spans], edited: str, text: str | None = None) -> None:
    """A positions entry changed, with the entry's digests made to match it: one a hit would
    trust. ``change`` works on the spans by loc key (``edited``: the key of the item the edit
    changes); the entry keeps them flat (files.positions.item_spans). Each item's digest of its
    lines stays with its key (only where the lines are is forged) or, with ``text``, is made
    for the lines at the forged span: a forgery that a digest cannot tell."""
    magic, header, payload = entry.read_bytes().split(b"\n", 2)
    salt, plan_digest, _ = header.decode().split(" ")
    flat = json.loads(payload)
    keys = flat["keys"].split("\n") if flat["keys"] else []
    spans = change(
        {k: list(s) for k, *s in zip(keys, flat["starts"], flat["ends"], flat["cols"], strict=True)}, edited
    )
    digests = dict(zip(keys, unpack_digests(flat["digests"]) or [], strict=True))
    if text is not None:
        for key, (start, end, _) in spans.items():
            if isinstance(start, int) and isinstance(end, int):
                digests[key] = entry_digest(text, start, end)
    columns = [[span[n] for span in spans.values()] for n in range(3)]
    refold = {
        "keys": "\n".join(spans),
        "starts": columns[0],
        "ends": columns[1],
        "cols": columns[2],
        "digests": pack_digests(digests[key] for key in spans),
    }
    forged = json.dumps(refold, separators=(",", ":")).encode()
    entry.write_bytes(magic + b"\n" + f"{salt} {plan_digest} {cache._digest(forged)}\n".encode() + forged)


def _swap(positions: Spans, edited: str) -> Spans:
    """The edited item's span and the last item's, swapped."""
    last = list(positions)[-1]
    positions[edited], positions[last] = positions[last], positions[edited]
    return positions


FORGERIES: dict[str, Callable[[Spans, str], Spans]] = {
    "two items swapped": _swap,
    "every span one line on": lambda p, _: {k: [s + 1, e + 1, c] for k, (s, e, c) in p.items()},
    "every span cut short": lambda p, _: {k: [s, s + 20, c] for k, (s, e, c) in p.items()},
    "every span ends at the file's end": lambda p, _: {k: [s, 10**6, c] for k, (s, e, c) in p.items()},
    "another column": lambda p, _: {k: [s, e, c + 2] for k, (s, e, c) in p.items()},
    "none": lambda p, _: {},
    "not numbers": lambda p, _: {k: ["x", None, c] for k, (s, e, c) in p.items()},
}


@pytest.mark.parametrize("digests", ["kept with each key", "made for the forged spans"])
@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_positions_that_do_not_match_the_bytes_are_never_used(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forgery: str, digests: str
) -> None:
    """A hit whose positions do not match the bytes edits through the whole text: the same
    bytes and words as with the cache off, never bytes spliced at a wrong place; with digests
    that match the forged spans too (the new lines are then not the cached item's)."""
    plan = tmp_path / "plan.yaml"
    text = generate(60, seed=3)
    original = text.encode()
    a, b = open_items(text, 2)
    spans: dict[int, Any] = {}
    checked = check_text(text, "plan", spans=spans)
    flat = item_spans(checked.data, spans, text)
    keys = flat["keys"].split("\n")
    edited = next(k for k, at in zip(keys, flat["starts"], strict=True) if text.startswith(f"id: {a}\n", at))
    took = _spy_on_warm_edits(monkeypatch)
    for args in (["done", a, "--date", "2026-06-01"], ["note", a, "x", "--date", "2026-06-01"]):
        monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
        whole = _run(cli, plan, original, args)
        monkeypatch.delenv("IWGPLAN_NO_CACHE")
        _clear()
        _forge(
            _hit(cli, plan, original),
            FORGERIES[forgery],
            edited,
            text if digests != "kept with each key" else None,
        )
        took.clear()
        assert _run(cli, plan, original, args) == whole
        assert took == [False]  # the edit went through the whole text


def _done_of_one_with_the_cache_off(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, bytes, list[str], Run]:
    """A 60-item plan, `done` of one open item, and what that prints and writes with the cache
    off (what a run through the whole text must give); the cache then emptied."""
    plan = tmp_path / "plan.yaml"
    text = generate(60, seed=3)
    original = text.encode()
    (a,) = open_items(text, 1)
    args = ["done", a, "--date", "2026-06-01"]
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")
    whole = _run(cli, plan, original, args)
    monkeypatch.delenv("IWGPLAN_NO_CACHE")
    _clear()
    return plan, original, args, whole


def test_lines_that_are_not_the_digests_are_never_used(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spans that are right but digests that are not (lines changed since, by what the span
    alone cannot see): the edit goes through the whole text, with the same bytes and words."""
    plan, original, args, whole = _done_of_one_with_the_cache_off(cli, tmp_path, monkeypatch)
    entry = _hit(cli, plan, original)
    flat = json.loads(entry.read_bytes().split(b"\n", 2)[2])
    flat["digests"] = pack_digests(digest ^ 1 for digest in unpack_digests(flat["digests"]) or [])
    _write_positions(entry, json.dumps(flat).encode())
    took = _spy_on_warm_edits(monkeypatch)
    assert _run(cli, plan, original, args) == whole
    assert took == [False]


def _write_positions(entry: Path, payload: bytes) -> None:
    """The positions entry with another payload and digests that match it."""
    magic, header, _ = entry.read_bytes().split(b"\n", 2)
    salt, plan_digest, _ = header.decode().split(" ")
    entry.write_bytes(magic + b"\n" + f"{salt} {plan_digest} {cache._digest(payload)}\n".encode() + payload)


def _one_short(entry: Path) -> None:
    flat = json.loads(entry.read_bytes().split(b"\n", 2)[2])
    flat["ends"].pop()
    _write_positions(entry, json.dumps(flat).encode())


def _digests(entry: Path, change: Callable[[str], str]) -> None:
    flat = json.loads(entry.read_bytes().split(b"\n", 2)[2])
    flat["digests"] = change(flat["digests"])
    _write_positions(entry, json.dumps(flat).encode())


def _by_key(entry: Path) -> None:  # the shape of the entries before they were flat
    flat = json.loads(entry.read_bytes().split(b"\n", 2)[2])
    spans = zip(flat["keys"].split("\n"), flat["starts"], flat["ends"], flat["cols"], strict=True)
    _write_positions(entry, json.dumps({k: [s, e, c] for k, s, e, c in spans}).encode())


BROKEN_POSITIONS: dict[str, Callable[[Path], None]] = {
    "truncated": lambda entry: entry.write_bytes(entry.read_bytes()[:-40]),
    "a digest that does not match": lambda entry: entry.write_bytes(
        entry.read_bytes().replace(b"[", b"[1", 1)
    ),
    "not JSON": lambda entry: _write_positions(entry, b"\x00\xff not json"),
    "a list": lambda entry: _write_positions(entry, b"[1, 2, 3]"),
    "one list one short": _one_short,
    "digests not hex": lambda entry: _digests(entry, lambda packed: "zz" + packed[2:]),
    "digests one short": lambda entry: _digests(entry, lambda packed: packed[:-8]),
    "keyed by loc, as before": _by_key,
    "removed": lambda entry: entry.unlink(),
}


@pytest.mark.parametrize("broken", list(BROKEN_POSITIONS))
def test_a_broken_positions_entry_edits_through_the_whole_text(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    """Positions that cannot be read are a miss of the fast path, never an error: the same bytes
    and words as with the cache off, and the entry then stored is a full read's."""
    plan, original, args, whole = _done_of_one_with_the_cache_off(cli, tmp_path, monkeypatch)
    BROKEN_POSITIONS[broken](_hit(cli, plan, original))
    from iwgplan.edit import apply

    read_whole: list[bool] = []
    real = apply.check_text
    monkeypatch.setattr(apply, "check_text", lambda *args, **kw: read_whole.append(True) or real(*args, **kw))
    assert _run(cli, plan, original, args) == whole
    assert read_whole  # the plan's bytes were not found warm: read whole
    _entry_is_a_full_reads(plan)


def test_a_hit_neither_parses_nor_validates_the_whole_plan(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim itself: on a hit, `done` and the two-id `done` parse no more than the items'
    lines, validate no whole plan and encode no whole plan's JSON (the changed items' JSON is
    spliced into the entry's), hash the bytes they read once and the bytes they write once, and
    the next command (another `done`) is a hit too."""
    from iwgplan.edit import apply
    from iwgplan.files import yaml_loader

    plan = tmp_path / "plan.yaml"
    text = generate(300, seed=5)
    a, b, c = open_items(text, 3)
    _hit(cli, plan, text.encode())
    sizes: list[int] = []
    real = yaml_loader._events_to_data
    monkeypatch.setattr(yaml_loader, "_events_to_data", lambda t, *s: sizes.append(len(t)) or real(t, *s))
    monkeypatch.setattr(apply, "check_text", lambda *args, **kw: pytest.fail("the whole plan was checked"))
    encoded: list[Any] = []
    real_encode = cache.encode
    monkeypatch.setattr(cache, "encode", lambda d: encoded.append(d) or real_encode(d))
    hashed: list[bytes] = []
    real_digest = cache._digest
    monkeypatch.setattr(cache, "_digest", lambda raw: hashed.append(raw) or real_digest(raw))
    for args in (["done", a], ["done", b, c], ["start", a]):
        before = plan.read_bytes()
        hashed.clear()
        run = cli(*args, "--date", "2026-06-01", "--plan", plan)
        assert run.code in (0, 1), run.err
        after = plan.read_bytes()
        assert hashed.count(before) == 1
        if after != before:
            assert hashed.count(after) == 1
            assert cache.lookup(str(plan.resolve()), after) is not None
    assert sizes and max(sizes) < 3_000
    assert encoded and not [d for d in encoded if isinstance(d, dict) and "schema_version" in d]


def test_the_bytes_an_edit_read_stay_cached(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Two entries a plan: after `done` the bytes it read and the bytes it wrote are both warm,
    and an edit of bytes found in the previous slot keeps them there (a revert, a checkout or
    `git stash` that puts them back is warm, however many edits of them came between)."""
    plan = tmp_path / "plan.yaml"
    text = generate(60, seed=3)
    a, b = open_items(text, 2)
    original = text.encode()
    _hit(cli, plan, original)
    took = _spy_on_warm_edits(monkeypatch)
    for item in (a, b, a, b):
        assert _run(cli, plan, original, ["done", item, "--date", "2026-06-01"])[0] == 0
        assert cache.lookup(str(plan.resolve()), plan.read_bytes()) is not None  # the bytes written
        assert cache.lookup(str(plan.resolve()), original) is not None  # the bytes read
    assert took == [True] * 4


def test_no_cache_neither_reads_nor_writes_it(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    text = generate(60, seed=3)
    (a,) = open_items(text, 1)
    _hit(cli, plan, text.encode())
    monkeypatch.setattr(warm, "edit", lambda *args: pytest.fail("the cache was used"))
    monkeypatch.setattr(warm, "after_a_miss", lambda *args: pytest.fail("the cache was written"))
    assert cli("--no-cache", "done", a, "--date", "2026-06-01", "--plan", plan).code == 0


def test_an_item_json_found_twice_or_nowhere_is_encoded_whole() -> None:
    """The splice replaces an item's JSON only where it is found once: found twice (which place
    is its own?) or nowhere (an entry not of cache.encode's making), the data is encoded whole."""
    item, new = {"id": "a", "status": "planned"}, {"id": "a", "status": "done"}
    once = cache.encode({"tiers": [item, {"id": "b"}]})
    assert warm._spliced(once, [(item, new)]) == cache.encode({"tiers": [new, {"id": "b"}]})
    assert warm._spliced(cache.encode({"tiers": [item, item]}), [(item, new)]) is None
    assert warm._spliced(json.dumps({"tiers": [item]}).encode(), [(item, new)]) is None
    assert warm._spliced(None, [(item, new)]) is None


@pytest.mark.parametrize("count", [warm._FEW_SWAPS, warm._FEW_SWAPS + 1, 50])
def test_many_swaps_splice_as_encoding_whole_does(count: int) -> None:
    """Past a few swaps the ids are counted in one pass and the items found in file order:
    the same bytes as encoding the new data whole, and the same refusals."""
    items = [{"id": f"i{n}", "status": "planned", "children": [{"id": f"i{n}-a"}]} for n in range(60)]
    news = [{**item, "status": "done"} for item in items]
    chosen = list(range(0, 60, 60 // count))[:count]
    payload = cache.encode({"tiers": items})
    want = [news[n] if n in chosen else items[n] for n in range(60)]
    swaps = [(items[n], news[n]) for n in chosen]
    assert warm._spliced(payload, swaps) == cache.encode({"tiers": want})
    twice = cache.encode({"tiers": [*items, items[chosen[-1]]]})  # an id found twice: whole
    assert warm._spliced(twice, swaps) is None
    assert warm._spliced(payload, [*swaps, ({"id": "elsewhere"}, {"id": "elsewhere"})]) is None
    child = (items[chosen[0]]["children"][0], {"id": f"i{chosen[0]}-a", "status": "done"})
    assert warm._spliced(payload, [swaps[0], child, *swaps[1:]]) is None  # inside a swapped item


def test_the_list_key_check_says_the_same_for_one_entry_as_for_many() -> None:
    """The check that an entry's list is the key its loc names says the same of each entry
    alone as when many entries of one text are checked in turn (which looks at each list's
    lines once): every span of a plan is held as its loc says, in the file's order and in
    reverse; a wrong list name or column is not, whichever entries were checked before."""
    from iwgplan.files.yaml_loader import mark_shift

    text = generate(300, seed=5)
    spans: dict[int, Any] = {}
    checked = check_text(text, "plan", spans=spans)
    flat = item_spans(checked.data, spans, text)
    shift = mark_shift(text)
    entries = []
    for key, start, col in zip(flat["keys"].split("\n"), flat["starts"], flat["cols"], strict=True):
        loc = tuple(int(part) if part.isdigit() else part for part in key.split("/"))
        entries.append((start + shift, col, loc))
    assert any(loc[-2] == "children" for _, _, loc in entries)
    for order in (entries, entries[::-1]):
        clean: dict[Any, Any] = {}
        for first, col, loc in order:
            assert warm._held_at(text, first, col, loc)
            assert warm._held_at(text, first, col, loc, clean)
            other = (*loc[:-2], "children" if loc[-2] != "children" else "action_points", loc[-1])
            for wrong in ((first, col + 2, loc), (first, col, other)):
                assert not warm._held_at(text, *wrong)
                assert not warm._held_at(text, *wrong, clean)
    # an entry past a line at the key's column is not held by the key before that line, even
    # when an entry before that line was
    text = "a:\n  action_points:\n    - id: p\n      t: 1\n  other: 2\n    - id: q\n"
    p, q = text.index("id: p"), text.index("id: q")
    clean = {}
    assert warm._held_at(text, p, 2, ("a", "action_points", 0), clean)
    assert not warm._held_at(text, q, 2, ("a", "action_points", 1), clean)
    assert not warm._held_at(text, q, 2, ("a", "action_points", 1))
