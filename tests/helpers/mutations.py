"""Text mutations for fuzzing a plan: a hypothesis strategy for one step, and the function that
applies a list of steps to a file's bytes (delete or duplicate lines, insert YAML's own
characters, any text or bytes, truncate, add a BOM)."""

from __future__ import annotations

from hypothesis import strategies as st

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 5)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000), st.integers(1, 3)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 10_000),
        st.sampled_from(
            [
                "\t",
                ":",
                ": ",
                '"',
                "'",
                "- ",
                "{",
                "[",
                "#",
                "\x00",
                "\ufeff",
                "&a ",
                "*a",
                "!!python/object:os.system ",
                "é",
                "\u2028",
                "\r",
                "---\n",
                "? ",
            ]
        ),
    ),
    st.tuples(st.just("unicode"), st.integers(0, 10_000), st.text(min_size=1, max_size=5)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
    st.tuples(st.just("bom"), st.just(0), st.just(0)),
    st.tuples(st.just("bytes"), st.integers(0, 10_000), st.binary(min_size=1, max_size=4)),
)


def mutate(data: bytes, steps: list[tuple[str, int, object]]) -> bytes:
    for kind, at, arg in steps:
        lines = data.split(b"\n")
        line = at % max(len(lines), 1)
        if kind == "delete":
            del lines[line : line + int(arg)]  # type: ignore[call-overload]
        elif kind == "duplicate":
            lines[line:line] = lines[line : line + int(arg)]  # type: ignore[call-overload]
        elif kind in ("insert", "unicode"):
            text = lines[line] if lines else b""
            col = at % (len(text) + 1)
            lines[line] = text[:col] + str(arg).encode("utf-8") + text[col:]
        elif kind == "bytes":
            pos = at % (len(data) + 1)
            data = data[:pos] + arg + data[pos:]  # type: ignore[operator]
            continue
        elif kind == "truncate":
            data = data[: at % (len(data) + 1)]
            continue
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + data
            continue
        data = b"\n".join(lines)
    return data
