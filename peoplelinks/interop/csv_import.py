"""People from CSV files: Google Contacts' export, and any CSV with a column map.

**Google Contacts** writes one of two headers: today's (``First Name, Middle
Name, Last Name, … Labels, E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Value,
… Organization Name, Organization Title, … Website 1 - Value``) and the older one
(``Name, Given Name, Additional Name, Family Name, … Group Membership, E-mail 1 -
Type, E-mail 1 - Value, … Organization 1 - Name, Organization 1 - Title``). Both
are read; a cell holding several values separates them with `` ::: ``; labels
(groups) become tags, without Google's own "* myContacts"; what has no field here
(nickname, birthday, addresses) is kept in the notes.

**Any other CSV**: each column goes to the field its header names (``name``,
``company``, ``email``...), or to the one ``--map COLUMN=FIELD`` says;
:func:`mapping_for` shows which before anything is imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from peoplelinks.domain.levels import guess_level
from peoplelinks.errors import InputError
from peoplelinks.interop.candidates import (
    Candidate,
    Parsed,
    csv_rows,
    looks_like,
    put_found,
    read_text,
)

GOOGLE = "google"
GENERIC = "csv"
_MULTI = " ::: "
# The fields a generic CSV column can go to, and the header words that name them.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact"),
    "first_name": ("first name", "given name", "first"),
    "last_name": ("last name", "family name", "surname", "last"),
    "company": ("company", "organization", "organisation", "employer", "org"),
    "title": ("title", "job title", "position", "role"),
    "emails": ("email", "emails", "e-mail", "email address", "mail"),
    "phones": ("phone", "phones", "telephone", "mobile", "phone number", "tel"),
    "profile_url": ("profile_url", "url", "linkedin", "profile", "website", "linkedin url"),
    "tags": ("tags", "labels", "groups", "categories"),
    "how_met": ("how_met", "how met", "met"),
    "notes": ("notes", "note", "comments"),
}


def _rows(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line number, cells) of each row with anything in it."""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, row in csv_rows(text, name):
        if header is None:
            if any(cell.strip() for cell in row):
                header = [cell.strip().lstrip("\ufeff") for cell in row]
            continue
        if any(cell.strip() for cell in row):
            rows.append((line, row))
    return header or [], rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(_MULTI) if part.strip()]


def is_google(header: list[str]) -> bool:
    """True for either header Google Contacts writes."""
    names = set(header)
    return "E-mail 1 - Value" in names and bool(
        {"First Name", "Given Name", "Name"} & names)


def parse_google(text: str, name: str = "the file") -> Parsed:
    """Read a Google Contacts CSV (either header); InputError when it is not one."""
    header, rows = _rows(text, name)
    if not is_google(header):
        raise InputError(f"file: {name} is not a Google Contacts CSV: no \"E-mail 1 - "
                         f"Value\" column (it looks like {looks_like(text)})", field="file")
    at = {column: i for i, column in enumerate(header)}
    parsed = Parsed(source=GOOGLE)
    for line, row in rows:
        def cell(column: str, row: list[str] = row) -> str:
            i = at.get(column)
            return row[i].strip() if i is not None and i < len(row) else ""

        full = cell("Name") or " ".join(
            part for part in (cell("First Name") or cell("Given Name"),
                              cell("Middle Name") or cell("Additional Name"),
                              cell("Last Name") or cell("Family Name")) if part)
        full = " ".join(full.split()) or cell("Organization Name") or \
            cell("Organization 1 - Name")
        if not full:
            parsed.skipped.append((f"line {line}", "no name"))
            continue
        fields: dict[str, object] = {"name": full}
        company = cell("Organization Name") or cell("Organization 1 - Name")
        title = cell("Organization Title") or cell("Organization 1 - Title")
        if company:
            fields["company"] = company
        if title:
            fields["title"] = title
            fields["level"] = guess_level(title)
        emails = [v for column in header if re.fullmatch(r"E-mail \d+ - Value", column)
                  for v in _split(cell(column))]
        phones = [v for column in header if re.fullmatch(r"Phone \d+ - Value", column)
                  for v in _split(cell(column))]
        sites = [v for column in header if re.fullmatch(r"Website \d+ - Value", column)
                 for v in _split(cell(column))]
        labels = _split(cell("Labels") or cell("Group Membership"))
        tags = [label.lstrip("* ").strip() for label in labels
                if label.lstrip("* ").strip().casefold() not in ("mycontacts", "starred")]
        extra = put_found(fields, emails=emails, phones=phones, tags=tags, urls=sites)
        for column, label in (("Nickname", "Nickname"), ("Birthday", "Birthday"),
                              ("Organization Department", "Department"),
                              ("Organization 1 - Department", "Department")):
            if cell(column):
                extra.append(f"{label}: {cell(column)}")
        for column in header:
            if re.fullmatch(r"Address \d+ - Formatted", column) and cell(column):
                extra.append("Address: " + " ".join(cell(column).split()))
        notes = cell("Notes")
        if extra:
            notes = f"{notes}\n\n" + "\n".join(extra) if notes else "\n".join(extra)
        if notes:
            fields["notes"] = notes
        parsed.candidates.append(Candidate(f"line {line}", fields))
    return parsed


