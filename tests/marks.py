"""Shared test marks: import as ``from tests.marks import needs_shared``."""

from __future__ import annotations

import pytest

from crosswire.eval.paths import data_dir, have_shared_data

needs_shared = pytest.mark.skipif(
    not have_shared_data(), reason=f"labelled corpora not found at {data_dir()} (../shared absent)"
)
