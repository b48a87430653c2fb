"""export csv: one row per contact, lists joined, and no cell a spreadsheet would run
as a formula (names and notes come from outside)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from peoplelinks.interop.csv_io import COLUMNS, safe_cell
from peoplelinks.service import PeopleLinks


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://evil\",\"click\")", "'=HYPERLINK(\"http://evil\",\"click\")"),
    ("+1 (312) 555-0142", "'+1 (312) 555-0142"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTAB", "'\tTAB"), ("\rCR", "'\rCR"), ("Ann Lee", "Ann Lee"), (None, ""),
    (["a@x.example", "b@x.example"], "a@x.example; b@x.example"), (12, "12")])
def test_safe_cell(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_export_csv_with_and_without_bom(app: PeopleLinks, tmp_path: Path) -> None:
    app.add_contact({"name": "=cmd|' /C calc'!A0", "company": "Acme",
                     "emails": ["ann@example.com", "ann2@example.com"], "tags": ["a", "b"],
                     "notes": "line one\nline two"})
    app.add_contact({"name": "José Muñoz"})
    gone = app.add_contact({"name": "In The Trash"})
    app.delete_contact(gone.id)
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert app.export_csv(plain) == 2
    app.export_csv(excel, bom=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.read_text(encoding="utf-8"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["emails"] == "ann@example.com; ann2@example.com"
    assert rows[0]["notes"] == "line one\nline two"  # quoted, kept whole
    assert rows[1]["name"] == "José Muñoz"
    assert [r["name"] for r in rows] == ["'=cmd|' /C calc'!A0", "José Muñoz"]
