"""Fixtures shared by the test modules: a fresh store, and a local HTTP server for pages and feeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.store.db import Store
from tests.fixtures.local_server import LocalServer, serve


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "cw.db") as s:
        yield s


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with serve() as srv:
        yield srv
