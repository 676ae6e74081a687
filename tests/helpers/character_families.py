"""Families of characters that must never reach a reader raw: the C0 and C1 controls (C1 here
with DEL), the bidi controls, and every character that draws nothing."""

from __future__ import annotations

import unicodedata

C0 = [chr(c) for c in range(0x20)]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]]


# Characters that draw nothing (#30 item 17): every format character (Cf) and the default-ignorable
# fillers, joiners, variation selectors and tags; and the code points JSON output escapes (item 11).
NAMED_INVISIBLE = [0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180E, 0x200B, 0x200C,
                   0x200D, 0x2060, 0x2061, 0x2064, 0x2800, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFFA0,
                   0xE0000, 0xE0001, 0xE0041, 0xE007F, 0xE0100, 0xE01EF]  # fmt: skip


def invisible_family() -> list[str]:
    """Every assigned format character, every named filler, and all tags and variation selectors."""
    codes = {c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    codes |= {*NAMED_INVISIBLE, *range(0xE0000, 0xE0080), *range(0xE0100, 0xE01F0), *range(0xFE00, 0xFE10)}
    return [chr(c) for c in sorted(codes)]


INVISIBLE = invisible_family()