def parse_map(pairs: list[str]) -> dict[str, str]:
    """``COLUMN=FIELD`` pairs (``--map``, or typed in the import screen) as a dict;
    an error names a malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise InputError(f"map: {pair!r} is not COLUMN=FIELD", field="map")
        out[column.strip()] = field.strip()
    return out


def mapping_for(header: list[str], given: Mapping[str, str]) -> dict[str, str]:
    """Column -> field for a generic CSV: ``given`` first (``--map COLUMN=FIELD``), then
    each column whose header names a field. Columns that go nowhere are left out."""
    out: dict[str, str] = {}
    columns = {column.casefold(): column for column in header}
    for column, field in given.items():
        if field not in FIELDS:
            raise InputError(f"map: {field!r} is not a field to import into (one of "
                             f"{', '.join(FIELDS)})", field="map")
        if column.casefold() not in columns:
            raise InputError(f"map: the file has no column {column!r} (its columns: "
                             f"{', '.join(header)})", field="map")
        out[columns[column.casefold()]] = field
    taken = set(out.values())
    for column in header:
        if column in out:
            continue
        words = column.casefold().strip()
        for field, names in FIELDS.items():
            if words in names and (field not in taken or field in ("emails", "phones",
                                                                   "tags", "notes")):
                out[column] = field
                taken.add(field)
                break
    return out


def parse_generic(text: str, name: str, given: Mapping[str, str]) -> tuple[Parsed,
                                                                            dict[str, str]]:
    """Read a CSV by its columns' map (see :func:`mapping_for`); also return the map."""
    header, rows = _rows(text, name)
    if not header:
        raise InputError(f"file: {name} has no header row (a CSV needs one)", field="file")
    mapping = mapping_for(header, given)
    targets = set(mapping.values())
    if not targets & {"name", "first_name", "last_name"}:
        raise InputError(f"file: {name}: no column for the name (columns: "
                         f"{', '.join(header)}); say which with --map COLUMN=name",
                         field="map")
    parsed = Parsed(source=GENERIC)
    at = {column: i for i, column in enumerate(header)}
    for line, row in rows:
        fields: dict[str, object] = {}
        lists: dict[str, list[str]] = {}
        notes: list[str] = []
        for column, field in mapping.items():
            i = at[column]
            value = row[i].strip() if i < len(row) else ""
            if not value:
                continue
            if field in ("emails", "phones", "tags"):
                lists.setdefault(field, []).extend(
                    v.strip() for v in re.split(r"[;,]| ::: ", value) if v.strip())
            elif field == "notes":
                notes.append(value)
            else:
                fields.setdefault(field, value)
        first, last = fields.pop("first_name", ""), fields.pop("last_name", "")
        if not fields.get("name"):
            fields["name"] = " ".join(f"{first} {last}".split())
        if not fields["name"]:
            parsed.skipped.append((f"line {line}", "no name"))
            continue
        fields.update(lists)
        if notes:
            fields["notes"] = "\n".join(notes)
        if fields.get("title"):
            fields["level"] = guess_level(str(fields["title"]))
        parsed.candidates.append(Candidate(f"line {line}", fields))
    return parsed, mapping


def read_google(path: Path) -> Parsed:
    """Read a Google Contacts CSV at ``path``."""
    return parse_google(read_text(path, "a Google Contacts CSV"), str(path))


def read_generic(path: Path, given: Mapping[str, str]) -> tuple[Parsed, dict[str, str]]:
    """Read any CSV at ``path`` by its columns' map."""
    return parse_generic(read_text(path, "a CSV file"), str(path), given)
