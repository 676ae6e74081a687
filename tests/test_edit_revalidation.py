"""The check of an edited plan validates again only what the edit changed (issue 29): the
entries it left as they were stand as the models validated before the edit, the containers on
the way to the change and the plan's rules over the whole plan run as ever. The same edits,
refusals included, write the same bytes, say the same words and exit with the same code as
with the whole plan validated again."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from iwgplan.edit import apply, splice
from iwgplan.edit.progress import Outcome
from iwgplan.errors import PlanInvalid
from tests.helpers import ROOT, SHIPPED

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402
from run import open_items  # noqa: E402

EDITS = [
    ["done", "{a}", "--date", "2026-06-01"],
    ["start", "{a}", "--date", "2026-06-01"],
    ["block", "{a}", "--reason", "waiting", "--date", "2026-06-01"],
    ["note", "{a}", "a note", "--date", "2026-06-01"],
    ["modify", "{a}", "--title", "A new title", "--date", "2026-06-01"],
    ["modify", "{a}", "--owner", "+UNCTAD", "--date", "2026-06-01"],
    ["done", "{a}", "{b}", "--date", "2026-06-01"],
    ["done", "{a}", "--date", "2019-01-01"],  # before the plan: refused
    ["reopen", "{a}", "--reason", "again", "--date", "2026-06-01"],  # nothing to change
    ["done", "{p}", "--with-children", "--date", "2026-06-01"],  # a point and its sub-points
]


def _plans(tmp_path: Path) -> dict[str, tuple[Path, str, str, str]]:
    generated = tmp_path / "generated.yaml"
    text = generate(400, seed=7, groups=5)
    generated.write_text(text, encoding="utf-8")
    shipped = tmp_path / "shipped.yaml"
    shipped.write_bytes(SHIPPED.read_bytes())
    a, b = open_items(text, 2)
    return {
        "shipped": (shipped, "joint-statement", "msme-toolkit", "tpr"),
        "generated": (generated, a, b, "i0"),
    }


def _run(cli, plan: Path, original: bytes, args: list[str]) -> tuple[int, str, str, bytes]:  # type: ignore[no-untyped-def]
    plan.write_bytes(original)
    run = cli(*args, "--plan", plan)
    return run.code, run.out, run.err, plan.read_bytes()


def test_edits_write_what_a_whole_validation_writes(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    reused: list[int] = []
    written = 0
    real = splice._with_models
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")  # the edit through the whole text (edit/warm.py aside)

    def spy(*args: Any) -> Any:
        mixed, n = real(*args)
        reused.append(n)
        return mixed, n

    for name, (plan, a, b, p) in _plans(tmp_path).items():
        original = plan.read_bytes()
        for edit in EDITS:
            args = [part.format(a=a, b=b, p=p) for part in edit]
            monkeypatch.setattr(splice, "_with_models", spy)
            partial = _run(cli, plan, original, args)
            monkeypatch.setattr(splice, "_with_models", lambda new, old, plan: (new, 0))
            whole = _run(cli, plan, original, args)
            assert partial == whole, (name, args)
            written += partial[0] == 0 and partial[3] != original
    assert written >= 16  # all but the refused ones
    assert reused and all(reused), "the check never reused a model"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"id": "i14"}, "duplicate id 'i14'"),  # the entry alone is valid; the plan is not
        ({"due": "no-such-milestone"}, "is neither a date nor a milestone id"),
        ({"status": "done"}, "no 'completed' date"),
        ({"status": "finished"}, "Input should be"),  # the entry itself is invalid
    ],
)
def test_an_edit_that_would_make_the_plan_invalid_is_refused_with_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str], words: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(generate(200, seed=7), encoding="utf-8")
    original = plan.read_bytes()
    monkeypatch.setenv("IWGPLAN_NO_CACHE", "1")  # the edit through the whole text (edit/warm.py aside)

    def make(index: Any) -> Outcome:
        return Outcome([splice.Change(loc=index.by_id["i5"].loc, set=change)])

    def refusal() -> str:
        with pytest.raises(PlanInvalid) as refused:
            apply.record(plan, make)
        assert plan.read_bytes() == original
        return "\n".join(f"{p.line}:{p.column}: {p.message}" for p in refused.value.result.problems)

    partial = refusal()
    monkeypatch.setattr(splice, "_with_models", lambda new, old, plan: (new, 0))
    assert refusal() == partial
    assert words in partial
