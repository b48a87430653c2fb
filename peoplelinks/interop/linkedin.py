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

from datetime import date, datetime
from pathlib import Path

from peoplelinks.domain.levels import guess_level
from peoplelinks.errors import InputError
from peoplelinks.interop.candidates import Candidate, Parsed, csv_rows, looks_like, read_text

WHAT = "a LinkedIn connections export (Connections.csv)"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
           "Connected On")
TAG = "linkedin"
# LinkedIn has written dates these ways over the years.
_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y", "%b %d, %Y")


_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul",
                                        "aug", "sep", "oct", "nov", "dec"), start=1)}


def connected_on(text: str) -> date | None:
    """The date of a "Connected On" cell, or None when it reads as none of the forms."""
    parts = text.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        month = _MONTHS.get(parts[1][:3].lower())  # "12 Mar 2024", the usual form: fast
        if month is not None:
            try:
                return date(int(parts[2]), month, int(parts[0]))
            except ValueError:
                return None
    text = " ".join(parts)
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
    columns: dict[str, int] | None = None
    for line, row in csv_rows(text, name):
        if columns is None:
            columns = _header(row)
            if columns is not None:
                at = [columns.get(column, -1) for column in COLUMNS]
            continue
        if not any(row):
            continue
        first, last, url, email, company, title, since_text = (
            row[i].strip() if 0 <= i < len(row) else "" for i in at)
        full = " ".join(f"{first} {last}".split())
        if not full:
            parsed.skipped.append((f"line {line}", "no first or last name"))
            continue
        fields: dict[str, object] = {
            "name": full, "company": company, "title": title, "level": guess_level(title),
            "profile_url": url, "tags": [TAG]}
        if email:
            fields["emails"] = [email]
        since = connected_on(since_text)
        fields["how_met"] = (f"LinkedIn connection since {since.day} {since:%b %Y}"
                             if since else "LinkedIn connection")
        parsed.candidates.append(Candidate(f"line {line}", fields))
    if columns is None:
        raise InputError(f"file: {name} is not {WHAT}: it has no header row "
                         f"“{','.join(COLUMNS[:3])},…” (it looks like {looks_like(text)})",
                         field="file")
    return parsed


def read_linkedin(path: Path) -> Parsed:
    """Read LinkedIn's Connections.csv at ``path`` (see the module)."""
    return parse_linkedin(read_text(path, WHAT), str(path))
