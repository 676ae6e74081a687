"""A copy of the shipped plan with a year of progress recorded through the CLI, as a team keeps
it: items started, done, blocked, noted, added with dates of their own, due dates moved."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.helpers import SHIPPED

# (command, arguments...): each run as `iwgplan COMMAND ARGS --plan PLAN --future`, in order
YEAR: list[tuple[str, ...]] = [
    ("start", "committees", "--date", "2025-10-02"),
    ("start", "joint-statement", "--date", "2025-10-15"),
    ("note", "sec-support", "Two informal meetings organised", "--date", "2025-11-20"),
    (
        "add",
        "--id",
        "ws-ecommerce",
        "--under",
        "data",
        "--title",
        "Data workshop on women in cross-border e-commerce, with ITC",
        "--due",
        "2026-02-27",
        "--owner",
        "WTO Secretariat",
        "--date",
        "2025-11-03",
    ),
    (
        "add",
        "--id",
        "ws-services",
        "--under",
        "data",
        "--title",
        "Second data workshop on gender-disaggregated services trade",
        "--due",
        "2026-06-30",
        "--owner",
        "WTO Secretariat",
        "--date",
        "2025-11-03",
    ),
    (
        "add",
        "--id",
        "session-agri",
        "--under",
        "mainstreaming",
        "--title",
        "Joint thematic session with the Committee on Agriculture on women farmers' access to markets",
        "--due",
        "2026-06-30",
        "--owner",
        "IWG Co-Chairs",
        "--date",
        "2025-12-01",
    ),
    (
        "add",
        "--id",
        "session-ctd",
        "--under",
        "mainstreaming",
        "--title",
        "Joint thematic session with the Committee on Trade and"
        " Development on Aid for Trade and women entrepreneurs",
        "--due",
        "2026-06-30",
        "--owner",
        "IWG Co-Chairs",
        "--date",
        "2025-12-01",
    ),
    (
        "add",
        "--id",
        "survey-digital",
        "--under",
        "digitalisation",
        "--title",
        "Survey of Members' digital trade measures for women entrepreneurs, circulated as a room document",
        "--due",
        "2026-10",
        "--owner",
        "WTO Secretariat",
        "--date",
        "2026-01-12",
    ),
    (
        "add",
        "--id",
        "webinar-itu",
        "--under",
        "digitalisation",
        "--title",
        "Webinar with ITU on the gender digital divide",
        "--due",
        "2026-12-15",
        "--owner",
        "WTO Secretariat",
        "--date",
        "2026-01-12",
    ),
    (
        "add",
        "--id",
        "rta-stocktaking",
        "--under",
        "other-topics",
        "--title",
        "Stocktaking of gender provisions in regional trade agreements notified to the WTO",
        "--due",
        "2027-01-20",
        "--owner",
        "WTO Secretariat",
        "--date",
        "2026-01-12",
    ),
    (
        "add",
        "--id",
        "fta-exchange",
        "--under",
        "other-topics",
        "--title",
        "Exchange of experiences on gender chapters in free trade agreements",
        "--due",
        "2026-12-18",
        "--owner",
        "IWG",
        "--date",
        "2026-01-12",
    ),
    ("done", "ws-ecommerce", "--date", "2026-02-27", "--note", "Held with ITC; 40 participants"),
    ("done", "joint-statement", "--date", "2026-03-28", "--note", "Endorsed at MC14"),
    ("start", "compendium-2020", "--date", "2026-04-10"),
    (
        "block",
        "tpr-assessment",
        "--reason",
        "Waiting for the Secretariat's analysis of the TPR reports",
        "--date",
        "2026-05-04",
    ),
    ("note", "sec-analysis", "Note on gender in TPR reports circulated to Members", "--date", "2026-05-20"),
    (
        "modify",
        "ws-services",
        "--due",
        "2026-11-30",
        "--reason",
        "Postponed for the budget cycle",
        "--date",
        "2026-06-02",
    ),
    ("start", "survey-digital", "--date", "2026-07-01"),
    ("start", "hackathons", "--date", "2026-07-15"),
    ("note", "cochairs-reporting", "Reported to the IWG on 10 July", "--date", "2026-07-10"),
    ("block", "digital-partners", "--reason", "No partner found yet", "--date", "2026-09-15"),
    ("done", "session-agri", "--date", "2026-10-05"),
    ("note", "committees", "Session with the Committee on Agriculture held", "--date", "2026-10-05"),
]


def progressed(folder: Path, cli: Callable[..., object]) -> Path:
    """The shipped plan, copied into ``folder``/plans, with :data:`YEAR` recorded on it."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    plan = plans / SHIPPED.name
    shutil.copyfile(SHIPPED, plan)
    for step in YEAR:
        run = cli(*step, "--plan", plan, "--future")
        code = getattr(run, "code", 0)
        assert code == 0, (step, getattr(run, "err", ""))
    return plan
