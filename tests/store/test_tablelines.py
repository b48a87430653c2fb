"""The database file one table per line: written so, read a line at a time, and any
other layout read whole with the same result."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from peoplelinks.errors import DatabaseCorrupt
from peoplelinks.service import PeopleLinks
from peoplelinks.store import tablelines
from peoplelinks.store.storage import JournalStorage

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_values = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | _text,
                       lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_text, inner, max_size=3), max_leaves=8)
_tables = st.dictionaries(_text, st.dictionaries(_text, st.dictionaries(_text, _values,
                                                                        max_size=3),
                                                 max_size=3), min_size=1, max_size=4)


def _by_line(path: Path) -> Any:
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        crc, newlines = tablelines.scan(fd, size)
        assert crc == zlib.crc32(path.read_bytes())
        return tablelines.read_by_line(fd, size, newlines)
    finally:
        os.close(fd)


@settings(max_examples=150, deadline=None)
@given(tables=_tables, indent=st.sampled_from([None, 0, 1, 2]))
def test_any_json_is_read_by_line_as_it_is_read_whole_or_left_to_the_whole_read(
        tmp_path_factory: pytest.TempPathFactory, tables: dict[str, Any],
        indent: int | None) -> None:
    path = tmp_path_factory.mktemp("lines") / "db.json"
    path.write_bytes(b"".join(tablelines.table_lines(tables)))
    # Written a table per line (names and texts holding newlines stay on one line),
    # and read so: the same tables, in the same order.
    assert path.read_bytes().count(b"\n") == len(tables) - 1
    assert orjson.loads(path.read_bytes()) == tables
    by_line = _by_line(path)
    if len(tables) == 1:
        assert by_line is None  # one line: read whole
    else:
        assert by_line == tables and list(by_line) == list(tables)
    # Laid out another way (pretty-printed, as a person or another tool writes it):
    # the same tables, or None (then it is read whole).
    path.write_text(json.dumps(tables, indent=indent, ensure_ascii=False), encoding="utf-8")
    assert _by_line(path) in (None, tables)


@pytest.mark.parametrize("text", [
    b'{"a":{"1":{"x":[1,\n2]}}}',  # a comma at a line's end inside a list
    b'{"a":{"1":{"x":1},\n"2":{"y":2}}}',  # inside a table
    b'{"a":{},\n"a":{"1":{}}}',  # a table named twice: the last one
    b'{"a":{},\n}',  # a comma before the closing brace: not JSON
    b'{"a":{},\n\n"b":{}}',  # an empty line
    b'{"a":{},\r\n"b":{}}',
    b'{"a":{}}\n',
    b'\n{"a":{},\n"b":{}}',
])
def test_odd_layouts_read_by_line_only_when_that_reads_as_the_whole(
        tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(text)
    by_line = _by_line(path)
    try:
        whole = orjson.loads(text)
    except orjson.JSONDecodeError:
        whole = None
    assert by_line is None or by_line == whole


def test_the_database_file_is_written_a_table_per_line_and_read_back(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        ann = app.add_contact({"name": "Ann\nLine", "notes": "a\nb"})
        app.log([ann.id], notes="coffee")
    lines = db_path.read_bytes().split(b"\n")
    names = [orjson.loads(line.split(b":")[0].lstrip(b"{")) for line in lines]
    assert names == list(orjson.loads(db_path.read_bytes()))
    assert names[0] == "_meta" and {"contacts", "interactions", "changes"} <= set(names)
    assert TinyDB(db_path).table("contacts").get(doc_id=ann.id)["notes"] == "a\nb"
    storage = JournalStorage(db_path, read_only=True)
    assert storage.read() == orjson.loads(db_path.read_bytes())
    assert storage.file_crc == zlib.crc32(db_path.read_bytes())


def test_a_damaged_line_gets_the_whole_files_error(db_path: Path) -> None:
    with PeopleLinks.open(db_path) as app:
        app.add_contact({"name": "Ann"})
    text = db_path.read_bytes()
    db_path.write_bytes(text.replace(b'"contacts":{', b'"contacts":{{', 1))
    with pytest.raises(DatabaseCorrupt, match="is not valid JSON"):
        JournalStorage(db_path, read_only=True).read()
    db_path.write_bytes(text.replace(b'"contacts":{', b'"contacts":[', 1))
    with pytest.raises(DatabaseCorrupt, match="not valid JSON"):
        JournalStorage(db_path, read_only=True).read()
    db_path.write_bytes(text.replace(b'"contacts":{"1":{', b'"contacts":{"1":[{', 1)
                        .replace(b'}},\n"changes"', b'}]},\n"changes"', 1))
    assert isinstance(orjson.loads(db_path.read_bytes())["contacts"]["1"], list)
    with pytest.raises(DatabaseCorrupt, match="JSON but not a TinyDB database"):
        JournalStorage(db_path, read_only=True).read()
