"""LinkedIn's connections export (``Connections.csv`` from "Get a copy of your data").

The file is UTF-8 with a byte-order mark and CRLF line ends; a few "Notes:" lines
come before the header row ``First Name,Last Name,URL,Email Address,Company,
Position,Connected On``; fields with commas are quoted; dates read like
``12 Mar 2024``; most emails are empty (people choose whether to share theirs).

Each row becomes a :class:`~peoplelinks.interop.candidates.Candidate`: the name,
the profile URL, the email if any, company, title, a level guessed from the
title, the tag ``linkedin`` and how you met ("LinkedIn connection since 12 Mar
2024"). The circle is the caller's to choose.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from peoplelinks.domain.levels import guess_level
from peoplelinks.errors import InputError
from peoplelinks.interop.candidates import Candidate, Parsed, looks_like, read_text

WHAT = "a LinkedIn connections export (Connections.csv)"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
           "Connected On")
TAG = "linkedin"
# LinkedIn has written dates these ways over the years.
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y", "%b %d, %Y")


def connected_on(text: str) -> date | None:
    """The date of a "Connected On" cell, or None when it reads as none of the forms."""
    text = " ".join(text.split())
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _header(row: list[str]) -> dict[str, int] | None:
    """Column positions when ``row`` is the header row (it names at least the names
    and the profile URL), else None."""
    cells = [cell.strip().lstrip("\ufeff") for cell in row]
    if "First Name" not in cells or "Last Name" not in cells or "URL" not in cells:
        return None
    return {name: cells.index(name) for name in COLUMNS if name in cells}


def parse_linkedin(text: str, name: str = "the file") -> Parsed:
    """Read the connections in ``text``; raise InputError when it has no header row."""
    parsed = Parsed(source=TAG)
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: dict[str, int] | None = None
    for row in reader:
        if columns is None:
            columns = _header(row)
            continue
        where = f"line {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str, row: list[str] = row, columns: dict[str, int] = columns) -> str:
            at = columns.get(column)
            return row[at].strip() if at is not None and at < len(row) else ""

        full = " ".join(f"{cell('First Name')} {cell('Last Name')}".split())
        if not full:
            parsed.skipped.append((where, "no first or last name"))
            continue
        title = cell("Position")
        fields: dict[str, object] = {
            "name": full, "company": cell("Company"), "title": title,
            "level": guess_level(title), "profile_url": cell("URL"), "tags": [TAG]}
        email = cell("Email Address")
        if email:
            fields["emails"] = [email]
        since = connected_on(cell("Connected On"))
        fields["how_met"] = (f"LinkedIn connection since {since.day} {since:%b %Y}"
                             if since else "LinkedIn connection")
        parsed.candidates.append(Candidate(where, fields))
    if columns is None:
        raise InputError(f"file: {name} is not {WHAT}: it has no header row "
                         f"“{','.join(COLUMNS[:3])},…” (it looks like {looks_like(text)})",
                         field="file")
    return parsed


def read_linkedin(path: Path) -> Parsed:
    """Read LinkedIn's Connections.csv at ``path`` (see the module)."""
    return parse_linkedin(read_text(path, WHAT), str(path))
