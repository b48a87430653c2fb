"""Contacts as CSV, for spreadsheets (``export csv``).

One row per contact (those in the trash left out), one column per field; lists
(emails, phones, tags) are joined with "; ". Safe to open in a spreadsheet: a
cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would
be read as a formula, so it gets a leading apostrophe and shows as the text it
is (OWASP's advice for CSV injection). UTF-8, with a byte-order mark on request
(Excel needs it to read accents right).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from peoplelinks.domain.models import Contact

COLUMNS = ("id", "name", "company", "title", "level", "circle", "status", "employment",
           "emails", "phones", "profile_url", "tags", "how_met", "notes", "warning",
           "introduced_by", "last_contact", "next_contact", "created")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as a cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def contacts_csv(contacts: Iterable[Contact], *, last_contact: Callable[[int], date | None],
                 next_contact: Callable[[Contact], date | None], bom: bool = False) -> bytes:
    """The CSV file's bytes (CRLF line ends, as spreadsheets write them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact in contacts:
        row = contact.model_dump(mode="json")
        row["last_contact"] = last_contact(contact.id)
        row["next_contact"] = next_contact(contact)
        writer.writerow([safe_cell(row.get(column)) for column in COLUMNS])
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")
