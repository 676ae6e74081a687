"""A year of meetings kept from the CLI in a git repository: three meetings, a thematic session
requested and then held, a Secretariat update requested, progress recorded between meetings. The
agenda before each meeting lists exactly what happened since the one before and what falls due
before the next; `status --since last-meeting` says the same; the Word agenda reads back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SHIPPED, TODAY

if TODAY < date(2026, 7, 1):  # pragma: no cover - the meetings are dated back from today
    pytest.skip("the scenario needs a today a year after the plan's start", allow_module_level=True)

M1, M2, M3 = (TODAY - timedelta(days=n) for n in (300, 200, 100))
D0 = M1 - timedelta(days=60)


def _d(day: date, days: int = 0) -> str:
    return (day + timedelta(days=days)).isoformat()


class Repo:
    def __init__(self, root: Path, cli: Any) -> None:
        (root / "plans").mkdir(parents=True)
        self.root, self.cli = root, cli
        self.plan = root / "plans" / "workplan.yaml"
        shutil.copyfile(SHIPPED, self.plan)
        self.git("init", "-q", "-b", "main")
        self.commit(_d(D0), "the plan")

    def git(self, *args: str, day: str | None = None) -> None:
        env = {**os.environ}
        if day:
            env |= {"GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00"}
        env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t"}
        env |= {"GIT_COMMITTER_EMAIL": "t@e"}
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr

    def commit(self, day: str, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message, day=day)

    def run(self, *args: str) -> str:
        done = self.cli(*args, "--plan", self.plan)
        assert done.code == 0, (args, done.out, done.err)
        return str(done.out)

    def agenda(self, as_of: str, *more: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.run("agenda", "--as-of", as_of, "--format", "json", *more))
        return data


def _item(agenda: dict[str, Any], kind: str, source: str | None = None) -> dict[str, Any]:
    found = [i for i in agenda["items"] if i["kind"] == kind and source in (None, i["source"])]
    assert len(found) == 1, (kind, [i["title"] for i in agenda["items"]])
    return found[0]


def _sections(item: dict[str, Any]) -> dict[str, list[str]]:
    return {s["heading"]: [p["id"] for p in s["points"]] or s["lines"] for s in item["sections"]}


MC14_END = date(2026, 3, 29)  # the shipped plan's two items due at MC14 (inferred)


def _due(first: date, until: date, mine: str, *, done: tuple[str, ...] = ()) -> list[str]:
    """What falls due in [first, until): one deliverable of the test's, and MC14's when it falls in."""
    mc14 = [i for i in ("joint-statement", "compendium-2020") if i not in done]
    return [*mc14, mine] if first <= MC14_END < until else [mine]


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def repo(tmp_path: Path, cli: Any) -> Repo:
    return Repo(tmp_path / "repo", cli)


def test_a_year_of_meetings(repo: Repo) -> None:
    r = repo
    for day, kind in ((M1, "regular"), (M2, "thematic"), (M3, "regular")):
        r.run("meeting", "add", "--date", _d(day), "--kind", kind)
    r.run(
        "request",
        "add",
        "--kind",
        "thematic-session",
        "--subject",
        "Financial inclusion of women-led MSMEs",
        "--by",
        "Canada",
        "--by",
        "Kenya",
        "--item",
        "msme-toolkit",
        "--id",
        "msme-req",
        "--date",
        _d(D0),
    )
    r.run(
        "add",
        "--under",
        "data",
        "--id",
        "due-first",
        "--title",
        "A deliverable due before M2",
        "--due",
        _d(M2, -10),
        "--date",
        _d(D0),
    )
    r.run(
        "add",
        "--under",
        "data",
        "--id",
        "due-second",
        "--title",
        "A deliverable due before M3",
        "--due",
        _d(M3, -10),
        "--date",
        _d(D0),
    )
    r.commit(_d(D0), "meetings, a request, two deliverables")

    # Before the first meeting: the request waits; what falls due before M2 is due-first.
    first = r.agenda(_d(M1, -3))
    assert (first["meeting_id"], first["following"]["id"]) == (f"iwg-{M1}", f"iwg-{M2}")
    report = _item(first, "progress-report")
    assert _sections(report)[f"Falls due before the meeting of {_long(M2)}"] == _due(M1, M2, "due-first")
    waiting = _item(first, "thematic-session", "inferred")
    assert _sections(waiting)["Requested, not yet on an agenda"] == [
        f"by Canada, Kenya on {_long(D0)}: Financial inclusion of women-led MSMEs"
    ]
    assert [i["title"] for i in first["items"]][0] == "Adoption of the agenda"

    # The meeting is held; its progress report is recorded with its outcome.
    r.run(
        "meeting",
        "item",
        "add",
        f"iwg-{M1}",
        "--kind",
        "progress-report",
        "--title",
        "Report by the Co-Chairs",
        "--speaker",
        "A Co-Chair | Ambassador | Cabo Verde",
    )
    r.run("meeting", "outcome", f"iwg-{M1}", "1", "--text", "Members took note.", "--date", _d(M1))
    r.commit(_d(M1), "M1 held")

    # Between M1 and M2: one done, one started; a Secretariat update requested; the session scheduled.
    r.run("done", "joint-statement", "--date", _d(M1, 10))
    r.run("start", "msme-toolkit", "--date", _d(M1, 10))
    r.run(
        "request",
        "add",
        "--kind",
        "secretariat-update",
        "--subject",
        "Data work",
        "--by",
        "Chile",
        "--id",
        "data-req",
        "--date",
        _d(M1, 10),
    )
    r.run(
        "meeting",
        "item",
        "add",
        f"iwg-{M2}",
        "--title",
        "Thematic session: MSMEs",
        "--request",
        "msme",
        "--question",
        "What should the toolkit cover first?",
        "--speaker",
        "Ms B | Chief | ITC",
    )
    r.commit(_d(M1, 10), "progress and a session")

    second = r.agenda(_d(M2, -1))
    assert (second["meeting_id"], second["previous"]["id"]) == (f"iwg-{M2}", f"iwg-{M1}")
    since = f"since the meeting of {_long(M1)}"
    late = sorted(
        [(M2 - timedelta(days=10), "due-first")] + [(MC14_END, "compendium-2020")] * (MC14_END < M2)
    )
    assert _sections(_item(second, "progress-report")) == {
        f"Done {since}": ["joint-statement"],
        f"Overdue at the meeting of {_long(M2)}": [ident for _, ident in late],
        f"Started {since}": ["msme-toolkit"],
        f"Falls due before the meeting of {_long(M3)}": _due(M2, M3, "due-second", done=("joint-statement",)),
    }
    session = _item(second, "thematic-session")
    assert session["source"] == "recorded" and [p["id"] for p in session["concerns"]] == ["msme-toolkit"]
    assert session["questions"] == ["What should the toolkit cover first?"]
    assert session["speakers"] == [{"name": "Ms B", "title": "Chief", "organisation": "ITC"}]
    update = _item(second, "secretariat-update", "inferred")
    asked = _long(M1 + timedelta(days=10))
    assert _sections(update)["Requested, not yet on an agenda"] == [f"by Chile on {asked}: Data work"]
    # status --since last-meeting on the same day says the same
    status = json.loads(r.run("status", "--as-of", _d(M2, -1), "--since", "last-meeting", "--format", "json"))
    block = status["since"]
    assert block["label"] == f"the meeting of {_long(M1)} (iwg-{M1})"
    assert [m["id"] for m in block["done"]] == ["joint-statement"]
    assert [m["id"] for m in block["started"]] == ["msme-toolkit"]
    assert not any(block[k] for k in ("blocked", "dropped", "reopened", "added", "removed", "slipped"))

    # M2 held: the session's outcome; then a block and a slip before M3.
    r.run(
        "meeting", "outcome", f"iwg-{M2}", "thematic", "--text", "A toolkit outline by M3.", "--date", _d(M2)
    )
    r.commit(_d(M2), "M2 held")
    r.run("block", "msme-toolkit", "--reason", "waiting for data", "--date", _d(M2, 5))
    r.run("modify", "due-second", "--due", _d(M3, 30), "--reason", "more time", "--date", _d(M2, 5))
    r.commit(_d(M2, 5), "a block and a slip")

    third = r.agenda(_d(M3, -1))
    since = f"since the meeting of {_long(M2)}"
    sections = _sections(_item(third, "progress-report"))
    assert sections.pop(f"Blocked {since}") == ["msme-toolkit"]
    assert sections.pop(f"Slipped {since}") == ["due-second"]
    # no meeting after M3: 120 days ahead; overdue at M3: what fell due before it and is open
    assert sections.pop(f"Falls due by {_d(M3, 120)}") == ["due-second"]
    assert set(sections) <= {f"Overdue at the meeting of {_long(M3)}"}
    assert not [i for i in third["items"] if i["kind"] == "thematic-session"]  # held at M2
    assert _item(third, "secretariat-update")["source"] == "inferred"  # still waiting
    assert r.run("validate").startswith(str(r.plan))


def test_log_since_a_meeting_lists_the_commits_status_counts(repo: Repo) -> None:
    """`log --since last-meeting` and `--since MEETING_ID` start on the meeting's day, as `status`
    does; a meeting's id is found in any case; the notes name the meeting."""
    r = repo
    for day in (M1, M2):
        r.run("meeting", "add", "--date", _d(day))
    r.commit(_d(D0, 1), "two meetings")
    r.run("done", "joint-statement", "--date", _d(M1, 5))
    r.commit(_d(M1, 5), "after M1")
    r.run("start", "msme-toolkit", "--date", _d(M2, 5))
    r.commit(_d(M2, 5), "after M2")

    def log(since: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(r.run("log", "--since", since, "--format", "json"))
        return data

    last = log("last-meeting")
    assert [c["subject"] for c in last["commits"]] == ["after M2"]
    assert last["notes"] == [f"since the meeting of {_long(M2)} (iwg-{M2}): from {M2}"]
    first = log(f"IWG-{M1}")
    assert [c["subject"] for c in first["commits"]] == ["after M2", "after M1"]
    assert log(_d(M1)) == {**first, "notes": []}  # the same window as the meeting's day
    status = json.loads(r.run("status", "--since", f"iwg-{M1}", "--format", "json"))["since"]
    assert [m["id"] for m in status["done"]] == ["joint-statement"]
    assert [m["id"] for m in status["started"]] == ["msme-toolkit"]
    text = r.run("log", "--since", "last-meeting")
    assert "after M2" in text and "after M1" not in text and f"the meeting of {_long(M2)}" in text


def test_the_word_agenda_reads_back(repo: Repo, tmp_path: Path) -> None:
    from docx import Document

    r = repo
    r.run("meeting", "add", "--date", _d(M2), "--theme", "Women and MSMEs", "--place", "WTO, Geneva")
    r.run(
        "meeting",
        "item",
        "add",
        f"iwg-{M2}",
        "--kind",
        "presentation",
        "--title",
        "The toolkit",
        "--question",
        "What first?",
        "--question",
        "Who helps?",
        "--speaker",
        "Ms B | Chief | ITC",
    )
    out = tmp_path / "agenda.docx"
    r.run("agenda", f"iwg-{M2}", "--as-of", _d(M2, -1), "--format", "docx", "-o", str(out))
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [
        "1. Adoption of the agenda",
        "2. Report by the Co-Chairs on the implementation of the Work Plan",
        "3. The toolkit",
        "4. Other business",
        "Notes on this draft",
    ]
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    at = texts.index(("Heading 2", "3. The toolkit"))
    assert ("List Number", "What first?") in texts[at:] and ("List Number", "Who helps?") in texts[at:]
    assert ("List Bullet", "Ms B, Chief, ITC") in texts[at:]
    assert document.core_properties.title == f"Annotated agenda: IWG meeting of {_long(M2)}"
    assert texts[0] == ("Normal", "DRAFT")


@pytest.mark.slow
def test_libreoffice_converts_the_word_agenda(repo: Repo, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("no soffice on PATH: .ci/run installs Debian's libreoffice-writer-nogui where apt exists")
    r = repo
    r.run("meeting", "add", "--date", _d(M2))
    r.run(
        "meeting",
        "item",
        "add",
        f"iwg-{M2}",
        "--kind",
        "presentation",
        "--title",
        "The toolkit",
        "--speaker",
        "Ms B | Chief | ITC",
    )
    out = tmp_path / "agenda.docx"
    r.run("agenda", f"iwg-{M2}", "--as-of", _d(M2, -1), "--format", "docx", "-o", str(out))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path / "txt"), str(out)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    text = (tmp_path / "txt" / "agenda.txt").read_text(encoding="utf-8-sig")
    assert "3. The toolkit" in text and "Ms B, Chief, ITC" in text
