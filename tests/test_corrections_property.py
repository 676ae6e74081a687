"""Property: random sequences of note, status changes and amend (backdated, in every history
style, LF and CRLF) keep the plan valid and every line outside the touched item byte-identical."""

from __future__ import annotations

import difflib
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwgplan.edit.corrections import Amendment, amend
from iwgplan.edit.progress import add_note, mark_done, reopen, set_status
from iwgplan.edit.splice import apply_changes
from iwgplan.errors import IwgplanError
from iwgplan.files.loading import load_text
from iwgplan.plan.status import Status
from tests.helpers.history_styles import STYLES, build

DAYS = [date(2025, 9, 15), date(2025, 10, 1), date(2025, 11, 20), date(2026, 1, 1), date(2026, 3, 3)]
TODAY = date(2026, 6, 30)


op = st.tuples(
    st.sampled_from(["note", "start", "block", "drop", "done", "reopen", "amend", "remove"]),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(DAYS),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["n", "a: b", "Côte d'Ivoire", "x # y", "[z]"]),
)


def _outcome(index, name: str, ident: str, on: date, n: int, text: str):  # type: ignore[no-untyped-def]
    if name == "note":
        return add_note(index, ident, on, text)
    if name in ("start", "block", "drop"):
        status = {"start": Status.IN_PROGRESS, "block": Status.BLOCKED, "drop": Status.DROPPED}[name]
        return set_status(index, ident, status, on, text)
    if name == "done":
        return mark_done(index, [ident], on, note=text, force=True)
    if name == "reopen":
        return reopen(index, ident, on, text, Status.PLANNED)
    count = len(index.get(ident).item.history)
    number = n % count + 1 if count else 1
    change = Amendment(remove=True) if name == "remove" else Amendment(date=on, note=text)
    return amend(index, ident, number, TODAY, change)


def _span(lines: list[str], ident: str) -> tuple[int, int]:
    first = lines.index(f"          - id: {ident}")
    return first, lines.index("          # between items", first)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    styles=st.lists(st.sampled_from(list(STYLES)), min_size=1, max_size=4),
    ops=st.lists(op, min_size=1, max_size=6),
    nl=st.sampled_from(["\n", "\r\n"]),
)
def test_sequences_touch_only_their_item(styles: list[str], ops, nl: str) -> None:  # type: ignore[no-untyped-def]
    text = build(styles, nl)
    for name, target, on, n, note in ops:
        ident = f"item-{target % len(styles)}"
        _, index = load_text(text, "gen.yaml")
        try:
            outcome = _outcome(index, name, ident, on, n, note)
        except IwgplanError:
            continue  # a refusal (say, a transition the table forbids) writes nothing
        if not outcome.changes:
            continue
        new = apply_changes(text, outcome.changes).text
        load_text(new, "gen.yaml")  # still a valid plan, history in date order
        old_lines, new_lines = text.split(nl), new.split(nl)
        first, last = _span(old_lines, ident)
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag != "equal":
                assert first < i1 and i2 <= last, (name, tag, i1, i2, first, last)
        assert new.count("\r\n") == (new.count("\n") if nl == "\r\n" else 0)
        text = new
