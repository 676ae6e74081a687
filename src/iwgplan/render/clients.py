"""The calendar programs `export --format ics --client` has a preset for: on their own, so that
the command's options (and `--help`) name them without loading the calendar writer."""

from __future__ import annotations

from enum import StrEnum


class Client(StrEnum):
    """Calendar programs with a preset: each imports events only, so to-dos become events."""

    outlook = "outlook"
    google = "google"
    apple = "apple"
