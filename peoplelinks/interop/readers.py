"""One way in for every file format that brings people: the importer for a kind of
file, imported only when that kind is read (each costs import time)."""

from __future__ import annotations

from pathlib import Path

from peoplelinks.interop.candidates import Parsed

KINDS = ("linkedin", "vcard", "google")


def read_people(kind: str, path: Path) -> Parsed:
    """The people in the file (or vCard folder) at ``path``, read as ``kind`` says."""
    if kind == "vcard":
        from peoplelinks.interop.vcard import read_vcards  # noqa: PLC0415

        return read_vcards(path)
    if kind == "google":
        from peoplelinks.interop.csv_import import read_google  # noqa: PLC0415

        return read_google(path)
    if kind == "linkedin":
        from peoplelinks.interop.linkedin import read_linkedin  # noqa: PLC0415

        return read_linkedin(path)
    raise ValueError(f"no importer for {kind!r}")
