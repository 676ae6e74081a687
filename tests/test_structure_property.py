"""Property: random sequences of add, modify, move, note and amend, on plans in every history and
list style with LF and CRLF, keep the plan valid and leave every line outside the touched items
byte-identical."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwgplan.edit.corrections import Amendment, amend
from iwgplan.edit.progress import add_note
from iwgplan.edit.splice import apply_changes
from iwgplan.edit.structure import Edits, NewItem, add, modify, move
from iwgplan.errors import IwgplanError
from iwgplan.files.loading import check_text, load_text
from iwgplan.plan.index import PlanIndex
from tests.helpers.history_styles import STYLES, build

TOP = re.compile(r"^          - id: (\S+)$")
DAY = date(2026, 2, 2)
NAMES = ["A", "Côte d'Ivoire", "x: y", "[z]", "IWG"]


def _spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level item's lines: from its dash line to the next top-level item (or the end)."""
    starts = [(i, m[1]) for i, line in enumerate(lines) if (m := TOP.match(line))]
    ends = [i for i, _ in starts[1:]] + [len(lines)]
    return {name: (i, end) for (i, name), end in zip(starts, ends, strict=True)}


BETWEEN = "          # between items"


def _outside(lines: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """The lines outside the spans; the comments between items may pass from one side of a moved
    item to the other, so they are counted apart."""
    return [line for i, line in enumerate(lines) if line != BETWEEN and not any(a <= i < b for a, b in spans)]


def _top(index: PlanIndex, ident: str) -> str:
    return index.get(ident).top.id


def _op(data, index: PlanIndex) -> tuple[object, set[str]] | None:  # type: ignore[no-untyped-def]
    """A random edit of the current plan, and the top-level items it may touch."""
    ids = [e.id for e in index.entries]
    top = [e.id for e in index.top_level()]
    kinds = [
        "add",
        "add-after",
        "add-under",
        "modify",
        "modify",
        "move",
        "move",
        "move",
        "note",
        "amend",
        "amend",
    ]
    kind = data.draw(st.sampled_from(kinds))
    pick = data.draw(st.sampled_from(ids))
    name = data.draw(st.sampled_from(NAMES))
    if kind == "add":
        return add(index, "f", NewItem(title=name, owners=[name]), DAY), {top[-1]}
    if kind == "add-after" and index.get(pick).parent is None:
        return add(index, "f", NewItem(title=name, due="2026-05"), DAY, after=pick), {pick}
    if kind in ("add", "add-after", "add-under"):
        return add(index, pick, NewItem(title=name, partners=[name, "B"]), DAY), {_top(index, pick)}
    if kind == "modify":
        sign = data.draw(st.sampled_from(["+", "-"]))
        have = index.get(pick).item.owners
        owners = [f"-{have[0]}" if sign == "-" and have else f"+{name}"]
        edits = Edits(title=f"{name} t", owners=owners, due="2026-07", reason="slips", number="9")
        return modify(index, pick, edits, DAY), {_top(index, pick)}
    if kind == "note":
        return add_note(index, pick, data.draw(st.sampled_from([date(2025, 9, 20), DAY])), name), {
            _top(index, pick)
        }
    if kind == "amend":
        count = len(index.get(pick).item.history)
        change = Amendment(date=date(2025, 11, 11), note=name) if count else None
        return (amend(index, pick, count, DAY, change), {_top(index, pick)}) if change else None
    target = data.draw(st.sampled_from(["f", *ids]))
    touched = {_top(index, pick), top[-1] if target == "f" else _top(index, target)}
    return ("move", pick, target), touched


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    styles=st.lists(st.sampled_from(list(STYLES)), min_size=2, max_size=4),
    nl=st.sampled_from(["\n", "\r\n"]),
    data=st.data(),
)
def test_sequences_keep_other_lines(styles: list[str], nl: str, data) -> None:  # type: ignore[no-untyped-def]
    text = build(styles, nl)
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        checked = check_text(text, "gen.yaml", keep_tree=True)
        assert checked.index is not None
        try:
            made = _op(data, checked.index)
            if made is None:
                continue
            outcome, touched = made
            if isinstance(outcome, tuple):
                _, pick, target = outcome
                outcome = move(checked.index, text, checked.root, checked.data, pick, target)
        except IwgplanError:
            continue  # refused (moving under itself, nothing to change ...): nothing written
        new = apply_changes(text, outcome.changes).text  # type: ignore[attr-defined]
        load_text(new, "gen.yaml")  # still a valid plan
        assert text.endswith(nl) and new.endswith(nl)
        old_lines, new_lines = text[: -len(nl)].split(nl), new[: -len(nl)].split(nl)
        old_spans, new_spans = _spans(old_lines), _spans(new_lines)
        # the touched items, and in the new text also the items that became top-level items
        fresh = touched | (set(new_spans) - set(old_spans))
        old_outside = _outside(old_lines, [old_spans[t] for t in touched])
        new_outside = _outside(new_lines, [new_spans[t] for t in fresh if t in new_spans])
        assert new_outside == old_outside, outcome.said  # type: ignore[attr-defined]
        assert new_lines.count(BETWEEN) == old_lines.count(BETWEEN)
        assert new.count("\r\n") == (new.count("\n") if nl == "\r\n" else 0)
        text = new
