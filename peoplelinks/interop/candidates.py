"""What an importer reads from a file, before the service matches it with the network.

Importers (LinkedIn, vCard, CSV) turn each row or card into a :class:`Candidate`:
the contact fields it gives, in the models' names, and where it came from so a
problem can be reported by row or card number. Rows that cannot be read at all
are :attr:`Parsed.skipped` with the reason; a file that is not what it claims
raises :class:`~peoplelinks.errors.InputError` naming the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peoplelinks.errors import InputError

# Longest file read whole; LinkedIn caps a network at 30,000 (about 5 MB).
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Candidate:
    """One person a file gives."""

    where: str  # "line 12", "card 3"
    fields: dict[str, Any]  # contact fields: name, company, emails, tags...
    uid: str = ""  # the file's own id for them (a vCard UID), if any


@dataclass
class Parsed:
    """Everything read from a file."""

    source: str  # "linkedin", "vcard", "google", "csv"
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def put_found(fields: dict[str, Any], *, emails: list[str], phones: list[str],
              tags: list[str], urls: list[str]) -> list[str]:
    """Set in ``fields`` the lists a card or row gave (only those it gave) and the
    profile URL — a LinkedIn address first, else the first; return the notes lines
    that keep the other URLs."""
    for name, values in (("emails", emails), ("phones", phones), ("tags", tags)):
        if values:
            fields[name] = values
    if not urls:
        return []
    linkedin = [u for u in urls if "linkedin.com/" in u.lower()]
    fields["profile_url"] = (linkedin or urls)[0]
    return [f"URL: {u}" for u in urls if u != fields["profile_url"]]


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row of the CSV ``text``; a row the csv module
    cannot read (a cell longer than it accepts, 128 KB) is an error naming the file
    and the line, with nothing imported: what follows it cannot be trusted."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"file: {name} cannot be read at line {reader.line_num}: "
                             f"{exc}", field="file") from None
        yield reader.line_num, row


def read_text(path: Path, what: str) -> str:
    """The text of ``path`` as UTF-8 (a byte-order mark dropped), or an error naming
    the file: missing, a folder, too large, binary, or not UTF-8 (``what`` says
    what the file should have been, for the message)."""
    try:
        if path.is_dir():
            raise InputError(f"file: {path} is a folder, not {what}", field="file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file: {path} is {size // (1024 * 1024)} MB, larger than any "
                             f"{what}", field="file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"file: {path} does not exist", field="file") from None
    except PermissionError:
        raise InputError(f"file: {path} cannot be read (permission denied)",
                         field="file") from None
    except IsADirectoryError:
        raise InputError(f"file: {path} is a folder, not {what}", field="file") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"file: {path} is a binary file, not {what}", field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"file: {path} is not UTF-8 text (line {line}); {what} is UTF-8",
                         field="file") from None
    return text


def looks_like(text: str) -> str:
    """What a file seems to be, for "not what it claims" messages."""
    head = text.lstrip()[:2000]
    if head.upper().startswith("BEGIN:VCARD"):
        return "a vCard file"
    if head.upper().startswith("BEGIN:VCALENDAR"):
        return "an iCalendar file"
    if head.startswith(("{", "[")):
        return "a JSON file"
    first = head.splitlines()[0] if head else ""
    if "E-mail 1 - Value" in head or "Given Name" in first:
        return "a Google Contacts CSV"
    if first.startswith("First Name,Last Name,URL") or "Connected On" in head:
        return "a LinkedIn connections export"
    return "something else"
