"""Every style an item may be written in, and the edits that meet it (issue 29): each item `a`
is edited between the items z and b, in every line ending (tests/test_edit_entries.py,
tests/test_edit_warm.py)."""

from __future__ import annotations

from tests.helpers import item_styles

HEAD = item_styles.HEAD.replace("schema_version: 1", "schema_version: 2", 1)
BEFORE = "          - id: z\n            title: Z\n            status: planned\n"
AFTER = item_styles.NEXT
A = "            title: A\n"
KIDS = (
    "            children:\n"
    "              - id: a1\n                title: A1\n                status: planned\n"
    "              - id: a2\n                title: A2\n                status: in-progress\n"
)

# The item `a` in every style the splicer meets; each is edited between the items z and b.
STYLES = {
    "plain": "          - id: a\n" + A + "            status: planned\n",
    "quoted values": "          - id: 'a'\n            title: \"A: quoted\"\n            status: 'planned'\n",
    "dash on its own line": "          -\n            id: a\n" + A + "            status: planned\n",
    "dash then a tab": "          -\tid: a\n" + A + "            status: planned\n",
    "wide dash gap": "          -   id: a\n              title: A\n              status: planned\n",
    "flow mapping": "          - {id: a, title: A, status: planned}\n",
    "with sub-points": "          - id: a\n" + A + "            status: planned\n" + KIDS,
    "sub-point last in the file": "          - id: a\n" + A + "            status: in-progress\n" + KIDS,
    "history block": "          - id: a\n" + A + "            status: in-progress\n            history:\n"
    "              - date: 2025-10-01\n                note: begun\n",
    "history flow": "          - id: a\n" + A + "            status: planned\n"
    "            history: [{date: 2025-10-01, note: x},]\n",
    "owners block list": "          - id: a\n" + A + "            status: planned\n            owners:\n"
    "              - IWG\n              - 'ITC'\n",
    "owners flow": "          - id: a\n"
    + A
    + '            status: planned\n            owners: [IWG, "ITC"]\n',
    "block scalar last (clip)": "          - id: a\n" + A + "            status: planned\n"
    "            description: |\n              one\n\n              two\n",
    "block scalar last (keep)": "          - id: a\n" + A + "            status: planned\n"
    "            description: |+\n              kept\n\n",
    "block scalar last (keep, indented)": "          - id: a\n" + A + "            status: planned\n"
    "            description: >2+\n              kept\n",
    "plain scalar over two lines": "          - id: a\n            title: A long\n              title\n"
    "            status: planned\n",
    "comment deeper after it": "          - id: a\n" + A + "            status: planned\n"
    "                # a deep comment\n",
    "comment at column 0 inside": "          - id: a\n# a comment at column 0\n"
    + A
    + "            status: planned\n",
    "completed on the dash line": "          - completed: 2025-12-01\n            id: a\n"
    + A
    + "            status: done\n",
    "done with completed last": "          - id: a\n"
    + A
    + "            status: done\n            completed: 2025-12-01\n",
    "due last with a comment": "          - id: a\n" + A + "            status: planned  # so far\n"
    "            due: 2026-03  # the month\n",
    "a line that looks like a marker": "          - id: a\n" + A + "            status: planned\n"
    "            description: |\n              ---\n              ...\n",
    "non-ASCII and wide": "          - id: a\n            title: Côte d'Ivoire — 貿易と女性 🚀\n"
    "            status: planned\n",
}
COMMANDS = {
    "done": ["done", "a", "--date", "2026-01-02"],
    "done with children": ["done", "a", "--with-children", "--note", "all: done", "--date", "2026-01-02"],
    "done a and a sub-point": ["done", "a1", "a", "--with-children", "--date", "2026-01-02"],
    "note": ["note", "a", "hello # not a comment", "--date", "2026-01-02"],
    "reopen": ["reopen", "a", "--reason", "why", "--date", "2026-01-02"],
    "modify owners": ["modify", "a", "--owner", "+UNCTAD", "--owner", "-IWG", "--date", "2026-01-02"],
    "modify title": ["modify", "a", "--title", "New: title", "--date", "2026-01-02"],
    "amend the last entry": ["amend", "a", "--last", "--note", "fixed", "--date", "2025-10-01"],
    "add under it": ["add", "--under", "a", "--title", "A new sub-point", "--date", "2026-01-02"],
}
ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "bom": "\ufeff"}


def text(style: str, ending: str, *, last: bool = False) -> str:
    text = HEAD + BEFORE + STYLES[style] + ("" if last else AFTER)
    if ending == "\ufeff":
        return ending + text
    return text.replace("\n", ending)
