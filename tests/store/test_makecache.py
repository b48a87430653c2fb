"""The cache made in a process of its own, for the app's start on a large file that
has none: the app then opens from it and never holds what reading the file took."""

from __future__ import annotations

from pathlib import Path

import pytest

from peoplelinks.service import PeopleLinks
from peoplelinks.store.cache import cache_path
from peoplelinks.store.makecache import make_cache, needs_cache
from tests.store.test_cache import _people, _view


def test_the_cache_is_made_aside_and_the_app_writes_from_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    _people(path, 20)
    assert not needs_cache(path)  # small: read whole faster than a cache is checked
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)
    assert needs_cache(path) and not cache_path(path).exists()
    assert make_cache(path)
    assert not needs_cache(path)
    with PeopleLinks.open(path, read_only=True) as plain:
        expected = _view(plain)
    with PeopleLinks.open(path, cached=True) as app:
        assert app.db.storage.overlay is not None  # off the cache, the file unread
        assert _view(app) == expected


def test_no_cache_is_made_of_a_damaged_file_nor_when_cancelled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("peoplelinks.store.database.CACHE_FROM_BYTES", 0)
    path = tmp_path / "db.json"
    _people(path, 5)
    assert not make_cache(path, cancelled=lambda: True)
    assert needs_cache(path)
    path.write_bytes(path.read_bytes()[:-20])
    assert not make_cache(path)
    assert not cache_path(path).exists()
